// Under test: the disaster centre's console pages for a centre and its life, through app.inject on the real app and
// a temp SQLite file — registering a centre (validation in Japanese), its status moves (each audited in its own
// transaction, the LINE menu switched when it starts or stops running), at most one centre running (refused in the
// use case, in the SQL statement itself, and for two openings at once), the options (大規模災害特例, walk-ins),
// drills listed and counted apart and labelled 訓練, and a menu switch LINE refused (reported, tried again).
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST), LINE (a recording messenger) and the LINE menu switch (a
// recording function).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PrismaDisasterRepository } from '../../src/infra/prisma/prisma-disaster-admin';
import { loginAs, postForm } from '../helpers/console';
import { createCentre, createDisasterApp, moveCentre, openCentre, poolMember, type DisasterTestApp } from '../helpers/disaster';

let t: DisasterTestApp;

beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

const get = (cookie: string, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie } });
const statusOf = async (id: string) => (await t.db.disasterCentre.findUniqueOrThrow({ where: { id } })).status;
const audits = (action: string) => t.db.auditLog.findMany({ where: { action }, orderBy: { at: 'asc' } });

describe('registering a centre', () => {
  test('stores it 準備中 with its districts and kind, audits it, and changes nothing for residents', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const form = await get(coordinator.cookie, '/console/disaster/new');
    expect(form.statusCode).toBe(200);
    for (const label of ['災害の名前(センターの名前)', '被災した地区(1つ以上)', '開設日', '訓練(LINEのお知らせには【訓練】とつきます']) expect(form.body).toContain(label);
    expect(form.body).toContain('海岸地区社会福祉協議会');

    const id = await createCentre(t, coordinator, { districts: ['kaigan', 'shiomidai'] });
    const c = await t.db.disasterCentre.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ name: '令和8年11月 大雨災害', status: 'preparing', drill: false, openedOn: '2026-11-24', sameDayCover: false, walkIns: false });
    expect(JSON.parse(c.districts)).toEqual(['kaigan', 'shiomidai']);
    const [row] = await audits('disaster.centre.create');
    expect(row).toMatchObject({ staffId: coordinator.member.id, subjectId: id });
    expect(t.menu.switches).toEqual([]);

    const page = await get(coordinator.cookie, `/console/disaster/centres/${id}?done=created`);
    expect(page.body).toContain('登録しました(準備中)');
    expect(page.body).toContain('開設する');
  });

  test('bad forms come back with the problem in Japanese (400), and nothing is stored', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const cases: Array<[Array<[string, string]>, string]> = [
      [[['districts', 'kaigan'], ['openedOn', '2026-11-24'], ['kind', 'real']], '災害の名前(センターの名前)を入力してください'],
      [[['name', '大雨'], ['openedOn', '2026-11-24'], ['kind', 'real']], '被災した地区を1つ以上選んでください'],
      [[['name', '大雨'], ['districts', 'atlantis'], ['openedOn', '2026-11-24'], ['kind', 'real']], '地区を一覧から選んでください'],
      [[['name', '大雨'], ['districts', 'kaigan'], ['openedOn', '2026-02-30'], ['kind', 'real']], '開設日を入力してください'],
      [[['name', '大雨'], ['districts', 'kaigan'], ['openedOn', '2026-11-24']], '実際の災害か訓練かを選んでください'],
    ];
    for (const [fields, message] of cases) {
      const res = await postForm(t.app.server, coordinator, '/console/disaster', fields);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
    }
    expect(await t.db.disasterCentre.count()).toBe(0);
  });

  test('counsellors may not open the pages (403); coordinators and admins may', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await get(counsellor.cookie, '/console/disaster')).statusCode).toBe(403);
    const admin = await loginAs(t.app, 'admin');
    const list = await get(admin.cookie, '/console/disaster');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/console/disaster"');
  });
});

