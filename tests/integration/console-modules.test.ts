// Under test: the console's modules — a small module written entirely in this file (a wheelchair-lending page,
// with its own permission, navigation entry, template and dependencies) is registered beside the real modules and
// driven end to end without a line of src/ knowing it: navigation, the guard's permission table, its template,
// CSRF on its form. The real app's database, profile and clock (FakeClock) serve the shell; LINE is not used.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { currentSession } from '../../src/console/console-guard';
import { mount, type ConsoleModule } from '../../src/console/console-module';
import { consolePlugin } from '../../src/console/console-plugin';
import { sendPage } from '../../src/console/render';
import { one } from '../../src/console/shared/form-fields';
import { composeConsole } from '../../src/composition/console-composition';
import { consoleParts } from '../../src/composition/console-parts';
import { MODULES } from '../../src/composition/modules';
import { loginAs, postForm } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

declare module '../../src/console/permissions' {
  interface ConsolePermissions {
    'lending.manage': true;
  }
}

declare module '../../src/console/render' {
  interface ConsoleViews {
    lending: { items: string[]; status: string | null };
  }
}

/** What the lending page needs: where the items lent out are kept. */
interface LendingDeps {
  lent: Array<{ item: string; by: string }>;
}

const lendingModule: ConsoleModule<LendingDeps> = {
  id: 'lending',
  dir: 'tests/fixtures/console-module',
  permissions: { 'lending.manage': ['coordinator'] },
  nav: [{ href: '/console/lending', label: '貸し出し', permission: 'lending.manage' }],
  routes: async (app, { deps }) => {
    app.get<{ Querystring: { done?: string } }>('/console/lending', { config: { permission: 'lending.manage' } }, async (request, reply) =>
      sendPage(request, reply, 'lending', '貸し出し', { items: deps.lent.map((l) => l.item), status: request.query.done ? '貸し出しました。' : null }),
    );
    app.post('/console/lending', { config: { permission: 'lending.manage' } }, async (request, reply) => {
      deps.lent.push({ item: one((request.body as Record<string, unknown>).item), by: currentSession(request).staff.id });
      return reply.redirect('/console/lending?done=1', 303);
    });
  },
};

describe('a console module from outside src/', () => {
  let t: TestApp;
  let server: FastifyInstance;
  let lent: LendingDeps['lent'];

  beforeEach(async () => {
    t = await createTestApp();
    lent = [];
    const options = composeConsole(consoleParts({ db: t.app.db, databaseUrl: t.testDb.url, settings: t.app.settings, translator: t.app.deps.translator, clock: t.clock, bot: () => t.app.deps, richMenus: () => { throw new Error('not used'); } }), MODULES);
    server = Fastify();
    await server.register(consolePlugin, { ...options, modules: [...options.modules, mount(lendingModule, { lent })] });
    await server.ready();
  });
  afterEach(async () => {
    await server?.close();
    await t?.close();
  });

  test('its page, navigation entry and permission join the console; its form is guarded like every other', async () => {
    const coordinator = await loginAs({ server, db: t.app.db }, 'coordinator');
    const home = await server.inject({ method: 'GET', url: '/console', headers: { cookie: coordinator.cookie } });
    expect(home.body).toContain('<a href="/console/lending">貸し出し</a>');
    expect(home.body.indexOf('配分計画')).toBeLessThan(home.body.indexOf('貸し出し</a>'));

    expect((await postForm(server, coordinator, '/console/lending', { item: '車いす' })).statusCode).toBe(303);
    const page = await server.inject({ method: 'GET', url: '/console/lending?done=1', headers: { cookie: coordinator.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<li>車いす</li>');
    expect(page.body).toContain('貸し出しました。');
    expect(lent).toEqual([{ item: '車いす', by: coordinator.member.id }]);

    // Without the CSRF token, or without the permission, nothing is lent.
    const forged = await server.inject({ method: 'POST', url: '/console/lending', headers: { cookie: coordinator.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'item=x' });
    expect(forged.statusCode).toBe(403);
    const counsellor = await loginAs({ server, db: t.app.db }, 'counsellor');
    expect((await postForm(server, counsellor, '/console/lending', { item: 'つえ' })).statusCode).toBe(403);
    expect((await server.inject({ method: 'GET', url: '/console', headers: { cookie: counsellor.cookie } })).body).not.toContain('貸し出し');
    expect(lent).toHaveLength(1);
    expect(server.consoleAccess.can('admin', 'lending.manage')).toBe(true);
  });
});
