// Under test: the console's salon pages (サロン) through app.inject on the real app and a temp SQLite file, with the
// demo profile's salons — the list with the usual schedule in words, the next session and follower counts; a
// salon's page; calling a session off, adding an extra one and putting a note on a day (each a SalonChange row and
// an audit row, shown on the page), validation, taking a change back, the prefilled broadcast form that tells the
// salon's followers, refusals — and, end to end, a resident opening the salon in LINE after a cancellation saved
// in the console; with the audit log failing, no change is stored or taken back. Followers are written straight
// to the database. Faked: the clock (FakeClock, Tue 24 Nov 2026
// 10:00 JST) and LINE (a recording messenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventFrom, newUserId, postbackFrom } from '../helpers/line-events';
import { breakAuditLog } from '../helpers/audit-outage';
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

const SALON = '/console/salons/kaigan-ikiiki';
const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);
const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
/** Text of the page without tags, spaces collapsed (to read table rows). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The table row (as text) that mentions `needle`. */
const rowWith = (html: string, needle: string) => [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1]!)).find((r) => r.includes(needle));
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

let residents = 0;
/** A resident following `salons` (stored, as the LINE flow does, only with consent). */
async function follower(salons: string[], opts: { followed?: boolean } = {}) {
  residents += 1;
  const now = t.clock.now();
  return db().resident.create({
    data: { lineUserId: `U${String(residents).padStart(32, '0')}`, followed: opts.followed ?? true, consent: 'granted', salons: JSON.stringify(salons), followedAt: now, createdAt: now, updatedAt: now },
  });
}

/** Posts a change form; returns the new change's id from the redirect. */
async function addChange(login: ConsoleLogin, fields: Record<string, string>): Promise<string> {
  const res = await post(login, `${SALON}/changes`, fields);
  expect(res.statusCode).toBe(303);
  const m = new RegExp(`^${SALON}\\?done=${fields.kind}&change=([^&]+)$`).exec(String(res.headers.location));
  expect(m).not.toBeNull();
  return decodeURIComponent(m![1]!);
}

describe('the salon list', () => {
  test('shows each salon with its district, usual schedule in words, next session and followers', async () => {
    await follower(['kaigan-ikiiki']);
    await follower(['kaigan-ikiiki', 'shiomidai-cafe']);
    await follower(['kaigan-ikiiki'], { followed: false }); // blocked the account: not counted
    await follower(['shiomidai-cafe']);
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/salons');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<a href="/console/salons" aria-current="page"');
    expect(rowWith(res.body, '海岸いきいきサロン')).toBe(' 海岸いきいきサロン 海岸地区社会福祉協議会 毎月 第2・第4 火曜 10:00〜12:00 11月24日(火) 10:00〜12:00 2人 0件 ');
    expect(rowWith(res.body, 'かいがん子ども食堂')).toContain('毎月 最終 金曜 17:00〜19:00 11月27日(金) 17:00〜19:00 0人');
    expect(rowWith(res.body, '汐見台ふれあいカフェ')).toContain('汐見台地区社会福祉協議会 毎週 水曜 13:30〜15:00 11月25日(水) 13:30〜15:00 2人');
    expect(res.body).toContain('href="/console/salons/kaigan-ikiiki"');
    // Where the usual details are changed, said plainly.
    expect(res.body).toContain('<a href="/console/settings/salons">サロンの設定</a>で変えます');
  });

  test('the next session follows the changes', async () => {
    t.clock.set('2026-11-24T13:00:00+09:00'); // today's session is over
    const coordinator = await loginAs(t.app, 'coordinator');
    await addChange(coordinator, { kind: 'cancelled', date: '2026-12-08' });
    await addChange(coordinator, { kind: 'note', date: '2027-01-12', note: '新年会です' });
    const row = rowWith((await get(coordinator, '/console/salons')).body, '海岸いきいきサロン');
    expect(row).toContain('1月12日(火) 10:00〜12:00(お知らせあり)');
    expect(row).toContain('2件');
  });
});