describe('the status of a centre', () => {
  test('moves 準備中 → 開設中 → 受付停止 → 開設中 → 終了, each move audited; the menu switches to disaster on opening and back on closing only', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createCentre(t, coordinator);
    const steps: Array<[string, string, string]> = [
      ['preparing', 'open', '開設しました'],
      ['open', 'paused', '受付を停止しました'],
      ['paused', 'open', '開設しました'],
      ['open', 'closed', '終了しました'],
    ];
    for (const [from, to, done] of steps) {
      const res = await moveCentre(t, coordinator, id, from, to, to === 'closed');
      expect(res.statusCode, `${from}→${to}`).toBe(303);
      expect(res.headers.location).toBe(`/console/disaster/centres/${id}?done=${to}`);
      expect(await statusOf(id)).toBe(to);
      expect((await get(coordinator.cookie, String(res.headers.location))).body).toContain(done);
    }
    const rows = await audits('disaster.centre.status');
    expect(rows.map((r) => JSON.parse(r.detail!) as { from: string; to: string })).toEqual(steps.map(([from, to]) => ({ from, to, drill: false })));
    expect(rows.every((r) => r.staffId === coordinator.member.id && r.subjectId === id)).toBe(true);
    expect(t.menu.switches).toEqual(['disaster', 'main']);
  });

  test('moves mayMoveCentre forbids are refused (409) and write nothing; closing needs its confirmation', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createCentre(t, coordinator);
    expect((await moveCentre(t, coordinator, id, 'preparing', 'paused')).statusCode).toBe(409);
    // A stale page: the centre is 準備中, not 開設中 as the form says.
    expect((await moveCentre(t, coordinator, id, 'open', 'paused')).statusCode).toBe(409);
    const unconfirmed = await moveCentre(t, coordinator, id, 'preparing', 'closed');
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('終了すると元に戻せません');
    expect(await statusOf(id)).toBe('preparing');
    expect(await moveCentre(t, coordinator, id, 'preparing', 'closed', true)).toMatchObject({ statusCode: 303 });
    expect((await moveCentre(t, coordinator, id, 'closed', 'open')).statusCode).toBe(409);
    expect(await statusOf(id)).toBe('closed');
    // Closing a centre that never ran changes no menu.
    expect(t.menu.switches).toEqual([]);
    expect((await audits('disaster.centre.status')).length).toBe(1);
  });

  test('a second centre cannot open while one runs (開設中 or 受付停止): refused with its name, nothing written', async () => {
    const { coordinator, centreId: first } = await openCentre(t, { name: '先の災害' });
    const second = await createCentre(t, coordinator, { name: '後の災害' });
    const refused = await moveCentre(t, coordinator, second, 'preparing', 'open');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('ほかのセンター(先の災害)が開設中か受付停止中です');
    await moveCentre(t, coordinator, first, 'open', 'paused');
    expect((await moveCentre(t, coordinator, second, 'preparing', 'open')).statusCode).toBe(409);
    expect(await statusOf(second)).toBe('preparing');
    // Once the first has ended, the second opens.
    await moveCentre(t, coordinator, first, 'paused', 'closed', true);
    expect((await moveCentre(t, coordinator, second, 'preparing', 'open')).statusCode).toBe(303);
    expect(t.menu.switches).toEqual(['disaster', 'main', 'disaster']);
  });

  test('the SQL statement itself refuses to open a second centre, whatever the caller checked', async () => {
    const { coordinator } = await openCentre(t);
    const second = await createCentre(t, coordinator, { name: '後の災害' });
    const repository = new PrismaDisasterRepository(t.db);
    expect(await repository.moveCentre(second, 'preparing', 'open', t.clock.now())).toBe(false);
    expect(await statusOf(second)).toBe('preparing');
    expect(await t.db.disasterCentre.count({ where: { status: { in: ['open', 'paused'] } } })).toBe(1);
  });

  test('of two centres opened at the same moment, exactly one opens: the other is refused, one audit row, one menu switch', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const colleague = await loginAs(t.app, 'admin');
    const a = await createCentre(t, coordinator, { name: '災害A' });
    const b = await createCentre(t, coordinator, { name: '災害B' });
    const [ra, rb] = await Promise.all([moveCentre(t, coordinator, a, 'preparing', 'open'), moveCentre(t, colleague, b, 'preparing', 'open')]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([303, 409]);
    expect(await t.db.disasterCentre.count({ where: { status: 'open' } })).toBe(1);
    expect((await audits('disaster.centre.status')).length).toBe(1);
    expect(t.menu.switches).toEqual(['disaster']);
  });

  test('a menu switch LINE refuses leaves the move made, says so, and can be tried again', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createCentre(t, coordinator);
    t.menu.fail = true;
    const res = await moveCentre(t, coordinator, id, 'preparing', 'open');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/disaster/centres/${id}?done=open&menu=failed`);
    expect(await statusOf(id)).toBe('open');
    const page = await get(coordinator.cookie, String(res.headers.location));
    expect(page.body).toContain('LINEのメニューを切り替えられませんでした');
    expect(t.menu.switches).toEqual([]);

    t.menu.fail = false;
    const retry = await postForm(t.app.server, coordinator, `/console/disaster/centres/${id}/menu`);
    expect(retry.headers.location).toBe(`/console/disaster/centres/${id}?done=menu`);
    expect(t.menu.switches).toEqual(['disaster']);
  });
});

describe('the options', () => {
  test('大規模災害特例 and walk-ins are switched and audited; not once the centre has ended', async () => {
    const { coordinator, centreId } = await openCentre(t);
    const res = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/options`, [['sameDayCover', 'on'], ['walkIns', 'on']]);
    expect(res.statusCode).toBe(303);
    expect(await t.db.disasterCentre.findUniqueOrThrow({ where: { id: centreId } })).toMatchObject({ sameDayCover: true, walkIns: true });
    await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/options`, [['walkIns', 'on']]);
    expect(await t.db.disasterCentre.findUniqueOrThrow({ where: { id: centreId } })).toMatchObject({ sameDayCover: false, walkIns: true });
    expect((await audits('disaster.centre.options')).map((r) => JSON.parse(r.detail!))).toEqual([
      { sameDayCover: true, walkIns: true },
      { sameDayCover: false, walkIns: true },
    ]);
    expect((await get(coordinator.cookie, `/console/disaster/centres/${centreId}`)).body).toContain('当日参加</dt><dd>受け付ける');

    await moveCentre(t, coordinator, centreId, 'open', 'closed', true);
    expect((await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/options`, [])).statusCode).toBe(409);
    expect((await audits('disaster.centre.options')).length).toBe(2);
  });
});

