// Under test: liveDeps as route plugins meet it when they register (live-deps.test.ts has the view itself): a nested
// object handed on (as the disaster module hands `deps.needs` to its needs pages) follows too; a value copied out when
// a plugin registers does not (why the routes read inside their handlers).
import { describe, expect, test } from 'vitest';
import { liveDeps } from '../../../src/composition/live-deps';

function world() {
  const s = { version: 0, staleHours: 24, districts: ['kaigan'], builds: 0 };
  class Store {
    constructor(readonly hours: number) {}
    stale() {
      return this.hours;
    }
  }
  const deps = liveDeps(
    () => s.version,
    () => {
      s.builds += 1;
      return { needs: { settings: { staleHours: s.staleHours }, districts: [...s.districts] }, store: new Store(s.staleHours) };
    },
  );
  const change = (staleHours: number, districts: string[]) => Object.assign(s, { staleHours, districts, version: s.version + 1 });
  return { s, deps, change };
}

describe('liveDeps when a plugin registers', () => {
  test('a nested object handed to a sub-plugin when it registers is a view too: it follows', () => {
    const { deps, change } = world();
    const opts = { deps };
    const needs = { ...opts, deps: opts.deps.needs };
    const settings = needs.deps.settings;
    change(12, ['shiomidai']);
    expect(settings.staleHours).toBe(12);
    expect(needs.deps.districts).toEqual(['shiomidai']);
    expect(Object.keys(needs.deps)).toEqual(['settings', 'districts']);
  });

  test('an array or a number copied out when registering stays as it was: routes read inside their handlers', () => {
    const { deps, change } = world();
    const districts = deps.needs.districts;
    const hours = deps.needs.settings.staleHours;
    change(6, ['hamakaze']);
    expect(districts).toEqual(['kaigan']);
    expect(hours).toBe(24);
  });
});
