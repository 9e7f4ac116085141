// Under test: the needs pages' pure view models and the intake form's parser — the board's groups (every status,
// stale rows, a cut column's total and link), the domain's board order, filters, the header's status counts, the
// moves a need offers, duplicate rows in Japanese words, the CSV, the map link, and the intake parser. Nothing is
// faked: plain values in, values out.
import { describe, expect, test } from 'vitest';
import type { NeedSummary } from '../../src/domain/disaster/needs-admin';
import { DEFAULT_SCREENING_RULES } from '../../src/domain/disaster/screening';
import { parseNeedForm } from '../../src/console/disaster/needs-forms';
import { locationView, screeningRows } from '../../src/console/disaster/need-page-views';
import { boardFilter, boardGroups, BOARD_COLUMN_LIMIT, columnLimit, duplicateRows, needFilter, needFilterQuery, needMoves, needsCsv, needsCsvName, statusCounts, STATUS_PAGE_LIMIT } from '../../src/console/disaster/needs-views';
import { boardOrder, staleBefore } from '../../src/domain/disaster/needs';

const NOW = new Date('2026-11-24T10:00:00+09:00');
const DISTRICTS = [
  { code: 'kaigan', name: '海岸地区' },
  { code: 'shiomidai', name: '汐見台地区' },
];
let n = 0;
function need(o: Partial<NeedSummary> = {}): NeedSummary {
  n += 1;
  return {
    id: `need-${n}`,
    referenceNo: `N-261124-A${n}`,
    centreId: 'c',
    status: 'received',
    statusSince: new Date('2026-11-24T09:00:00+09:00'),
    priority: 'medium',
    flags: [],
    householdName: '山田',
    address: '海岸町1-2',
    districtCode: 'kaigan',
    work: ['mud'],
    scheduledOn: null,
    screening: [],
    closedReason: null,
    referral: null,
    unreviewed: 0,
    reports: 1,
    createdAt: new Date('2026-11-24T09:00:00+09:00'),
    ...o,
  };
}
const href = (id: string) => `/n/${id}`;

