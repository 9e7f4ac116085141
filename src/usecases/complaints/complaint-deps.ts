/** What the complaint use cases are given: a unit of work over the complaint repositories, and the bot's wording. */
import type { ComplaintRepositories, ComplaintStatus } from '../../domain/complaint';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** How the resident is told the outcome, in every language the bot speaks (the bot's `complaintOutcomeNotice`). */
export interface ComplaintNotices {
  outcome(subject: { referenceNo: string; outcome: string }): Notice;
}

export interface ComplaintDeps {
  work: UnitOfWork<ComplaintRepositories>;
  notices: ComplaintNotices;
}

/** A complaint as staff saw it when they acted. */
export interface SeenComplaint {
  id: string;
  status: ComplaintStatus;
}
