/**
 * Break and water reminders (休憩・水分補給) to the leaders of teams out in the field, a job every minute: a team
 * is due a full interval after its last reminder (or its dispatch) — the day's interval, or the heat level's default.
 * The reminder and the team's `lastReminderAt` are written in one transaction, the latter compare-and-set, so two
 * runs (or a rerun after a crash) never send it twice. Urgent: a team out in the evening hears it in quiet hours.
 */
import { markedForDrill } from '../../domain/disaster/centre';
import { reminderMinutesFor, remindersDue } from '../../domain/disaster/field-safety';
import type { TeamInFieldRow } from '../../domain/disaster/field-safety-store';
import { queueWithinBudget } from './draw-due-days';
import type { FieldSafetyDeps } from './field-safety-deps';

/** The reminder interval of a team's day, in minutes: the day's own, else the council's for the day's heat level. */
export function intervalOf(team: Pick<TeamInFieldRow, 'day'>, table: FieldSafetyDeps['reminderMinutes']): number {
  return team.day.reminderMinutes ?? reminderMinutesFor(team.day.heatLevel ?? 'safe', table);
}

/** Reminds every leader due at `now`; returns how many reminders were queued. */
export async function remindTeams(deps: FieldSafetyDeps, now: Date): Promise<number> {
  const teams = await deps.work.run(({ safety }) => safety.teamsOut());
  let sent = 0;
  for (const team of teams) {
    if (!remindersDue([team], intervalOf(team, deps.reminderMinutes), now).length) continue;
    const queued = await deps.work.run(async ({ safety, disaster, audit }) => {
      if (!(await safety.claimReminder(team.id, team.lastReminderAt, now))) return false;
      if (!team.leaderResidentId) return false;
      const notice = markedForDrill(deps.notices.reminder({ teamNumber: team.number, heatLevel: team.day.heatLevel ?? 'safe' }), team.drill);
      await queueWithinBudget(disaster, audit, [{ residentId: team.leaderResidentId, notice, urgent: true }], { budget: deps.monthlyPushBudget, now, centreId: team.centreId, teamId: team.id, reason: 'fieldReminder' });
      return true;
    });
    if (queued) sent += 1;
  }
  return sent;
}
