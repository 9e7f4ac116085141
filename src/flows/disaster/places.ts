import type { MyApplication } from '../../domain/disaster/centre';
import type { InboundInput } from '../../domain/inbound-event';
import { msg, type Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { postbackChip } from '../common/messages';
import type { Effect, FlowContext } from '../engine/types';
import { dateParam, TAP } from './answers';
import { disasterContext, disasterEffect } from './module-context';

/** What a tap answers about a place: take it (`ok`), ask to give it back (`cancel`), give it back (`release`). */
type PlaceAnswer = 'ok' | 'cancel' | 'release';
const ANSWERS: readonly string[] = ['ok', 'cancel', 'release'];

/** Statuses whose place (or application) can still be given back. */
const RETURNABLE = ['applied', 'chosen', 'reconfirmed', 'waitlisted'];

/** A tap about a place (postback `dz=ok|cancel|release&a=<application id>`), or null. */
export function placeTap(input: InboundInput): { answer: PlaceAnswer; applicationId: string } | null {
  if (input.kind !== 'postback') return null;
  const p = new URLSearchParams(input.data);
  const answer = p.get('dz');
  const applicationId = p.get('a');
  return answer && ANSWERS.includes(answer) && applicationId ? { answer: answer as PlaceAnswer, applicationId } : null;
}

/** Why an offered place can no longer be taken, or null when it can. */
function notTakeable(a: MyApplication, now: Date): Msg | null {
  const date = dateParam(a.date);
  if (a.status === 'reconfirmed' || a.status === 'walkIn') return msg('disaster:place.already', { date });
  if (a.status === 'chosen' && a.replyBy && a.replyBy.getTime() > now.getTime()) return null;
  if (a.status === 'chosen' || a.status === 'released') return msg('disaster:place.late', { date });
  return msg('disaster:place.notChosen', { date });
}

/**
 * Pure: an answer about a place, from anywhere (the notice offering it, わたしの予定). 参加します takes an offered place
 * before its deadline — the writer takes it only if it is still offered then —; 行けなくなりました asks once more, then
 * gives the place back (`released`, for the waiting list). `lines` alone: the flow in progress may go on; `message`:
 * a question with buttons.
 */
export function answerPlace(input: InboundInput, ctx: FlowContext): { lines: Msg[]; effects: Effect[] } | { message: OutMessage } | null {
  const tap = placeTap(input);
  if (!tap) return null;
  const a = disasterContext(ctx).applications.find((x) => x.id === tap.applicationId);
  if (!a) return { lines: [msg('disaster:place.unknown')], effects: [] };
  const date = dateParam(a.date);
  if (tap.answer === 'ok') {
    const refusal = notTakeable(a, ctx.now);
    return refusal ? { lines: [refusal], effects: [] } : { lines: [msg('disaster:place.taken', { date })], effects: [disasterEffect({ type: 'reconfirm', applicationId: a.id })] };
  }
  if (!RETURNABLE.includes(a.status)) return { lines: [msg(a.status === 'released' ? 'disaster:place.givenBack' : 'disaster:place.cannotGiveBack', { date })], effects: [] };
  if (tap.answer === 'cancel') {
    return {
      message: {
        lines: [msg('disaster:place.sure', { date })],
        buttons: [postbackChip(msg('disaster:place.release'), `dz=release&a=${a.id}`), postbackChip(msg('disaster:place.keep'), TAP.mine)],
      },
    };
  }
  return { lines: [msg('disaster:place.released', { date })], effects: [disasterEffect({ type: 'giveBack', applicationId: a.id })] };
}
