import type { MyTeam } from '../../domain/disaster/field-admin';
import { msg, type Msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowData, StepDef, Transition } from '../engine/types';
import { TAP } from './answers';
import { markedFlow } from './drill';
import { disasterContext, disasterEffect } from './module-context';
import {
  backStep,
  doneStep,
  equipmentStep,
  hoursStep,
  missingStep,
  outcomeStep,
  peopleStep,
  photosStep,
  remainingStep,
  remarksStep,
  reportData,
  reportOf,
  safetyStep,
  safetyTextStep,
  type ReportData,
} from './field-report-steps';

/** The flow's id: started by the leader's 帰着・活動報告 button of the dispatch notice (`dt=report&t=<team id>`). */
export const FIELD_REPORT_FLOW = 'disasterFieldReport';

/** What the summary lets them change. */
const FIELDS = ['back', 'people', 'hours', 'done', 'remarks', 'safety', 'photos', 'outcome', 'equipment'] as const;

/** The summary's lines: each answer in plain words. */
function summary(d: ReportData): Msg[] {
  const r = reportOf(d);
  const names = new Map(d.equipment.map((e) => [e.code, e.name]));
  return [
    msg(r.back ? 'disasterField:report.summary.backCentre' : 'disasterField:report.summary.backHome'),
    msg('disasterField:report.summary.people', { count: r.people }),
    msg('disasterField:report.summary.hours', { hours: r.hours }),
    msg('disasterField:report.summary.done', { text: r.done }),
    r.remarks ? msg('disasterField:report.summary.remarks', { text: r.remarks }) : msg('disasterField:report.summary.noRemarks'),
    r.injuries ? msg('disasterField:report.summary.injuries', { text: r.injuries }) : r.nearMiss ? msg('disasterField:report.summary.nearMiss', { text: r.nearMiss }) : msg('disasterField:report.summary.safe'),
    msg('disasterField:report.summary.photos', { count: (r.photoMessageIds ?? []).length }),
    r.outcome === 'continuing' ? msg('disasterField:report.summary.continuing', { text: r.remaining ?? '' }) : msg('disasterField:report.summary.completed'),
    ...(!d.equipment.length || !r.back
      ? []
      : r.missing.length
        ? [msg('disasterField:report.summary.missing', { list: r.missing.map((m) => `${names.get(m.code) ?? m.code} ${m.count}`).join('、') })]
        : [msg('disasterField:report.summary.allReturned')]),
  ];
}

const confirm: StepDef<'send' | 'fix'> = {
  prompt: (data) => [
    {
      lines: [msg('disasterField:report.confirm.title', { team: reportData(data).teamNumber }), ...summary(reportData(data))],
      buttons: [postbackChip(msg('disasterField:report.confirm.send'), 'dfk=send'), postbackChip(msg('disasterField:report.confirm.fix'), 'dfk=fix')],
    },
  ],
  parse: (input) => parseChoice(input, 'dfk', ['send', 'fix'] as const),
  next: (v, data): Transition => {
    if (v === 'fix') return { to: 'fix', data };
    const d = reportData(data);
    return {
      end: true,
      effects: [disasterEffect({ type: 'fileReport', teamId: d.teamId, report: reportOf(d) })],
      messages: [{ lines: [msg('disasterField:report.thanks'), ...(d.draft.safety === 'injury' ? [msg('disasterField:report.injuryCare')] : [])], buttons: [postbackChip(msg('disaster:menu.back'), TAP.menu)] }],
    };
  },
};

const fix: StepDef<(typeof FIELDS)[number]> = {
  prompt: (data) => [{ lines: [msg('disasterField:report.fix.prompt')], chips: FIELDS.filter((f) => f !== 'equipment' || reportData(data).equipment.length).map((f) => postbackChip(msg(`disasterField:report.fix.${f}`), `dfz=${f}`)) }],
  parse: (input) => parseChoice(input, 'dfz', FIELDS),
  next: (v, data) => ({ to: v, data: { ...data, fixing: true } }),
};

/** The report's first question for `team` (the team as loaded kept in the flow's data), and the word before it. */
export function startReport(team: MyTeam): { transition: Transition; intro: Msg } {
  const data: ReportData = { teamId: team.id, teamNumber: team.number, teamPeople: team.people, equipment: team.equipment, draft: {} };
  return { transition: { to: 'back', data: data as unknown as FlowData }, intro: msg('disasterField:report.intro', { team: team.number, reference: team.needReference }) };
}

/**
 * The leader's return report (帰着・活動報告) in LINE: back at the centre or home from the site, people, hours, what
 * was done, what the resident said, injuries or near misses, photos, 完了 or 継続 (with what remains), the equipment
 * (all returned, or which is missing), a summary to send or change, and thanks. The writer files it through the
 * report's use case. Started only from the gate (`dt=report`), which checks the resident leads the team.
 */
export const fieldReportFlow: Flow = markedFlow({
  id: FIELD_REPORT_FLOW,
  version: 1,
  // The gate starts it for the team tapped; 最初から starts again for the team the resident leads that is out.
  start: (ctx) => {
    const team = (disasterContext(ctx).teams ?? []).find((t) => t.leader && t.status === 'out' && !t.reported);
    return team ? startReport(team).transition : { end: true, messages: [{ lines: [msg('disasterField:report.noTeam')], buttons: [postbackChip(msg('disaster:menu.back'), TAP.menu)] }] };
  },
  steps: {
    back: backStep,
    people: peopleStep,
    hours: hoursStep,
    done: doneStep,
    remarks: remarksStep,
    safety: safetyStep,
    safetyText: safetyTextStep,
    photos: photosStep,
    outcome: outcomeStep,
    remaining: remainingStep,
    equipment: equipmentStep,
    missing: missingStep,
    confirm,
    fix,
  },
});
