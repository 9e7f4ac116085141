/**
 * Teams (班) in the console: forming one for a need from today's available volunteers (the suggestion ticked, one
 * tap to accept it; size, members, leader and equipment adjustable), today's teams, a team's page and its printable
 * work order (活動依頼書兼報告書, with a QR of the site's map link), and the centre's equipment inventory with what
 * is lent now. Forming a team is `disaster.needs.triage`; the inventory is `disaster.manage`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { EquipmentCount } from '../../domain/disaster/equipment';
import type { NeedsRepository } from '../../domain/disaster/needs-admin';
import type { TeamsRepository } from '../../domain/disaster/teams-admin';
import { suggestTeam, teamSizeFor } from '../../domain/disaster/teams';
import { jstDate } from '../../domain/japan-time';
import { formTeam, type TeamChoice } from '../../usecases/disaster/form-team';
import { setEquipment, MAX_EQUIPMENT_COUNT } from '../../usecases/disaster/set-equipment';
import type { TeamsDeps } from '../../usecases/disaster/teams-deps';
import type { ConsoleRoutes } from '../console-module';
import { hasPermission, staffAct } from '../console-guard';
import { sendPage } from '../render';
import { jaDay } from '../shared/ja-dates';
import { many, one } from '../shared/form-fields';
import type { NamedCode } from '../shared/names';
import { centreTitle } from './disaster-views';
import { needHref, needsHref, needsNotFound } from './needs-paths';
import { NEED_STATUS_LABELS, WORK_LABELS } from './needs-views';
import {
  equipmentHref,
  heaviestDamage,
  noteText,
  refusalText,
  skillsFor,
  teamFacts,
  teamFormHref,
  teamHref,
  teamRow,
  teamsHref,
  volunteerCards,
  type TeamFormView,
} from './teams-views';

/** What the teams pages need. */
export interface TeamsConsole {
  /** Reads outside a unit of work (the pages). */
  read: TeamsRepository;
  needs: NeedsRepository;
  useCases: TeamsDeps;
  /** The profile's disaster skills. */
  skills: NamedCode[];
}

/** The largest team the form suggests (the form's size field). */
const MAX_SIZE = 20;

type NeedParams = { Params: { needId: string } };
type TeamParams = { Params: { teamId: string } };
type CentreParams = { Params: { id: string } };

const DONE: Readonly<Record<string, string>> = { formed: '班を編成し、派遣のお知らせをLINEで送る準備をしました。', saved: '保存しました。' };

