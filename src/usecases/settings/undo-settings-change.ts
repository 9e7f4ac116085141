/**
 * Undoes one saved change: its section goes back to what it was before (the previous version, or the file's). Only
 * a section's latest change can be undone — undoing an older one would silently drop the changes made after it.
 * The undo is itself a version, checked like any save (refused with the reason when it no longer fits, e.g. an
 * area's team removed since) and undoable in turn.
 */
import { saveSettings, type SettingsSaved } from './save-settings';
import type { StaffAct } from '../staff-act';
import type { SettingsDeps } from './settings-deps';

/** An undo refused before anything is checked: no such version, or a later change of its section exists. */
export class UndoRefused extends Error {
  constructor(readonly reason: 'missing' | 'notLatest', readonly seq: number) {
    super(`settings version ${seq}: ${reason}`);
    this.name = 'UndoRefused';
  }
}

export async function undoSettingsChange(deps: SettingsDeps, seq: number, by: StaffAct): Promise<SettingsSaved> {
  const record = await deps.history.get(seq);
  if (!record) throw new UndoRefused('missing', seq);
  const latest = (await deps.history.latest()).find((r) => r.section === record.section);
  if (latest?.seq !== record.seq) throw new UndoRefused('notLatest', seq);
  const previous = await deps.history.previous(record);
  return saveSettings(deps, { sections: { [record.section]: previous ? previous.document : null }, basedOn: { [record.section]: record.version }, kind: 'undo', undoOf: seq }, by);
}
