import type { ConsultationDraft } from '../../domain/consultation';
import { moduleEffect, type ModuleEffect } from '../engine/module';

/** The consultation module's id: its effects' owner. */
export const CONSULTATION = 'consultation';

/** The consultation module's effects. */
export type ConsultationEffect = { type: 'submitConsultation'; draft: ConsultationDraft };

export function consultationEffect(effect: ConsultationEffect): ModuleEffect<ConsultationEffect> {
  return moduleEffect(CONSULTATION, effect);
}
