// Under test: the annual report's pure rules — fiscal-year bounds in Japan time, nearest-rank percentiles, the "<5"
// rule (on tables and in the CSV rows) and count tables. Nothing faked: pure functions.
import { describe, expect, it } from 'vitest';
import { countTable, fiscalYearBounds, fiscalYearOfInstant, inFiscalYear, jstMonth, nearestRank, reportCsvRows, shownCount, type AnnualReportSection } from '../../src/domain/annual-report-sections';

describe('fiscal-year bounds (Japan time)', () => {
  it('runs from 1 April 00:00 JST to 1 April 00:00 JST of the next year', () => {
    const b = fiscalYearBounds(2025);
    expect(b.start.toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(b.months[0]).toBe('2025-04');
    expect(b.months[11]).toBe('2026-03');
    expect(b.months).toHaveLength(12);
  });

  it('counts 31 March 23:59 JST in the old year, even though it is already 31 March 14:59 UTC… and 1 April 08:59 JST is not yet 1 April UTC', () => {
    const b = fiscalYearBounds(2025);
    const lastMinute = new Date('2026-03-31T14:59:00Z'); // 23:59 JST on 31 March 2026
    const firstMinuteNext = new Date('2026-03-31T15:00:00Z'); // 00:00 JST on 1 April 2026
    expect(inFiscalYear(b, lastMinute)).toBe(true);
    expect(inFiscalYear(b, firstMinuteNext)).toBe(false);
    expect(fiscalYearOfInstant(firstMinuteNext)).toBe(2026);
    // 1 April 2025 00:30 JST is 31 March 15:30 UTC: already the new year.
    expect(inFiscalYear(b, new Date('2025-03-31T15:30:00Z'))).toBe(true);
    expect(inFiscalYear(b, new Date('2025-03-31T14:59:59Z'))).toBe(false);
    expect(jstMonth(new Date('2025-04-30T15:00:00Z'))).toBe('2025-05');
  });
});

describe('nearest-rank percentiles', () => {
  it('gives values that occurred, null when none', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([4, 1, 3, 2], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('the "<5" rule', () => {
  it('shows 1–4 as <5 in suppressed tables; 0 and 5+ as they are', () => {
    expect([0, 1, 4, 5, 12].map((n) => shownCount(n, true))).toEqual(['0', '<5', '<5', '5', '12']);
    expect([0, 1, 4].map((n) => shownCount(n, false))).toEqual(['0', '1', '4']);
  });

  it('applies to cells, not totals, and the CSV shows what the page shows', () => {
    const table = countTable({ id: 't', title: '地区別', keyLabel: '地区', suppress: true, total: true }, ['a', 'a', 'b', 'b', 'b', 'b', 'b', 'b'], (x) => x, [
      { key: 'a', label: 'A地区' },
      { key: 'b', label: 'B地区' },
      { key: 'c', label: 'C地区' },
    ]);
    const section: AnnualReportSection = { id: 's', title: '相談', tables: [table], charts: [], notes: [] };
    expect(reportCsvRows([section])).toEqual([
      ['相談', '地区別', 'A地区', '<5'],
      ['相談', '地区別', 'B地区', '6'],
      ['相談', '地区別', 'C地区', '0'],
      ['相談', '地区別', '合計', '8'],
    ]);
  });

  it('never suppresses hours or money', () => {
    const table = countTable({ id: 'h', title: '時間', keyLabel: '種類', suppress: true, total: false, unit: 'hours' }, [2.5], () => 'x', [{ key: 'x', label: 'X' }], [{ key: 'h', label: '時間' }], () => 'h', (v) => v);
    expect(reportCsvRows([{ id: 's', title: 'S', tables: [table], charts: [], notes: [] }])).toEqual([['S', '時間', 'X', '2.5']]);
  });
});
