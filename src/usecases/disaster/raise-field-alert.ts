/**
 * 「緊急」 from the field: a member of a team that is out raises an urgent alert (FieldAlert) the console shows with
 * the team and the place until staff acknowledge it, with its audit row, in one transaction. Taps within a few
 * minutes of an open alert of the same team are the same emergency: they raise nothing new. On-duty staff get a LINE
 * push (queued in the same transaction) when an alert is raised.
 */
import type { FieldRepositories } from '../../domain/disaster/field-admin';
import type { LineMessage } from '../../domain/line-message';
import type { IdGenerator } from '../../domain/ports';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** The on-duty staff told by LINE push when an alert is raised (a repeated tap tells nobody again). */
export interface AlertPush {
  ids: IdGenerator;
  lineUserIds: readonly string[];
  messages: LineMessage[];
}

/** Taps of one team within this time of its open alert make no new one. */
export const ALERT_REPEAT_MS = 10 * 60 * 1000;

export type RaiseFieldAlertOutcome = { ok: true; alertId: string; repeated: boolean } | { ok: false; refused: 'unknown' | 'notMember' | 'notOut' };

/** Raises (or finds the open) alert of team `teamId` for the member with LINE resident `residentId`. */
export async function raiseFieldAlert(work: UnitOfWork<Pick<FieldRepositories, 'field' | 'audit' | 'alertThreads'>>, teamId: string, residentId: string, at: Date, push?: AlertPush): Promise<RaiseFieldAlertOutcome> {
  return work.run(async ({ field, audit, alertThreads }): Promise<RaiseFieldAlertOutcome> => {
    const team = await field.team(teamId);
    if (!team) return { ok: false, refused: 'unknown' };
    const member = team.members.find((m) => m.residentId === residentId);
    if (!member) return { ok: false, refused: 'notMember' };
    if (team.status !== 'out') return { ok: false, refused: 'notOut' };
    const open = await field.openAlert(team.id, new Date(at.getTime() - ALERT_REPEAT_MS));
    if (open) return { ok: true, alertId: open, repeated: true };
    const alertId = await field.raiseAlert({ centreId: team.centreId, teamId: team.id, memberId: member.memberId, residentId, at });
    if (push?.lineUserIds.length) {
      await alertThreads.addSafetyPushes(push.lineUserIds.map((to) => ({ id: push.ids.uuid(), lineUserId: to, retryKey: push.ids.uuid(), messages: push.messages })), at);
    }
    await audit.record({ staffId: null, action: 'disaster.alert.raise', subjectType: 'fieldAlert', subjectId: alertId, residentId, detail: { teamId: team.id, needId: team.needId, centreId: team.centreId, drill: team.centre.drill }, at });
    return { ok: true, alertId, repeated: false };
  });
}
