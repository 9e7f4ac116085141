// Under test: staff writing for residents in the languages beyond Japanese, easy Japanese and English, through the
// console's real forms (app.inject, temp SQLite): a broadcast, an event and a FAQ answer saved with texts in
// Vietnamese and Nepali, shown again when edited, and refused in Japanese when one is too long; the easy-Japanese
// fields carry the check; and what the browser check needs (the worker script, kuromoji's dictionary) is served to
// signed-in staff only. Faked: the clock (Tue 24 Nov 2026 10:00 JST).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (login: ConsoleLogin, url: string, fields: Array<[string, string]>) => postForm(t.app.server, login, url, fields);
const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

/** Saves a FAQ entry with these answers (`answerJa`, `answerEasy`, `answer_pt` …) through the form; returns its row. */
async function saveFaq(admin: ConsoleLogin, question: string, answers: Array<[string, string]>) {
  const res = await post(admin, '/console/faq', [['questions', question], ...answers, ['links', ''], ['startsWith', ''], ['validFrom', ''], ['validUntil', ''], ['active', 'on']]);
  expect(res.statusCode).toBe(303);
  return db().faqEntry.findFirstOrThrow({ where: { seedCode: null } });
}

/** An event form with these changes to its texts (the rest fixed). */
const eventForm = (texts: Array<[string, string]>): Array<[string, string]> => [
  ['titleJa', '手話入門講座'],
  ['descriptionJa', 'はじめての方向けの手話講座です。'],
  ...texts,
  ['place', '港区総合福祉センター 2階'],
  ['startsAt', '2026-12-05T13:30'],
  ['endsAt', '2026-12-05T15:30'],
  ['capacity', '20'],
  ['deadline', '2026-12-03T17:00'],
];

describe('texts in more languages', () => {
  test('a broadcast keeps the Vietnamese and Nepali texts staff add; a text over the limit is refused in Japanese', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await get(coordinator, '/console/broadcasts/new');
    expect(page.body).toContain('本文(ベトナム語)');
    expect(page.body).toContain('name="text_ne"');
    expect(page.body).toMatch(/<textarea id="textEasy" name="textEasy"[^>]*data-easy-japanese/);
    const fields: Array<[string, string]> = [
      ['kind', 'announcement'],
      ['title', '歳末たすけあい'],
      ['textJa', '歳末たすけあい募金にご協力ください。'],
      ['text_vi', 'Xin hãy ủng hộ quỹ cuối năm.'],
      ['text_ne', 'कृपया वर्षान्तको कोषमा सहयोग गर्नुहोस्।'],
      ['everyone', 'on'],
      ['scheduledAt', '2026-11-25T10:00'],
    ];
    const preview = await post(coordinator, '/console/broadcasts/preview', fields);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Xin hãy ủng hộ quỹ cuối năm.');
    const res = await post(coordinator, '/console/broadcasts', fields);
    expect(res.statusCode).toBe(303);
    const b = await db().broadcast.findFirstOrThrow();
    expect(JSON.parse(b.content)).toEqual({ ja: '歳末たすけあい募金にご協力ください。', vi: 'Xin hãy ủng hộ quỹ cuối năm.', ne: 'कृपया वर्षान्तको कोषमा सहयोग गर्नुहोस्।' });

    const long = await post(coordinator, '/console/broadcasts/preview', [...fields.filter(([k]) => k !== 'text_vi'), ['text_vi', 'a'.repeat(4001)]]);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('本文(ベトナム語)は4000文字までにしてください');
    expect(await db().broadcast.count()).toBe(1);
  });

  test('an event keeps its title and description in Vietnamese, and its edit form shows them again', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, '/console/events', eventForm([
      ['title_vi', 'Lớp học ngôn ngữ ký hiệu'],
      ['descriptionEasy', 'はじめての ひとの しゅわの こうざです。'],
      ['description_vi', 'Lớp học cho người mới bắt đầu.'],
    ]));
    expect(res.statusCode).toBe(303);
    const e = await db().councilEvent.findFirstOrThrow();
    expect(JSON.parse(e.title)).toEqual({ ja: '手話入門講座', vi: 'Lớp học ngôn ngữ ký hiệu' });
    expect(JSON.parse(e.description)).toEqual({ ja: 'はじめての方向けの手話講座です。', 'ja-x-easy': 'はじめての ひとの しゅわの こうざです。', vi: 'Lớp học cho người mới bắt đầu.' });
    const edit = await get(coordinator, `/console/events/${e.id}/edit`);
    expect(edit.body).toContain('value="Lớp học ngôn ngữ ký hiệu"');
    expect(edit.body).toContain('>Lớp học cho người mới bắt đầu.</textarea>');
    expect(edit.body).toMatch(/<details class="field more-languages" open>/);
  });

  test('a FAQ answer keeps its Portuguese text', async () => {
    const admin = await loginAs(t.app, 'admin');
    const row = await saveFaq(admin, 'ゴミ屋敷の相談はできますか', [
      ['answerJa', '区と社協が一緒にご相談にのります。'],
      ['answer_pt', 'A prefeitura e o conselho ajudam juntos.'],
    ]);
    expect(JSON.parse(row.answer)).toEqual({ ja: '区と社協が一緒にご相談にのります。', pt: 'A prefeitura e o conselho ajudam juntos.' });
    const edit = await get(admin, `/console/faq/${row.id}`);
    expect(edit.body).toContain('>A prefeitura e o conselho ajudam juntos.</textarea>');
  });
});

