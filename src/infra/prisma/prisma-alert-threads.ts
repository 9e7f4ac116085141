import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { AlertThreadRepository, OpenThread, QueuedPush, RaisedAlertCategory, ThreadSnapshot } from '../../domain/staff-threads';
import { isThreadOwner, type ThreadOwner } from '../../domain/thread';
import type { Db, Tx } from './database';

/**
 * Residents' threads as staff raise alerts on them, on Prisma (beside the bot's thread records,
 * `prisma-thread-records.ts`): the owner is written as the use case computed it with the domain's `transition`.
 */
export class PrismaAlertThreads implements AlertThreadRepository {
  constructor(private readonly db: Db | Tx) {}

  async openThread(residentId: string): Promise<OpenThread | null> {
    const r = await this.db.conversation.findFirst({ where: { residentId, owner: { not: 'closed' } }, select: { id: true, owner: true, assigneeId: true } });
    if (!r) return null;
    if (!isThreadOwner(r.owner)) throw new DomainError('thread.transition', `unknown owner ${r.owner}`);
    return { id: r.id, owner: r.owner, assigneeId: r.assigneeId };
  }

  async openUrgent(thread: { id: string; residentId: string; owner: ThreadOwner }, at: Date): Promise<void> {
    await this.db.conversation.create({ data: { id: thread.id, residentId: thread.residentId, owner: thread.owner, urgent: true, openedAt: at, waitingSince: at, lastMessageAt: at } });
  }

  async raise(threadId: string, seen: ThreadSnapshot, owner: ThreadOwner, at: Date): Promise<boolean> {
    // Waiting time counts from when the thread started to wait: a thread already waiting keeps its place.
    const { count } = await this.db.conversation.updateMany({
      where: { id: threadId, owner: seen.owner, assigneeId: seen.assigneeId },
      data: { owner, urgent: true, lastMessageAt: at, ...(owner === 'waiting' && seen.owner !== 'waiting' ? { waitingSince: at } : {}) },
    });
    return count > 0;
  }

  async addSystemLine(threadId: string, text: string, at: Date): Promise<void> {
    await this.db.conversationMessage.create({ data: { id: randomUUID(), conversationId: threadId, direction: 'system', kind: 'system', text, createdAt: at } });
  }

  async addAlert(alert: { id: string; residentId: string; threadId: string; category: RaisedAlertCategory }, at: Date): Promise<void> {
    await this.db.safetyAlert.create({ data: { id: alert.id, residentId: alert.residentId, conversationId: alert.threadId, category: alert.category, eventId: null, createdAt: at } });
  }

  async addSafetyPushes(pushes: QueuedPush[], at: Date): Promise<void> {
    if (!pushes.length) return;
    await this.db.outboundMessage.createMany({
      data: pushes.map((p) => ({ id: p.id, lineUserId: p.lineUserId, method: 'push', retryKey: p.retryKey, messages: JSON.stringify(p.messages), safety: true, createdAt: at })),
    });
  }
}