describe('a salon page', () => {
  test('shows the details, the sessions of the next 8 weeks and the three forms; an unknown salon is 404', async () => {
    await follower(['kaigan-ikiiki']);
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, SALON);
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    for (const s of ['海岸地区センター 2階 和室', '1回100円(お茶代)', '上ばき、飲みもの', 'エレベーターあり', '海岸地区社協 サロン係 045-000-1301', 'フォローしている人 1人', '毎月 第2・第4 火曜 10:00〜12:00']) expect(body).toContain(s);
    // 22 Dec is a holiday in the profile; 19 Jan is past the 8 weeks.
    const sessions = [...res.body.matchAll(/<tr><td>(\d+月\d+日\([^)]+\))<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(sessions).toEqual(['11月24日(火) 10:00〜12:00 いつもの回', '12月8日(火) 10:00〜12:00 いつもの回', '1月12日(火) 10:00〜12:00 いつもの回']);
    for (const label of ['お休みにする回', '日にち(今日から1年先まで)', '始まる時刻(日本時間)', '終わる時刻(日本時間・始まる時刻より後)', 'お知らせを付ける回', 'お知らせ(200文字まで']) expect(res.body).toContain(label);
    expect(res.body).toContain('<option value="2026-12-08">12月8日(火) 10:00〜12:00</option>');
    expect(res.body).toContain('min="2026-11-24"');
    expect(res.body).toContain('value="10:00"'); // the usual times prefill an extra session

    const missing = await get(coordinator, '/console/salons/nowhere');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('サロンが見つかりません');
    expect((await post(coordinator, '/console/salons/nowhere/changes', { kind: 'cancelled', date: '2026-12-08' })).statusCode).toBe(404);
    expect(await db().salonChange.count()).toBe(0);
  });
});

