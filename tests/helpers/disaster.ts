// Helpers for the disaster centre's console tests: the real app with the disaster module wired to a recording LINE
// menu switch and seeded randomness, and pool members, dates and applications written straight to the database as
// the LINE side would write them (the LINE side is tested on its own).
import { MODULES } from '../../src/composition/modules';
import { disasterModuleWith } from '../../src/composition/modules/disaster';
import type { MenuName } from '../../src/usecases/disaster/disaster-deps';
import type { Db } from '../../src/infra/prisma/database';
import { seededRandom } from '../fakes/seeded-random';
import { loginAs, postForm, type ConsoleLogin } from './console';
import { createTestApp, type TestApp } from './test-app';

/** The LINE menu switches the app asked for, in order; `fail` makes the next ones reject as LINE would. */
export interface MenuRecorder {
  switches: MenuName[];
  fail: boolean;
}

export interface DisasterTestApp extends TestApp {
  menu: MenuRecorder;
  db: Db;
}

export async function createDisasterApp(): Promise<DisasterTestApp> {
  const menu: MenuRecorder = { switches: [], fail: false };
  const module = disasterModuleWith({
    async richMenu(to) {
      if (menu.fail) throw new Error('LINE answered 500');
      menu.switches.push(to);
    },
    random: seededRandom(20261124),
  });
  const t = await createTestApp({}, { modules: MODULES.map((m) => (m.id === 'disaster' ? module : m)) });
  return Object.assign(t, { menu, db: t.testDb.db });
}

/** Registers a centre through the form; returns its id. */
export async function createCentre(t: TestApp, login: ConsoleLogin, o: { name?: string; drill?: boolean; districts?: string[] } = {}): Promise<string> {
  const fields: Array<[string, string]> = [
    ['name', o.name ?? '令和8年11月 大雨災害'],
    ...(o.districts ?? ['kaigan']).map((d): [string, string] => ['districts', d]),
    ['openedOn', '2026-11-24'],
    ['kind', o.drill ? 'drill' : 'real'],
  ];
  const res = await postForm(t.app.server, login, '/console/disaster', fields);
  if (res.statusCode !== 303) throw new Error(`creating a centre answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return /\/console\/disaster\/centres\/([^/?]+)\?done=created$/.exec(String(res.headers.location))![1]!;
}

/** Moves a centre through the page's form. */
export function moveCentre(t: TestApp, login: ConsoleLogin, id: string, from: string, to: string, confirm = false) {
  return postForm(t.app.server, login, `/console/disaster/centres/${id}/status`, [['from', from], ['to', to], ...(confirm ? [['confirm', 'on'] as [string, string]] : [])]);
}

/** A coordinator and an open centre (real, or a drill). */
export async function openCentre(t: TestApp, o: { drill?: boolean; name?: string } = {}) {
  const coordinator = await loginAs(t.app, 'coordinator');
  const id = await createCentre(t, coordinator, o);
  const res = await moveCentre(t, coordinator, id, 'preparing', 'open');
  if (res.statusCode !== 303) throw new Error(`opening answered ${res.statusCode}`);
  return { coordinator, centreId: id };
}

let residents = 0;

/** A following resident and their pool entry, as the LINE side writes it. */
export async function poolMember(
  db: Db,
  centreId: string,
  o: { name?: string; origin?: 'local' | 'outside'; skills?: string[]; kind?: 'individual' | 'group'; size?: number; groupName?: string; dates?: string[]; phone?: string | null; cover?: { plan: string; enrolledOn: string } | null; losses?: number; at?: Date } = {},
) {
  residents += 1;
  // Joined a second apart, in the order the test writes them.
  const at = o.at ?? new Date(Date.parse('2026-11-24T09:00:00+09:00') + residents * 1000);
  const resident = await db.resident.create({ data: { lineUserId: `U${String(residents).padStart(32, '0')}`, language: 'ja', followed: true, consent: 'granted', followedAt: at, createdAt: at, updatedAt: at } });
  const cover = o.cover === undefined ? { plan: 'disaster', enrolledOn: '2026-11-01' } : o.cover;
  const member = await db.poolMember.create({
    data: {
      centreId,
      residentId: resident.id,
      kind: o.kind ?? 'individual',
      name: o.name ?? `ボランティア${residents}`,
      groupName: o.groupName ?? null,
      size: o.size ?? 1,
      origin: o.origin ?? 'local',
      skills: JSON.stringify(o.skills ?? []),
      availableDates: JSON.stringify(o.dates ?? []),
      phone: o.phone === undefined ? '09012345678' : o.phone,
      emergencyContact: null,
      coverPlan: cover?.plan ?? null,
      coverEnrolledOn: cover?.enrolledOn ?? null,
      losses: o.losses ?? 0,
      joinedAt: at,
      updatedAt: at,
    },
  });
  return { residentId: resident.id, lineUserId: resident.lineUserId, memberId: member.id };
}

/** An application for a date, as the LINE side writes it during the window. */
export function apply(db: Db, dayId: string, memberId: string, at = new Date('2026-11-24T12:00:00+09:00')) {
  return db.dayApplication.create({ data: { dayId, memberId, status: 'applied', appliedAt: at } });
}

/** The LINE side's reconfirmation (参加します): only a chosen place whose reply is not overdue at `now`. */
export function reconfirm(db: Db, applicationId: string, now: Date): Promise<number> {
  return db.$executeRawUnsafe(`UPDATE "DayApplication" SET "status" = 'reconfirmed' WHERE "id" = $1 AND "status" = 'chosen' AND "replyBy" > $2`, applicationId, now);
}

/** The LINE side's give-back (行けなくなりました): a place held is released. */
export function giveBack(db: Db, applicationId: string): Promise<number> {
  return db.$executeRawUnsafe(`UPDATE "DayApplication" SET "status" = 'released' WHERE "id" = $1 AND "status" IN ('chosen', 'reconfirmed')`, applicationId);
}

/** The places a date holds now (chosen + reconfirmed). */
export function placesHeld(db: Db, dayId: string): Promise<number> {
  return db.dayApplication.count({ where: { dayId, status: { in: ['chosen', 'reconfirmed'] } } });
}
