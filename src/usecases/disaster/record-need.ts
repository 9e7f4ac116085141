/**
 * Console intake of a need (phone, counter, visit, 民生委員): the screening rules are checked, and the centre's
 * likely duplicates are looked for before anything is saved. With duplicates and no decision yet, nothing is
 * written and they are returned for staff to look at; staff then link the report to one of them (a report on
 * that need, a 'link' event, no new need) or confirm it is separate (a new need, its report reviewed). Nothing is
 * merged silently. The rows, the event and the audit row in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { referenceNumber } from '../../domain/consultation';
import type { DuplicateMatch } from '../../domain/disaster/duplicates';
import type { NeedFields, StaffReportInput } from '../../domain/disaster/needs-admin';
import type { NeedFlag, SurveyDecision } from '../../domain/disaster/needs';
import { screenNeed } from '../../domain/disaster/screening';
import { auditOf, type StaffAct } from '../staff-act';
import type { NeedsDeps } from './needs-deps';

/** What staff entered. */
export interface NeedIntake {
  fields: NeedFields;
  report: Omit<StaffReportInput, 'staffId'>;
  surveyDecision: SurveyDecision | null;
  /** Codes of screening rules staff ticked ("cannot do"). */
  cannotDo: string[];
}

/** check: save unless duplicates are suspected · separate: save as a new need anyway · link: add to that need. */
export type IntakeDecision = { kind: 'check' } | { kind: 'separate' } | { kind: 'link'; needId: string };

/** Saved (or linked); refused; or duplicates to show staff, nothing written. */
export type RecordNeedOutcome =
  | { ok: true; needId: string; referenceNo: string; linked: boolean }
  | { ok: false; refused: 'unknown' | 'closed' | 'linkTarget' }
  | { ok: false; refused: 'duplicates'; duplicates: DuplicateMatch[] };

const REFERENCE_TRIES = 8;

/** The screening rules the intake raises (codes), in the profile's order. */
export function intakeScreening(deps: Pick<NeedsDeps, 'settings'>, intake: Pick<NeedIntake, 'fields' | 'cannotDo'>): string[] {
  const text = [intake.fields.notes ?? '', intake.fields.workOther ?? ''].join('\n');
  return screenNeed({ workKinds: intake.fields.work, cannotDo: intake.cannotDo, text }, deps.settings.screening).map((r) => r.code);
}

/** Flags intake sets by itself: a household needing care (要配慮), and no address nor pin (場所不明). */
function intakeFlags(f: NeedFields): NeedFlag[] {
  return [...(f.households.length ? (['vulnerable'] as const) : []), ...(!f.address && f.latitude === null ? (['locationUnknown'] as const) : [])];
}

/** Records a staff intake into the centre, as `decision` says (see the file's comment). */
export async function recordNeed(deps: NeedsDeps, centreId: string, intake: NeedIntake, decision: IntakeDecision, by: StaffAct): Promise<RecordNeedOutcome> {
  const screening = intakeScreening(deps, intake);
  const content = { ...intake.fields, screening, surveyDecision: intake.surveyDecision };
  const report = { ...intake.report, staffId: by.staffId };
  return deps.work.run(async ({ needs, audit }): Promise<RecordNeedOutcome> => {
    const centre = await needs.centre(centreId);
    if (!centre) return { ok: false, refused: 'unknown' };
    if (centre.status === 'closed') return { ok: false, refused: 'closed' };
    const f = intake.fields;
    const duplicates = await needs.likelyDuplicates(centreId, { phone: f.phone ?? report.reporterPhone, address: f.address, location: f.latitude !== null && f.longitude !== null ? { latitude: f.latitude, longitude: f.longitude } : null }, deps.settings.duplicateRadiusMetres);
    if (decision.kind === 'check' && duplicates.length) return { ok: false, refused: 'duplicates', duplicates };
    if (decision.kind === 'link') {
      const target = await needs.need(decision.needId);
      if (!target || target.centreId !== centreId || target.mergedIntoId) return { ok: false, refused: 'linkTarget' };
      await needs.addReport(target.id, { ...report, content, suspects: duplicates }, by.at);
      await needs.recordEvent(target.id, { kind: 'link', from: null, to: target.id, note: `${report.channel}からの報告をまとめました`, staffId: by.staffId, at: by.at });
      await audit.record(auditOf(by, { action: 'disaster.need.link', subjectType: 'need', subjectId: target.id, detail: { channel: report.channel, suspects: duplicates.length, drill: centre.drill } }));
      return { ok: true, needId: target.id, referenceNo: target.referenceNo, linked: true };
    }
    const id = randomUUID();
    for (let i = 0; i < REFERENCE_TRIES; i++) {
      const seed = String.fromCharCode(...Array.from({ length: 4 }, () => Math.floor(deps.random() * 0x2000)));
      const referenceNo = referenceNumber(by.at, seed, 'N');
      const saved = await needs.createNeed({ id, referenceNo, centreId, fields: f, surveyDecision: intake.surveyDecision, flags: intakeFlags(f), screening, report: { ...report, content, suspects: duplicates, reviewedAt: by.at }, at: by.at });
      if (!saved) continue;
      await needs.recordEvent(id, { kind: 'status', from: null, to: 'received', note: null, staffId: by.staffId, at: by.at });
      await audit.record(auditOf(by, { action: 'disaster.need.create', subjectType: 'need', subjectId: id, detail: { channel: report.channel, screening, suspects: duplicates.length, drill: centre.drill } }));
      return { ok: true, needId: id, referenceNo, linked: false };
    }
    throw new Error('no free need reference number after several tries');
  });
}
