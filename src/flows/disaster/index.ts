import { msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { mainMenu, postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import { detectGlobalIntent } from '../engine/global-intents';
import type { FlowModule, Gate, GateKit } from '../engine/module';
import { begin } from '../engine/step';
import type { Effect, FlowContext, StepResult } from '../engine/types';
import { onboardingFlow } from '../onboarding/onboarding-flow';
import { deskInfo, disasterMenu, myDates, TAP } from './answers';
import { applyFlow } from './apply-flow';
import { checkIn } from './check-in';
import { marked, markedLines } from './drill';
import { joinFlow } from './join-flow';
import { needFlow } from './need-flow';
import { fieldGate } from './field-gate';
import { fieldReportFlow } from './field-report-flow';
import { followUpGate, myNeeds, needStatus } from './need-status';
import { DISASTER, disasterContext, disasterEffect, running } from './module-context';
import { answerPlace } from './places';

/** The flow a donation offer starts with (the donations module's, opened from the main menu's 寄付・寄贈). */
const DONATE_FLOW = 'donate';

/** The module's own flows, for starting one from a gate (applying first asks to join). */
const FLOWS = { [joinFlow.id]: joinFlow, [applyFlow.id]: applyFlow, [needFlow.id]: needFlow, [fieldReportFlow.id]: fieldReportFlow };

function send(messages: OutMessage[]): Effect {
  return { type: 'send', messages };
}

/** Answers with `messages`, leaving any flow in progress (as a menu tap does). */
function leave(ctx: FlowContext, messages: OutMessage[]): StepResult {
  return { state: null, effects: [send(marked(ctx, messages))] };
}

/** Answers with `messages`, keeping a flow in progress as it was (its answers kept, the next input still its answer). */
function keep(ctx: FlowContext, kit: GateKit, messages: OutMessage[], effects: Effect[]): StepResult {
  return { state: kit.inProgress ? kit.state : null, effects: [...effects, send(marked(ctx, messages))] };
}

/** 参加します / 行けなくなりました about a place, from anywhere; a flow in progress then asks its question again. */
const placeGate: Gate = (input, ctx, kit) => {
  const answered = answerPlace(input, ctx);
  if (!answered) return null;
  if (!running(ctx)) return leave(ctx, [mainMenu(ctx, msg('disaster:closed'))]);
  if ('message' in answered) return keep(ctx, kit, [answered.message], []);
  return kit.resume(markedLines(ctx, answered.lines), answered.effects);
};

/** The disaster menu's taps (`dz=<what>`), as menu taps: they leave a flow in progress. */
const tapGate: Gate = (input, ctx) => {
  const tap = postbackValue(input, 'dz');
  if (!tap || !['menu', 'need', 'needs', 'join', 'entry', 'apply', 'mine', 'desk', 'main'].includes(tap)) return null;
  const mode = running(ctx);
  // A button from a centre that has closed since: the ordinary menu.
  if (!mode) return leave(ctx, [mainMenu(ctx, msg('disaster:closed'))]);
  const { centre, settings } = mode;
  switch (tap) {
    case 'menu':
      return leave(ctx, [disasterMenu(ctx, centre)]);
    case 'mine':
      return leave(ctx, [myDates(ctx, centre, settings)]);
    case 'desk':
      return leave(ctx, [deskInfo(ctx, centre, settings)]);
    case 'main':
      return leave(ctx, [withNeedChip(mainMenu(ctx))]);
    case 'needs':
      return leave(ctx, [needStatus(ctx)]);
    case 'need':
      return begin(needFlow, ctx, FLOWS);
    case 'join':
      return begin(disasterContext(ctx).member ? applyFlow : joinFlow, ctx, FLOWS);
    case 'entry':
      return begin(joinFlow, ctx, FLOWS);
    default:
      return begin(applyFlow, ctx, FLOWS);
  }
};

/** The ordinary main menu while a centre runs: 手伝ってほしい first, so a survivor finds it from there too. */
function withNeedChip(menu: OutMessage): OutMessage {
  return { ...menu, chips: [postbackChip(msg('disasterNeed:menu.need'), TAP.need), ...(menu.chips ?? [])] };
}

/** A check-in code (from the reception poster's QR code, or typed): answered at once, a flow in progress kept. */
const checkInGate: Gate = (input, ctx, kit) => {
  const answered = checkIn(input, ctx);
  return answered ? keep(ctx, kit, answered.messages, answered.effects) : null;
};

/**
 * While a centre runs, the menu (typed or tapped) is the disaster menu, and a follow is greeted with it; a new friend
 * is told about the centre and onboarded as usual. While staff hold the conversation, the menu is theirs to answer.
 */
const menuGate: Gate = (input, ctx, kit) => {
  const mode = running(ctx);
  if (!mode) return null;
  const { centre } = mode;
  if (input.kind === 'follow') {
    if (!ctx.resident.onboarded && ctx.resident.consent !== 'declined') {
      return kit.start(onboardingFlow.id, onboardingFlow.start(ctx), markedLines(ctx, [msg('disaster:follow.lead', { centre: centre.name })]), []);
    }
    return leave(ctx, [disasterMenu(ctx, centre, [msg('disaster:follow.welcomeBack', { council: ctx.council.name[ctx.resident.language] })])]);
  }
  if (detectGlobalIntent(input)?.type !== 'menu') return null;
  if (ctx.thread && (ctx.thread.owner === 'staff' || ctx.thread.urgent)) return null;
  return leave(ctx, [disasterMenu(ctx, centre)]);
};

/**
 * Residents of the affected districts opening 寄付・寄贈 while a centre runs are told first what the centre takes
 * (the council's rule: money, or the items it lists), then the donation section starts as usual.
 */
const donateGate: Gate = (input, ctx, kit) => {
  if (postbackValue(input, 'menu') !== 'donate' || !ctx.council.donations) return null;
  const mode = running(ctx);
  const district = ctx.resident.districtCode;
  if (!mode || !district || !mode.centre.districts.includes(district)) return null;
  return kit.start(DONATE_FLOW, { end: true, then: { flow: DONATE_FLOW } }, markedLines(ctx, [msg('disaster:donation.rule', { rule: mode.settings.donationRule })]), []);
};

/**
 * The disaster volunteer centre in LINE: while a centre runs, the disaster menu (for the menu and a follow), joining
 * its pool and applying for dates (its flows, from the menu's taps), answers about an offered place and check-in
 * codes from anywhere, and what the centre takes when residents of the affected districts offer donations; asking
 * the centre for help (手伝ってほしい, also from the main menu while a centre runs), 「依頼の状況」 (tapped in its menu; its
 * open needs in わたしの申し込み) and
 * the answers to the follow-up after 完了; when consent is withdrawn, its pool entries and the reporter's fields of
 * its need reports are erased; from a dispatch notice, the leader's return report and 「緊急」 from the field.
 */
export const disasterFlowModule: FlowModule = {
  id: DISASTER,
  flows: [joinFlow, applyFlow, needFlow, fieldReportFlow],
  postbackKeys: ['dz', 'dn', 'dt'],
  gates: [fieldGate, placeGate, tapGate, followUpGate, checkInGate, menuGate, donateGate],
  myRequests: myNeeds,
  consentWithdrawal(ctx) {
    const { member, needs } = disasterContext(ctx);
    const asked = (needs ?? []).length > 0;
    return {
      warn: [...(member ? [msg('disaster:withdraw.warn')] : []), ...(asked ? [msg('disasterNeed:withdraw.warn')] : [])],
      done: [...(member ? [msg('disaster:withdraw.done')] : []), ...(asked ? [msg('disasterNeed:withdraw.done')] : [])],
      // Always asked for: entries of centres not running now hold personal fields too.
      effects: [disasterEffect({ type: 'eraseMember' })],
    };
  },
};
