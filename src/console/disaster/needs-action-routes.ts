/**
 * The triage actions on a need's page: move its status (only the moves `mayMoveNeed` allows; 活動予定 with its date,
 * 取消 and 対応不可 with the reason and the referral), set its priority, its flags and the site-survey decision,
 * and look at a report's suspected duplicates (link it to that need, or confirm it separate). Each a use case with
 * its audit row; the page is shown again with what was done.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate } from '../../domain/japan-time';
import { NEED_FLAGS, NEED_PRIORITIES, NEED_STATUSES, SURVEY_DECISIONS, type NeedFlag, type NeedPriority, type NeedStatus, type SurveyDecision } from '../../domain/disaster/needs';
import { changeNeed, type NeedChange } from '../../usecases/disaster/change-need';
import { moveNeed } from '../../usecases/disaster/move-need';
import { reviewNeedReport } from '../../usecases/disaster/review-need-report';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { many, one } from '../shared/form-fields';
import { needHref, needsNotFound, type NeedsConsole } from './needs-paths';

const REFUSALS: Readonly<Record<string, string>> = {
  notAllowed: 'この状態からは、その操作はできません。',
  movedMeanwhile: 'ほかの職員が先に状態を変えました。画面を開き直してください。',
  dateMissing: '「活動予定」にするには、活動日を入力してください。',
  reasonMissing: '「取消」「対応不可」にするには、理由と紹介先(ご相談先)を入力してください。',
  reviewed: 'この報告は、もう確認済みです。',
  linkTarget: 'まとめる先のニーズを選んでください(同じセンターの、まとめられていないニーズ)。',
};

const within = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

type Params = { Params: { needId: string } };

/** The triage actions' routes (coordinators: `disaster.needs.triage`). */
export const needActionRoutes: ConsoleRoutes<NeedsConsole> = async (app, { deps: nd, clock }) => {
  const refused = (request: FastifyRequest<Params>, reply: FastifyReply, why: string, status = 409) =>
    sendPage(request, reply, 'error', '操作できませんでした', { heading: '操作できませんでした', message: REFUSALS[why] ?? why, action: { href: needHref(request.params.needId), label: 'ニーズの画面に戻る' } }, status);
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const back = (request: FastifyRequest<Params>, reply: FastifyReply, id = request.params.needId, done = 'saved') => reply.redirect(`${needHref(id)}?done=${done}`, 303);

  app.post<Params>('/console/disaster/needs/:needId/status', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = body(request);
    const from = one(b.from);
    const to = one(b.to);
    if (!within(NEED_STATUSES, from) || !within(NEED_STATUSES, to)) return refused(request, reply, 'notAllowed', 400);
    const date = one(b.scheduledOn);
    if (date && !isCalendarDate(date)) return refused(request, reply, 'dateMissing', 400);
    const outcome = await moveNeed(nd.useCases, request.params.needId, from as NeedStatus, to as NeedStatus, { scheduledOn: date || null, reason: one(b.reason) || null, referral: one(b.referral) || null }, staffAct(request, clock.now()));
    if (outcome.ok) return back(request, reply);
    if (outcome.refused === 'unknown') return needsNotFound(request, reply);
    return refused(request, reply, outcome.refused, outcome.refused === 'movedMeanwhile' ? 409 : 400);
  });

  app.post<Params>('/console/disaster/needs/:needId/triage', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = body(request);
    const what = one(b.what);
    let change: NeedChange;
    if (what === 'priority' && within(NEED_PRIORITIES, one(b.priority))) change = { priority: one(b.priority) as NeedPriority };
    else if (what === 'flags') change = { flags: many(b.flags).filter((f): f is NeedFlag => within(NEED_FLAGS, f)) };
    else if (what === 'survey' && (one(b.surveyDecision) === '' || within(SURVEY_DECISIONS, one(b.surveyDecision)))) change = { surveyDecision: (one(b.surveyDecision) || null) as SurveyDecision | null };
    else return refused(request, reply, '入力を確かめてください。', 400);
    const outcome = await changeNeed(nd.useCases, request.params.needId, change, staffAct(request, clock.now()));
    if (!outcome.ok) return needsNotFound(request, reply);
    return back(request, reply);
  });

  app.post<Params>('/console/disaster/needs/:needId/reports', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = body(request);
    const into = one(b.into);
    const decision = one(b.decision) === 'separate' ? ({ kind: 'separate' } as const) : into ? ({ kind: 'link', intoNeedId: into } as const) : null;
    if (!decision) return refused(request, reply, 'linkTarget', 400);
    const outcome = await reviewNeedReport(nd.useCases, request.params.needId, one(b.reportId), decision, staffAct(request, clock.now()));
    if (outcome.ok) return back(request, reply, outcome.needId, decision.kind === 'link' ? 'linked' : 'saved');
    if (outcome.refused === 'unknown') return needsNotFound(request, reply);
    return refused(request, reply, outcome.refused);
  });
};
