// Under test: the settings exported from one council's database and imported into an empty one give the same
// behaviour — the council view the flows read and the replies to the same resident inputs (signed webhooks through
// the real app). Two real apps on two fresh databases (SQLite, or PostgreSQL with TEST_DATABASE_URL); the clock
// (FakeClock) and LINE (RecordingMessenger) are faked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { councilView } from '../../src/bot/render/council-view';
import { checkCouncilProfile, type CouncilProfile } from '../../src/domain/council-profile';
import { exportProfileYaml, readProfileText } from '../../src/infra/settings-file';
import { importSettings } from '../../src/usecases/settings/import-settings';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import type { StaffAct } from '../../src/usecases/staff-act';
import { eventFrom } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { demoProfile, settingsDeps } from '../helpers/settings-store';
import { NEW_SALON } from '../fixtures/settings-fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Monday 2026-12-07, 10:00 JST: fiscal year 2026, inside office hours.
const NOW = '2026-12-07T10:00:00+09:00';

/** A valid profile as small as the loader allows, different from the demo in every section it has. */
const MINIMAL_PROFILE = `
council: { name: テスト町社会福祉協議会, shortName: テスト町社協 }
contact: { phone: '0120-000-000', hours: 平日 9時〜17時 }
emergency: { police: '110', fireAmbulance: '119', helplines: [] }
districts: [{ code: central, name: 中央地区 }]
teams: [{ code: all, name: 全員 }]
consultationCategories: [{ code: general, name: よろず相談, team: all, about: なんでもどうぞ, prepare: とくになし }]
businessHours:
  timezone: Asia/Tokyo
  weekly: { mon: [{ open: '09:00', close: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
  holidays: []
consultation: { replyWithinBusinessMinutes: { urgent: 60, soon: 120, normal: 240 } }
newsletters: []
messaging: { monthlyPushBudget: 100, quietHours: { start: '22:00', end: '07:00' } }
privacy: {}
`;

const open: TestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function appOn(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createTestApp(env);
  open.push(t);
  t.clock.set(NOW);
  return t;
}

const actOf = (t: TestApp): StaffAct => ({ staffId: 'staff-admin', ip: '127.0.0.1', at: t.clock.now() });


/** The changes a council's staff make on A's settings pages: a salon, FY2026's plan from FY2025's, an area renamed. */
async function changeSettings(a: TestApp): Promise<void> {
  const deps = settingsDeps(a.testDb.db, a.app.settings.file);
  const file = a.app.settings.file;
  await saveSettings(deps, { sections: { salons: [...file.salons, NEW_SALON] }, basedOn: { salons: 0 }, kind: 'edit' }, actOf(a));
  // The plan as a council has it in December before the new year's (FY2025 only), then FY2026 copied from it.
  const fy2025 = file.donations!.allocationPlans.find((p) => p.fiscalYear === 2025)!;
  await saveSettings(deps, { sections: { donations: { ...file.donations!, allocationPlans: [fy2025] } }, kind: 'edit' }, actOf(a));
  const fy2026 = { fiscalYear: 2026, purposes: structuredClone(fy2025.purposes) };
  fy2026.purposes[2] = { ...fy2026.purposes[2]!, name: 'ひとり親家庭の応援', nameEn: 'Lone parents', budgetYen: 600_000 };
  await saveSettings(deps, { sections: { donations: { ...file.donations!, allocationPlans: [fy2025, fy2026] } }, basedOn: { donations: 1 }, kind: 'edit' }, actOf(a));
  const areas = structuredClone(file.consultationCategories);
  areas[1] = { ...areas[1]!, name: '成年後見・任意後見', label: '後見の相談' };
  await saveSettings(deps, { sections: { consultationCategories: areas }, kind: 'edit' }, actOf(a));
  await a.app.settings.refresh();
}

/** The same resident's inputs on `t`: follow, the menu, the salon list, the consultation areas, the donation purposes. */
async function residentScript(t: TestApp, user: string): Promise<string[]> {
  const talk = new ResidentTalk(t);
  expect((await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: talk.nextTimestamp() })])).status).toBe(200);
  await talk.say(user, 'c=yes', 'lang=ja', 'd=kaigan', 'g=menu');
  await talk.say(user, 'menu=events', 'ev=salons', 'g=menu');
  await talk.say(user, 'menu=consult', 'g=menu');
  await talk.say(user, 'menu=donate', 'dk=money', 'g=menu');
  // The same in English: names and labels of the changed items in another language.
  await talk.say(user, 'g=lang&to=en', 'g=menu', 'menu=events', 'ev=salons', 'menu=consult', 'menu=donate', 'dk=money');
  return talk.sentTo(user);
}

describe('settings exported from one database and imported into an empty one', () => {
  it('give the same council view and the same replies to the same resident', async () => {
    const a = await appOn();
    await changeSettings(a);
    expect(a.app.profile.salons.map((s) => s.code)).toContain('hama-chanoma');
    const exported = exportProfileYaml(a.app.profile, a.clock.now(), a.app.settings.stamp);

    const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-profile-'));
    dirs.push(dir);
    const minimal = path.join(dir, 'minimal.yaml');
    writeFileSync(minimal, MINIMAL_PROFILE);
    const b = await appOn({ COUNCIL_PROFILE: minimal });
    expect(b.app.profile.council.name).toBe('テスト町社会福祉協議会');
    expect(await b.testDb.db.settingsVersion.count()).toBe(0);

    const imported = await importSettings(settingsDeps(b.testDb.db, b.app.settings.file), readProfileText(exported), actOf(b));
    expect(imported.seqs.length).toBeGreaterThan(0);
    await b.app.settings.refresh();

    expect(councilView(b.app.profile)).toEqual(councilView(a.app.profile));

    const user = `U${'5'.repeat(32)}`;
    const repliesA = await residentScript(a, user);
    const repliesB = await residentScript(b, user);
    const all = repliesA.join('\n');
    // The script reached what changed: the new salon, the renamed area's label, FY2026's renamed purpose.
    expect(all).toContain('浜の茶の間');
    expect(all).toContain('後見の相談');
    expect(all).toContain('ひとり親家庭の応援');
    expect(all).toContain('Hama Tea Room');
    expect(all).toContain('Lone parents');
    expect(repliesB).toEqual(repliesA);

    // Importing the same text again changes nothing.
    const again = await importSettings(settingsDeps(b.testDb.db, b.app.settings.file), readProfileText(exported), actOf(b));
    expect(again.seqs).toEqual([]);
  });

  it('an export read back parses to the same profile', () => {
    const demo: CouncilProfile = demoProfile();
    const text = exportProfileYaml(demo, new Date(NOW), 0);
    expect(text.startsWith('# つなぐ: 社協の設定')).toBe(true);
    const back = checkCouncilProfile(readProfileText(text));
    expect(back).toEqual({ ok: true, profile: demo });
  });
});
