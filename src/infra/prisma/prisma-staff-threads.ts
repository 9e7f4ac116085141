import { randomUUID } from 'node:crypto';
import { CONSULTATION_STATUSES, type ConsultationStanding, type ConsultationStatus } from '../../domain/consultation';
import { DomainError } from '../../domain/errors';
import { isLanguage, DEFAULT_LANGUAGE } from '../../domain/language';
import type { FlowStart, HistoryEntry, InboxItem, InboxView, QueuedPush, StaffThreadStore, ThreadChange, ThreadDetail, ThreadRepositories, ThreadRepository, ThreadSnapshot, ThreadState } from '../../domain/staff-threads';
import { isThreadOwner, type ThreadOwner } from '../../domain/thread';
import type { Page, Paged } from '../../domain/paging';
import type { StaffRole } from '../../domain/staff';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaPersonalNotices } from './prisma-personal-notices';

const INBOX_LIMIT = 200;

const inboxInclude = {
  assignee: { select: { displayName: true } },
  consultations: { orderBy: { createdAt: 'desc' as const }, take: 1, select: { referenceNo: true, categoryCode: true, status: true } },
  alerts: { where: { acknowledgedAt: null }, select: { id: true } },
};

type InboxRow = Awaited<ReturnType<Db['conversation']['findFirstOrThrow']>> & {
  assignee: { displayName: string } | null;
  consultations: Array<{ referenceNo: string; categoryCode: string; status: string }>;
  alerts: Array<{ id: string }>;
};

function owner(value: string): ThreadOwner {
  if (!isThreadOwner(value)) throw new DomainError('thread.transition', `unknown owner ${value}`);
  return value;
}

