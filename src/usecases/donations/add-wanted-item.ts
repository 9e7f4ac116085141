/** Adding something the council asks donors for (欲しいもの); donors see it when they open the donation menu. */
import { auditOf, type StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';

export const WANTED_NAME_MAX = 40;
export const WANTED_NOTE_MAX = 100;

export type AddWantedItemOutcome = { ok: true; id: string } | { ok: false; refused: 'noName' } | { ok: false; refused: 'nameTooLong' | 'noteTooLong'; length: number };

export async function addWantedItem(deps: Pick<DonationDeps, 'work'>, item: { name: string; note: string }, by: StaffAct): Promise<AddWantedItemOutcome> {
  if (!item.name) return { ok: false, refused: 'noName' };
  if (item.name.length > WANTED_NAME_MAX) return { ok: false, refused: 'nameTooLong', length: item.name.length };
  if (item.note.length > WANTED_NOTE_MAX) return { ok: false, refused: 'noteTooLong', length: item.note.length };
  return deps.work.run(async ({ wanted, audit }) => {
    const id = await wanted.add({ name: item.name, note: item.note || null }, by.at);
    await audit.record(auditOf(by, { action: 'wantedItem.add', subjectType: 'wantedItem', subjectId: id, detail: { name: item.name } }));
    return { ok: true, id };
  });
}
