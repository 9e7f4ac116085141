import { msg, type Msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { upcomingSessions, withChanges } from '../../domain/salon-schedule';
import { jstDate, jstMidnight } from '../../domain/japan-time';
import { choiceChip, postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import { districtStep } from '../common/steps';
import type { CouncilView, Flow, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { pageOf } from '../common/paging';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { eventsContext } from '../events/module-context';

/** How far ahead the list looks for each salon's next session, and the salon page for its next few. */
export const SESSION_DAYS_AHEAD = 42;
export const DETAIL_DAYS_AHEAD = 92;
export const SESSIONS_SHOWN = 3;
/** Salons listed per message (big buttons; one more for the next page and one for another district). */
export const SALONS_PER_PAGE = 4;

type Salon = CouncilView['salons'][number];

function salonsOf(ctx: FlowContext, district: unknown): Salon[] {
  return ctx.council.salons.filter((s) => (typeof district === 'string' ? s.district === district : true));
}

function chosen(ctx: FlowContext, data: FlowData): Salon | undefined {
  return ctx.council.salons.find((s) => s.code === data.salon);
}

/**
 * The next sessions with staff changes applied (cancelled ones left out, extra ones added), each followed by the
 * notes staff attached to its day; on a salon's page, also the days it is cancelled within that span.
 */
function sessionLines(s: Salon, ctx: FlowContext, count: number, days: number, showCancelled = false): Msg[] {
  const changes = eventsContext(ctx).salonChanges.filter((c) => c.salon === s.code);
  const sessions = upcomingSessions(withChanges(s.schedule, changes), ctx.now, days).slice(0, count);
  const lines: Msg[] = sessions.length === 0 ? [msg('salons:noSession')] : [];
  for (const x of sessions) {
    lines.push(msg('salons:session', { start: x.start.getTime(), end: x.end.getTime() }));
    for (const c of changes) if (c.kind === 'note' && c.date === x.date && c.note) lines.push(msg('salons:sessionNote', { note: c.note }));
  }
  if (showCancelled) {
    const until = sessions.at(-1)?.date ?? jstDate(jstMidnight(ctx.now) + days * 86_400_000);
    for (const c of changes) if (c.kind === 'cancelled' && c.date <= until) lines.push(msg('salons:cancelledOn', { date: Date.parse(`${c.date}T00:00:00+09:00`) }));
  }
  return lines;
}

type ListAnswer = { salon: string } | { page: number } | { other: true };

const list: StepDef<ListAnswer> = {
  prompt: (data, ctx) => {
    const all = salonsOf(ctx, data.district);
    const district = ctx.council.districts.find((d) => d.code === data.district);
    const lang = ctx.resident.language;
    if (all.length === 0) {
      const none = district ? msg('salons:none', { district: district.name[lang] }) : msg('salons:noneAll');
      // Without a district every salon was looked at, so another district would show nothing either.
      if (typeof data.district !== 'string') return [{ lines: [none] }];
      return [{ lines: [none], buttons: [postbackChip(msg('salons:otherDistrict'), 'sl=other')] }];
    }
    const page = pageOf(data, all.length, SALONS_PER_PAGE);
    const salons = all.slice(page * SALONS_PER_PAGE, (page + 1) * SALONS_PER_PAGE);
    const lines: Msg[] = [district ? msg('salons:listIn', { district: district.name[lang] }) : msg('salons:listAll')];
    for (const s of salons) lines.push(msg('salons:listItem', { name: s.name[lang] }), ...sessionLines(s, ctx, 1, SESSION_DAYS_AHEAD));
    const buttons: Chip[] = salons.map((s) => choiceChip(s, ctx, `sl=${s.code}`));
    if ((page + 1) * SALONS_PER_PAGE < all.length) buttons.push(postbackChip(msg('salons:more'), `slp=${page + 1}`));
    buttons.push(postbackChip(msg('salons:otherDistrict'), 'sl=other'));
    return [{ lines, buttons }];
  },
  parse: (input, data, ctx): Parsed<ListAnswer> => {
    // Paging has its own postback key, so no salon code can be mistaken for it.
    const page = postbackValue(input, 'slp');
    if (page !== null && /^\d+$/.test(page)) return { ok: true, value: { page: Number(page) } };
    const v = postbackValue(input, 'sl');
    if (v === 'other') return { ok: true, value: { other: true } };
    if (v && salonsOf(ctx, data.district).some((s) => s.code === v)) return { ok: true, value: { salon: v } };
    return { ok: false, error: msg('common:pleaseTap') };
  },
  next: (v, data) =>
    'other' in v ? { to: 'district', data: {} } : 'page' in v ? { to: 'list', data: { ...data, page: v.page } } : { to: 'detail', data: { ...data, salon: v.salon } },
};

function followed(ctx: FlowContext, code: string): boolean {
  return ctx.resident.salons.includes(code);
}

function toggle(ctx: FlowContext, code: string): string[] {
  return followed(ctx, code) ? ctx.resident.salons.filter((c) => c !== code) : [...ctx.resident.salons, code];
}

const detail: StepDef<'follow' | 'back'> = {
  prompt: (data, ctx) => {
    const s = chosen(ctx, data);
    if (!s) return [{ lines: [msg('salons:gone')], buttons: [postbackChip(msg('salons:back'), 'sd=back')] }];
    const lines: Msg[] = [
      msg('common:literal', { text: s.name[ctx.resident.language] }),
      msg('salons:next'),
      ...sessionLines(s, ctx, SESSIONS_SHOWN, DETAIL_DAYS_AHEAD, true),
      msg('salons:place', { place: s.place }),
      msg('salons:fee', { fee: s.fee }),
      ...(s.bring ? [msg('salons:bring', { bring: s.bring })] : []),
      ...(s.accessibility ? [msg('salons:accessibility', { accessibility: s.accessibility })] : []),
      msg('salons:contact', { contact: s.contact }),
    ];
    return [
      { lines },
      {
        lines: [msg(followed(ctx, s.code) ? 'salons:following' : 'salons:followAsk')],
        buttons: [postbackChip(msg(followed(ctx, s.code) ? 'salons:unfollow' : 'salons:follow'), 'sd=follow'), postbackChip(msg('salons:back'), 'sd=back')],
      },
    ];
  },
  parse: (input) => parseChoice(input, 'sd', ['follow', 'back'] as const),
  next: (v, data, ctx): Transition => {
    const s = chosen(ctx, data);
    if (v === 'back' || !s) return { to: 'list', data: { district: data.district, ...(typeof data.page === 'number' ? { page: data.page } : {}) } };
    if (ctx.resident.consent !== 'granted') return { to: 'consent', data, before: [{ lines: [msg('salons:consentNeeded')] }] };
    const salons = toggle(ctx, s.code);
    return { to: 'detail', data, effects: [{ type: 'updateResident', patch: { salons } }], before: [{ lines: [msg(salons.includes(s.code) ? 'salons:followed' : 'salons:unfollowed')] }] };
  },
};

/**
 * Salons (いきいきサロン and other 通いの場): those of the resident's district (or one they pick, or all when they
 * skip it), four at a time, each with its next sessions and details, and following a salon for its notices (after
 * consent).
 */
export const salonsFlow: Flow = {
  id: 'salons',
  version: 1,
  start: (ctx) => (ctx.resident.districtCode && salonsOf(ctx, ctx.resident.districtCode).length ? { to: 'list', data: { district: ctx.resident.districtCode } } : { to: 'district', data: {} }),
  steps: {
    district: districtStep((district, data) => ({ to: 'list', data: { ...data, district } }), 'district'),
    list,
    detail,
    consent: consentStep(
      (answer, data, ctx) => {
        const s = chosen(ctx, data);
        if (answer === 'no' || !s) return { to: 'detail', data, before: [{ lines: [msg('salons:notFollowed')] }] };
        const salons = toggle(ctx, s.code);
        return { to: 'detail', data, effects: [{ type: 'updateResident', patch: { ...consentGranted(ctx), salons } }], before: [{ lines: [msg('salons:followed')] }] };
      },
      'consent',
    ),
  },
};
