/** What the volunteer-request use cases are given: a unit of work over the requests, the register, and the bot's wording. */
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { VolunteerAdmin } from '../../domain/volunteer-admin';
import type { RequestNoticeSubject, StaffMove, VolunteerRequestRepositories } from '../../domain/volunteer-requests';

/** How volunteers and requesters are told, in every language the bot speaks (the bot's volunteer notices). */
export interface VolunteerRequestNotices {
  /** The invitation one volunteer gets, with the buttons for `invitationId`, and what to do when not insured for the day. */
  invitation(subject: RequestNoticeSubject, invitationId: string, insured: boolean): Notice;
  /** What the requester is told when staff move the request. */
  moved(to: StaffMove, subject: RequestNoticeSubject): Notice;
  /** After the activity: a volunteer who took part is asked for their hours, with buttons for `invitationId`. */
  report(subject: RequestNoticeSubject, invitationId: string): Notice;
}

export interface VolunteerRequestDeps {
  work: UnitOfWork<VolunteerRequestRepositories>;
  notices: VolunteerRequestNotices;
  /** The volunteer register, read before the transaction to warn about insurance. */
  volunteers: VolunteerAdmin;
}
