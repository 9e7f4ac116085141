import { parsePhone } from '../../domain/consultation';
import { HOUSEHOLDS } from '../../domain/disaster/needs';
import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { FlowContext, Parsed, StepDef } from '../engine/types';
import { dateParam, daysAhead } from './answers';
import { afterNeed, draftOf, tellScreening, withDraft } from './need-draft';
import { NEED_TEXT_MAX } from './need-steps';
import { toggleStep } from './need-toggle';

/** Photos kept per need. */
export const NEED_PHOTOS_MAX = 3;
/** How far ahead preferred days are asked: today and the next 13 days. */
export const NEED_DAYS_AHEAD = 14;

/** Up to three photos, one message at a time, then 決定 — or none (とばす). */
export const photosStep: StepDef<{ photo: string } | 'done'> = {
  prompt: (data) => {
    const count = (draftOf(data).photos ?? []).length;
    return [{ lines: [msg(count ? 'disasterNeed:photos.added' : 'disasterNeed:photos.prompt', { count, max: NEED_PHOTOS_MAX })], buttons: [postbackChip(msg(count ? 'disasterNeed:done' : 'disasterNeed:photos.skip'), 'dns=photos')] }];
  },
  parse: (input, data): Parsed<{ photo: string } | 'done'> => {
    if (postbackValue(input, 'dns') === 'photos') return { ok: true, value: 'done' };
    if (input.kind === 'media' && input.mediaType === 'image') {
      return (draftOf(data).photos ?? []).length < NEED_PHOTOS_MAX ? { ok: true, value: { photo: input.messageId } } : { ok: false, error: msg('disasterNeed:photos.tooMany', { max: NEED_PHOTOS_MAX }) };
    }
    return { ok: false, error: msg('disasterNeed:photos.invalid') };
  },
  next: (v, data) => {
    const photos = draftOf(data).photos ?? [];
    if (v === 'done') return afterNeed('photos', withDraft(data, { photos }));
    const more = withDraft(data, { photos: [...photos, v.photo] });
    return photos.length + 1 >= NEED_PHOTOS_MAX ? afterNeed('photos', more) : { to: 'photos', data: more };
  },
};

/** Who lives there, after saying why it is asked (sensitive; only to prioritise help); optional. */
export const householdsStep = toggleStep({
  q: 'households',
  key: 'dnh',
  codes: () => [...HOUSEHOLDS],
  label: (c) => msg(`disasterNeed:households.${c}`),
  prompt: () => [msg('disasterNeed:households.why'), msg('disasterNeed:households.prompt')],
  none: 'disasterNeed:households.skip',
});

/** Today and the next days the preferred-days question offers. */
export function needDaysAhead(ctx: FlowContext): string[] {
  return daysAhead(ctx, NEED_DAYS_AHEAD);
}

type DatesAnswer = { toggle: string } | 'any' | 'done';

/** Preferred days: picked one at a time in LINE's date picker (a chip removes one), or any day, then 決定. */
export const needDatesStep: StepDef<DatesAnswer> = {
  prompt: (data, ctx) => {
    const days = needDaysAhead(ctx);
    const chosen = draftOf(data).dates ?? [];
    return [
      {
        lines: [msg('disasterNeed:dates.prompt'), msg(chosen.length ? 'disasterNeed:chosen' : 'disasterNeed:noneYet', { count: chosen.length })],
        buttons: [
          { kind: 'datePicker', label: msg('disasterNeed:dates.pick'), data: 'dnt=date', min: days[0]!, max: days.at(-1)!, initial: days[0]! },
          postbackChip(msg('disasterNeed:dates.any'), 'dnt=any'),
          ...(chosen.length ? [postbackChip(msg('disasterNeed:done'), 'dnt=done')] : []),
        ],
        ...(chosen.length ? { chips: chosen.slice(0, 10).map((d) => postbackChip(msg('disasterNeed:dates.chip', { date: dateParam(d) }), `dnt=${d}`)) } : {}),
      },
    ];
  },
  parse: (input, _data, ctx): Parsed<DatesAnswer> => {
    const v = postbackValue(input, 'dnt');
    if (v === 'any' || v === 'done') return { ok: true, value: v };
    const date = v === 'date' && input.kind === 'postback' ? input.params?.date : v;
    if (date && needDaysAhead(ctx).includes(date)) return { ok: true, value: { toggle: date } };
    return { ok: false, error: msg(v === 'date' ? 'disasterNeed:dates.outOfRange' : 'common:pleaseTap') };
  },
  next: (v, data) => {
    const chosen = draftOf(data).dates ?? [];
    if (v === 'any') return afterNeed('dates', withDraft(data, { dates: [], anyDay: true }));
    if (v === 'done') return afterNeed('dates', withDraft(data, { anyDay: false }));
    const dates = chosen.includes(v.toggle) ? chosen.filter((d) => d !== v.toggle) : [...chosen, v.toggle].sort();
    return { to: 'dates', data: withDraft(data, { dates }) };
  },
};

/** How the centre gets in touch: through LINE, or a phone call (the number next). */
export const contactStep: StepDef<'line' | 'phone'> = {
  prompt: () => [{ lines: [msg('disasterNeed:contact.prompt')], buttons: [postbackChip(msg('disasterNeed:contact.line'), 'dnc=line'), postbackChip(msg('disasterNeed:contact.phone'), 'dnc=phone')] }],
  parse: (input) => parseChoice(input, 'dnc', ['line', 'phone'] as const),
  next: (v, data) => afterNeed('contact', withDraft(data, v === 'line' ? { contactMethod: v, phone: null } : { contactMethod: v })),
};

export const needPhoneStep: StepDef<string> = {
  prompt: (data) => {
    const known = draftOf(data).householdPhone;
    return [{ lines: [msg('disasterNeed:phone.prompt')], ...(known ? { buttons: [postbackChip(msg('disasterNeed:phone.same', { phone: known }), `dnp=${known}`)] } : {}) }];
  },
  parse: (input): Parsed<string> => {
    const raw = postbackValue(input, 'dnp') ?? (input.kind === 'text' ? input.text : '');
    const digits = parsePhone(raw);
    return digits ? { ok: true, value: digits } : { ok: false, error: msg('disasterNeed:phone.invalid') };
  },
  next: (v, data) => afterNeed('phone', withDraft(data, { phone: v })),
};

/** Anything else to say (or とばす); its words are screened too. */
export const notesStep: StepDef<string | null> = {
  prompt: () => [{ lines: [msg('disasterNeed:notes.prompt')], buttons: [postbackChip(msg('disasterNeed:notes.skip'), 'dns=notes')] }],
  parse: (input): Parsed<string | null> => {
    if (postbackValue(input, 'dns') === 'notes') return { ok: true, value: null };
    const s = input.kind === 'text' ? input.text.trim() : '';
    return s && s.length <= NEED_TEXT_MAX.notes ? { ok: true, value: s } : { ok: false, error: msg('disasterNeed:notes.invalid', { max: NEED_TEXT_MAX.notes }) };
  },
  next: (v, data, ctx) => tellScreening(afterNeed('notes', withDraft(data, { notes: v })), ctx),
};
