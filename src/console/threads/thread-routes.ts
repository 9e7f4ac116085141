/**
 * The inbox and the conversation page: list threads (urgent first, with waiting time), read one thread's
 * whole history (with the consents that cover it), claim or assign it, reply, keep notes, set the consultation's
 * status, refer it to a partner body (asking the resident first when they have not agreed), acknowledge safety
 * alerts and close the thread (which asks the resident the survey). Every page that shows a resident's data
 * writes an audit row; every change writes its own in the same transaction.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { maySee, type InboxView, type StaffThreadStore, type ThreadDetail } from '../../domain/staff-threads';
import type { SafetyReplySource } from '../../domain/safety-reply';
import { currentSession, hasPermission } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { acknowledgeAlert } from '../../usecases/threads/acknowledge-alert';
import { addThreadNote } from '../../usecases/threads/add-thread-note';
import { assignThread } from '../../usecases/threads/assign-thread';
import { changeConsultationStatus } from '../../usecases/threads/change-consultation-status';
import { claimThread } from '../../usecases/threads/claim-thread';
import { closeThread } from '../../usecases/threads/close-thread';
import { replyToThread } from '../../usecases/threads/reply-to-thread';
import { resendReply } from '../../usecases/threads/resend-reply';
import type { Actor, ThreadActionDeps } from '../../usecases/threads/thread-deps';
import { DomainError } from '../../domain/errors';
import { historyView, inboxRow, threadPage, type ConsoleLabels } from './thread-views';
import { safetyReplyState, unconfirmed, type SafetyReplyState } from '../../domain/safety-reply';
import { sendStoredContent } from '../shared/stored-content';
import { listHref, parsePageNumber, readPage } from '../shared/paging';
import type { ReferralRepository } from '../../domain/referral';
import { referConsultation, type ReferralDeps } from '../../usecases/threads/refer-consultation';
import { consentPanel, type ConsentPanelView, type PartnerChoice } from './consent-views';
import { cannedReplyViews } from './canned-reply-views';
import { isLanguage, type Language } from '../../domain/language';
import type { Msg } from '../../domain/message-text';

const VIEWS: ReadonlyArray<{ view: InboxView; label: string }> = [
  { view: 'waiting', label: '対応待ち' },
  { view: 'urgent', label: '緊急' },
  { view: 'mine', label: '自分の担当' },
  { view: 'team', label: 'チーム' },
  { view: 'closed', label: '終了' },
];

/** How many closed threads one page of the inbox's 終了 view shows. */
export const CLOSED_PAGE_SIZE = 50;

function inboxView(value: unknown): InboxView {
  return VIEWS.some((v) => v.view === value) ? (value as InboxView) : 'waiting';
}

type IdParams = { Params: { id: string } };

/** What the conversation page announces after an action (in a status region that takes focus). */
const DONE_MESSAGES = {
  claimed: 'この会話の担当になりました。',
  assigned: '担当者を割り当てました。',
  replied: '返信を送りました。送信の状態は履歴に表示されます。',
  resent: '返信をもう一度送りました。',
  noted: 'メモを保存しました。',
  closed: '対応を終了しました。',
  acknowledged: '緊急の警告を確認済みにしました。',
  status: '相談の状態を保存しました。',
  referred: '相談を紹介しました。本人に紹介先と、このあとのことを知らせます。',
  referralAsked: '紹介してよいか、本人にLINEで確認しています。本人が「はい」と答えると紹介されます。',
} as const;

/** The signed-in member as the thread use cases take them: coordinators and admins may act on any thread. */
function actorOf(request: FastifyRequest): Actor {
  const { staff } = currentSession(request);
  return { id: staff.id, displayName: staff.displayName, mayReassign: hasPermission(request, 'conversation.assign') };
}

/** What the inbox and conversation pages need. */
export interface ThreadConsoleDeps {
  threads: StaffThreadStore;
  labels: ConsoleLabels;
  /** Staff actions (reply, close …); a function because the bot's renderer and messenger are built after the console. */
  actions(): ThreadActionDeps;
  /** Whether each alert's safety reply reached the resident. */
  safetyReplies: SafetyReplySource;
  /** Consents and referrals (紹介する); absent: the page shows neither. */
  referrals?: {
    reader: ReferralRepository;
    actions(): ReferralDeps;
    partners: readonly PartnerChoice[];
    /** The consent topics of a consultation category. */
    topicsOf(categoryCode: string): readonly string[];
  };
}

