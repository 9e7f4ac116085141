/**
 * The parts of the council profile staff change in the console's settings pages. Each is one top-level key of the
 * profile, saved whole (a version per save) and validated with the whole profile, as the loader validates the file.
 * The FAQ is not among them: its entries and synonyms are kept in their own tables (the FAQ pages).
 */
import { z } from 'zod';
import { councilProfileSchema, type CouncilProfile } from '../council-profile';

export const SETTINGS_SECTIONS = [
  'council', 'contact', 'emergency', 'districts', 'teams', 'partners', 'consultationCategories', 'businessHours',
  'salons', 'events', 'volunteer', 'donations', 'complaints', 'disaster', 'consultation', 'newsletters', 'messaging',
  'privacy', 'retention',
] as const satisfies ReadonlyArray<keyof CouncilProfile>;

export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/** Each section's name on the settings pages and in the audit log. */
export const SECTION_TITLES: Record<SettingsSection, string> = {
  council: '社協の名前',
  contact: '連絡先と受付時間（案内文）',
  emergency: '相談窓口（電話）',
  districts: '地区',
  teams: '担当チーム',
  partners: 'つなぎ先の機関',
  consultationCategories: '相談の分野',
  businessHours: '営業時間と休日',
  salons: 'サロン',
  events: '行事の初期値（場所・定員・締切）',
  volunteer: 'ボランティアの活動',
  donations: '寄付・配分計画・食品のルール',
  complaints: '苦情受付',
  disaster: '災害ボランティアセンターの初期設定',
  consultation: '相談の返信（定型文・通知）',
  newsletters: '広報紙',
  messaging: '送信の上限と静かな時間',
  privacy: '個人情報の案内',
  retention: 'データの保存期間',
};

export function isSettingsSection(s: string): s is SettingsSection {
  return (SETTINGS_SECTIONS as readonly string[]).includes(s);
}

/** A section's shape as JSON Schema (the loader's own schema; its refinements are checked on save, not here). */
export type SectionSchema = {
  type?: string | string[];
  properties?: Record<string, SectionSchema>;
  required?: string[];
  items?: SectionSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SectionSchema[];
  oneOf?: SectionSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
};

let schemas: Record<string, SectionSchema> | undefined;

/** The JSON Schema of `section` as staff give it (input side: defaults may be left out). */
export function sectionSchema(section: SettingsSection): SectionSchema {
  schemas ??= (z.toJSONSchema(councilProfileSchema, { unrepresentable: 'any', io: 'input' }) as SectionSchema).properties ?? {};
  return schemas[section] ?? {};
}
