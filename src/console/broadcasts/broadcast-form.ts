import { z } from 'zod';
import { BROADCAST_KINDS, type BroadcastContent, type Targeting } from '../../domain/broadcast';
import { INTEREST_TOPICS } from '../../domain/council-profile';
import { LANGUAGES, type Language } from '../../domain/language';
import { MORE_LANGUAGES, readMoreLanguages } from '../shared/language-texts';
import { fromLocal, LOCAL_DATE_TIME, parseLocal } from '../shared/local-date-time';

// The longest title, text (per language), link, image address, salon code and event id the form takes.
const TITLE_MAX = 100;
const TEXT_MAX = 4000;
const LINK_MAX = 1000;
const IMAGE_MAX = 2000;
const SALON_MAX = 32;
const EVENT_MAX = 64;

/**
 * The most characters the form's own fields hold together (title, a text per language, link, image, salon, event,
 * date), for the console's body limit. The checkboxes (districts, topics, languages) are codes, left to its margin.
 */
export const BROADCAST_FORM_MAX_CHARS = TITLE_MAX + (3 + MORE_LANGUAGES.length) * TEXT_MAX + LINK_MAX + IMAGE_MAX + SALON_MAX + EVENT_MAX + 16;

/** The prefix of the text fields in the languages beyond the first three (`text_vi`). */
export const MORE_TEXT_PREFIX = 'text';

/** A form field that may come once (a string) or repeated (an array), as @fastify/formbody gives it. */
const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
/** A textarea's value with its line breaks as one character each, as the browser counted them against `maxlength`. */
const lines = (message: string) => z.string({ error: message }).transform((v) => v.replace(/\r\n?/g, '\n'));
const text = (max: number, message: string) => lines(message).pipe(z.string().trim().max(max, message)).optional().transform((v) => v ?? '');
/** An https address or nothing (an empty field). */
const address = (max: number, notHttps: string, tooLong: string) =>
  z
    .string({ error: notHttps })
    .trim()
    .max(max, tooLong)
    .pipe(z.union([z.literal(''), z.url({ protocol: /^https$/, error: notHttps })], { error: notHttps }))
    .optional()
    .transform((v) => (v ? v : undefined));
const checked = (message: string) => z.literal('on', { error: message }).optional();

/** The compose form, as posted. Dates are `datetime-local` values read as Japan time. */
export const broadcastFormSchema = z.object({
  kind: z.enum(BROADCAST_KINDS, { error: '種類を選んでください' }),
  title: z.string({ error: '件名を入力してください' }).trim().min(1, '件名を入力してください').max(TITLE_MAX, `件名は${TITLE_MAX}文字までにしてください`),
  textJa: lines('本文(日本語)を入力してください').pipe(z.string().trim().min(1, '本文(日本語)を入力してください').max(TEXT_MAX, `本文(日本語)は${TEXT_MAX}文字までにしてください`)),
  textEasy: text(TEXT_MAX, `本文(やさしい日本語)は${TEXT_MAX}文字までにしてください`),
  textEn: text(TEXT_MAX, `本文(英語)は${TEXT_MAX}文字までにしてください`),
  /** A page to read more (a newsletter issue, an event page), https only. */
  link: address(LINK_MAX, 'リンクは https:// から始まるアドレスにしてください', `リンクは${LINK_MAX}文字までにしてください`),
  /** A cover image (a newsletter issue, an event flyer) sent before the text: https, JPEG or PNG, as LINE requires. */
  image: address(IMAGE_MAX, '画像は https:// から始まるアドレスにしてください', `画像のアドレスは${IMAGE_MAX}文字までにしてください`),
  everyone: checked('送る相手を選び直してください'),
  districts: many,
  topics: many.pipe(z.array(z.enum(INTEREST_TOPICS, { error: '関心を選び直してください' }))),
  languages: many.pipe(z.array(z.enum(LANGUAGES, { error: 'ことばを選び直してください' }))),
  /** A salon code: the notice goes to the salon's followers and its district's residents who chose salon news. */
  salon: z.string({ error: 'サロンを選び直してください' }).max(SALON_MAX, 'サロンを選び直してください').optional().transform((v) => (v ? v : undefined)),
  /** A council event's id: the notice goes to the residents registered for it (not the waitlist) when the send starts. */
  event: z.string({ error: '行事を選び直してください' }).max(EVENT_MAX, '行事を選び直してください').optional().transform((v) => (v ? v : undefined)),
  urgent: checked('緊急かどうかを選び直してください'),
  scheduledAt: z.string({ error: '送る日時を入力してください' }).regex(LOCAL_DATE_TIME, '送る日時を入力してください'),
  override: checked('上限をこえて送るかどうかを選び直してください'),
});

