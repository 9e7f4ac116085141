import { CLOSED_LISTED_DAYS, type ConsultationDraft, type MyConsultationSource } from '../../domain/consultation';
import type { ReferralAskSource } from '../../domain/referral';
import { consultationFlowModule } from '../../flows/consultation';
import type { ConsultationContext, ConsultationEffect } from '../../flows/consultation/module-context';
import type { PipelineModule } from '../pipeline/module-contract';

/** What the consultation module writes with a step: the consultation, in the thread handed off with it. */
export interface ConsultationWrite {
  draft?: ConsultationDraft;
  /** Categories whose open consultations lose their details (consent to a topic withdrawn). */
  forget?: string[];
  /** A referral the resident answered. */
  referral?: { id: string; answer: 'yes' | 'no'; partnerCode: string; partnerName: string };
}

const DAY_MS = 86_400_000;

/**
 * Consultations in processing: a sent consultation is stored with its photos copied from LINE; a resident asking for
 * わたしの申し込み has their consultations loaded (open, or closed lately); referrals waiting for the resident's answer
 * are loaded for the answer's gate; a withdrawn topic erases the open consultations' details.
 */
export function consultationPipeline(deps: { mine: MyConsultationSource; asks?: ReferralAskSource }): PipelineModule {
  return {
    flow: consultationFlowModule,
    async load(residentIds, now, asking) {
      const open = asking.length ? await deps.mine.openOf(asking, new Date(now.getTime() - CLOSED_LISTED_DAYS * DAY_MS)) : new Map();
      // Referrals waiting for an answer: one indexed query for the residents whose event may reach the module.
      const asks = deps.asks ? await deps.asks.askedOf(residentIds) : new Map();
      return (residentId): ConsultationContext => ({ open: open.get(residentId) ?? [], referralAsks: asks.get(residentId) ?? [] });
    },
    plan(effects) {
      const own = effects as ConsultationEffect[];
      const draft = own.find((e) => e.type === 'submitConsultation')?.draft;
      const forget = own.flatMap((e) => (e.type === 'forgetDetails' ? e.categories : []));
      const answered = own.find((e) => e.type === 'answerReferral');
      if (!draft && !forget.length && !answered) return null;
      const data: ConsultationWrite = {
        ...(draft ? { draft } : {}),
        ...(forget.length ? { forget } : {}),
        ...(answered ? { referral: { id: answered.referralId, answer: answered.answer, partnerCode: answered.partnerCode, partnerName: answered.partnerName } } : {}),
      };
      return draft ? { data, attachments: draft.photoMessageIds } : { data };
    },
  };
}
