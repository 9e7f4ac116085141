// Under test: diffSettings (field-by-field changes of a settings section, keyed lists) and changeLine (the audit
// log's line). Pure functions; nothing is faked.
import { describe, expect, it } from 'vitest';
import { changeLine, diffSettings } from '../../../src/domain/settings/diff-settings';

const salon = (code: string, name: string, start = '10:00') => ({ code, name, schedule: { rule: { kind: 'weekly', weekday: 'tue' }, start } });

describe('diffSettings', () => {
  it('finds nothing between equal documents, however deep', () => {
    const doc = { salons: [salon('ikoi', 'いこいサロン'), salon('hana', '花サロン')], n: 1, flag: false, none: null };
    expect(diffSettings(doc, structuredClone(doc), 'x')).toEqual([]);
    expect(diffSettings([], [], 'salons')).toEqual([]);
    expect(diffSettings(null, null, 'x')).toEqual([]);
  });

  it('keys a list of items by code: a renamed item is one changed name, not the list rewritten', () => {
    const before = [salon('ikoi', 'いこいサロン'), salon('hana', '花サロン')];
    const after = [salon('ikoi', 'いこいの家'), salon('hana', '花サロン')];
    expect(diffSettings(before, after, 'salons')).toEqual([{ path: 'salons[ikoi].name', before: 'いこいサロン', after: 'いこいの家' }]);
  });

  it('reports a nested field by its whole path', () => {
    const before = [salon('ikoi', 'いこい', '10:00')];
    const after = [salon('ikoi', 'いこい', '13:30')];
    expect(diffSettings(before, after, 'salons')).toEqual([{ path: 'salons[ikoi].schedule.start', before: '10:00', after: '13:30' }]);
  });

  it('reports an added item with its whole document and no before; a removed one with no after', () => {
    const a = salon('ikoi', 'いこい');
    const b = salon('hana', '花');
    const added = diffSettings([a], [a, b], 'salons');
    expect(added).toEqual([{ path: 'salons[hana]', after: b }]);
    expect('before' in added[0]!).toBe(false);
    const removed = diffSettings([a, b], [a], 'salons');
    expect(removed).toEqual([{ path: 'salons[hana]', before: b }]);
    expect('after' in removed[0]!).toBe(false);
  });

  it('keys allocation plans by fiscal year, so a new year is one added plan', () => {
    const fy2025 = { fiscalYear: 2025, purposes: [{ code: 'kids', name: '子ども', budgetYen: 100 }] };
    const fy2026 = { fiscalYear: 2026, purposes: [{ code: 'kids', name: '子ども', budgetYen: 100 }] };
    const changes = diffSettings({ allocationPlans: [fy2025] }, { allocationPlans: [fy2025, fy2026] }, 'donations');
    expect(changes).toEqual([{ path: 'donations.allocationPlans[2026]', after: fy2026 }]);
    const budget = diffSettings({ allocationPlans: [fy2025] }, { allocationPlans: [{ ...fy2025, purposes: [{ ...fy2025.purposes[0]!, budgetYen: 200 }] }] }, 'donations');
    expect(budget).toEqual([{ path: 'donations.allocationPlans[2025].purposes[kids].budgetYen', before: 100, after: 200 }]);
  });

  it('reports a reordering of kept items, alone when nothing else changed', () => {
    const a = salon('ikoi', 'いこい');
    const b = salon('hana', '花');
    expect(diffSettings([a, b], [b, a], 'salons')).toEqual([{ path: 'salons（順番）', before: ['ikoi', 'hana'], after: ['hana', 'ikoi'] }]);
  });

  it('does not call an insertion or a removal a reordering', () => {
    const [a, b, c] = [salon('a', 'A'), salon('b', 'B'), salon('c', 'C')];
    expect(diffSettings([a, c], [a, b, c], 'salons').map((x) => x.path)).toEqual(['salons[b]']);
    expect(diffSettings([a, b, c], [a, c], 'salons').map((x) => x.path)).toEqual(['salons[b]']);
  });

  it('reports fields added to and removed from an object', () => {
    expect(diffSettings({ name: 'A' }, { name: 'A', nameEn: 'A-en' }, 'council')).toEqual([{ path: 'council.nameEn', after: 'A-en' }]);
    expect(diffSettings({ name: 'A', nameEn: 'A-en' }, { name: 'A' }, 'council')).toEqual([{ path: 'council.nameEn', before: 'A-en' }]);
  });

  it('compares a list without keys (holidays, user ids) whole', () => {
    expect(diffSettings({ holidays: ['2026-01-01'] }, { holidays: ['2026-01-01', '2026-01-02'] }, 'businessHours')).toEqual([
      { path: 'businessHours.holidays', before: ['2026-01-01'], after: ['2026-01-01', '2026-01-02'] },
    ]);
  });

  it('without a path, names fields from the top', () => {
    expect(diffSettings({ a: { b: 1 } }, { a: { b: 2 } })).toEqual([{ path: 'a.b', before: 1, after: 2 }]);
  });
});

describe('changeLine', () => {
  it('writes a change as path: before → after, strings in 「」 and other values as JSON', () => {
    expect(changeLine({ path: 'salons[ikoi].name', before: 'いこい', after: 'いこいの家' })).toBe('salons[ikoi].name: 「いこい」 → 「いこいの家」');
    expect(changeLine({ path: 'messaging.monthlyPushBudget', before: 1000, after: 2000 })).toBe('messaging.monthlyPushBudget: 1000 → 2000');
    expect(changeLine({ path: 'consultation.notify.closed', before: true, after: false })).toBe('consultation.notify.closed: true → false');
  });

  it('says 追加 and 削除 for an added and a removed item', () => {
    expect(changeLine({ path: 'salons[hana]', after: { code: 'hana' } })).toBe('salons[hana]: 追加 {"code":"hana"}');
    expect(changeLine({ path: 'salons[hana]', before: { code: 'hana' } })).toBe('salons[hana]: 削除 {"code":"hana"}');
  });

  it('cuts each value to the limit with an ellipsis, and leaves one that fits as it is', () => {
    const long = 'あ'.repeat(200);
    const line = changeLine({ path: 'p', before: long, after: 'short' }, 10);
    expect(line).toBe(`p: 「${'あ'.repeat(8)}… → 「short」`);
    const exact = 'い'.repeat(8); // 「」 make it 10: exactly the limit
    expect(changeLine({ path: 'p', before: exact, after: exact + 'い' }, 10)).toBe(`p: 「${exact}」 → 「${'い'.repeat(8)}…`);
    // The default limit is 80 characters per value.
    const cut = changeLine({ path: 'p', after: long });
    expect(cut).toBe(`p: 追加 「${'あ'.repeat(78)}…`);
  });
});
