/**
 * Triage of a need besides its status: its priority (高/中/低), its flags (危機介入, 見守り, 要配慮, 場所不明, 重複)
 * and the site-survey decision (現地調査). Each change with its history event and audit row in one transaction; a
 * change to what the need already holds writes nothing. Setting 危機介入 (off to on, not again while it stays on)
 * hands the household to the consultation team in the same transaction (`flagNeedCrisis`); clearing it closes no
 * thread — staff close those when they are done.
 */
import type { NeedFlag, NeedPriority, SurveyDecision } from '../../domain/disaster/needs';
import { NEED_FLAGS } from '../../domain/disaster/needs';
import { auditOf, type StaffAct } from '../staff-act';
import { flagNeedCrisis } from './flag-need-crisis';
import type { NeedsDeps } from './needs-deps';

/** One triage change: the priority, the whole set of flags, or the survey decision (null: undecided). */
export type NeedChange = { priority: NeedPriority } | { flags: NeedFlag[] } | { surveyDecision: SurveyDecision | null };

/** `changed` false when the need already held it. */
export type ChangeNeedOutcome = { ok: true; changed: boolean } | { ok: false; refused: 'unknown' };

/** Applies `change` to the need, with its event and audit row. */
export async function changeNeed(deps: NeedsDeps, needId: string, change: NeedChange, by: StaffAct): Promise<ChangeNeedOutcome> {
  return deps.work.run(async (repos): Promise<ChangeNeedOutcome> => {
    const { needs, audit } = repos;
    const need = await needs.need(needId);
    if (!need || need.mergedIntoId) return { ok: false, refused: 'unknown' };
    const centre = await needs.centre(need.centreId);
    let kind: 'priority' | 'flags' | 'survey';
    let from: string | null;
    let to: string | null;
    if ('priority' in change) {
      [kind, from, to] = ['priority', need.priority, change.priority];
    } else if ('flags' in change) {
      const wanted = change.flags;
      const flags = NEED_FLAGS.filter((f) => wanted.includes(f));
      [kind, from, to] = ['flags', need.flags.join(','), flags.join(',')];
      change = { flags };
    } else {
      [kind, from, to] = ['survey', need.surveyDecision, change.surveyDecision];
    }
    if (from === to) return { ok: true, changed: false };
    await needs.update(needId, change, by.at);
    await needs.recordEvent(needId, { kind, from, to, note: null, staffId: by.staffId, at: by.at });
    await audit.record(auditOf(by, { action: 'disaster.need.change', subjectType: 'need', subjectId: needId, detail: { kind, from, to, drill: centre?.drill ?? false } }));
    if ('flags' in change && change.flags.includes('crisis') && !need.flags.includes('crisis')) await flagNeedCrisis(deps, repos, need, centre?.drill ?? false, by);
    return { ok: true, changed: true };
  });
}