describe('the board', () => {
  const filter = needFilter({}, DISTRICTS);
  const opts = { filter, boardHref: '/board', now: NOW, staleHours: 48, districts: DISTRICTS, href };

  test('every status in board order, rows as the repository ordered them; stale rows marked', () => {
    const crisis = need({ status: 'coordinating', priority: 'low', flags: ['crisis'] });
    const high = need({ status: 'coordinating', priority: 'high' });
    const old = need({ status: 'coordinating', statusSince: new Date('2026-11-22T09:00:00+09:00') });
    const groups = boardGroups([{ status: 'coordinating', total: 3, needs: [crisis, high, old] }], opts);
    expect(groups.map((g) => g.label)).toEqual(['受付', '現地調査', '調整中', '活動予定', '活動中', '継続', '完了', '取消', '対応不可']);
    expect(groups.map((g) => g.total)).toEqual([0, 0, 3, 0, 0, 0, 0, 0, 0]);
    const rows = groups[2]!.rows;
    expect(rows.map((r) => r.referenceNo)).toEqual([crisis.referenceNo, high.referenceNo, old.referenceNo]);
    expect(rows.map((r) => r.stale)).toEqual([false, false, true]);
    expect(rows[0]!.flags).toEqual([{ label: '危機介入', danger: true }]);
    expect(rows[2]!.district).toBe('海岸地区');
    expect(groups[2]!.more).toBeNull();
  });

  test('a cut column says how many are left out and links to its status alone, the other filters kept', () => {
    const shown = [need(), need()];
    const [received] = boardGroups([{ status: 'received', total: 120, needs: shown }], { ...opts, filter: needFilter({ district: 'kaigan', work: 'mud' }, DISTRICTS) });
    expect(received!.total).toBe(120);
    expect(received!.more).toEqual({ hidden: 118, link: { href: '/board?district=kaigan&status=received&work=mud', label: `「受付」だけを表示する(${STATUS_PAGE_LIMIT}件まで)` } });
    // The status alone, still cut: no link to itself (the page points to narrower filters and the CSV).
    const [alone] = boardGroups([{ status: 'received', total: 900, needs: shown }], { ...opts, filter: needFilter({ status: 'received' }, DISTRICTS) });
    expect(alone!.more).toEqual({ hidden: 898, link: null });
    expect(columnLimit(needFilter({}, DISTRICTS))).toBe(BOARD_COLUMN_LIMIT);
    expect(columnLimit(needFilter({ status: 'received' }, DISTRICTS))).toBe(STATUS_PAGE_LIMIT);
  });

  test('the domain\'s board order: crisis, then high priority, then the longest in its status', () => {
    const crisis = need({ priority: 'low', flags: ['crisis'], statusSince: new Date('2026-11-24T09:50:00+09:00') });
    const high = need({ priority: 'high', statusSince: new Date('2026-11-24T09:40:00+09:00') });
    const old = need({ statusSince: new Date('2026-11-22T09:00:00+09:00') });
    const young = need({ statusSince: new Date('2026-11-24T09:00:00+09:00') });
    expect([young, old, high, crisis].sort(boardOrder)).toEqual([crisis, high, old, young]);
  });

  test('filters keep known values only and combine; the repository gets codes or null and the stale bound', () => {
    const f = needFilter({ district: 'shiomidai', status: 'nope', work: 'furniture', flag: 'suspect' }, DISTRICTS);
    expect(f).toEqual({ district: 'shiomidai', status: '', work: 'furniture', flag: 'suspect' });
    expect(needFilterQuery(f)).toBe('?district=shiomidai&work=furniture&flag=suspect');
    expect(needFilterQuery(needFilter({}, DISTRICTS))).toBe('');
    const bound = staleBefore(NOW, 48);
    expect(bound.toISOString()).toBe('2026-11-22T01:00:00.000Z');
    expect(boardFilter(f, bound)).toEqual({ districtCode: 'shiomidai', status: null, work: 'furniture', flag: 'suspect', staleBefore: bound });
    expect(boardFilter(needFilter({ status: 'coordinating', flag: 'crisis' }, DISTRICTS), bound)).toMatchObject({ districtCode: null, status: 'coordinating', work: null, flag: 'crisis' });
  });

  test('the header\'s counts of each status, in board order', () => {
    const byStatus = { received: 3, surveying: 0, coordinating: 2, scheduled: 0, active: 0, continuing: 0, done: 7, cancelled: 0, impossible: 1 };
    expect(statusCounts({ total: 13, byStatus, stale: 1, crisis: 0, suspects: 0 }).map((s) => `${s.label}${s.count}`)).toEqual(['受付3', '現地調査0', '調整中2', '活動予定0', '活動中0', '継続0', '完了7', '取消0', '対応不可1']);
  });

  test('a need offers only the moves the domain allows, with a date or a reason where needed', () => {
    expect(needMoves('received').map((m) => m.to)).toEqual(['surveying', 'coordinating', 'scheduled', 'cancelled', 'impossible']);
    expect(needMoves('received').find((m) => m.to === 'scheduled')).toMatchObject({ needsDate: true, needsReason: false });
    expect(needMoves('received').find((m) => m.to === 'impossible')).toMatchObject({ needsReason: true, label: '「対応不可」にする' });
    expect(needMoves('done').map((m) => m.to)).toEqual(['continuing']);
  });

  test('duplicates in Japanese words, with distance when known', () => {
    const known = new Map([['x', { address: '海岸町3-5', householdName: '田中', status: 'scheduled' as const }]]);
    const rows = duplicateRows(
      [
        { needId: 'x', referenceNo: 'N-1', reasons: ['samePhone', 'nearby'], distanceMetres: 12.4 },
        { needId: 'y', referenceNo: 'N-2', reasons: ['sameAddress'] },
      ],
      known,
      href,
    );
    expect(rows[0]).toMatchObject({ referenceNo: 'N-1', address: '海岸町3-5', status: '活動予定', reasons: '同じ電話番号・地図の位置が近い', distance: '約12m' });
    expect(rows[1]).toMatchObject({ address: '—', status: '—', reasons: '同じ住所', distance: '—' });
  });
});