/** The teams pages' routes. */
export const teamsRoutes: ConsoleRoutes<TeamsConsole> = async (app, { deps: td, clock }) => {
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  /** The team form for a need: the suggestion for `size`, or what was posted (`posted`) with `errors`. */
  const formPage = async (request: FastifyRequest<NeedParams>, reply: FastifyReply, sizeAsked: number | null, posted: { members: string[]; leader: string; equipment: Map<string, number> } | null, errors: string[], status = 200) => {
    const need = await td.needs.need(request.params.needId);
    if (!need || need.mergedIntoId) return needsNotFound(request, reply);
    const centre = await td.needs.centre(need.centreId);
    if (!centre) return needsNotFound(request, reply);
    const today = jstDate(clock.now());
    const [day, available, inventory, lent] = await Promise.all([td.read.day(centre.id, today), td.read.available(centre.id, today), td.read.inventory(centre.id), td.read.lentNow(centre.id)]);
    const defaultSize = teamSizeFor(need.work, heaviestDamage(need.damage));
    const size = sizeAsked ?? defaultSize;
    const skills = skillsFor(need.work, td.skills);
    const suggestion = suggestTeam({ size, skills, districtCode: need.districtCode }, available);
    const chosen = new Set(posted ? posted.members : suggestion.members);
    const leader = posted ? posted.leader : suggestion.leader;
    const names = new Map(available.map((v) => [v.memberId, v.name]));
    const closed = need.status === 'done' || need.status === 'cancelled' || need.status === 'impossible';
    const blocked = closed
      ? 'このニーズは完了・取消・対応不可のため、班を編成できません。'
      : !day
        ? `今日(${jaDay(today)})の活動日が登録されていません。活動日を登録し、受付をしてから班を編成してください。`
        : available.length === 0
          ? '今日受付をして、まだ派遣されていないボランティアがいません。'
          : null;
    const view: TeamFormView = {
      need: { id: need.id, referenceNo: need.referenceNo, status: NEED_STATUS_LABELS[need.status], address: need.address ?? '—', work: need.work.map((w) => WORK_LABELS[w]).join('、') || '—', household: need.householdName ?? '—', href: needHref(need.id) },
      drill: centre.drill,
      blocked,
      size,
      sizeHint: `このニーズの作業からの目安は${defaultSize}人です。`,
      skillsAsked: skills.length ? skills.map((s) => td.skills.find((k) => k.code === s)?.name ?? s).join('・') : 'なし',
      notes: posted ? [] : suggestion.reasons.map((n) => noteText(n, names, td.skills)),
      errors,
      cards: volunteerCards(available, td.skills, chosen, leader),
      people: available.filter((v) => chosen.has(v.memberId)).reduce((n, v) => n + v.size, 0),
      equipment: inventory.map((k) => ({ code: k.code, name: k.name, left: Math.max(0, k.count - (lent.get(k.code) ?? 0)), value: posted?.equipment.get(k.code) ?? 0 })),
      equipmentHref: hasPermission(request, 'disaster.manage') ? equipmentHref(centre.id) : null,
      action: teamFormHref(need.id),
      teamsHref: teamsHref(centre.id),
    };
    return sendPage(request, reply, 'disasterTeamForm', `班の編成 ${need.referenceNo}`, view, status);
  };

  app.get<NeedParams & { Querystring: { size?: string } }>('/console/disaster/needs/:needId/team', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const asked = Number.parseInt(request.query.size ?? '', 10);
    return formPage(request, reply, Number.isInteger(asked) && asked >= 1 && asked <= MAX_SIZE ? asked : null, null, []);
  });

  app.post<NeedParams>('/console/disaster/needs/:needId/team', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = body(request);
    const members = many(b.members);
    const leader = one(b.leader);
    const counts = new Map<string, number>();
    const bad: string[] = [];
    for (const [key, value] of Object.entries(b)) {
      if (!key.startsWith('eq.')) continue;
      const text = one(value);
      if (text === '' || text === '0') continue;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0 || n > MAX_EQUIPMENT_COUNT) bad.push(key.slice(3));
      else counts.set(key.slice(3), n);
    }
    const posted = { members, leader, equipment: counts };
    if (bad.length) return formPage(request, reply, null, posted, ['資機材の数は、0以上の整数で入力してください。'], 400);
    const equipment: EquipmentCount[] = [...counts].map(([code, count]) => ({ code, count }));
    const choice: TeamChoice = { needId: request.params.needId, memberIds: members, leaderId: leader, equipment };
    const outcome = await formTeam(td.useCases, choice, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${teamHref(outcome.teamId)}?done=formed`, 303);
    if (outcome.refused === 'unknown') return needsNotFound(request, reply);
    const need = await td.needs.need(request.params.needId);
    const names = await td.read.memberNames(outcome.refused === 'notAvailable' ? outcome.memberIds : []);
    const equipmentNames = new Map((need ? await td.read.inventory(need.centreId) : []).map((k) => [k.code, k.name]));
    // Who was sent meanwhile is no longer offered; the rest of the choice stays ticked.
    const still = outcome.refused === 'notAvailable' ? { ...posted, members: members.filter((m) => !outcome.memberIds.includes(m)) } : posted;
    return formPage(request, reply, null, still, refusalText(outcome, names, equipmentNames), outcome.refused === 'notAvailable' ? 409 : 400);
  });

  app.get<{ Querystring: { centre?: string } }>('/console/disaster/teams', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const centreId = request.query.centre || (await td.needs.runningCentreId());
    const centre = centreId ? await td.needs.centre(centreId) : null;
    if (!centre) return sendPage(request, reply, 'error', '班の一覧', { heading: '班の一覧', message: 'いま開設中の災害ボランティアセンターはありません。', action: { href: '/console/disaster', label: '災害ボランティアセンターの一覧に戻る' } }, centreId ? 404 : 200);
    const today = jstDate(clock.now());
    const teams = await td.read.teams(centre.id, today);
    return sendPage(request, reply, 'disasterTeams', `今日の班 ${centreTitle(centre)}`, {
      centre: centreTitle(centre),
      drill: centre.drill,
      date: jaDay(today),
      rows: teams.map((t) => teamRow(t, needHref(t.needId))),
      out: teams.filter((t) => t.status === 'out').length,
      back: teams.filter((t) => t.status === 'back').length,
      boardHref: needsHref(centre.id),
      equipmentHref: equipmentHref(centre.id),
    });
  });

  const teamPage = async (request: FastifyRequest<TeamParams & { Querystring: { done?: string } }>, reply: FastifyReply, view: 'disasterTeam' | 'disasterTeamOrder') => {
    const t = await td.read.team(request.params.teamId);
    if (!t) return sendPage(request, reply, 'error', '見つかりません', { heading: '見つかりません', message: 'この班はありません。', action: { href: teamsHref(), label: '今日の班の一覧に戻る' } }, 404);
    const facts = teamFacts(t);
    const qrSvg = view === 'disasterTeamOrder' && facts.mapLink ? await QRCode.toString(facts.mapLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null;
    const heading = `${view === 'disasterTeamOrder' ? '活動依頼書兼報告書 ' : ''}第${t.number}班 ${t.referenceNo}`;
    return sendPage(request, reply, view, heading, {
      ...facts,
      done: DONE[request.query.done ?? ''] ?? null,
      heading,
      date: jaDay(t.date),
      qrSvg,
      needHref: needHref(t.needId),
      orderHref: `${teamHref(t.id)}/order`,
      reportHref: `${teamHref(t.id)}/report`,
      listHref: teamsHref(t.centreId),
    });
  };

  app.get<TeamParams & { Querystring: { done?: string } }>('/console/disaster/teams/:teamId', { config: { permission: 'disaster.needs.triage' } }, (request, reply) => teamPage(request, reply, 'disasterTeam'));
  app.get<TeamParams & { Querystring: { done?: string } }>('/console/disaster/teams/:teamId/order', { config: { permission: 'disaster.needs.triage' } }, (request, reply) => teamPage(request, reply, 'disasterTeamOrder'));

  // ---- Equipment ----

  const equipmentPage = async (request: FastifyRequest<CentreParams & { Querystring: { done?: string } }>, reply: FastifyReply, errors: string[] = [], status = 200) => {
    const centre = await td.needs.centre(request.params.id);
    if (!centre) return needsNotFound(request, reply);
    const [inventory, lent] = await Promise.all([td.read.inventory(centre.id), td.read.lentNow(centre.id)]);
    return sendPage(request, reply, 'disasterEquipment', `資機材 ${centreTitle(centre)}`, {
      centre: centreTitle(centre),
      drill: centre.drill,
      done: DONE[request.query.done ?? ''] ?? null,
      errors,
      rows: inventory.map((k) => ({ ...k, lent: lent.get(k.code) ?? 0, left: Math.max(0, k.count - (lent.get(k.code) ?? 0)) })),
      action: equipmentHref(centre.id),
      centreHref: `/console/disaster/centres/${encodeURIComponent(centre.id)}`,
      teamsHref: teamsHref(centre.id),
    }, status);
  };

  app.get<CentreParams & { Querystring: { done?: string } }>('/console/disaster/centres/:id/equipment', { config: { permission: 'disaster.manage' } }, (request, reply) => equipmentPage(request, reply));

  app.post<CentreParams & { Querystring: { done?: string } }>('/console/disaster/centres/:id/equipment', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const b = body(request);
    let code = one(b.code);
    if (!code) {
      // A new kind: the next free code (staff name kinds; codes only keep the loans apart).
      const taken = new Set((await td.read.inventory(request.params.id)).map((k) => k.code));
      let n = taken.size + 1;
      while (taken.has(`eq${n}`)) n += 1;
      code = `eq${n}`;
    }
    const count = one(b.count);
    const outcome = await setEquipment(td.useCases, request.params.id, { code, name: one(b.name), count: /^\d+$/.test(count) ? Number(count) : -1 }, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${equipmentHref(request.params.id)}?done=saved`, 303);
    if (outcome.refused === 'unknown') return needsNotFound(request, reply);
    const why = { badName: '名前を入力してください(40文字まで)。', badCount: `数は0から${MAX_EQUIPMENT_COUNT}までの整数で入力してください。`, badCode: '資機材の種類を確かめてください。' }[outcome.refused];
    return equipmentPage(request, reply, [why], 400);
  });
};
