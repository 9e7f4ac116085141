// Under test: the FAQ's knowledge loop in the console (/console/faq-loop) through app.inject on the real app and a
// temp SQLite file — groups of unanswered, unhelpful and staff-answered questions with counts, never a resident's
// name; a group turned into an entry (FaqEntry written, rows resolved, audit row), into a synonym, or dismissed;
// validation; a group handled meanwhile; who may open the page; the weekly share; and the daily job forgetting
// old questions. FaqQuestion rows are written straight to the database. Faked: the clock (FakeClock, Tue 24 Nov
// 2026 10:00 JST) and LINE (a recording messenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { newUserId } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { PrismaFaqLoop } from '../../src/infra/prisma/prisma-faq-loop';
import { noteHandAnswers } from '../../src/usecases/faq-loop/note-hand-answers';

let t: TestApp;
const db = () => t.testDb.db;
const DAY = 86_400_000;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const post = (login: ConsoleLogin, url: string, fields: Record<string, string> = {}) => postForm(t.app.server, login, url, fields);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A question asked `minutesAgo` minutes ago. */
async function asked(q: string, opts: { outcome?: string; feedback?: string; entryId?: string; minutesAgo?: number; residentId?: string; resolved?: boolean; language?: string } = {}) {
  const at = new Date(t.clock.now().getTime() - (opts.minutesAgo ?? 60) * 60_000);
  return db().faqQuestion.create({
    data: {
      text: q,
      normalized: q,
      language: opts.language ?? 'ja',
      outcome: opts.outcome ?? 'unanswered',
      feedback: opts.feedback ?? null,
      entryId: opts.entryId ?? null,
      residentId: opts.residentId ?? null,
      at,
      ...(opts.resolved ? { resolvedAt: at, resolvedBy: 'someone' } : {}),
    },
  });
}

async function entry(questions: string[]) {
  const now = t.clock.now();
  return db().faqEntry.create({ data: { questions: JSON.stringify(questions), answer: JSON.stringify({ ja: '答え' }), createdAt: now, updatedAt: now } });
}

/** The group sections of the page: key → text. */
function groupsOf(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<section class="card group"[^>]*data-group="([^"]+)">([\s\S]*?)<\/section>/g)].map((m) => [m[1]!, text(m[2]!)]));
}

