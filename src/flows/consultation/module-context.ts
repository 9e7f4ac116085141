import type { ConsultationDraft, MyConsultation } from '../../domain/consultation';
import type { ReferralAsk } from '../../domain/referral';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { FlowContext } from '../engine/types';

/** The consultation module's id: its effects' owner. */
export const CONSULTATION = 'consultation';

/** The consultation module's effects. */
export type ConsultationEffect =
  | { type: 'submitConsultation'; draft: ConsultationDraft }
  /** Consent to a topic withdrawn: the details of the resident's open consultations in these categories are erased. */
  | { type: 'forgetDetails'; categories: string[] }
  /** The resident's answer to a referral staff proposed (a tap on the personal notice's button). */
  | { type: 'answerReferral'; referralId: string; answer: 'yes' | 'no'; partnerCode: string; partnerName: string };

export function consultationEffect(effect: ConsultationEffect): ModuleEffect<ConsultationEffect> {
  return moduleEffect(CONSULTATION, effect);
}

/** What the consultation module loads: the resident's consultations for わたしの申し込み (only when they ask). */
export interface ConsultationContext {
  open: MyConsultation[];
  /** Referrals staff proposed that wait for the resident's answer. */
  referralAsks?: ReferralAsk[];
}

export function consultationContext(ctx: FlowContext): ConsultationContext {
  return moduleContext<ConsultationContext>(ctx, CONSULTATION, { open: [] });
}