function toItem(r: InboxRow): InboxItem {
  return {
    id: r.id,
    owner: owner(r.owner),
    urgent: r.urgent,
    teamCode: r.teamCode,
    assigneeId: r.assigneeId,
    assigneeName: r.assignee?.displayName ?? null,
    openedAt: r.openedAt,
    waitingSince: r.waitingSince,
    lastMessageAt: r.lastMessageAt,
    consultation: r.consultations[0] ?? null,
    unacknowledgedAlerts: r.alerts.length,
  };
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** How many of a thread's latest messages its page shows, and how many more each 「以前のメッセージ」 adds. */
export const HISTORY_PAGE = 50;

/** Threads, their history, notes, consultations and alerts for the console, on Prisma: the pages' reads, and a unit of work's changes on its transaction. */
export class PrismaStaffThreadStore implements StaffThreadStore, ThreadRepository {
  constructor(private readonly db: Db | Tx) {}

  async inbox(view: Exclude<InboxView, 'closed'>, staff: { id: string; teams: string[] }): Promise<InboxItem[]> {
    const open = { owner: { in: ['waiting', 'staff'] } };
    const where =
      view === 'waiting'
        ? { owner: 'waiting' }
        : view === 'mine'
          ? { ...open, assigneeId: staff.id }
          : view === 'team'
            ? { ...open, teamCode: { in: staff.teams } }
            : { ...open, urgent: true };
    const rows = await this.db.conversation.findMany({
      where,
      include: inboxInclude,
      // Urgent first, then the longest wait.
      orderBy: [{ urgent: 'desc' }, { waitingSince: 'asc' }, { openedAt: 'asc' }],
      take: INBOX_LIMIT,
    });
    return rows.map((r) => toItem(r as InboxRow));
  }

  async closed(staff: { id: string; role: StaffRole; teams: readonly string[] }, page: Page): Promise<Paged<InboxItem>> {
    // maySee in SQL: counsellors see urgent threads, those of no team or of their teams, and their own.
    const visible = staff.role === 'counsellor' ? { OR: [{ urgent: true }, { teamCode: null }, { teamCode: { in: [...staff.teams] } }, { assigneeId: staff.id }] } : {};
    const where = { owner: 'closed', ...visible };
    const [rows, total] = await Promise.all([
      this.db.conversation.findMany({ where, include: inboxInclude, orderBy: [{ closedAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }),
      this.db.conversation.count({ where }),
    ]);
    return { rows: rows.map((r) => toItem(r as InboxRow)), total };
  }

  async detail(id: string, opts: { historySince?: Date } = {}): Promise<ThreadDetail | null> {
    const r = await this.db.conversation.findUnique({
      where: { id },
      include: {
        ...inboxInclude,
        resident: { select: { id: true, lineUserId: true, language: true, districtCode: true } },
        notes: { orderBy: { createdAt: 'asc' }, include: { staff: { select: { displayName: true } } } },
        alerts: { orderBy: { createdAt: 'asc' } },
        surveyResponse: true,
      },
    });
    if (!r) return null;
    const consultations = await this.db.consultation.findMany({ where: { conversationId: id }, orderBy: { createdAt: 'asc' } });
    const item = toItem({ ...r, alerts: r.alerts.filter((a) => a.acknowledgedAt === null) } as InboxRow);
    return {
      ...item,
      residentId: r.resident.id,
      lineUserId: r.resident.lineUserId,
      language: isLanguage(r.resident.language) ? r.resident.language : DEFAULT_LANGUAGE,
      districtCode: r.resident.districtCode,
      closedAt: r.closedAt,
      firstStaffReplyAt: r.firstStaffReplyAt,
      ...(await this.recentHistory(id, opts.historySince)),
      notes: r.notes.map((n) => ({ id: n.id, staffName: n.staff.displayName, text: n.text, createdAt: n.createdAt })),
      consultations: consultations.map((c) => ({
        id: c.id,
        referenceNo: c.referenceNo,
        categoryCode: c.categoryCode,
        teamCode: c.teamCode,
        forWhom: c.forWhom,
        districtCode: c.districtCode,
        contactMethod: c.contactMethod,
        phone: c.phone,
        contactTime: c.contactTime,
        urgency: c.urgency,
        description: c.description,
        attachmentIds: JSON.parse(c.attachmentIds) as string[],
        status: (CONSULTATION_STATUSES as readonly string[]).includes(c.status) ? (c.status as ConsultationStatus) : 'new',
        referralTarget: c.referralTarget,
        replyDueAt: c.replyDueAt,
        createdAt: c.createdAt,
      })),
      alerts: r.alerts.map((a) => ({ id: a.id, category: a.category, createdAt: a.createdAt, acknowledgedAt: a.acknowledgedAt, fromMessage: a.eventId !== null })),
      survey: r.surveyResponse ? { score: r.surveyResponse.score, comment: r.surveyResponse.comment } : null,
    };
  }

  async head(id: string): Promise<(InboxItem & { residentId: string }) | null> {
    const r = await this.db.conversation.findUnique({ where: { id }, include: inboxInclude });
    return r ? { ...toItem(r as InboxRow), residentId: r.residentId } : null;
  }

  async historySince(id: string, after: Date): Promise<HistoryEntry[]> {
    return this.entries(await this.db.conversationMessage.findMany({ where: { conversationId: id, createdAt: { gte: after } }, orderBy: { createdAt: 'asc' } }));
  }

  /**
   * The page's stretch of the history: everything from `since` (the latest `HISTORY_PAGE` when later or absent),
   * and where the stretch with `HISTORY_PAGE` more earlier messages would start (null when none are earlier).
   * Each read is one range of `[conversationId, createdAt]`.
   */
  private async recentHistory(id: string, since: Date | undefined): Promise<{ history: HistoryEntry[]; earlierSince: Date | null }> {
    const latest = await this.db.conversationMessage.findMany({ where: { conversationId: id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: HISTORY_PAGE });
    const oldest = latest.at(-1)?.createdAt;
    const from = oldest && since && since < oldest ? since : oldest;
    if (!from) return { history: [], earlierSince: null };
    // Messages at the stretch's first instant are all shown (`gte`), so one instant is never split.
    const rows = from === oldest && latest.length < HISTORY_PAGE ? latest.reverse() : await this.db.conversationMessage.findMany({ where: { conversationId: id, createdAt: { gte: from } }, orderBy: { createdAt: 'asc' } });
    const earlier = await this.db.conversationMessage.findMany({ where: { conversationId: id, createdAt: { lt: from } }, orderBy: { createdAt: 'desc' }, take: HISTORY_PAGE, select: { createdAt: true } });
    return { history: await this.entries(rows), earlierSince: earlier.at(-1)?.createdAt ?? null };
  }

  /** Stored messages as history entries, with the delivery status of staff replies. */
  private async entries(rows: Awaited<ReturnType<Db['conversationMessage']['findMany']>>): Promise<HistoryEntry[]> {
    const outboundIds = rows.flatMap((m) => (m.outboundId ? [m.outboundId] : []));
    const outbound = outboundIds.length ? await this.db.outboundMessage.findMany({ where: { id: { in: outboundIds } }, select: { id: true, status: true } }) : [];
    const status = new Map(outbound.map((o) => [o.id, o.status]));
    return rows.map((m) => ({
      id: m.id,
      direction: m.direction === 'out' || m.direction === 'system' ? m.direction : 'in',
      kind: m.kind,
      text: m.text,
      data: parseJson(m.data),
      attachmentId: m.attachmentId,
      staffName: m.staffName,
      delivery: m.outboundId ? (status.get(m.outboundId) ?? null) : null,
      outboundId: m.outboundId,
      createdAt: m.createdAt,
    }));
  }

  async state(id: string): Promise<ThreadState | null> {
    const r = await this.db.conversation.findUnique({ where: { id }, select: { owner: true, residentId: true, firstStaffReplyAt: true, assigneeId: true } });
    return r ? { owner: owner(r.owner), residentId: r.residentId, firstStaffReplyAt: r.firstStaffReplyAt, assigneeId: r.assigneeId } : null;
  }

  async update(id: string, seen: ThreadSnapshot, change: ThreadChange): Promise<boolean> {
    const { count } = await this.db.conversation.updateMany({ where: { id, owner: seen.owner, assigneeId: seen.assigneeId }, data: change });
    return count > 0;
  }

  async addPush(push: QueuedPush, at: Date): Promise<void> {
    await this.db.outboundMessage.create({ data: { id: push.id, lineUserId: push.lineUserId, method: 'push', retryKey: push.retryKey, messages: JSON.stringify(push.messages), createdAt: at } });
  }

  async addStaffReply(threadId: string, reply: { text: string; staff: { id: string; displayName: string }; outboundId: string }, at: Date): Promise<void> {
    await this.db.conversationMessage.create({ data: { id: randomUUID(), conversationId: threadId, direction: 'out', kind: 'text', text: reply.text, staffId: reply.staff.id, staffName: reply.staff.displayName, outboundId: reply.outboundId, createdAt: at } });
  }

  async addNote(threadId: string, staffId: string, text: string, at: Date): Promise<void> {
    await this.db.staffNote.create({ data: { conversationId: threadId, staffId, text, createdAt: at } });
  }

  async consultation(consultationId: string): Promise<(ConsultationStanding & { residentId: string; referenceNo: string; categoryCode: string }) | null> {
    const c = await this.db.consultation.findUnique({ where: { id: consultationId }, select: { residentId: true, status: true, referralTarget: true, referenceNo: true, categoryCode: true } });
    return c ? { ...c, status: c.status as ConsultationStatus } : null;
  }

  async setConsultationStatus(consultationId: string, change: { status: ConsultationStatus; referralTarget: string | null; closedAt: Date | null }, at: Date): Promise<void> {
    await this.db.consultation.update({ where: { id: consultationId }, data: { status: change.status, referralTarget: change.referralTarget, updatedAt: at, closedAt: change.closedAt } });
  }

  async inFlow(residentId: string): Promise<boolean> {
    return (await this.db.flowState.count({ where: { residentId } })) > 0;
  }

  async startFlow(residentId: string, flow: FlowStart, at: Date): Promise<void> {
    await this.db.flowState.create({ data: { residentId, flowId: flow.flowId, flowVersion: flow.version, step: flow.step, data: JSON.stringify(flow.data), stepStartedAt: at, updatedAt: at } });
  }

  async alert(alertId: string): Promise<{ residentId: string; conversationId: string } | null> {
    return this.db.safetyAlert.findUnique({ where: { id: alertId }, select: { residentId: true, conversationId: true } });
  }

  async acknowledgeAlert(alertId: string, by: string, at: Date): Promise<void> {
    await this.db.safetyAlert.updateMany({ where: { id: alertId, acknowledgedAt: null }, data: { acknowledgedBy: by, acknowledgedAt: at } });
  }

  async failedReply(threadId: string, outboundId: string): Promise<QueuedPush | null> {
    const m = await this.db.conversationMessage.findFirst({ where: { conversationId: threadId, outboundId, direction: 'out' }, select: { id: true } });
    if (!m) return null;
    const o = await this.db.outboundMessage.findUnique({ where: { id: outboundId } });
    if (!o || o.status !== 'failed' || !o.retryKey) return null;
    return { id: o.id, lineUserId: o.lineUserId, retryKey: o.retryKey, messages: JSON.parse(o.messages) as QueuedPush['messages'] };
  }

  async retryPush(outboundId: string): Promise<void> {
    await this.db.outboundMessage.update({ where: { id: outboundId }, data: { status: 'pending', error: null } });
  }

  async attachment(id: string): Promise<{ contentType: string; data: Buffer; conversationId: string; residentId: string } | null> {
    const a = await this.db.attachment.findUnique({ where: { id }, select: { status: true, contentType: true, bytes: true, residentId: true, message: { select: { conversationId: true } } } });
    if (!a || a.status !== 'stored' || !a.bytes || !a.message) return null;
    return { contentType: a.contentType ?? 'application/octet-stream', data: Buffer.from(a.bytes), conversationId: a.message.conversationId, residentId: a.residentId };
  }
}

/** The thread use cases' repositories on one transaction. */
export function threadRepositories(tx: Tx): ThreadRepositories {
  return { threads: new PrismaStaffThreadStore(tx), audit: new PrismaAuditLog(tx), notices: new PrismaPersonalNotices(tx) };
}
