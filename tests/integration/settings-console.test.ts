// Under test: the settings pages through app.inject — an admin adds a salon, renames a consultation area (a label
// over LINE's 20 characters refused with the reason, then a short one saved), starts a fiscal year's allocation plan
// from the last one; each change reaches a resident's next reply (signed webhooks through the real flows) with no
// restart; the history shows before and after and undoes; the audit log holds the change; a coordinator may change
// salons but not the rest. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
let admin: ConsoleLogin;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T10:00:00+09:00');
  talk = new ResidentTalk(t);
  admin = await loginAs(t.app, 'admin');
});
afterEach(async () => {
  await t?.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

/** A friend who agreed, chose Japanese and the 海岸 district. */
async function resident(): Promise<string> {
  const user = await talk.follows();
  await talk.say(user, 'c=yes', 'lang=ja', 'd=kaigan', 't=done');
  return user;
}

const NEW_SALON = {
  version: '0',
  code: 'kaigan-tea',
  name: '海岸お茶のみサロン',
  label: '',
  district: 'kaigan',
  place: '海岸集会所',
  fee: '100円',
  contact: '海岸地区社協 045-000-1111',
  ruleKind: 'monthlyNth',
  weekday: 'wed',
  start: '13:30',
  end: '15:00',
};

describe('salons', () => {
  test('an added salon is in the resident\'s salon list at their next tap, with one version and one audit row', async () => {
    const user = await resident();
    const form: Array<[string, string]> = [...Object.entries(NEW_SALON), ['nth', '1'], ['nth', '3'], ['intent', 'save']];
    const saved = await postForm(t.app.server, admin, '/console/settings/salons/new', form);
    expect(saved.statusCode).toBe(303);
    const version = await t.app.db.settingsVersion.findFirstOrThrow({ where: { section: 'salons' } });
    expect(version).toMatchObject({ version: 1, kind: 'edit' });
    const salons = JSON.parse(version.document ?? '[]') as Array<{ code: string; schedule: { rule: unknown } }>;
    expect(salons.find((s) => s.code === 'kaigan-tea')?.schedule.rule).toEqual({ kind: 'monthlyNth', weekday: 'wed', nth: [1, 3] });

    await talk.say(user, 'menu=events', 'ev=salons');
    expect(talk.sentTo(user).at(-1)).toContain('海岸お茶のみサロン');
    expect((await get(admin, '/console/salons')).body).toContain('海岸お茶のみサロン');

    const audit = await t.app.db.auditLog.findMany({ where: { action: 'settings.change' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toContain('salons[kaigan-tea]: 追加');
  });

  test('a preview saves nothing; a coordinator may change salons but not consultation areas', async () => {
    const preview = await postForm(t.app.server, admin, '/console/settings/salons/new', [...Object.entries(NEW_SALON), ['nth', '1'], ['intent', 'preview']]);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('LINEでの見え方');
    // What a resident opening the salon would see, through the real flows, in every language, before any save.
    const resident = preview.body.slice(preview.body.indexOf('id="resident-preview"'));
    expect(resident).toContain('LINEでの見え方：サロンを開いたところ');
    const languages = resident.split('<h3>').slice(1);
    expect(languages.map((l) => l.slice(0, l.indexOf('</h3>')))).toEqual(['日本語', 'やさしい日本語', '英語']);
    for (const l of languages) expect(l).toContain('海岸集会所');
    expect(await t.app.db.settingsVersion.count()).toBe(0);

    const coordinator = await loginAs(t.app, 'coordinator');
    expect((await get(coordinator, '/console/settings/salons')).statusCode).toBe(200);
    expect((await get(coordinator, '/console/settings/areas')).statusCode).toBe(403);
    expect((await postForm(t.app.server, coordinator, '/console/settings/areas/elderly', { version: '0', name: '高齢者', team: 'anshin', about: 'a', prepare: 'b', intent: 'save' })).statusCode).toBe(403);
    expect(await t.app.db.settingsVersion.count()).toBe(0);
  });
});

describe('consultation areas', () => {
  test('a label over 20 characters is refused with the reason and nothing saved; a short one reaches the resident\'s buttons', async () => {
    const user = await resident();
    // The first area, on the first page of the resident's choices.
    const page = await get(admin, '/console/settings/areas/anshin_center');
    expect(page.statusCode).toBe(200);
    const area = t.app.profile.consultationCategories.find((c) => c.code === 'anshin_center');
    if (!area) throw new Error('demo profile without anshin_center');
    const base = { version: '0', name: 'お金の管理の手伝い（あんしんセンター）', team: area.team, about: area.about, prepare: area.prepare, nameEn: area.nameEn ?? '', labelEn: area.labelEn ?? '', nameEasy: area.nameEasy ?? '', labelEasy: area.labelEasy ?? '' };
    const long = await postForm(t.app.server, admin, '/console/settings/areas/anshin_center', { ...base, label: 'あんしんセンターでお金の管理を手伝ってもらう', intent: 'save' });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('LINEのボタンには20文字までしか出ません');
    expect(await t.app.db.settingsVersion.count()).toBe(0);

    const checked = await postForm(t.app.server, admin, '/console/settings/areas/anshin_center', { ...base, label: 'お金の管理の手伝い', prepare: '通帳は持ってこなくてよいです。', intent: 'preview' });
    expect(checked.statusCode).toBe(200);
    expect(checked.body.slice(checked.body.indexOf('id="resident-preview"'))).toContain('通帳は持ってこなくてよいです。');
    const short = await postForm(t.app.server, admin, '/console/settings/areas/anshin_center', { ...base, label: 'お金の管理の手伝い', intent: 'save' });
    expect(short.statusCode).toBe(303);
    await talk.say(user, 'menu=consult');
    expect(talk.sentTo(user).at(-1)).toContain('"label":"お金の管理の手伝い"');
    expect(talk.sentTo(user).at(-1)).not.toContain('あんしんセンター(お金の管理)');
  });
});

describe('the やさしい日本語 check of an area\'s texts', () => {
  test('the easy-Japanese explanation and what to prepare are marked for the check as staff type, and the saved ones get the server\'s check', async () => {
    const area = t.app.profile.consultationCategories.find((c) => c.code === 'anshin_center');
    if (!area) throw new Error('demo profile without anshin_center');
    const url = '/console/settings/areas/anshin_center';
    const marked = (html: string) => [...html.matchAll(/<textarea id="([^"]+)"[^>]*data-easy-japanese/g)].map((m) => m[1]);
    expect(marked((await get(admin, url)).body)).toEqual(['aboutEasy', 'prepareEasy']);

    const base = { version: '0', name: area.name, label: area.label ?? '', team: area.team, about: area.about, prepare: area.prepare, nameEn: area.nameEn ?? '', labelEn: area.labelEn ?? '', nameEasy: area.nameEasy ?? '' };
    const hard = 'ご来場の際は、通帳をお持ちください。';
    const plain = 'つうちょうを もって きて ください。';
    const saved = await postForm(t.app.server, admin, url, { ...base, aboutEasy: hard, prepareEasy: plain, intent: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(t.app.profile.consultationCategories.find((c) => c.code === 'anshin_center')).toMatchObject({ aboutEasy: hard, prepareEasy: plain });

    const page = (await get(admin, url)).body;
    const checkUnder = (field: string) => {
      const after = page.slice(page.indexOf(`<textarea id="${field}"`));
      return /<p class="hint easy-check">([^<]*)<\/p>/.exec(after.slice(0, after.indexOf('</div>')))?.[1] ?? null;
    };
    const about = checkUnder('aboutEasy');
    expect(about).toMatch(/^やさしい日本語チェック \d+点:/);
    expect(about).toContain('尊敬語・謙譲語');
    expect(about).toContain('むずかしいことば');
    expect(about).toContain('(このまま送ることもできます)');
    expect(checkUnder('prepareEasy')).toBe('やさしい日本語チェック 100点:直すところは見つかりませんでした');
    // Only the easy-Japanese texts are checked.
    expect(checkUnder('about')).toBe(null);
    expect(checkUnder('aboutEn')).toBe(null);
  });
});

describe('allocation plans', () => {
  test('the next fiscal year\'s plan is copied from the latest', async () => {
    const before = t.app.profile.donations?.allocationPlans.map((p) => p.fiscalYear);
    expect(before).toEqual([2025, 2026]);
    const copied = await postForm(t.app.server, admin, '/console/settings/plans/copy', { version: '0', from: '2026' });
    expect(copied.statusCode).toBe(303);
    const page = await get(admin, '/console/settings/plans');
    expect(page.body).toContain('2027年度（令和9年度）');
    const plans = t.app.profile.donations?.allocationPlans ?? [];
    expect(plans.map((p) => p.fiscalYear)).toEqual([2025, 2026, 2027]);
    expect(plans[2]?.purposes).toEqual(plans[1]?.purposes);
    // The new year's plan, a purpose renamed and checked: what a donor would see in FY2027.
    const form = await get(admin, '/console/settings/plans/2027');
    expect(form.statusCode).toBe(200);
    const fields = Object.fromEntries(plans[2]!.purposes.flatMap((p, i) => [[`p${i}name`, p.name], [`p${i}budgetYen`, String(p.budgetYen)]]));
    const checked = await postForm(t.app.server, admin, '/console/settings/plans/2027', { ...fields, p0name: '障害のある人の社会参加と就労', version: '1', intent: 'preview' });
    expect(checked.statusCode).toBe(200);
    const resident = checked.body.slice(checked.body.indexOf('id="resident-preview"'));
    expect(resident).toContain('2027年度');
    expect(resident).toContain('障害のある人の社会参加と就労');
    // A second copy from the same page (the latest is now 2027) is refused rather than stacking 2028.
    expect((await postForm(t.app.server, admin, '/console/settings/plans/copy', { version: '1', from: '2026' })).statusCode).toBe(409);
  });
});

describe('history', () => {
  test('shows before and after, undoes to the file\'s section, and the undo is itself audited', async () => {
    const user = await resident();
    await postForm(t.app.server, admin, '/console/settings/salons/new', [...Object.entries(NEW_SALON), ['nth', '1'], ['intent', 'save']]);
    const first = await t.app.db.settingsVersion.findFirstOrThrow();
    const change = await get(admin, `/console/settings/history/${first.seq}`);
    expect(change.body).toContain('salons[kaigan-tea]');
    expect(change.body).toContain('海岸お茶のみサロン');
    expect(change.body).toContain('この変更を取り消す');

    const undo = await postForm(t.app.server, admin, `/console/settings/history/${first.seq}/undo`);
    expect(undo.statusCode).toBe(303);
    const versions = await t.app.db.settingsVersion.findMany({ orderBy: { seq: 'asc' } });
    expect(versions.map((v) => [v.version, v.kind, v.document === null])).toEqual([[1, 'edit', false], [2, 'undo', true]]);
    await talk.say(user, 'menu=events', 'ev=salons');
    expect(talk.sentTo(user).at(-1)).not.toContain('海岸お茶のみサロン');
    expect(t.app.profile.salons.some((s) => s.code === 'kaigan-tea')).toBe(false);

    // The list: the undo and the change, newest first, each with what it changed (one salon, away and back).
    const list = (await get(admin, '/console/settings/history')).body;
    expect([...list.matchAll(/<td>サロン<\/td><td>([^<]+)<\/td><td>(\d+)か所<\/td>/g)].map((m) => [m[1], m[2]])).toEqual([['取り消し', '1'], ['変更', '1']]);
    // The first change is no longer its section's latest: it cannot be undone again.
    expect((await postForm(t.app.server, admin, `/console/settings/history/${first.seq}/undo`)).statusCode).toBe(409);
    expect((await t.app.db.auditLog.findMany({ where: { action: { in: ['settings.change', 'settings.undo'] } } })).map((a) => a.action).sort()).toEqual(['settings.change', 'settings.undo']);
  });

  test('export gives a file the import finds identical; an invalid file is refused with its issues', async () => {
    const exported = await get(admin, '/console/settings/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const check = await postForm(t.app.server, admin, '/console/settings/import', { text: exported.body, intent: 'check' });
    expect(check.body).toContain('今の設定と同じです');
    const bad = await postForm(t.app.server, admin, '/console/settings/import', { text: exported.body.replace(/phone: ["']?045[^\n]*/, 'phone: "not a number"'), intent: 'apply' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('電話番号');
    expect(await t.app.db.settingsVersion.count()).toBe(0);
    expect(await t.app.db.auditLog.count({ where: { action: 'settings.export' } })).toBe(1);
  });
});
