/**
 * Moving a centre's status (準備中 → 開設中 ⇄ 受付停止 → 終了) by the moves `mayMoveCentre` allows. At most one centre
 * runs (開設中 or 受付停止) at once: refused here when another runs, and decided again in the statement that moves
 * it, so of two openings at once the second loses. The move and its audit row together; then, when the centre
 * starts or stops running, every resident's LINE menu switches (to the disaster menu, or back to the main one). A
 * switch LINE refused leaves the move made and is reported, to be tried again.
 */
import { isRunning, mayMoveCentre, type CentreStatus } from '../../domain/disaster/centre';
import { auditOf, type StaffAct } from '../staff-act';
import type { DisasterDeps, MenuName } from './disaster-deps';

export type MoveCentreOutcome =
  /** `menu`: the switch the move called for (null: none); `menuError`: why it failed (the route logs it), or null. */
  | { ok: true; menu: MenuName | null; menuError: string | null }
  | { ok: false; refused: 'unknown' | 'notAllowed' | 'movedMeanwhile' | 'notConfirmed' }
  | { ok: false; refused: 'anotherRunning'; running: string };

/** `from` as staff saw it; closing needs `confirmed` (the centre cannot be opened again). */
export async function moveCentre(deps: DisasterDeps, centreId: string, from: CentreStatus, to: CentreStatus, confirmed: boolean, by: StaffAct): Promise<MoveCentreOutcome> {
  if (!mayMoveCentre(from, to)) return { ok: false, refused: 'notAllowed' };
  if (to === 'closed' && !confirmed) return { ok: false, refused: 'notConfirmed' };
  const moved = await deps.work.run(async ({ disaster, audit }): Promise<MoveCentreOutcome | { ok: true; drill: boolean }> => {
    const now = await disaster.centreState(centreId);
    if (!now) return { ok: false, refused: 'unknown' };
    if (now.status !== from) return { ok: false, refused: 'movedMeanwhile' };
    if (isRunning(to) && !isRunning(from)) {
      const other = await disaster.runningCentre(centreId);
      if (other) return { ok: false, refused: 'anotherRunning', running: other.name };
    }
    if (!(await disaster.moveCentre(centreId, from, to, by.at))) {
      // The statement's own check lost to a colleague's move or another centre's opening, committed meanwhile.
      const other = isRunning(to) ? await disaster.runningCentre(centreId) : null;
      return other ? { ok: false, refused: 'anotherRunning', running: other.name } : { ok: false, refused: 'movedMeanwhile' };
    }
    await audit.record(auditOf(by, { action: 'disaster.centre.status', subjectType: 'disasterCentre', subjectId: centreId, detail: { from, to, drill: now.drill } }));
    return { ok: true, drill: now.drill };
  });
  if (!moved.ok) return moved;
  const menu: MenuName | null = isRunning(to) === isRunning(from) ? null : isRunning(to) ? 'disaster' : 'main';
  return { ok: true, menu, menuError: menu ? await switchMenu(deps, menu) : null };
}

/** Switches the LINE menu: null when done, or why it failed (the page offers to try again). */
export async function switchMenu(deps: Pick<DisasterDeps, 'richMenu'>, to: MenuName): Promise<string | null> {
  try {
    await deps.richMenu(to);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
