import { randomUUID } from 'node:crypto';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../domain/consultation';
import { DomainError } from '../domain/errors';
import { isLanguage, DEFAULT_LANGUAGE } from '../domain/language';
import type { AuditAction } from '../domain/staff';
import type { HistoryEntry, InboxItem, InboxView, QueuedPush, StaffThreadStore, ThreadDetail, ThreadSnapshot } from '../domain/staff-threads';
import { isThreadOwner, ownersAllowing, transition, type OwnershipAction, type ThreadOwner } from '../domain/thread';
import type { Db, Tx } from './database';
import { writeAudit } from './prisma-audit-log';

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

function audit(db: Db | Tx, staffId: string, action: AuditAction, subjectId: string, residentId: string | null, detail: Record<string, unknown> | null, at: Date) {
  return writeAudit(db, { staffId, action, subjectType: 'conversation', subjectId, ...(residentId !== null ? { residentId } : {}), ...(detail ? { detail } : {}), at });
}

/** Threads, their history, notes, consultations and alerts for the console, on Prisma. */
export class PrismaStaffThreadStore implements StaffThreadStore {
  constructor(private readonly db: Db) {}

  async inbox(view: InboxView, staff: { id: string; teams: string[] }): Promise<InboxItem[]> {
    const open = { owner: { in: ['waiting', 'staff'] } };
    const where =
      view === 'waiting'
        ? { owner: 'waiting' }
        : view === 'mine'
          ? { ...open, assigneeId: staff.id }
          : view === 'team'
            ? { ...open, teamCode: { in: staff.teams } }
            : view === 'urgent'
              ? { ...open, urgent: true }
              : { owner: 'closed' };
    const rows = await this.db.conversation.findMany({
      where,
      include: inboxInclude,
      // Urgent first, then the longest wait.
      orderBy: view === 'closed' ? [{ closedAt: 'desc' }] : [{ urgent: 'desc' }, { waitingSince: 'asc' }, { openedAt: 'asc' }],
      take: INBOX_LIMIT,
    });
    return rows.map((r) => toItem(r as InboxRow));
  }

