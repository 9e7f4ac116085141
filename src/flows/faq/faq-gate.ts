import { parseStartsWith, type FaqEntry } from '../../domain/faq/entry';
import { hasJapanese } from '../../domain/faq/normalize';
import type { Scored } from '../../domain/faq/matcher';
import { countGraphemes, LABEL_MAX_GRAPHEMES } from '../../domain/graphemes';
import { jstDate } from '../../domain/japan-time';
import { staffTextFor, staffTextNote, type Language } from '../../domain/language';
import { msg } from '../../domain/message-text';
import type { Chip, OutMessage } from '../../domain/out-message';
import { mayKeepForStaff } from '../../domain/thread';
import { mainMenu, navigationChips, postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import { detectGlobalIntent } from '../engine/global-intents';
import { asksMyRequests } from '../my-requests/my-requests';
import type { Gate, GateKit } from '../engine/module';
import type { Effect, FlowContext, StepResult } from '../engine/types';
import { askStaffConsent } from '../handoff/staff-consent-flow';
import { askedForStaff, STAFF_CONSENT_FLOW } from '../handoff/staff-gate';
import { withoutPersonalData } from '../../domain/faq/personal-data';
import { sectionNamed } from './menu-words';
import { faqContext, faqEffect, type FaqMatcher, type FaqOutcome } from './module-context';

/** Questions longer than this are kept only in part (the loop groups by their start). */
const MAX_KEPT = 500;
/** The flow a `consult=<category>` entry starts, at the step that explains the chosen area. */
const CONSULTATION = { flow: 'consultation', step: 'about' } as const;

/** A question id minted from the step's seed (deterministic for a given step). */
function questionId(ctx: FlowContext): string {
  const s = ctx.seed.padEnd(32, '0');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

function clip(text: string, max = LABEL_MAX_GRAPHEMES): string {
  if (countGraphemes(text) <= max) return text;
  return `${[...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(text)].slice(0, max - 1).map((s) => s.segment).join('')}…`;
}

/** The entry's question form to show as its button: the first in the resident's script. */
function titleOf(entry: FaqEntry, ctx: FlowContext): string {
  const english = ctx.resident.language === 'en';
  return entry.questions.find((q) => hasJapanese(q) !== english) ?? entry.questions[0] ?? '';
}

/** The chips every answer carries: helpful, no (to staff), and back to the menu. */
function feedbackChips(q: string): Chip[] {
  return [postbackChip(msg('faq:helpful'), `faq=ok&q=${q}`), postbackChip(msg('faq:notThis'), `faq=no&q=${q}`), navigationChips()[0]!];
}

/** What the entry can start, as a button; none when it starts nothing (or a flow this service does not run). */
function startButton(entry: FaqEntry, kit: GateKit): Chip[] {
  const start = parseStartsWith(entry.startsWith);
  if (!start) return [];
  const data = `faq=go&s=${encodeURIComponent(entry.startsWith!)}`;
  if (start.kind === 'menu') return [postbackChip(msg(`menu:section.${start.code}`), data)];
  return kit.hasFlow(CONSULTATION.flow) ? [postbackChip(msg('faq:startConsult'), data)] : [];
}

/**
 * The language to answer in: the resident's, but English for a question written in English by a resident whose
 * language is Japanese (a resident of another language writes in theirs, often in Latin letters too).
 */
function answerLanguage(ctx: FlowContext, question: string | null): Language {
  const japanese = ctx.resident.language === 'ja' || ctx.resident.language === 'ja-x-easy';
  return japanese && question !== null && !hasJapanese(question) && /[a-z]{2}/i.test(question) ? 'en' : ctx.resident.language;
}

/** One entry's answer, in `lang`, with its links and what it starts as buttons. */
export function answerMessage(entry: FaqEntry, q: string, ctx: FlowContext, kit: GateKit, lang: Language = ctx.resident.language): OutMessage {
  const links: Chip[] = entry.links.map((l) => ({ kind: 'uri', label: msg('common:literal', { text: clip(l.label) }), uri: l.uri }));
  const buttons = [...startButton(entry, kit), ...links].slice(0, 4);
  const { text, from } = staffTextFor(entry.answer, lang);
  const note = staffTextNote(lang, from);
  return { lines: [...(note ? [note] : []), msg('faq:answer', { text })], ...(buttons.length ? { buttons } : {}), chips: feedbackChips(q) };
}

function candidatesMessage(matcher: FaqMatcher, candidates: Scored[], q: string, ctx: FlowContext): OutMessage {
  const buttons = candidates.flatMap((c) => {
    const e = matcher.entry(c.entryId);
    if (!e) return [];
    const title = titleOf(e, ctx);
    return [{ kind: 'postback' as const, label: msg('common:literal', { text: clip(title) }), data: `faq=pick&q=${q}&e=${e.id}`, displayText: msg('common:literal', { text: title }) }];
  });
  return { lines: [msg('faq:candidates')], buttons, chips: [postbackChip(msg('faq:notThis'), `faq=no&q=${q}`), navigationChips()[0]!] };
}

/** What 「スタッフと話す」 does: consent first when staff may not keep the conversation yet, else the hand-off. */
function toStaff(ctx: FlowContext, kit: GateKit, effects: Effect[]): StepResult {
  if (!mayKeepForStaff(ctx.resident.consent, ctx.thread)) return kit.start(STAFF_CONSENT_FLOW, askStaffConsent(null, undefined), [], effects);
  if (ctx.thread) return { state: null, effects: [...effects, ...askedForStaff(ctx, msg('handoff:alreadyWaiting'))] };
  return { state: null, effects: [...effects, { type: 'requestHandoff', fromFlow: null }, ...askedForStaff(ctx, msg('common:handoff.requested'))] };
}

/** Starts what an entry leads to: a main-menu section, or a consultation area's explanation. */
function startFrom(startsWith: string | null, ctx: FlowContext, kit: GateKit): StepResult | null {
  const start = parseStartsWith(startsWith);
  if (!start) return null;
  if (start.kind === 'menu') return kit.openSection(start.code, []);
  if (!kit.hasFlow(CONSULTATION.flow) || !ctx.council.categories.some((c) => c.code === start.code)) return kit.openSection('consult', []);
  return kit.start(CONSULTATION.flow, { to: CONSULTATION.step, data: { category: start.code } }, [], []);
}

/** The taps on the FAQ's buttons: a candidate, 役に立った, ちがう・スタッフに聞く, and what an entry starts. */
function onTap(action: string, ctx: FlowContext, kit: GateKit, input: Parameters<Gate>[0]): StepResult | null {
  const q = postbackValue(input, 'q');
  const matcher = faqContext(ctx).matcher;
  switch (action) {
    case 'pick': {
      const entry = matcher?.entry(postbackValue(input, 'e') ?? '');
      if (!q) return null;
      if (!entry) return { state: null, effects: [{ type: 'send', messages: [{ lines: [msg('faq:gone', { phone: ctx.council.phone })], chips: feedbackChips(q) }] }] };
      return { state: null, effects: [faqEffect({ type: 'picked', questionId: q, entryId: entry.id }), { type: 'send', messages: [answerMessage(entry, q, ctx, kit)] }] };
    }
    case 'ok':
      return q ? { state: null, effects: [faqEffect({ type: 'feedback', questionId: q, feedback: 'helpful' }), { type: 'send', messages: [{ lines: [msg('faq:thanks')], chips: navigationChips().slice(0, 1) }] }] } : null;
    case 'no':
      return toStaff(ctx, kit, q ? [faqEffect({ type: 'feedback', questionId: q, feedback: 'unhelpful' })] : []);
    case 'go':
      return startFrom(postbackValue(input, 's'), ctx, kit);
    default:
      return null;
  }
}

/**
 * The FAQ from the chat. Free text typed outside a flow, that no global intent, earlier gate or staff thread took:
 * a word that names a menu section opens it; otherwise the question is matched against the entries that apply
 * (active, in their dates, in the resident's district) and answered with the best entry, offered up to three
 * candidates, or given the usual idle answer (the menu, the phone number and the staff button). Every question is
 * kept for the knowledge loop (without phone numbers or e-mail addresses) once the resident has answered the privacy
 * notice, linked to them only if they agreed. The safety gate runs before every
 * gate, so a danger message never reaches this one.
 */
export function faqGate(menuWords: ReadonlyMap<string, string>): Gate {
  return (input, ctx, kit) => {
    // While staff hold (or are about to take) the conversation, everything is theirs.
    if (ctx.thread && (ctx.thread.owner === 'staff' || ctx.thread.urgent)) return null;
    const action = postbackValue(input, 'faq');
    if (action) return onTap(action, ctx, kit, input);
    // Global intents and わたしの申し込み (「状況」「どうなった」) are answered after the gates, by the engine.
    if (input.kind !== 'text' || kit.inProgress || ctx.thread || detectGlobalIntent(input) || asksMyRequests(input)) return null;
    const section = sectionNamed(input.text, menuWords);
    if (section) {
      const opened = kit.openSection(section, []);
      if (opened) return opened;
    }
    const matcher = faqContext(ctx).matcher;
    if (!matcher || !input.text.trim()) return null;
    const decision = matcher.match(input.text, { today: jstDate(ctx.now), district: ctx.resident.districtCode });
    const q = questionId(ctx);
    // Kept for the knowledge loop once the resident has answered the privacy notice (linked to them only if they
    // agreed), without the phone numbers and addresses residents add; before they answered, nothing is kept.
    const kept = withoutPersonalData(input.text).slice(0, MAX_KEPT);
    const asked = (outcome: FaqOutcome, entryId: string | null): Effect[] =>
      ctx.resident.consent === 'pending' ? [] : [faqEffect({ type: 'asked', id: q, text: kept, normalized: matcher.normalized(kept).slice(0, MAX_KEPT), language: ctx.resident.language, linked: ctx.resident.consent === 'granted', outcome, entryId })];
    if (decision.kind === 'answer') {
      const entry = matcher.entry(decision.entryId)!;
      return { state: null, effects: [...asked('answered', entry.id), { type: 'send', messages: [answerMessage(entry, q, ctx, kit, answerLanguage(ctx, input.text))] }] };
    }
    if (decision.kind === 'candidates') return { state: null, effects: [...asked('candidates', null), { type: 'send', messages: [candidatesMessage(matcher, decision.candidates, q, ctx)] }] };
    return { state: null, effects: [...asked('unanswered', null), { type: 'send', messages: [mainMenu(ctx, msg('common:idleText'))] }] };
  };
}