describe('the page', () => {
  test('groups the open questions of the loop with counts by kind and the latest wordings, without the resident', async () => {
    const resident = await t.app.deps.conversations.createResident(newUserId(), 'ja', t.clock.now());
    const e = await entry(['ボランティア保険']);
    const first = await asked('ボランティア保険はいくらですか', { minutesAgo: 300, residentId: resident.id });
    await asked('ボランティア保険っていくら？', { minutesAgo: 200, outcome: 'answered', entryId: e.id, feedback: 'unhelpful' });
    await asked('ﾎﾞﾗﾝﾃｨｱ保険はいくら', { minutesAgo: 100, outcome: 'staff' });
    await asked('明日の天気は？', { minutesAgo: 50 });
    // Not in the loop: answered and helpful, candidates offered, resolved.
    await asked('ボランティア保険はいくら', { outcome: 'answered', entryId: e.id, feedback: 'helpful' });
    await asked('ボランティア保険の料金', { outcome: 'candidates' });
    await asked('ボランティア保険 いくら', { resolved: true });

    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/faq-loop');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<a href="/console/faq-loop" aria-current="page"');
    const groups = groupsOf(res.body);
    expect([...groups.keys()]).toHaveLength(2);
    const insurance = groups.get(first.id)!;
    expect(insurance).toContain('「ﾎﾞﾗﾝﾃｨｱ保険はいくら」など 3件');
    expect(insurance).toContain('答えられなかった 1件・役に立たなかった 1件・職員が答えた 1件');
    expect(insurance).toContain('11/24(火) 08:20');
    for (const w of ['ボランティア保険はいくらですか', 'ボランティア保険っていくら？']) expect(insurance).toContain(w);
    expect(insurance).not.toContain('ボランティア保険の料金');
    expect(res.body).not.toContain(resident.id);
    expect(res.body).not.toContain(resident.lineUserId);
    // The entry form is prefilled with the group's wordings, one a line.
    expect(res.body).toContain('>ﾎﾞﾗﾝﾃｨｱ保険はいくら\nボランティア保険っていくら？\nボランティア保険はいくらですか</textarea>');

    // Filtered by kind.
    const staffOnly = groupsOf((await get(coordinator, '/console/faq-loop?kind=staff')).body);
    expect([...staffOnly.keys()]).toEqual([first.id]);
  });

  test('coordinators and admins only', async () => {
    await asked('明日の天気は？');
    expect((await get(await loginAs(t.app, 'admin'), '/console/faq-loop')).statusCode).toBe(200);
    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await get(counsellor, '/console/faq-loop')).statusCode).toBe(403);
    const [key] = [...(await db().faqQuestion.findMany())].map((r) => r.id);
    expect((await post(counsellor, `/console/faq-loop/groups/${key}/dismiss`)).statusCode).toBe(403);
    expect(await db().faqQuestion.count({ where: { resolvedAt: { not: null } } })).toBe(0);
  });

  test('shows the share the FAQ answered, week by week', async () => {
    await asked('a', { outcome: 'answered', entryId: (await entry(['x'])).id, minutesAgo: 60 });
    await asked('b', { outcome: 'candidates', minutesAgo: 60 });
    await asked('c', { outcome: 'unanswered', minutesAgo: 60 * 24 * 8 });
    const res = await get(await loginAs(t.app, 'coordinator'), '/console/faq-loop');
    const rows = [...res.body.matchAll(/<tr><td>(\d+月\d+日\([^)]+\)〜[^<]+)<\/td><td>(\d+)件<\/td><td>(\d+)件<\/td><td>([^< ]+)/g)].map((m) => `${m[1]} ${m[2]}/${m[3]} ${m[4]}`);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toBe('10月5日(月)〜10月11日(日) 0/0 —');
    expect(rows[6]).toBe('11月16日(月)〜11月22日(日) 0/1 0%');
    expect(rows[7]).toBe('11月23日(月)〜11月29日(日) 1/2 50%');
  });
});

