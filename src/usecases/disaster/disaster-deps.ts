/**
 * What the disaster centre's use cases are given: a unit of work over the centre's rows, the bot's wording of its
 * notices, the LINE menu switch, randomness for seeds and check-in codes, and the month's push budget.
 */
import type { DisasterRepositories } from '../../domain/disaster/admin';
import type { QuietHours } from '../../domain/broadcast';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** The bot's wording of a place notice (see src/bot/disaster/place-notices.ts), before any drill mark. */
export interface DisasterNotices {
  place(kind: 'chosen' | 'waitlisted' | 'backfilled' | 'released', subject: { centreName: string; date: string; replyBy?: Date; position?: number }, applicationId: string): Notice;
}

/** The menu residents see: the main one, or the disaster one while a centre runs. */
export type MenuName = 'main' | 'disaster';

export interface DisasterDeps {
  work: UnitOfWork<DisasterRepositories>;
  /** Switches every resident's LINE menu (the rich menu); rejects when LINE refused it. */
  richMenu(to: MenuName): Promise<void>;
  /** Values in [0, 1): check-in codes (and, in the jobs, draw seeds). */
  random(): number;
}

/** What the scheduled draw and backfill are given. */
export interface DisasterJobDeps {
  work: UnitOfWork<DisasterRepositories>;
  notices: DisasterNotices;
  /** Values in [0, 1), for the draw's seed. */
  random(): number;
  monthlyPushBudget: number;
  /** No place is offered from the waitlist in the quiet hours: its notice would wait for the morning while the time to answer runs. */
  quietHours: QuietHours;
}
