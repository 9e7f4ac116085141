/**
 * What the needs (ニーズ) use cases are given: a unit of work over the needs, the centre's notices and the audit log;
 * the bot's wording of the household's notices; randomness for reference numbers; the month's push budget; and the
 * profile's `disaster.needs`; the core's alert threads (ids, on-duty staff) for 危機介入.
 */
import type { NeedsRepositories } from '../../domain/disaster/needs-admin';
import type { NeedNoticeKind, NeedStatus } from '../../domain/disaster/needs';
import type { ScreeningRule } from '../../domain/disaster/screening';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { AlertThreadDeps } from '../threads/open-alert-threads';

/** What a need's notice is about. */
export interface NeedNoticeSubject {
  centreName: string;
  referenceNo: string;
  /** For `scheduled`: YYYY-MM-DD. */
  date?: string | null;
  /** For `impossible` and `cancelled`: why, and where to turn. */
  reason?: string | null;
  referral?: string | null;
}

/** The bot's wording of the household's notices (src/bot/disaster/need-notices.ts), before any drill mark. */
export interface NeedNotices {
  /** A status change that concerns the household (`requesterHears`). */
  status(kind: NeedNoticeKind, s: NeedNoticeSubject): Notice;
  /** A report linked to an existing need: that need's reference and status. */
  linked(s: NeedNoticeSubject & { status: NeedStatus }): Notice;
  /** Some days after 完了: is anything still needed? With three answers (more, fine, talk). */
  followUp(needId: string, s: NeedNoticeSubject): Notice;
}

/** The profile's `disaster.needs`. */
export interface NeedsSettings {
  screening: readonly ScreeningRule[];
  staleHours: number;
  followUpDays: number;
  duplicateRadiusMetres: number;
}

/** The needs use cases' dependencies (the console's and the follow-up job's alike). */
export interface NeedsDeps {
  work: UnitOfWork<NeedsRepositories>;
  notices: NeedNotices;
  /** Values in [0, 1): reference numbers. */
  random(): number;
  monthlyPushBudget: number;
  settings: NeedsSettings;
  /** Raising an alert on a LINE reporter's thread with staff (危機介入), through the core's use case. */
  alerts: AlertThreadDeps;
}