describe('acting on a group', () => {
  test('a group turned into an entry writes the entry, resolves the rows and audits it', async () => {
    const a = await asked('子ども食堂はどこですか', { minutesAgo: 30 });
    const b = await asked('子ども食堂の場所', { minutesAgo: 20, outcome: 'staff' });
    const other = await asked('明日の天気は？', { minutesAgo: 10 });
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, `/console/faq-loop/groups/${a.id}/entry`, {
      questions: '子ども食堂はどこですか\r\n子ども食堂の場所\r\n\r\n子ども食堂の場所',
      answerJa: '子ども食堂は毎月最終金曜、海岸地区センターでひらいています。',
      answerEasy: 'こどもしょくどうは まいつき さいごの きんようびです。',
      answerEn: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/faq-loop?done=entry&n=2');
    const created = await db().faqEntry.findFirstOrThrow({ where: { createdBy: coordinator.member.id } });
    expect(JSON.parse(created.questions)).toEqual(['子ども食堂はどこですか', '子ども食堂の場所']);
    expect(JSON.parse(created.answer)).toEqual({ ja: '子ども食堂は毎月最終金曜、海岸地区センターでひらいています。', 'ja-x-easy': 'こどもしょくどうは まいつき さいごの きんようびです。' });
    expect(created).toMatchObject({ active: true, startsWith: null, links: '[]', districts: '[]', createdAt: t.clock.now() });
    for (const id of [a.id, b.id]) expect(await db().faqQuestion.findUniqueOrThrow({ where: { id } })).toMatchObject({ resolvedAt: t.clock.now(), resolvedBy: coordinator.member.id });
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: other.id } })).resolvedAt).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'faq.loop.entry' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'faqEntry', subjectId: created.id });
    expect(JSON.parse(audit.detail!)).toEqual({ questions: 2, forms: 2, languages: ['ja', 'ja-x-easy'] });

    const page = await get(coordinator, res.headers.location as string);
    expect(page.body).toContain('よくある質問を追加しました。この2件の質問は見直し済みになりました。');
    expect([...groupsOf(page.body).keys()]).toEqual([other.id]);
    // The audit log names the action.
    expect((await get(await loginAs(t.app, 'admin'), '/console/audit')).body).toContain('よくある質問の追加(答えられなかった質問から)');
  });

  test('an entry needs a question form and a Japanese answer; nothing is written otherwise', async () => {
    const a = await asked('会費はいくらですか');
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, `/console/faq-loop/groups/${a.id}/entry`, { questions: '会費はいくらですか', answerJa: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('答え(日本語)を入力してください。');
    expect(res.body).toMatch(/<details open><summary>よくある質問にする/);
    expect(await db().faqEntry.count()).toBe(0);
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: a.id } })).resolvedAt).toBeNull();
    expect(await db().auditLog.count({ where: { action: 'faq.loop.entry' } })).toBe(0);
  });

  test('a synonym is stored normalised, replaces an earlier meaning, resolves the group and is audited', async () => {
    const a = await asked('車イス貸して');
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, `/console/faq-loop/groups/${a.id}/synonym`, { term: 'ＷＣ', means: '車いす' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/faq-loop?done=synonym&n=1');
    expect(await db().faqSynonym.findUniqueOrThrow({ where: { term: 'wc' } })).toMatchObject({ means: '車いす', createdBy: coordinator.member.id });
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: a.id } })).resolvedBy).toBe(coordinator.member.id);
    expect(JSON.parse((await db().auditLog.findFirstOrThrow({ where: { action: 'faq.loop.synonym' } })).detail!)).toEqual({ term: 'wc', means: '車いす', questions: 1 });

    const b = await asked('WC かりたい');
    await post(coordinator, `/console/faq-loop/groups/${b.id}/synonym`, { term: 'wc', means: 'くるまいす' });
    expect(await db().faqSynonym.count()).toBe(1);
    expect((await db().faqSynonym.findUniqueOrThrow({ where: { term: 'wc' } })).means).toBe('くるまいす');
    expect(await db().auditLog.count({ where: { action: 'faq.loop.synonym' } })).toBe(2);
    expect((await db().auditLog.findMany({ where: { action: 'faq.loop.synonym' } })).map((r) => JSON.parse(r.detail!))).toContainEqual({ term: 'wc', means: 'くるまいす', replaced: '車いす', questions: 1 });

    const bad = await post(coordinator, `/console/faq-loop/groups/${(await asked('x y z')).id}/synonym`, { term: '', means: '車いす' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('住民が使うことば を入力してください。');
  });

  test('dismissing resolves the group and is audited; a group handled meanwhile says so and writes nothing', async () => {
    const a = await asked('明日の天気は？', { minutesAgo: 30 });
    const b = await asked('明日の天気', { minutesAgo: 20 });
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await post(coordinator, `/console/faq-loop/groups/${a.id}/dismiss`);
    expect(res.headers.location).toBe('/console/faq-loop?done=dismiss&n=2');
    expect(await db().faqQuestion.count({ where: { resolvedAt: t.clock.now(), resolvedBy: coordinator.member.id } })).toBe(2);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'faq.loop.dismiss' } });
    expect(audit).toMatchObject({ subjectType: 'faqQuestion', subjectId: a.id });
    expect(JSON.parse(audit.detail!)).toEqual({ questions: 2 });
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: b.id } })).resolvedAt).toEqual(t.clock.now());

    const again = await post(coordinator, `/console/faq-loop/groups/${a.id}/entry`, { questions: 'q', answerJa: 'a' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('ほかの職員がすでに見直しました');
    expect(await db().faqEntry.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: { startsWith: 'faq.loop' } } })).toBe(1);
  });
});

