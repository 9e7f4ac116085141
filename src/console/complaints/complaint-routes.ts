/**
 * 苦情・ご意見 in the console: the list (newest first, filtered by status), a complaint's page with the resident's
 * words, staff's notes and the outcome (every showing audited), the moves 対応中 / 解決 (with the outcome) / 取り下げ,
 * and 「結果を伝える」, which sends the outcome on LINE when the resident left LINE as the way, or shows the number
 * to call. Every change goes through a use case (row and audit row, and the notice, in one transaction).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canMoveComplaint, canTellOutcome, COMPLAINT_MOVES, COMPLAINT_NOTES_MAX, COMPLAINT_OUTCOME_MAX, COMPLAINT_STATUSES, type ComplaintAdmin, type ComplaintRecord } from '../../domain/complaint';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, staffAct } from '../console-guard';
import { sendPage } from '../render';
import { COMPLAINT_KIND_JA, COMPLAINT_STATUS_JA, COMPLAINT_TOPIC_JA } from './complaint-text';
import { csvDateTime, csvPhone } from '../shared/csv';
import { lines, one } from '../shared/form-fields';
import { listHref, parsePageNumber, readPage, type Pager } from '../shared/paging';
import type { ComplaintDeps } from '../../usecases/complaints/complaint-deps';
import { resolveComplaint } from '../../usecases/complaints/resolve-complaint';
import { saveComplaintNotes } from '../../usecases/complaints/save-complaint-notes';
import { startComplaint } from '../../usecases/complaints/start-complaint';
import { tellComplaintOutcome } from '../../usecases/complaints/tell-complaint-outcome';
import { withdrawComplaint } from '../../usecases/complaints/withdraw-complaint';

/** The longest form: notes or an outcome, with room for the other fields. */
export const COMPLAINT_FORM_MAX = COMPLAINT_NOTES_MAX + 200;

export interface ComplaintConsole {
  admin: ComplaintAdmin;
  useCases: ComplaintDeps;
}

/** How many complaints one page of the list shows. */
export const COMPLAINT_PAGE_SIZE = 50;

export interface ComplaintListView {
  values: { status: string };
  pager: Pager;
  statuses: Array<{ value: string; label: string }>;
  rows: Array<{ href: string; referenceNo: string; kind: string; topic: string; status: string; date: string; reply: string }>;
}

export interface ComplaintDetailView {
  id: string;
  heading: string;
  status: string | null;
  error: string | null;
  facts: Array<{ label: string; value: string }>;
  text: string;
  notes: string;
  outcome: string;
  moves: { in_progress: boolean; resolved: boolean; withdrawn: boolean };
  /** How the outcome reaches the resident: a LINE send, a phone to call, or no way. */
  reply: { kind: 'line'; canTell: boolean; toldAt: string | null } | { kind: 'phone'; phone: string } | { kind: 'none' };
  outcomeMax: number;
  notesMax: number;
}

function replyText(c: ComplaintRecord): string {
  if (c.contact === 'line') return 'LINE';
  if (c.contact === 'phone') return '電話';
  return '名前なし(返事なし)';
}

