/**
 * A personal notice: a message to particular residents about their own business (a donation's decision, a place at
 * an event, a volunteer request), written with the change it announces and sent by the broadcast engine.
 */
import type { BroadcastContent, PersonalNoticeKind } from './broadcast';

export interface PersonalNotice {
  kind: PersonalNoticeKind;
  /** Its text in every language, and a Japanese title for the console's list of sends (an `Notice`). */
  notice: { title: string; content: BroadcastContent };
  /** The residents it goes to. */
  residentIds: readonly string[];
  /** When it is written; it is sent from then on. */
  at: Date;
  /** The staff member whose act it announces, when the console lists it as theirs. */
  createdBy?: string;
}

/** Where personal notices are written, inside the unit of work of the change they announce. */
export interface PersonalNoticeOutbox {
  add(notice: PersonalNotice): Promise<void>;
}
