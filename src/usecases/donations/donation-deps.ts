/** What the donation use cases are given: a unit of work over the donation repositories, and the bot's wording. */
import type { DonationMove, DonationNoticeSubject, DonationRepositories } from '../../domain/donation-admin';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** How the donor is told of a move, in every language the bot speaks (the bot's `donationNotice`). */
export interface DonationNotices {
  moved(move: DonationMove, subject: DonationNoticeSubject): Notice;
}

/** One fiscal year's allocation plan: its purposes (codes) and their budgets. */
export interface AllocationPlan {
  fiscalYear: number;
  purposes: ReadonlyArray<{ code: string; budgetYen: number }>;
}

export interface DonationDeps {
  work: UnitOfWork<DonationRepositories>;
  notices: DonationNotices;
  /** The council profile's allocation plans, one per fiscal year (none without a donations section). */
  plans: readonly AllocationPlan[];
}
