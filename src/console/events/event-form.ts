import { z } from 'zod';
import type { EventDefaults } from '../../domain/council-profile';
import type { EventInput, EventText } from '../../domain/event-registration';
import type { Parsed } from '../../usecases/parsed';
import type { Language } from '../../domain/language';
import { MORE_LANGUAGES, moreLanguageValues, readMoreLanguages } from '../shared/language-texts';
import { fromLocal, LOCAL_DATE_TIME, parseLocal, toLocal } from '../shared/local-date-time';

const optional = (max: number, message: string) => z.string().trim().max(max, message).optional().transform((v) => v ?? '');

const dateTime = (message: string) => z.string().regex(LOCAL_DATE_TIME, message);

const TITLE_MAX = 100;
const DESCRIPTION_MAX = 2000;
const PLACE_MAX = 200;

/**
 * The most characters the form's fields hold together (a title and a description per language, the place, three
 * dates and the capacity), for the console's body limit.
 */
export const EVENT_FORM_MAX_CHARS = (3 + MORE_LANGUAGES.length) * (TITLE_MAX + DESCRIPTION_MAX) + PLACE_MAX + 3 * 16 + 5;

/** The event form, as posted. Dates are `datetime-local` values read as Japan time. */
export const eventFormSchema = z.object({
  titleJa: z.string().trim().min(1, '行事の名前(日本語)を入力してください').max(TITLE_MAX, `行事の名前は${TITLE_MAX}文字までにしてください`),
  titleEasy: optional(TITLE_MAX, `行事の名前(やさしい日本語)は${TITLE_MAX}文字までにしてください`),
  titleEn: optional(TITLE_MAX, `行事の名前(英語)は${TITLE_MAX}文字までにしてください`),
  descriptionJa: z.string().trim().min(1, '内容の説明(日本語)を入力してください').max(DESCRIPTION_MAX, `内容の説明は${DESCRIPTION_MAX}文字までにしてください`),
  descriptionEasy: optional(DESCRIPTION_MAX, `内容の説明(やさしい日本語)は${DESCRIPTION_MAX}文字までにしてください`),
  descriptionEn: optional(DESCRIPTION_MAX, `内容の説明(英語)は${DESCRIPTION_MAX}文字までにしてください`),
  place: z.string().trim().min(1, '場所を入力してください').max(PLACE_MAX, `場所は${PLACE_MAX}文字までにしてください`),
  startsAt: dateTime('始まる日時を入力してください'),
  endsAt: dateTime('終わる日時を入力してください'),
  /** Full-width digits (３０) are read as ordinary ones. */
  capacity: z
    .string()
    .transform((v) => v.normalize('NFKC').trim())
    .pipe(z.string().regex(/^\d{1,5}$/, '定員は1〜10000の数字で入力してください'))
    .transform(Number)
    .pipe(z.number().int().min(1, '定員は1〜10000の数字で入力してください').max(10000, '定員は1〜10000の数字で入力してください')),
  deadline: dateTime('申し込みの締切の日時を入力してください'),
});

/** The posted form: its schema's fields, and the title and description in the more languages (`title_vi`). */
export type EventForm = z.infer<typeof eventFormSchema> & { more?: { title: Partial<Record<Language, string>>; description: Partial<Record<Language, string>> } };

function text(ja: string, easy: string, en: string, more: Partial<Record<Language, string>> = {}): EventText {
  return { ja, ...(easy ? { 'ja-x-easy': easy } : {}), ...(en ? { en } : {}), ...more };
}

/**
 * The posted form with the council's defaults filled in where staff left the end or the deadline empty: the end
 * `durationMinutes` after the start; the deadline `deadlineDaysBefore` days before the start's day at
 * `deadlineTime`, and never after the start. Left as posted when the start itself is missing or not a time.
 */
