import { msg, type Msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import type { CentreDay } from '../../domain/disaster/store';
import { pagedChips, pageTap } from '../common/chip-pages';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { dateParam, dayLine, openDays, TAP } from './answers';
import { markedFlow } from './drill';
import { centreClosed, JOIN_FLOW } from './join-flow';
import { disasterContext, disasterEffect, running } from './module-context';

/** The flow's id: started from 手伝いたい once in the pool, and from the buttons offering dates. */
export const APPLY_FLOW = 'disasterApply';

/**
 * Dates a member may apply for now: open for applications, and not applied for yet. Every open date is offered, not
 * only the days they said they can come: those were said for two weeks at most, plans change, and an application
 * is itself the clearest word that they can come; as the draw does not go by who applied first, nothing is won by
 * applying widely either.
 */
function applicable(ctx: FlowContext): CentreDay[] {
  const mode = running(ctx);
  if (!mode) return [];
  const applied = new Set(disasterContext(ctx).applications.map((a) => a.dayId));
  return openDays(mode.centre, ctx.now).filter((d) => !applied.has(d.id));
}

function picked(data: FlowData): string[] {
  return Array.isArray(data.picked) ? data.picked.filter((p): p is string => typeof p === 'string') : [];
}

type PickAnswer = string | { page: number };

const pick: StepDef<PickAnswer> = {
  prompt: (data, ctx) => {
    const days = applicable(ctx);
    const chosen = picked(data);
    const chips: Chip[] = days.map((d) => postbackChip(msg(chosen.includes(d.id) ? 'disaster:apply.dayOn' : 'disaster:apply.day', { date: dateParam(d.date) }), `dzp=${d.id}`));
    return [
      {
        lines: [msg('disaster:apply.prompt'), msg('disaster:notFirstCome'), ...days.map(dayLine), ...(chosen.length ? [msg('disaster:apply.chosen', { count: chosen.length })] : [])],
        buttons: [postbackChip(msg('disaster:apply.send'), 'dzp=done'), postbackChip(msg('disaster:apply.edit'), 'dzp=edit')],
        chips: pagedChips(chips, [], Number(data.page ?? 0), 'dzppage'),
      },
    ];
  },
  parse: (input, _data, ctx): Parsed<PickAnswer> => {
    const page = pageTap(input, 'dzppage');
    if (page !== null) return { ok: true, value: { page } };
    return parseChoice(input, 'dzp', ['done', 'edit', ...applicable(ctx).map((d) => d.id)]);
  },
  next: (v, data, ctx): Transition => {
    if (typeof v !== 'string') return { to: 'pick', data: { ...data, page: v.page } };
    if (v === 'edit') return { end: true, then: { flow: JOIN_FLOW } };
    const chosen = picked(data);
    if (v !== 'done') return { to: 'pick', data: { ...data, picked: chosen.includes(v) ? chosen.filter((p) => p !== v) : [...chosen, v] } };
    const mode = running(ctx);
    if (!mode) return centreClosed;
    // A window may have closed while they chose: only dates still open are applied for.
    const days = applicable(ctx).filter((d) => chosen.includes(d.id));
    if (!days.length) return chosen.length ? { end: true, messages: [{ lines: [msg('disaster:apply.closedMeanwhile')] }] } : { to: 'pick', data, before: [{ lines: [msg('disaster:apply.chooseOne')] }] };
    const lines: Msg[] = [msg('disaster:apply.done'), ...days.map((d) => msg('disaster:apply.doneDay', { date: dateParam(d.date), closes: d.closesAt.getTime() })), msg('disaster:apply.results'), msg('disaster:notFirstCome')];
    return { end: true, effects: [disasterEffect({ type: 'apply', centreId: mode.centre.id, dayIds: days.map((d) => d.id) })], messages: [{ lines, buttons: [postbackChip(msg('disaster:menu.mine'), TAP.mine)] }] };
  },
};

/**
 * Applying for dates of the running centre: the member picks any of the dates open for applications (several at a
 * time) and sends them. Applying twice for a date changes nothing (it is not offered again, and the writer keeps one
 * application). The draw takes places at random after the window closes, so the time of applying gives no
 * advantage, and they are told so. Not yet in the pool: joining first.
 */
export const applyFlow: Flow = markedFlow({
  id: APPLY_FLOW,
  version: 1,
  start: (ctx) => {
    const mode = running(ctx);
    if (!mode) return centreClosed;
    if (!disasterContext(ctx).member) return { end: true, messages: [{ lines: [msg('disaster:apply.joinFirst')] }], then: { flow: JOIN_FLOW } };
    if (mode.centre.status === 'paused') return { end: true, messages: [{ lines: [msg('disaster:menu.paused')], buttons: [postbackChip(msg('disaster:menu.mine'), TAP.mine)] }] };
    if (!applicable(ctx).length) {
      const key = openDays(mode.centre, ctx.now).length ? 'disaster:apply.allApplied' : 'disaster:menu.noneOpen';
      return { end: true, messages: [{ lines: [msg(key)], buttons: [postbackChip(msg('disaster:menu.mine'), TAP.mine), postbackChip(msg('disaster:apply.edit'), TAP.entry)] }] };
    }
    return { to: 'pick', data: { picked: [] } };
  },
  steps: { pick },
});
