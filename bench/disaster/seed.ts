/**
 * The bench's data, written straight into a SQLite file as the LINE side and the console would have left it:
 * onboarded residents, their entries in a running centre's pool, and applications. Synthetic and seeded (the same
 * people every run): 40% local, a few skills each, 0–5 lost draws.
 */
import { randomUUID } from 'node:crypto';
import { CONSENT_VERSION } from '../../src/composition/processing';
import { jstDate } from '../../src/domain/japan-time';
import { fiscalYearOf } from '../../src/domain/volunteer';
import type { Db } from '../../src/infra/prisma/database';
import { seededRandom } from '../../tests/fakes/seeded-random';

/** Rows per multi-row INSERT. */
const CHUNK = 500;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Japan time to the minute, as `jst()` of tests/helpers/disaster-centre.ts reads it: `2026-11-24T10:00`. */
export function jstMinute(at: Date | number): string {
  return new Date(new Date(at).getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}

/**
 * Insurance that covers `today`: enrolled at the start of its fiscal year (cover starts the day after), or today
 * under the large-disaster same-day exception when today is that first day.
 */
export function coverForToday(today: string): { enrolledOn: string; sameDayCover: boolean } {
  const start = `${fiscalYearOf(today)}-04-01`;
  return { enrolledOn: start, sameDayCover: start === today };
}

/**
 * Onboarded residents (consent given, Japanese, a district) with LINE ids `lineUserIds`, and their entries in
 * the centre's pool, insured with the disaster plan from `enrolledOn`. Returns the pool entries' ids, in order.
 */
export async function seedPool(db: Db, centreId: string, lineUserIds: string[], o: { skills: string[]; enrolledOn: string; seed: number }): Promise<string[]> {
  const rand = seededRandom(o.seed);
  const at = new Date(Date.now() - 86_400_000);
  const people = lineUserIds.map((lineUserId) => ({ residentId: randomUUID(), memberId: randomUUID(), lineUserId }));
  await inChunks(people, (chunk) =>
    db.resident.createMany({
      data: chunk.map((p) => ({
        id: p.residentId,
        lineUserId: p.lineUserId,
        language: 'ja',
        languageChosen: true,
        followed: true,
        followedAt: at,
        consent: 'granted',
        consentVersion: CONSENT_VERSION,
        consentAt: at,
        districtCode: 'kaigan',
        onboardedAt: at,
        createdAt: at,
        updatedAt: at,
      })),
    }),
  );
  await inChunks(people, (chunk) =>
    db.poolMember.createMany({
      data: chunk.map((p, k) => ({
        id: p.memberId,
        centreId,
        residentId: p.residentId,
        kind: 'individual',
        name: `ボランティア${k + 1}`,
        origin: rand() < 0.4 ? 'local' : 'outside',
        skills: JSON.stringify(o.skills.filter(() => rand() < 0.1)),
        availableDates: '[]',
        phone: '09012345678',
        coverPlan: 'disaster',
        coverEnrolledOn: o.enrolledOn,
        losses: Math.floor(rand() * rand() * 6),
        joinedAt: at,
        updatedAt: at,
      })),
    }),
  );
  return people.map((p) => p.memberId);
}

/** One application per member for the date, with the columns the draw (or a later step) left on it. */
export async function seedApplications(
  db: Db,
  dayId: string,
  memberIds: string[],
  row: { status: string; appliedAt: Date; offeredAt?: Date; replyBy?: Date; positioned?: boolean },
): Promise<void> {
  await inChunks(
    memberIds.map((memberId, i) => ({ memberId, i })),
    (chunk) =>
      db.dayApplication.createMany({
        data: chunk.map(({ memberId, i }) => ({
          id: randomUUID(),
          dayId,
          memberId,
          status: row.status,
          position: row.positioned ? i + 1 : null,
          offeredAt: row.offeredAt ?? null,
          replyBy: row.replyBy ?? null,
          appliedAt: row.appliedAt,
        })),
      }),
  );
}

/** Today in Japan, the day after, and so on. */
export function jstDay(offset: number, from = Date.now()): string {
  return jstDate(from + offset * 86_400_000);
}
