import type { TextsByLanguage } from '../language';

/** A link shown under an answer as a button. */
export interface FaqLink {
  label: string;
  uri: string;
}

/** An FAQ entry as matching and answering read it. */
export interface FaqEntry {
  id: string;
  /** Question forms as residents ask them, in any language. */
  questions: string[];
  /** The answer; Japanese always, easy Japanese and English when written. */
  answer: TextsByLanguage;
  links: FaqLink[];
  /** What the answer can start: `menu=<section>` or `consult=<category code>`; null for nothing. */
  startsWith: string | null;
  /** District codes it is valid in; empty for everywhere. */
  districts: string[];
  /** YYYY-MM-DD (Japan time), inclusive; null for open-ended. */
  validFrom: string | null;
  validUntil: string | null;
  active: boolean;
  /** The seeded entry's code, null for an entry staff wrote. */
  seedCode: string | null;
}

/**
 * Whether the entry may answer a resident today: active, within its dates (Japan time, inclusive) and, when it is
 * limited to districts, the resident's district among them (a resident whose district is unknown is not shut out).
 */
export function entryApplies(entry: Pick<FaqEntry, 'active' | 'validFrom' | 'validUntil' | 'districts'>, today: string, district: string | null): boolean {
  if (!entry.active) return false;
  if (entry.validFrom && today < entry.validFrom) return false;
  if (entry.validUntil && today > entry.validUntil) return false;
  return entry.districts.length === 0 || district === null || entry.districts.includes(district);
}

/** What `startsWith` may hold: a main-menu section or a consultation area. */
export const STARTS_WITH_PATTERN = /^(menu|consult)=[a-z0-9_-]+$/;

/** The parsed `startsWith`, or null for none or an unknown form. */
export function parseStartsWith(value: string | null): { kind: 'menu' | 'consult'; code: string } | null {
  if (!value || !STARTS_WITH_PATTERN.test(value)) return null;
  const [kind, code] = value.split('=') as ['menu' | 'consult', string];
  return { kind, code };
}
