import type { FieldReportInput } from '../../domain/disaster/field-admin';
import { REPORT_HOURS_MAX, REPORT_HOURS_MIN } from '../../domain/disaster/field-report';
import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { FlowData, Parsed, StepDef, Transition } from '../engine/types';

/**
 * The return report's questions (帰着・活動報告), each a pure step over the answers kept in the flow's data. Every
 * question comes back to the summary once it has been seen (`fixing`), so 修正 goes over the answers again.
 */

/** Photos kept per report. */
export const REPORT_PHOTOS_MAX = 4;
/** The longest text answer (what was done, the resident's words, what remains). */
export const REPORT_TEXT_MAX = 500;
/** Hours offered as chips; other hours (3.5) are typed. */
const HOUR_CHIPS = [2, 3, 4, 5, 6];
/** People offered as chips (LINE shows 13 quick replies; the engine adds its own). */
const PEOPLE_CHIPS_MAX = 10;

/** What the report has been told so far. */
export interface ReportDraft {
  back: boolean;
  people: number;
  hours: number;
  done: string;
  remarks: string | null;
  safety: 'none' | 'injury' | 'nearMiss';
  safetyText: string | null;
  photos: string[];
  outcome: 'done' | 'continuing';
  remaining: string | null;
  allReturned: boolean;
  /** Missing pieces per kind. */
  missing: Record<string, number>;
}

/** The flow's data: the team (as loaded when the report began) and the answers. */
export interface ReportData {
  teamId: string;
  teamNumber: number;
  teamPeople: number;
  equipment: Array<{ code: string; name: string; count: number }>;
  draft: Partial<ReportDraft>;
  fixing?: boolean;
}

/** The flow's data with its defaults (a stored state missing a field reads as none). */
export function reportData(data: FlowData): ReportData {
  const d = data as Partial<ReportData>;
  return { teamId: d.teamId ?? '', teamNumber: d.teamNumber ?? 0, teamPeople: d.teamPeople ?? 1, equipment: d.equipment ?? [], draft: d.draft ?? {}, ...(d.fixing ? { fixing: true } : {}) };
}

function withDraft(data: FlowData, patch: Partial<ReportDraft>): FlowData {
  const d = reportData(data);
  return { ...d, draft: { ...d.draft, ...patch } } as unknown as FlowData;
}

/** The report as filed, from the answers. */
export function reportOf(d: ReportData): FieldReportInput {
  const r = d.draft;
  const missing = r.back && !r.allReturned ? Object.entries(r.missing ?? {}).flatMap(([code, count]) => (count > 0 ? [{ code, count }] : [])) : [];
  return {
    back: r.back ?? true,
    people: r.people ?? 0,
    hours: r.hours ?? 0,
    done: r.done ?? '',
    ...(r.remarks ? { remarks: r.remarks } : {}),
    ...(r.safety === 'injury' && r.safetyText ? { injuries: r.safetyText } : {}),
    ...(r.safety === 'nearMiss' && r.safetyText ? { nearMiss: r.safetyText } : {}),
    outcome: r.outcome ?? 'done',
    ...(r.outcome === 'continuing' && r.remaining ? { remaining: r.remaining } : {}),
    allReturned: r.allReturned ?? true,
    missing,
    photoMessageIds: r.photos ?? [],
  };
}

/** The next question in order, or the summary while going over the answers again. */
const ORDER = ['back', 'people', 'hours', 'done', 'remarks', 'safety', 'photos', 'outcome', 'equipment', 'confirm'] as const;

export function after(step: string, data: FlowData): Transition {
  const d = reportData(data);
  if (d.fixing) return { to: 'confirm', data };
  let i = ORDER.indexOf(step as (typeof ORDER)[number]) + 1;
  // A team that went home from the site, or holds no equipment, is not asked what came back.
  if (ORDER[i] === 'equipment' && (!d.equipment.length || d.draft.back === false)) i += 1;
  return { to: ORDER[i]!, data };
}

function text(input: Parameters<StepDef['parse']>[0]): string {
  return input.kind === 'text' ? input.text.trim() : '';
}

