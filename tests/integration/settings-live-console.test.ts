// Under test: settings saved through the use case (saveSettings, as the settings pages save them) reach the console's
// pages and the bot at their next request, with no restart — the salon list, a new district (on the broadcast form
// and accepted when posted, in an FAQ answer's districts, in the volunteers' filter), the consultation area's name in
// the inbox and on the conversation page, the canned replies, a new fiscal year's allocation plan, the push budget on
// the home page, the teams a new staff account may join; and in LINE the salon list and the consultation areas'
// buttons. A save the profile's rules refuse changes nothing anywhere. The real app through app.inject on a temp
// database (SQLite, or PostgreSQL with TEST_DATABASE_URL). Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST)
// and LINE (a recording messenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CouncilProfile } from '../../src/domain/council-profile';
import type { StoredSections } from '../../src/domain/settings/apply-settings';
import { PrismaAuditLog } from '../../src/infra/prisma/prisma-audit-log';
import { PrismaSettings } from '../../src/infra/prisma/prisma-settings';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { loginAs, postForm, TEST_PASSWORD, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: ConsoleLogin & { member: { id: string } };
const db = () => t.testDb.db;
const profile = (): CouncilProfile => t.app.profile;

beforeEach(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterEach(async () => {
  await t.close();
});

/** Saves `sections` as the settings pages do: checked whole, a version per section and an audit row, in one transaction. */
function save(sections: StoredSections) {
  const work = new PrismaUnitOfWork(db(), (tx) => ({ settings: new PrismaSettings(tx), audit: new PrismaAuditLog(tx) }));
  return saveSettings({ work, file: t.app.settings.file }, { sections, kind: 'edit' }, { staffId: admin.member.id, ip: '127.0.0.1', at: t.clock.now() });
}

const get = (url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
const post = (url: string, fields: Parameters<typeof postForm>[3]) => postForm(t.app.server, admin, url, fields);

const NEW_SALON = {
  code: 'minato-ochanoma',
  name: 'みなとお茶の間サロン',
  nameEn: 'Minato Tea Room',
  nameEasy: 'みなと おちゃのま サロン',
  district: 'kaigan',
  place: '海岸地区センター 1階 ロビー',
  fee: '無料',
  contact: '海岸地区社協 045-000-1309',
  schedule: { rule: { kind: 'weekly', weekday: 'thu' }, start: '14:00', end: '15:30' },
};

const NEW_DISTRICT = { code: 'minamiura', name: '南浦地区社会福祉協議会', nameEn: 'Minamiura District', nameEasy: 'みなみうら ちく' };

/** The consultation areas with 生活福祉資金(貸付) renamed (its button label too). */
const renamedLoan = (label: string) =>
  profile().consultationCategories.map((c) => (c.code === 'livelihood_loan' ? { ...c, name: '生活費の貸付(生活福祉資金)', label } : c));

describe('console pages follow the settings at the next request', () => {
  test('a new salon shows on the salon list and in the broadcast form', async () => {
    expect((await get('/console/salons')).body).not.toContain('みなとお茶の間サロン');
    await save({ salons: [...profile().salons, NEW_SALON] });

    const list = await get('/console/salons');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('みなとお茶の間サロン');
    expect(list.body).toContain('href="/console/salons/minato-ochanoma"');
    expect((await get('/console/salons/minato-ochanoma')).statusCode).toBe(200);
    expect((await get('/console/broadcasts/new')).body).toContain('<option value="minato-ochanoma"');
  });

  test('a new district is offered on the broadcast form, and a send to it is accepted', async () => {
    const fields: Array<[string, string]> = [['kind', 'announcement'], ['title', '南浦のみなさんへ'], ['textJa', '南浦地区の説明会を開きます。'], ['scheduledAt', '2026-11-25T10:00'], ['districts', 'minamiura']];
    const before = await post('/console/broadcasts/preview', fields);
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain('地区を選び直してください');

    await save({ districts: [...profile().districts, NEW_DISTRICT] });

    expect((await get('/console/broadcasts/new')).body).toContain('value="minamiura"> 南浦地区社会福祉協議会');
    const after = await post('/console/broadcasts/preview', fields);
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain('地区を選び直してください');
    expect(after.body).toContain('南浦地区社会福祉協議会');
    // The volunteers' list filters by it too (an unknown district would be dropped from the filter).
    // An FAQ answer may be kept to it.
    const faq: Array<[string, string]> = [['questions', '南浦の説明会はいつ?'], ['answerJa', '12月5日(土)10時から南浦会館で開きます。'], ['districts', 'minamiura'], ['active', 'on']];
    expect((await post('/console/faq', faq)).statusCode).toBe(303);
    expect(await db().faqEntry.count({ where: { districts: { contains: 'minamiura' } } })).toBe(1);
    expect((await get('/console/volunteers?district=minamiura')).body).toContain('<option value="minamiura" selected>南浦地区社会福祉協議会</option>');
  });

  test('a new fiscal year\'s allocation plan shows on the allocation page', async () => {
    const empty = await get('/console/allocation?year=2027');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('2027年度の配分計画は、協議会の設定にまだありません');

    const plans = profile().donations!.allocationPlans;
    const last = plans.at(-1)!;
    // A plan holds at most five purposes (with おまかせ they fill LINE's six buttons): 会長裁量 gives way to a new one.
    const next = { fiscalYear: 2027, purposes: [...last.purposes.filter((p) => p.code !== 'chair').map((p) => ({ ...p })), { code: 'disaster_relief', name: '災害への備え', nameEasy: 'さいがいへの そなえ', nameEn: 'Disaster readiness', budgetYen: 300000 }] };
    await save({ donations: { ...profile().donations, allocationPlans: [...plans, next] } });

    const page = await get('/console/allocation?year=2027');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('2027年度の配分計画は、協議会の設定にまだありません');
    expect(page.body).toContain('2027年度の配分計画');
    // The plan's table names the new purpose (not its code) beside its budget.
    expect(page.body).toContain('<tr><td>災害への備え</td><td>300,000円</td>');
    expect(page.body).not.toContain('会長裁量');
  });

  test('the push budget on the home page', async () => {
    expect((await get('/console')).body).toMatch(/0 \/ 5000通/);
    await save({ messaging: { ...profile().messaging, monthlyPushBudget: 15000 } });
    const home = await get('/console');
    expect(home.body).toMatch(/0 \/ 15000通/);
    expect(home.body).not.toMatch(/0 \/ 5000通/);
  });

  test('a new team can be given to a new staff account', async () => {
    const fields: Array<[string, string]> = [['loginId', 'tanaka'], ['displayName', '田中 花子'], ['role', 'counsellor'], ['teams', 'kosodate'], ['password', TEST_PASSWORD], ['passwordAgain', TEST_PASSWORD]];
    const refused = await post('/console/staff', fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('協議会の設定にないチームが選ばれています。');

    await save({ teams: [...profile().teams, { code: 'kosodate', name: '子育て支援係' }] });

    const created = await post('/console/staff', fields);
    expect(created.statusCode).toBe(303);
    const account = await db().staffUser.findFirstOrThrow({ where: { loginId: 'tanaka' } });
    expect(account.teams).toContain('kosodate');
    expect((await get(String(created.headers.location))).body).toContain('子育て支援係');
  });
});

describe('a consultation area renamed, and canned replies changed', () => {
  let ts = 0;
  const user = newUserId();
  const tap = (data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
  const say = (text: string) => t.post([textFrom(t.messenger, user, text, { timestamp: ++ts })]);
  /** Everything LINE was asked to send the resident from the `from`th send on (texts, labels, alt texts). */
  const sentSince = (from: number) => JSON.stringify(t.messenger.sent.filter((s) => s.to === user).slice(from).map((s) => s.messages));
  const sentCount = () => t.messenger.sent.filter((s) => s.to === user).length;

  /** A resident sends a 生活福祉資金 consultation through LINE; returns its conversation's id. */
  async function consultation(): Promise<string> {
    ts = t.clock.now().getTime();
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
    await tap('c=yes');
    await tap('menu=consult');
    await tap('cat=livelihood_loan');
    await tap('about=go');
    await tap('tc=yes');
    await tap('forWhom=family');
    await tap('d=kaigan');
    await tap('contact=phone');
    await say('045-000-1234');
    await tap('contactTime=weekday_pm');
    await tap('urgency=soon');
    await say('家賃が払えません。');
    await tap('desc=done');
    await tap('confirm=send');
    const [conversation] = await db().conversation.findMany();
    expect(conversation).toBeDefined();
    expect(await db().consultation.count()).toBe(1);
    return conversation!.id;
  }

  test('the inbox, the conversation page and the resident\'s buttons show the new name; new canned replies are offered', async () => {
    const id = await consultation();
    expect((await get('/console/inbox')).body).toContain('生活福祉資金(貸付)');

    await save({
      consultationCategories: renamedLoan('生活費の貸付'),
      consultation: { ...profile().consultation, cannedReplies: [...profile().consultation.cannedReplies, { title: '貸付の面談日', text: '面談の日を決めたいので、ご都合のよい平日を教えてください。' }] },
    });

    const inbox = await get('/console/inbox');
    expect(inbox.body).toContain('生活費の貸付(生活福祉資金)');
    expect(inbox.body).not.toContain('生活福祉資金(貸付)');
    const page = await get(`/console/threads/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('生活費の貸付(生活福祉資金)');
    expect(page.body).toContain('貸付の面談日');
    expect(page.body).toContain('面談の日を決めたいので、ご都合のよい平日を教えてください。');

    // In LINE: the areas' buttons carry the new label at the resident's next tap.
    const from = sentCount();
    await tap('menu=consult');
    const buttons = sentSince(from);
    expect(buttons).toContain('生活費の貸付');
    expect(buttons).not.toContain('生活福祉資金(貸付)');
    expect(t.app.deps.council.categories.find((c) => c.code === 'livelihood_loan')?.label.ja).toBe('生活費の貸付');
  });

  test('a label over LINE\'s limit is refused, and nothing changes anywhere', async () => {
    const id = await consultation();
    await expect(save({ consultationCategories: renamedLoan('生活費の貸付(生活福祉資金)のご相談はこちら') })).rejects.toThrow();
    expect(await db().settingsVersion.count()).toBe(0);

    expect((await get('/console/inbox')).body).toContain('生活福祉資金(貸付)');
    expect((await get(`/console/threads/${id}`)).body).not.toContain('生活費の貸付');
    const from = sentCount();
    await tap('menu=consult');
    expect(sentSince(from)).toContain('生活福祉資金(貸付)');
    expect(sentSince(from)).not.toContain('生活費の貸付');
  });
});

describe('in LINE', () => {
  test('a resident opening the salons sees the new salon at once; the bot\'s council view has it after the batch', async () => {
    let ts = t.clock.now().getTime();
    const user = newUserId();
    const tap = (data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
    const sentSince = (from: number) => JSON.stringify(t.messenger.sent.filter((s) => s.to === user).slice(from).map((s) => s.messages));
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
    await tap('c=yes');
    await tap('menu=events');
    await tap('ev=salons');
    await tap('d=kaigan');
    expect(sentSince(0)).toContain('海岸いきいきサロン');
    expect(sentSince(0)).not.toContain('みなとお茶の間サロン');

    await save({ salons: [...profile().salons, NEW_SALON] });

    const from = t.messenger.sent.filter((s) => s.to === user).length;
    await tap('menu=events');
    await tap('ev=salons');
    // The district is asked each time unless the resident's is on record.
    if (!(await t.testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: user } })).districtCode) await tap('d=kaigan');
    const list = sentSince(from);
    expect(list).toContain('みなとお茶の間サロン');
    expect(t.app.deps.council.salons?.some((s) => s.code === 'minato-ochanoma')).toBe(true);

    await tap('sl=minato-ochanoma');
    const salon = sentSince(from);
    expect(salon).toContain('海岸地区センター 1階 ロビー');
    expect(salon).toContain('045-000-1309');
  });
});
