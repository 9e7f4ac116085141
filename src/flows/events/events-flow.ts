import { parsePhone } from '../../domain/consultation';
import { registerByCount, reminderAt, textIn, type EventView, type MyRegistration } from '../../domain/event-registration';
import { jstDate } from '../../domain/japan-time';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { postbackChip, staffTextLines } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { Flow, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { pageOf } from '../common/paging';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { eventEffect, eventsContext } from './module-context';

/** Events listed per message (big buttons; one more for the next page and one to go back). */
export const EVENTS_PER_PAGE = 4;
/** The resident's registrations listed per message, paged like the events (one more button for the next page, one to go back). */
export const MINE_PER_PAGE = 4;
/** The longest name a registration keeps. */
export const NAME_MAX = 40;

function eventOf(ctx: FlowContext, data: FlowData): EventView | undefined {
  return eventsContext(ctx).upcoming.find((e) => e.id === data.event);
}

function mineFor(ctx: FlowContext, eventId: string): MyRegistration | undefined {
  return eventsContext(ctx).mine.find((m) => m.eventId === eventId);
}

function title(e: EventView, ctx: FlowContext): Msg {
  return msg('common:literal', { text: textIn(e.title, ctx.resident.language) });
}

/** When an event takes place; an event ending on a later Japan-time day shows the end's date too. */
function when(e: EventView): Msg {
  const key = jstDate(e.startsAt) === jstDate(e.endsAt) ? 'events:when' : 'events:whenDays';
  return msg(key, { start: e.startsAt.getTime(), end: e.endsAt.getTime() });
}

/** The page to return to after an event page (the first page needs nothing stored). */
function backTo(data: FlowData): FlowData {
  return typeof data.page === 'number' && data.page > 0 ? { page: data.page } : {};
}

/** True when the day-before reminder (one broadcast at 10:00 JST the day before) is still to go out. */
function reminderComing(e: EventView, now: Date): boolean {
  return reminderAt(e.startsAt, now) !== null;
}

/** Whether the event still takes registrations, and whether a new one would go to the waitlist. */
function offer(e: EventView, ctx: FlowContext) {
  return registerByCount(e, e, mineFor(ctx, e.id)?.status ?? null, ctx.now);
}

const choose: StepDef<'salons' | 'list' | 'mine'> = {
  prompt: () => [
    {
      lines: [msg('events:choose.prompt')],
      buttons: [postbackChip(msg('events:choose.salons'), 'ev=salons'), postbackChip(msg('events:choose.list'), 'ev=list'), postbackChip(msg('events:choose.mine'), 'ev=mine')],
    },
  ],
  parse: (input) => parseChoice(input, 'ev', ['salons', 'list', 'mine'] as const),
  next: (v) => (v === 'salons' ? { end: true, then: { flow: 'salons' } } : { to: v, data: {} }),
};

const list: StepDef<{ event: string } | { page: number } | 'back'> = {
  prompt: (data, ctx) => {
    const all = eventsContext(ctx).upcoming;
    if (all.length === 0) return [{ lines: [msg('events:list.none')], buttons: [postbackChip(msg('events:back'), 'el=back')] }];
    const page = pageOf(data, all.length, EVENTS_PER_PAGE);
    const shown = all.slice(page * EVENTS_PER_PAGE, (page + 1) * EVENTS_PER_PAGE);
    const lines: Msg[] = [msg('events:list.title')];
    for (const e of shown) lines.push(msg('events:list.item', { title: textIn(e.title, ctx.resident.language) }), when(e));
    const buttons: Chip[] = shown.map((e) => postbackChip(title(e, ctx), `el=${e.id}`));
    if ((page + 1) * EVENTS_PER_PAGE < all.length) buttons.push(postbackChip(msg('events:list.more'), `el=page${page + 1}`));
    buttons.push(postbackChip(msg('events:back'), 'el=back'));
    return [{ lines, buttons }];
  },
  parse: (input, _data, ctx): Parsed<{ event: string } | { page: number } | 'back'> => {
    const v = postbackValue(input, 'el');
    if (v === 'back') return { ok: true, value: 'back' };
    if (v && /^page\d+$/.test(v)) return { ok: true, value: { page: Number(v.slice(4)) } };
    if (v && eventsContext(ctx).upcoming.some((e) => e.id === v)) return { ok: true, value: { event: v } };
    return { ok: false, error: msg('common:pleaseTap') };
  },
  next: (v, data) => (v === 'back' ? { to: 'choose', data: {} } : 'page' in v ? { to: 'list', data: { page: v.page } } : { to: 'detail', data: { ...data, event: v.event, from: 'list' } }),
};

/** Lines describing an event: when, where, places left, deadline, description, and the resident's own place. */
function detailLines(e: EventView, ctx: FlowContext): Msg[] {
  const mine = mineFor(ctx, e.id);
  const left = Math.max(0, e.capacity - e.registered);
  const o = offer(e, ctx);
  return [
    title(e, ctx),
    msg('events:detail.when'),
    when(e),
    msg('events:detail.place', { place: e.place }),
    left > 0 ? msg('events:detail.left', { capacity: e.capacity, left }) : msg('events:detail.full', { capacity: e.capacity, waiting: e.waitlisted }),
    msg('events:detail.deadline', { deadline: e.deadline.getTime() }),
    ...staffTextLines(e.description, ctx.resident.language),
    ...(mine?.status === 'registered' ? [msg('events:detail.mineRegistered')] : []),
    ...(mine?.status === 'waitlisted' ? [msg('events:detail.mineWaitlisted', { position: mine.position ?? 1 })] : []),
    ...(o.kind === 'closed' ? [msg('events:detail.closed')] : []),
  ];
}

const detail: StepDef<'register' | 'cancel' | 'back'> = {
  prompt: (data, ctx) => {
    const e = eventOf(ctx, data);
    if (!e) return [{ lines: [msg('events:gone')], buttons: [postbackChip(msg('events:backToList'), 'ed=back')] }];
    const o = offer(e, ctx);
    const buttons: Chip[] = [];
    if (o.kind === 'registered') buttons.push(postbackChip(msg('events:detail.register'), 'ed=register'));
    if (o.kind === 'waitlisted') buttons.push(postbackChip(msg('events:detail.waitlist'), 'ed=register'));
    if (o.kind === 'already') buttons.push(postbackChip(msg(o.status === 'registered' ? 'events:detail.cancel' : 'events:detail.leaveWaitlist'), 'ed=cancel'));
    buttons.push(postbackChip(msg('events:backToList'), 'ed=back'));
    return [{ lines: detailLines(e, ctx), buttons }];
  },
  parse: (input) => parseChoice(input, 'ed', ['register', 'cancel', 'back'] as const),
  next: (v, data, ctx): Transition => {
    const e = eventOf(ctx, data);
    const back = data.from === 'mine' ? 'mine' : 'list';
    if (v === 'back' || !e) return { to: back, data: backTo(data) };
    const o = offer(e, ctx);
    if (v === 'cancel') return o.kind === 'already' ? { to: 'cancelConfirm', data } : { to: 'detail', data, before: [{ lines: [msg('events:notRegistered')] }] };
    if (o.kind === 'closed' || o.kind === 'already') return { to: 'detail', data };
    if (ctx.resident.consent !== 'granted') return { to: 'consent', data, before: [{ lines: [msg('events:consentNeeded')] }] };
    return { to: 'name', data };
  },
};

const name: StepDef<string> = {
  prompt: () => [{ lines: [msg('events:name.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = input.kind === 'text' ? input.text.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
    return typed && typed.length <= NAME_MAX ? { ok: true, value: typed } : { ok: false, error: msg('events:name.invalid', { max: NAME_MAX }) };
  },
  next: (v, data) => ({ to: 'phone', data: { ...data, name: v } }),
};

const phone: StepDef<string | null> = {
  prompt: () => [{ lines: [msg('events:phone.prompt')], buttons: [postbackChip(msg('events:phone.skip'), 'ep=skip')] }],
  parse: (input): Parsed<string | null> => {
    if (postbackValue(input, 'ep') === 'skip') return { ok: true, value: null };
    const digits = input.kind === 'text' ? parsePhone(input.text) : null;
    return digits ? { ok: true, value: digits } : { ok: false, error: msg('events:phone.invalid') };
  },
  next: (v, data) => ({ to: 'confirm', data: { ...data, phone: v } }),
};

const confirm: StepDef<'yes' | 'no'> = {
  prompt: (data, ctx) => {
    const e = eventOf(ctx, data);
    if (!e) return [{ lines: [msg('events:gone')], buttons: [postbackChip(msg('events:confirm.no'), 'ec=no')] }];
    const waitlist = offer(e, ctx).kind === 'waitlisted';
    return [
      {
        lines: [
          msg('events:confirm.title'),
          msg('events:confirm.event', { title: textIn(e.title, ctx.resident.language) }),
          when(e),
          msg('events:confirm.name', { name: String(data.name) }),
          typeof data.phone === 'string' ? msg('events:confirm.phone', { phone: data.phone }) : msg('events:confirm.noPhone'),
          ...(waitlist ? [msg('events:confirm.waitlist')] : []),
        ],
        buttons: [postbackChip(msg(waitlist ? 'events:confirm.yesWaitlist' : 'events:confirm.yes'), 'ec=yes'), postbackChip(msg('events:confirm.no'), 'ec=no')],
      },
    ];
  },
  parse: (input) => parseChoice(input, 'ec', ['yes', 'no'] as const),
  next: (v, data, ctx): Transition => {
    const e = eventOf(ctx, data);
    if (v === 'no' || !e) return { to: 'detail', data: { event: data.event, from: data.from }, before: [{ lines: [msg('events:notRegistered')] }] };
    const o = offer(e, ctx);
    if (o.kind !== 'registered' && o.kind !== 'waitlisted') return { to: 'detail', data: { event: data.event, from: data.from } };
    const registrant = { name: String(data.name), phone: typeof data.phone === 'string' ? data.phone : null };
    // The reminder is one broadcast to those registered when it goes out: after that (or for an event on its own
    // day) nothing more will come, so the resident is told to keep this message, which carries the details.
    const done =
      o.kind === 'waitlisted'
        ? msg('events:done.waitlisted', { position: o.position })
        : msg(reminderComing(e, ctx.now) ? 'events:done.registered' : 'events:done.registeredNoReminder');
    const details = [msg('events:list.item', { title: textIn(e.title, ctx.resident.language) }), when(e), msg('events:detail.place', { place: e.place })];
    return {
      end: true,
      effects: [eventEffect({ type: 'registerEvent', eventId: e.id, expected: o.kind, registrant })],
      messages: [{ lines: [done, ...details, msg('events:done.howToCancel')] }],
      then: 'menu',
    };
  },
};

const cancelConfirm: StepDef<'yes' | 'no'> = {
  prompt: (data, ctx) => {
    const e = eventOf(ctx, data);
    return [
      {
        lines: [msg('events:cancel.ask', { title: e ? textIn(e.title, ctx.resident.language) : '' })],
        buttons: [postbackChip(msg('events:cancel.yes'), 'ex=yes'), postbackChip(msg('events:cancel.no'), 'ex=no')],
      },
    ];
  },
  parse: (input) => parseChoice(input, 'ex', ['yes', 'no'] as const),
  next: (v, data, ctx): Transition => {
    const e = eventOf(ctx, data);
    if (v === 'no' || !e || !mineFor(ctx, e.id)) return { to: 'detail', data };
    return { end: true, effects: [eventEffect({ type: 'cancelEventRegistration', eventId: e.id })], messages: [{ lines: [msg('events:cancel.done')] }], then: 'menu' };
  },
};

const mine: StepDef<{ event: string } | { page: number } | 'back'> = {
  prompt: (data, ctx) => {
    const rows = eventsContext(ctx).mine.flatMap((m) => {
      const e = eventsContext(ctx).upcoming.find((x) => x.id === m.eventId);
      return e ? [{ m, e }] : [];
    });
    if (rows.length === 0) return [{ lines: [msg('events:mine.none')], buttons: [postbackChip(msg('events:choose.list'), 'em=list'), postbackChip(msg('events:back'), 'em=back')] }];
    const page = pageOf(data, rows.length, MINE_PER_PAGE);
    const shown = rows.slice(page * MINE_PER_PAGE, (page + 1) * MINE_PER_PAGE);
    const lines: Msg[] = [msg('events:mine.title')];
    for (const { m, e } of shown) {
      lines.push(msg('events:list.item', { title: textIn(e.title, ctx.resident.language) }), when(e));
      lines.push(m.status === 'registered' ? msg('events:detail.mineRegistered') : msg('events:detail.mineWaitlisted', { position: m.position ?? 1 }));
    }
    const buttons: Chip[] = shown.map(({ e }) => postbackChip(title(e, ctx), `em=${e.id}`));
    if ((page + 1) * MINE_PER_PAGE < rows.length) buttons.push(postbackChip(msg('events:mine.more'), `em=page${page + 1}`));
    buttons.push(postbackChip(msg('events:back'), 'em=back'));
    return [{ lines, buttons }];
  },
  parse: (input, _data, ctx): Parsed<{ event: string } | { page: number } | 'back'> => {
    const v = postbackValue(input, 'em');
    if (v === 'back') return { ok: true, value: 'back' };
    if (v === 'list') return { ok: true, value: { event: '' } };
    if (v && /^page\d+$/.test(v)) return { ok: true, value: { page: Number(v.slice(4)) } };
    if (v && eventsContext(ctx).mine.some((m) => m.eventId === v)) return { ok: true, value: { event: v } };
    return { ok: false, error: msg('common:pleaseTap') };
  },
  next: (v, data) =>
    v === 'back'
      ? { to: 'choose', data: {} }
      : 'page' in v
        ? { to: 'mine', data: { page: v.page } }
        : v.event === ''
          ? { to: 'list', data: {} }
          : { to: 'detail', data: { event: v.event, from: 'mine', ...backTo(data) } },
};

/**
 * Salons and events (menu サロン・行事): a choice between salons (their own flow), upcoming events and the
 * resident's registrations. An event page shows when, where, places left and the deadline; registering asks
 * consent first, then a name and an optional phone number for the registrant list, and offers the waitlist
 * when the event is full. A registration can be cancelled from the event page. Both lists page four at a time; the
 * confirmation promises the day-before reminder only while it is still to go out, and repeats the details.
 */
export const eventsFlow: Flow = {
  id: 'events',
  version: 1,
  start: () => ({ to: 'choose', data: {} }),
  steps: {
    choose,
    list,
    detail,
    consent: consentStep(
      (answer, data, ctx) =>
        answer === 'no'
          ? { to: 'detail', data, before: [{ lines: [msg('events:notRegistered')] }] }
          : { to: 'name', data, effects: [{ type: 'updateResident', patch: consentGranted(ctx) }] },
      'consent',
    ),
    name,
    phone,
    confirm,
    cancelConfirm,
    mine,
  },
};
