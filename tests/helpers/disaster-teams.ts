// Helpers for the teams (班) tests: volunteers checked in on a date as reception writes them, the centre's equipment,
// the teams use cases' parts on the test app's database with the bot's wording, and the dispatch notices queued.
import { dispatchNotices } from '../../src/bot/disaster/dispatch-notices';
import { needNotices } from '../../src/bot/disaster/need-notices';
import { teamsRepositories } from '../../src/infra/prisma/prisma-teams';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import type { Db } from '../../src/infra/prisma/database';
import type { TeamsDeps } from '../../src/usecases/disaster/teams-deps';
import { poolMember, type DisasterTestApp } from './disaster';

/** A pool member checked in on the date (`dayId`) at reception; returns their ids. */
export async function checkedIn(db: Db, centreId: string, dayId: string, o: Parameters<typeof poolMember>[2] = {}) {
  const m = await poolMember(db, centreId, o);
  await db.dayApplication.create({ data: { dayId, memberId: m.memberId, status: 'walkIn', appliedAt: new Date('2026-11-24T08:30:00+09:00'), checkedInAt: new Date('2026-11-24T08:40:00+09:00'), checkedInBy: 'desk' } });
  return m;
}

/** The centre's equipment kinds. */
export async function equipment(db: Db, centreId: string, kinds: Array<{ code: string; name: string; count: number }>) {
  for (const k of kinds) await db.equipmentKind.create({ data: { centreId, ...k } });
}

/** The teams use cases' parts on the test app, as the module wires them. */
export function teamsDeps(t: DisasterTestApp): TeamsDeps {
  return {
    work: new PrismaUnitOfWork(t.db, teamsRepositories),
    dispatch: dispatchNotices(t.app.deps.translator),
    needNotices: needNotices(t.app.deps.translator),
    monthlyPushBudget: t.app.profile.messaging.monthlyPushBudget,
  };
}

type QueuedContent = { ja: string; en?: string; 'ja-x-easy'?: string; location?: { title: string; address: string; latitude: number; longitude: number }; actions?: Array<{ data: string; label: Record<string, string> }> };

/** Every personal notice queued, oldest first, with its one recipient. */
export async function noticesQueued(db: Db) {
  const rows = await db.broadcast.findMany({ where: { kind: 'disaster_notice' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((b) => ({ title: b.title, content: JSON.parse(b.content) as QueuedContent, to: (JSON.parse(b.targeting) as { residentIds: string[] }).residentIds }));
}
