import { msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { mainMenu, postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { Gate } from '../engine/module';
import type { FlowContext, StepResult } from '../engine/types';
import { disasterMenu, TAP } from './answers';
import { marked, markedLines } from './drill';
import { FIELD_REPORT_FLOW, startReport } from './field-report-flow';
import { disasterContext, disasterEffect, running } from './module-context';

/** Postback codes of the dispatch notice's buttons: `dt=report&t=<team id>` (the leader's) and `dt=sos&t=<team id>` (everyone's). */
export const FIELD_TAP = { report: (teamId: string) => `dt=report&t=${teamId}`, sos: (teamId: string) => `dt=sos&t=${teamId}` } as const;

/** The menu to come back to: the disaster one while a centre runs, else the ordinary one. */
function menuOf(ctx: FlowContext, lead: string): OutMessage {
  const mode = running(ctx);
  return mode ? disasterMenu(ctx, mode.centre, [msg(lead)]) : mainMenu(ctx, msg(lead));
}

/**
 * 「緊急」: answered at once — the centre is told (by the writer, through the alert's use case), 119 when a life is in
 * danger, the council's phone — and a flow in progress kept. Someone not in a team out there still hears of 119.
 */
function sos(ctx: FlowContext, teamId: string, kit: Parameters<Gate>[2]): StepResult {
  const team = (disasterContext(ctx).teams ?? []).find((t) => t.id === teamId && t.status === 'out');
  const keep = kit.inProgress ? kit.state : null;
  if (!team) return { state: keep, effects: [{ type: 'send', messages: marked(ctx, [{ lines: [msg('disasterField:sos.notOut', { phone: ctx.council.phone })] }]) }] };
  const lines = [msg('disasterField:sos.sent', { team: team.number }), msg('disasterField:sos.call119'), msg('disasterField:sos.phone', { phone: ctx.council.phone })];
  return { state: keep, effects: [disasterEffect({ type: 'raiseAlert', teamId }), { type: 'send', messages: marked(ctx, [{ lines }]) }] };
}

/**
 * The dispatch notice's buttons, from anywhere: 緊急 from any member of a team out there, and 帰着・活動報告 from its
 * leader (anyone else is told kindly that the leader reports; a team already back is told so).
 */
export const fieldGate: Gate = (input, ctx, kit) => {
  const what = postbackValue(input, 'dt');
  const teamId = postbackValue(input, 't');
  if ((what !== 'report' && what !== 'sos') || !teamId) return null;
  if (what === 'sos') return sos(ctx, teamId, kit);
  const leave = (m: OutMessage): StepResult => ({ state: null, effects: [{ type: 'send', messages: marked(ctx, [m]) }] });
  if (!running(ctx)) return leave(mainMenu(ctx, msg('disaster:closed')));
  const team = (disasterContext(ctx).teams ?? []).find((t) => t.id === teamId);
  if (!team || !team.leader) return leave(menuOf(ctx, 'disasterField:report.leaderOnly'));
  if (team.reported || team.status === 'back') return leave({ lines: [msg('disasterField:report.already', { team: team.number })], buttons: [postbackChip(msg('disaster:menu.back'), TAP.menu)] });
  const { transition, intro } = startReport(team);
  return kit.start(FIELD_REPORT_FLOW, transition, markedLines(ctx, [intro]), []);
};
