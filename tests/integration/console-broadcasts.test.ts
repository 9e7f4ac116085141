// Under test: the console's broadcast pages through app.inject on the real app and a temp SQLite file —
// composing, the confirmation with recipient count and budget, scheduling, the budget guard with the admin
// override, cancelling, and refusals. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (unused).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, type ConsoleLogin, postForm } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  const now = t.clock.now();
  await db().resident.createMany({
    data: [
      { lineUserId: `U${'1'.repeat(32)}`, language: 'ja', followed: true, consent: 'granted', districtCode: 'kaigan', followedAt: now, createdAt: now, updatedAt: now },
      { lineUserId: `U${'2'.repeat(32)}`, language: 'en', followed: true, consent: 'granted', districtCode: 'sakurazaka', followedAt: now, createdAt: now, updatedAt: now },
      { lineUserId: `U${'3'.repeat(32)}`, language: 'ja', followed: true, consent: 'pending', followedAt: now, createdAt: now, updatedAt: now },
      { lineUserId: `U${'4'.repeat(32)}`, language: 'ja', followed: false, consent: 'granted', districtCode: 'kaigan', followedAt: now, createdAt: now, updatedAt: now },
    ],
  });
});
afterEach(async () => {
  await t.close();
});

const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);

const form = (extra: Array<[string, string]> = []): Array<[string, string]> => [
  ['kind', 'announcement'],
  ['title', '歳末たすけあい'],
  ['textJa', '歳末たすけあい募金にご協力ください。'],
  ['textEn', 'Please support the year-end fund drive.'],
  ['scheduledAt', '2026-11-25T10:00'],
  ...extra,
];

describe('scheduling a broadcast', () => {
  test('the confirmation shows who and how many; scheduling stores it with the estimate and audits it', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    expect((await t.app.server.inject({ method: 'GET', url: '/console/broadcasts/new', headers: { cookie: coordinator.cookie } })).statusCode).toBe(200);

    const preview = await post(coordinator, '/console/broadcasts/preview', form([['everyone', 'on']]));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('3人');
    expect(preview.body).toContain('Please support the year-end fund drive.');
    expect(preview.body).toContain('(日本語で送ります)');

    const res = await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/broadcasts?done=scheduled');
    const b = await db().broadcast.findFirstOrThrow();
    expect(b).toMatchObject({ status: 'scheduled', title: '歳末たすけあい', targeted: 3, urgent: false, createdBy: coordinator.member.id });
    expect(b.scheduledAt).toEqual(new Date('2026-11-25T01:00:00Z'));
    expect(JSON.parse(b.content)).toEqual({ ja: '歳末たすけあい募金にご協力ください。', en: 'Please support the year-end fund drive.' });
    expect(JSON.parse(b.targeting)).toEqual({ everyone: true });
    expect(await db().auditLog.count({ where: { action: 'broadcast.schedule', subjectId: b.id } })).toBe(1);

    const list = await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: coordinator.cookie } });
    expect(list.body).toContain('歳末たすけあい');
    expect(list.body).toContain('予約中 3通');
  });

  test('district targeting counts only consenting followers of that district', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const preview = await post(coordinator, '/console/broadcasts/preview', form([['districts', 'kaigan']]));
    expect(preview.body).toContain('1人');
  });

  test('bad forms come back with the problem: no recipients chosen, no text, a time in the past', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    expect((await post(coordinator, '/console/broadcasts/preview', form())).body).toContain('送る相手を選んでください');
    const noText = form([['everyone', 'on']]).map(([k, v]): [string, string] => [k, k === 'textJa' ? ' ' : v]);
    expect((await post(coordinator, '/console/broadcasts/preview', noText)).body).toContain('本文(日本語)を入力してください');
    const past = form([['everyone', 'on']]).map(([k, v]): [string, string] => [k, k === 'scheduledAt' ? '2026-11-20T10:00' : v]);
    const res = await post(coordinator, '/console/broadcasts', past);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('送る日時が過ぎています');
    expect(await db().broadcast.count()).toBe(0);
  });

  test('counsellors cannot open or schedule broadcasts', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: counsellor.cookie } })).statusCode).toBe(403);
    expect((await post(counsellor, '/console/broadcasts', form([['everyone', 'on']]))).statusCode).toBe(403);
  });
});

describe('the monthly push budget', () => {
  beforeEach(async () => {
    // 4,999 of the demo profile's 5,000 already sent this month.
    const now = t.clock.now();
    await db().broadcast.create({ data: { kind: 'announcement', title: '先の配信', content: '{"ja":"x"}', targeting: '{"everyone":true}', scheduledAt: now, createdAt: now, startedAt: now, finishedAt: now, status: 'sent', targeted: 4999, sent: 4999 } });
  });

  test('a send that would break it is refused for a coordinator', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const preview = await post(coordinator, '/console/broadcasts/preview', form([['everyone', 'on']]));
    expect(preview.body).toContain('上限をこえます');
    expect(preview.body).not.toContain('この内容で予約する');
    const res = await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    expect(res.statusCode).toBe(409);
    expect(await db().broadcast.count({ where: { status: 'scheduled' } })).toBe(0);
  });

  test('an admin may override it, and the override is audited', async () => {
    const admin = await loginAs(t.app, 'admin');
    const preview = await post(admin, '/console/broadcasts/preview', form([['everyone', 'on']]));
    expect(preview.body).toContain('上限をこえて送る');
    expect((await post(admin, '/console/broadcasts', form([['everyone', 'on']]))).statusCode).toBe(409);
    const res = await post(admin, '/console/broadcasts', form([['everyone', 'on'], ['override', 'on']]));
    expect(res.statusCode).toBe(303);
    const b = await db().broadcast.findFirstOrThrow({ where: { status: 'scheduled' } });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'broadcast.schedule', subjectId: b.id } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ override: true, estimate: 3 });
  });
});

