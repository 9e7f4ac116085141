/**
 * Forming a team (班編成) for a need and sending it out, in one transaction: every chosen member must still be
 * available (checked in today and not in a team out — another tablet may have sent them meanwhile), the leader one
 * of them, the equipment lent from what the centre has left (every shortage told at once). The team gets the next
 * 班番号 of the day, the need moves to 活動中 (from 活動予定 directly; from 受付・現地調査・調整中・継続 through 活動予定
 * for today, each move a history event; a need already active keeps its status: a second team), each member's
 * dispatch notice is queued once (the leader's with the members and the requester's contact, nobody else's), the
 * requester is told a team is on the way, and the audit row is written. All marked 【訓練】 in a drill.
 */
import { markedForDrill } from '../../domain/disaster/centre';
import { lend, type EquipmentCount, type LendProblem } from '../../domain/disaster/equipment';
import type { DisasterNoticeRow } from '../../domain/disaster/admin';
import { isOpenNeed, type NeedStatus } from '../../domain/disaster/needs';
import type { AvailableVolunteer } from '../../domain/disaster/teams-admin';
import { jstDate } from '../../domain/japan-time';
import { auditOf, type StaffAct } from '../staff-act';
import { queueWithinBudget } from './draw-due-days';
import { tellReporters } from './move-need';
import type { DispatchSubject, TeamsDeps } from './teams-deps';

/** The coordinator's choice. */
export interface TeamChoice {
  needId: string;
  memberIds: readonly string[];
  leaderId: string;
  equipment: readonly EquipmentCount[];
}

/** Why a team was not formed (nothing was written). */
export type FormTeamRefusal =
  | { refused: 'unknown' }
  | { refused: 'centreClosed' }
  | { refused: 'needClosed'; status: NeedStatus }
  | { refused: 'noDay' }
  | { refused: 'noMembers' }
  | { refused: 'leaderNotMember' }
  /** Members no longer available (sent out meanwhile, or not checked in today): their memberIds. */
  | { refused: 'notAvailable'; memberIds: string[] }
  | { refused: 'equipment'; problems: LendProblem[] };

export type FormTeamOutcome = { ok: true; teamId: string; number: number; notices: number; told: number } | ({ ok: false } & FormTeamRefusal);

/** Statuses a need passes through 活動予定 on its way to 活動中 when a team is formed for it. */
const VIA_SCHEDULED: readonly NeedStatus[] = ['received', 'surveying', 'coordinating', 'continuing'];

class Refused extends Error {
  constructor(readonly refusal: FormTeamRefusal) {
    super(refusal.refused);
  }
}

