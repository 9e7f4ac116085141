/** What the knowledge loop's use cases are given. */
import type { FaqLoopRepositories } from '../../domain/faq-loop/ports';
import type { UnitOfWork } from '../../domain/unit-of-work';

export interface FaqLoopDeps {
  work: UnitOfWork<FaqLoopRepositories>;
  /** How a synonym's words are stored: normalised as the matcher normalises residents' questions. */
  normalise(word: string): string;
}
