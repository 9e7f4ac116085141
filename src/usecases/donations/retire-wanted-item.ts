/** Taking something off the wanted list (欲しいもの); the record stays. False when it is unknown or already off. */
import { auditOf, type StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';

export function retireWantedItem(deps: Pick<DonationDeps, 'work'>, id: string, by: StaffAct): Promise<boolean> {
  return deps.work.run(async ({ wanted, audit }) => {
    if (!(await wanted.retire(id, by.at))) return false;
    await audit.record(auditOf(by, { action: 'wantedItem.retire', subjectType: 'wantedItem', subjectId: id }));
    return true;
  });
}
