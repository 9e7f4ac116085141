// Under test: settings on several instances — two apps on one database (as two instances behind a load balancer):
// a salon an admin adds on instance A's console is in instance B's next reply to a resident and on B's console, with
// no restart and nothing sent between them; an undo on B is back on A. Faked: the clock (FakeClock) and LINE
// (RecordingMessenger, one per instance).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import { FakeClock } from '../fakes/fake-clock';
import { RecordingMessenger } from '../fakes/recording-messenger';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/test-app';
import { callbackBody, sign } from '../fixtures/webhook-fixtures';

let a: TestApp;
let b: App;
const bMessenger = new RecordingMessenger();

beforeEach(async () => {
  a = await createTestApp({ INSTANCE_NAME: 'a' });
  a.clock.set('2026-12-07T10:00:00+09:00');
  const config = loadConfig({ DATABASE_URL: a.testDb.url, LINE_CHANNEL_SECRET: TEST_SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'test-token', LOG_LEVEL: 'silent', NODE_ENV: 'test', INSTANCE_NAME: 'b' });
  b = await buildApp({ config, clock: new FakeClock('2026-12-07T10:00:00+09:00'), messenger: bMessenger, skipMigrations: true, logger: false });
  await b.recover();
});
afterEach(async () => {
  await b?.close();
  await a?.close();
});

/** Instance B as the resident's LINE reaches it: webhooks signed, answered before the next. */
const onB = {
  async post(events: object[]) {
    const body = callbackBody(events);
    const res = await b.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, TEST_SECRET) }, payload: body });
    await new Promise((r) => setImmediate(r));
    await b.queue.whenIdle();
    return { status: res.statusCode, body: res.body };
  },
};

const salon: Record<string, string> = { version: '0', code: 'kaigan-tea', name: '海岸お茶のみサロン', district: 'kaigan', place: '海岸集会所', fee: '100円', contact: '海岸地区社協 045-000-1111', ruleKind: 'weekly', weekday: 'wed', start: '13:30', end: '15:00', intent: 'save' };

test('a salon added on one instance is in the other\'s next reply and console; an undo on the other is back on the first', async () => {
  const talk = new ResidentTalk({ ...a, messenger: bMessenger, post: (events) => onB.post(events) } as TestApp);
  const user = await talk.follows();
  await talk.say(user, 'c=yes', 'lang=ja', 'd=kaigan', 't=done', 'menu=events', 'ev=salons');
  expect(talk.sentTo(user).at(-1)).not.toContain('海岸お茶のみサロン');

  const adminOnA: ConsoleLogin = await loginAs(a.app, 'admin');
  expect((await postForm(a.app.server, adminOnA, '/console/settings/salons/new', salon)).statusCode).toBe(303);

  await talk.say(user, 'ev=salons');
  expect(talk.sentTo(user).at(-1)).toContain('海岸お茶のみサロン');
  // The session is in the shared database: the same staff member is signed in on either instance.
  const adminOnB = adminOnA;
  expect((await b.server.inject({ method: 'GET', url: '/console/salons', headers: { cookie: adminOnB.cookie } })).body).toContain('海岸お茶のみサロン');

  const version = await a.app.db.settingsVersion.findFirstOrThrow();
  expect((await postForm(b.server, adminOnB, `/console/settings/history/${version.seq}/undo`)).statusCode).toBe(303);
  expect((await a.app.server.inject({ method: 'GET', url: '/console/salons', headers: { cookie: adminOnA.cookie } })).body).not.toContain('海岸お茶のみサロン');
  expect(a.app.profile.salons.some((s) => s.code === 'kaigan-tea')).toBe(false);
});
