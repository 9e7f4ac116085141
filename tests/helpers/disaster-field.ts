// Helpers for the field tests (return report, 緊急): teams and their members written straight to the database as the
// console's team forming writes them (that is another part's), and the field use cases' parts on the test app.
import { needNotices } from '../../src/bot/disaster/need-notices';
import type { Db } from '../../src/infra/prisma/database';
import { fieldRepositories } from '../../src/infra/prisma/prisma-field-reports';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import type { FieldDeps } from '../../src/usecases/disaster/field-deps';
import type { DisasterTestApp } from './disaster';

let numbers = 0;

/** A team sent out (or back) to `needId`: the first member leads; equipment as lent. */
export async function seedTeam(
  db: Db,
  o: { centreId: string; needId: string; memberIds: string[]; date?: string; status?: 'out' | 'back'; equipment?: Array<{ code: string; count: number }>; dispatchedAt?: Date },
): Promise<{ teamId: string; number: number }> {
  numbers += 1;
  const team = await db.team.create({
    data: {
      centreId: o.centreId,
      needId: o.needId,
      date: o.date ?? '2026-11-24',
      number: numbers,
      status: o.status ?? 'out',
      equipment: JSON.stringify(o.equipment ?? []),
      dispatchedAt: o.dispatchedAt ?? new Date('2026-11-24T09:30:00+09:00'),
      members: { create: o.memberIds.map((memberId, i) => ({ memberId, leader: i === 0 })) },
    },
  });
  return { teamId: team.id, number: numbers };
}

/** The field use cases' parts on the test app's database, with the bot's wording. */
export function fieldDeps(t: DisasterTestApp): FieldDeps {
  return { work: new PrismaUnitOfWork(t.db, fieldRepositories), notices: needNotices(t.app.deps.translator), monthlyPushBudget: t.app.profile.messaging.monthlyPushBudget };
}

/** A registered volunteer (an ordinary Volunteer row) for `residentId`, to link a pool entry to. */
export async function volunteerFor(db: Db, residentId: string, name: string): Promise<string> {
  const at = new Date('2026-04-10T09:00:00+09:00');
  const v = await db.volunteer.create({ data: { residentId, name, skills: '[]', availability: '{}', status: 'active', registeredAt: at, updatedAt: at } });
  return v.id;
}
