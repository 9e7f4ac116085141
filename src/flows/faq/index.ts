import type { FlowModule } from '../engine/module';
import { faqGate } from './faq-gate';
import { menuWords, type MenuLabels } from './menu-words';
import { FAQ } from './module-context';

export { FAQ, faqContext, type FaqContext, type FaqEffect, type FaqMatcher } from './module-context';
export type { MenuLabels } from './menu-words';

/**
 * Residents' own questions (FAQ): no flows of its own, one gate that answers free text outside a flow and the taps
 * on its answers (`faq=…`). `labels` are the main menu's labels in every language, whose words open their section.
 */
export function faqFlowModule(labels: MenuLabels): FlowModule {
  return { id: FAQ, flows: [], postbackKeys: ['faq'], gates: [faqGate(menuWords(labels))] };
}
