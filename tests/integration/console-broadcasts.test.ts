// Under test: the console's broadcast pages through app.inject on the real app and a temp SQLite file —
// composing, the confirmation with recipient count and budget, scheduling, the budget guard with the admin
// override, cancelling, and refusals (dates that do not exist, over-long fields and unknown codes, each in
// Japanese; a form at its maximums fits the body limit, one beyond it gets a Japanese page); the system's
// personal notices listed with a label and never cancelled; recipients per language (the confirmation's table from
// the engine's own selection, the list's line as sent); with the audit log failing, nothing is scheduled or
// cancelled. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00
// JST) and LINE (the recording messenger, for the sends run here).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PERSONAL_NOTICE_KINDS } from '../../src/domain/broadcast';
import { breakAuditLog } from '../helpers/audit-outage';
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
    // Easy Japanese written and no English: English readers get the easy Japanese, and the preview says so.
    const easy = await post(coordinator, '/console/broadcasts/preview', [...form([['everyone', 'on'], ['textEasy', 'ぼきんに きょうりょく して ください。']]).filter(([k]) => k !== 'textEn')]);
    expect(easy.body).toContain('ぼきんに きょうりょく して ください。(やさしい日本語で送ります)');

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

  test('a send time that is no real date or time is refused in Japanese on preview and scheduling, keeping what was typed', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    for (const when of ['2026-13-01T10:00', '2027-02-30T10:00', '2026-12-01T24:00', '2026-12-01T10:60']) {
      const fields = form([['everyone', 'on']]).map(([k, v]): [string, string] => [k, k === 'scheduledAt' ? when : v]);
      for (const url of ['/console/broadcasts/preview', '/console/broadcasts']) {
        const res = await post(coordinator, url, fields);
        expect(res.statusCode, `${url} ${when}`).toBe(400);
        expect(res.body).toContain('送る日時を確かめてください(ない日付や時刻になっています)');
        expect(res.body).toContain(`value="${when}"`);
        expect(res.body).toContain('歳末たすけあい募金にご協力ください。');
      }
    }
    expect(await db().broadcast.count()).toBe(0);
  });

  test('over-long fields and codes the council does not have are refused with a Japanese message, nothing stored', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const replace = (name: string, value: string) => form([['everyone', 'on']]).map(([k, v]): [string, string] => [k, k === name ? value : v]);
    const cases: Array<[Array<[string, string]>, string]> = [
      [replace('title', 'あ'.repeat(101)), '件名は100文字までにしてください'],
      [replace('textJa', 'あ'.repeat(4001)), '本文(日本語)は4000文字までにしてください'],
      [replace('textEn', 'a'.repeat(4001)), '本文(英語)は4000文字までにしてください'],
      [form([['everyone', 'on'], ['textEasy', 'あ'.repeat(4001)]]), '本文(やさしい日本語)は4000文字までにしてください'],
      [form([['districts', 'kaigan'], ['districts', 'atlantis']]), '地区を選び直してください'],
      [form([['topics', 'gardening']]), '関心を選び直してください'],
      [form([['languages', 'fr']]), 'ことばを選び直してください'],
      [replace('kind', 'event_notice'), '種類を選んでください'],
    ];
    for (const [fields, message] of cases) {
      for (const url of ['/console/broadcasts/preview', '/console/broadcasts']) {
        const res = await post(coordinator, url, fields);
        expect(res.statusCode, message).toBe(400);
        expect(res.body).toContain(message);
        expect(res.body).not.toMatch(/Too big|Invalid (input|option)|expected/);
      }
    }
    expect(await db().broadcast.count()).toBe(0);
  });

  test('a form filled to its own maximums in Japanese is taken; line breaks count once, as the browser counts them', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    // A Japanese character is 9 bytes once form-encoded: this form is about 110 KB, beyond the old 64 KiB limit.
    const text = (c: string) => c.repeat(3998) + '\r\n' + c;
    const fields: Array<[string, string]> = [
      ['kind', 'announcement'],
      ['title', '福'.repeat(100)],
      ['textJa', text('祉')],
      ['textEasy', text('ふ')],
      ['textEn', text('く')],
      ['everyone', 'on'],
      ['scheduledAt', '2026-11-25T10:00'],
    ];
    const preview = await post(coordinator, '/console/broadcasts/preview', fields);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('3人');
    const res = await post(coordinator, '/console/broadcasts', fields);
    expect(res.statusCode).toBe(303);
    const stored = JSON.parse((await db().broadcast.findFirstOrThrow()).content) as Record<string, string>;
    expect([stored.ja, stored['ja-x-easy'], stored.en].map((x) => x?.length)).toEqual([4000, 4000, 4000]);
    expect(stored.ja).toBe('祉'.repeat(3998) + '\n祉');
  });

  test('a post beyond the body limit gets a Japanese page saying it was too long and how to get the text back', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, '/console/broadcasts/preview', form([['everyone', 'on'], ['textEasy', 'あ'.repeat(Math.ceil(t.app.server.consoleBodyLimit / 9) + 10)]]));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('<h1 id="error-heading">送った内容が長すぎます</h1>');
    expect(res.body).toContain('ブラウザの「戻る」で入力画面に戻ると、書いた内容が残っています');
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