describe('changing a date', () => {
  test('calling a session off stores it, audits it, shows it, and offers to tell the followers', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await addChange(coordinator, { kind: 'cancelled', date: '2026-12-08' });
    expect(await db().salonChange.findUniqueOrThrow({ where: { id } })).toMatchObject({ salonCode: 'kaigan-ikiiki', date: '2026-12-08', kind: 'cancelled', start: null, end: null, note: null, createdBy: coordinator.member.id, createdAt: t.clock.now() });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'salon.change.add', subjectId: id } });
    expect(audit.staffId).toBe(coordinator.member.id);
    expect(JSON.parse(audit.detail!)).toEqual({ salon: 'kaigan-ikiiki', kind: 'cancelled', date: '2026-12-08' });

    const page = await get(coordinator, `${SALON}?done=cancelled&change=${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('12月8日(火)の回をお休みにしました。');
    expect(page.body).toContain('フォローしている人に知らせる');
    expect(rowWith(page.body, '12月8日(火)')).toContain('— お休み');
    expect(rowWith(page.body, '取り消す')).toContain('12月8日(火) お休み');
    // A day off can no longer be chosen to call off or to note.
    expect(page.body).not.toContain('<option value="2026-12-08"');
  });

  test('an extra session is stored with its times and joins the sessions', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await addChange(coordinator, { kind: 'extra', date: '2026-12-01', start: '13:00', end: '15:00' });
    expect(await db().salonChange.findUniqueOrThrow({ where: { id } })).toMatchObject({ date: '2026-12-01', kind: 'extra', start: '13:00', end: '15:00', note: null });
    expect(JSON.parse((await db().auditLog.findFirstOrThrow({ where: { action: 'salon.change.add', subjectId: id } })).detail!)).toEqual({ salon: 'kaigan-ikiiki', kind: 'extra', date: '2026-12-01', start: '13:00', end: '15:00' });
    const page = await get(coordinator, `${SALON}?done=extra&change=${id}`);
    expect(page.body).toContain('12月1日(火) 13:00〜15:00の臨時の回を追加しました。');
    expect(rowWith(page.body, '12月1日(火) 13:00〜15:00 臨時の回')).toBeDefined();
    expect(rowWith(page.body, '取り消す')).toContain('臨時の回 13:00〜15:00');
    // Notes can go on it; calling it off is done by taking the change back.
    expect(page.body).toMatch(/id="note-date"[\s\S]*<option value="2026-12-01">/);
    expect(page.body).not.toMatch(/id="cancel-date"[^\n]*<option value="2026-12-01">/);
  });

  test('a note goes on its day', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await addChange(coordinator, { kind: 'note', date: '2026-12-08', note: '場所が公民館2階に変わります' });
    expect(await db().salonChange.findUniqueOrThrow({ where: { id } })).toMatchObject({ date: '2026-12-08', kind: 'note', note: '場所が公民館2階に変わります' });
    expect(await db().auditLog.count({ where: { action: 'salon.change.add', subjectId: id } })).toBe(1);
    const page = await get(coordinator, `${SALON}?done=note&change=${id}`);
    expect(page.body).toContain('12月8日(火)の回にお知らせを付けました。');
    expect(rowWith(page.body, '12月8日(火) 10:00〜12:00')).toContain('場所が公民館2階に変わります');
  });

  test('problems re-show the page with a Japanese message (400) and store nothing', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const cases: Array<[Record<string, string>, string]> = [
      [{ kind: 'extra', date: '2026-12-01', start: '15:00', end: '13:00' }, '終わる時刻は、始まる時刻より後にしてください'],
      [{ kind: 'extra', date: '2026-11-20', start: '13:00', end: '15:00' }, '臨時の回の日時が過ぎています'],
      [{ kind: 'extra', date: '2026-12-08', start: '13:00', end: '15:00' }, 'この日は、もう回があります'],
      [{ kind: 'extra', date: '', start: '13:00', end: '15:00' }, '臨時の回の日にちを入れてください'],
      [{ kind: 'cancelled', date: '2026-12-22' }, 'お休みにする回は、これからの回の中から選んでください'],
      [{ kind: 'cancelled', date: '' }, 'お休みにする回を選んでください'],
      [{ kind: 'note', date: '2026-12-08', note: 'あ'.repeat(201) }, 'お知らせは200文字までにしてください'],
      [{ kind: 'note', date: '2026-12-08', note: '' }, 'お知らせの文を入力してください'],
      [{ kind: 'moved', date: '2026-12-08' }, '変更の種類がわかりませんでした'],
    ];
    for (const [fields, message] of cases) {
      const res = await post(coordinator, `${SALON}/changes`, fields);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain('role="alert"');
    }
    // What was typed is kept.
    const kept = await post(coordinator, `${SALON}/changes`, { kind: 'extra', date: '2026-12-01', start: '15:00', end: '13:00' });
    expect(kept.body).toContain('value="2026-12-01"');
    expect(kept.body).toContain('value="15:00"');
    expect(await db().salonChange.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'salon.change.add' } })).toBe(0);
  });

  test('taking a change back deletes it and audits it; again is 404', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await addChange(coordinator, { kind: 'cancelled', date: '2026-12-08' });
    const res = await post(coordinator, `${SALON}/changes/${id}/delete`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${SALON}?done=removed`);
    expect(await db().salonChange.count()).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'salon.change.remove', subjectId: id } });
    expect(JSON.parse(audit.detail!)).toEqual({ salon: 'kaigan-ikiiki', kind: 'cancelled', date: '2026-12-08' });
    const page = await get(coordinator, `${SALON}?done=removed`);
    expect(page.body).toContain('変更を取り消しました。');
    expect(rowWith(page.body, '12月8日(火)')).toContain('10:00〜12:00 いつもの回');

    expect((await post(coordinator, `${SALON}/changes/${id}/delete`)).statusCode).toBe(404);
    // A change of another salon cannot be taken back from this one.
    const other = await post(coordinator, '/console/salons/kaigan-kodomo/changes', { kind: 'cancelled', date: '2026-11-27' });
    const otherId = /change=([^&]+)$/.exec(String(other.headers.location))![1]!;
    expect((await post(coordinator, `${SALON}/changes/${otherId}/delete`)).statusCode).toBe(404);
    expect(await db().salonChange.count()).toBe(1);
  });

  test('the counsellor may not see or change salons', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await get(counsellor, '/console/salons')).statusCode).toBe(403);
    expect((await get(counsellor, SALON)).statusCode).toBe(403);
    expect((await post(counsellor, `${SALON}/changes`, { kind: 'cancelled', date: '2026-12-08' })).statusCode).toBe(403);
    expect(await db().salonChange.count()).toBe(0);
    expect((await get(counsellor, '/console')).body).not.toContain('href="/console/salons"');
  });
});

describe('when the audit log cannot be written', () => {
  test('a change and taking one back fail with the error page and leave the schedule as it was', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await addChange(coordinator, { kind: 'cancelled', date: '2026-12-08' });
    await breakAuditLog(db());

    const add = await post(coordinator, `${SALON}/changes`, { kind: 'note', date: '2027-01-12', note: '新年会です' });
    expect(add.statusCode).toBe(500);
    expect(add.body).toContain('処理中に問題が発生しました');
    expect((await post(coordinator, `${SALON}/changes/${id}/delete`)).statusCode).toBe(500);
    expect((await db().salonChange.findMany()).map((c) => [c.id, c.kind, c.date])).toEqual([[id, 'cancelled', '2026-12-08']]);
  });
});

