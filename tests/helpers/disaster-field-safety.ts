// Helpers for the safety-in-the-field and daily-figures tests: teams, their members and reports written straight to
// the database as the dispatch and report parts write them (those parts are tested on their own).
import type { Db } from '../../src/infra/prisma/database';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { fieldSafetyRepositories } from '../../src/infra/prisma/prisma-field-safety';
import { safetyNotices } from '../../src/bot/disaster/safety-notices';
import type { FieldSafetyDeps } from '../../src/usecases/disaster/field-safety-deps';
import type { DisasterTestApp } from './disaster';

let numbers = 0;

/** A team out (or back) on `date` for `needId` with `members` (the first is the leader). */
export async function seedTeam(db: Db, centreId: string, needId: string, memberIds: string[], o: { date?: string; dispatchedAt: Date; status?: 'out' | 'back'; backAt?: Date | null }) {
  numbers += 1;
  const team = await db.team.create({
    data: { centreId, needId, date: o.date ?? '2026-11-24', number: numbers, status: o.status ?? 'out', dispatchedAt: o.dispatchedAt, backAt: o.backAt ?? null, members: { create: memberIds.map((memberId, i) => ({ memberId, leader: i === 0 })) } },
  });
  return team.id;
}

/** A leader's report on a team. */
export function seedReport(db: Db, teamId: string, needId: string, at: Date, o: { injuries?: string; nearMiss?: string; outcome?: 'done' | 'continuing' } = {}) {
  return db.fieldReport.create({ data: { teamId, needId, back: true, people: 1, hours: 2, done: '泥出し', outcome: o.outcome ?? 'done', injuries: o.injuries ?? null, nearMiss: o.nearMiss ?? null, channel: 'console', at } });
}

/** The safety use cases' parts on the test app's database (as the module's jobs get them). */
export function safetyJobDeps(t: DisasterTestApp): FieldSafetyDeps {
  return { work: new PrismaUnitOfWork(t.db, fieldSafetyRepositories), notices: safetyNotices(t.app.deps.translator), monthlyPushBudget: t.app.profile.messaging.monthlyPushBudget, teamsBackBy: t.app.profile.disaster!.teamsBackBy, reminderMinutes: t.app.profile.disaster!.heat.reminderMinutes };
}

/** The safety notices queued, oldest first. */
export async function safetyNoticesQueued(db: Db, titlePart: string) {
  const rows = await db.broadcast.findMany({ where: { kind: 'disaster_notice', title: { contains: titlePart } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((b) => ({ title: b.title, urgent: b.urgent, content: JSON.parse(b.content) as Record<string, string>, to: (JSON.parse(b.targeting) as { residentIds: string[] }).residentIds }));
}
