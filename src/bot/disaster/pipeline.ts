import type { FieldTeamsSource } from '../../domain/disaster/field-admin';
import type { DisasterStore, DisasterWrite } from '../../domain/disaster/store';
import { jstDate } from '../../domain/japan-time';
import { disasterFlowModule } from '../../flows/disaster';
import type { DisasterContext, DisasterEffect, DisasterSettings } from '../../flows/disaster/module-context';
import { NEED_FLOW } from '../../flows/disaster/need-flow';
import { needFingerprint } from '../../flows/disaster/need-draft';
import type { Translator } from '../render/i18n';
import type { PipelineModule } from '../pipeline/module-contract';
import { placeLostNotice } from './notices';
import { needNotices } from './need-notices';
import { renderOutMessages } from '../render/render-message';
import { msg } from '../../domain/message-text';
import { DRILL_MARK } from '../../domain/disaster/centre';

/**
 * The disaster centre in processing. Its gates answer typed check-in codes, the menu and a follow while a centre
 * runs, so it loads for every event: one indexed query for the running centre a batch, and — only while one runs —
 * the batch's residents' pool entries, applications and volunteer registrations. Its effects become one write per
 * step; the correction a lost place may need is worded here.
 */
export function disasterPipeline(deps: { store: DisasterStore; settings: DisasterSettings | null; translator: Translator; field?: { teams: FieldTeamsSource; monthlyPushBudget: number; onDutyLineUserIds: readonly string[] } }): PipelineModule {
  const { settings } = deps;
  const notices = needNotices(deps.translator);
  const idle: DisasterContext = { settings, centre: null, member: null, applications: [], volunteer: null };
  return {
    flow: disasterFlowModule,
    alsoFor: { allEvents: true },
    async load(residentIds, now) {
      if (!settings) return () => idle;
      const today = jstDate(now);
      const centre = await deps.store.runningCentre(today);
      if (!centre) return () => idle;
      const [pool, volunteers, needs, forms, teams] = await Promise.all([
        deps.store.poolOf(centre.id, residentIds, today),
        deps.store.volunteersOf(residentIds),
        deps.store.needsOf(residentIds),
        deps.store.needFormsAtSummary(residentIds, NEED_FLOW),
        deps.field ? deps.field.teams.teamsOf(centre.id, residentIds, today) : new Map<string, never[]>(),
      ]);
      // A need form at its summary may be sent with this event: its likely duplicates are looked up now, before it is saved.
      const suspects = new Map(
        await Promise.all([...forms].map(async ([id, data]) => [id, await deps.store.likelyDuplicates(centre.id, needFingerprint(data, id), settings.needs.duplicateRadiusMetres)] as const)),
      );
      return (residentId): DisasterContext => {
        const entry = pool.get(residentId);
        return {
          settings,
          centre,
          member: entry?.member ?? null,
          applications: entry?.applications ?? [],
          volunteer: volunteers.get(residentId) ?? null,
          needs: needs.get(residentId) ?? [],
          suspects: suspects.get(residentId) ?? [],
          teams: teams.get(residentId) ?? [],
        };
      };
    },
    plan(effects, { context }) {
      const ctx = context as DisasterContext | undefined;
      const out: DisasterWrite = {};
      for (const e of effects as DisasterEffect[]) {
        if (e.type === 'saveMember') out.member = { centreId: e.centreId, save: e.member };
        if (e.type === 'apply') out.apply = { centreId: e.centreId, dayIds: e.dayIds };
        if (e.type === 'giveBack') out.giveBack = { applicationId: e.applicationId };
        if (e.type === 'checkIn') out.checkIn = { dayId: e.dayId, memberId: e.memberId, outcome: e.outcome };
        if (e.type === 'eraseMember') out.erase = true;
        if (e.type === 'saveNeed') out.need = { centreId: e.centreId, save: e.need, suspects: ctx?.suspects ?? [] };
        if (e.type === 'noteNeed') out.needNote = { needId: e.needId, note: e.note };
        if (e.type === 'raiseAlert') {
          // On-duty staff read Japanese, marked 【訓練】 in a drill.
          const team = ctx?.teams?.find((t) => t.id === e.teamId);
          const line = msg('disasterField:sos.staff', { drill: team?.drill ? DRILL_MARK : '', centre: team?.centreName ?? '', team: team?.number ?? '', reference: team?.needReference ?? '' });
          const messages = renderOutMessages([{ lines: [line] }], deps.translator.forLanguage('ja'));
          out.fieldAlert = { teamId: e.teamId, onDuty: { lineUserIds: [...(deps.field?.onDutyLineUserIds ?? [])], messages } };
        }
        if (e.type === 'fileReport' && deps.field) {
          // Worded here for either outcome: the use case decides whether the household hears, in the transaction.
          const team = ctx?.teams?.find((t) => t.id === e.teamId);
          const subject = { centreName: team?.centreName ?? ctx?.centre?.name ?? '', referenceNo: team?.needReference ?? '' };
          out.fieldReport = { teamId: e.teamId, report: e.report, notices: { done: notices.status('done', subject), continuing: notices.status('continuing', subject) }, monthlyPushBudget: deps.field.monthlyPushBudget };
        }
        if (e.type === 'reconfirm') {
          const a = ctx?.applications.find((x) => x.id === e.applicationId);
          if (a) out.reconfirm = { applicationId: a.id, correction: placeLostNotice(deps.translator, a.date, ctx?.centre?.drill ?? false) };
        }
      }
      if (!Object.keys(out).length) return null;
      // Photos sent with a need or a report are copied from LINE like a consultation's.
      const photos = [...(out.need?.save.photoMessageIds ?? []), ...(out.fieldReport?.report.photoMessageIds ?? [])];
      return photos.length ? { data: out, attachments: photos } : { data: out };
    },
  };
}
