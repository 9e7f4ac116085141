import type { AlertReply, SafetyReplySource } from '../../domain/safety-reply';
import type { Db } from './database';

/**
 * The safety replies of threads' alerts, on Prisma: the alerts (by thread), then the outbound rows of their
 * webhook events marked `safety` (by `eventId`). Only the resident's own rows count: the same event also pushes
 * the on-duty staff's notice, marked `safety` too. Alerts staff raised (no webhook event) sent no safety reply and
 * are left out.
 */
export function prismaSafetyReplies(db: Db): SafetyReplySource {
  return {
    async forThreads(conversationIds: string[]): Promise<AlertReply[]> {
      if (!conversationIds.length) return [];
      const alerts = await db.safetyAlert.findMany({
        where: { conversationId: { in: conversationIds }, eventId: { not: null } },
        orderBy: { createdAt: 'asc' },
        select: { id: true, conversationId: true, eventId: true, conversation: { select: { resident: { select: { lineUserId: true } } } } },
      });
      const eventIds = alerts.flatMap((a) => (a.eventId ? [a.eventId] : []));
      const rows = eventIds.length
        ? await db.outboundMessage.findMany({
            where: { eventId: { in: eventIds }, safety: true },
            orderBy: { createdAt: 'asc' },
            select: { eventId: true, lineUserId: true, status: true, pushedAfterUnknownReply: true, sentAt: true, error: true },
          })
        : [];
      return alerts.map((a) => ({
        alertId: a.id,
        conversationId: a.conversationId,
        rows: rows
          .filter((r) => a.eventId !== null && r.eventId === a.eventId && r.lineUserId === a.conversation.resident.lineUserId)
          .map((r) => ({ status: r.status, pushedAfterUnknownReply: r.pushedAfterUnknownReply, sentAt: r.sentAt, error: r.error })),
      }));
    },
  };
}
