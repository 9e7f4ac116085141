/**
 * The council's settings in effect: the profile file with the sections staff saved in the console laid over it,
 * validated as a whole by the loader's own rules (so a save cannot break a label limit, a phone number, a team a
 * consultation area names, or hours that never open).
 */
import { nextOpening } from '../business-hours';
import { checkCouncilProfile, type CouncilProfile, type ProfileIssue } from '../council-profile';
import { DomainError } from '../errors';
import { SETTINGS_SECTIONS, type SettingsSection } from './sections';

/** Saved sections: a document replaces the file's section; null sends that section back to the file's. */
export type StoredSections = Partial<Record<SettingsSection, unknown>>;

export type SettingsCheck = { ok: true; profile: CouncilProfile } | { ok: false; issues: ProfileIssue[] };

/** The profile `file` with `stored` laid over it, checked at `now` (the opening hours must open within two years). */
export function applySettings(file: CouncilProfile, stored: StoredSections, now: Date): SettingsCheck {
  const merged: Record<string, unknown> = { ...file };
  for (const section of SETTINGS_SECTIONS) {
    const doc = stored[section];
    if (doc !== undefined && doc !== null) merged[section] = doc;
  }
  const checked = checkCouncilProfile(merged);
  if (!checked.ok) return checked;
  try {
    nextOpening(checked.profile.businessHours, now);
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, issues: [{ path: 'businessHours', message: e.message }] };
    throw e;
  }
  return checked;
}

/** Thrown by a save the rules refuse; carries every issue, for the page to show beside its fields. */
export class SettingsRefused extends Error {
  constructor(readonly issues: ProfileIssue[]) {
    super(`settings refused: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'SettingsRefused';
  }
}

/** Thrown when a section changed since the page was read: the page reloads it rather than overwrite the other change. */
export class SettingsChangedMeanwhile extends Error {
  constructor(readonly section: SettingsSection) {
    super(`settings section ${section} changed meanwhile`);
    this.name = 'SettingsChangedMeanwhile';
  }
}