export function withEventDefaults(body: Record<string, string>, d: Pick<EventDefaults, 'durationMinutes' | 'deadlineDaysBefore' | 'deadlineTime'>): Record<string, string> {
  const start = parseLocal(body.startsAt?.trim() ?? '');
  if (!start) return body;
  const day = toLocal(start).slice(0, 10);
  const deadline = Math.min(fromLocal(`${day}T${d.deadlineTime}`).getTime() - d.deadlineDaysBefore * 86_400_000, start.getTime());
  return {
    ...body,
    ...(body.endsAt?.trim() ? {} : { endsAt: toLocal(new Date(start.getTime() + d.durationMinutes * 60_000)) }),
    ...(body.deadline?.trim() ? {} : { deadline: toLocal(new Date(deadline)) }),
  };
}

/** The form's values as the store's input. */
export function eventInput(f: EventForm): EventInput {
  return {
    title: text(f.titleJa, f.titleEasy, f.titleEn, f.more?.title),
    description: text(f.descriptionJa, f.descriptionEasy, f.descriptionEn, f.more?.description),
    place: f.place,
    startsAt: fromLocal(f.startsAt),
    endsAt: fromLocal(f.endsAt),
    capacity: f.capacity,
    deadline: fromLocal(f.deadline),
  };
}

/** An event as the form's values (to edit it). */
export function formValues(e: EventInput): Record<string, string> {
  return {
    titleJa: e.title.ja,
    titleEasy: e.title['ja-x-easy'] ?? '',
    titleEn: e.title.en ?? '',
    descriptionJa: e.description.ja,
    descriptionEasy: e.description['ja-x-easy'] ?? '',
    descriptionEn: e.description.en ?? '',
    ...moreLanguageValues('title', e.title),
    ...moreLanguageValues('description', e.description),
    place: e.place,
    startsAt: toLocal(e.startsAt),
    endsAt: toLocal(e.endsAt),
    capacity: String(e.capacity),
    deadline: toLocal(e.deadline),
  };
}

/**
 * Parses a posted form: the event, or the first problem in Japanese. A new event (`now` given) must start, and
 * close its applications, in the future; an edited one may keep a past start.
 */
export function parseEventForm(body: unknown, now?: Date): Parsed<EventInput> {
  // A field left out (or sent twice) reads as empty, so every problem gets its Japanese message.
  const posted = (body ?? {}) as Record<string, unknown>;
  const r = eventFormSchema.safeParse(Object.fromEntries(Object.keys(eventFormSchema.shape).map((k) => [k, typeof posted[k] === 'string' ? posted[k] : ''])));
  if (!r.success) return { ok: false, error: r.error.issues[0]?.message ?? '入力を確かめてください' };
  const moreTitle = readMoreLanguages(posted, 'title', TITLE_MAX, '行事の名前');
  if (!moreTitle.ok) return moreTitle;
  const moreDescription = readMoreLanguages(posted, 'description', DESCRIPTION_MAX, '内容の説明');
  if (!moreDescription.ok) return moreDescription;
  // A day that does not exist (2月30日) would roll over into the next month: refuse it instead.
  if ([r.data.startsAt, r.data.endsAt, r.data.deadline].some((v) => parseLocal(v) === null)) return { ok: false, error: '日時を確かめてください(ない日付や時刻になっています)' };
  const e = eventInput({ ...r.data, more: { title: moreTitle.texts, description: moreDescription.texts } });
  if (e.endsAt.getTime() <= e.startsAt.getTime()) return { ok: false, error: '終わる日時は、始まる日時より後にしてください' };
  if (e.deadline.getTime() > e.startsAt.getTime()) return { ok: false, error: '申し込みの締切は、始まる日時までにしてください' };
  if (now && e.startsAt.getTime() <= now.getTime()) return { ok: false, error: '始まる日時が過ぎています。これからの日時を入れてください' };
  // Nobody could ever apply to it: the LINE flow takes applications only before the deadline.
  if (now && e.deadline.getTime() <= now.getTime()) return { ok: false, error: '申し込みの締切が過ぎています。締切は、これからの日時にしてください' };
  return { ok: true, value: e };
}