describe('the CSV and the need page', () => {
  test('the CSV labels drills, words statuses in Japanese and defuses formulas', () => {
    const csv = needsCsv([need({ status: 'impossible', householdName: '=cmd', closedReason: '2階', referral: '業者' })], DISTRICTS, true);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(header).toBe('区分,受付番号,状態,状態になった日時,優先度,フラグ,重複の疑い,世帯,住所,地区,依頼内容,活動予定日,取消・対応不可の理由,紹介先,受付日時');
    expect(row).toContain("訓練,N-261124-");
    expect(row).toContain(",対応不可,");
    expect(row).toContain("'=cmd");
    expect(row).toContain('2階,業者');
    expect(needsCsvName({ name: '大雨/災害', drill: true }, '2026-11-24')).toBe('訓練_災害ニーズ_大雨_災害_20261124.csv');
  });

  test('location as text and a plain map link; screening rows with their referral', () => {
    expect(locationView({ latitude: 35.1, longitude: 139.25 })).toEqual({ text: '緯度 35.100000、経度 139.250000', href: 'https://www.openstreetmap.org/?mlat=35.100000&mlon=139.250000#map=18/35.100000/139.250000' });
    expect(locationView({ latitude: null, longitude: null })).toBeNull();
    expect(screeningRows(['roof'], DEFAULT_SCREENING_RULES)[0]).toMatchObject({ name: '屋根の上の作業' });
  });
});

describe('the intake form', () => {
  const base = { channel: 'phone', relation: 'self', work: ['mud'], contactMethod: 'phone', phone: '０９０-１１１１-２２２２', address: '海岸町3丁目5番' };
  test('parses the intake sheet: phones read, pins both or none, dates checked, ticks kept to known codes', () => {
    const ok = parseNeedForm({ ...base, latitude: '35.1', longitude: '139.2', preferredDates: ['2026-11-29', '2026-11-28'], cannotDo: ['roof', 'nope'], households: ['elderly', 'x'] }, DISTRICTS, DEFAULT_SCREENING_RULES);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.fields).toMatchObject({ phone: '09011112222', latitude: 35.1, longitude: 139.2, preferredDates: ['2026-11-28', '2026-11-29'], households: ['elderly'] });
    expect(ok.value.cannotDo).toEqual(['roof']);
    expect(ok.value.report).toEqual({ channel: 'phone', relation: 'self', reporterName: null, reporterPhone: null });
  });

  test('each problem in Japanese', () => {
    const error = (o: Record<string, unknown>) => {
      const r = parseNeedForm({ ...base, ...o }, DISTRICTS, DEFAULT_SCREENING_RULES);
      return r.ok ? null : r.error;
    };
    expect(error({ channel: 'line' })).toContain('受付方法');
    expect(error({ relation: 'family' })).toContain('代わりに依頼した人の名前');
    expect(error({ latitude: '35' })).toContain('緯度と経度の両方');
    expect(error({ latitude: '1', longitude: '1' })).toContain('日本の中の位置');
    expect(error({ work: ['other'] })).toContain('その他');
    expect(error({ phone: '' })).toContain('電話番号を入力してください');
    expect(error({ phone: '123' })).toContain('電話番号を確かめてください');
    expect(error({ preferredDates: '2026-02-30' })).toContain('希望日');
    expect(error({ districtCode: 'nowhere' })).toContain('地区');
  });
});
