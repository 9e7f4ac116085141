import type { NeedFingerprint } from '../../domain/disaster/duplicates';
import type { NewNeed } from '../../domain/disaster/store';
import { screenNeed, type ScreeningRule } from '../../domain/disaster/screening';
import { msg, type Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { formDraft } from '../common/draft';
import type { FlowContext, FlowData, Transition } from '../engine/types';
import { disasterContext } from './module-context';

/**
 * What the needs form holds while it is filled in (plain JSON in the flow state): the need as it will be stored,
 * with the photos' message ids and the chosen days under shorter names, less what saving works out.
 */
export type NeedDraft = Omit<NewNeed, 'referenceNo' | 'screening' | 'photoMessageIds' | 'preferredDates'> & { photos: string[]; dates: string[] };

/** The answers under `draft`; a fix goes back to the summary (`confirm`). */
export const { draftOf, withDraft } = formDraft<NeedDraft>('draft', 'confirm');

/** The questions in order; the proxy's questions are asked of proxies, `workOther` after その他, `phone` for a call back. */
export const NEED_ORDER = ['relation', 'householdName', 'householdPhone', 'reporterName', 'address', 'pin', 'damage', 'work', 'workOther', 'cannotDo', 'photos', 'households', 'dates', 'contact', 'phone', 'notes'] as const;
export type NeedQuestion = (typeof NEED_ORDER)[number];

/** Steps that follow an answer even when it fixes the summary. */
const FOLLOW_UP: Partial<Record<NeedQuestion, NeedQuestion>> = { relation: 'householdName', householdName: 'householdPhone', householdPhone: 'reporterName', address: 'pin', work: 'workOther', contact: 'phone' };

/** Whether a question is asked, given the answers so far. */
function asked(q: NeedQuestion, d: Partial<NeedDraft>): boolean {
  if (q === 'householdName' || q === 'householdPhone' || q === 'reporterName') return d.relation !== undefined && d.relation !== 'self';
  if (q === 'workOther') return (d.work ?? []).includes('other');
  if (q === 'phone') return d.contactMethod === 'phone';
  return true;
}

/** After answering `q`: the next question asked, or the summary (also after a fix, unless the answer has a follow-up). */
export function afterNeed(q: NeedQuestion, data: FlowData): Transition {
  const d = draftOf(data);
  const next = NEED_ORDER.slice(NEED_ORDER.indexOf(q) + 1).find((n) => asked(n, d));
  if (data.fixing && (!next || FOLLOW_UP[q] !== next)) return { to: 'confirm', data: { ...data, fixing: false } };
  return next ? { to: next, data } : { to: 'confirm', data };
}

/** The council's screening rules (none without a disaster section). */
export function rulesOf(ctx: FlowContext): ScreeningRule[] {
  return disasterContext(ctx).settings?.needs.screening ?? [];
}

/** The rules the answers raise: ticked, by the work asked for, or by the words of その他 and the notes. */
export function screened(d: Partial<NeedDraft>, ctx: FlowContext): ScreeningRule[] {
  const text = [d.workOther, d.notes].filter(Boolean).join('\n');
  return screenNeed({ workKinds: d.work ?? [], cannotDo: d.cannotDo ?? [], text }, rulesOf(ctx));
}

/**
 * Told at once, honestly: what the answers raise that has not been told yet — that the centre's volunteers cannot do
 * it, and where to turn instead — and that the rest can still be sent. The codes told are kept in `told`.
 */
export function tellScreening(t: Transition, ctx: FlowContext): Transition {
  if (!('to' in t)) return t;
  const told = Array.isArray(t.data.told) ? (t.data.told as string[]) : [];
  const fresh = screened(draftOf(t.data), ctx).filter((r) => !told.includes(r.code));
  if (!fresh.length) return t;
  const lines: Msg[] = [msg('disasterNeed:screening.lead'), ...fresh.map((r) => msg('disasterNeed:screening.rule', { name: r.name, referral: r.referral })), msg('disasterNeed:screening.rest')];
  const before: OutMessage[] = [...(t.before ?? []), { lines }];
  return { ...t, before, data: { ...t.data, told: [...told, ...fresh.map((r) => r.code)] } };
}

/** What the duplicate search compares of a form's answers (the household's phone, else the call-back number). */
export function needFingerprint(data: FlowData, residentId: string): NeedFingerprint {
  const d = draftOf(data);
  return { residentId, phone: d.householdPhone ?? d.phone ?? null, address: d.address ?? null, location: d.location ?? null };
}
