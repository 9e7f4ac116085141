/** FAQ entries (よくある質問) as a console module: the entries LINE answers residents' free questions from. */
import type { ConsoleModule } from '../console-module';
import { faqRoutes, type FaqConsole, type FaqEntryView, type FaqListView } from './faq-routes';
import { ANSWER_MAX, QUESTIONS_MAX } from './faq-form';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Add and change FAQ entries (and, in the knowledge loop, turn residents' questions into entries). */
    'faq.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    faqEntries: FaqListView;
    faqEntry: FaqEntryView;
  }
}

export type { FaqConsole };

export const faqEntriesModule: ConsoleModule<FaqConsole> = {
  id: 'faq',
  dir: 'src/console/faq',
  permissions: { 'faq.manage': ['coordinator'] },
  nav: [{ href: '/console/faq', label: 'よくある質問', permission: 'faq.manage' }],
  routes: faqRoutes,
  // Every question form at its longest, three answers and the links.
  longestForm: QUESTIONS_MAX * 200 + 9 * ANSWER_MAX + 3 * 300 + 500,
};