describe('when the audit log cannot be written', () => {
  test('scheduling and cancelling fail with the error page: no send is stored, a scheduled one stays scheduled', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    const b = await db().broadcast.findFirstOrThrow();
    await breakAuditLog(db());

    const scheduled = await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    expect(scheduled.statusCode).toBe(500);
    expect(scheduled.body).toContain('処理中に問題が発生しました');
    expect((await post(coordinator, `/console/broadcasts/${b.id}/cancel`, [])).statusCode).toBe(500);
    expect((await db().broadcast.findMany()).map((x) => [x.id, x.status])).toEqual([[b.id, 'scheduled']]);
  });
});

describe("the system's personal notices", () => {
  /** A personal notice as the system writes it: one resident, scheduled now. */
  const notice = (kind: string, title: string) =>
    db().broadcast.create({ data: { kind, title, content: '{"ja":"x"}', targeting: '{"residentIds":["r1"]}', scheduledAt: t.clock.now(), createdAt: t.clock.now(), status: 'scheduled', targeted: 1 } });

  test('are listed apart with a Japanese label for every kind, offer no cancel, and a cancel posted anyway is refused and changes nothing', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    const composed = await db().broadcast.findFirstOrThrow();
    const notices = [await notice('volunteer_notice', 'ボランティアのお願い'), await notice('event_notice', '繰り上げのお知らせ'), await notice('donation_notice', '寄付のお返事'), await notice('disaster_notice', '抽選の結果'), await notice('consultation_notice', '相談をつないだ連絡'), await notice('complaint_notice', '苦情・ご意見の結果')];
    expect(notices.map((n) => n.kind).sort()).toEqual([...PERSONAL_NOTICE_KINDS].sort());

    const list = await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: coordinator.cookie } });
    const [composedPart, noticePart] = list.body.split('id="notices-heading"');
    expect(composedPart).toContain('歳末たすけあい');
    expect(composedPart).toContain(`/console/broadcasts/${composed.id}/cancel`);
    for (const n of notices) {
      expect(composedPart).not.toContain(n.title);
      expect(noticePart).toContain(n.title);
      expect(list.body).not.toContain(`/console/broadcasts/${n.id}/cancel`);
    }
    expect(noticePart).toContain('ボランティアの個別の連絡(依頼・決まったことなど)');
    expect(noticePart).toContain('行事の個別の連絡(繰り上げ・中止など)');
    expect(noticePart).toContain('寄付・寄贈の個別の連絡');
    expect(noticePart).toContain('災害ボランティアの個別の連絡(抽選の結果・繰り上げなど)');
    expect(noticePart).toContain('相談の個別の連絡(担当・つないだ先・終了)');
    expect(noticePart).toContain('苦情・ご意見の結果のお知らせ');
    expect(list.body).not.toMatch(/<td>[a-z]+_[a-z]+<\/td>/);

    // An invitation's notice cancelled would leave the invitation waiting for an answer the volunteer never got.
    for (const n of notices) {
      const res = await post(coordinator, `/console/broadcasts/${n.id}/cancel`, []);
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('個別の連絡');
      expect((await db().broadcast.findUniqueOrThrow({ where: { id: n.id } })).status).toBe('scheduled');
    }
    expect(await db().auditLog.count({ where: { action: 'broadcast.cancel' } })).toBe(0);
    expect((await post(coordinator, `/console/broadcasts/${composed.id}/cancel`, [])).statusCode).toBe(303);
    expect((await post(coordinator, '/console/broadcasts/no-such-id/cancel', [])).statusCode).toBe(404);
  });
});