/** Forms the team and queues its notices; the team's id and number, or why not. */
export async function formTeam(deps: TeamsDeps, choice: TeamChoice, by: StaffAct): Promise<FormTeamOutcome> {
  const memberIds = [...new Set(choice.memberIds)];
  if (memberIds.length === 0) return { ok: false, refused: 'noMembers' };
  if (!memberIds.includes(choice.leaderId)) return { ok: false, refused: 'leaderNotMember' };
  const today = jstDate(by.at);
  try {
    return await deps.work.run(async (repos): Promise<FormTeamOutcome> => {
      const { needs, teams, audit } = repos;
      const need = await needs.need(choice.needId);
      if (!need || need.mergedIntoId) return { ok: false, refused: 'unknown' };
      const centre = await needs.centre(need.centreId);
      if (!centre) return { ok: false, refused: 'unknown' };
      if (centre.status !== 'open' && centre.status !== 'paused') return { ok: false, refused: 'centreClosed' };
      if (!isOpenNeed(need.status) || (need.status !== 'active' && need.status !== 'scheduled' && !VIA_SCHEDULED.includes(need.status))) return { ok: false, refused: 'needClosed', status: need.status };
      await teams.holdForming(centre.id);
      const day = await teams.day(centre.id, today);
      if (!day) return { ok: false, refused: 'noDay' };

      const available = new Map((await teams.available(centre.id, today)).map((v) => [v.memberId, v]));
      const gone = memberIds.filter((id) => !available.has(id));
      if (gone.length) return { ok: false, refused: 'notAvailable', memberIds: gone };
      const members = memberIds.map((id) => available.get(id)!);
      const leader = available.get(choice.leaderId)!;

      const inventory = await teams.inventory(centre.id);
      const loan = lend(inventory, await teams.lentNow(centre.id), choice.equipment);
      if (!loan.ok) return { ok: false, refused: 'equipment', problems: loan.problems };

      const from = need.status;
      const moves: Array<[NeedStatus, NeedStatus]> = from === 'active' ? [] : from === 'scheduled' ? [['scheduled', 'active']] : [[from, 'scheduled'], ['scheduled', 'active']];
      for (const [i, [a, b]] of moves.entries()) {
        const moved = await needs.moveNeed(need.id, a, b, b === 'scheduled' ? { scheduledOn: today } : {}, by.at);
        // Only the first move can meet a change made meanwhile; a later one failing rolls the whole team back.
        if (!moved) {
          if (i === 0) return { ok: false, refused: 'needClosed', status: from };
          throw new Refused({ refused: 'needClosed', status: from });
        }
        await needs.recordEvent(need.id, { kind: 'status', from: a, to: b, note: b === 'scheduled' ? today : null, staffId: by.staffId, at: by.at });
      }

      const equipment = mergeCounts(choice.equipment);
      const number = await teams.nextNumber(centre.id, today);
      const teamId = await teams.createTeam({ centreId: centre.id, needId: need.id, date: today, number, equipment, memberIds, leaderId: leader.memberId, dispatchedAt: by.at, createdBy: by.staffId });

      const names = new Map(inventory.map((k) => [k.code, k.name]));
      const subject: DispatchSubject = {
        teamId,
        centreName: centre.name,
        number,
        referenceNo: need.referenceNo,
        address: need.address,
        latitude: need.latitude,
        longitude: need.longitude,
        work: need.work,
        workOther: need.workOther,
        equipment: equipment.map((e) => ({ name: names.get(e.code) ?? e.code, count: e.count })),
        leaderName: leader.name,
        safetyNote: day.safetyNote,
        heatLevel: day.heatLevel,
      };
      const rows = dispatchRows(deps, subject, members, leader, { name: need.householdName, phone: need.phone }, centre.drill);
      await queueWithinBudget(repos.disaster, audit, rows, { budget: deps.monthlyPushBudget, now: by.at, centreId: centre.id, teamId, reason: 'dispatch' });

      let told = 0;
      if (from !== 'active') {
        const notice = deps.needNotices.status('onTheWay', { centreName: centre.name, referenceNo: need.referenceNo });
        told = await tellReporters(repos, deps, await needs.reporters(need.id), notice, { drill: centre.drill, needId: need.id, centreId: centre.id, now: by.at, reason: 'needStatus' });
      }
      await audit.record(
        auditOf(by, {
          action: 'disaster.team.form',
          subjectType: 'team',
          subjectId: teamId,
          detail: { needId: need.id, number, date: today, members: memberIds.length, people: members.reduce((n, m) => n + m.size, 0), leader: leader.memberId, equipment, from, notices: rows.length, told, drill: centre.drill },
        }),
      );
      return { ok: true, teamId, number, notices: rows.length, told };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, ...e.refusal };
    throw e;
  }
}

/** One notice per member's resident, each once: the leader's with the team and the requester, the others' without. */
function dispatchRows(deps: TeamsDeps, subject: DispatchSubject, members: readonly AvailableVolunteer[], leader: AvailableVolunteer, requester: { name: string | null; phone: string | null }, drill: boolean): DisasterNoticeRow[] {
  const leaderNotice = deps.dispatch.leader(subject, {
    members: members.map((m) => ({ name: m.name, kind: m.kind, groupName: m.groupName, size: m.size, phone: m.phone ?? null })),
    requester,
  });
  const memberNotice = deps.dispatch.member(subject);
  const seen = new Set<string>([leader.residentId]);
  const rows: DisasterNoticeRow[] = [{ residentId: leader.residentId, notice: markedForDrill(leaderNotice, drill) }];
  for (const m of members) {
    if (seen.has(m.residentId)) continue;
    seen.add(m.residentId);
    rows.push({ residentId: m.residentId, notice: markedForDrill(memberNotice, drill) });
  }
  return rows;
}

/** The loan as stored: one count per kind, in the order first asked. */
function mergeCounts(xs: readonly EquipmentCount[]): EquipmentCount[] {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x.code, (m.get(x.code) ?? 0) + x.count);
  return [...m].map(([code, count]) => ({ code, count }));
}
