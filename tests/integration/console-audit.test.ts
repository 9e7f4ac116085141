// Under test: the audit trail of the console through app.inject on the real app and a temp SQLite file —
// rows for login success and failure (login id and IP, never the password), the admin-only audit page (newest
// first, paginated) and the audit row its own viewing writes. Faked: the clock (FakeClock) and the LINE
// messenger (unused).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PrismaAuditLog } from '../../src/infra/prisma/prisma-audit-log';
import { createStaff, loginAs, loginViaInject, submitLogin, TEST_PASSWORD } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('console audit log', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t?.close();
  });

  test('login success and failure are recorded with login id, IP and time, never the password', async () => {
    const { member } = await createStaff(t.app.db, { role: 'counsellor', loginId: 'hayashi' });
    await submitLogin(t.app.server, 'hayashi', 'not-the-password-123');
    await submitLogin(t.app.server, 'hayashi', TEST_PASSWORD);
    const rows = await t.app.db.auditLog.findMany();
    const failure = rows.find((r) => r.action === 'login.failure');
    const success = rows.find((r) => r.action === 'login.success');
    expect(failure).toMatchObject({ staffId: member.id, subjectType: 'staff', subjectId: member.id, ip: '127.0.0.1', at: t.clock.now() });
    expect(JSON.parse(failure?.detail ?? '')).toEqual({ loginId: 'hayashi', reason: 'badPassword' });
    expect(success).toMatchObject({ staffId: member.id, ip: '127.0.0.1' });
    expect(JSON.parse(success?.detail ?? '')).toEqual({ loginId: 'hayashi' });
    const all = JSON.stringify(rows);
    expect(all).not.toContain('not-the-password-123');
    expect(all).not.toContain(TEST_PASSWORD);
  });

  test('an unknown login id is recorded without a staff id, masked past its first two characters', async () => {
    await submitLogin(t.app.server, 'ghost', TEST_PASSWORD);
    // A password typed into the login id field by mistake is not kept readable in the audit log.
    await submitLogin(t.app.server, 'Tr0ub4dor&3', 'x');
    const rows = await t.app.db.auditLog.findMany({ where: { action: 'login.failure' } });
    expect(rows.every((r) => r.staffId === null)).toBe(true);
    expect(rows.map((r) => JSON.parse(r.detail ?? '')).sort((a, b) => a.loginId.localeCompare(b.loginId))).toEqual([
      { loginId: 'gh***', reason: 'unknownLogin' },
      { loginId: 'tr*********', reason: 'unknownLogin' },
    ]);
    expect(JSON.stringify(rows)).not.toContain('0ub4dor');
  });

  test('only admins open the audit page; coordinators and counsellors get 403', async () => {
    for (const role of ['coordinator', 'counsellor'] as const) {
      const login = await loginAs(t.app, role);
      const res = await t.app.server.inject({ method: 'GET', url: '/console/audit', headers: { cookie: login.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('権限がありません');
    }
    expect(await t.app.db.auditLog.count({ where: { action: 'audit.view' } })).toBe(0);
  });

  test('the audit page lists rows newest first, and opening it is itself audited', async () => {
    const admin = await loginAs(t.app, 'admin', { displayName: '管理 太郎' });
    t.clock.advance(60_000);
    await submitLogin(t.app.server, 'someone', 'x'.repeat(12));
    t.clock.advance(60_000);
    const res = await t.app.server.inject({ method: 'GET', url: '/console/audit', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="audit-heading">監査ログ</h1>');
    // In the table (the filter's list of actions above it names every action too).
    const table = res.body.slice(res.body.indexOf('<tbody>'));
    const order = ['audit.view', 'login.failure', 'login.success'].map((a) => table.indexOf(`（${a}）`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(res.body).toContain('管理 太郎');
    expect(res.body).toContain('&quot;loginId&quot;:&quot;so*****&quot;'); // detail is escaped, not raw HTML (and an unknown id masked)
    const view = await t.app.db.auditLog.findFirstOrThrow({ where: { action: 'audit.view' } });
    expect(view).toMatchObject({ staffId: admin.member.id, subjectType: 'auditLog', ip: '127.0.0.1' });
  });

  test('the audit page pages through older rows 50 at a time', async () => {
    const admin = await loginAs(t.app, 'admin');
    const log = new PrismaAuditLog(t.app.db);
    const base = t.clock.now().getTime() - 3_600_000;
    for (let i = 0; i < 60; i++) await log.record({ staffId: null, action: 'audit.view', subjectType: 'test', subjectId: `row-${String(i).padStart(2, '0')}`, at: new Date(base + i * 1000) });
    const first = await t.app.server.inject({ method: 'GET', url: '/console/audit', headers: { cookie: admin.cookie } });
    const older = /href="(\/console\/audit\?before=[^"]+)"/.exec(first.body)?.[1];
    expect(older).toBeTruthy();
    // Page 1: audit.view, login.success, then rows 59 … 12 (48 rows).
    expect(first.body).toContain(': row-12<');
    expect(first.body).not.toContain(': row-11<');
    const second = await t.app.server.inject({ method: 'GET', url: older!.replaceAll('&amp;', '&'), headers: { cookie: admin.cookie } });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(': row-11<');
    expect(second.body).toContain(': row-00<');
    expect(second.body).not.toContain(': row-12<');
    expect(second.body).not.toContain('さらに古い記録');
    expect(second.body).toContain('最新の記録へ');
  });

  test('who read what: filtered by staff member, resident and action, paged with the filter kept, and exported as CSV; both audited', async () => {
    const admin = await loginAs(t.app, 'admin', { displayName: '管理 太郎' });
    const reader = await createStaff(t.app.db, { role: 'counsellor', loginId: 'sato', displayName: '佐藤 相談員' });
    const log = new PrismaAuditLog(t.app.db);
    const base = t.clock.now().getTime() - 3_600_000;
    // 55 views of resident R by 佐藤, one of another resident by 佐藤, one of R by the admin.
    for (let i = 0; i < 55; i++) await log.record({ staffId: reader.member.id, action: 'conversation.view', subjectType: 'conversation', subjectId: `c-${String(i).padStart(2, '0')}`, residentId: 'resident-r', at: new Date(base + i * 1000) });
    await log.record({ staffId: reader.member.id, action: 'conversation.view', subjectType: 'conversation', subjectId: 'c-other', residentId: 'resident-x', at: new Date(base + 60_000) });
    await log.record({ staffId: admin.member.id, action: 'conversation.view', subjectType: 'conversation', subjectId: 'c-admin', residentId: 'resident-r', at: new Date(base + 61_000) });
    const get = (url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

    const first = await get(`/console/audit?staff=${reader.member.id}&resident=resident-r&action=conversation.view`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(': c-54<');
    expect(first.body).toContain(': c-05<');
    expect(first.body).not.toContain(': c-04<');
    expect(first.body).not.toContain('c-other');
    expect(first.body).not.toContain('c-admin');
    expect(first.body).toMatch(new RegExp(`<option value="${reader.member.id}" selected>佐藤 相談員`));
    const older = /href="(\/console\/audit\?before=[^"]+)"/.exec(first.body)![1]!.replaceAll('&amp;', '&');
    expect(older).toContain(`staff=${reader.member.id}`);
    const second = await get(older);
    expect(second.body).toContain(': c-04<');
    expect(second.body).toContain(': c-00<');
    expect(second.body).not.toContain('c-admin');
    // A malformed filter is ignored, not an error.
    expect((await get('/console/audit?action=drop%20table&staff=%3Cscript%3E')).statusCode).toBe(200);

    const csv = await get(`/console/audit.csv?resident=resident-r&action=conversation.view`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('日時,職員,操作,操作コード,対象,利用者ID,詳細,IPアドレス');
    expect(lines).toHaveLength(1 + 56);
    expect(lines.filter((l) => l.includes('佐藤 相談員'))).toHaveLength(55);
    expect(lines.filter((l) => l.includes('管理 太郎'))).toHaveLength(1);
    const audited = await t.app.db.auditLog.findMany({ where: { action: { in: ['audit.view', 'audit.export'] }, staffId: admin.member.id }, orderBy: { at: 'asc' } });
    expect(audited.map((a) => a.action)).toEqual(['audit.view', 'audit.view', 'audit.view', 'audit.export']);
    expect(JSON.parse(audited[3]!.detail!)).toEqual({ residentId: 'resident-r', action: 'conversation.view' });
  });

  test('an admin sees the audit link in the navigation; others do not', async () => {
    const admin = await loginAs(t.app, 'admin');
    expect((await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: admin.cookie } })).body).toContain('href="/console/audit"');
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'coord' });
    const coordinator = await loginViaInject(t.app, 'coord');
    expect((await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: coordinator.cookie } })).body).not.toContain('href="/console/audit"');
  });
});
