import type { NewComplaint } from '../../domain/complaint';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { FlowContext, LocalizedText } from '../engine/types';

/** The complaints module's id: its context key, its effects' owner. */
export const COMPLAINTS = 'complaints';

/** Who handles complaints, as the council profile's `complaints` section says, names in every language. */
export interface ComplaintsInfo {
  /** The title of the person responsible for complaints (苦情解決責任者). */
  responsible: LocalizedText;
  /** The third-party members (第三者委員), by name. */
  members: string[];
  /** The phone to reach the responsible person and the third-party members through. */
  phone: string;
  /** The prefecture's 運営適正化委員会. */
  committee: { name: LocalizedText; phone: string };
}

/** What the complaint section's steps read: who handles complaints, or null when the profile has no section. */
export interface ComplaintsContext {
  info: ComplaintsInfo | null;
}

/**
 * The complaints module's effect. `named`: the resident left a way to reach them (after consent), so the row
 * is linked to them; an anonymous one is written with no link.
 */
export type ComplaintEffect = { type: 'submitComplaint'; complaint: NewComplaint; named: boolean };

export function complaintsContext(ctx: FlowContext): ComplaintsContext {
  return moduleContext<ComplaintsContext>(ctx, COMPLAINTS, { info: null });
}

export function complaintEffect(effect: ComplaintEffect): ModuleEffect<ComplaintEffect> {
  return moduleEffect(COMPLAINTS, effect);
}
