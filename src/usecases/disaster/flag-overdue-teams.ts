/**
 * Teams not back by the day's end (the profile's `teamsBackBy`, Japan time, on the team's date), a job every minute:
 * each is flagged once (`overdueAt`, compare-and-set) with its audit row, for the coordinator to phone the leader.
 */
import { overdueTeams } from '../../domain/disaster/field-report';
import { jstMidnightOf } from '../../domain/japan-time';
import type { FieldSafetyDeps } from './field-safety-deps';

/** The end of `date` for teams: `teamsBackBy` (HH:MM) Japan time. */
export function teamsDayEnd(date: string, teamsBackBy: string): Date {
  const [h, m] = teamsBackBy.split(':').map(Number) as [number, number];
  return new Date(jstMidnightOf(date) + (h * 60 + m) * 60_000);
}

/** Flags the teams overdue at `now`; returns how many were newly flagged. */
export async function flagOverdueTeams(deps: Pick<FieldSafetyDeps, 'work' | 'teamsBackBy'>, now: Date): Promise<number> {
  const teams = (await deps.work.run(({ safety }) => safety.teamsOut())).filter((t) => t.overdueAt === null);
  const due = teams.filter((t) => overdueTeams([{ id: t.id, dispatchedAt: t.dispatchedAt, backAt: null }], teamsDayEnd(t.date, deps.teamsBackBy), now).length > 0);
  let flagged = 0;
  for (const t of due) {
    const done = await deps.work.run(async ({ safety, audit }) => {
      if (!(await safety.claimOverdue(t.id, now))) return false;
      await audit.record({ staffId: null, action: 'disaster.team.overdue', subjectType: 'team', subjectId: t.id, detail: { centreId: t.centreId, date: t.date, number: t.number, backBy: deps.teamsBackBy, drill: t.drill }, at: now });
      return true;
    });
    if (done) flagged += 1;
  }
  return flagged;
}
