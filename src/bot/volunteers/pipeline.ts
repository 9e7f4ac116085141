import type { VolunteerStore, VolunteersWrite } from '../../domain/volunteer';
import type { MyVolunteerRequestSource } from '../../domain/volunteer-requests';
import type { CouncilView } from '../../flows/engine/types';
import { volunteersFlowModule } from '../../flows/volunteer';
import type { VolunteerEffect, VolunteersContext } from '../../flows/volunteer/module-context';
import type { Translator } from '../render/i18n';
import type { PipelineModule } from '../pipeline/module-contract';
import { nameListFormats, volunteerNotice, withUninsuredWarning } from './notices';

/**
 * Volunteers in processing: the resident's registration and invitations are loaded for the volunteer section, for
 * answers and hours tapped from anywhere, and for settings (withdrawing consent ends a registration); a requester's
 * open requests when they ask for わたしの申し込み; the
 * registration's changes, a request for help, a report and an answer are stored, an answer with the notices it
 * may need worded in every language.
 */
export function volunteersPipeline(deps: { volunteers: VolunteerStore; requests: MyVolunteerRequestSource; translator: Translator; council: CouncilView }): PipelineModule {
  return {
    flow: volunteersFlowModule,
    alsoFor: { flows: ['settings'] },
    async load(residentIds, _now, asking) {
      const [profiles, invitations, requests] = await Promise.all([
        deps.volunteers.ofResidents(residentIds),
        deps.volunteers.invitationsOf(residentIds),
        asking.length ? deps.requests.openOf(asking) : new Map<string, never[]>(),
      ]);
      return (residentId): VolunteersContext => ({ volunteer: profiles.get(residentId) ?? null, invitations: invitations.get(residentId) ?? [], requests: requests.get(residentId) ?? [] });
    },
    plan(effects, { context }) {
      const out: VolunteersWrite = {};
      for (const e of effects as VolunteerEffect[]) {
        if (e.type === 'saveVolunteer') out.volunteer = { ...out.volunteer, save: e.volunteer };
        if (e.type === 'setVolunteerStatus') out.volunteer = { ...out.volunteer, status: e.status };
        if (e.type === 'eraseVolunteer') out.volunteer = { ...out.volunteer, erase: true };
        if (e.type === 'submitVolunteerRequest') out.request = e.request;
        if (e.type === 'reportActivity') out.report = { ...out.report, invitationId: e.invitationId, ...(e.hours !== undefined ? { hours: e.hours } : {}), ...(e.note !== undefined ? { note: e.note } : {}) };
        if (e.type === 'answerInvitation') {
          const inv = ((context as VolunteersContext | undefined)?.invitations ?? []).find((i) => i.id === e.invitationId);
          if (!inv) continue;
          const notice = (kind: 'acceptedInstead' | 'filledInstead' | 'filledOthers' | 'matched') => volunteerNotice(deps.translator, deps.council, kind, inv);
          // A place after all, for someone whose insurance does not cover the day: said with what to do about it.
          const acceptedInstead = inv.insured ? notice('acceptedInstead') : withUninsuredWarning(deps.translator, deps.council, notice('acceptedInstead'), inv);
          out.answer = {
            invitationId: e.invitationId,
            answer: e.answer,
            expected: e.expected,
            notices: { acceptedInstead, filledInstead: notice('filledInstead'), filledOthers: notice('filledOthers'), matched: notice('matched') },
            names: nameListFormats(deps.translator),
          };
        }
      }
      return Object.keys(out).length ? { data: out } : null;
    },
  };
}
