/**
 * A settings section as a form, drawn from the loader's own schema (as JSON Schema): objects as groups, lists of
 * objects as repeated groups (each with 「削除する」, and one empty group to add an item), choices as selects or
 * check boxes, lists of words as one line each, numbers, yes/no, texts. The posted form is read back into the
 * section by the same schema; the loader's rules then check it whole on save. So every section gets a page, and a new
 * field in the schema appears on it without a page written for it.
 */
import type { SectionSchema } from '../../domain/settings/sections';
import type { FormValues } from './settings-form';
import { fieldName } from './issue-text';

export type FormNode =
  | { kind: 'group'; legend: string; children: FormNode[] }
  | { kind: 'list'; legend: string; countName: string; count: number; items: Array<{ legend: string; removeName: string | null; children: FormNode[] }> }
  | {
      kind: 'text' | 'number' | 'textarea' | 'lines' | 'json';
      name: string;
      label: string;
      value: string;
      error: string | null;
      hint: string | null;
      /** Residents read it in easy Japanese: checked as staff type. */
      easy?: boolean;
      /** The server's check of the saved text (easy-checks.ts). */
      easyCheck?: string;
    }
  | { kind: 'select'; name: string; label: string; value: string; options: Array<{ value: string; label: string }>; error: string | null }
  | { kind: 'checkbox'; name: string; label: string; checked: boolean }
  | { kind: 'checks'; name: string; label: string; options: Array<{ value: string; checked: boolean }>; error: string | null }
  | { kind: 'fixed'; label: string; value: string };

/** Texts that take more than a line. */
const LONG = /^(text|about|prepare|next|referral|safety|heat|bring|waitAt|donationRule|retentionNote|enrolPlace|note|reason)(En|Easy)?$/;

const typeOf = (s: SectionSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);
const nameOf = (path: readonly (string | number)[]) => `f.${path.join('.')}`;

/** The form of `value` (a section, or a part of one) at `path`; `errors` by issue path (`emergency.helplines.2.phone`). */
export function formNodes(schema: SectionSchema, value: unknown, path: ReadonlyArray<string | number>, errors: ReadonlyMap<string, string>): FormNode {
  const key = path.join('.');
  const label = fieldName(key);
  const error = errors.get(key) ?? null;
  if (schema.anyOf || schema.oneOf) return { kind: 'json', name: nameOf(path), label, value: value === undefined ? '' : JSON.stringify(value, null, 1), error, hint: 'JSONで書きます' };
  if (schema.const !== undefined) return { kind: 'fixed', label, value: String(schema.const) };
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) {
    const v = (value ?? {}) as Record<string, unknown>;
    return { kind: 'group', legend: label, children: Object.entries(schema.properties).map(([k, s]) => formNodes(s, v[k], [...path, k], errors)) };
  }
  if (type === 'array' && schema.items) {
    const items = schema.items;
    const list = Array.isArray(value) ? value : [];
    if (typeOf(items) === 'object') {
      const entry = (v: unknown, i: number, blank: boolean) => ({
        legend: blank ? `${label}を追加する（使わないときは空のまま）` : `${label} ${i + 1}${itemTitle(v)}`,
        removeName: blank ? null : `${nameOf([...path, i])}.__remove`,
        children: (formNodes(items, v, [...path, i], errors) as { children: FormNode[] }).children,
      });
      return { kind: 'list', legend: label, countName: `${nameOf(path)}.__count`, count: list.length + 1, items: [...list.map((v, i) => entry(v, i, false)), entry(undefined, list.length, true)] };
    }
    // The ticked ones first, in their order (a save without a change keeps it), then the others.
    if (items.enum) return { kind: 'checks', name: nameOf(path), label, options: [...list.filter((e) => items.enum?.includes(e)), ...items.enum.filter((e) => !list.includes(e))].map((e) => ({ value: String(e), checked: list.includes(e) })), error };
    return { kind: 'lines', name: nameOf(path), label, value: list.map(String).join('\n'), error, hint: '1行に1つ' };
  }
  if (schema.enum) return { kind: 'select', name: nameOf(path), label, value: value === undefined ? '' : String(value), options: schema.enum.map((e) => ({ value: String(e), label: String(e) })), error };
  if (type === 'boolean') return { kind: 'checkbox', name: nameOf(path), label, checked: value === true };
  if (type === 'integer' || type === 'number') return { kind: 'number', name: nameOf(path), label, value: value === undefined ? '' : String(value), error, hint: null };
  const text = value === undefined ? '' : String(value);
  // A `texts` map holds one language's version of a long text each (a canned reply in Vietnamese).
  const long = LONG.test(String(path.at(-1))) || path.at(-2) === 'texts';
  // A long text residents read in easy Japanese gets the やさしい日本語 check as staff type (src/console/easy-japanese).
  const easy = /Easy$/.test(String(path.at(-1))) || (path.at(-2) === 'texts' && path.at(-1) === 'ja-x-easy');
  const kind = long || text.length > 60 ? 'textarea' : 'text';
  return { kind, name: nameOf(path), label, value: text, error, hint: null, ...(easy && kind === 'textarea' ? { easy: true } : {}) };
}

/** 「：海岸地区」: an item's name in its legend. */
function itemTitle(v: unknown): string {
  if (typeof v !== 'object' || v === null) return '';
  const r = v as Record<string, unknown>;
  const title = r.name ?? r.title ?? r.code ?? r.fiscalYear ?? r.from;
  return title === undefined ? '' : `：${String(title)}`;
}

/** The section as the posted form describes it, read by its schema (empty optional fields left out). */
export function readForm(schema: SectionSchema, form: FormValues, path: ReadonlyArray<string | number>, required = true): unknown {
  const name = nameOf(path);
  if (schema.anyOf || schema.oneOf) {
    const raw = form[name]?.trim();
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  if (schema.const !== undefined) return schema.const;
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) {
    const needed = new Set(schema.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties)) {
      const v = readForm(s, form, [...path, k], needed.has(k));
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (type === 'array' && schema.items) {
    const items = schema.items;
    if (typeOf(items) === 'object') {
      const count = Number(form[`${name}.__count`] ?? 0);
      const list = Array.from({ length: Number.isInteger(count) ? Math.min(count, 500) : 0 }, (_, i) => i).flatMap((i) => {
        if (form[`${nameOf([...path, i])}.__remove`]) return [];
        const item = readForm(items, form, [...path, i]);
        return i === count - 1 && isBlank(item) ? [] : [item];
      });
      return list.length || required ? list : undefined;
    }
    const words = (form[name] ?? '').split(items.enum ? ',' : /\r?\n/).map((w) => w.trim()).filter(Boolean);
    const list = typeOf(items) === 'integer' || typeOf(items) === 'number' ? words.map(Number) : words;
    return list.length || required ? list : undefined;
  }
  const raw = form[name];
  if (type === 'boolean') return raw === 'on';
  const text = raw?.trim() ?? '';
  if (!text) return required && type !== 'integer' && type !== 'number' && !schema.enum ? '' : undefined;
  return type === 'integer' || type === 'number' ? Number(text) : text;
}

/** An item the form's empty group left empty (nothing typed, nothing ticked). */
function isBlank(v: unknown): boolean {
  if (v === undefined || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.every(isBlank);
  if (typeof v === 'object' && v !== null) return Object.values(v).every(isBlank);
  return false;
}
