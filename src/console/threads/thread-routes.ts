/**
 * The inbox and the conversation page: list threads (urgent first, with waiting time), read one thread's
 * whole history, claim or assign it, reply, keep notes, set the consultation's status, acknowledge safety
 * alerts and close the thread (which asks the resident the survey). Every page that shows a resident's data
 * writes an audit row; every change writes its own in the same transaction.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../../domain/consultation';
import type { StaffMember } from '../../domain/staff';
import type { InboxView, ThreadDetail } from '../../domain/staff-threads';
import type { ConsoleDeps } from '../console-deps';
import { currentSession } from '../console-guard';
import { can } from '../permissions';
import { sendPage } from '../render';
import { addNote, assignThread, closeThread, replyToThread, updateConsultation } from './thread-actions';
import { historyView, inboxRow, threadPage } from './thread-views';

const VIEWS: ReadonlyArray<{ view: InboxView; label: string }> = [
  { view: 'waiting', label: '対応待ち' },
  { view: 'urgent', label: '緊急' },
  { view: 'mine', label: '自分の担当' },
  { view: 'team', label: 'チーム' },
  { view: 'closed', label: '終了' },
];

function inboxView(value: unknown): InboxView {
  return VIEWS.some((v) => v.view === value) ? (value as InboxView) : 'waiting';
}

/**
 * Counsellors see threads of their teams, threads not yet routed to a team, urgent ones and their own;
 * coordinators and admins see all.
 */
export function maySee(staff: StaffMember, t: { teamCode: string | null; urgent: boolean; assigneeId: string | null }): boolean {
  if (staff.role !== 'counsellor') return true;
  return t.urgent || t.teamCode === null || staff.teams.includes(t.teamCode) || t.assigneeId === staff.id;
}

type IdParams = { Params: { id: string } };