export const threadRoutes: ConsoleRoutes<ThreadConsoleDeps> = async (app, { deps, clock, audit, staff: colleagues }) => {
  const { threads, labels, safetyReplies } = deps;
  const actions = () => deps.actions();

  /** A line the resident reads (a canned reply's note), worded in their language by the bot's own renderer. */
  const residentLine = (m: Msg, language: Language): string =>
    actions().render([{ lines: [m] }], language).flatMap((x) => (x.type === 'text' ? [x.text] : []))[0] ?? '';

  /** The thread if this member may see it; otherwise a 404 page is sent and null returned. */
  async function visible(request: FastifyRequest, reply: FastifyReply, id: string, historySince?: Date): Promise<ThreadDetail | null> {
    const { staff } = currentSession(request);
    const t = await threads.detail(id, historySince ? { historySince } : {});
    if (t && maySee(staff, t)) return t;
    sendPage(request, reply, 'error', '見つかりません', { heading: '会話が見つかりません', message: 'この会話はないか、閲覧する権限がありません。', action: { href: '/console/inbox', label: '受信箱に戻る' } }, 404);
    return null;
  }

  /** Back to the conversation page, which then announces what was done (`DONE_MESSAGES`). */
  const back = (reply: FastifyReply, id: string, done: keyof typeof DONE_MESSAGES, anchor = '') => reply.redirect(`/console/threads/${id}?done=${done}${anchor}`, 303);

  /** An action that cannot be done (now): a page saying why, with the way back; typed text is shown to copy. */
  const refused = (request: FastifyRequest, reply: FastifyReply, id: string, message: string, status = 409) =>
    sendPage(request, reply, 'error', '操作できませんでした', { heading: '操作できませんでした', message, action: { href: `/console/threads/${id}`, label: '会話に戻る' } }, status);

  /**
   * Runs a change; a race lost to a colleague (the thread changed meanwhile) becomes a clear page, not an error:
   * then the page is sent and null returned.
   */
  async function changing<T>(request: FastifyRequest, reply: FastifyReply, id: string, change: () => Promise<T>, keep = ''): Promise<T | null> {
    try {
      return await change();
    } catch (e) {
      if (e instanceof DomainError && e.code === 'thread.transition') {
        refused(request, reply, id, `ほかの職員が先にこの会話を操作しました(担当の変更や終了)。会話を開き直して、状態を確かめてください。${keep ? `\n\n${keep}` : ''}`);
        return null;
      }
      throw e;
    }
  }

  /** What became of the safety reply of each alert on these threads. */
  async function replyStates(threadIds: string[]): Promise<Array<{ alertId: string; threadId: string; state: SafetyReplyState }>> {
    return (await safetyReplies.forThreads(threadIds)).map((r) => ({ alertId: r.alertId, threadId: r.conversationId, state: safetyReplyState(r.rows) }));
  }

  /** Which consents cover the thread's consultations, and their referrals. */
  async function consentsOf(t: ThreadDetail): Promise<ConsentPanelView | null> {
    const r = deps.referrals;
    if (!r) return null;
    const [general, consents, referrals] = await Promise.all([r.reader.generalOf(t.residentId), r.reader.consentsOf(t.residentId), r.reader.ofConsultations(t.consultations.map((c) => c.id))]);
    const names = referrals.length ? new Map((await colleagues.list()).map((s) => [s.id, s.displayName])) : new Map<string, string>();
    return consentPanel(general, consents, t.consultations, referrals, r.partners, r.topicsOf, (id) => names.get(id) ?? '(削除された職員)');
  }

  /** The view's rows; the closed threads, which grow for years, a page at a time (from 1: `asked`). */
  async function rows(request: FastifyRequest, view: InboxView, asked: number) {
    const { staff } = currentSession(request);
    const { rows: items, pager } =
      view === 'closed'
        ? await readPage(asked, CLOSED_PAGE_SIZE, (page) => threads.closed(staff, page), (n) => listHref('/console/inbox', { view }, n))
        : { rows: (await threads.inbox(view, staff)).filter((t) => maySee(staff, t)), pager: null };
    const now = clock.now();
    // Urgent threads say when a safety reply is not known to have reached the resident.
    const replies = await replyStates(items.filter((t) => t.urgent).map((t) => t.id));
    const open = new Set(replies.filter((r) => unconfirmed(r.state)).map((r) => r.threadId));
    return { rows: items.map((t) => inboxRow(t, labels, now, open.has(t.id))), pager };
  }

  app.get<{ Querystring: { view?: string; page?: string } }>('/console/inbox', { config: { permission: 'inbox.view' } }, async (request, reply) => {
    const view = inboxView(request.query.view);
    const read = await rows(request, view, parsePageNumber(request.query));
    return sendPage(request, reply, 'inbox', '受信箱', { view, views: VIEWS.map((v) => ({ ...v, href: `/console/inbox?view=${v.view}`, current: v.view === view })), ...read });
  });

  // Polled by the inbox page so new and changed threads appear without reloading.
  app.get<{ Querystring: { view?: string; page?: string } }>('/console/inbox/rows', { config: { permission: 'inbox.view' } }, async (request) => {
    const view = inboxView(request.query.view);
    return { rows: (await rows(request, view, parsePageNumber(request.query))).rows };
  });

  app.get<IdParams & { Querystring: { done?: string; since?: string } }>('/console/threads/:id', { config: { permission: 'conversation.view' } }, async (request, reply) => {
    // 「以前のメッセージ」 asks for the history since an earlier instant; without it the latest messages are shown.
    const since = typeof request.query.since === 'string' ? new Date(request.query.since) : null;
    const t = await visible(request, reply, request.params.id, since && !Number.isNaN(since.getTime()) ? since : undefined);
    if (!t) return reply;
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'conversation.view', subjectType: 'conversation', subjectId: t.id, residentId: t.residentId, ip: request.ip, at: clock.now() });
    const assignees = hasPermission(request, 'conversation.assign') ? (await colleagues.list()).filter((s) => s.active).map((s) => ({ id: s.id, name: s.displayName })) : null;
    const page = threadPage(t, labels, clock.now(), staff, assignees, new Map((await replyStates([t.id])).map((r) => [r.alertId, r.state])));
    const done = request.query.done;
    const status = typeof done === 'string' && done in DONE_MESSAGES ? DONE_MESSAGES[done as keyof typeof DONE_MESSAGES] : null;
    const consents = await consentsOf(t);
    const canned = cannedReplyViews(labels.cannedReplies, isLanguage(t.language) ? t.language : 'ja', residentLine);
    return sendPage(request, reply, 'thread', `会話 ${page.heading}`, { t: page, status, consents, canned, canReply: hasPermission(request, 'conversation.reply'), canNote: hasPermission(request, 'notes.write'), canUpdate: hasPermission(request, 'consultation.update'), canEditCanned: hasPermission(request, 'settings.cannedReplies') });
  });

  // Polled by the conversation page: messages after `after`, so replies and new messages appear live.
  app.get<IdParams & { Querystring: { after?: string } }>('/console/threads/:id/updates', { config: { permission: 'conversation.view' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    // Polled every few seconds: the inbox row is enough to check visibility; the history comes below.
    const t = await threads.head(request.params.id);
    if (!t || !maySee(staff, t)) return reply.code(404).send({ error: 'not found' });
    const asked = new Date(request.query.after ?? 0);
    const after = Number.isNaN(asked.getTime()) ? new Date(0) : asked;
    const entries = await threads.historySince(t.id, after);
    // Messages read through the live update are views of the resident's data too.
    // The page already shows messages at exactly `after`; only newer ones are a new view.
    const fresh = entries.filter((e) => e.createdAt.getTime() > after.getTime());
    if (fresh.length > 0) await audit.record({ staffId: staff.id, action: 'conversation.view', subjectType: 'conversation', subjectId: t.id, residentId: t.residentId, detail: { live: fresh.length }, ip: request.ip, at: clock.now() });
    return { owner: t.owner, entries: entries.map((e) => historyView(e, t.id)) };
  });

  // A photo the resident sent, copied from LINE. Only images are shown inline; anything else downloads.
  app.get<IdParams>('/console/attachments/:id', { config: { permission: 'conversation.view' } }, async (request, reply) => {
    const a = await threads.attachment(request.params.id);
    const t = a ? await threads.head(a.conversationId) : null;
    const { staff } = currentSession(request);
    if (!a || !t || !maySee(staff, t)) return reply.code(404).send({ error: 'not found' });
    await audit.record({ staffId: staff.id, action: 'attachment.view', subjectType: 'attachment', subjectId: request.params.id, residentId: a.residentId, ip: request.ip, at: clock.now() });
    return sendStoredContent(reply, a);
  });

  app.post<IdParams>('/console/threads/:id/claim', { config: { permission: 'conversation.claim' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const done = await changing(request, reply, t.id, () => claimThread(actions(), actorOf(request), t));
    if (!done) return reply;
    if (!done.ok) return refused(request, reply, t.id, 'この会話はほかの職員が担当しています。担当を替えるには、コーディネーターに割り当てを頼んでください。', 403);
    return back(reply, t.id, 'claimed');
  });

  app.post<IdParams & { Body: { assigneeId?: string } }>('/console/threads/:id/assign', { config: { permission: 'conversation.assign' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const wanted = request.body?.assigneeId;
    const done = await changing(request, reply, t.id, () => assignThread(actions(), actorOf(request), t, typeof wanted === 'string' ? wanted : ''));
    if (!done) return reply;
    if (!done.ok) return refused(request, reply, t.id, '割り当てる職員を選んでください。', 400);
    return back(reply, t.id, 'assigned');
  });

  app.post<IdParams & { Body: { text?: string } }>('/console/threads/:id/reply', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const text = typeof request.body?.text === 'string' ? request.body.text : '';
    const keep = text.trim() ? `送ろうとした文章:\n${text.trim()}` : '';
    const done = await changing(request, reply, t.id, () => replyToThread(actions(), actorOf(request), t, text), keep);
    if (!done) return reply;
    if (done.ok) return back(reply, t.id, 'replied', '#reply');
    switch (done.refused) {
      case 'closed':
        return refused(request, reply, t.id, `この会話は終了しているため、返信は送っていません。${keep ? `\n\n${keep}` : ''}`);
      case 'notYours':
        return refused(request, reply, t.id, `この会話はほかの職員が担当しているため、返信は送っていません。${keep ? `\n\n${keep}` : ''}`, 403);
      case 'empty':
        return refused(request, reply, t.id, '返信の文章が空です。', 400);
    }
  });

  app.post<IdParams & { Body: { text?: string } }>('/console/threads/:id/notes', { config: { permission: 'notes.write' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const text = typeof request.body?.text === 'string' ? request.body.text : '';
    if (!(await addThreadNote(actions(), actorOf(request), t.id, text))) return refused(request, reply, t.id, 'メモの文章が空です。', 400);
    return back(reply, t.id, 'noted', '#notes');
  });

  app.post<{ Params: { id: string; outboundId: string } }>('/console/threads/:id/replies/:outboundId/resend', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    if (!(await resendReply(actions(), t.id, request.params.outboundId))) return refused(request, reply, t.id, 'この返信は再送できません(送信済みか、送信中です)。');
    return back(reply, t.id, 'resent', '#history');
  });

  app.post<IdParams>('/console/threads/:id/close', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, request.params.id);
    if (!t) return reply;
    const done = await changing(request, reply, t.id, () => closeThread(actions(), actorOf(request), t));
    if (!done) return reply;
    if (done.ok) return back(reply, t.id, 'closed');
    switch (done.refused) {
      case 'alreadyClosed':
        return back(reply, t.id, 'closed');
      case 'notYours':
        return refused(request, reply, t.id, 'この会話はほかの職員が担当しているため、終了できません。', 403);
      case 'unacknowledgedAlerts':
        return refused(request, reply, t.id, '確認していない緊急の警告があります。内容を確かめて「確認した」を押してから、終了してください。');
    }
  });

  app.post<IdParams & { Body: { threadId?: string } }>('/console/alerts/:id/ack', { config: { permission: 'conversation.reply' } }, async (request, reply) => {
    const t = await visible(request, reply, String(request.body?.threadId ?? ''));
    if (!t) return reply;
    if (!(await acknowledgeAlert(actions(), actorOf(request), t, request.params.id)).ok) return reply.code(404).send({ error: 'not found' });
    return back(reply, t.id, 'acknowledged');
  });

  app.post<IdParams & { Body: { threadId?: string; status?: string; referralTarget?: string } }>(
    '/console/consultations/:id/status',
    { config: { permission: 'consultation.update' } },
    async (request, reply) => {
      const t = await visible(request, reply, String(request.body?.threadId ?? ''));
      if (!t) return reply;
      const status = typeof request.body?.status === 'string' ? request.body.status : '';
      const referral = typeof request.body?.referralTarget === 'string' ? request.body.referralTarget.slice(0, 200) : null;
      const done = await changeConsultationStatus(actions(), actorOf(request), t, request.params.id, status, referral);
      if (done.ok) return back(reply, t.id, 'status', '#consultations');
      if (done.refused === 'referralRequired') return refused(request, reply, t.id, '「他機関へつないだ」ときは、つないだ先を入力してください。', 400);
      return refused(request, reply, t.id, '相談の状態を選び直してください。', 400);
    },
  );

  app.post<IdParams & { Body: { threadId?: string; partner?: string } }>('/console/consultations/:id/refer', { config: { permission: 'consultation.update' } }, async (request, reply) => {
    const t = await visible(request, reply, String(request.body?.threadId ?? ''));
    if (!t) return reply;
    if (!deps.referrals) return reply.code(404).send({ error: 'not found' });
    const done = await referConsultation(deps.referrals.actions(), actorOf(request), t, request.params.id, String(request.body?.partner ?? ''));
    if (done.ok) return back(reply, t.id, done.referred ? 'referred' : 'referralAsked', '#consultations');
    if (done.refused === 'alreadyAsked') return refused(request, reply, t.id, 'この紹介先については、本人の回答を待っています。');
    if (done.refused === 'alreadyReferred') return refused(request, reply, t.id, 'この相談は、すでにこの紹介先に紹介しています。');
    return refused(request, reply, t.id, '紹介先を選び直してください。', 400);
  });
};
