/**
 * What changed between two versions of a settings section, field by field. Lists keep their items by `code` (or
 * `fiscalYear` for allocation plans), so a renamed salon reads as one changed name, not a list rewritten.
 */

export interface SettingsChange {
  /** Where, e.g. `salons[ikoi].schedule.start` or `donations.allocationPlans[2026]`. */
  path: string;
  /** Absent: added. */
  before?: unknown;
  /** Absent: removed. */
  after?: unknown;
}

const KEYS = ['code', 'fiscalYear'] as const;

function keyOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  for (const k of KEYS) {
    const v = (item as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every changed leaf (or keyed item added or removed) from `before` to `after`, under `path`. */
export function diffSettings(before: unknown, after: unknown, path = ''): SettingsChange[] {
  if (same(before, after)) return [];
  if (before === undefined) return [{ path, after }];
  if (after === undefined) return [{ path, before }];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffSettings(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((i) => keyOf(i) !== null)) {
    const was = new Map(before.map((i) => [keyOf(i) as string, i]));
    const now = new Map(after.map((i) => [keyOf(i) as string, i]));
    const keys = [...new Set([...was.keys(), ...now.keys()])];
    const changes = keys.flatMap((k) => diffSettings(was.get(k), now.get(k), `${path}[${k}]`));
    const kept = (a: Map<string, unknown>, b: Map<string, unknown>) => [...a.keys()].filter((k) => b.has(k));
    const reordered = !same(kept(was, now), kept(now, was));
    return reordered ? [...changes, { path: `${path}（順番）`, before: [...was.keys()], after: [...now.keys()] }] : changes;
  }
  return [{ path, before, after }];
}

/** A change as one line for the audit log: `path: before → after`, each value cut to `max` characters. */
export function changeLine(c: SettingsChange, max = 80): string {
  const show = (v: unknown) => {
    const s = typeof v === 'string' ? `「${v}」` : JSON.stringify(v);
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  };
  if (c.before === undefined) return `${c.path}: 追加 ${show(c.after)}`;
  if (c.after === undefined) return `${c.path}: 削除 ${show(c.before)}`;
  return `${c.path}: ${show(c.before)} → ${show(c.after)}`;
}
