/**
 * わたしの申し込み: one answer to "where is my request?" — the resident's open items across the features, each module
 * contributing its own entries (`FlowModule.myRequests`) — asked with the menu's chip or the words residents use.
 */
import type { InboundInput } from '../../domain/inbound-event';
import { msg, type Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { mainMenu, postbackChip, staffChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { GateKit } from '../engine/module';
import type { FlowContext, StepResult } from '../engine/types';
import { POSTBACK } from '../postback-codes';

/** The most entries one answer lists; the rest are counted (one message, well within LINE's text limit). */
export const MY_REQUESTS_MAX = 8;

/** Words that ask for わたしの申し込み, compared after NFKC, lower case, without spaces and end punctuation. */
const WORDS = [
  '状況',
  'じょうきょう',
  '依頼の状況',
  'いらいのじょうきょう',
  '申し込みの状況',
  '申込みの状況',
  '申込状況',
  'もうしこみのじょうきょう',
  'わたしの申し込み',
  '私の申し込み',
  'わたしのもうしこみ',
  'どうなった',
  'どうなりましたか',
  'status',
  'mystatus',
  'myrequests',
  'myrequest',
  'myapplications',
  // 中文, 한국어, Tiếng Việt, Filipino, नेपाली, Português
  '状态',
  '我的申请',
  '상태',
  '내 신청',
  'trạng thái',
  'katayuan',
  'स्थिति',
  'situação',
];

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/[?。.!、,]+$/u, '');
}

const WORD_SET = new Set(WORDS.map(normalise));

/** Whether `input` asks for わたしの申し込み: the chip (`g=mine`) or one of the words. Pure. */
export function asksMyRequests(input: InboundInput): boolean {
  if (input.kind === 'postback') return postbackValue(input, 'g') === 'mine';
  return input.kind === 'text' && WORD_SET.has(normalise(input.text));
}

/** The answer: every entry (cut at `MY_REQUESTS_MAX`, the rest counted), or that nothing is open, with the menu. */
export function myRequestsAnswer(entries: readonly Msg[], ctx: FlowContext): OutMessage {
  if (!entries.length) return mainMenu(ctx, msg('myRequests:none'));
  const shown = entries.slice(0, MY_REQUESTS_MAX);
  const rest = entries.length - shown.length;
  return {
    lines: [msg('myRequests:title', { count: entries.length }), ...shown, ...(rest > 0 ? [msg('myRequests:more', { count: rest })] : []), msg('myRequests:help')],
    chips: [postbackChip(msg('common:nav.menu'), POSTBACK.menu), staffChip()],
  };
}

/**
 * Answers わたしの申し込み from anywhere, as a reply, with what `contributions` list of the resident's — except typed
 * words a step in progress would take as its answer (a step asking for free text), and while staff hold the
 * conversation (what the resident writes is theirs then). A flow in progress is kept as it was. Null: not asked.
 */
export function answerMyRequests(input: InboundInput, ctx: FlowContext, kit: GateKit, contributions: ReadonlyArray<(ctx: FlowContext) => Msg[]>): StepResult | null {
  if (!asksMyRequests(input)) return null;
  if (input.kind === 'text' && kit.inProgress && kit.takes(input)) return null;
  if (ctx.thread && (ctx.thread.owner === 'staff' || ctx.thread.urgent)) return null;
  const entries = contributions.flatMap((c) => c(ctx));
  return { state: kit.inProgress ? kit.state : null, effects: [{ type: 'send', messages: [myRequestsAnswer(entries, ctx)] }] };
}