describe('the server checks saved easy Japanese', () => {
  const checkLine = (html: string) => /<p class="hint" id="easy-check">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

  test('an event\'s page shows the check of its saved easy-Japanese texts; none without them', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const event = (easy: string) => eventForm([['descriptionEasy', easy]]);
    const saved = await post(coordinator, '/console/events', event('ご来場の際は、受付で名前をおっしゃってください。'));
    expect(saved.statusCode).toBe(303);
    const line = checkLine((await get(coordinator, String(saved.headers.location))).body);
    expect(line).toMatch(/^やさしい日本語チェック \d+点:/);
    expect(line).toContain('尊敬語・謙譲語 1');
    expect(line).toContain('このまま送ることもできます');
    const good = await post(coordinator, '/console/events', event('はじめての ひとの しゅわの こうざです。'));
    expect(checkLine((await get(coordinator, String(good.headers.location))).body)).toBe('やさしい日本語チェック 100点:直すところは見つかりませんでした');
    const none = await post(coordinator, '/console/events', event(''));
    expect(checkLine((await get(coordinator, String(none.headers.location))).body)).toBeNull();
  });

  test('the broadcast confirmation and a FAQ entry\'s page show it too', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const preview = await post(coordinator, '/console/broadcasts/preview', [
      ['kind', 'announcement'],
      ['title', '年末'],
      ['textJa', '年末年始は休館いたします。'],
      ['textEasy', 'ねんまつは おやすみ いたします。'],
      ['everyone', 'on'],
      ['scheduledAt', '2026-11-25T10:00'],
    ]);
    expect(checkLine(preview.body)).toContain('尊敬語・謙譲語');
    const admin = await loginAs(t.app, 'admin');
    const row = await saveFaq(admin, '年末年始は開いていますか', [
      ['answerJa', '年末年始は休館いたします。'],
      ['answerEasy', 'ねんまつ ねんしは やすみです。'],
    ]);
    expect(checkLine((await get(admin, `/console/faq/${row.id}`)).body)).toBe('やさしい日本語チェック 100点:直すところは見つかりませんでした');
  });
});

describe('what the browser check needs', () => {
  test('the worker script and the dictionary files go to signed-in staff only, the dictionary byte for byte', async () => {
    const staff = await loginAs(t.app, 'counsellor');
    const worker = await get(staff, '/console/easy-japanese/worker.js');
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toContain('text/javascript');
    // The domain checker is bundled in (its messages), and it loads kuromoji from the service, not from elsewhere.
    expect(worker.body).toContain('/console/assets/kuromoji.js');
    expect(worker.body).toContain('/console/easy-japanese/dict/');
    expect(worker.body).toContain('尊敬語・謙譲語');
    expect(worker.body).not.toMatch(/https?:\/\//);

    const dict = await get(staff, '/console/easy-japanese/dict/unk_char.dat.gz');
    expect(dict.statusCode).toBe(200);
    expect(dict.headers['content-encoding']).toBeUndefined();
    const file = path.join(path.dirname(createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('kuromoji/package.json')), 'dict', 'unk_char.dat.gz');
    expect(dict.rawPayload.equals(readFileSync(file))).toBe(true);
    expect((await get(staff, '/console/easy-japanese/dict/..%2Fpackage.json')).statusCode).toBe(404);
    expect((await get(staff, '/console/easy-japanese/dict/nothing.dat.gz')).statusCode).toBe(404);

    const kuromoji = await t.app.server.inject({ method: 'GET', url: '/console/assets/kuromoji.js' });
    expect(kuromoji.statusCode).toBe(200);

    for (const url of ['/console/easy-japanese/worker.js', '/console/easy-japanese/dict/unk_char.dat.gz']) {
      const anonymous = await t.app.server.inject({ method: 'GET', url });
      expect([302, 303, 401]).toContain(anonymous.statusCode);
    }
  });

  test('every page of a signed-in member loads the check, which acts only on fields marked for it', async () => {
    const staff = await loginAs(t.app, 'counsellor');
    expect((await get(staff, '/console')).body).toContain('<script src="/console/assets/easy-japanese.js" defer></script>');
    const login = await t.app.server.inject({ method: 'GET', url: '/console/login' });
    expect(login.body).not.toContain('easy-japanese.js');
  });
});
