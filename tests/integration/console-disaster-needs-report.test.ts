// Under test: the disaster module's annual report (年次報告(災害ボランティアセンター)) on the real app and a temp
// SQLite file — a fiscal year's needs of the real centres as one CSV (the April boundary in Japan time, merged
// duplicates left out, no names, phones or addresses, codes in Japanese, the first report's channel, the date it
// reached 完了 from its history), the year's totals, a drill's files apart and labelled 訓練, the audit row, who may
// download, and a year that is not one. Needs are written straight to the database as the LINE side writes them.
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST, fiscal year 2026), LINE, the menu switch, randomness.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, type ConsoleLogin } from '../helpers/console';
import { createDisasterApp, type DisasterTestApp } from '../helpers/disaster';
import { jst, seedCentre } from '../helpers/disaster-centre';
import { lineResident, seedNeed } from '../helpers/disaster-needs';

let t: DisasterTestApp;

beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

/** The CSV's rows (BOM and the final CRLF dropped), cells split on commas (no test value holds one). */
function rowsOf(body: string): string[][] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return body.slice(1).split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
}

async function centre(name: string, drill = false): Promise<string> {
  const { centreId } = await seedCentre(t.db, { drill, status: drill ? 'closed' : 'open' });
  await t.db.disasterCentre.update({ where: { id: centreId }, data: { name } });
  return centreId;
}

/** A need received at `created` (Japan time), its household's name, phone and address set so the test can look for them. */
async function need(centreId: string, created: string, o: Parameters<typeof seedNeed>[2] & { damage?: string[]; scheduledOn?: string } = {}) {
  const n = await seedNeed(t.db, centreId, { householdName: `秘密太郎${created}`, address: `つなぐ市秘密町${created.slice(5, 7)}丁目`, phone: '09099998888', ...o });
  await t.db.need.update({ where: { id: n.id }, data: { createdAt: jst(created), damage: JSON.stringify(o.damage ?? ['floodBelow']), scheduledOn: o.scheduledOn ?? null } });
  return n;
}

/** Two real centres and a drill, with needs on both sides of the fiscal year 2026's ends. */
async function seedYear() {
  const east = await centre('東部豪雨災害VC');
  const west = await centre('西部地震災害VC');
  const drill = await centre('立ち上げ訓練VC', true);
  const resident = await lineResident(t.db);
  const before = await need(east, '2026-03-31T23:59', { status: 'received' });
  const first = await need(east, '2026-04-01T00:00', { status: 'done', statusSince: jst('2026-04-12T15:00'), work: ['mud', 'furniture'], damage: ['floodAbove', 'sediment'], flags: ['vulnerable'], priority: 'high', scheduledOn: '2026-04-10', reporters: [resident] });
  await t.db.needEvent.createMany({
    data: [
      { needId: first.id, kind: 'status', from: null, to: 'received', at: jst('2026-04-01T00:00') },
      { needId: first.id, kind: 'status', from: 'active', to: 'done', at: jst('2026-04-11T16:00') },
      { needId: first.id, kind: 'status', from: 'done', to: 'continuing', at: jst('2026-04-12T10:00') },
      { needId: first.id, kind: 'status', from: 'continuing', to: 'done', at: jst('2026-04-12T15:00') },
    ],
  });
  const open = await need(east, '2026-11-24T09:30', { status: 'coordinating', work: ['mud'], district: 'shiomidai' });
  const merged = await need(east, '2026-11-24T09:40', { status: 'received' });
  await t.db.need.update({ where: { id: merged.id }, data: { mergedIntoId: open.id } });
  const last = await need(west, '2027-03-31T23:59', { status: 'impossible', work: ['cleaning'] });
  const cancelled = await need(west, '2026-12-01T10:00', { status: 'cancelled', work: ['garbage'], district: null });
  const after = await need(west, '2027-04-01T00:00', { status: 'received' });
  const drilled = await need(drill, '2026-09-01T10:00', { status: 'done', work: ['transport'] });
  return { before, first, open, merged, last, cancelled, after, drilled };
}

