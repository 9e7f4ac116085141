import type { StepCommit } from '../../domain/stores';
import type { NewComplaint } from '../../domain/complaint';
import type { Db } from './database';
import type { ModuleWriter } from './module-writer';

/**
 * The complaints module's statements for the step's transaction: the complaint, linked to the resident only when
 * they left a way to reach them (`named`, after consent); an anonymous one is stored with no resident and no
 * contact, so nothing in the row leads back to who sent it.
 */
export const complaintsWriter: ModuleWriter = {
  module: 'complaints',
  each: (db, data, c: StepCommit) => {
    const { complaint: k, named } = data as { complaint: NewComplaint; named: boolean };
    const anonymous = !named || k.contact === 'none';
    return [
      db.complaint.create({
        data: {
          referenceNo: k.referenceNo,
          kind: k.kind,
          topic: k.topic,
          text: k.text,
          contact: anonymous ? 'none' : k.contact,
          phone: anonymous ? null : k.phone,
          residentId: anonymous ? null : c.residentId,
          status: 'new',
          createdAt: c.now,
          updatedAt: c.now,
        },
      }),
    ];
  },
};
