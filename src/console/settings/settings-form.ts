/**
 * What the settings pages share: reading a posted form, checking (preview) or saving one section through the
 * use case, and turning the loader's issues into messages beside the fields they concern.
 */
import type { FastifyRequest } from 'fastify';
import { localizedLabel, PROFILE_TEXT_LANGUAGES, type CouncilProfile, type LocalizedLabel, type LocalizedName, type ProfileIssue } from '../../domain/council-profile';
import { countGraphemes, LABEL_MAX_GRAPHEMES } from '../../domain/graphemes';
import type { EasyJapaneseCheck } from '../shared/easy-japanese-summary';
import { LANGUAGE_NAMES } from '../shared/language-names';
import { applySettings, SettingsChangedMeanwhile, SettingsRefused } from '../../domain/settings/apply-settings';
import type { SettingsSection } from '../../domain/settings/sections';
import type { SafetyCategory } from '../../domain/safety';
import { saveSettings } from '../../usecases/settings/save-settings';
import type { SettingsDeps } from '../../usecases/settings/settings-deps';
import { staffAct } from '../console-guard';
import { issueLine, reasonInJapanese } from './issue-text';

/** What the settings pages need. */
export interface SettingsConsole {
  /** The settings in effect now (read again before each console request). */
  current(): CouncilProfile;
  /** The version read last (0: only the profile file). */
  stamp(): number;
  /** Reads the settings again (after a save, so this thread's next page and reply have them at once). */
  refresh(): Promise<unknown>;
  useCases: SettingsDeps;
  /** The settings as a profile file's text, and such a text read back (YAML or JSON). */
  file: { write(profile: CouncilProfile, at: Date, stamp: number): string; read(text: string): unknown };
  /** What a resident would see with `profile` (not saved), tapping `taps` in turn, in each language (null: not shown). */
  residentView(profile: CouncilProfile, scenario: ResidentScenario): Promise<ResidentPreview>;
  /** The server's やさしい日本語 check, shown under the saved easy-Japanese texts (none: not shown). */
  easyJapanese?: EasyJapaneseCheck;
}

/**
 * A resident's taps for a preview: postback data in turn (or a message typed, with the danger the safety detector
 * would find in it), from the district given, at `now`.
 */
export interface ResidentScenario {
  taps: Array<string | { text: string; danger: SafetyCategory }>;
  districtCode: string | null;
  now: Date;
}

/** The replies to a scenario's last tap, per language: each message's texts and buttons (null: it could not be drawn). */
export type ResidentPreview = Array<{ language: string; bubbles: Array<{ texts: string[]; buttons: string[] }> | null }>;

export type FormValues = Record<string, string>;

/** The posted form as strings (a repeated field keeps its values joined by `,`). */
export function postedForm(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : Array.isArray(v) ? [[k, v.filter((x) => typeof x === 'string').join(',')]] : [])),
  );
}

/** A field's text, trimmed; absent when empty. */
export function text(v: FormValues, key: string): string | undefined {
  const s = v[key]?.trim();
  return s ? s : undefined;
}

/** The Japanese, English and easy-Japanese variants of `base` (name, label, about …), leaving out empty ones. */
export function localized(v: FormValues, base: string): Record<string, string> {
  return Object.fromEntries(
    [base, `${base}En`, `${base}Easy`].flatMap((k) => {
      const s = text(v, k);
      return s === undefined ? [] : [[k, s]];
    }),
  );
}

/** Form values of an item's fields (strings and numbers; nested values are the page's to fill). */
export function valuesOf(item: object): FormValues {
  return Object.fromEntries(Object.entries(item).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [])));
}

export interface LabelPreview {
  language: string;
  text: string;
  count: number;
  fits: boolean;
}

/**
 * The item's LINE button in each language the profile has fields for, as residents will see it, with its length
 * against LINE's limit (the other languages show the easy-Japanese button).
 */
export function labelPreview(posted: Readonly<Record<string, unknown>>, max = LABEL_MAX_GRAPHEMES): LabelPreview[] {
  const s = (k: keyof (LocalizedName & LocalizedLabel)) => (typeof posted[k] === 'string' ? { [k]: posted[k] } : {});
  const item: LocalizedName & LocalizedLabel = { name: '', ...s('name'), ...s('nameEn'), ...s('nameEasy'), ...s('label'), ...s('labelEn'), ...s('labelEasy') };
  return PROFILE_TEXT_LANGUAGES.map((l) => {
    const shown = localizedLabel(item, l);
    const count = countGraphemes(shown);
    return { language: LANGUAGE_NAMES[l], text: shown, count, fits: count <= max };
  });
}

/** Issues of one list item (`salons.3.label` for item 3) by field, and every other issue as a line. */
export function issuesByField(issues: readonly ProfileIssue[], prefix: string): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    if (issue.path.startsWith(`${prefix}.`)) {
      const field = issue.path.slice(prefix.length + 1).split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
      fields[field] = fields[field] ? `${fields[field]} ${reasonInJapanese(issue.message)}` : reasonInJapanese(issue.message);
    } else general.push(issueLine(issue));
  }
  return { fields, general };
}

export type Submitted =
  | { kind: 'saved'; seqs: number[] }
  | { kind: 'checked'; profile: CouncilProfile }
  | { kind: 'refused'; issues: ProfileIssue[] }
  | { kind: 'meanwhile' };

/**
 * Checks `document` as `section` of the settings in effect (`intent` preview), or saves it based on `version` (the
 * section's version the page was read at). Refusals come back for the page to show; nothing is written then.
 */
export async function submitSection(deps: SettingsConsole, request: FastifyRequest, section: SettingsSection, document: unknown, version: number, intent: 'preview' | 'save', now: Date): Promise<Submitted> {
  if (intent === 'preview') {
    const checked = applySettings(deps.current(), { [section]: document }, now);
    return checked.ok ? { kind: 'checked', profile: checked.profile } : { kind: 'refused', issues: checked.issues };
  }
  try {
    const saved = await saveSettings(deps.useCases, { sections: { [section]: document }, basedOn: { [section]: version }, kind: 'edit' }, staffAct(request, now));
    await deps.refresh();
    return { kind: 'saved', seqs: saved.seqs };
  } catch (e) {
    if (e instanceof SettingsRefused) return { kind: 'refused', issues: e.issues };
    if (e instanceof SettingsChangedMeanwhile) return { kind: 'meanwhile' };
    throw e;
  }
}

/** The version of `section` in effect (0: the profile file's). */
export async function versionOf(deps: SettingsConsole, section: SettingsSection): Promise<number> {
  return (await deps.useCases.history.latest()).find((r) => r.section === section)?.version ?? 0;
}

export const MEANWHILE = 'ほかの人が、同じ設定をいま変えました。画面を読み込み直して、もう一度入れてください。';
export const SAVED = '保存しました。LINEの利用者には、次のメッセージからすぐに反映されます。';
