// Under test: LiveProfile — the settings one side holds, read again when the store's stamp moves. The store is a
// fake SettingsReader counting its calls, the logger records; the demo profile file is the real one.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CouncilProfile } from '../../../src/domain/council-profile';
import type { Logger } from '../../../src/domain/ports';
import type { SettingsSection } from '../../../src/domain/settings/sections';
import type { SettingsReader, SettingsVersionRecord } from '../../../src/domain/settings/settings-store';
import { loadCouncilProfile } from '../../../src/infra/load-council-profile';
import { LiveProfile } from '../../../src/usecases/settings/live-profile';
import { deferred } from '../../helpers/line-events';

const file: CouncilProfile = loadCouncilProfile(fileURLToPath(new URL('../../../profiles/demo-council.yaml', import.meta.url)));
const NOW = new Date('2026-12-07T10:00:00+09:00');

/** A store in memory: `save` appends a version; each method counts its calls; `fail` makes the next calls throw. */
class FakeReader implements SettingsReader {
  rows: SettingsVersionRecord[] = [];
  stampCalls = 0;
  latestCalls = 0;
  fail: Error | null = null;
  /** When set, `stamp` waits on it (to hold a read open). */
  gate: Promise<void> | null = null;

  save(section: SettingsSection, document: unknown): void {
    const version = this.rows.filter((r) => r.section === section).length + 1;
    this.rows.push({ seq: this.rows.length + 1, section, version, document, kind: 'edit', undoOf: null, staffId: 's1', createdAt: NOW });
  }
  async stamp(): Promise<number> {
    this.stampCalls++;
    if (this.gate) await this.gate;
    if (this.fail) throw this.fail;
    return this.rows.at(-1)?.seq ?? 0;
  }
  async latest(): Promise<SettingsVersionRecord[]> {
    this.latestCalls++;
    if (this.fail) throw this.fail;
    const bySection = new Map(this.rows.map((r) => [r.section, r]));
    return [...bySection.values()];
  }
}

class RecordingLogger implements Logger {
  errors: Array<{ fields: Record<string, unknown>; message: string }> = [];
  debug(): void {}
  info(): void {}
  warn(): void {}
  error(fields: Record<string, unknown>, message: string): void {
    this.errors.push({ fields, message });
  }
}

function setup() {
  const reader = new FakeReader();
  const logger = new RecordingLogger();
  const live = new LiveProfile(file, reader, () => NOW, logger);
  const changes: CouncilProfile[] = [];
  live.onChange((p) => changes.push(p));
  return { reader, logger, live, changes };
}

const renamed = (name: string) => ({ ...file.council, name });

describe('LiveProfile', () => {
  it('holds the file until read; a first read finding nothing saved keeps the file and calls no listener', async () => {
    const { reader, live, changes } = setup();
    expect(live.profile).toBe(file);
    expect(live.stamp).toBe(-1);
    expect(await live.refresh()).toBe(file);
    expect(live.stamp).toBe(0);
    expect(changes).toEqual([]);
    expect(reader.latestCalls).toBe(1);
  });

  it('asks only for the stamp while nothing changed, and reads the sections again when it moved', async () => {
    const { reader, live } = setup();
    await live.refresh();
    await live.refresh();
    await live.refresh();
    expect(reader.stampCalls).toBe(3);
    expect(reader.latestCalls).toBe(1);
    reader.save('council', renamed('新しい社協'));
    expect((await live.refresh()).council.name).toBe('新しい社協');
    expect(live.profile.council.name).toBe('新しい社協');
    expect(live.stamp).toBe(1);
    expect(reader.latestCalls).toBe(2);
    await live.refresh();
    expect(reader.latestCalls).toBe(2);
  });

  it('calls each listener once per change, with the new settings', async () => {
    const { reader, live, changes } = setup();
    reader.save('council', renamed('一回目'));
    await live.refresh();
    await live.refresh();
    reader.save('council', renamed('二回目'));
    await live.refresh();
    await live.refresh();
    expect(changes.map((p) => p.council.name)).toEqual(['一回目', '二回目']);
    expect(changes[1]).toBe(live.profile);
  });

  it('a null version sends the section back to the file', async () => {
    const { reader, live } = setup();
    reader.save('council', renamed('一時的'));
    await live.refresh();
    reader.save('council', null);
    await live.refresh();
    expect(live.profile.council).toEqual(file.council);
  });

  it('coalesces refreshes asked for while one is reading into that one', async () => {
    const { reader, live, changes } = setup();
    reader.save('council', renamed('同時'));
    const gate = deferred<void>();
    reader.gate = gate.promise;
    const all = Promise.all([live.refresh(), live.refresh(), live.tryRefresh()]);
    gate.resolve();
    const got = await all;
    expect(got.map((p) => p.council.name)).toEqual(['同時', '同時', '同時']);
    expect(reader.stampCalls).toBe(1);
    expect(reader.latestCalls).toBe(1);
    expect(changes).toHaveLength(1);
    // Once settled, the next refresh reads again.
    reader.gate = null;
    await live.refresh();
    expect(reader.stampCalls).toBe(2);
  });

  it('keeps the previous settings and logs once when the stored sections no longer validate', async () => {
    const { reader, logger, live, changes } = setup();
    reader.save('council', renamed('有効'));
    await live.refresh();
    const areas = structuredClone(file.consultationCategories);
    areas[0] = { ...areas[0]!, team: 'gone' };
    reader.save('consultationCategories', areas);
    expect((await live.refresh()).council.name).toBe('有効');
    expect(live.profile.consultationCategories).toEqual(file.consultationCategories);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]!.message).toContain('no longer valid');
    expect(JSON.stringify(logger.errors[0]!.fields)).toContain('consultationCategories.0.team');
    expect(changes).toHaveLength(1);
    // The same stamp is not checked (nor logged) again at every refresh.
    await live.refresh();
    expect(logger.errors).toHaveLength(1);
    expect(reader.latestCalls).toBe(2);
    // A later valid save takes effect.
    reader.save('consultationCategories', null);
    reader.save('council', renamed('直した'));
    expect((await live.refresh()).council.name).toBe('直した');
    expect(changes).toHaveLength(2);
  });

  it('tryRefresh survives a throwing reader: logs, keeps the settings in hand, and reads again once it recovers', async () => {
    const { reader, logger, live, changes } = setup();
    reader.save('council', renamed('前の設定'));
    await live.refresh();
    reader.fail = new Error('database unreachable');
    reader.save('council', renamed('新しい設定'));
    expect((await live.tryRefresh()).council.name).toBe('前の設定');
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]!.fields).toEqual({ err: 'database unreachable' });
    await expect(live.refresh()).rejects.toThrow('database unreachable');
    reader.fail = null;
    expect((await live.tryRefresh()).council.name).toBe('新しい設定');
    expect(changes.map((p) => p.council.name)).toEqual(['前の設定', '新しい設定']);
  });

  it('a throwing read settles, so the next refresh reads again rather than waiting on it', async () => {
    const { reader, live } = setup();
    reader.fail = new Error('not migrated');
    await expect(live.refresh()).rejects.toThrow('not migrated');
    reader.fail = null;
    await expect(live.refresh()).resolves.toBe(file);
    expect(reader.stampCalls).toBe(2);
  });
});
