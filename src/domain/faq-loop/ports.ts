import type { TextsByLanguage } from '../language';
/**
 * The knowledge loop's ports: reading the questions the loop lists and the share, and what its use cases write
 * (a new entry, a synonym, the questions resolved, the audit row) in one transaction. Questions never come with
 * anything naming the resident.
 */
import type { AuditTrail } from '../staff';
import type { AskedQuestion } from './weekly-share';
import type { LoopQuestion } from './grouping';

export interface FaqLoopStore {
  /** Open (unresolved) questions no entry answered, answers marked unhelpful, and questions staff answered by hand. */
  openQuestions(): Promise<LoopQuestion[]>;
  /** Every question asked from `since` on, as the weekly share reads it. */
  askedSince(since: Date): Promise<AskedQuestion[]>;
}

/** An FAQ entry staff write from a group. */
export interface NewFaqEntry {
  questions: string[];
  answer: TextsByLanguage;
}

export interface FaqLoopRepositories {
  questions: {
    /** Of `ids`, the ones still open (in the loop and unresolved). */
    openAmong(ids: readonly string[]): Promise<string[]>;
    /** Marks the questions resolved; returns how many were still open. */
    resolve(ids: readonly string[], by: string, at: Date): Promise<number>;
  };
  entries: { create(entry: NewFaqEntry, by: string, at: Date): Promise<string> };
  synonyms: {
    /** The meaning stored for `term`, or null. */
    meaningOf(term: string): Promise<string | null>;
    /** Stores `term → means`, replacing an earlier meaning of the same term. */
    put(term: string, means: string, by: string, at: Date): Promise<void>;
  };
  audit: AuditTrail;
}

/** Keeping the questions no longer than the loop needs them. */
export interface FaqQuestionRetention {
  /** Deletes questions asked before `before`; returns how many. */
  deleteAskedBefore(before: Date): Promise<number>;
  /**
   * Resolved questions asked before `before` lose their text and any link to the resident; the row stays as a
   * bare count for the weekly share. Returns how many were erased.
   */
  eraseResolvedAskedBefore(before: Date): Promise<number>;
}

/** A question no entry answered (or whose answer did not help), from a resident staff may have answered since. */
export interface HandAnswerCandidate {
  id: string;
  residentId: string;
  at: Date;
}

/** Finding the questions staff answered by hand in a thread with the resident. */
export interface HandAnswers {
  /** Open questions asked from `since` on, unanswered or marked unhelpful, linked to a resident; oldest first. */
  candidates(since: Date, limit: number): Promise<HandAnswerCandidate[]>;
  /** The first text staff sent `residentId` after `after` and before `before`, or null. */
  firstStaffText(residentId: string, after: Date, before: Date): Promise<string | null>;
  /** Marks the question answered by staff with `answer`, if it is still open and not already so; false otherwise. */
  markAnsweredByStaff(id: string, answer: string): Promise<boolean>;
}
