// Under test: lending the centre's equipment to a team (lend) and what stays out after its report (returnEquipment). Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { lend, returnEquipment } from '../../src/domain/disaster/equipment';

const inventory = [
  { code: 'shovel', name: 'スコップ', count: 10 },
  { code: 'barrow', name: '一輪車', count: 2 },
];

describe('lend', () => {
  it('adds the loan to what is out, leaving the input untouched', () => {
    const now = new Map([['shovel', 6]]);
    const r = lend(inventory, now, [{ code: 'shovel', count: 4 }, { code: 'barrow', count: 1 }]);
    expect(r).toEqual({ ok: true, lent: new Map([['shovel', 10], ['barrow', 1]]) });
    expect(now).toEqual(new Map([['shovel', 6]]));
  });

  it('never lends over the stock and names every kind short', () => {
    const r = lend(inventory, new Map([['shovel', 8], ['barrow', 2]]), [{ code: 'shovel', count: 2 }, { code: 'shovel', count: 1 }, { code: 'barrow', count: 1 }]);
    expect(r).toEqual({
      ok: false,
      problems: [
        { code: 'short', kind: 'shovel', asked: 3, left: 2 },
        { code: 'short', kind: 'barrow', asked: 1, left: 0 },
      ],
    });
  });

  it('refuses kinds the centre does not own and counts that are not whole and positive', () => {
    const r = lend(inventory, new Map(), [{ code: 'washer', count: 1 }, { code: 'shovel', count: 0 }, { code: 'barrow', count: 1.5 }]);
    expect(r).toEqual({ ok: false, problems: [{ code: 'unknownKind', kind: 'washer' }, { code: 'badCount', kind: 'shovel' }, { code: 'badCount', kind: 'barrow' }] });
  });

  it('left is never negative when the stock was lowered below what is out', () => {
    const r = lend([{ code: 'shovel', name: 'スコップ', count: 3 }], new Map([['shovel', 5]]), [{ code: 'shovel', count: 1 }]);
    expect(r).toEqual({ ok: false, problems: [{ code: 'short', kind: 'shovel', asked: 1, left: 0 }] });
  });
});

describe('returnEquipment', () => {
  it('keeps out what did not come back and lists what is missing apart', () => {
    const r = returnEquipment([{ code: 'shovel', count: 4 }, { code: 'barrow', count: 1 }], [{ code: 'shovel', count: 2 }], [{ code: 'shovel', count: 1 }]);
    expect(r).toEqual({ stillOut: [{ code: 'shovel', count: 1 }, { code: 'barrow', count: 1 }], missing: [{ code: 'shovel', count: 1 }] });
  });

  it('never goes negative when more is returned or reported missing than was lent', () => {
    expect(returnEquipment([{ code: 'shovel', count: 2 }], [{ code: 'shovel', count: 3 }, { code: 'barrow', count: 1 }], [{ code: 'shovel', count: 1 }])).toEqual({ stillOut: [], missing: [] });
    expect(returnEquipment([{ code: 'shovel', count: 2 }], [{ code: 'shovel', count: 1 }], [{ code: 'shovel', count: 5 }])).toEqual({ stillOut: [], missing: [{ code: 'shovel', count: 1 }] });
  });
});