/** A number typed in any width (３．５), or null. */
function typedNumber(input: Parameters<StepDef['parse']>[0]): number | null {
  const t = text(input).normalize('NFKC').replace(/(時間|人|h|hours?)$/i, '').trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

export const backStep: StepDef<boolean> = {
  prompt: (data) => [{ lines: [msg('disasterField:report.back.prompt', { team: reportData(data).teamNumber })], buttons: [postbackChip(msg('disasterField:report.back.centre'), 'dfb=centre'), postbackChip(msg('disasterField:report.back.home'), 'dfb=home')] }],
  parse: (input) => {
    const v = parseChoice(input, 'dfb', ['centre', 'home'] as const);
    return v.ok ? { ok: true, value: v.value === 'centre' } : v;
  },
  next: (v, data) => after('back', withDraft(data, { back: v })),
};

export const peopleStep: StepDef<number> = {
  prompt: (data) => {
    const max = reportData(data).teamPeople;
    return [{ lines: [msg('disasterField:report.people.prompt', { max })], chips: Array.from({ length: Math.min(max, PEOPLE_CHIPS_MAX) }, (_, i) => postbackChip(msg('disasterField:report.people.chip', { count: i + 1 }), `dfp=${i + 1}`)) }];
  },
  parse: (input, data): Parsed<number> => {
    const raw = postbackValue(input, 'dfp');
    const n = raw !== null ? Number(raw) : typedNumber(input);
    const max = reportData(data).teamPeople;
    return n !== null && Number.isInteger(n) && n >= 1 && n <= max ? { ok: true, value: n } : { ok: false, error: msg('disasterField:report.people.invalid', { max }) };
  },
  next: (v, data) => after('people', withDraft(data, { people: v })),
};

export const hoursStep: StepDef<number> = {
  prompt: () => [{ lines: [msg('disasterField:report.hours.prompt')], chips: HOUR_CHIPS.map((h) => postbackChip(msg('disasterField:report.hours.chip', { hours: h }), `dfh=${h}`)) }],
  parse: (input): Parsed<number> => {
    const raw = postbackValue(input, 'dfh');
    const n = raw !== null ? Number(raw) : typedNumber(input);
    return n !== null && n >= REPORT_HOURS_MIN && n <= REPORT_HOURS_MAX ? { ok: true, value: n } : { ok: false, error: msg('disasterField:report.hours.invalid', { min: REPORT_HOURS_MIN, max: REPORT_HOURS_MAX }) };
  },
  next: (v, data) => after('hours', withDraft(data, { hours: v })),
};

/** A text question (what was done, what remains): some words, not too many. */
function textStep(key: string, save: (v: string) => Partial<ReportDraft>, step: string, skip?: string): StepDef<string | null> {
  return {
    prompt: () => [{ lines: [msg(`disasterField:report.${key}.prompt`)], ...(skip ? { buttons: [postbackChip(msg('disasterField:report.skip'), `dfs=${skip}`)] } : {}) }],
    parse: (input): Parsed<string | null> => {
      if (skip && postbackValue(input, 'dfs') === skip) return { ok: true, value: null };
      const s = text(input);
      return s && s.length <= REPORT_TEXT_MAX ? { ok: true, value: s } : { ok: false, error: msg('disasterField:report.textInvalid', { max: REPORT_TEXT_MAX }) };
    },
    // What remains is asked within the outcome's question: the next is what follows the outcome.
    next: (v, data) => after(step === 'remaining' ? 'outcome' : step, withDraft(data, save(v ?? ''))),
  };
}

export const doneStep = textStep('done', (v) => ({ done: v }), 'done');
export const remarksStep = textStep('remarks', (v) => ({ remarks: v || null }), 'remarks', 'remarks');
export const remainingStep = textStep('remaining', (v) => ({ remaining: v }), 'remaining');

type SafetyAnswer = 'none' | 'injury' | 'nearMiss';

/** Injuries or near misses (ヒヤリハット): none, or which, then in their words. */
export const safetyStep: StepDef<SafetyAnswer> = {
  prompt: () => [
    {
      lines: [msg('disasterField:report.safety.prompt')],
      buttons: [postbackChip(msg('disasterField:report.safety.none'), 'dfi=none'), postbackChip(msg('disasterField:report.safety.injury'), 'dfi=injury'), postbackChip(msg('disasterField:report.safety.nearMiss'), 'dfi=nearMiss')],
    },
  ],
  parse: (input) => parseChoice(input, 'dfi', ['none', 'injury', 'nearMiss'] as const),
  next: (v, data) => (v === 'none' ? after('safety', withDraft(data, { safety: v, safetyText: null })) : { to: 'safetyText', data: withDraft(data, { safety: v }) }),
};

export const safetyTextStep: StepDef<string> = {
  prompt: (data) => [{ lines: [msg(`disasterField:report.safety.${reportData(data).draft.safety === 'injury' ? 'injuryPrompt' : 'nearMissPrompt'}`)] }],
  parse: (input): Parsed<string> => {
    const s = text(input);
    return s && s.length <= REPORT_TEXT_MAX ? { ok: true, value: s } : { ok: false, error: msg('disasterField:report.textInvalid', { max: REPORT_TEXT_MAX }) };
  },
  next: (v, data) => after('safety', withDraft(data, { safetyText: v })),
};

/** Photos, one message at a time, then 決定 — or none (スキップ). */
export const photosStep: StepDef<{ photo: string } | 'done'> = {
  prompt: (data) => {
    const count = (reportData(data).draft.photos ?? []).length;
    return [{ lines: [msg(count ? 'disasterField:report.photos.added' : 'disasterField:report.photos.prompt', { count, max: REPORT_PHOTOS_MAX })], buttons: [postbackChip(msg(count ? 'disasterField:report.decide' : 'disasterField:report.skip'), 'dfs=photos')] }];
  },
  parse: (input, data): Parsed<{ photo: string } | 'done'> => {
    if (postbackValue(input, 'dfs') === 'photos') return { ok: true, value: 'done' };
    if (input.kind === 'media' && input.mediaType === 'image') {
      return (reportData(data).draft.photos ?? []).length < REPORT_PHOTOS_MAX ? { ok: true, value: { photo: input.messageId } } : { ok: false, error: msg('disasterField:report.photos.tooMany', { max: REPORT_PHOTOS_MAX }) };
    }
    return { ok: false, error: msg('disasterField:report.photos.invalid') };
  },
  next: (v, data) => {
    const photos = reportData(data).draft.photos ?? [];
    if (v === 'done') return after('photos', withDraft(data, { photos }));
    const more = withDraft(data, { photos: [...photos, v.photo] });
    return photos.length + 1 >= REPORT_PHOTOS_MAX ? after('photos', more) : { to: 'photos', data: more };
  },
};

export const outcomeStep: StepDef<'done' | 'continuing'> = {
  prompt: () => [{ lines: [msg('disasterField:report.outcome.prompt')], buttons: [postbackChip(msg('disasterField:report.outcome.done'), 'dfo=done'), postbackChip(msg('disasterField:report.outcome.continuing'), 'dfo=continuing')] }],
  parse: (input) => parseChoice(input, 'dfo', ['done', 'continuing'] as const),
  next: (v, data) => (v === 'continuing' ? { to: 'remaining', data: withDraft(data, { outcome: v }) } : after('outcome', withDraft(data, { outcome: v, remaining: null }))),
};

export const equipmentStep: StepDef<'all' | 'missing'> = {
  prompt: (data) => [
    {
      lines: [msg('disasterField:report.equipment.prompt'), ...reportData(data).equipment.map((e) => msg('disasterField:report.equipment.item', { name: e.name, count: e.count }))],
      buttons: [postbackChip(msg('disasterField:report.equipment.all'), 'dfe=all'), postbackChip(msg('disasterField:report.equipment.missing'), 'dfe=missing')],
    },
  ],
  parse: (input) => parseChoice(input, 'dfe', ['all', 'missing'] as const),
  next: (v, data) => (v === 'all' ? after('equipment', withDraft(data, { allReturned: true, missing: {} })) : { to: 'missing', data: withDraft(data, { allReturned: false, missing: reportData(data).draft.missing ?? {} }) }),
};

/** Which kinds are missing: each tap of a kind counts one more piece missing (back to none after all it had), then 決定. */
export const missingStep: StepDef<{ code: string } | 'done'> = {
  prompt: (data) => {
    const d = reportData(data);
    const missing = d.draft.missing ?? {};
    return [
      {
        lines: [msg('disasterField:report.missing.prompt'), ...d.equipment.filter((e) => (missing[e.code] ?? 0) > 0).map((e) => msg('disasterField:report.missing.item', { name: e.name, count: missing[e.code] ?? 0 }))],
        chips: [...d.equipment.slice(0, 10).map((e) => postbackChip(msg('disasterField:report.missing.chip', { name: e.name }), `dfm=${e.code}`)), postbackChip(msg('disasterField:report.decide'), 'dfm=:done')],
      },
    ];
  },
  parse: (input, data): Parsed<{ code: string } | 'done'> => {
    const v = postbackValue(input, 'dfm');
    if (v === ':done') return { ok: true, value: 'done' };
    if (v && reportData(data).equipment.some((e) => e.code === v)) return { ok: true, value: { code: v } };
    return { ok: false, error: msg('common:pleaseTap') };
  },
  next: (v, data) => {
    const d = reportData(data);
    const missing = { ...(d.draft.missing ?? {}) };
    if (v === 'done') return after('equipment', withDraft(data, { missing, allReturned: !Object.values(missing).some((n) => n > 0) }));
    const had = d.equipment.find((e) => e.code === v.code)!.count;
    missing[v.code] = ((missing[v.code] ?? 0) + 1) % (had + 1);
    return { to: 'missing', data: withDraft(data, { missing }) };
  },
};