export const threadRoutes: FastifyPluginAsync<ConsoleDeps> = async (app, deps) => {
  const { threads, labels } = deps.threadConsole;
  const actions = () => deps.threadConsole.actions();

  /** The thread if this member may see it; otherwise a 404 page is sent and null returned. */
  async function visible(request: FastifyRequest, reply: FastifyReply, id: string): Promise<ThreadDetail | null> {
    const { staff } = currentSession(request);
    const t = await threads.detail(id);
    if (t && maySee(staff, t)) return t;
    sendPage(request, reply, 'error', '見つかりません', { heading: '会話が見つかりません', message: 'この会話はないか、閲覧する権限がありません。', action: { href: '/console/inbox', label: '受信箱に戻る' } }, 404);
    return null;
  }

  const back = (reply: FastifyReply, id: string, anchor = '') => reply.redirect(`/console/threads/${id}${anchor}`, 303);

  async function rows(request: FastifyRequest, view: InboxView) {
    const { staff } = currentSession(request);
    const items = (await threads.inbox(view, staff)).filter((t) => maySee(staff, t));
    const now = deps.clock.now();
    return items.map((t) => inboxRow(t, labels, now));
  }

  app.get<{ Querystring: { view?: string } }>('/console/inbox', { config: { permission: 'inbox.view' } }, async (request, reply) => {
    const view = inboxView(request.query.view);
    return sendPage(request, reply, 'inbox', '受信箱', { view, views: VIEWS.map((v) => ({ ...v, href: `/console/inbox?view=${v.view}`, current: v.view === view })), rows: await rows(request, view) });
  });

  // Polled by the inbox page so new and changed threads appear without reloading.
  app.get<{ Querystring: { view?: string } }>('/console/inbox/rows', { config: { permission: 'inbox.view' } }, async (request) => {
    const view = inboxView(request.query.view);
    return { rows: await rows(request, view) };
  });

  app.get<IdParams>('/console/threads/:id', { config: { permission: 'conversation.view' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const { staff } = currentSession(request);
    await deps.audit.record({ staffId: staff.id, action: 'conversation.view', subjectType: 'conversation', subjectId: t.id, residentId: t.residentId, ip: request.ip, at: deps.clock.now() });
    const assignees = can(staff.role, 'conversation.assign') ? (await deps.staff.list()).filter((s) => s.active).map((s) => ({ id: s.id, name: s.displayName })) : null;
    return sendPage(request, reply, 'thread', '会話', { t: threadPage(t, labels, deps.clock.now(), staff, assignees), canReply: can(staff.role, 'conversation.reply'), canNote: can(staff.role, 'notes.write'), canUpdate: can(staff.role, 'consultation.update') });
  });

  // Polled by the conversation page: messages after `after`, so replies and new messages appear live.
  app.get<IdParams & { Querystring: { after?: string } }>('/console/threads/:id/updates', { config: { permission: 'conversation.view' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    const t = await threads.detail(request.params.id);
    if (!t || !maySee(staff, t)) return reply.code(404).send({ error: 'not found' });
    const after = new Date(request.query.after ?? 0);
    const entries = await threads.historySince(t.id, Number.isNaN(after.getTime()) ? new Date(0) : after);
    return { owner: t.owner, entries: entries.map(historyView) };
  });

  // A photo the resident sent, copied from LINE. Only images are shown inline; anything else downloads.
  app.get<IdParams>('/console/attachments/:id', { config: { permission: 'conversation.view' } }, async (request, reply) => {
    const a = await threads.attachment(request.params.id);
    const t = a ? await threads.detail(a.conversationId) : null;
    const { staff } = currentSession(request);
    if (!a || !t || !maySee(staff, t)) return reply.code(404).send({ error: 'not found' });
    await deps.audit.record({ staffId: staff.id, action: 'attachment.view', subjectType: 'attachment', subjectId: request.params.id, residentId: a.residentId, ip: request.ip, at: deps.clock.now() });
    const image = /^image\/(jpeg|png|gif|webp)$/.test(a.contentType);
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', image ? 'inline' : 'attachment')
      .type(image ? a.contentType : 'application/octet-stream')
      .send(a.data);
  });

  app.post<IdParams>('/console/threads/:id/claim', { config: { permission: 'conversation.claim' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const { staff } = currentSession(request);
    if (t.owner === 'closed') return back(reply, t.id);
    await assignThread(actions(), staff, t.id, staff.id);
    return back(reply, t.id);
  });

  app.post<IdParams & { Body: { assigneeId?: string } }>('/console/threads/:id/assign', { config: { permission: 'conversation.assign' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const { staff } = currentSession(request);
    const target = request.body?.assigneeId ? await deps.staff.findById(request.body.assigneeId) : null;
    if (!target || !target.active || t.owner === 'closed') return reply.code(400).send({ error: 'bad request' });
    await assignThread(actions(), staff, t.id, target.id);
    return back(reply, t.id);
  });

  app.post<IdParams & { Body: { text?: string } }>('/console/threads/:id/reply', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const { staff } = currentSession(request);
    await replyToThread(actions(), staff, t, String(request.body?.text ?? ''));
    return back(reply, t.id, '#reply');
  });

  app.post<IdParams & { Body: { text?: string } }>('/console/threads/:id/notes', { config: { permission: 'notes.write' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    await addNote(actions(), currentSession(request).staff, t.id, String(request.body?.text ?? ''));
    return back(reply, t.id, '#notes');
  });

  app.post<IdParams>('/console/threads/:id/close', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    if (t.owner !== 'closed') await closeThread(actions(), currentSession(request).staff, t);
    return back(reply, t.id);
  });

  app.post<IdParams & { Body: { threadId?: string } }>('/console/alerts/:id/ack', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, String(request.body?.threadId ?? ''));
    if (!t) return reply;
    if (!t.alerts.some((a) => a.id === request.params.id)) return reply.code(404).send({ error: 'not found' });
    await threads.acknowledgeAlert(request.params.id, currentSession(request).staff.id, deps.clock.now());
    return back(reply, t.id);
  });

  app.post<IdParams & { Body: { threadId?: string; status?: string; referralTarget?: string } }>(
    '/console/consultations/:id/status',
    { config: { permission: 'consultation.update' } },
    async (request, reply) => {
      const t = await visible(request, reply, String(request.body?.threadId ?? ''));
      if (!t) return reply;
      const status = request.body?.status;
      if (!t.consultations.some((c) => c.id === request.params.id) || !(CONSULTATION_STATUSES as readonly string[]).includes(status ?? '')) return reply.code(400).send({ error: 'bad request' });
      await updateConsultation(actions(), currentSession(request).staff, request.params.id, status as ConsultationStatus, request.body?.referralTarget ?? null);
      return back(reply, t.id, '#consultations');
    },
  );
};
