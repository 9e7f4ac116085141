/**
 * Imports a profile file (a council's starting point, or settings exported elsewhere): checked whole by the
 * loader's rules, then every section that differs from the settings in effect is saved as a new version, in one
 * transaction with one audit row. The FAQ is not imported here (its entries are seeded from the file at start and
 * kept in the FAQ pages). An optional section the file lacks (donations, complaints, disaster) is kept as it is.
 */
import { checkCouncilProfile } from '../../domain/council-profile';
import { SettingsRefused } from '../../domain/settings/apply-settings';
import { SETTINGS_SECTIONS } from '../../domain/settings/sections';
import { saveSettings, type SettingsSaved } from './save-settings';
import type { StaffAct } from '../staff-act';
import type { SettingsDeps } from './settings-deps';

/** Async so a refused file rejects the promise, as every other refusal does, rather than throwing at the call. */
export async function importSettings(deps: Pick<SettingsDeps, 'work' | 'file'>, raw: unknown, by: StaffAct): Promise<SettingsSaved> {
  const checked = checkCouncilProfile(raw);
  if (!checked.ok) throw new SettingsRefused(checked.issues);
  const incoming = checked.profile;
  const sections = Object.fromEntries(SETTINGS_SECTIONS.flatMap((s) => (incoming[s] === undefined ? [] : [[s, incoming[s]]])));
  return saveSettings(deps, { sections, kind: 'import' }, by);
}
