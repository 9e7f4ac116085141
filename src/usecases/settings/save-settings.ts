/**
 * Saves sections of the council's settings: each is laid over the current settings and the whole profile is
 * checked by the loader's rules before anything is written; each changed section gets a new version, and one audit
 * row lists what changed, field by field, before and after. Every side picks the new version up at its next read
 * (see live-profile.ts), so nothing restarts.
 */
import type { CouncilProfile } from '../../domain/council-profile';
import { applySettings, SettingsChangedMeanwhile, SettingsRefused, type StoredSections } from '../../domain/settings/apply-settings';
import { changeLine, diffSettings, type SettingsChange } from '../../domain/settings/diff-settings';
import { SETTINGS_SECTIONS, type SettingsSection } from '../../domain/settings/sections';
import type { SettingsKind } from '../../domain/settings/settings-store';
import type { AuditAction } from '../../domain/staff';
import { auditOf, type StaffAct } from '../staff-act';
import type { SettingsDeps } from './settings-deps';

export interface SettingsSave {
  /** The sections to save, each whole; null sends a section back to the profile file's. */
  sections: StoredSections;
  /** The version each section was read at (0: the file's); a section saved since by someone else is refused. */
  basedOn?: Partial<Record<SettingsSection, number>>;
  kind: SettingsKind;
  /** For an undo: the seq it reverts. */
  undoOf?: number;
}

export interface SettingsSaved {
  /** The new versions' seqs (none when nothing differed). */
  seqs: number[];
  changes: SettingsChange[];
  profile: CouncilProfile;
}

const ACTIONS: Record<SettingsKind, AuditAction> = { edit: 'settings.change', undo: 'settings.undo', import: 'settings.import' };

/** Lines of the audit row at most (the versions themselves hold everything). */
const AUDIT_LINES = 40;

/** Staff LINE user ids are not written into the audit log's lines. */
function auditLine(c: SettingsChange): string {
  return c.path.includes('onDutyLineUserIds') ? `${c.path}: 変更あり` : changeLine(c);
}

export function saveSettings(deps: Pick<SettingsDeps, 'work' | 'file'>, save: SettingsSave, by: StaffAct): Promise<SettingsSaved> {
  return deps.work.run(async ({ settings, audit }) => {
    await settings.lock();
    const latest = new Map((await settings.latest()).map((r) => [r.section, r]));
    const sections = SETTINGS_SECTIONS.filter((s) => s in save.sections);
    for (const s of sections) {
      const based = save.basedOn?.[s];
      if (based !== undefined && (latest.get(s)?.version ?? 0) !== based) throw new SettingsChangedMeanwhile(s);
    }
    const stored: StoredSections = Object.fromEntries([...latest].map(([s, r]) => [s, r.document]));
    const before = applySettings(deps.file, stored, by.at);
    const after = applySettings(deps.file, { ...stored, ...save.sections }, by.at);
    if (!after.ok) throw new SettingsRefused(after.issues);
    const was = before.ok ? before.profile : deps.file;
    const seqs: number[] = [];
    const saved: SettingsSection[] = [];
    const changes: SettingsChange[] = [];
    for (const s of sections) {
      const changed = diffSettings(was[s], after.profile[s], s);
      const backToFile = save.sections[s] === null && latest.get(s)?.document != null;
      if (!changed.length && !backToFile) continue;
      const document = save.sections[s] === null ? null : after.profile[s];
      seqs.push(await settings.append({ section: s, version: (latest.get(s)?.version ?? 0) + 1, document, kind: save.kind, undoOf: save.undoOf ?? null, staffId: by.staffId, createdAt: by.at }));
      saved.push(s);
      changes.push(...changed);
    }
    if (seqs.length) {
      const lines = changes.slice(0, AUDIT_LINES).map(auditLine);
      await audit.record(
        auditOf(by, {
          action: ACTIONS[save.kind],
          subjectType: 'settings',
          subjectId: String(seqs[0]),
          detail: { seqs, sections: saved, changes: lines, ...(changes.length > AUDIT_LINES ? { more: changes.length - AUDIT_LINES } : {}), ...(save.undoOf ? { undoOf: save.undoOf } : {}) },
        }),
      );
    }
    return { seqs, changes, profile: after.profile };
  });
}
