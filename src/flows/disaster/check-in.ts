import type { PoolMember } from '../../domain/disaster/centre';
import { readCheckIn } from '../../domain/disaster/check-in';
import type { InboundInput } from '../../domain/inbound-event';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip, OutMessage } from '../../domain/out-message';
import { postbackChip } from '../common/messages';
import type { Effect, FlowContext } from '../engine/types';
import { coverAdvice, coverOf, dateParam, deskInfo, enrolButton, TAP, today } from './answers';
import { disasterContext, disasterEffect, running, type DisasterSettings } from './module-context';

/** Statuses that expect the member today: a place offered or taken, or a walk-in already on the list. */
const EXPECTED = ['chosen', 'reconfirmed', 'walkIn'];
/** Statuses a walk-in may come from, where the centre takes walk-ins. */
const MAY_WALK_IN = ['applied', 'waitlisted', 'released'];

/** The welcome with the day's orientation: safety, heat, what to bring, where to wait. */
function orientation(member: PoolMember, settings: DisasterSettings, lead: Msg): OutMessage {
  const o = settings.orientation;
  const name = member.kind === 'group' && member.groupName ? msg('disaster:checkIn.group', { group: member.groupName, name: member.name, size: member.size }) : msg('disaster:checkIn.person', { name: member.name });
  return {
    lines: [lead, name, msg('disaster:checkIn.safety', { text: o.safety }), msg('disaster:checkIn.heat', { text: o.heat }), msg('disaster:checkIn.bring', { text: o.bring }), msg('disaster:checkIn.waitAt', { text: o.waitAt })],
  };
}

/**
 * Pure: a check-in by the day's code, typed or sent from the reception poster's QR code (「受付 ABCD1234」), as a
 * reply. A member whose place is taken (or offered), or a walk-in where the centre takes them, with cover today,
 * is checked in and gets the orientation; sending the code again answers again and writes nothing. Anyone else is
 * told what to do (join, enrol in the insurance, see the desk) and their row is flagged for the desk. The word
 * alone, or with a code no date has, is answered with how to check in; a bare text that is no code is not ours.
 */
export function checkIn(input: InboundInput, ctx: FlowContext): { messages: OutMessage[]; effects: Effect[] } | null {
  if (input.kind !== 'text') return null;
  const read = readCheckIn(input.text);
  const mode = running(ctx);
  if (!read || !mode) return null;
  const { centre, settings } = mode;
  const day = read.code ? centre.days.find((d) => d.checkInCode.toUpperCase() === read.code) : undefined;
  if (!day) {
    if (!read.word) return null;
    const desk = deskInfo(ctx, centre, settings);
    return { messages: [{ ...desk, lines: [msg(read.code ? 'disaster:checkIn.unknownCode' : 'disaster:checkIn.noCode'), ...desk.lines] }], effects: [] };
  }
  if (day.date !== today(ctx)) return { messages: [{ lines: [msg('disaster:checkIn.otherDay', { date: dateParam(day.date) })] }], effects: [] };
  const { member, applications } = disasterContext(ctx);
  if (!member) return { messages: [{ lines: [msg('disaster:checkIn.notMember')], buttons: [postbackChip(msg('disaster:menu.join'), TAP.join)] }], effects: [] };

  const mine = applications.find((a) => a.dayId === day.id);
  if (mine?.checkedInAt) return { messages: [orientation(member, settings, msg('disaster:checkIn.already', { at: mine.checkedInAt.getTime() }))], effects: [] };
  const expected = mine !== undefined && EXPECTED.includes(mine.status);
  const walkIn = !expected && centre.walkIns && (!mine || MAY_WALK_IN.includes(mine.status));
  const cover = coverOf(member, day.date, centre, settings);
  if ((expected || walkIn) && cover.covered) {
    return {
      messages: [orientation(member, settings, msg('disaster:checkIn.done'))],
      effects: [disasterEffect({ type: 'checkIn', dayId: day.id, memberId: member.id, outcome: expected ? 'in' : 'walkIn' })],
    };
  }
  const lines: Msg[] = [msg('disaster:checkIn.problem', { name: member.name })];
  if (!expected && !walkIn) lines.push(msg('disaster:checkIn.notExpected'));
  lines.push(...coverAdvice(cover, settings), msg('disaster:checkIn.toDesk'));
  const buttons: Chip[] = cover.covered ? [] : [enrolButton(settings)];
  return {
    messages: [{ lines, ...(buttons.length ? { buttons } : {}) }],
    effects: [disasterEffect({ type: 'checkIn', dayId: day.id, memberId: member.id, outcome: walkIn ? 'flagWalkIn' : 'flag' })],
  };
}