describe('cancelling', () => {
  test('a scheduled send can be cancelled; one that has started cannot', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    const b = await db().broadcast.findFirstOrThrow();
    expect((await post(coordinator, `/console/broadcasts/${b.id}/cancel`, [])).statusCode).toBe(303);
    expect((await db().broadcast.findUniqueOrThrow({ where: { id: b.id } })).status).toBe('cancelled');
    expect((await post(coordinator, `/console/broadcasts/${b.id}/cancel`, [])).statusCode).toBe(409);
    t.clock.set('2026-11-25T10:05:00+09:00');
    await t.app.runBroadcasts();
    expect(t.messenger.sent).toHaveLength(0);
  });
});

describe('salon notices', () => {
  test("go to the salon's followers and its district's residents who chose salon news, and nobody else", async () => {
    const now = t.clock.now();
    const follower = `U${'5'.repeat(32)}`;
    const news = `U${'6'.repeat(32)}`;
    await db().resident.createMany({
      data: [
        { lineUserId: follower, language: 'ja', followed: true, consent: 'granted', districtCode: 'shiomidai', salons: '["kaigan-ikiiki"]', followedAt: now, createdAt: now, updatedAt: now },
        { lineUserId: news, language: 'en', followed: true, consent: 'granted', districtCode: 'kaigan', topics: '["salons_events"]', followedAt: now, createdAt: now, updatedAt: now },
      ],
    });
    const coordinator = await loginAs(t.app, 'coordinator');
    const fields = form([['salon', 'kaigan-ikiiki']]).map(([k, v]): [string, string] => [k, k === 'kind' ? 'salon_notice' : v]);
    const preview = await post(coordinator, '/console/broadcasts/preview', fields);
    expect(preview.body).toContain('2人');
    expect((await post(coordinator, '/console/broadcasts', fields)).statusCode).toBe(303);
    t.clock.set('2026-11-25T10:00:00+09:00');
    await t.app.runBroadcasts();
    expect(new Set(t.messenger.sent.map((s) => s.to))).toEqual(new Set([follower, news]));
  });
});

describe('a link', () => {
  test('is shown on the confirmation and stored; a non-https link is refused', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const bad = await post(coordinator, '/console/broadcasts/preview', form([['everyone', 'on'], ['link', 'http://example.com/x']]));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('https://');
    const ok = await post(coordinator, '/console/broadcasts/preview', form([['everyone', 'on'], ['link', 'https://minato-shakyo.example/dayori/58']]));
    expect(ok.body).toContain('https://minato-shakyo.example/dayori/58');
    await post(coordinator, '/console/broadcasts', form([['everyone', 'on'], ['link', 'https://minato-shakyo.example/dayori/58']]));
    expect(JSON.parse((await db().broadcast.findFirstOrThrow()).content)).toMatchObject({ link: 'https://minato-shakyo.example/dayori/58' });
  });

  test('a newsletter issue with a cover image: shown on the confirmation, stored, and sent before the text; a non-https image is refused', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const newsletter = (extra: Array<[string, string]>) => form(extra).map(([k, v]): [string, string] => (k === 'kind' ? [k, 'newsletter'] : [k, v]));
    const bad = await post(coordinator, '/console/broadcasts/preview', newsletter([['everyone', 'on'], ['image', 'http://example.com/cover.jpg']]));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('画像は https://');
    const fields = newsletter([['everyone', 'on'], ['image', 'https://minato-shakyo.example/dayori/58/cover.jpg'], ['link', 'https://minato-shakyo.example/dayori/58']]);
    const ok = await post(coordinator, '/console/broadcasts/preview', fields);
    expect(ok.body).toContain('https://minato-shakyo.example/dayori/58/cover.jpg');
    // The preview shows each language's link button as the bot labels it.
    for (const lang of ['ja', 'ja-x-easy', 'en'] as const) expect(ok.body).toContain(`<span class="msg-button">${t.app.deps.translator.t(lang, 'common:readMore')}</span>`);
    await post(coordinator, '/console/broadcasts', fields);
    const stored = await db().broadcast.findFirstOrThrow();
    expect(stored.kind).toBe('newsletter');
    expect(JSON.parse(stored.content)).toMatchObject({ image: 'https://minato-shakyo.example/dayori/58/cover.jpg', link: 'https://minato-shakyo.example/dayori/58' });
    t.clock.set(stored.scheduledAt);
    await t.app.runBroadcasts();
    expect(t.messenger.sent.length).toBeGreaterThan(0);
    for (const s of t.messenger.sent) expect(s.messages.map((m) => m.type)).toEqual(['image', 'flex']);
  });
});
