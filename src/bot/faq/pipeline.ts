import { FAQ, faqFlowModule, type FaqContext, type FaqEffect, type MenuLabels } from '../../flows/faq';
import type { FaqWrite } from '../../domain/faq/store';
import type { PipelineModule } from '../pipeline/module-contract';
import type { FaqIndexCache } from './faq-index-cache';

const NO_MATCHER: FaqContext = { matcher: null };


/**
 * The FAQ in processing: the residents who typed a text or tapped an FAQ button get the matcher over the entries as
 * they are (rebuilt only when they changed), since any idle text may be a question. The tokenizer (kuromoji's
 * dictionary, tens of MB) is built with the first of them, not at start: a service nobody types to never holds it.
 * Every batch makes sure the profile's entries were seeded (once). Questions are stored
 * with the resident only when the step saw their consent.
 */
export function faqPipeline(deps: { cache: FaqIndexCache; menuLabels: MenuLabels }): PipelineModule {
  return {
    flow: faqFlowModule(deps.menuLabels),
    alsoFor: { allEvents: true },
    async load(_residents, _now, _asking, typedOrTapped) {
      if (typedOrTapped.length === 0) {
        await deps.cache.prepare();
        return () => NO_MATCHER;
      }
      const context: FaqContext = { matcher: await deps.cache.index() };
      return () => context;
    },
    plan(effects, { residentId }) {
      const out: FaqWrite = { asked: [], feedback: [], picked: [] };
      for (const e of effects as FaqEffect[]) {
        if (e.type === 'asked') out.asked.push({ id: e.id, text: e.text, normalized: e.normalized, language: e.language, residentId: e.linked ? residentId : null, outcome: e.outcome, entryId: e.entryId });
        else if (e.type === 'feedback') out.feedback.push({ questionId: e.questionId, feedback: e.feedback });
        else out.picked.push({ questionId: e.questionId, entryId: e.entryId });
      }
      return { data: out };
    },
  };
}
export { FAQ };
