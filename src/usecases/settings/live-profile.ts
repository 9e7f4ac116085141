/**
 * The council's settings as one side (the console's thread, the processing worker, another instance) holds them:
 * the profile file with the saved sections laid over it, read again whenever the store's stamp moved. `refresh` costs
 * one indexed query when nothing changed, so it runs before every batch, job run and console request: a change
 * saved anywhere reaches every side at its next piece of work, with no restart and no message between them.
 */
import type { CouncilProfile } from '../../domain/council-profile';
import type { Logger } from '../../domain/ports';
import { applySettings } from '../../domain/settings/apply-settings';
import type { SettingsReader } from '../../domain/settings/settings-store';

export class LiveProfile {
  private seq = -1;
  private current: CouncilProfile;
  private reading: Promise<CouncilProfile> | null = null;
  private readonly listeners: Array<(profile: CouncilProfile) => void> = [];

  constructor(
    /** The profile file as loaded at start. */
    readonly file: CouncilProfile,
    private readonly reader: SettingsReader,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {
    this.current = file;
  }

  /** The settings as last read. */
  get profile(): CouncilProfile {
    return this.current;
  }

  /** The version read last (0: only the file; -1: not read yet). */
  get stamp(): number {
    return this.seq;
  }

  /** Called with the new settings each time they change (after the first read too, if that found saved sections). */
  onChange(listener: (profile: CouncilProfile) => void): void {
    this.listeners.push(listener);
  }

  /** Reads the store again if anything was saved since the last read; the settings now in effect. */
  refresh(): Promise<CouncilProfile> {
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** `refresh`, but a failed read (the database unreachable or not migrated yet) is logged and the settings in hand kept. */
  tryRefresh(): Promise<CouncilProfile> {
    return this.refresh().catch((e: unknown) => {
      this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'settings could not be read; keeping the current ones');
      return this.current;
    });
  }

  private async read(): Promise<CouncilProfile> {
    const stamp = await this.reader.stamp();
    if (stamp === this.seq) return this.current;
    const latest = await this.reader.latest();
    const checked = applySettings(this.file, Object.fromEntries(latest.map((r) => [r.section, r.document])), this.now());
    this.seq = stamp;
    if (!checked.ok) {
      // Saves are checked before they are written, so this means the profile file or a release changed the rules:
      // the last good settings stay in effect rather than stop the service.
      this.logger.error({ issues: checked.issues.map((i) => `${i.path}: ${i.message}`) }, 'saved settings no longer valid; keeping the previous ones');
      return this.current;
    }
    if (stamp === 0 && this.current === this.file) return this.current;
    this.current = checked.profile;
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }
}
