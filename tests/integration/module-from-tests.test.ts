// Under test: a feature module defined entirely inside the test folder (tests/fixtures/modules/kudos-module.ts: a flow
// with one step, a gate on its own postback key, its context loader, a module effect written in the step's
// transaction, a console page) registered beside the service's own modules and driven through signed webhooks and
// HTTP requests, with no file under src/ edited for it. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MODULES } from '../../src/composition/modules';
import { kudosModule } from '../fixtures/modules/kudos-module';
import { eventFrom, inputFrom, newUserId, type SaidInput } from '../helpers/line-events';
import { loginAs } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let ts: number;
let user: string;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp({}, { modules: [...MODULES, kudosModule] });
  t.clock.set('2026-11-24T10:00:00+09:00');
  ts = t.clock.now().getTime();
  user = newUserId();
});
afterEach(async () => {
  await t.close();
});

async function say(...inputs: SaidInput[]): Promise<void> {
  for (const input of inputs) await t.post([inputFrom(t.messenger, user, input, (ts += 1000))]);
}
const texts = () => t.messenger.textsTo(user);

describe('a module registered from the test folder', () => {
  test('its gate opens its flow, its step writes its effect in the step\'s transaction, and its context is loaded the next time', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('kudos=start');
    expect(texts().at(-1)).toContain('Who would you like to thank?');
    expect((await db().flowState.findFirstOrThrow()).flowId).toBe('kudos');

    await say('田中さん');
    expect(texts().at(-1)).toBe('Thanks sent to 田中さん (1 so far).');
    const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
    const rows = await db().auditLog.findMany({ where: { action: 'kudos.thank' } });
    expect(rows).toMatchObject([{ residentId: resident.id, subjectType: 'kudos', detail: JSON.stringify({ who: '田中さん' }), at: t.clock.now() }]);
    // The event that carried it was committed with it: processed once, state cleared.
    expect(await db().webhookEvent.count({ where: { status: 'done' } })).toBe(await db().webhookEvent.count());
    expect(await db().flowState.count()).toBe(0);

    await say('kudos=start', '佐藤さん');
    expect(texts().at(-1)).toBe('Thanks sent to 佐藤さん (2 so far).');
    expect(await db().auditLog.count({ where: { action: 'kudos.thank' } })).toBe(2);

    // Its console page, navigation entry and permission join the console.
    const staff = await loginAs(t.app, 'counsellor');
    const home = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: staff.cookie } });
    expect(home.body).toContain('<a href="/console/kudos">お礼カード</a>');
    const page = await t.app.server.inject({ method: 'GET', url: '/console/kudos', headers: { cookie: staff.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<li>佐藤さん<\/li><li>田中さん<\/li>/);
    const anonymous = await t.app.server.inject({ method: 'GET', url: '/console/kudos' });
    expect(anonymous.statusCode).not.toBe(200);
  });

  test('the gate works in the middle of another module\'s flow, and the service\'s own modules go on working beside it', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=donate');
    expect((await db().flowState.findFirstOrThrow()).flowId).toBe('donate');
    await say('kudos=start', '山田さん');
    expect(texts().at(-1)).toBe('Thanks sent to 山田さん (1 so far).');
    await say('menu=events');
    expect((await db().flowState.findFirstOrThrow()).flowId).toBe('events');
  });

  test('without the module registered, its postback is just a stale button and nothing is written', async () => {
    await t.close();
    t = await createTestApp();
    t.clock.set('2026-11-24T10:00:00+09:00');
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('kudos=start', '田中さん');
    expect(await db().auditLog.count({ where: { action: 'kudos.thank' } })).toBe(0);
    expect(texts().join('\n')).not.toContain('Who would you like to thank?');
  });
});