/** The posted form: its schema's fields, and the texts in the more languages. */
export type BroadcastForm = z.infer<typeof broadcastFormSchema> & { more: Partial<Record<Language, string>> };

/** The form's values as the engine's types. */
export function fromForm(f: BroadcastForm, salonDistrict: (code: string) => string | undefined = () => undefined): { content: BroadcastContent; targeting: Targeting; scheduledAt: Date } {
  const content: BroadcastContent = { ja: f.textJa, ...(f.textEasy ? { 'ja-x-easy': f.textEasy } : {}), ...(f.textEn ? { en: f.textEn } : {}), ...f.more, ...(f.link ? { link: f.link } : {}), ...(f.image ? { image: f.image } : {}) };
  const district = f.salon ? salonDistrict(f.salon) : undefined;
  // A salon or an event replaces the other conditions.
  const targeting: Targeting = f.event ? { events: [f.event] } : f.salon && district ? { anyOf: [{ salons: [f.salon] }, { districts: [district], topics: ['salons_events'] }] } : {
    ...(f.everyone ? { everyone: true } : {}),
    ...(f.districts.length ? { districts: f.districts } : {}),
    ...(f.topics.length ? { topics: f.topics } : {}),
    ...(f.languages.length ? { languages: f.languages } : {}),
  };
  return { content, targeting, scheduledAt: fromLocal(f.scheduledAt) };
}

/** What a posted form is checked against besides its own rules: the council's districts, salons and open events. */
export interface BroadcastChoices {
  /** The council's district codes. */
  districts: readonly string[];
  /** A salon's district code; undefined for an unknown salon. */
  salonDistrict(code: string): string | undefined;
  /** Whether an event id may be chosen (an open event that has not started). */
  isEvent(id: string): boolean;
}

/** Parses a posted form: the values, or the first problem in Japanese. */
export function parseBroadcastForm(body: unknown, choices: BroadcastChoices): { ok: true; form: BroadcastForm } | { ok: false; error: string } {
  const parsed = broadcastFormSchema.safeParse(body ?? {});
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? '入力を確かめてください' };
  const more = readMoreLanguages((body ?? {}) as Record<string, unknown>, MORE_TEXT_PREFIX, TEXT_MAX, '本文');
  if (!more.ok) return more;
  const r = { data: { ...parsed.data, more: more.texts } };
  if (!parseLocal(r.data.scheduledAt)) return { ok: false, error: '送る日時を確かめてください(ない日付や時刻になっています)' };
  // An unknown code would make a send that reaches nobody while looking like a real one.
  if (r.data.districts.some((d) => !choices.districts.includes(d))) return { ok: false, error: '地区を選び直してください(協議会の地区にないものが入っています)' };
  if (r.data.salon && !choices.salonDistrict(r.data.salon)) return { ok: false, error: 'サロンを選び直してください' };
  if (r.data.event && !choices.isEvent(r.data.event)) return { ok: false, error: '行事を選び直してください(中止した行事や、始まった行事は選べません)' };
  if (r.data.salon && r.data.event) return { ok: false, error: 'サロンのお知らせと行事のお知らせは、どちらか一つを選んでください' };
  const { targeting } = fromForm(r.data, choices.salonDistrict);
  if (!targeting.events && !targeting.anyOf && !targeting.everyone && !targeting.districts && !targeting.topics && !targeting.languages) return { ok: false, error: '送る相手を選んでください(全員、地区、関心、ことばのいずれか)' };
  return { ok: true, form: r.data };
}
