// Helpers for the needs console tests: needs and their reports written straight to the database as the LINE side
// writes them (a LINE resident's report, suspects not yet reviewed), the intake form's fields, and the job's parts.
import { needNotices } from '../../src/bot/disaster/need-notices';
import { alertThreadDeps } from '../../src/composition/modules/disaster';
import { needsRepositories } from '../../src/infra/prisma/prisma-needs-admin';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import type { Db } from '../../src/infra/prisma/database';
import type { NeedsDeps } from '../../src/usecases/disaster/needs-deps';
import { seededRandom } from '../fakes/seeded-random';
import type { DisasterTestApp } from './disaster';

let residents = 0;
let refs = 0;

/** A following LINE resident (language as given). */
export async function lineResident(db: Db, language = 'ja'): Promise<string> {
  residents += 1;
  const at = new Date('2026-11-24T09:00:00+09:00');
  const r = await db.resident.create({ data: { lineUserId: `Un${String(residents).padStart(31, '0')}`, language, followed: true, consent: 'granted', followedAt: at, createdAt: at, updatedAt: at } });
  return r.id;
}

/** A need as the LINE side (or an earlier intake) saved it, with a report per reporter given. */
export async function seedNeed(
  db: Db,
  centreId: string,
  o: {
    status?: string;
    statusSince?: Date;
    reporters?: Array<string | null>;
    address?: string | null;
    phone?: string | null;
    district?: string | null;
    work?: string[];
    flags?: string[];
    suspects?: Array<{ needId: string; referenceNo: string; reasons: string[] }>;
    householdName?: string;
    priority?: string;
  } = {},
): Promise<{ id: string; referenceNo: string; reportIds: string[] }> {
  refs += 1;
  const at = o.statusSince ?? new Date('2026-11-24T09:30:00+09:00');
  const referenceNo = `N-261124-T${String(refs).padStart(3, '0')}`;
  const need = await db.need.create({
    data: {
      referenceNo,
      centreId,
      status: o.status ?? 'received',
      statusSince: at,
      priority: o.priority ?? 'medium',
      flags: JSON.stringify(o.flags ?? []),
      householdName: o.householdName ?? `世帯${refs}`,
      address: o.address === undefined ? `つなぐ市海岸町${refs}丁目1番` : o.address,
      addressKey: null,
      phone: o.phone ?? null,
      phoneKey: o.phone ?? null,
      districtCode: o.district === undefined ? 'kaigan' : o.district,
      work: JSON.stringify(o.work ?? ['mud']),
      contactMethod: 'line',
      createdAt: at,
      updatedAt: at,
    },
  });
  const reportIds: string[] = [];
  for (const residentId of o.reporters ?? [null]) {
    const r = await db.needReport.create({
      data: { needId: need.id, channel: residentId ? 'line' : 'phone', relation: 'self', residentId, content: JSON.stringify({ notes: '泥をかき出してほしい' }), suspects: JSON.stringify(o.suspects ?? []), reviewedAt: o.suspects?.length ? null : at, createdAt: at },
    });
    reportIds.push(r.id);
  }
  return { id: need.id, referenceNo, reportIds };
}

/** The needs use cases' parts on the test app's database, with the bot's wording (as the module's job gets them). */
export function needsJobDeps(t: DisasterTestApp): NeedsDeps {
  const n = t.app.profile.disaster!.needs;
  return {
    work: new PrismaUnitOfWork(t.db, needsRepositories),
    notices: needNotices(t.app.deps.translator),
    random: seededRandom(7),
    monthlyPushBudget: t.app.profile.messaging.monthlyPushBudget,
    settings: { screening: n.screening, staleHours: n.staleHours, followUpDays: n.followUpDays, duplicateRadiusMetres: n.duplicateRadiusMetres },
    alerts: alertThreadDeps({ profile: t.app.profile, translator: t.app.deps.translator }),
  };
}

/** The personal notices queued by the needs, oldest first, with their recipients. */
export async function needNoticesQueued(db: Db) {
  const rows = await db.broadcast.findMany({ where: { kind: 'disaster_notice' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((b) => ({ title: b.title, content: JSON.parse(b.content) as { ja: string; en?: string; 'ja-x-easy'?: string; actions?: Array<{ data: string; label: Record<string, string> }> }, to: (JSON.parse(b.targeting) as { residentIds: string[] }).residentIds }));
}

/** A phone intake's fields (repeatable fields as pairs). */
export function intakeFields(changes: Record<string, string | string[]> = {}): Array<[string, string]> {
  const base: Record<string, string | string[]> = {
    channel: 'phone',
    relation: 'self',
    householdName: '山田 花子',
    address: 'つなぐ市海岸町3丁目5番2号',
    districtCode: 'kaigan',
    damage: ['floodAbove'],
    work: ['mud', 'furniture'],
    households: ['elderly'],
    preferredDates: ['2026-11-28'],
    contactMethod: 'phone',
    phone: '090-1111-2222',
    surveyDecision: 'needed',
    notes: '床上まで水が来ました。',
    ...changes,
  };
  return Object.entries(base).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
}
