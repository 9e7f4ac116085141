/**
 * Volunteers in plain Japanese for the console and its CSV: days and times in words (「土 午前・日 午前」), the
 * insurance (「2026年度 基本」 / 「なし」), the status, skills and district by their names in the council profile.
 * Pure.
 */
import { WEEKDAYS, type Weekday } from '../../domain/council-profile';
import { DAY_PARTS, insuranceCovers, type Availability, type DayPart, type Insurance, type InsurancePlan, type VolunteerStatus } from '../../domain/volunteer';
import type { VolunteerHoursRow } from '../../domain/annual-report';
import type { VolunteerExportRow, VolunteerRecord } from '../../domain/volunteer-admin';
import { memoized } from '../../domain/memo';
import { csvDate, csvFile, csvHead, csvLines, csvPhone } from '../shared/csv';
import { districtText, volunteerName, type NamedCode } from '../shared/names';

const WEEKDAY_JA: Readonly<Record<Weekday, string>> = { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' };
/** Parts of the day; 夕方以降 rather than LINE's 夕方・夜, whose ・ would read as a separator between days here. */
const PART_JA: Readonly<Record<DayPart, string>> = { am: '午前', pm: '午後', evening: '夕方以降' };
const PLAN_JA: Readonly<Record<InsurancePlan, string>> = { basic: '基本', disaster: '天災' };
export const STATUS_JA: Readonly<Record<VolunteerStatus, string>> = { active: '活動中', paused: '休止中', left: '退会' };

/** `土 午前・日 午前`, or `月 午前/午後・土 午前` with several parts of a day; `登録なし` when none. */
export function availabilityText(a: Availability): string {
  const days = WEEKDAYS.flatMap((d) => {
    const parts = DAY_PARTS.filter((p) => a[d]?.includes(p));
    return parts.length ? [`${WEEKDAY_JA[d]} ${parts.map((p) => PART_JA[p]).join('/')}`] : [];
  });
  return days.length ? days.join('・') : '登録なし';
}

/** `2026年度 基本` / `2026年度 天災` / `なし`. */
export function insuranceText(i: Insurance | null): string {
  return i ? `${i.fiscalYear}年度 ${PLAN_JA[i.plan]}` : 'なし';
}

/** Reported hours: `2時間`, `1.5時間`. */
export function hoursText(hours: number): string {
  return `${hours}時間`;
}

/** Skill names from their codes, in the profile's order (unknown codes as they are), `、` between; `なし` when none. */
export function skillsText(codes: readonly string[], skills: readonly NamedCode[]): string {
  const known = skills.filter((s) => codes.includes(s.code)).map((s) => s.name);
  const unknown = codes.filter((c) => !skills.some((s) => s.code === c));
  const names = [...known, ...unknown];
  return names.length ? names.join('、') : 'なし';
}

/** True when a volunteer still registered (not left) is not insured on `date`: the list shows a warning. */
export function uninsuredWarning(v: Pick<VolunteerRecord, 'status' | 'insurance'>, date: string): boolean {
  return v.status !== 'left' && !insuranceCovers(v.insurance, date);
}

export const VOLUNTEER_CSV_HEADER = ['番号', 'お名前', '電話', '地区', 'できること', '曜日と時間帯', '保険', '状態', '登録日'] as const;

/** The volunteer list as a CSV file for Japanese Excel; the insurance cell says when a plan does not cover `today`. */
export function volunteersCsv(vs: readonly VolunteerRecord[], names: { skills: readonly NamedCode[]; districts: readonly NamedCode[] }, today: string): string {
  return volunteersCsvHead() + volunteersCsvRows(vs, names, today, 0);
}

/** The start of `volunteersCsv` (for a file written a batch at a time). */
export function volunteersCsvHead(): string {
  return csvHead(VOLUNTEER_CSV_HEADER);
}

/** Lines of `volunteersCsv` for a batch of volunteers; `before` is how many lines came before it (the 番号 column). */
export function volunteersCsvRows(vs: readonly VolunteerExportRow[], names: { skills: readonly NamedCode[]; districts: readonly NamedCode[] }, today: string, before: number): string {
  // Registrations read together share their parsed skills and availability: each pattern is worded once.
  const skillTexts = new Map<readonly string[], string>();
  const availabilityTexts = new Map<Availability, string>();
  return csvLines(
    vs.map((v, i) => [
      String(before + i + 1),
      volunteerName(v.name),
      v.phone ? csvPhone(v.phone) : 'LINEで連絡',
      districtText(v.districtCode, names.districts),
      memoized(skillTexts, v.skills, (s) => skillsText(s, names.skills)),
      memoized(availabilityTexts, v.availability, availabilityText),
      v.insurance && uninsuredWarning(v, today) ? `${insuranceText(v.insurance)}(今日は対象外)` : insuranceText(v.insurance),
      STATUS_JA[v.status],
      csvDate(v.registeredAt),
    ]),
  );
}

/** The annual report's volunteer activity: one row per volunteer. */
export function volunteerHoursCsv(rows: readonly VolunteerHoursRow[]): string {
  return csvFile(
    ['お名前', '活動回数', '活動時間(時間)'],
    rows.map((r) => [volunteerName(r.name), String(r.activities), String(r.hours)]),
  );
}
