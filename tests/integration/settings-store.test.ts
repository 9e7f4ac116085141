// Under test: saveSettings, undoSettingsChange and importSettings through PrismaUnitOfWork, PrismaSettings and
// PrismaAuditLog on a real migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL). Nothing is faked; the
// demo profile is the file the saved sections lay over.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CouncilProfile } from '../../src/domain/council-profile';
import { SettingsChangedMeanwhile, SettingsRefused } from '../../src/domain/settings/apply-settings';
import { PrismaSettings } from '../../src/infra/prisma/prisma-settings';
import { readProfileText } from '../../src/infra/settings-file';
import { importSettings } from '../../src/usecases/settings/import-settings';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { LiveProfile } from '../../src/usecases/settings/live-profile';
import type { SettingsDeps } from '../../src/usecases/settings/settings-deps';
import { undoSettingsChange, UndoRefused } from '../../src/usecases/settings/undo-settings-change';
import type { StaffAct } from '../../src/usecases/staff-act';
import { DEMO_PROFILE_PATH, demoProfile, settingsDeps } from '../helpers/settings-store';
import { NEW_SALON } from '../fixtures/settings-fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

const file: CouncilProfile = demoProfile();
const AT = new Date('2026-12-07T01:00:00Z');
const by: StaffAct = { staffId: 'staff-admin', ip: '127.0.0.1', at: AT };

let testDb: TestDb;
let deps: SettingsDeps;
beforeEach(async () => {
  testDb = await createTestDb();
  deps = settingsDeps(testDb.db, file);
});
afterEach(async () => {
  await testDb.cleanup();
});

const db = () => testDb.db;
const versions = () => db().settingsVersion.findMany({ orderBy: { seq: 'asc' } });
const audits = () => db().auditLog.findMany({ where: { action: { startsWith: 'settings.' } }, orderBy: { at: 'asc' } });
const detailOf = (row: { detail: string | null }) => JSON.parse(row.detail ?? '{}') as { seqs: number[]; sections: string[]; changes: string[]; undoOf?: number };
/** The settings in effect as a fresh side would read them. */
const inEffect = () => {
  const live = new LiveProfile(file, new PrismaSettings(db()), () => AT, { debug() {}, info() {}, warn() {}, error() {} });
  return live.refresh();
};

const salonsPlus = () => structuredClone([...file.salons, NEW_SALON]);
const renamedCouncil = (name: string) => ({ ...file.council, name });

