// Under test: GroupCommit — concurrent submissions share writes; failures reach every caller of that write.
// Faked: the write function (records what it was given).
import { expect, test } from 'vitest';
import { GroupCommit } from '../../../src/bot/pipeline/group-commit';

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const tick = () => new Promise((r) => setImmediate(r));

test('submissions of one turn share a write; those made while it is in flight share the next', async () => {
  const writes: number[][] = [];
  const first = gate();
  const g = new GroupCommit<number, string>(async (items) => {
    writes.push(items);
    if (writes.length === 1) await first.promise;
    return `write ${writes.length}`;
  });
  const a0 = g.submit([0]);
  const a = g.submit([1]);
  await tick();
  const b = g.submit([2, 3]);
  const c = g.submit([4]);
  first.open();
  expect(await Promise.all([a0, a, b, c])).toEqual(['write 1', 'write 1', 'write 2', 'write 2']);
  expect(writes).toEqual([[0, 1], [2, 3, 4]]);
});

test('a write never exceeds the item limit, except for a single larger submission', async () => {
  const writes: number[][] = [];
  const first = gate();
  const g = new GroupCommit<number, void>(async (items) => {
    writes.push(items);
    if (writes.length === 1) await first.promise;
  }, 3);
  const all = [g.submit([0]), g.submit([1, 2]), g.submit([3, 4]), g.submit([5, 6, 7, 8])];
  first.open();
  await Promise.all(all);
  expect(writes).toEqual([[0, 1, 2], [3, 4], [5, 6, 7, 8]]);
});

test('a failed write rejects exactly the submissions it carried', async () => {
  const first = gate();
  let n = 0;
  const g = new GroupCommit<string, void>(async () => {
    n++;
    if (n === 1) await first.promise;
    if (n === 2) throw new Error('disk full');
  });
  const a = g.submit(['a']);
  await tick();
  const b = g.submit(['b']);
  const c = g.submit(['c']);
  first.open();
  await expect(a).resolves.toBeUndefined();
  await expect(b).rejects.toThrow('disk full');
  await expect(c).rejects.toThrow('disk full');
  await expect(g.submit(['d'])).resolves.toBeUndefined();
});
