import type { ComplaintsSettings } from '../../domain/council-profile';
import { localizedName } from '../../domain/council-profile';
import { LANGUAGES } from '../../domain/language';
import type { NewComplaint } from '../../domain/complaint';
import { complaintsFlowModule } from '../../flows/complaints';
import type { ComplaintEffect, ComplaintsContext, ComplaintsInfo } from '../../flows/complaints/module-context';
import type { LocalizedText } from '../../flows/engine/types';
import type { PipelineModule } from '../pipeline/module-contract';

/** What the complaints module writes with a step: the complaint, linked to the resident only when `named`. */
export interface ComplaintsWrite {
  complaint: NewComplaint;
  named: boolean;
}

function inEvery(item: { name: string; nameEn?: string | undefined; nameEasy?: string | undefined }): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((l) => [l, localizedName(item, l)])) as LocalizedText;
}

/** The profile's complaints section as the flow reads it, or null when the council has none. */
export function complaintsInfo(settings: ComplaintsSettings | undefined): ComplaintsInfo | null {
  if (!settings) return null;
  return { responsible: inEvery(settings.responsible), members: [...settings.thirdPartyMembers], phone: settings.phone, committee: { name: inEvery(settings.committee), phone: settings.committee.phone } };
}

/**
 * Complaints in processing: the context is the profile's (who handles complaints), so `load` reads nothing; a sent
 * complaint becomes the row its writer stores.
 */
export function complaintsPipeline(settings: ComplaintsSettings | undefined): PipelineModule {
  const context: ComplaintsContext = { info: complaintsInfo(settings) };
  return {
    flow: complaintsFlowModule,
    async load() {
      return () => context;
    },
    plan(effects) {
      const e = (effects as ComplaintEffect[]).find((x) => x.type === 'submitComplaint');
      if (!e) return null;
      const data: ComplaintsWrite = { complaint: e.complaint, named: e.named };
      return { data };
    },
  };
}
