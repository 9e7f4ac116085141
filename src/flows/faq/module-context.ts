import type { FaqEntry } from '../../domain/faq/entry';
import type { AskScope, FaqDecision } from '../../domain/faq/matcher';
import type { Language } from '../../domain/language';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { FlowContext } from '../engine/types';

/** The FAQ module's id: its context key, its effects' owner. */
export const FAQ = 'faq';

/** The entries as the gate reads them: matching a question (deterministic for given entries) and one entry by id. */
export interface FaqMatcher {
  match(question: string, scope: AskScope): FaqDecision;
  entry(id: string): FaqEntry | undefined;
  /** The question's matching form (normalised, synonyms applied), kept for grouping in the knowledge loop. */
  normalized(question: string): string;
}

/** What the FAQ gate reads: the matcher over the entries as they are now (null: none loaded). */
export interface FaqContext {
  matcher: FaqMatcher | null;
}

/** How a question went. */
export type FaqOutcome = 'answered' | 'candidates' | 'unanswered';

/** The FAQ module's effects, written in the step's transaction. */
export type FaqEffect =
  /** A free question, kept for the knowledge loop; `linked` only when the resident consented (else no resident id). */
  | { type: 'asked'; id: string; text: string; normalized: string; language: Language; linked: boolean; outcome: FaqOutcome; entryId: string | null }
  /** 役に立った / ちがう on an answer. */
  | { type: 'feedback'; questionId: string; feedback: 'helpful' | 'unhelpful' }
  /** A candidate tapped: the question is now answered by that entry. */
  | { type: 'picked'; questionId: string; entryId: string };

const NONE: FaqContext = { matcher: null };

export function faqContext(ctx: FlowContext): FaqContext {
  return moduleContext(ctx, FAQ, NONE);
}

export function faqEffect(effect: FaqEffect): ModuleEffect<FaqEffect> {
  return moduleEffect(FAQ, effect);
}
