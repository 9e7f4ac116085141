/** What the event use cases are given: a unit of work over the events, and the bot's wording of event notices. */
import type { EventNoticeKind, EventNoticeSubject, EventRepositories } from '../../domain/event-registration';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';

/** A notice about an event in every language the bot speaks (the bot's `eventNotice`). */
export interface EventNotices {
  notice(kind: EventNoticeKind, subject: EventNoticeSubject): Notice;
}

export interface EventDeps {
  work: UnitOfWork<EventRepositories>;
  notices: EventNotices;
}
