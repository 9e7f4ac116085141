import type { InboundInput } from '../../domain/inbound-event';
import { msg } from '../../domain/message-text';
import { acceptOutcome, uninsuredParams } from '../../domain/volunteer';
import type { Effect, FlowContext } from '../engine/types';
import { volunteerEffect, volunteersContext } from './module-context';

/** The answer a volunteer's tap gives to an invitation (postback `va=accept|decline&i=<invitation id>`). */
export function invitationTap(input: InboundInput): { answer: 'accept' | 'decline'; invitationId: string } | null {
  if (input.kind !== 'postback') return null;
  const p = new URLSearchParams(input.data);
  const answer = p.get('va');
  const invitationId = p.get('i');
  if ((answer !== 'accept' && answer !== 'decline') || !invitationId) return null;
  return { answer, invitationId };
}

/**
 * Pure: a volunteer's answer to an invitation, from anywhere (idle or in the middle of a flow, which then goes
 * on where it was). Accepting takes a place if one is left — re-checked when written, with a correction if two
 * volunteers took the last place at once — and shares the volunteer's name with the requester, as the
 * invitation said it would; one whose insurance does not cover the day is told so again, with how to renew.
 */
export function answerInvitation(input: InboundInput, ctx: FlowContext): { effects: Effect[]; lines: ReturnType<typeof msg>[] } | null {
  const tap = invitationTap(input);
  if (!tap) return null;
  const inv = volunteersContext(ctx).invitations.find((i) => i.id === tap.invitationId);
  if (!inv) return { effects: [], lines: [msg('volunteer:invitation.unknown')] };
  if (inv.status !== 'invited') return { effects: [], lines: [msg(`volunteer:invitation.already.${inv.status}`)] };
  if (tap.answer === 'decline') return { effects: [volunteerEffect({ type: 'answerInvitation', invitationId: inv.id, answer: 'decline', expected: 'declined' })], lines: [msg('volunteer:invitation.declined')] };
  const outcome = acceptOutcome(inv);
  if (outcome === 'filled') return { effects: [volunteerEffect({ type: 'answerInvitation', invitationId: inv.id, answer: 'accept', expected: 'filled' })], lines: [msg('volunteer:invitation.filled')] };
  // Insurance is checked again here: the invitation's warning may have gone unread, and cover may have lapsed since.
  const uninsured = inv.insured ? [] : [msg('volunteer:notice.uninsured', uninsuredParams(inv.date, ctx.council.phone))];
  return { effects: [volunteerEffect({ type: 'answerInvitation', invitationId: inv.id, answer: 'accept', expected: 'accepted' })], lines: [msg('volunteer:invitation.accepted'), ...uninsured] };
}

/** Hours a volunteer can report with one tap; 5 stands for "5 or more" (staff correct it if needed). */
export const REPORT_HOURS = ['1', '2', '3', '4', '5'] as const;

/** A report tap (postback `vr=<invitation id>&h=<hours>`), or null. */
export function reportTap(input: InboundInput): { invitationId: string; hours: number } | null {
  if (input.kind !== 'postback') return null;
  const p = new URLSearchParams(input.data);
  const invitationId = p.get('vr');
  const hours = p.get('h');
  if (!invitationId || !hours || !(REPORT_HOURS as readonly string[]).includes(hours)) return null;
  return { invitationId, hours: Number(hours) };
}

/**
 * Pure: hours reported after an activity (from anywhere), for an invitation the volunteer accepted. The note
 * that may follow is asked by the activity-report flow, which starts here.
 */
export function reportHours(input: InboundInput, ctx: FlowContext): { effects: Effect[]; lines: ReturnType<typeof msg>[]; invitationId: string | null } | null {
  const tap = reportTap(input);
  if (!tap) return null;
  const inv = volunteersContext(ctx).invitations.find((i) => i.id === tap.invitationId);
  if (!inv || inv.status !== 'accepted') return { effects: [], lines: [msg('volunteer:report.unknown')], invitationId: null };
  // The top button stands for "5 or more", and the thanks says so; `count` picks the plural form (1 hour, 2 hours).
  const said = tap.hours >= Number(REPORT_HOURS.at(-1)) ? msg('volunteer:report.recordedMany', { count: tap.hours }) : msg('volunteer:report.recorded', { count: tap.hours });
  return { effects: [volunteerEffect({ type: 'reportActivity', invitationId: inv.id, hours: tap.hours })], lines: [said], invitationId: inv.id };
}
