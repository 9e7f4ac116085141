import type { InvitationView, NewVolunteerRequest, VolunteerProfile, VolunteerStatus } from '../../domain/volunteer';
import type { MyVolunteerRequest } from '../../domain/volunteer-requests';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { FlowContext } from '../engine/types';

/** The volunteers module's id: its context key, its effects' owner. */
export const VOLUNTEERS = 'volunteers';

/** What the volunteer steps and gates read. */
export interface VolunteersContext {
  /** The resident's volunteer registration (also when paused or left), or null. */
  volunteer: VolunteerProfile | null;
  /** Invitations the resident (as a volunteer) was sent, loaded when they tap an answer. */
  invitations: InvitationView[];
  /** The resident's open requests for help, loaded when they ask for わたしの申し込み. */
  requests?: MyVolunteerRequest[];
}

/** The volunteers module's effects. */
export type VolunteerEffect =
  /** Registers the resident as a volunteer, or replaces their registration's details. */
  | { type: 'saveVolunteer'; volunteer: Omit<VolunteerProfile, 'id'> }
  /** Pauses, resumes or ends the resident's volunteer registration. */
  | { type: 'setVolunteerStatus'; status: VolunteerStatus }
  /**
   * Consent withdrawn: ends the resident's volunteer registration (if any) and erases its personal fields; the
   * hours of past activities stay, without a name, for the annual report.
   */
  | { type: 'eraseVolunteer' }
  /** Records a request for volunteers' help (status "received"). */
  | { type: 'submitVolunteerRequest'; request: NewVolunteerRequest }
  /** A volunteer's answer to an invitation; `expected` is what they were told, re-checked when written. */
  | { type: 'answerInvitation'; invitationId: string; answer: 'accept' | 'decline'; expected: 'accepted' | 'filled' | 'declined' }
  /** Hours (and later a note) a volunteer reports after an activity they accepted. */
  | { type: 'reportActivity'; invitationId: string; hours?: number; note?: string };

const NONE: VolunteersContext = { volunteer: null, invitations: [] };

export function volunteersContext(ctx: FlowContext): VolunteersContext {
  return moduleContext(ctx, VOLUNTEERS, NONE);
}

export function volunteerEffect(effect: VolunteerEffect): ModuleEffect<VolunteerEffect> {
  return moduleEffect(VOLUNTEERS, effect);
}
