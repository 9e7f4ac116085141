// Under test: items removed from the settings while residents' records and open conversations still name them — a
// district, a salon a resident follows, the consultation area a resident is in the middle of, a volunteer skill. The
// resident's next taps are each answered (nothing stalls or fails), and the console's pages still open. Faked: the
// clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { loginAs } from '../helpers/console';
import { ResidentTalk } from '../helpers/resident-talk';
import { settingsDeps } from '../helpers/settings-store';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T10:00:00+09:00');
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t?.close();
});

const by = { staffId: 'admin-1', ip: '127.0.0.1', at: new Date('2026-12-07T01:00:00Z') };

/** Each input is answered with at least one message, and every stored event is done. */
async function answered(user: string, ...inputs: string[]): Promise<void> {
  for (const input of inputs) {
    const before = t.messenger.sent.filter((s) => s.to === user).length;
    await talk.say(user, input);
    expect(t.messenger.sent.filter((s) => s.to === user).length, input).toBeGreaterThan(before);
  }
  expect(await t.app.db.webhookEvent.count({ where: { status: { not: 'done' } } })).toBe(0);
}

test('a resident whose district, followed salon, area in progress and skill were removed is still answered at every tap', async () => {
  const user = await talk.follows();
  await talk.say(user, 'c=yes', 'lang=ja', 'd=kaigan', 't=done', 'menu=events', 'ev=salons', 'sl=kaigan-ikiiki', 'sd=follow');
  expect((await t.app.db.resident.findUniqueOrThrow({ where: { lineUserId: user } })).salons).toContain('kaigan-ikiiki');
  await talk.say(user, 'menu=consult', 'cat=elderly');

  const p = t.app.profile;
  await saveSettings(settingsDeps(t.app.db, t.app.settings.file), {
    sections: {
      districts: p.districts.filter((d) => d.code !== 'kaigan'),
      salons: p.salons.filter((s) => s.district !== 'kaigan'),
      consultationCategories: p.consultationCategories.filter((c) => c.code !== 'elderly'),
      volunteer: { skills: p.volunteer.skills.slice(1) },
    },
    kind: 'edit',
  }, by);

  await answered(user, 'about=go', 'menu=events', 'ev=salons', 'sl=kaigan-ikiiki', 'menu=settings', 'menu=consult', 'menu=volunteer');
  const admin = await loginAs(t.app, 'admin');
  for (const url of ['/console', '/console/salons', '/console/inbox', '/console/volunteers', '/console/broadcasts/new', '/console/settings']) {
    expect((await t.app.server.inject({ method: 'GET', url, headers: { cookie: admin.cookie } })).statusCode, url).toBe(200);
  }
});
