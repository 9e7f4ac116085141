/**
 * An admin erases a resident's personal data (/console/residents/:id, 「消去する」): every feature's statements by the
 * erasure rules, the resident's open data requests marked done and the audit row, in ONE transaction — a failure
 * anywhere leaves everything as it was. The audit row holds no personal data (the marker, how many requests closed).
 */
import type { ErasureRepositories } from '../../domain/resident-data';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

export type EraseResult = { ok: true; marker: string } | { ok: false; code: 'notFound' | 'alreadyErased' };

export function eraseResidentData(work: UnitOfWork<ErasureRepositories>, residentId: string, by: StaffAct): Promise<EraseResult> {
  return work.run(async ({ reader, eraser, requests, audit }) => {
    const resident = await reader.summary(residentId);
    if (!resident) return { ok: false, code: 'notFound' } as const;
    if (resident.erasure) return { ok: false, code: 'alreadyErased' } as const;
    const { marker } = await eraser.erase(residentId, by.at, by.staffId);
    const requestsDone = await requests.markAllDone(residentId, by.at, by.staffId);
    await audit.record(auditOf(by, { action: 'resident.data.erase', subjectType: 'resident', subjectId: residentId, residentId, detail: { marker, requestsDone } }));
    return { ok: true, marker } as const;
  });
}