describe('retention', () => {
  test('the daily job deletes questions older than the profile keeps them and erases resolved ones after 30 days', async () => {
    const resident = await t.app.deps.conversations.createResident(newUserId(), 'ja', t.clock.now());
    const old = await asked('古い質問', { minutesAgo: 181 * 24 * 60 });
    const kept = await asked('半年近く前の質問', { minutesAgo: 179 * 24 * 60, residentId: resident.id });
    const resolvedOld = await asked('見直し済みの質問', { minutesAgo: 31 * 24 * 60, resolved: true, residentId: resident.id, outcome: 'staff' });
    const resolvedRecent = await asked('最近見直した質問', { minutesAgo: 29 * 24 * 60, resolved: true });

    await t.app.runHousekeeping();

    expect(await db().faqQuestion.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().faqQuestion.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ text: '半年近く前の質問', residentId: resident.id });
    // The erased row stays as a count for the weekly share, with nothing left of the question or the resident.
    expect(await db().faqQuestion.findUniqueOrThrow({ where: { id: resolvedOld.id } })).toMatchObject({ text: '', normalized: '', residentId: null, outcome: 'staff' });
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: resolvedRecent.id } })).text).toBe('最近見直した質問');

    t.clock.advance(2 * DAY);
    await t.app.runHousekeeping();
    expect(await db().faqQuestion.findUnique({ where: { id: kept.id } })).toBeNull();
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: resolvedRecent.id } })).text).toBe('');
  });
});

describe('questions staff answered by hand', () => {
  test('a staff text to the resident after an unanswered question lists it as answered by staff, the text ready as the answer; once', async () => {
    const now = t.clock.now().getTime();
    const resident = await t.app.deps.conversations.createResident(newUserId(), 'ja', t.clock.now());
    const q = await asked('ゴミ屋敷の片付けを頼めますか', { residentId: resident.id, minutesAgo: 120 });
    // Not linked to a resident (asked before consent): nobody's thread can answer it.
    const anonymous = await asked('ゴミ屋敷の片付けは有料ですか', { minutesAgo: 110 });
    const thread = await db().conversation.create({ data: { residentId: resident.id, owner: 'staff', openedAt: new Date(now - 100 * 60_000), lastMessageAt: new Date(now - 30 * 60_000) } });
    const message = (direction: string, minutesAgo: number, text: string, staffId: string | null) =>
      db().conversationMessage.create({ data: { conversationId: thread.id, direction, kind: 'text', text, staffId, createdAt: new Date(now - minutesAgo * 60_000) } });
    const staff = await loginAs(t.app, 'coordinator');
    await message('in', 90, '片付けをお願いしたいです', null);
    await message('out', 60, '片付けはボランティアセンターでご相談ください。担当の直通 045-000-1234 まで', staff.member.id);
    await message('out', 30, 'ほかにもご用件があればどうぞ', staff.member.id);

    expect(await noteHandAnswers(new PrismaFaqLoop(db()), t.clock.now())).toBe(1);
    expect(await noteHandAnswers(new PrismaFaqLoop(db()), t.clock.now())).toBe(0);
    expect(await db().faqQuestion.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ outcome: 'staff', staffAnswer: '片付けはボランティアセンターでご相談ください。担当の直通 〈番号〉 まで', resolvedAt: null });
    expect(await db().faqQuestion.findUniqueOrThrow({ where: { id: anonymous.id } })).toMatchObject({ outcome: 'unanswered', staffAnswer: null });

    const page = await get(staff, '/console/faq-loop?kind=staff');
    expect(page.statusCode).toBe(200);
    const group = [...groupsOf(page.body).values()].find((g) => g.includes('ゴミ屋敷の片付けを頼めますか'))!;
    expect(group).toContain('片付けはボランティアセンターでご相談ください。担当の直通 〈番号〉 まで');
    expect(page.body).not.toContain('045-000-1234');
  });
});
