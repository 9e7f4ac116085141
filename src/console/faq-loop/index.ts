/**
 * The FAQ's knowledge loop (よくある質問の見直し) as a console module: the questions the FAQ did not answer well,
 * grouped, turned by staff into entries or synonyms, and the weekly share the FAQ answered.
 */
import type { ConsoleModule } from '../console-module';
import { LOOP_FORM_MAX_CHARS } from './faq-loop-form';
import { faqLoopRoutes, type FaqLoopConsole, type FaqLoopView } from './faq-loop-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** See residents' unanswered questions (never with their names), add entries and synonyms from them, dismiss them. */
    'faq.loop': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    faqLoop: FaqLoopView;
  }
}

export type { FaqLoopConsole };

export const faqLoopModule: ConsoleModule<FaqLoopConsole> = {
  id: 'faq-loop',
  dir: 'src/console/faq-loop',
  permissions: { 'faq.loop': ['coordinator'] },
  nav: [{ href: '/console/faq-loop', label: '質問の見直し', permission: 'faq.loop' }],
  routes: faqLoopRoutes,
  longestForm: LOOP_FORM_MAX_CHARS,
};
