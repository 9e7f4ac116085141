/**
 * Salons in plain Japanese for the console: the usual schedule in words (「毎月 第2・第4 火曜 10:00〜12:00」),
 * dates as staff and residents read them (「12月8日(火)」), what a change does, and the notice that tells a
 * salon's followers about it. Pure.
 */
import type { Weekday } from '../../domain/council-profile';
import type { SalonChangeInput, SalonRule, SalonSchedule } from '../../domain/salon-schedule';
import { jaDay } from '../shared/ja-dates';

const WEEKDAY_JA: Readonly<Record<Weekday, string>> = { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' };

/** `HH:MM` as read aloud on a notice: `09:30` → `9:30`. */
export function jaTime(hhmm: string): string {
  return hhmm.replace(/^0(\d)/, '$1');
}

/** `10:00〜12:00`. */
export function jaTimeRange(start: string, end: string): string {
  return `${jaTime(start)}〜${jaTime(end)}`;
}

function ruleText(rule: SalonRule): string {
  switch (rule.kind) {
    case 'weekly': {
      const every = rule.everyNWeeks ?? 1;
      // Without an anchor week the schedule meets every week (see salon-schedule.ts), so say so.
      const period = every === 1 || !rule.anchor ? '毎週' : every === 2 ? '隔週' : `${every}週ごと`;
      return `${period} ${WEEKDAY_JA[rule.weekday]}曜`;
    }
    case 'monthlyNth': {
      const nth = [...new Set(rule.nth)].sort((a, b) => (a === -1 ? 99 : a) - (b === -1 ? 99 : b)).map((n) => (n === -1 ? '最終' : `第${n}`));
      return `毎月 ${nth.join('・')} ${WEEKDAY_JA[rule.weekday]}曜`;
    }
    case 'monthlyDay':
      return `毎月 ${rule.day}日`;
  }
}

/** The usual schedule in words: 「毎週 火曜 10:00〜12:00」「隔週 水曜 …」「毎月 第2・第4 火曜 …」「毎月 最終 金曜 …」「毎月 15日 …」. */
export function describeSchedule(s: Pick<SalonSchedule, 'rule' | 'start' | 'end'>): string {
  return `${ruleText(s.rule)} ${jaTimeRange(s.start, s.end)}`;
}

/** What a change does, for the list of changes: 「お休み」「臨時の回 13:00〜15:00」「お知らせ:…」. */
export function describeChange(c: Pick<SalonChangeInput, 'kind' | 'start' | 'end' | 'note'>, usual: { start: string; end: string }): string {
  if (c.kind === 'cancelled') return 'お休み';
  if (c.kind === 'extra') return `臨時の回 ${jaTimeRange(c.start ?? usual.start, c.end ?? usual.end)}`;
  return `お知らせ:${c.note ?? ''}`;
}

/** What a salon notice needs to know about the salon. */
export interface NoticeSalon {
  name: string;
  place: string;
  contact: string;
  schedule: { start: string; end: string };
}

/**
 * The notice about a change for the salon's followers, to prefill the broadcast form: the staff-only title and
 * the Japanese text (「【お休みのお知らせ】海岸いきいきサロンは、12月8日(火)の回をお休みします。」 …).
 */
export function changeNotice(salon: NoticeSalon, c: Pick<SalonChangeInput, 'kind' | 'date' | 'start' | 'end' | 'note'>): { title: string; text: string } {
  const day = jaDay(c.date);
  const contact = `お問い合わせ:${salon.contact}`;
  if (c.kind === 'cancelled') {
    return { title: `${salon.name} ${day} お休み`, text: `【お休みのお知らせ】${salon.name}は、${day}の回をお休みします。\n${contact}` };
  }
  if (c.kind === 'extra') {
    const time = jaTimeRange(c.start ?? salon.schedule.start, c.end ?? salon.schedule.end);
    return { title: `${salon.name} ${day} 臨時の回`, text: `【臨時の回】${salon.name}は、${day} ${time}に臨時の回をひらきます。\n場所:${salon.place}\n${contact}` };
  }
  return { title: `${salon.name} ${day} お知らせ`, text: `【お知らせ】${salon.name}の${day}の回について:${c.note ?? ''}\n${contact}` };
}