  async detail(id: string): Promise<ThreadDetail | null> {
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
      history: await this.historySince(id, new Date(0)),
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
      alerts: r.alerts.map((a) => ({ id: a.id, category: a.category, createdAt: a.createdAt, acknowledgedAt: a.acknowledgedAt })),
      survey: r.surveyResponse ? { score: r.surveyResponse.score, comment: r.surveyResponse.comment } : null,
    };
  }

  async head(id: string): Promise<(InboxItem & { residentId: string }) | null> {
    const r = await this.db.conversation.findUnique({ where: { id }, include: inboxInclude });
    return r ? { ...toItem(r as InboxRow), residentId: r.residentId } : null;
  }

  async historySince(id: string, after: Date): Promise<HistoryEntry[]> {
    const rows = await this.db.conversationMessage.findMany({ where: { conversationId: id, createdAt: { gte: after } }, orderBy: { createdAt: 'asc' } });
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

  private async current(id: string): Promise<{ owner: ThreadOwner; residentId: string; firstStaffReplyAt: Date | null; assigneeId: string | null }> {
    const r = await this.db.conversation.findUnique({ where: { id }, select: { owner: true, residentId: true, firstStaffReplyAt: true, assigneeId: true } });
    if (!r) throw new DomainError('thread.notFound', `no thread ${id}`);
    return { owner: owner(r.owner), residentId: r.residentId, firstStaffReplyAt: r.firstStaffReplyAt, assigneeId: r.assigneeId };
  }

  /**
   * Moves the owner with a conditional update inside `tx`, so of two racing actions only one wins: the other
   * finds no row in an allowed state and gets `DomainError('thread.transition')`, rolling its transaction back.
   */
  private async move(tx: Tx, id: string, action: OwnershipAction, seen: ThreadSnapshot, data: Record<string, unknown>): Promise<void> {
    if (!ownersAllowing(action).includes(seen.owner)) throw new DomainError('thread.transition', `cannot ${action} a thread owned by ${seen.owner}`);
    const { count } = await tx.conversation.updateMany({ where: { id, owner: seen.owner, assigneeId: seen.assigneeId }, data });
    if (count === 0) throw new DomainError('thread.transition', `cannot ${action} thread ${id} now`);
  }

  async assign(id: string, seen: ThreadSnapshot, assigneeId: string, by: string, now: Date): Promise<void> {
    const t = await this.current(id);
    await this.db.$transaction(async (tx) => {
      await this.move(tx, id, 'claim', seen, { owner: transition(seen.owner, 'claim'), assigneeId });
      await audit(tx, by, by === assigneeId ? 'conversation.claim' : 'conversation.assign', id, t.residentId, { assigneeId }, now);
    });
  }

  async reply(id: string, seen: ThreadSnapshot, staff: { id: string; displayName: string }, text: string, push: QueuedPush, now: Date): Promise<void> {
    const t = await this.current(id);
    await this.db.$transaction(async (tx) => {
      // Replying claims a waiting thread for the one who replies.
      await this.move(tx, id, 'claim', seen, {
        owner: transition(seen.owner, 'claim'),
        lastMessageAt: now,
        ...(seen.owner === 'waiting' ? { assigneeId: staff.id } : {}),
        ...(t.firstStaffReplyAt ? {} : { firstStaffReplyAt: now }),
      });
      await tx.outboundMessage.create({ data: { id: push.id, lineUserId: push.lineUserId, method: 'push', retryKey: push.retryKey, messages: JSON.stringify(push.messages), createdAt: now } });
      await tx.conversationMessage.create({ data: { id: randomUUID(), conversationId: id, direction: 'out', kind: 'text', text, staffId: staff.id, staffName: staff.displayName, outboundId: push.id, createdAt: now } });
      await audit(tx, staff.id, 'conversation.reply', id, t.residentId, null, now);
    });
  }

  async addNote(id: string, staffId: string, text: string, now: Date): Promise<void> {
    const t = await this.current(id);
    await this.db.$transaction([this.db.staffNote.create({ data: { conversationId: id, staffId, text, createdAt: now } }), audit(this.db, staffId, 'conversation.note', id, t.residentId, null, now)]);
  }

  async setConsultationStatus(consultationId: string, status: ConsultationStatus, referralTarget: string | null, by: string, now: Date): Promise<void> {
    const c = await this.db.consultation.findUnique({ where: { id: consultationId }, select: { residentId: true } });
    if (!c) throw new DomainError('thread.notFound', `no consultation ${consultationId}`);
    await this.db.$transaction([
      this.db.consultation.update({
        where: { id: consultationId },
        data: { status, referralTarget: status === 'referred' ? referralTarget : null, updatedAt: now, closedAt: status === 'closed' ? now : null },
      }),
      writeAudit(this.db, { staffId: by, action: 'consultation.status', subjectType: 'consultation', subjectId: consultationId, residentId: c.residentId, detail: { status }, at: now }),
    ]);
  }

  async close(id: string, seen: ThreadSnapshot, by: string, survey: { state: { flowId: string; version: number; step: string; data: Record<string, unknown> }; push: QueuedPush }, now: Date): Promise<boolean> {
    const t = await this.current(id);
    const s = survey.state;
    return this.db.$transaction(async (tx) => {
      // A resident in the middle of a flow (a new consultation, say) keeps it; the survey is skipped then.
      const busy = (await tx.flowState.count({ where: { residentId: t.residentId } })) > 0;
      await this.move(tx, id, 'close', seen, { owner: transition(seen.owner, 'close'), closedAt: now, survey: busy ? 'skipped' : 'asked' });
      if (!busy) {
        await tx.flowState.create({ data: { residentId: t.residentId, flowId: s.flowId, flowVersion: s.version, step: s.step, data: JSON.stringify(s.data), stepStartedAt: now, updatedAt: now } });
        await tx.outboundMessage.create({ data: { id: survey.push.id, lineUserId: survey.push.lineUserId, method: 'push', retryKey: survey.push.retryKey, messages: JSON.stringify(survey.push.messages), createdAt: now } });
      }
      await audit(tx, by, 'conversation.close', id, t.residentId, busy ? { survey: 'skipped' } : null, now);
      return !busy;
    });
  }

  async acknowledgeAlert(alertId: string, by: string, now: Date): Promise<void> {
    const a = await this.db.safetyAlert.findUnique({ where: { id: alertId }, select: { residentId: true, conversationId: true } });
    if (!a) throw new DomainError('thread.notFound', `no alert ${alertId}`);
    await this.db.$transaction([
      this.db.safetyAlert.updateMany({ where: { id: alertId, acknowledgedAt: null }, data: { acknowledgedBy: by, acknowledgedAt: now } }),
      audit(this.db, by, 'alert.acknowledge', a.conversationId, a.residentId, { alertId }, now),
    ]);
  }

  async failedReply(threadId: string, outboundId: string): Promise<QueuedPush | null> {
    const m = await this.db.conversationMessage.findFirst({ where: { conversationId: threadId, outboundId, direction: 'out' }, select: { id: true } });
    if (!m) return null;
    const o = await this.db.outboundMessage.findUnique({ where: { id: outboundId } });
    if (!o || o.status !== 'failed' || !o.retryKey) return null;
    await this.db.outboundMessage.update({ where: { id: outboundId }, data: { status: 'pending', error: null } });
    return { id: o.id, lineUserId: o.lineUserId, retryKey: o.retryKey, messages: JSON.parse(o.messages) as QueuedPush['messages'] };
  }

  async attachment(id: string): Promise<{ contentType: string; data: Buffer; conversationId: string; residentId: string } | null> {
    const a = await this.db.attachment.findUnique({ where: { id }, select: { status: true, contentType: true, bytes: true, residentId: true, message: { select: { conversationId: true } } } });
    if (!a || a.status !== 'stored' || !a.bytes || !a.message) return null;
    return { contentType: a.contentType ?? 'application/octet-stream', data: Buffer.from(a.bytes), conversationId: a.message.conversationId, residentId: a.residentId };
  }


}
