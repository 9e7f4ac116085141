import { z } from 'zod';
import { minutesOfDay } from '../../domain/council-profile';
import { jstDate, jstMidnight, jstMidnightOf } from '../../domain/japan-time';
import type { SalonChange, SalonChangeInput } from '../../domain/salon-schedule';

export type ChangeKind = SalonChange['kind'];
export const CHANGE_KINDS: readonly ChangeKind[] = ['cancelled', 'extra', 'note'];

/** How far ahead an extra session may be added. */
export const EXTRA_DAYS_AHEAD = 366;
export const NOTE_MAX = 200;

const date = (message: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message);
const time = (message: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message);

/** The three change forms of a salon's page, as posted (told apart by the hidden `kind`). */
export const salonChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancelled'), date: date('お休みにする回を選んでください') }),
  z.object({
    kind: z.literal('extra'),
    date: date('臨時の回の日にちを入れてください'),
    start: time('臨時の回の始まる時刻を入れてください'),
    end: time('臨時の回の終わる時刻を入れてください'),
  }),
  z.object({
    kind: z.literal('note'),
    date: date('お知らせを付ける回を選んでください'),
    note: z.string().trim().min(1, 'お知らせの文を入力してください').max(NOTE_MAX, `お知らせは${NOTE_MAX}文字までにしてください`),
  }),
]);

/** What a change is checked against: the salon's sessions with the changes made so far. */
export interface ChangeContext {
  now: Date;
  /** Dates of the upcoming sessions on the page (changes applied): the ones that can be cancelled or given a note. */
  sessionDates: readonly string[];
  /** Dates of the extra sessions staff added (one is taken back by removing its change, not by cancelling it). */
  extraDates: readonly string[];
  /** True when the salon already meets on `date` (changes applied). */
  meetsOn(date: string): boolean;
}

export type ParsedChange = { ok: true; change: Omit<SalonChangeInput, 'salon'> } | { ok: false; kind: ChangeKind | null; error: string };

function realDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The posted form's kind, when it is one of the three. */
export function postedKind(body: unknown): ChangeKind | null {
  const kind = ((body ?? {}) as Record<string, unknown>).kind;
  return CHANGE_KINDS.find((k) => k === kind) ?? null;
}

/** The posted fields of one change form (a field left out or sent twice reads as empty). */
export function postedValues(body: unknown): Record<string, string> {
  const posted = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(['kind', 'date', 'start', 'end', 'note'].map((k) => [k, typeof posted[k] === 'string' ? posted[k] : '']));
}

/** Parses a posted change: the change, or the first problem in Japanese (with the form it came from). */
export function parseSalonChangeForm(body: unknown, ctx: ChangeContext): ParsedChange {
  const kind = postedKind(body);
  if (!kind) return { ok: false, kind: null, error: '変更の種類がわかりませんでした。画面を開き直して、もう一度お試しください' };
  const r = salonChangeSchema.safeParse(postedValues(body));
  if (!r.success) return { ok: false, kind, error: r.error.issues[0]?.message ?? '入力を確かめてください' };
  const f = r.data;
  const fail = (error: string): ParsedChange => ({ ok: false, kind, error });
  switch (f.kind) {
    case 'cancelled':
      if (ctx.extraDates.includes(f.date)) return fail('この日は臨時の回です。やめるときは「これからの変更」で、その臨時の回を取り消してください');
      if (!ctx.sessionDates.includes(f.date)) return fail('お休みにする回は、これからの回の中から選んでください');
      return { ok: true, change: { date: f.date, kind: 'cancelled', start: null, end: null, note: null } };
    case 'note':
      if (!ctx.sessionDates.includes(f.date)) return fail('お知らせを付ける回は、これからの回の中から選んでください');
      return { ok: true, change: { date: f.date, kind: 'note', start: null, end: null, note: f.note } };
    case 'extra': {
      if (!realDate(f.date)) return fail('日にちを確かめてください(ない日付になっています)');
      if (minutesOfDay(f.end) <= minutesOfDay(f.start)) return fail('終わる時刻は、始まる時刻より後にしてください');
      if (jstMidnightOf(f.date) + minutesOfDay(f.start) * 60_000 <= ctx.now.getTime()) return fail('臨時の回の日時が過ぎています。これからの日時を入れてください');
      if (f.date > jstDate(jstMidnight(ctx.now) + EXTRA_DAYS_AHEAD * 86_400_000)) return fail('臨時の回は、1年先までの日にちにしてください');
      if (ctx.meetsOn(f.date)) return fail('この日は、もう回があります。時間を変えるときは、先にその日をお休みにしてから、臨時の回を追加してください');
      return { ok: true, change: { date: f.date, kind: 'extra', start: f.start, end: f.end, note: null } };
    }
  }
}