describe('telling the followers', () => {
  test('the button opens the broadcast form with the salon chosen and the notice written, and it goes through preview', async () => {
    await follower(['kaigan-ikiiki']);
    await follower(['kaigan-ikiiki']);
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await addChange(coordinator, { kind: 'cancelled', date: '2026-12-08' });
    const page = await get(coordinator, `${SALON}?done=cancelled&change=${id}`);
    const href = unescape(/<a class="button button-primary" href="([^"]+)">フォローしている人に知らせる<\/a>/.exec(page.body)![1]!);
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/console/broadcasts/new');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      salon: 'kaigan-ikiiki',
      kind: 'salon_notice',
      title: '海岸いきいきサロン 12月8日(火) お休み',
      textJa: '【お休みのお知らせ】海岸いきいきサロンは、12月8日(火)の回をお休みします。\nお問い合わせ:海岸地区社協 サロン係 045-000-1301',
    });

    const form = await get(coordinator, href);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="kaigan-ikiiki" selected>');
    expect(form.body).toContain('<option value="salon_notice" selected>');
    expect(form.body).toContain('value="海岸いきいきサロン 12月8日(火) お休み"');
    expect(form.body).toContain('【お休みのお知らせ】海岸いきいきサロンは、12月8日(火)の回をお休みします。');
    expect(form.body).not.toMatch(/name="everyone" value="on" checked/);
    // Nothing is sent from the link itself: the notice goes through preview, budget and schedule as usual.
    expect(await db().broadcast.count()).toBe(0);
    const fields: Array<[string, string]> = [...url.searchParams.entries(), ['scheduledAt', '2026-11-24T12:00']];
    const preview = await post(coordinator, '/console/broadcasts/preview', fields);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('海岸いきいきサロンをフォローしている人');
    expect(preview.body).toContain('対象の人数(いまの見込み):2人');
  });

  test('the form takes only known fields, and a salon that exists', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const unknown = await get(coordinator, '/console/broadcasts/new?salon=nowhere&kind=salon_notice&urgent=on&textJa=x');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('サロンが見つかりませんでした。');
    expect(unknown.body).not.toContain(' selected>(サロン');
    expect(unknown.body).not.toMatch(/name="urgent" value="on" checked/);
    expect(unknown.body).not.toMatch(/name="everyone" value="on" checked/);
    // Without a query, the form opens as before: an announcement to everyone.
    const plain = await get(coordinator, '/console/broadcasts/new');
    expect(plain.body).toMatch(/name="everyone" value="on" checked/);
    expect(plain.body).toContain('<option value="announcement" selected>');
  });
});

describe('end to end with LINE', () => {
  let ts = 0;
  const tap = (user: string, data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
  const textsTo = (user: string) => t.messenger.sent.filter((s) => s.to === user).flatMap((s) => s.messages.map((m) => (m.type === 'text' ? m.text : 'altText' in m ? String(m.altText) : '')));

  /** Opens 海岸いきいきサロン from the menu; returns what LINE showed for it. */
  async function openSalon(user: string): Promise<string> {
    const before = textsTo(user).length;
    await tap(user, 'menu=events');
    await tap(user, 'ev=salons');
    const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
    if (!resident.districtCode) await tap(user, 'd=kaigan');
    await tap(user, 'sl=kaigan-ikiiki');
    return textsTo(user).slice(before).join('\n');
  }

  test('after a cancellation saved in the console, a resident no longer sees that date as a session', async () => {
    ts = t.clock.now().getTime();
    const user = newUserId();
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
    await tap(user, 'c=yes');

    const before = await openSalon(user);
    expect(before).toContain('海岸地区センター');
    expect(before).toMatch(/・12月8日\([^)]+\) ?10:00〜/);

    const coordinator = await loginAs(t.app, 'coordinator');
    await addChange(coordinator, { kind: 'cancelled', date: '2026-12-08' });
    await addChange(coordinator, { kind: 'note', date: '2027-01-12', note: '場所が公民館2階に変わります' });

    const after = await openSalon(user);
    expect(after).not.toMatch(/・12月8日\([^)]+\) ?10:00〜/);
    expect(after).toContain('12月8日(火)はお休みです');
    expect(after).toMatch(/・1月12日\([^)]+\) ?10:00〜[\s\S]*※場所が公民館2階に変わります/);
  });
});
