/**
 * The disaster centre's forms as posted: opening a centre, and an activity date's settings. Each parser gives the
 * value or its first problem in Japanese; the rules that need the clock are the use cases' (`dayProblem`).
 */
import { isCalendarDate } from '../../domain/japan-time';
import type { CentreInput } from '../../domain/disaster/admin';
import { BACKFILL_HOURS_MAX, CAPACITY_MAX, defaultReconfirmBy, type DayInput, type DayProblem } from '../../domain/disaster/days';
import type { ActivityDay } from '../../domain/disaster/centre';
import type { Parsed } from '../../usecases/parsed';
import { many, one } from '../shared/form-fields';
import { parseLocal, toLocal } from '../shared/local-date-time';
import type { NamedCode } from '../shared/names';

const NAME_MAX = 100;

/** The most characters the centre's longest form (an activity date, with a number per skill) holds. */
export function disasterFormMaxChars(skills: number): number {
  return NAME_MAX + 40 * 30 + 16 * 4 + 10 * (skills + 4);
}

/** The centre form: the disaster's name, the affected districts (from the profile), the opening date, real or drill. */
export function parseCentreForm(body: unknown, districts: readonly NamedCode[]): Parsed<CentreInput> {
  const f = (body ?? {}) as Record<string, unknown>;
  const name = one(f.name);
  if (!name) return { ok: false, error: '災害の名前(センターの名前)を入力してください' };
  if (name.length > NAME_MAX) return { ok: false, error: `名前は${NAME_MAX}文字までにしてください` };
  const chosen = many(f.districts);
  if (!chosen.length) return { ok: false, error: '被災した地区を1つ以上選んでください' };
  if (chosen.some((c) => !districts.some((d) => d.code === c))) return { ok: false, error: '地区を一覧から選んでください' };
  const openedOn = one(f.openedOn);
  if (!isCalendarDate(openedOn)) return { ok: false, error: '開設日を入力してください(ない日付になっています)' };
  const kind = one(f.kind);
  if (kind !== 'real' && kind !== 'drill') return { ok: false, error: '実際の災害か訓練かを選んでください' };
  return { ok: true, value: { name, districts: districts.filter((d) => chosen.includes(d.code)).map((d) => d.code), openedOn, drill: kind === 'drill' } };
}

/** A whole number in [min, max], full-width digits read as ordinary ones; null otherwise. */
function whole(v: unknown, min: number, max: number): number | null {
  const s = one(v).normalize('NFKC');
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/**
 * The activity date form. `date`: the date being edited (its own field is then not read). A blank reconfirmation
 * deadline is the default one: the day before at 18:00.
 */
export function parseDayForm(body: unknown, skills: readonly NamedCode[], date?: string): Parsed<DayInput> {
  const f = (body ?? {}) as Record<string, unknown>;
  const day = date ?? one(f.date);
  if (!isCalendarDate(day)) return { ok: false, error: '活動日を入力してください(ない日付になっています)' };
  const capacity = whole(f.capacity, 1, CAPACITY_MAX);
  if (capacity === null) return { ok: false, error: `定員は1〜${CAPACITY_MAX}の数字で入力してください` };
  const opensAt = parseLocal(one(f.opensAt));
  if (!opensAt) return { ok: false, error: '申し込みの受付を始める日時を入力してください' };
  const closesAt = parseLocal(one(f.closesAt));
  if (!closesAt) return { ok: false, error: '申し込みを締め切る日時(抽選の日時)を入力してください' };
  const rawReconfirm = one(f.reconfirmBy);
  const reconfirmBy = rawReconfirm ? parseLocal(rawReconfirm) : defaultReconfirmBy(day);
  if (!reconfirmBy) return { ok: false, error: '再確認の期限の日時を確かめてください' };
  const backfillHours = whole(f.backfillHours, 1, BACKFILL_HOURS_MAX);
  if (backfillHours === null) return { ok: false, error: `繰り上げの返事を待つ時間は1〜${BACKFILL_HOURS_MAX}時間で入力してください` };
  const skillPlaces: DayInput['priorities']['skillPlaces'] = [];
  for (const s of skills) {
    const raw = one(f[`skill_${s.code}`]);
    if (!raw) continue;
    const places = whole(raw, 0, CAPACITY_MAX);
    if (places === null) return { ok: false, error: `「${s.name}」の人の枠は0以上の数字で入力してください` };
    if (places > 0) skillPlaces.push({ skill: s.code, places });
  }
  return { ok: true, value: { date: day, capacity, opensAt, closesAt, reconfirmBy, backfillHours, priorities: { localsFirst: one(f.localsFirst) === 'on', skillPlaces } } };
}

/** A date's settings as the form's values (to edit it). */
export function dayFormValues(d: Pick<ActivityDay, 'date' | 'capacity' | 'opensAt' | 'closesAt' | 'reconfirmBy' | 'backfillHours' | 'priorities'>): Record<string, string> {
  return {
    date: d.date,
    capacity: String(d.capacity),
    opensAt: toLocal(d.opensAt),
    closesAt: toLocal(d.closesAt),
    reconfirmBy: toLocal(d.reconfirmBy),
    backfillHours: String(d.backfillHours),
    localsFirst: d.priorities.localsFirst ? 'on' : '',
    ...Object.fromEntries(d.priorities.skillPlaces.map((s) => [`skill_${s.skill}`, String(s.places)])),
  };
}

/** Why a date's settings were refused, in the form's words. */
export const DAY_PROBLEMS: Readonly<Record<DayProblem, string>> = {
  datePassed: '活動日が過ぎています。これからの日付を入れてください',
  windowOrder: '申し込みの締切は、受付を始める日時より後にしてください',
  reconfirmBeforeClose: '再確認の期限は、申し込みの締切(抽選)より後にしてください',
  reconfirmAfterStart: '再確認の期限は、活動日の前(前日まで)にしてください',
  skillPlacesOverCapacity: '特技の枠の合計が、定員をこえています',
};
