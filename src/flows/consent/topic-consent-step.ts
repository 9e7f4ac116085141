import { isConsentTopic, TOPIC_CONSENT_VERSION, topicsToAsk, type ConsentTopic } from '../../domain/topic-consent';
import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { CouncilView, FlowContext, FlowData, StepDef, Transition } from '../engine/types';

/** The consent topics a consultation category touches that the resident has not granted (declined ones are asked again). */
export function topicsNeeded(category: CouncilView['categories'][number] | undefined, ctx: FlowContext): ConsentTopic[] {
  return topicsToAsk(ctx.resident.topicConsents ?? [], category?.consentTopics ?? []);
}

/** The topics still to ask about, kept in the flow's data (`askTopics`). */
function pending(data: FlowData): ConsentTopic[] {
  return Array.isArray(data.askTopics) ? data.askTopics.filter((t): t is ConsentTopic => typeof t === 'string' && isConsentTopic(t)) : [];
}

/** The topics the resident declined in this flow (`declinedTopics`). */
export function declinedTopics(data: FlowData): ConsentTopic[] {
  return Array.isArray(data.declinedTopics) ? data.declinedTopics.filter((t): t is ConsentTopic => typeof t === 'string' && isConsentTopic(t)) : [];
}

/**
 * Where to go once the general consent is there: to `stepName` to ask about the first topic `needed`, or on to
 * `then` when every topic is granted already.
 */
export function askTopicsOr(needed: readonly ConsentTopic[], stepName: string, data: FlowData, then: (data: FlowData) => Transition): Transition {
  return needed.length ? { to: stepName, data: { ...data, askTopics: [...needed], declinedTopics: [] } } : then({ ...data, askTopics: [], declinedTopics: [] });
}

/**
 * Asks, in plain words, before information on one sensitive topic is kept: what is kept, why, who sees it, and that
 * the resident can withdraw. Big はい/いいえ buttons (the engine adds the way back to the menu). Each answer is stored
 * as a decision with its version; after the last topic, `then` goes on with `declinedTopics` in the data.
 */
export function topicConsentStep(stepName: string, then: (data: FlowData, ctx: FlowContext) => Transition): StepDef<'yes' | 'no'> {
  return {
    prompt: (data) => {
      const topic = pending(data)[0] ?? 'health';
      return [
        {
          lines: [
            msg(`consent:topic.${topic}.title`),
            msg(`consent:topic.${topic}.kept`),
            msg('consent:ask.why'),
            msg('consent:ask.who'),
            msg('consent:ask.withdraw'),
            msg('consent:ask.question'),
          ],
          buttons: [postbackChip(msg('consent:ask.yes'), 'tc=yes'), postbackChip(msg('consent:ask.no'), 'tc=no')],
        },
      ];
    },
    parse: (input) => parseChoice(input, 'tc', ['yes', 'no'] as const),
    next: (answer, data, ctx) => {
      const [topic, ...rest] = pending(data);
      if (!topic) return then(data, ctx);
      const decided = { type: 'updateResident' as const, patch: { topicConsents: [{ topic, decision: answer === 'yes' ? ('granted' as const) : ('declined' as const), version: TOPIC_CONSENT_VERSION }] } };
      const declined = answer === 'no' ? [...declinedTopics(data), topic] : declinedTopics(data);
      const nextData = { ...data, askTopics: rest, declinedTopics: declined };
      const said = [{ lines: [msg(answer === 'yes' ? 'consent:ask.thanks' : 'consent:ask.declined', { phone: ctx.council.phone })] }];
      if (rest.length) return { to: stepName, data: nextData, effects: [decided], before: said };
      const after = then(nextData, ctx);
      if ('end' in after) return { ...after, effects: [decided, ...(after.effects ?? [])], messages: [...said, ...(after.messages ?? [])] };
      return { ...after, effects: [decided, ...(after.effects ?? [])], before: [...said, ...(after.before ?? [])] };
    },
  };
}
