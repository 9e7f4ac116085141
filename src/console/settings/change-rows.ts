/** Settings changes as the before/after tables show them (history, import). */
import type { SettingsChange } from '../../domain/settings/diff-settings';

/** A value as the table shows it: text as it is, anything else as JSON. */
function shown(v: unknown): string {
  if (v === undefined) return '（なし）';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 1);
}

export function changeRows(changes: readonly SettingsChange[]): Array<{ path: string; before: string; after: string }> {
  return changes.map((c) => ({ path: c.path, before: shown(c.before), after: shown(c.after) }));
}
