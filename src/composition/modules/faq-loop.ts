import { mount } from '../../console/console-module';
import { faqLoopModule as faqLoopConsole, type FaqLoopConsole } from '../../console/faq-loop';
import { DAY_MS } from '../../domain/japan-time';
import { faqLoopRepositories, PrismaFaqLoop } from '../../infra/prisma/prisma-faq-loop';
import { noteHandAnswers } from '../../usecases/faq-loop/note-hand-answers';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { ConsoleParts } from '../console-parts';
import type { AppModule } from './module';

/** Days questions staff resolved keep their text (the loop no longer needs it; the row stays as a count). */
export const RESOLVED_TEXT_DAYS = 30;

/**
 * How a synonym's words are stored: width and case folded. The matcher's own normaliser should replace this when
 * the two are joined, so synonyms are stored exactly as questions are read.
 */
export function normaliseWord(word: string): string {
  return word.normalize('NFKC').trim().toLowerCase();
}

/** The FAQ's knowledge loop: the console page and keeping residents' questions no longer than it needs them. */
// No personalData part: the questions it reviews (FaqQuestion) are the faq module's, which collects and erases them.
export const faqLoopModule: AppModule = {
  id: 'faq-loop',
  pipeline: () => ({ flow: { id: 'faq-loop', flows: [], postbackKeys: [] } }),
  console: (parts) => [mount(faqLoopConsole, faqLoopDeps(parts))],
  jobs: (d) => [
    {
      name: 'forget old FAQ questions',
      every: 'daily',
      async run() {
        const now = d.clock.now().getTime();
        const loop = new PrismaFaqLoop(d.db);
        const deleted = await loop.deleteAskedBefore(new Date(now - d.profile.privacy.faqQuestionDays * DAY_MS));
        const erased = await loop.eraseResolvedAskedBefore(new Date(now - RESOLVED_TEXT_DAYS * DAY_MS));
        if (deleted || erased) d.logger.info({ deleted, erased }, 'FAQ questions: old ones deleted, resolved ones erased');
      },
    },
    {
      name: 'FAQ questions staff answered by hand',
      every: 'minute',
      async run() {
        const marked = await noteHandAnswers(new PrismaFaqLoop(d.db), d.clock.now());
        if (marked) d.logger.info({ marked }, 'FAQ questions answered by staff noted for the loop');
      },
    },
  ],
};

function faqLoopDeps({ db }: ConsoleParts): FaqLoopConsole {
  return { store: new PrismaFaqLoop(db), useCases: { work: new PrismaUnitOfWork(db, faqLoopRepositories), normalise: normaliseWord } };
}