describe('a send that could not be read', () => {
  test('is listed as failed with the reason in Japanese', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await post(coordinator, '/console/broadcasts', form([['everyone', 'on']]));
    const b = await db().broadcast.findFirstOrThrow();
    await db().broadcast.update({ where: { id: b.id }, data: { content: '{"ja":"歳末' } });
    t.clock.set('2026-11-25T10:05:00+09:00');
    await t.app.runBroadcasts();
    const nextDay = await loginAs(t.app, 'coordinator');
    const list = await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: nextDay.cookie } });
    expect(list.statusCode).toBe(200);
    const row = list.body.slice(list.body.indexOf('歳末たすけあい'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('失敗:記録が壊れていて本文を読めませんでした');
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

describe('recipients per language', () => {
  /** Followers beyond the three of `beforeEach` (ja, en, ja): easy Japanese, Vietnamese and English readers. */
  async function moreReaders() {
    const now = t.clock.now();
    const resident = (n: number, language: string) => ({ lineUserId: `U${String(n).padStart(32, '0')}`, language, followed: true, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now });
    await db().resident.createMany({ data: [resident(11, 'ja-x-easy'), resident(12, 'ja-x-easy'), resident(13, 'vi'), resident(14, 'vi'), resident(15, 'vi'), resident(16, 'en'), resident(17, 'ko')] });
    // Unfollowed: the engine leaves them out, and so do the counts.
    await db().resident.create({ data: { ...resident(18, 'vi'), followed: false } });
  }
  /** A send to everyone with Japanese and easy Japanese text only. */
  const easyOnly = () => [...form([['everyone', 'on'], ['textEasy', 'ぼきんに きょうりょく して ください。']]).filter(([k]) => k !== 'textEn')];
  /** The rows of the confirmation page's per-language table, as [language, count, text]. */
  const languageTable = (html: string) => {
    const table = html.slice(html.indexOf('id="lang-caption"'), html.indexOf('</table>', html.indexOf('id="lang-caption"')));
    return [...table.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
  };

  test('the confirmation shows how many get which text in each language, adding up to the estimate', async () => {
    await moreReaders();
    const coordinator = await loginAs(t.app, 'coordinator');
    const preview = await post(coordinator, '/console/broadcasts/preview', easyOnly());
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('対象の人数(いまの見込み):10人 = 10通');
    expect(languageTable(preview.body)).toEqual([
      ['日本語', '2人', '日本語の本文'],
      ['やさしい日本語', '2人', 'やさしい日本語の本文'],
      ['英語', '2人', 'やさしい日本語で(英語の本文がないため)'],
      ['韓国語', '1人', 'やさしい日本語で(韓国語の本文がないため)'],
      ['ベトナム語', '3人', 'やさしい日本語で(ベトナム語の本文がないため)'],
    ]);

    // Only Japanese and English written, to Vietnamese and English readers: English reads its own, Vietnamese gets Japanese.
    const chosen = await post(coordinator, '/console/broadcasts/preview', form([['languages', 'vi'], ['languages', 'en']]));
    expect(chosen.body).toContain('対象の人数(いまの見込み):5人 = 5通');
    expect(languageTable(chosen.body)).toEqual([
      ['英語', '2人', '英語の本文'],
      ['ベトナム語', '3人', '日本語で(ベトナム語の本文がないため)'],
    ]);
  });

  test('once sent, the list shows whom it went to per language, and which text they got', async () => {
    await moreReaders();
    const coordinator = await loginAs(t.app, 'coordinator');
    expect((await post(coordinator, '/console/broadcasts', easyOnly())).statusCode).toBe(303);
    const before = await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: coordinator.cookie } });
    expect(before.body).not.toContain('ことば別:');

    t.clock.set('2026-11-25T10:00:00+09:00');
    await t.app.runBroadcasts();
    // Ten recipients in one multicast per language; a Vietnamese reader got the easy Japanese text.
    expect(t.messenger.sent).toHaveLength(10);
    expect(new Set(t.messenger.sent.map((s) => s.retryKey)).size).toBe(5);
    expect(JSON.stringify(t.messenger.sent.find((s) => s.to === `U${'13'.padStart(32, '0')}`)?.messages)).toContain('ぼきんに きょうりょく して ください。');
    expect((await db().broadcast.findFirstOrThrow()).sent).toBe(10);

    const nextDay = await loginAs(t.app, 'coordinator');
    const list = await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: nextDay.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('ことば別:日本語 2人・やさしい日本語 2人(本文)・英語 2人(やさしい日本語で)・韓国語 1人(やさしい日本語で)・ベトナム語 3人(やさしい日本語で)');
  });

  test('a personal notice sent is listed with its one reader’s language', async () => {
    const now = t.clock.now();
    const reader = await db().resident.create({ data: { lineUserId: `U${'9'.repeat(32)}`, language: 'vi', followed: true, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
    await db().broadcast.create({ data: { kind: 'event_notice', title: '繰り上げのお知らせ', content: '{"ja":"繰り上げになりました。","vi":"Bạn đã được chuyển lên."}', targeting: JSON.stringify({ residentIds: [reader.id] }), scheduledAt: now, createdAt: now, status: 'scheduled', targeted: 1 } });
    await t.app.runBroadcasts();
    expect(t.messenger.sent.map((s) => s.to)).toEqual([reader.lineUserId]);
    const coordinator = await loginAs(t.app, 'coordinator');
    const list = await t.app.server.inject({ method: 'GET', url: '/console/broadcasts', headers: { cookie: coordinator.cookie } });
    const noticePart = list.body.split('id="notices-heading"')[1]!;
    expect(noticePart).toContain('ことば別:ベトナム語 1人(本文)');
  });
});
