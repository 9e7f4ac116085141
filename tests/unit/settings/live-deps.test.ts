// Under test: liveDeps — a console module's dependencies seen through a view rebuilt when the settings' version
// moves. The version and the build are plain test functions; nothing else is involved.
import { describe, expect, it } from 'vitest';
import { liveDeps } from '../../../src/composition/live-deps';

class Repository {
  constructor(readonly name: string) {}
  whoAmI(): string {
    return this.name;
  }
}

interface Deps {
  council: { name: string; hours: { open: string; close: string } };
  salons: string[];
  limit: number;
  repo: Repository;
  label(): string;
  optional?: { note: string } | undefined;
}

/** A view over builds numbered 1, 2, … made from `settings`, with the version the test moves. */
function world() {
  const w = {
    version: 0,
    builds: 0,
    settings: { name: 'みなと区社協', open: '08:45', salons: ['ikoi'], limit: 10 },
    deps: undefined as unknown as Deps,
  };
  w.deps = liveDeps<Deps>(
    () => w.version,
    () => {
      w.builds++;
      const build = w.builds;
      const s = structuredClone(w.settings);
      return {
        council: { name: s.name, hours: { open: s.open, close: '17:15' } },
        salons: s.salons,
        limit: s.limit,
        repo: new Repository(`repo of build ${build}`),
        label() {
          return `${this.council.name} (build ${build})`;
        },
        ...(s.limit > 10 ? { optional: { note: 'raised' } } : {}),
      };
    },
  );
  return w;
}

describe('liveDeps', () => {
  it('builds once, and not again while the version stays, however much is read', () => {
    const w = world();
    expect(w.builds).toBe(1);
    for (let i = 0; i < 5; i++) {
      expect(w.deps.council.name).toBe('みなと区社協');
      expect(w.deps.limit).toBe(10);
    }
    expect(w.builds).toBe(1);
  });

  it('builds again at the first read after the version moved, and only once per move', () => {
    const w = world();
    w.settings.name = '新しい名前';
    w.settings.limit = 20;
    expect(w.deps.council.name).toBe('みなと区社協'); // the version has not moved: the old build stands
    w.version = 7;
    expect(w.builds).toBe(1); // nothing built until read
    expect(w.deps.council.name).toBe('新しい名前');
    expect(w.deps.limit).toBe(20);
    expect(w.builds).toBe(2);
    w.version = 8;
    w.version = 9;
    expect(w.deps.limit).toBe(20);
    expect(w.builds).toBe(3);
  });

  it('a nested plain object kept by a route reads through to the latest build', () => {
    const w = world();
    const council = w.deps.council; // as a route would hold it at registration
    const hours = council.hours;
    w.settings = { ...w.settings, name: '改名後', open: '09:00' };
    w.version++;
    expect(council.name).toBe('改名後');
    expect(hours.open).toBe('09:00');
  });

  it('hands out arrays and class instances from the latest build as they are', () => {
    const w = world();
    const salons = w.deps.salons;
    expect(Array.isArray(salons)).toBe(true);
    expect(w.deps.repo).toBeInstanceOf(Repository);
    expect(w.deps.repo.whoAmI()).toBe('repo of build 1');
    w.settings.salons = ['ikoi', 'hana'];
    w.version++;
    expect(salons).toEqual(['ikoi']); // a copy taken earlier is not live (routes read inside handlers)
    expect(w.deps.salons).toEqual(['ikoi', 'hana']);
    expect(w.deps.repo.whoAmI()).toBe('repo of build 2');
  });

  it('binds functions to the object they were read from, in the latest build', () => {
    const w = world();
    const label = w.deps.label; // detached from the view
    expect(label()).toBe('みなと区社協 (build 1)');
    const whoAmI = w.deps.repo.whoAmI.bind(w.deps.repo);
    expect(whoAmI()).toBe('repo of build 1');
    w.settings.name = '改名後';
    w.version++;
    expect(w.deps.label()).toBe('改名後 (build 2)');
  });

  it('spread, Object.keys, `in`, JSON and destructuring see the latest build', () => {
    const w = world();
    expect(Object.keys(w.deps).sort()).toEqual(['council', 'label', 'limit', 'repo', 'salons']);
    expect(Object.keys(w.deps.council)).toEqual(['name', 'hours']);
    expect({ ...w.deps.council.hours }).toEqual({ open: '08:45', close: '17:15' });
    expect('optional' in w.deps).toBe(false);
    expect(w.deps.optional).toBeUndefined();
    w.settings.limit = 30;
    w.settings.open = '09:30';
    w.version++;
    expect('optional' in w.deps).toBe(true);
    expect(Object.keys(w.deps)).toContain('optional');
    expect({ ...w.deps.optional }).toEqual({ note: 'raised' });
    const { council, limit } = w.deps;
    expect(limit).toBe(30);
    expect(JSON.parse(JSON.stringify(council))).toEqual({ name: 'みなと区社協', hours: { open: '09:30', close: '17:15' } });
    expect(Object.entries(w.deps.council.hours)).toEqual([['open', '09:30'], ['close', '17:15']]);
  });

  it('a nested object gone from the latest build reads as empty, not as a crash', () => {
    const w = world();
    w.settings.limit = 30;
    w.version++;
    const optional = w.deps.optional!;
    expect(optional.note).toBe('raised');
    w.settings.limit = 5;
    w.version++;
    expect(optional.note).toBeUndefined();
    expect(Object.keys(optional)).toEqual([]);
  });
});
