/**
 * Recording an allocation (配分) of the goodwill bank's money under the allocation plan of its date's fiscal year:
 * never more than what is left of its purpose's money that year (read in the same transaction with the year held, so
 * two allocations sent at once cannot together give out more than came in), and once however often the form is sent —
 * the form's one-time key becomes the allocation's id, and an allocation cannot be deleted.
 */
import { allocatedByPurpose, GENERAL_PURPOSE, planOfYear, receivedByPurpose, sameAllocation, unallocatedYen, type NewAllocation } from '../../domain/donation-admin';
import { parseYen } from '../../domain/donation';
import { isCalendarDate } from '../../domain/japan-time';
import { fiscalYearOf } from '../../domain/volunteer';
import { auditOf, type StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';

export const RECIPIENT_MAX = 100;
export const ALLOCATION_NOTE_MAX = 200;

/** The allocation form as staff filled it in (the amount as typed: `50000`, `5万円`). */
export interface AllocationForm {
  /** The form's one-time key; null when the form sent none that could be one (a page too old). */
  formKey: string | null;
  purposeCode: string;
  amount: string;
  recipient: string;
  /** YYYY-MM-DD. */
  allocatedOn: string;
  note: string;
}

export type RecordAllocationOutcome =
  /** Recorded, or already recorded from this form with the same values (a form sent twice). */
  | { ok: true; fiscalYear: number }
  | { ok: false; refused: 'noPlans' | 'staleForm' | 'noDate' | 'badAmount' | 'noRecipient' | 'keyUsed' }
  | { ok: false; refused: 'noPlanForYear' | 'unknownPurpose'; fiscalYear: number }
  | { ok: false; refused: 'recipientTooLong' | 'noteTooLong'; length: number }
  | { ok: false; refused: 'overUnallocated'; fiscalYear: number; leftYen: number; amountYen: number };

export async function recordAllocation(deps: DonationDeps, form: AllocationForm, by: StaffAct): Promise<RecordAllocationOutcome> {
  if (deps.plans.length === 0) return { ok: false, refused: 'noPlans' };
  const key = form.formKey;
  if (!key) return { ok: false, refused: 'staleForm' };
  if (!isCalendarDate(form.allocatedOn)) return { ok: false, refused: 'noDate' };
  const plan = planOfYear(deps.plans, fiscalYearOf(form.allocatedOn));
  if (!plan) return { ok: false, refused: 'noPlanForYear', fiscalYear: fiscalYearOf(form.allocatedOn) };
  const fy = plan.fiscalYear;
  if (form.purposeCode !== GENERAL_PURPOSE && !plan.purposes.some((p) => p.code === form.purposeCode)) return { ok: false, refused: 'unknownPurpose', fiscalYear: fy };
  const amountYen = parseYen(form.amount);
  if (amountYen === null) return { ok: false, refused: 'badAmount' };
  if (!form.recipient) return { ok: false, refused: 'noRecipient' };
  if (form.recipient.length > RECIPIENT_MAX) return { ok: false, refused: 'recipientTooLong', length: form.recipient.length };
  if (form.note.length > ALLOCATION_NOTE_MAX) return { ok: false, refused: 'noteTooLong', length: form.note.length };
  const allocation: NewAllocation = { purposeCode: form.purposeCode, amountYen, recipient: form.recipient, note: form.note || null, allocatedOn: form.allocatedOn, createdBy: by.staffId };
  // One transaction holds the connection, so a second send of the form waits here and then finds the first; the year
  // is held before that (always in this order), so another form of the same year waits and then reads what is left.
  return deps.work.run(async ({ offers, allocations, audit }) => {
    await allocations.holdYear(fy);
    const existing = await allocations.find(key);
    if (existing) return sameAllocation(existing, allocation) ? { ok: true, fiscalYear: fy } : { ok: false, refused: 'keyUsed' };
    const leftYen = unallocatedYen(allocation.purposeCode, receivedByPurpose(await offers.receivedIn(fy)), allocatedByPurpose(await allocations.list(fy)));
    if (amountYen > leftYen) return { ok: false, refused: 'overUnallocated', fiscalYear: fy, leftYen, amountYen };
    await allocations.add(key, allocation, by.at);
    // Who received it may be a household: only the figures go into the log.
    await audit.record(auditOf(by, { action: 'allocation.create', subjectType: 'allocation', subjectId: key, detail: { purposeCode: allocation.purposeCode, amountYen, allocatedOn: allocation.allocatedOn, fiscalYear: fy } }));
    return { ok: true, fiscalYear: fy };
  });
}
