/**
 * The building blocks of the fake's request validation: a collector of LINE-style error details and the
 * two ways LINE counts characters. Detail wording copies LINE's ("Length must be between 0 and 5000",
 * "Size must be between 1 and 5", "May not be empty"); wording LINE does not publish is ours.
 */
import type { LineErrorDetail } from './types';

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/**
 * Characters as LINE counts labels, `displayText` and `chatBarText`: grapheme clusters, so 👨‍👩‍👧 is one.
 * Everything else (text, altText, data) counts UTF-16 code units, i.e. `String.prototype.length`.
 */
export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Narrows JSON to a plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How a string field is checked. */
export interface StringRule {
  /** Absent or empty is an error. */
  required?: boolean;
  max?: number;
  /** How `max` counts; UTF-16 units unless said otherwise. */
  unit?: 'utf16' | 'grapheme';
  /** Must start with one of these schemes, e.g. `['https']`. */
  schemes?: string[];
}

/** How an array field is checked. */
export interface ArrayRule {
  required?: boolean;
  min?: number;
  max: number;
}

/** Accumulates `details` while the validators walk a body, so one answer reports every problem at once. */
export class DetailCollector {
  readonly details: LineErrorDetail[] = [];

  add(property: string, message: string): void {
    this.details.push({ property, message });
  }

  /** Checks `obj[key]` against `rule`; returns the string when it is one, so callers can look further. */
  string(obj: Record<string, unknown>, key: string, path: string, rule: StringRule = {}): string | undefined {
    const property = join(path, key);
    const value = obj[key];
    if (value === undefined || value === null) {
      if (rule.required) this.add(property, 'May not be empty');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(property, 'Must be a string');
      return undefined;
    }
    if (rule.required && value.length === 0) {
      this.add(property, 'May not be empty');
      return value;
    }
    if (rule.max !== undefined) {
      const length = rule.unit === 'grapheme' ? graphemeLength(value) : value.length;
      if (length > rule.max) this.add(property, `Length must be between 0 and ${rule.max}`);
    }
    if (rule.schemes && value.length > 0 && !rule.schemes.some((s) => value.startsWith(`${s}:`))) {
      this.add(property, `Must use one of the schemes: ${rule.schemes.join(', ')}`);
    }
    return value;
  }

  /** Checks `obj[key]` is an array within the size bounds; returns it when it is an array. */
  array(obj: Record<string, unknown>, key: string, path: string, rule: ArrayRule): unknown[] | undefined {
    const property = join(path, key);
    const value = obj[key];
    if (value === undefined || value === null) {
      if (rule.required) this.add(property, 'May not be empty');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(property, 'Must be an array');
      return undefined;
    }
    const min = rule.min ?? 0;
    if (value.length < min || value.length > rule.max) {
      this.add(property, `Size must be between ${min} and ${rule.max}`);
    }
    return value;
  }

  /** Checks `obj[key]` is an object; returns it when it is one. */
  object(obj: Record<string, unknown>, key: string, path: string, required = false): Record<string, unknown> | undefined {
    const property = join(path, key);
    const value = obj[key];
    if (value === undefined || value === null) {
      if (required) this.add(property, 'May not be empty');
      return undefined;
    }
    if (!isObject(value)) {
      this.add(property, 'Must be an object');
      return undefined;
    }
    return value;
  }

  /** Checks `obj[key]` is a finite number when present (or when required). */
  number(obj: Record<string, unknown>, key: string, path: string, required = false): number | undefined {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (required) this.add(join(path, key), 'May not be empty');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(join(path, key), 'Must be a number');
      return undefined;
    }
    return value;
  }

  /** Checks `obj[key]` is one of `values` (required unless `optional`). */
  oneOf(obj: Record<string, unknown>, key: string, path: string, values: readonly string[], optional = false): string | undefined {
    const value = obj[key];
    if ((value === undefined || value === null) && optional) return undefined;
    if (typeof value !== 'string' || !values.includes(value)) {
      this.add(join(path, key), `Must be one of the following values: [${values.join(', ')}]`);
      return undefined;
    }
    return value;
  }
}

/** `messages[0]` + `text` → `messages[0].text`; an empty base gives the bare key. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** `messages` + 0 → `messages[0]`. */
export function at(path: string, index: number): string {
  return `${path}[${index}]`;
}