export const complaintRoutes: ConsoleRoutes<ComplaintConsole> = async (app, { deps: cc, clock, audit }) => {
  const pageOf = (id: string) => `/console/complaints/${encodeURIComponent(id)}`;
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '苦情・ご意見が見つかりません', message: 'この苦情・ご意見はありません。', action: { href: '/console/complaints', label: '苦情・ご意見の一覧に戻る' } }, 404);

  const DONE: Record<string, string> = {
    in_progress: '「対応中」にしました。',
    resolved: '「解決」にしました。結果を伝えるときは、下の「結果を伝える」を使ってください。',
    withdrawn: '「取り下げ」にしました。',
    notes: 'メモを保存しました。',
    told: '結果をLINEで送りました(その方の言語で)。',
  };

  /** The complaint's page; it shows the resident's words, so every showing is audited. */
  async function detailPage(request: FastifyRequest, reply: FastifyReply, c: ComplaintRecord, opts: { status?: string | null; error?: string | null } = {}, code = 200) {
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'complaint.view', subjectType: 'complaint', subjectId: c.id, ...(c.residentId ? { residentId: c.residentId } : {}), detail: { status: c.status }, ip: request.ip, at: clock.now() });
    const view: ComplaintDetailView = {
      id: c.id,
      heading: `${COMPLAINT_KIND_JA[c.kind]} ${c.referenceNo}`,
      status: opts.status ?? null,
      error: opts.error ?? null,
      facts: [
        { label: '状態', value: COMPLAINT_STATUS_JA[c.status] },
        { label: '受付番号', value: c.referenceNo },
        { label: '種類', value: COMPLAINT_KIND_JA[c.kind] },
        { label: '内容', value: COMPLAINT_TOPIC_JA[c.topic] },
        { label: 'お返事', value: c.contact === 'phone' ? `電話(${csvPhone(c.phone)})` : replyText(c) },
        { label: '受け付けた日時', value: csvDateTime(c.createdAt) },
        { label: '最終更新', value: csvDateTime(c.updatedAt) },
      ],
      text: c.text,
      notes: c.notes ?? '',
      outcome: c.outcome ?? '',
      moves: { in_progress: canMoveComplaint(c.status, 'in_progress'), resolved: canMoveComplaint(c.status, 'resolved'), withdrawn: canMoveComplaint(c.status, 'withdrawn') },
      reply: c.contact === 'line' && c.residentId ? { kind: 'line', canTell: canTellOutcome(c), toldAt: c.outcomeToldAt ? csvDateTime(c.outcomeToldAt) : null } : c.contact === 'phone' && c.phone ? { kind: 'phone', phone: csvPhone(c.phone) } : { kind: 'none' },
      outcomeMax: COMPLAINT_OUTCOME_MAX,
      notesMax: COMPLAINT_NOTES_MAX,
    };
    return sendPage(request, reply, 'complaint', `${c.referenceNo}(苦情・ご意見)`, view, code);
  }

  app.get('/console/complaints', { config: { permission: 'complaint.manage' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const status = COMPLAINT_STATUSES.find((s) => s === one(query.status)) ?? null;
    const values = { status: status ?? '' };
    const { rows, pager } = await readPage(parsePageNumber(query), COMPLAINT_PAGE_SIZE, (page) => cc.admin.list({ status }, page), (n) => listHref('/console/complaints', values, n));
    const view: ComplaintListView = {
      values,
      pager,
      statuses: COMPLAINT_STATUSES.map((s) => ({ value: s, label: COMPLAINT_STATUS_JA[s] })),
      rows: rows.map((c) => ({ href: pageOf(c.id), referenceNo: c.referenceNo, kind: COMPLAINT_KIND_JA[c.kind], topic: COMPLAINT_TOPIC_JA[c.topic], status: COMPLAINT_STATUS_JA[c.status], date: csvDateTime(c.createdAt), reply: replyText(c) })),
    };
    return sendPage(request, reply, 'complaints', '苦情・ご意見', view);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/console/complaints/:id', { config: { permission: 'complaint.manage' } }, async (request, reply) => {
    const c = await cc.admin.get(request.params.id);
    if (!c) return notFound(request, reply);
    const done = request.query.done;
    return detailPage(request, reply, c, { status: typeof done === 'string' ? (DONE[done] ?? null) : null });
  });

  app.post<{ Params: { id: string } }>('/console/complaints/:id/status', { config: { permission: 'complaint.manage' } }, async (request, reply) => {
    const c = await cc.admin.get(request.params.id);
    if (!c) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const to = COMPLAINT_MOVES.find((m) => m === one(body.to));
    if (!to) return detailPage(request, reply, c, { error: '変える先の状態がわかりませんでした。画面を開き直してください。' }, 400);
    const by = staffAct(request, clock.now());
    const outcome = to === 'resolved' ? await resolveComplaint(cc.useCases, c, lines(body.outcome), by) : to === 'in_progress' ? await startComplaint(cc.useCases, c, by) : await withdrawComplaint(cc.useCases, c, by);
    if (outcome.ok) return reply.redirect(`${pageOf(c.id)}?done=${to}`, 303);
    const again = (await cc.admin.get(c.id)) ?? c;
    switch (outcome.refused) {
      case 'outcomeRequired':
        return detailPage(request, reply, c, { error: '解決にするときは、結果(何をしたか)を書いてください。' }, 400);
      case 'outcomeTooLong':
        return detailPage(request, reply, c, { error: `結果は${COMPLAINT_OUTCOME_MAX}文字までにしてください(いま${outcome.length}文字)。` }, 400);
      default:
        return detailPage(request, reply, again, { error: `いまの状態(${COMPLAINT_STATUS_JA[again.status]})からは変えられません。ほかの職員が先に変えた可能性があります。` }, 409);
    }
  });

  app.post<{ Params: { id: string } }>('/console/complaints/:id/notes', { config: { permission: 'complaint.manage' } }, async (request, reply) => {
    const c = await cc.admin.get(request.params.id);
    if (!c) return notFound(request, reply);
    const outcome = await saveComplaintNotes(cc.useCases, c, lines(((request.body ?? {}) as Record<string, unknown>).notes), staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${pageOf(c.id)}?done=notes`, 303);
    const again = (await cc.admin.get(c.id)) ?? c;
    return detailPage(request, reply, again, { error: outcome.refused === 'tooLong' ? `メモは${COMPLAINT_NOTES_MAX}文字までにしてください(いま${outcome.length}文字)。` : 'ほかの職員が先に変えました。もう一度お試しください。' }, 400);
  });

  app.post<{ Params: { id: string } }>('/console/complaints/:id/tell', { config: { permission: 'complaint.manage' } }, async (request, reply) => {
    const c = await cc.admin.get(request.params.id);
    if (!c) return notFound(request, reply);
    const outcome = await tellComplaintOutcome(cc.useCases, c.id, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${pageOf(c.id)}?done=told`, 303);
    const again = (await cc.admin.get(c.id)) ?? c;
    return detailPage(request, reply, again, { error: '結果をLINEで送れません(解決にしていない、LINEでの返事を選んでいない、またはもう送っています)。' }, 409);
  });
};
