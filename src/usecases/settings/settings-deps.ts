import type { CouncilProfile } from '../../domain/council-profile';
import type { SettingsHistory, SettingsRepository } from '../../domain/settings/settings-store';
import type { AuditTrail } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** What the settings use cases need: the store, a transaction for a save and its audit row, and the profile file. */
export interface SettingsDeps {
  work: UnitOfWork<{ settings: SettingsRepository; audit: AuditTrail }>;
  history: SettingsHistory;
  /** The profile file as loaded at start: what saved sections lay over. */
  file: CouncilProfile;
}
