/**
 * The leader's return report (活動報告), from LINE or entered by staff from the paper work order, in one
 * transaction: the report is saved once per team (a second tap or a retried event writes nothing twice), the team is
 * back with its equipment returned or marked missing, each member's hours are credited, the need moves with the
 * report (完了 or 継続, what remains noted where the board shows it) and the household hears of it. A move the
 * need's rules refuse keeps the report and raises the drift to staff in the need's history and the audit row.
 */
import type { EquipmentCount } from '../../domain/disaster/equipment';
import { returnEquipment } from '../../domain/disaster/equipment';
import type { FieldReportInput, FieldTeam } from '../../domain/disaster/field-admin';

export type { FieldReportInput };
import { memberHours, needAfterReport, reportProblems, type ReportProblem } from '../../domain/disaster/field-report';
import { requesterHears, type NeedStatus } from '../../domain/disaster/needs';
import type { StaffAct } from '../staff-act';
import type { FieldDeps } from './field-deps';
import { tellReporters } from './move-need';

/** Who files it: the team's leader in LINE, or staff in the console. */
export type ReportedBy = { channel: 'line'; residentId: string; at: Date } | { channel: 'console'; staff: StaffAct };

export type FileFieldReportOutcome =
  | { ok: true; needFrom: NeedStatus; needTo: NeedStatus | null; told: number }
  | { ok: false; refused: 'unknown' | 'notLeader' | 'reported'; problems?: undefined }
  | { ok: false; refused: 'problems'; problems: ReportProblem[] };

/** People the team counts (a group entry its size). */
export function teamPeople(team: Pick<FieldTeam, 'members'>): number {
  return team.members.reduce((n, m) => n + Math.max(1, m.size), 0);
}

/** What comes back: everything when all is returned, else what the team holds less what is missing (none when it went home from the site). */
function returnedOf(team: FieldTeam, input: FieldReportInput): EquipmentCount[] {
  if (!input.back) return [];
  if (input.allReturned) return team.equipment;
  const lost = new Map<string, number>();
  for (const m of input.missing) lost.set(m.code, (lost.get(m.code) ?? 0) + m.count);
  return team.equipment.flatMap((e) => {
    const count = Math.max(0, e.count - (lost.get(e.code) ?? 0));
    return count > 0 ? [{ code: e.code, count }] : [];
  });
}

function addCounts(a: readonly EquipmentCount[], b: readonly EquipmentCount[]): EquipmentCount[] {
  const m = new Map<string, number>();
  for (const x of [...a, ...b]) m.set(x.code, (m.get(x.code) ?? 0) + x.count);
  return [...m].map(([code, count]) => ({ code, count }));
}

/** Files `input` for team `teamId`; refused (nothing written) when it is unknown, already reported, not the leader's, or has problems. */
export async function fileFieldReport(deps: FieldDeps, teamId: string, input: FieldReportInput, by: ReportedBy): Promise<FileFieldReportOutcome> {
  const at = by.channel === 'line' ? by.at : by.staff.at;
  return deps.work.run(async (repos): Promise<FileFieldReportOutcome> => {
    const { field, needs, audit } = repos;
    const team = await field.team(teamId);
    if (!team) return { ok: false, refused: 'unknown' };
    if (by.channel === 'line' && !team.members.some((m) => m.leader && m.residentId === by.residentId)) return { ok: false, refused: 'notLeader' };
    if (team.reported || team.status === 'back') return { ok: false, refused: 'reported' };
    const problems = reportProblems(input, teamPeople(team));
    if (problems.length) return { ok: false, refused: 'problems', problems };

    const remaining = input.outcome === 'continuing' ? input.remaining!.trim() : undefined;
    const returned = returnedOf(team, input);
    const equipment = returnEquipment(team.equipment, returned, input.missing);
    const photoIds = by.channel === 'line' && input.photoMessageIds?.length ? await field.photoRows(by.residentId, input.photoMessageIds, at) : [];
    const saved = await field.saveReport(team.id, team.needId, {
      back: input.back,
      people: input.people,
      hours: input.hours,
      done: input.done.trim(),
      remarks: input.remarks?.trim() || undefined,
      injuries: input.injuries?.trim() || undefined,
      nearMiss: input.nearMiss?.trim() || undefined,
      outcome: input.outcome,
      remaining,
      photoIds,
      returned,
      missing: equipment.missing,
      channel: by.channel,
      residentId: by.channel === 'line' ? by.residentId : null,
      staffId: by.channel === 'console' ? by.staff.staffId : null,
      at,
    });
    // A report written meanwhile (the console and LINE at once): this one writes nothing.
    if (!saved || !(await field.markBack(team.id, { equipment: equipment.stillOut, missingEquipment: addCounts(team.missingEquipment, equipment.missing), at }))) {
      throw new ReportRace();
    }
    await field.creditHours(team.id, memberHours(team, input));

    const staffId = by.channel === 'console' ? by.staff.staffId : null;
    const from = team.need.status;
    const to = needAfterReport(from, input.outcome);
    let told = 0;
    if (remaining) await field.noteOnNeed(team.needId, `【継続】${remaining}`, at);
    if (to === null) {
      await needs.recordEvent(team.needId, { kind: 'note', from, to: input.outcome, note: `第${team.number}班の報告(${input.outcome === 'done' ? '完了' : '継続'})を受けましたが、ニーズの状態(${from})からは動かせません。確認してください。`, staffId, at });
    } else if (to !== from && (await needs.moveNeed(team.needId, from, to, {}, at))) {
      await needs.recordEvent(team.needId, { kind: 'status', from, to, note: remaining ?? `第${team.number}班の報告`, staffId, at });
      const kind = requesterHears(from, to);
      if (kind) {
        const notice = deps.notices.status(kind, { centreName: team.centre.name, referenceNo: team.need.referenceNo });
        told = await tellReporters(repos, deps, await needs.reporters(team.needId), notice, { drill: team.centre.drill, needId: team.needId, centreId: team.centreId, now: at, reason: 'fieldReport' });
      }
    } else if (remaining) {
      await needs.recordEvent(team.needId, { kind: 'note', from: null, to: null, note: remaining, staffId, at });
    }
    await audit.record({
      staffId,
      action: 'disaster.team.report',
      subjectType: 'team',
      subjectId: team.id,
      ...(by.channel === 'line' ? { residentId: by.residentId } : { ip: by.staff.ip }),
      detail: {
        needId: team.needId,
        channel: by.channel,
        outcome: input.outcome,
        needFrom: from,
        needTo: to,
        drift: to === null,
        people: input.people,
        hours: input.hours,
        injuries: Boolean(input.injuries?.trim()),
        nearMiss: Boolean(input.nearMiss?.trim()),
        missing: equipment.missing.reduce((n, m) => n + m.count, 0),
        told,
        drill: team.centre.drill,
      },
      at,
    });
    return { ok: true, needFrom: from, needTo: to, told };
  }).catch((e: unknown) => {
    if (e instanceof ReportRace) return { ok: false, refused: 'reported' } as const;
    throw e;
  });
}

/** Rolls the transaction back when another report landed between the read and the write. */
class ReportRace extends Error {}
