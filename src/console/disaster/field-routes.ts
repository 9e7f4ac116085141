/**
 * The field's console pages: urgent alerts (緊急アラート) from the 「緊急」 button, open ones first, refreshed by a
 * small script, each acknowledged once (「確認しました」); and a team's return report entered by staff from the
 * paper work order (活動報告を入力), through the same use case as the leader's report in LINE.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EquipmentCount } from '../../domain/disaster/equipment';
import type { FieldAlertEntry, FieldRepository } from '../../domain/disaster/field-admin';
import type { ReportProblem } from '../../domain/disaster/field-report';
import { acknowledgeFieldAlert } from '../../usecases/disaster/acknowledge-field-alert';
import type { FieldDeps } from '../../usecases/disaster/field-deps';
import { fileFieldReport, teamPeople } from '../../usecases/disaster/file-field-report';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { one } from '../shared/form-fields';
import { jaDateTime, jaLongDate } from '../shared/ja-dates';
import type { AlertRow } from './field-views';
import { needHref } from './needs-paths';

/** What the field pages need. */
export interface FieldConsole {
  read: FieldRepository;
  useCases: FieldDeps;
}

/** The alerts listed: every open one, and this many acknowledged. */
const ALERTS_SHOWN = 50;

const PROBLEMS: Readonly<Record<ReportProblem, string>> = {
  hours: '活動時間は 0.5〜12 時間で入力してください。',
  people: '人数は 1 人から班の人数までで入力してください。',
  done: '活動内容を入力してください。',
  remaining: '「継続」のときは、残っている作業を入力してください。',
};

function alertRow(a: FieldAlertEntry): AlertRow {
  return {
    id: a.id,
    open: a.acknowledgedAt === null,
    drill: a.drill,
    team: a.teamNumber !== null ? `第${a.teamNumber}班${a.teamDate ? `(${jaLongDate(a.teamDate)})` : ''}` : '—',
    needReference: a.needReference ?? '—',
    needHref: a.needId ? needHref(a.needId) : null,
    address: a.address ?? '—',
    leader: a.leaderName ?? '—',
    leaderPhone: a.leaderPhone ?? '—',
    member: a.memberName ?? '—',
    raisedAt: jaDateTime(a.raisedAt),
    acknowledged: a.acknowledgedAt ? jaDateTime(a.acknowledgedAt) : '',
  };
}

type TeamParams = { Params: { teamId: string } };

export const fieldRoutes: ConsoleRoutes<FieldConsole> = async (app, { deps, clock }) => {
  const rows = async () => (await deps.read.alerts(ALERTS_SHOWN)).map(alertRow);

  app.get<{ Querystring: { done?: string } }>('/console/disaster/alerts', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const list = await rows();
    return sendPage(request, reply, 'disasterAlerts', '緊急アラート', { rows: list, acknowledgedShown: ALERTS_SHOWN, open: list.filter((r) => r.open).length, done: request.query.done === 'ack' ? '確認済みにしました。' : request.query.done === 'already' ? 'ほかの職員が先に確認していました。' : null });
  });

  // Polled by the page's script: the alerts as they are now.
  app.get('/console/disaster/alerts/rows', { config: { permission: 'disaster.needs.triage' } }, async () => {
    const list = await rows();
    return { open: list.filter((r) => r.open).length, rows: list };
  });

  app.post<{ Params: { alertId: string } }>('/console/disaster/alerts/:alertId/ack', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const done = await acknowledgeFieldAlert(deps.useCases.work, request.params.alertId, staffAct(request, clock.now()));
    return reply.redirect(`/console/disaster/alerts?done=${done ? 'ack' : 'already'}`, 303);
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '見つかりません', message: 'この班はありません。', action: { href: '/console/disaster', label: '災害ボランティアセンターの一覧に戻る' } }, 404);

  const form = async (request: FastifyRequest<TeamParams>, reply: FastifyReply, values: Record<string, string>, missing: Record<string, string>, problems: string[], status = 200) => {
    const team = await deps.read.team(request.params.teamId);
    if (!team) return notFound(request, reply);
    if (team.reported || team.status === 'back') {
      return sendPage(request, reply, 'error', '報告済みです', { heading: '報告済みです', message: `第${team.number}班の活動報告は、もう受け付けています。`, action: { href: needHref(team.needId), label: 'ニーズの画面に戻る' } }, 409);
    }
    const names = await deps.read.equipmentNames(team.centreId);
    return sendPage(request, reply, 'disasterTeamReport', `第${team.number}班の活動報告`, {
      heading: `第${team.number}班の活動報告を入力(${jaLongDate(team.date)})`,
      needReference: team.need.referenceNo,
      needHref: needHref(team.needId),
      teamPeople: teamPeople(team),
      equipment: team.equipment.map((e) => ({ ...e, name: names.get(e.code) ?? e.code })),
      values,
      missing,
      problems,
      backHref: needHref(team.needId),
    }, status);
  };

  app.get<TeamParams>('/console/disaster/teams/:teamId/report', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) =>
    form(request, reply, { back: 'yes', outcome: 'done' }, {}, []),
  );

  app.post<TeamParams>('/console/disaster/teams/:teamId/report', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(['back', 'people', 'hours', 'done', 'remarks', 'injuries', 'nearMiss', 'outcome', 'remaining'].map((k) => [k, one(b[k]).trim()]));
    const missingFields: Record<string, string> = {};
    const missing: EquipmentCount[] = [];
    for (const [k, v] of Object.entries(b)) {
      if (!k.startsWith('missing.')) continue;
      const raw = one(v).trim();
      missingFields[k.slice(8)] = raw;
      const count = Number(raw.normalize('NFKC'));
      if (raw && Number.isInteger(count) && count > 0) missing.push({ code: k.slice(8), count });
    }
    const outcome = values.outcome === 'continuing' ? 'continuing' : 'done';
    const filed = await fileFieldReport(
      deps.useCases,
      request.params.teamId,
      {
        back: values.back !== 'no',
        people: Number(values.people!.normalize('NFKC')),
        hours: Number(values.hours!.normalize('NFKC')),
        done: values.done!,
        remarks: values.remarks || undefined,
        injuries: values.injuries || undefined,
        nearMiss: values.nearMiss || undefined,
        outcome,
        remaining: values.remaining || undefined,
        allReturned: missing.length === 0,
        missing,
      },
      { channel: 'console', staff: staffAct(request, clock.now()) },
    );
    if (filed.ok) {
      const team = await deps.read.team(request.params.teamId);
      return reply.redirect(`${team ? needHref(team.needId) : '/console/disaster'}?done=saved`, 303);
    }
    if (filed.refused === 'problems') return form(request, reply, values, missingFields, filed.problems.map((p) => PROBLEMS[p]), 400);
    return form(request, reply, values, missingFields, []);
  });
};
