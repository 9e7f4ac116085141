import type { FlowModule } from '../engine/module';
import { consultationFlow } from './consultation-flow';
import { CONSULTATION, consultationEffect } from './module-context';
import { msg } from '../../domain/message-text';
import { myConsultations } from './my-consultations';
import { referralAnswerGate } from './referral-answer';

/**
 * Consultations (相談する): the consultation form, handed to the area's team when sent; its part in わたしの申し込み; the
 * resident's answer to a referral staff proposed; and what it erases when consent to a topic is withdrawn.
 */
export const consultationFlowModule: FlowModule = {
  id: CONSULTATION,
  flows: [consultationFlow],
  postbackKeys: ['ref'],
  gates: [referralAnswerGate],
  menu: [{ section: 'consult', flow: consultationFlow.id }],
  myRequests: myConsultations,
  topicWithdrawal(topic, ctx) {
    const categories = ctx.council.categories.filter((c) => c.consentTopics?.includes(topic)).map((c) => c.code);
    if (!categories.length) return null;
    return {
      warn: [msg('consultation:topicWithdrawal.warn')],
      done: [msg('consultation:topicWithdrawal.done')],
      effects: [consultationEffect({ type: 'forgetDetails', categories })],
    };
  },
};