describe('saveSettings', () => {
  it('writes a version per changed section and one audit row with before → after lines', async () => {
    const saved = await saveSettings(deps, { sections: { salons: salonsPlus(), council: renamedCouncil('みなと区社協（新）'), messaging: file.messaging }, basedOn: { salons: 0, council: 0 }, kind: 'edit' }, by);

    const rows = await versions();
    // The unchanged messaging section is not written.
    expect(rows.map((r) => [r.section, r.version, r.kind, r.staffId, r.undoOf])).toEqual([
      ['council', 1, 'edit', 'staff-admin', null],
      ['salons', 1, 'edit', 'staff-admin', null],
    ]);
    expect(saved.seqs).toEqual(rows.map((r) => r.seq));
    expect(JSON.parse(rows[1]!.document!)).toEqual(salonsPlus());
    expect(saved.profile.council.name).toBe('みなと区社協（新）');

    const [audit, ...more] = await audits();
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ action: 'settings.change', staffId: 'staff-admin', subjectType: 'settings', subjectId: String(rows[0]!.seq), ip: '127.0.0.1', at: AT });
    const detail = detailOf(audit!);
    expect(detail.seqs).toEqual(saved.seqs);
    expect(detail.sections).toEqual(['council', 'salons']);
    expect(detail.changes).toEqual([`council.name: 「${file.council.name}」 → 「みなと区社協（新）」`, expect.stringMatching(/^salons\[hama-chanoma\]: 追加 \{"code":"hama-chanoma"/)]);

    expect((await inEffect()).salons.map((s) => s.code)).toContain('hama-chanoma');
  });

  it('a save changing nothing writes nothing', async () => {
    const saved = await saveSettings(deps, { sections: { salons: structuredClone(file.salons) }, kind: 'edit' }, by);
    expect(saved.seqs).toEqual([]);
    expect(await versions()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("keeps staff members' LINE user ids out of the audit row, and in the saved version", async () => {
    const ids = [`U${'a'.repeat(32)}`, `U${'0123456789abcdef'.repeat(2)}`];
    await saveSettings(deps, { sections: { consultation: { ...file.consultation, onDutyLineUserIds: ids } }, kind: 'edit' }, by);
    const [audit] = await audits();
    expect(detailOf(audit!).changes).toEqual(['consultation.onDutyLineUserIds: 変更あり']);
    expect(audit!.detail).not.toMatch(/U[0-9a-f]{32}/);
    const [row] = await versions();
    expect(JSON.parse(row!.document!).onDutyLineUserIds).toEqual(ids);
  });

  it('refuses a save based on a version another save replaced, writing nothing', async () => {
    await saveSettings(deps, { sections: { salons: salonsPlus() }, basedOn: { salons: 0 }, kind: 'edit' }, by);
    const other = structuredClone(file.salons);
    other[0]!.name = '別の名前';
    const stale = saveSettings(deps, { sections: { salons: other, council: renamedCouncil('巻き込まれ') }, basedOn: { salons: 0, council: 0 }, kind: 'edit' }, by);
    await expect(stale).rejects.toBeInstanceOf(SettingsChangedMeanwhile);
    await expect(stale).rejects.toMatchObject({ section: 'salons' });
    expect((await versions()).map((r) => r.section)).toEqual(['salons']);
    expect(await audits()).toHaveLength(1);
    // Based on the version now in effect, the same change lands.
    const ok = await saveSettings(deps, { sections: { salons: other }, basedOn: { salons: 1 }, kind: 'edit' }, by);
    expect(ok.seqs).toHaveLength(1);
    expect((await versions()).map((r) => r.version)).toEqual([1, 2]);
  });

  it('refuses what the rules refuse with every issue, writing nothing', async () => {
    const areas = structuredClone(file.consultationCategories);
    areas[0]!.label = 'とても長いラベルは二十文字を超えてしまいます';
    const refused = saveSettings(deps, { sections: { consultationCategories: areas, contact: { ...file.contact, phone: 'なし' }, council: renamedCouncil('巻き込まれ') }, kind: 'edit' }, by);
    await expect(refused).rejects.toBeInstanceOf(SettingsRefused);
    const issues = await refused.catch((e: SettingsRefused) => e.issues.map((i) => i.path));
    expect(issues).toEqual(['contact.phone', 'consultationCategories.0.label']);
    expect(await versions()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it('two concurrent saves made without a base both land, one after the other', async () => {
    const a = salonsPlus();
    const results = await Promise.all([
      saveSettings(deps, { sections: { salons: a }, kind: 'edit' }, by),
      saveSettings(deps, { sections: { salons: a, council: renamedCouncil('同時') }, kind: 'edit' }, by),
    ]);
    const rows = await versions();
    // Whichever ran second found the salons already saved: only its council is new.
    expect(rows.map((r) => [r.section, r.version])).toEqual(expect.arrayContaining([['salons', 1], ['council', 1]]));
    expect(rows).toHaveLength(2);
    expect(results.flatMap((r) => r.seqs).sort()).toEqual(rows.map((r) => r.seq).sort());
  });

  it('of two concurrent saves from the same version, exactly one lands', async () => {
    const a = salonsPlus();
    const b = structuredClone(file.salons);
    b[0]!.name = '同時に保存';
    const results = await Promise.allSettled([
      saveSettings(deps, { sections: { salons: a }, basedOn: { salons: 0 }, kind: 'edit' }, by),
      saveSettings(deps, { sections: { salons: b }, basedOn: { salons: 0 }, kind: 'edit' }, { ...by, staffId: 'staff-other' }),
    ]);
    const landed = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(landed).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(SettingsChangedMeanwhile);
    const rows = await versions();
    expect(rows).toHaveLength(1);
    expect(await audits()).toHaveLength(1);
    const winner = results[0]!.status === 'fulfilled' ? a : b;
    expect(JSON.parse(rows[0]!.document!)).toEqual(winner);
  });
});

describe('PrismaSettings', () => {
  it("refuses a second version with a section's taken number as a change made meanwhile", async () => {
    const store = new PrismaSettings(db());
    const v = { section: 'council' as const, version: 1, document: renamedCouncil('一つ目'), kind: 'edit' as const, undoOf: null, staffId: 'staff-admin', createdAt: AT };
    const seq = await store.append(v);
    await expect(store.append({ ...v, document: renamedCouncil('二つ目') })).rejects.toBeInstanceOf(SettingsChangedMeanwhile);
    expect(await store.stamp()).toBe(seq);
    expect((await store.latest()).map((r) => [r.seq, r.document])).toEqual([[seq, renamedCouncil('一つ目')]]);
  });

  it('leaves out a stored section a release no longer edits', async () => {
    await db().settingsVersion.create({ data: { section: 'retired', version: 1, document: '{}', kind: 'edit', createdAt: AT } });
    await saveSettings(deps, { sections: { council: renamedCouncil('残る') }, kind: 'edit' }, by);
    const store = new PrismaSettings(db());
    expect((await store.latest()).map((r) => r.section)).toEqual(['council']);
    expect((await inEffect()).council.name).toBe('残る');
  });
});

describe('undoSettingsChange', () => {
  it("restores the previous version's document, as a new version audited as an undo", async () => {
    const first = await saveSettings(deps, { sections: { salons: salonsPlus() }, kind: 'edit' }, by);
    const renamed = salonsPlus();
    renamed[0]!.name = '改名したサロン';
    const second = await saveSettings(deps, { sections: { salons: renamed }, kind: 'edit' }, by);

    const undone = await undoSettingsChange(deps, second.seqs[0]!, { ...by, staffId: 'staff-undo' });
    const rows = await versions();
    expect(rows.map((r) => [r.version, r.kind, r.undoOf])).toEqual([
      [1, 'edit', null],
      [2, 'edit', null],
      [3, 'undo', second.seqs[0]],
    ]);
    expect(JSON.parse(rows[2]!.document!)).toEqual(JSON.parse(rows[0]!.document!));
    expect(undone.changes).toEqual([{ path: `salons[${file.salons[0]!.code}].name`, before: '改名したサロン', after: file.salons[0]!.name }]);
    // Rows written at one instant come back in any order: the undo's is found by its action.
    const audit = (await audits()).find((a) => a.action === 'settings.undo')!;
    expect(audit).toMatchObject({ staffId: 'staff-undo' });
    expect(detailOf(audit)).toMatchObject({ undoOf: second.seqs[0], changes: [`salons[${file.salons[0]!.code}].name: 「改名したサロン」 → 「${file.salons[0]!.name}」`] });
    expect((await inEffect()).salons).toEqual(salonsPlus());
    expect(first.seqs).toHaveLength(1);
  });

  it("undoing a section's first version sends it back to the file's", async () => {
    const saved = await saveSettings(deps, { sections: { council: renamedCouncil('一時的な名前') }, kind: 'edit' }, by);
    await undoSettingsChange(deps, saved.seqs[0]!, by);
    const rows = await versions();
    expect(rows.map((r) => [r.version, r.kind, r.document])).toEqual([
      [1, 'edit', expect.any(String)],
      [2, 'undo', null],
    ]);
    expect((await inEffect()).council).toEqual(file.council);
  });

  it('refuses to undo a version that is not its section\'s latest, or one that does not exist, writing nothing', async () => {
    const first = await saveSettings(deps, { sections: { salons: salonsPlus() }, kind: 'edit' }, by);
    await saveSettings(deps, { sections: { salons: file.salons, council: renamedCouncil('別の区画') }, kind: 'edit' }, by);
    const before = await versions();
    await expect(undoSettingsChange(deps, first.seqs[0]!, by)).rejects.toMatchObject({ reason: 'notLatest' });
    await expect(undoSettingsChange(deps, 999, by)).rejects.toBeInstanceOf(UndoRefused);
    await expect(undoSettingsChange(deps, 999, by)).rejects.toMatchObject({ reason: 'missing' });
    expect(await versions()).toEqual(before);
    expect(await audits()).toHaveLength(2);
  });

  it('an undo can itself be undone, bringing the change back', async () => {
    const saved = await saveSettings(deps, { sections: { council: renamedCouncil('戻ってくる名前') }, kind: 'edit' }, by);
    const undo = await undoSettingsChange(deps, saved.seqs[0]!, by);
    expect((await inEffect()).council.name).toBe(file.council.name);
    const redo = await undoSettingsChange(deps, undo.seqs[0]!, by);
    expect((await inEffect()).council.name).toBe('戻ってくる名前');
    const rows = await versions();
    expect(rows.map((r) => [r.version, r.kind, r.undoOf])).toEqual([
      [1, 'edit', null],
      [2, 'undo', saved.seqs[0]],
      [3, 'undo', undo.seqs[0]],
    ]);
    expect(redo.changes).toEqual([{ path: 'council.name', before: file.council.name, after: '戻ってくる名前' }]);
  });

  it('refuses an undo the rules no longer allow (its team removed since), writing nothing', async () => {
    const teams = [...file.teams, { code: 'new-team', name: '新しいチーム' }];
    await saveSettings(deps, { sections: { teams }, kind: 'edit' }, by);
    const areas = structuredClone(file.consultationCategories);
    areas[0]!.team = 'new-team';
    await saveSettings(deps, { sections: { consultationCategories: areas }, kind: 'edit' }, by);
    // Undoing the teams change would leave an area whose team is gone.
    const teamsSeq = (await versions()).find((r) => r.section === 'teams')!.seq;
    const count = (await versions()).length;
    await expect(undoSettingsChange(deps, teamsSeq, by)).rejects.toBeInstanceOf(SettingsRefused);
    expect(await versions()).toHaveLength(count);
  });
});

describe('importSettings', () => {
  it('importing the very file in effect into an empty database writes nothing', async () => {
    const saved = await importSettings(deps, readProfileText(readFileSync(DEMO_PROFILE_PATH, 'utf8')), by);
    expect(saved.seqs).toEqual([]);
    expect(await versions()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it('writes only the sections that differ, as import versions with one audit row', async () => {
    const raw = structuredClone(file) as Record<string, unknown>;
    raw.salons = salonsPlus();
    raw.messaging = { ...file.messaging, monthlyPushBudget: file.messaging.monthlyPushBudget + 500 };
    const saved = await importSettings(deps, raw, by);
    const rows = await versions();
    expect(rows.map((r) => [r.section, r.version, r.kind])).toEqual([
      ['salons', 1, 'import'],
      ['messaging', 1, 'import'],
    ]);
    expect(saved.seqs).toEqual(rows.map((r) => r.seq));
    const [audit, ...more] = await audits();
    expect(more).toEqual([]);
    expect(audit!.action).toBe('settings.import');
    expect(detailOf(audit!).sections).toEqual(['salons', 'messaging']);
    const effect = await inEffect();
    expect(effect.messaging.monthlyPushBudget).toBe(file.messaging.monthlyPushBudget + 500);
  });

  it('refuses an invalid file with its issues, writing nothing', async () => {
    const raw = structuredClone(file) as Record<string, unknown>;
    raw.contact = { ...file.contact, phone: '電話番号' };
    await expect(importSettings(deps, raw, by)).rejects.toBeInstanceOf(SettingsRefused);
    await expect(importSettings(deps, { council: file.council }, by)).rejects.toBeInstanceOf(SettingsRefused);
    expect(await versions()).toEqual([]);
    expect(await audits()).toEqual([]);
  });
});