describe('drills', () => {
  test('are listed and counted apart from real centres, labelled 訓練, and the page says the annual report is unaffected', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const real = await createCentre(t, coordinator, { name: '本物の大雨' });
    const drill = await createCentre(t, coordinator, { name: '総合防災訓練', drill: true });
    await poolMember(t.db, real);
    await poolMember(t.db, drill, { kind: 'group', size: 4, groupName: '訓練チーム' });
    await poolMember(t.db, drill);

    const list = (await get(coordinator.cookie, '/console/disaster')).body;
    const [realPart, drillPart] = list.split('id="group-drill"');
    expect(realPart).toContain('本物の大雨');
    expect(realPart).not.toContain('総合防災訓練');
    expect(realPart).toContain('センター 1件/登録者 1件(1人)');
    expect(drillPart).toContain('【訓練】総合防災訓練');
    expect(drillPart).not.toContain('本物の大雨');
    expect(drillPart).toContain('センター 1件/登録者 2件(5人)');
    expect(list).toContain('年次報告(ボランティア活動時間・寄付)のCSVには入りません');

    const page = (await get(coordinator.cookie, `/console/disaster/centres/${drill}`)).body;
    expect(page).toContain('【訓練】総合防災訓練');
    expect(page).toContain('<h1>【訓練】総合防災訓練</h1>');
    expect(page).toContain('訓練(LINEのお知らせには【訓練】とつきます)');
    expect((await t.db.disasterCentre.findUniqueOrThrow({ where: { id: drill } })).drill).toBe(true);
  });
});
