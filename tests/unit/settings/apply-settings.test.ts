// Under test: applySettings — saved sections laid over the demo profile file and checked whole by the loader's rules
// (label limits, diallable phones, known teams, hours that open). Nothing is faked; the real demo profile is read.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CouncilProfile } from '../../../src/domain/council-profile';
import { applySettings } from '../../../src/domain/settings/apply-settings';
import { loadCouncilProfile } from '../../../src/infra/load-council-profile';
import { NEW_SALON } from '../../fixtures/settings-fixtures';

const file: CouncilProfile = loadCouncilProfile(fileURLToPath(new URL('../../../profiles/demo-council.yaml', import.meta.url)));
const NOW = new Date('2026-12-07T10:00:00+09:00');

/** The issues of a refused check (fails the test when accepted). */
function refused(stored: Parameters<typeof applySettings>[1]) {
  const checked = applySettings(file, stored, NOW);
  if (checked.ok) throw new Error('expected the settings to be refused');
  return checked.issues;
}

describe('applySettings on the demo profile', () => {
  it('with nothing saved, gives the file itself', () => {
    const checked = applySettings(file, {}, NOW);
    expect(checked).toEqual({ ok: true, profile: file });
  });

  it('refuses a consultation area whose label is over 20 characters, at that area label', () => {
    const areas = structuredClone(file.consultationCategories);
    areas[1] = { ...areas[1]!, label: 'せいねんこうけん(ほかの人がかわりにてつづき)' };
    const issues = refused({ consultationCategories: areas });
    expect(issues.map((i) => i.path)).toEqual(['consultationCategories.1.label']);
    expect(issues[0]!.message).toContain('LINE shows 20');
    // A short label for the same area is accepted.
    areas[1] = { ...areas[1], label: '成年後見の相談' };
    const ok = applySettings(file, { consultationCategories: areas }, NOW);
    expect(ok.ok && ok.profile.consultationCategories[1]!.label).toBe('成年後見の相談');
  });

  it('refuses a helpline with a number no phone can dial, at its phone', () => {
    const emergency = structuredClone(file.emergency);
    emergency.helplines[0] = { ...emergency.helplines[0]!, phone: '電話してね' };
    expect(refused({ emergency }).map((i) => i.path)).toEqual(['emergency.helplines.0.phone']);
  });

  it("refuses the council's own phone and a partner's when undiallable; a salon's contact is free text", () => {
    expect(refused({ contact: { ...file.contact, phone: 'abc' } }).map((i) => i.path)).toEqual(['contact.phone']);
    const partners = structuredClone(file.partners);
    partners[0] = { ...partners[0]!, phone: '045-000-12345678901234' };
    expect(refused({ partners }).map((i) => i.path)).toEqual(['partners.0.phone']);
    // The salon's `contact` names who to ask (「海岸地区社協 サロン係 045-…」), not a number dialled from a button.
    const salons = structuredClone(file.salons);
    salons[0] = { ...salons[0]!, contact: 'サロン係まで直接どうぞ' };
    expect(applySettings(file, { salons }, NOW).ok).toBe(true);
  });

  it('refuses an area naming a team that does not exist, and removing a team an area still names', () => {
    const areas = structuredClone(file.consultationCategories);
    areas[0] = { ...areas[0]!, team: 'nobody' };
    const issues = refused({ consultationCategories: areas });
    expect(issues.map((i) => i.path)).toEqual(['consultationCategories.0.team']);
    expect(issues[0]!.message).toContain('Unknown team "nobody"');
    const teams = file.teams.filter((t) => t.code !== file.consultationCategories[0]!.team);
    expect(refused({ teams }).some((i) => i.path === 'consultationCategories.0.team')).toBe(true);
  });

  it('refuses office hours that never open within two years (closed throughout), at businessHours', () => {
    const hours = { ...file.businessHours, closedRanges: [{ from: '2026-01-01', to: '2029-12-31', reason: '改修工事' }] };
    const issues = refused({ businessHours: hours });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('businessHours');
    expect(issues[0]!.message).toContain('no opening');
    // The same closure ending next month leaves the office opening after it.
    expect(applySettings(file, { businessHours: { ...hours, closedRanges: [{ from: '2026-01-01', to: '2027-01-31' }] } }, NOW).ok).toBe(true);
  });

  it('refuses a week with no opening hours at all by the schema', () => {
    const weekly = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(refused({ businessHours: { ...file.businessHours, weekly } }).map((i) => i.path)).toEqual(['businessHours.weekly']);
  });

  it('null sends a section back to the file, and undefined leaves it as the file has it', () => {
    const checked = applySettings(file, { salons: null, council: undefined }, NOW);
    expect(checked).toEqual({ ok: true, profile: file });
  });

  it('accepts a valid new salon, with the schema defaults filled in', () => {
    const checked = applySettings(file, { salons: [...file.salons, NEW_SALON] }, NOW);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.profile.salons.map((s) => s.code)).toEqual([...file.salons.map((s) => s.code), NEW_SALON.code]);
    // Everything else is the file's.
    expect({ ...checked.profile, salons: file.salons }).toEqual(file);
  });

  it('refuses a salon with a duplicate code or a bad time, reporting every issue at once', () => {
    const dup = { ...structuredClone(file.salons[0]!), name: '別のサロン' };
    const bad = { ...structuredClone(file.salons[1]!), code: 'other', schedule: { ...file.salons[1]!.schedule, start: '25:00' } };
    const paths = refused({ salons: [...file.salons, dup, bad] }).map((i) => i.path);
    expect(paths).toContain(`salons.${file.salons.length}.code`);
    expect(paths).toContain(`salons.${file.salons.length + 1}.schedule.start`);
  });
});
