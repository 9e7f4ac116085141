import type { ConsultationDraft } from '../../domain/consultation';
import { consultationFlowModule } from '../../flows/consultation';
import type { ConsultationEffect } from '../../flows/consultation/module-context';
import type { PipelineModule } from '../pipeline/module-contract';

/** What the consultation module writes with a step: the consultation, in the thread handed off with it. */
export interface ConsultationWrite {
  draft: ConsultationDraft;
}

/** Consultations in processing: a sent consultation is stored with its photos copied from LINE. */
export function consultationPipeline(): PipelineModule {
  return {
    flow: consultationFlowModule,
    plan(effects) {
      const draft = (effects as ConsultationEffect[]).find((e) => e.type === 'submitConsultation')?.draft;
      if (!draft) return null;
      const data: ConsultationWrite = { draft };
      return { data, attachments: draft.photoMessageIds };
    },
  };
}
