/** 「確認しました」 on an urgent alert from the field: acknowledged once, by whom and when, with its audit row. */
import type { FieldRepositories } from '../../domain/disaster/field-admin';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

/** True when this act acknowledged it; false when it was already acknowledged (or is not there). */
export async function acknowledgeFieldAlert(work: UnitOfWork<Pick<FieldRepositories, 'field' | 'audit'>>, alertId: string, by: StaffAct): Promise<boolean> {
  return work.run(async ({ field, audit }) => {
    if (!(await field.acknowledge(alertId, by.staffId, by.at))) return false;
    await audit.record(auditOf(by, { action: 'disaster.alert.ack', subjectType: 'fieldAlert', subjectId: alertId }));
    return true;
  });
}
