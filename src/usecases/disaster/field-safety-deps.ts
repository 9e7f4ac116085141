import type { TextsByLanguage } from '../../domain/language';
/**
 * What the safety use cases are given: a unit of work over the teams out, the bot's wording of the reminder and the
 * urgent notice, the month's push budget and the day's end for teams.
 */
import type { FieldSafetyRepositories } from '../../domain/disaster/field-safety-store';
import type { HeatLevel, HeatReminderMinutes } from '../../domain/disaster/field-safety';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** The kinds of a centre-wide urgent notice: 余震 · 避難 · 気象 · その他. */
export const URGENT_KINDS = ['aftershock', 'evacuation', 'weather', 'other'] as const;
export type UrgentKind = (typeof URGENT_KINDS)[number];

/** The urgent notice's text per language as the coordinator wrote it; Japanese is required. */
export type UrgentText = TextsByLanguage;

/** The bot's wording of the safety notices (src/bot/disaster/safety-notices.ts), before any drill mark. */
export interface SafetyNotices {
  /** The break and water reminder to a team's leader, with the heat level's rule. */
  reminder(s: { teamNumber: number; heatLevel: HeatLevel }): Notice;
  /** The centre-wide urgent notice; a language left blank gets the kind's template. */
  urgent(kind: UrgentKind, text: UrgentText): Notice;
}

export interface FieldSafetyDeps {
  work: UnitOfWork<FieldSafetyRepositories>;
  notices: SafetyNotices;
  monthlyPushBudget: number;
  /** The day's end for teams, HH:MM Japan time (the profile's `disaster.teamsBackBy`). */
  teamsBackBy: string;
  /** Minutes between reminders per heat level, unless the day says otherwise (the profile's `disaster.heat`). */
  reminderMinutes: Readonly<HeatReminderMinutes>;
}
