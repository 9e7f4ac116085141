/** Where saved settings live: a version per save of a section, the latest of each in effect (see apply-settings.ts). */
import type { SettingsSection } from './sections';

export type SettingsKind = 'edit' | 'undo' | 'import';

export interface SettingsVersionRecord {
  seq: number;
  section: SettingsSection;
  version: number;
  /** The section as saved; null: back to the profile file's section. */
  document: unknown;
  kind: SettingsKind;
  undoOf: number | null;
  staffId: string | null;
  createdAt: Date;
}

export type NewSettingsVersion = Omit<SettingsVersionRecord, 'seq'>;

/** What each side (processing, console) reads to keep its settings current. */
export interface SettingsReader {
  /** The highest seq saved (0 when none): one cheap query telling whether anything changed since the last read. */
  stamp(): Promise<number>;
  /** The latest version of each saved section. */
  latest(): Promise<SettingsVersionRecord[]>;
}

/** The settings pages' history. */
export interface SettingsHistory extends SettingsReader {
  /** Newest first. */
  list(limit: number, section?: SettingsSection): Promise<SettingsVersionRecord[]>;
  get(seq: number): Promise<SettingsVersionRecord | null>;
  /** The version of the same section just before `record` (null: the section came from the file before it). */
  previous(record: SettingsVersionRecord): Promise<SettingsVersionRecord | null>;
}

/** Writes inside a save's transaction. */
export interface SettingsRepository extends SettingsReader {
  /** Serialises saves of settings (on PostgreSQL; SQLite's writer is one at a time already). */
  lock(): Promise<void>;
  /** Appends a version; throws `SettingsChangedMeanwhile` when that section's version was taken by another save. */
  append(version: NewSettingsVersion): Promise<number>;
}
