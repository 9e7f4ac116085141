import { z } from 'zod';
import { BROADCAST_KINDS, type BroadcastContent, type Targeting } from '../../domain/broadcast';
import { INTEREST_TOPICS } from '../../domain/council-profile';
import { LANGUAGES } from '../../domain/language';

/** A form field that may come once (a string) or repeated (an array), as @fastify/formbody gives it. */
const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v ?? '');

/** The compose form, as posted. Dates are `datetime-local` values read as Japan time. */
export const broadcastFormSchema = z.object({
  kind: z.enum(BROADCAST_KINDS),
  title: z.string().trim().min(1, '件名を入力してください').max(100),
  textJa: z.string().trim().min(1, '本文(日本語)を入力してください').max(4000),
  textEasy: text(4000),
  textEn: text(4000),
  /** A page to read more (a newsletter issue, an event page), https only. */
  link: z.union([z.literal(''), z.url({ protocol: /^https$/, message: 'リンクは https:// から始まるアドレスにしてください' }).max(1000)]).optional().transform((v) => (v ? v : undefined)),
  /** A cover image (a newsletter issue, an event flyer) sent before the text: https, JPEG or PNG, as LINE requires. */
  image: z.union([z.literal(''), z.url({ protocol: /^https$/, message: '画像は https:// から始まるアドレスにしてください' }).max(2000)]).optional().transform((v) => (v ? v : undefined)),
  everyone: z.literal('on').optional(),
  districts: many,
  topics: many.pipe(z.array(z.enum(INTEREST_TOPICS))),
  languages: many.pipe(z.array(z.enum(LANGUAGES))),
  /** A salon code: the notice goes to the salon's followers and its district's residents who chose salon news. */
  salon: z.string().max(32).optional().transform((v) => (v ? v : undefined)),
  /** A council event's id: the notice goes to the residents registered for it (not the waitlist) when the send starts. */
  event: z.string().max(64).optional().transform((v) => (v ? v : undefined)),
  urgent: z.literal('on').optional(),
  scheduledAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '送る日時を入力してください'),
  override: z.literal('on').optional(),
});

export type BroadcastForm = z.infer<typeof broadcastFormSchema>;

/** The form's values as the engine's types. */
export function fromForm(f: BroadcastForm, salonDistrict: (code: string) => string | undefined = () => undefined): { content: BroadcastContent; targeting: Targeting; scheduledAt: Date } {
  const content: BroadcastContent = { ja: f.textJa, ...(f.textEasy ? { 'ja-x-easy': f.textEasy } : {}), ...(f.textEn ? { en: f.textEn } : {}), ...(f.link ? { link: f.link } : {}), ...(f.image ? { image: f.image } : {}) };
  const district = f.salon ? salonDistrict(f.salon) : undefined;
  // A salon or an event replaces the other conditions.
  const targeting: Targeting = f.event ? { events: [f.event] } : f.salon && district ? { anyOf: [{ salons: [f.salon] }, { districts: [district], topics: ['salons_events'] }] } : {
    ...(f.everyone ? { everyone: true } : {}),
    ...(f.districts.length ? { districts: f.districts } : {}),
    ...(f.topics.length ? { topics: f.topics } : {}),
    ...(f.languages.length ? { languages: f.languages } : {}),
  };
  return { content, targeting, scheduledAt: new Date(`${f.scheduledAt}:00+09:00`) };
}

/**
 * Parses a posted form: the values, or the first problem in Japanese. `isEvent` says whether an event id may be
 * chosen (an open event that has not started).
 */
export function parseBroadcastForm(
  body: unknown,
  salonDistrict: (code: string) => string | undefined = () => undefined,
  isEvent: (id: string) => boolean = () => false,
): { ok: true; form: BroadcastForm } | { ok: false; error: string } {
  const r = broadcastFormSchema.safeParse(body ?? {});
  if (!r.success) return { ok: false, error: r.error.issues[0]?.message ?? '入力を確かめてください' };
  if (r.data.salon && !salonDistrict(r.data.salon)) return { ok: false, error: 'サロンを選び直してください' };
  if (r.data.event && !isEvent(r.data.event)) return { ok: false, error: '行事を選び直してください(中止した行事や、始まった行事は選べません)' };
  if (r.data.salon && r.data.event) return { ok: false, error: 'サロンのお知らせと行事のお知らせは、どちらか一つを選んでください' };
  const { targeting } = fromForm(r.data, salonDistrict);
  if (!targeting.events && !targeting.anyOf && !targeting.everyone && !targeting.districts && !targeting.topics && !targeting.languages) return { ok: false, error: '送る相手を選んでください(全員、地区、関心、ことばのいずれか)' };
  return { ok: true, form: r.data };
}
