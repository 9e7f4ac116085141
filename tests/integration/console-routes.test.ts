// Under test: that EVERY route under /console is guarded — the real app is built, all its /console routes are
// collected (the guard's registry, cross-checked against Fastify's own route tree), and each one is called
// anonymously (must be 303 to the login page or 401, unless declared public) and by a member of each role
// lacking its permission (must be 403). Routes other engineers add are covered without editing this file.
// Also: registering a /console route without a valid permission fails at start-up. Faked: the clock
// (FakeClock) and the LINE messenger; the database is a real temp SQLite file.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConsoleRouteInfo } from '../../src/console/console-guard';
import { STAFF_ROLES, type StaffRole } from '../../src/domain/staff';
import { loginAs, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Every method + path Fastify serves, read from `printRoutes` (a tree: one segment per line, methods in parentheses). */
function servedRoutes(server: FastifyInstance): Array<{ method: string; url: string }> {
  const stack: string[] = [];
  const out: Array<{ method: string; url: string }> = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const start = line.search(/[^│├└─\s]/u);
    if (start < 0) continue;
    const depth = Math.floor(start / 4);
    const m = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(start));
    if (!m) continue;
    stack.length = depth;
    stack[depth] = m[1] as string;
    for (const method of m[2]?.split(', ') ?? []) out.push({ method, url: stack.join('') });
  }
  return out;
}

/** A concrete URL for a route pattern: parameters and wildcards filled with harmless values. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, 'test-param').replace(/\*/g, 'x');
}

const key = (r: { method: string; url: string }) => `${r.method} ${r.url.length > 1 ? r.url.replace(/\/$/, '') : r.url}`;

describe('every /console route is guarded', () => {
  let t: TestApp;
  let routes: readonly ConsoleRouteInfo[];
  const logins = new Map<StaffRole, ConsoleLogin>();

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.server.ready();
    routes = t.app.server.consoleRoutes;
    for (const role of STAFF_ROLES) logins.set(role, await loginAs(t.app, role));
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the guard knows every /console route Fastify serves', () => {
    const known = new Set(routes.map(key));
    const served = servedRoutes(t.app.server).filter((r) => r.url.startsWith('/console'));
    expect(served.length).toBeGreaterThanOrEqual(routes.length);
    // A /console route the guard never saw was registered before the console plugin: it would be unprotected.
    expect(served.filter((r) => !known.has(key(r))).map(key)).toEqual([]);
    // The foundation's own routes are among them.
    for (const r of ['GET /console', 'GET /console/login', 'POST /console/login', 'POST /console/logout', 'GET /console/audit', 'GET /console/staff']) expect(known.has(r)).toBe(true);
  });

  test('anonymous requests are refused on every non-public route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.permission === 'public') continue;
      const res = await t.app.server.inject({ method: route.method as 'GET', url: concrete(route.url) });
      const toLogin = res.statusCode === 303 && String(res.headers.location).startsWith('/console/login');
      if (!toLogin && res.statusCode !== 401) failures.push(`${key(route)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  test('anonymous script requests get 401 JSON on every non-public route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.permission === 'public') continue;
      const res = await t.app.server.inject({ method: route.method as 'GET', url: concrete(route.url), headers: { accept: 'application/json' } });
      if (res.statusCode !== 401) failures.push(`${key(route)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  test('every role lacking a route’s permission gets 403 (with a valid CSRF token, so only the role is refused)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const permission = route.permission;
      if (permission === 'public' || permission === 'signedIn') continue;
      for (const role of STAFF_ROLES.filter((r) => !t.app.server.consoleAccess.can(r, permission))) {
        const login = logins.get(role) as ConsoleLogin;
        const res = await t.app.server.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: { cookie: login.cookie, 'x-csrf-token': login.csrf },
        });
        checked += 1;
        if (res.statusCode !== 403) failures.push(`${key(route)} as ${role} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0); // at least GET /console/audit for coordinator and counsellor
  });

  test('only the login page and static assets are public', () => {
    const publicRoutes = routes.filter((r) => r.permission === 'public').map((r) => r.url);
    expect(publicRoutes.every((u) => u === '/console/login' || u.startsWith('/console/assets/'))).toBe(true);
  });
});

describe('role table', () => {
  // The table the console assembles from its modules' permissions.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('admin has everything; coordinator all but audit.view, retention.view, resident.data, complaint.manage, staff.manage and settings.manage (salons and canned replies only); counsellor no assign, audit, residents\' data, broadcasts, events, salons, volunteers, donations, disaster centre, needs triage, the FAQ (entries and loop), complaints, the annual report, staff or settings (but needs intake)', () => {
    const { permissions: PERMISSIONS, roles: ROLE_PERMISSIONS } = t.app.server.consoleAccess;
    const can = t.app.server.consoleAccess.can.bind(t.app.server.consoleAccess);
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
    expect(PERMISSIONS.filter((p) => !can('coordinator', p))).toEqual(['audit.view', 'retention.view', 'resident.data', 'settings.manage', 'complaint.manage', 'staff.manage']);
    expect(PERMISSIONS.filter((p) => !can('counsellor', p))).toEqual(['conversation.assign', 'audit.view', 'retention.view', 'resident.data', 'broadcast.manage', 'settings.manage', 'settings.salons', 'settings.cannedReplies', 'event.manage', 'salon.manage', 'volunteer.manage', 'donation.manage', 'disaster.manage', 'disaster.needs.triage', 'faq.manage', 'faq.loop', 'complaint.manage', 'report.view', 'staff.manage']);
    expect(can('counsellor', 'conversation.claim')).toBe(true);
    expect(can('counsellor', 'disaster.needs.intake')).toBe(true);
  });
});

describe('registering console routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('a /console route without a permission, or with an unknown one, fails at start-up', () => {
    expect(() => t.app.server.get('/console/forgot', async () => 'x')).toThrow(/must declare config: \{ permission \}/);
    expect(() => t.app.server.post('/console/typo', { config: { permission: 'inbox.veiw' as 'inbox.view' } }, async () => 'x')).toThrow(/permission/);
  });

  test('a route added outside the console plugin is guarded all the same', async () => {
    t.app.server.post('/console/probe/:id', { config: { permission: 'staff.manage' } }, async (request) => ({ ok: true, who: request.consoleSession?.staff.role }));
    const admin = await loginAs(t.app, 'admin');
    const coordinator = await loginAs(t.app, 'coordinator');
    const call = (headers: Record<string, string>) => t.app.server.inject({ method: 'POST', url: '/console/probe/7', headers });
    expect((await call({})).statusCode).toBe(303);
    expect((await call({ cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrf })).statusCode).toBe(403);
    expect((await call({ cookie: admin.cookie })).statusCode).toBe(403); // no CSRF token
    const ok = await call({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, who: 'admin' });
    expect(t.app.server.consoleRoutes.some((r) => r.url === '/console/probe/:id' && r.permission === 'staff.manage')).toBe(true);
  });
});
