// Under test: the console's FAQ entries (よくある質問) through app.inject on the real app and a temp SQLite file, with
// the demo profile's entries seeded by the daily housekeeping — the list and search, adding and changing an entry
// (each audited), validation, refusals, seeding again and two seedings at once (never duplicating, keeping staff
// edits) and, end to end, a resident asking in LINE the question of an entry staff just added. Faked: the clock
// (FakeClock) and LINE (a recording messenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createTestDb } from '../helpers/test-db';
import { seedEntries } from '../../src/domain/faq/profile';
import { seedFaq } from '../../src/infra/prisma/prisma-faq';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  await t.app.runHousekeeping();
}, 30_000);
afterEach(async () => {
  await t.close();
});

const post = (login: ConsoleLogin, url: string, fields: Record<string, string> | Array<[string, string]>) => postForm(t.app.server, login, url, fields);
const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const NEW_ENTRY = {
  questions: 'ゴミ屋敷の片付けを頼みたい\n家がごみでいっぱいで困っている',
  answerJa: 'ごみがたまった家の片付けは、区の資源循環局と社協が一緒にご相談にのります。',
  answerEasy: 'いえの ごみの かたづけは、そうだん して ください。',
  answerEn: '',
  links: '案内 | https://minato-shakyo.example/gomi',
  startsWith: 'consult=other',
  validFrom: '',
  validUntil: '',
  active: 'on',
};

describe('FAQ entries in the console', () => {
  test('the seeded entries are listed once each, and search finds by question or answer', async () => {
    expect(await db().faqEntry.count()).toBe(32);
    const coordinator = await loginAs(t.app, 'coordinator');
    const list = await get(coordinator, '/console/faq');
    expect(list.statusCode).toBe(200);
    expect(text(list.body)).toContain('あんしんセンターとは何ですか');
    const found = await get(coordinator, `/console/faq?q=${encodeURIComponent('350円')}`);
    expect(text(found.body)).toContain('ボランティア保険はいくらですか');
    expect(text(found.body)).not.toContain('あんしんセンターとは何ですか');
  });

  test('adding an entry stores it with an audit row; LINE answers its question next', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, '/console/faq', NEW_ENTRY);
    expect(res.statusCode).toBe(303);
    const row = await db().faqEntry.findFirstOrThrow({ where: { seedCode: null } });
    expect(JSON.parse(row.questions)).toEqual(['ゴミ屋敷の片付けを頼みたい', '家がごみでいっぱいで困っている']);
    expect(JSON.parse(row.links)).toEqual([{ label: '案内', uri: 'https://minato-shakyo.example/gomi' }]);
    expect(row.startsWith).toBe('consult=other');
    const audit = await db().auditLog.findMany({ where: { action: 'faq.entry.create' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subjectId).toBe(row.id);

    const user = newUserId();
    let ts = t.clock.now().getTime();
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
    await t.post([postbackFrom(t.messenger, user, 'g=menu', { timestamp: ++ts })]);
    await t.post([textFrom(t.messenger, user, 'ゴミ屋敷の片付けを頼みたいです', { timestamp: ++ts })]);
    expect(JSON.stringify(t.messenger.sent.at(-1)?.messages)).toContain('資源循環局');
  });

  test('two seedings at once (the start-up job beside the first question, or two instances) create each entry once', async () => {
    const fresh = await createTestDb();
    try {
      const seeds = seedEntries(t.app.profile.faq);
      const outcomes = await Promise.all([seedFaq(fresh.db, seeds, t.clock.now()), seedFaq(fresh.db, seeds, t.clock.now())]);
      expect(outcomes.map((o) => o.created.length).sort((a, b) => a - b)).toEqual([0, seeds.length]);
      expect(await fresh.db.faqEntry.count()).toBe(seeds.length);
    } finally {
      await fresh.cleanup();
    }
  });

  test('changing a seeded entry is audited, and seeding again keeps the staff wording', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const seeded = await db().faqEntry.findUniqueOrThrow({ where: { seedCode: 'volunteer-insurance' } });
    const form = await get(coordinator, `/console/faq/${seeded.id}`);
    expect(form.body).toContain('ボランティア保険はいくらですか');
    t.clock.advance(60_000);
    const res = await post(coordinator, `/console/faq/${seeded.id}`, { ...NEW_ENTRY, questions: 'ボランティア保険はいくらですか', answerJa: '今年度は400円です。', startsWith: '' });
    expect(res.statusCode).toBe(303);
    expect((await db().auditLog.findMany({ where: { action: 'faq.entry.update', subjectId: seeded.id } })).length).toBe(1);
    await t.app.runHousekeeping();
    const after = await db().faqEntry.findUniqueOrThrow({ where: { seedCode: 'volunteer-insurance' } });
    expect(JSON.parse(after.answer).ja).toBe('今年度は400円です。');
    expect(await db().faqEntry.count()).toBe(32);
  });

  test('a form with a problem is shown again with the problem and nothing is stored', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, '/console/faq', { ...NEW_ENTRY, links: 'リンク https://x.example' });
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('ボタンの名前 | https://');
    expect(text(res.body)).toContain('ゴミ屋敷の片付けを頼みたい');
    const noAnswer = await post(coordinator, '/console/faq', { ...NEW_ENTRY, answerJa: ' ' });
    expect(noAnswer.statusCode).toBe(400);
    expect(await db().faqEntry.count()).toBe(32);
    expect(await db().auditLog.count({ where: { action: 'faq.entry.create' } })).toBe(0);
  });

  test('counsellors may not see or change the entries', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await get(counsellor, '/console/faq')).statusCode).toBe(403);
    expect((await post(counsellor, '/console/faq', NEW_ENTRY)).statusCode).toBe(403);
  });
});
