import { isOpenNeed } from '../../domain/disaster/needs';
import type { MyNeed } from '../../domain/disaster/store';
import { msg, type Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { mayKeepForStaff } from '../../domain/thread';
import { postbackChip, staffChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import { askedForStaff, STAFF_CONSENT_FLOW } from '../handoff/staff-gate';
import { askStaffConsent } from '../handoff/staff-consent-flow';
import type { Gate } from '../engine/module';
import type { Effect, FlowContext } from '../engine/types';
import { dateParam, TAP } from './answers';
import { drilled, marked, markedLines } from './drill';
import { disasterContext, disasterEffect, running } from './module-context';
import { NEED_FLOW, needFlow, startFrom } from './need-flow';

/** One need's line: its reference, its status in plain words and what happens next. */
function needLine(n: MyNeed): Msg {
  return msg('disasterNeed:status.item', { reference: n.referenceNo, status: n.status, ...(n.scheduledOn ? { date: dateParam(n.scheduledOn) } : {}) });
}

/** The resident's open needs (a merged one as the need it joined); loaded while a centre runs. */
function openNeeds(ctx: FlowContext): MyNeed[] {
  return (disasterContext(ctx).needs ?? []).filter((n) => isOpenNeed(n.status));
}

/** 「依頼の状況」 tapped in the disaster menu: every open need of the resident's, or that there is none. */
export function needStatus(ctx: FlowContext): OutMessage {
  const needs = openNeeds(ctx);
  if (!needs.length) return { lines: [msg('disasterNeed:status.none')], buttons: [postbackChip(msg('disasterNeed:menu.need'), TAP.need), postbackChip(msg('disaster:menu.back'), TAP.menu)] };
  return { lines: [msg('disasterNeed:status.title', { count: needs.length }), ...needs.map(needLine), msg('disasterNeed:status.urgent')], buttons: [postbackChip(msg('disaster:menu.back'), TAP.menu)], chips: [staffChip()] };
}

/**
 * The module's part in わたしの申し込み (「状況」「依頼の状況」「どうなった」 typed, or the menu's chip): each open need of
 * the resident's while a centre runs, with its status and what happens next, marked 【訓練】 in a drill.
 */
export function myNeeds(ctx: FlowContext): Msg[] {
  if (!running(ctx)) return [];
  const lines = openNeeds(ctx).map(needLine);
  return disasterContext(ctx).centre?.drill ? lines.map(drilled) : lines;
}

/** The follow-up's answers, from the notice staff's side sends some days after 完了: `dn=more|fine|talk&n=<need id>`. */
const FOLLOW_UPS = ['more', 'fine', 'talk'] as const;

/** What 相談したい does: what 「スタッフと話す」 does (consent first when staff may not keep the conversation yet). */
function talk(ctx: FlowContext): Effect[] | 'askConsent' {
  if (!mayKeepForStaff(ctx.resident.consent, ctx.thread)) return 'askConsent';
  if (ctx.thread) return askedForStaff(ctx, msg('handoff:alreadyWaiting'));
  return [{ type: 'requestHandoff', fromFlow: NEED_FLOW }, ...askedForStaff(ctx, msg('common:handoff.requested'))];
}

/**
 * The follow-up's three answers, from anywhere: まだ手伝いが必要です starts a new request (saying so), もう大丈夫です
 * thanks them and notes it in the need's history, 相談したい hands the conversation to staff.
 */
export const followUpGate: Gate = (input, ctx, kit) => {
  const answer = postbackValue(input, 'dn');
  const needId = postbackValue(input, 'n');
  if (!answer || !needId || !(FOLLOW_UPS as readonly string[]).includes(answer)) return null;
  if (answer === 'fine') {
    const effects: Effect[] = [disasterEffect({ type: 'noteNeed', needId, note: 'follow-up: fine' }), { type: 'send', messages: marked(ctx, [{ lines: [msg('disasterNeed:followUp.fine')] }]) }];
    return { state: kit.inProgress ? kit.state : null, effects };
  }
  if (answer === 'more') {
    if (!running(ctx)) return { state: null, effects: [{ type: 'send', messages: [{ lines: [msg('disasterNeed:followUp.closed')], chips: [staffChip()] }] }] };
    const done = (disasterContext(ctx).needs ?? []).find((n) => n.id === needId);
    const again = done && ctx.resident.consent === 'granted' ? startFrom(done) : null;
    if (!again) return kit.start(NEED_FLOW, needFlow.start(ctx), markedLines(ctx, [msg('disasterNeed:followUp.more')]), []);
    return kit.start(NEED_FLOW, again, markedLines(ctx, [msg('disasterNeed:followUp.more'), msg('disasterNeed:followUp.same', { place: done!.address ?? done!.referenceNo })]), []);
  }
  const handed = talk(ctx);
  if (handed === 'askConsent') return kit.start(STAFF_CONSENT_FLOW, askStaffConsent(NEED_FLOW, undefined), [], []);
  return { state: null, effects: handed.map((e) => (e.type === 'send' ? { ...e, messages: marked(ctx, e.messages) } : e)) };
};
