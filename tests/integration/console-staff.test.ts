// Under test: the staff accounts pages (職員アカウント, /console/staff) through app.inject on the real app and a temp
// SQLite file — creating an account whose member then signs in, changing role and teams, disabling (the member's
// open session is refused at once and signing in fails) and enabling, setting a new password (the old one refused,
// the new one works, sessions ended), signing out everywhere, the last active admin kept, the last sign-in shown,
// refusals for non-admins, and audit rows that never hold a password. Faked: the clock (FakeClock) and LINE.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createStaff, loginAs, loginViaInject, postForm, submitLogin, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const NEW_PASSWORD = 'a long new password 2026';

/** The account's id from the redirect after a use case (`/console/staff/<id>?done=…`). */
function accountIdOf(location: unknown): string {
  const m = /^\/console\/staff\/([^?]+)\?done=/.exec(String(location));
  if (!m) throw new Error(`unexpected redirect ${String(location)}`);
  return decodeURIComponent(m[1] as string);
}

async function auditRows(action: string) {
  return db().auditLog.findMany({ where: { action }, orderBy: { at: 'asc' } });
}

describe('staff accounts', () => {
  test('an admin creates a counsellor who then signs in; the list shows the account and its last sign-in', async () => {
    const admin = await loginAs(t.app, 'admin');
    const res = await postForm(t.app.server, admin, '/console/staff', [
      ['loginId', 'Tanaka'],
      ['displayName', '田中 一郎'],
      ['role', 'counsellor'],
      ['teams', 'anshin'],
      ['teams', 'livelihood'],
      ['password', NEW_PASSWORD],
      ['passwordAgain', NEW_PASSWORD],
    ]);
    expect(res.statusCode).toBe(303);
    const id = accountIdOf(res.headers.location);
    const row = await db().staffUser.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ loginId: 'tanaka', displayName: '田中 一郎', role: 'counsellor', teams: '["anshin","livelihood"]', active: true, lastSignInAt: null });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);

    const before = await get(admin, '/console/staff');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('tanaka');
    expect(before.body).toContain('あんしんセンター、生活支援係');
    expect(before.body).toContain('まだありません');

    const tanaka = await loginViaInject(t.app, 'tanaka', NEW_PASSWORD);
    expect((await get(tanaka, '/console')).statusCode).toBe(200);
    expect((await db().staffUser.findUniqueOrThrow({ where: { id } })).lastSignInAt?.toISOString()).toBe(t.clock.now().toISOString());
    const page = await get(admin, `/console/staff/${id}`);
    expect(page.body).toContain('田中 一郎');
    expect(page.body).not.toContain('まだありません');

    const [created] = await auditRows('staff.create');
    expect(created).toMatchObject({ staffId: admin.member.id, subjectType: 'staff', subjectId: id });
    expect(JSON.parse(created?.detail ?? '{}')).toEqual({ loginId: 'tanaka', role: 'counsellor', teams: ['anshin', 'livelihood'], via: 'console' });
  });

  test('a new account is refused with a short password, two different passwords, a taken login id or an unknown team', async () => {
    const admin = await loginAs(t.app, 'admin');
    const base: Array<[string, string]> = [['loginId', 'suzuki'], ['displayName', '鈴木'], ['role', 'coordinator']];
    const short = await postForm(t.app.server, admin, '/console/staff', [...base, ['password', 'short'], ['passwordAgain', 'short']]);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('12文字以上');
    expect(short.body).not.toContain('value="short"');
    const differ = await postForm(t.app.server, admin, '/console/staff', [...base, ['password', NEW_PASSWORD], ['passwordAgain', `${NEW_PASSWORD}!`]]);
    expect(differ.statusCode).toBe(400);
    const team = await postForm(t.app.server, admin, '/console/staff', [...base, ['teams', 'nowhere'], ['password', NEW_PASSWORD], ['passwordAgain', NEW_PASSWORD]]);
    expect(team.statusCode).toBe(400);
    const taken = await postForm(t.app.server, admin, '/console/staff', [...base.map(([k, v]): [string, string] => [k, k === 'loginId' ? admin.member.loginId : v]), ['password', NEW_PASSWORD], ['passwordAgain', NEW_PASSWORD]]);
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('もう使われています');
    expect(await db().staffUser.count({ where: { loginId: 'suzuki' } })).toBe(0);
    expect(await auditRows('staff.create')).toEqual([]);
  });

  test('role and teams change, audited with before and after', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { member } = await createStaff(db(), { role: 'counsellor', teams: ['anshin'] });
    const res = await postForm(t.app.server, admin, `/console/staff/${member.id}`, [['role', 'coordinator'], ['teams', 'community']]);
    expect(res.statusCode).toBe(303);
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ role: 'coordinator', teams: '["community"]' });
    const [row] = await auditRows('staff.update');
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({ loginId: member.loginId, role: { from: 'counsellor', to: 'coordinator' }, teams: { from: ['anshin'], to: ['community'] } });
  });

  test('disabling ends the member’s open session at once and refuses their sign-in; enabling lets them in again', async () => {
    const admin = await loginAs(t.app, 'admin');
    const member = await loginAs(t.app, 'counsellor');
    expect((await get(member, '/console')).statusCode).toBe(200);

    const res = await postForm(t.app.server, admin, `/console/staff/${member.member.id}/disable`);
    expect(res.statusCode).toBe(303);
    expect(await db().staffSession.count({ where: { staffId: member.member.id } })).toBe(0);
    const after = await get(member, '/console');
    expect(after.statusCode).toBe(303);
    expect(String(after.headers.location)).toMatch(/^\/console\/login/);
    expect((await submitLogin(t.app.server, member.member.loginId, 'correct horse battery staple')).statusCode).toBe(401);
    expect((await get(admin, '/console/staff')).body).toContain('停止中');

    expect((await postForm(t.app.server, admin, `/console/staff/${member.member.id}/enable`)).statusCode).toBe(303);
    expect((await submitLogin(t.app.server, member.member.loginId, 'correct horse battery staple')).statusCode).toBe(303);
    const [disabled] = await auditRows('staff.disable');
    expect(JSON.parse(disabled?.detail ?? '{}')).toEqual({ loginId: member.member.loginId, sessionsEnded: 1 });
    expect(await auditRows('staff.enable')).toHaveLength(1);
  });

  test('a new password: the old one is refused, the new one works, and the member’s sessions end', async () => {
    const admin = await loginAs(t.app, 'admin');
    const member = await loginAs(t.app, 'coordinator');
    const mismatch = await postForm(t.app.server, admin, `/console/staff/${member.member.id}/password`, { password: NEW_PASSWORD, passwordAgain: 'something else entirely' });
    expect(mismatch.statusCode).toBe(400);

    const res = await postForm(t.app.server, admin, `/console/staff/${member.member.id}/password`, { password: NEW_PASSWORD, passwordAgain: NEW_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect((await get(member, '/console')).statusCode).toBe(303);
    expect((await submitLogin(t.app.server, member.member.loginId, 'correct horse battery staple')).statusCode).toBe(401);
    expect((await submitLogin(t.app.server, member.member.loginId, NEW_PASSWORD)).statusCode).toBe(303);

    const rows = await db().auditLog.findMany({ where: { action: { startsWith: 'staff.' } } });
    expect(rows.map((r) => r.action)).toEqual(['staff.passwordReset']);
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toEqual({ loginId: member.member.loginId, via: 'console', sessionsEnded: 1 });
    const everything = JSON.stringify(await db().auditLog.findMany());
    expect(everything).not.toContain(NEW_PASSWORD);
    expect(everything).not.toContain('something else entirely');
  });

  test('sign out everywhere ends every session of the member, who can sign in again', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { member, password } = await createStaff(db(), { role: 'counsellor' });
    const one = await loginViaInject(t.app, member.loginId, password);
    const two = await loginViaInject(t.app, member.loginId, password);
    const res = await postForm(t.app.server, admin, `/console/staff/${member.id}/signout`);
    expect(res.statusCode).toBe(303);
    expect((await get(one, '/console')).statusCode).toBe(303);
    expect((await get(two, '/console')).statusCode).toBe(303);
    expect((await get(admin, '/console')).statusCode).toBe(200);
    const [row] = await auditRows('staff.signout');
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({ loginId: member.loginId, sessionsEnded: 2 });
    await loginViaInject(t.app, member.loginId, password);
  });

  test('the last active admin can be neither disabled nor demoted; with a second admin, both are allowed', async () => {
    const admin = await loginAs(t.app, 'admin');
    const disable = await postForm(t.app.server, admin, `/console/staff/${admin.member.id}/disable`);
    expect(disable.statusCode).toBe(409);
    expect(disable.body).toContain('有効な管理者がほかにいない');
    const demote = await postForm(t.app.server, admin, `/console/staff/${admin.member.id}`, { role: 'coordinator' });
    expect(demote.statusCode).toBe(409);
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: admin.member.id } })).toMatchObject({ role: 'admin', active: true });
    // A disabled admin does not count.
    await createStaff(db(), { role: 'admin', active: false });
    expect((await postForm(t.app.server, admin, `/console/staff/${admin.member.id}/disable`)).statusCode).toBe(409);
    expect(await db().auditLog.count({ where: { action: { in: ['staff.disable', 'staff.update'] } } })).toBe(0);

    await createStaff(db(), { role: 'admin' });
    expect((await postForm(t.app.server, admin, `/console/staff/${admin.member.id}`, { role: 'coordinator' })).statusCode).toBe(303);
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: admin.member.id } })).role).toBe('coordinator');
    // No longer an admin: the pages are refused from the next request on.
    expect((await get(admin, '/console/staff')).statusCode).toBe(403);
  });

  test('coordinators and counsellors are refused every staff page; an unknown account is 404', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { member } = await createStaff(db(), { role: 'counsellor' });
    for (const role of ['coordinator', 'counsellor'] as const) {
      const login = await loginAs(t.app, role);
      expect((await get(login, '/console/staff')).statusCode).toBe(403);
      expect((await get(login, '/console/staff/new')).statusCode).toBe(403);
      expect((await postForm(t.app.server, login, `/console/staff/${member.id}/disable`)).statusCode).toBe(403);
      expect((await postForm(t.app.server, login, '/console/staff', { loginId: 'x1', displayName: 'x', role: 'admin', password: NEW_PASSWORD, passwordAgain: NEW_PASSWORD })).statusCode).toBe(403);
      expect((await get(login, '/console')).body).not.toContain('href="/console/staff"');
    }
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(true);
    expect((await get(admin, '/console')).body).toContain('href="/console/staff"');
    expect((await get(admin, '/console/staff/no-such-id')).statusCode).toBe(404);
    expect((await postForm(t.app.server, admin, '/console/staff/no-such-id/signout')).statusCode).toBe(404);
  });

  test('a form without the session’s CSRF token changes nothing', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { member } = await createStaff(db(), { role: 'counsellor' });
    const res = await postForm(t.app.server, { ...admin, csrf: 'forged' }, `/console/staff/${member.id}/disable`);
    expect(res.statusCode).toBe(403);
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(true);
  });
});