describe('the annual report of needs', () => {
  test('the real centres\' CSV: exactly the year\'s needs, statistics only, in Japanese; the drill never in it', async () => {
    const n = await seedYear();
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/disaster/reports/needs.csv?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('災害ニーズ_年次報告_2026年度.csv'));
    const [header, ...rows] = rowsOf(res.body);
    expect(header).toEqual(['区分', 'センター', '受付番号', '受付日', '最初の受付方法', '地区', '被害', '依頼内容', '状態', '優先度', 'フラグ', '活動予定日', '完了日']);
    expect(rows.map((r) => r[2])).toEqual([n.first.referenceNo, n.open.referenceNo, n.cancelled.referenceNo, n.last.referenceNo]);
    expect(rows[0]).toEqual(['実際の災害', '東部豪雨災害VC', n.first.referenceNo, '2026/04/01', 'LINE', '海岸地区社会福祉協議会', '床上浸水・土砂流入', '土砂・泥出し・家財の運び出し', '完了', '高', '要配慮', '2026/04/10', '2026/04/12']);
    expect(rows[1]).toEqual(['実際の災害', '東部豪雨災害VC', n.open.referenceNo, '2026/11/24', '電話', '汐見台地区社会福祉協議会', '床下浸水', '土砂・泥出し', '調整中', '中', '', '', '']);
    expect(rows[2]!.slice(0, 6)).toEqual(['実際の災害', '西部地震災害VC', n.cancelled.referenceNo, '2026/12/01', '電話', '']);
    expect(rows[2]![8]).toBe('取消');
    expect(rows[3]!.slice(3, 4)).toEqual(['2027/03/31']);
    expect(rows[3]![8]).toBe('対応不可');
    for (const secret of ['秘密', '09099998888', '090-9999-8888', '立ち上げ訓練', '訓練', n.drilled.referenceNo, n.merged.referenceNo, n.before.referenceNo, n.after.referenceNo]) expect(res.body).not.toContain(secret);
  });

  test('the totals: households, served, open, cancelled, impossible, by work kind and by centre', async () => {
    await seedYear();
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/disaster/reports/needs-totals.csv?year=2026');
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(res.body);
    expect(header).toEqual(['年度', '区分', '項目', '内訳', '世帯数']);
    const count = (item: string, detail = '') => rows.find((r) => r[2] === item && r[3] === detail)?.[4];
    expect(rows.every((r) => r[0] === '2026年度(令和8年度)' && r[1] === '実際の災害')).toBe(true);
    expect(count('依頼のあった世帯')).toBe('4');
    expect(count('対応済み(完了)')).toBe('1');
    expect(count('対応中(完了・取消・対応不可のほか)')).toBe('1');
    expect(count('取消')).toBe('1');
    expect(count('対応不可')).toBe('1');
    expect(count('依頼内容別:依頼のあった世帯', '土砂・泥出し')).toBe('2');
    expect(count('依頼内容別:完了', '土砂・泥出し')).toBe('1');
    expect(count('依頼内容別:依頼のあった世帯', '運搬')).toBe('0');
    expect(count('センター別:依頼のあった世帯', '東部豪雨災害VC')).toBe('2');
    expect(count('センター別:依頼のあった世帯', '西部地震災害VC')).toBe('2');
    expect(count('センター別:完了', '東部豪雨災害VC')).toBe('1');
    expect(res.body).not.toContain('訓練');
  });

  test('the drill\'s files: only the drill\'s needs, labelled 訓練 in every row and the name', async () => {
    const n = await seedYear();
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/disaster/reports/drill-needs.csv?year=2026');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('訓練_災害ニーズ_年次報告_2026年度.csv'));
    const [, ...rows] = rowsOf(res.body);
    expect(rows.map((r) => [r[0], r[1], r[2], r[8]])).toEqual([['訓練', '立ち上げ訓練VC', n.drilled.referenceNo, '完了']]);
    const totals = await get(coordinator, '/console/disaster/reports/drill-needs-totals.csv?year=2026');
    const [, ...lines] = rowsOf(totals.body);
    expect(lines.every((r) => r[1] === '訓練')).toBe(true);
    expect(lines.find((r) => r[2] === '依頼のあった世帯')?.[4]).toBe('1');
    expect(totals.body).not.toContain('東部豪雨');
  });

  test('every download is audited with the year, the kind and the rows, and the audit page names it', async () => {
    await seedYear();
    const coordinator = await loginAs(t.app, 'coordinator');
    await get(coordinator, '/console/disaster/reports/needs.csv?year=2026');
    await get(coordinator, '/console/disaster/reports/drill-needs-totals.csv?year=2026');
    const rows = await t.db.auditLog.findMany({ where: { action: 'disaster.needs.report' }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.staffId, JSON.parse(r.detail ?? '{}')])).toEqual([
      [coordinator.member.id, { fiscalYear: 2026, drill: false, file: 'needs', rows: 4 }],
      [coordinator.member.id, { fiscalYear: 2026, drill: true, file: 'totals', rows: 1 }],
    ]);
    const admin = await loginAs(t.app, 'admin');
    const page = await get(admin, '/console/audit');
    expect(page.body).toContain('災害ニーズの年次報告(年度の一覧・集計)のダウンロード');
  });

  test('the page: the year picker, each side\'s counts and files; reached from the centres list; another year shows its own', async () => {
    await seedYear();
    const coordinator = await loginAs(t.app, 'coordinator');
    const list = await get(coordinator, '/console/disaster');
    expect(list.body).toContain('href="/console/disaster/reports"');
    const page = await get(coordinator, '/console/disaster/reports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('年次報告(災害ボランティアセンター)');
    expect(page.body).toContain('<option value="2026" selected>2026年度(令和8年度)</option>');
    expect(page.body).toContain('/console/disaster/reports/needs.csv?year=2026');
    expect(page.body).toContain('/console/disaster/reports/drill-needs.csv?year=2026');
    expect(page.body).not.toContain('秘密');
    expect(await t.db.auditLog.count({ where: { action: 'disaster.needs.report' } })).toBe(0);
    const earlier = await get(coordinator, '/console/disaster/reports?year=2025');
    expect(earlier.body).toContain('/console/disaster/reports/needs.csv?year=2025');
    const csv = await get(coordinator, '/console/disaster/reports/needs.csv?year=2025');
    expect(rowsOf(csv.body)).toHaveLength(2);
  });

  test('a centre name that starts like a formula is defused in both files', async () => {
    const id = await centre('=1+1災害VC');
    await need(id, '2026-06-01T10:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const [, row] = rowsOf((await get(coordinator, '/console/disaster/reports/needs.csv?year=2026')).body);
    expect(row![1]).toBe("'=1+1災害VC");
    const totals = rowsOf((await get(coordinator, '/console/disaster/reports/needs-totals.csv?year=2026')).body);
    expect(totals.find((r) => r[2] === 'センター別:依頼のあった世帯')?.[3]).toBe("'=1+1災害VC");
  });

  test('a counsellor is refused; an admin may; a year that is not one is answered clearly', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    for (const url of ['/console/disaster/reports', '/console/disaster/reports/needs.csv', '/console/disaster/reports/drill-needs.csv', '/console/disaster/reports/needs-totals.csv']) {
      expect((await get(counsellor, url)).statusCode, url).toBe(403);
    }
    const admin = await loginAs(t.app, 'admin');
    expect((await get(admin, '/console/disaster/reports')).statusCode).toBe(200);
    for (const url of ['/console/disaster/reports?year=abc', '/console/disaster/reports/needs.csv?year=20261', '/console/disaster/reports/drill-needs-totals.csv?year=1999']) {
      const bad = await get(admin, url);
      expect(bad.statusCode, url).toBe(400);
      expect(bad.body).toContain('年度は「2026」のように西暦の4けたで選んでください。');
      expect(bad.body).toContain('href="/console/disaster/reports"');
    }
    expect(await t.db.auditLog.count({ where: { action: 'disaster.needs.report' } })).toBe(0);
  });
});
