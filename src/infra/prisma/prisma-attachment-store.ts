import type { AttachmentStore } from '../../domain/stores';
import type { Db } from './database';

/** Attachments on Prisma: content stored in the row (photos are small next to the database). */
export class PrismaAttachmentStore implements AttachmentStore {
  constructor(private readonly db: Db) {}

  async saveContent(lineMessageId: string, contentType: string, data: Buffer): Promise<void> {
    await this.db.attachment.updateMany({ where: { lineMessageId, status: 'pending' }, data: { contentType, bytes: new Uint8Array(data), status: 'stored' } });
  }

  async markFailed(lineMessageId: string, reason: string): Promise<void> {
    await this.db.attachment.updateMany({ where: { lineMessageId, status: 'pending' }, data: { status: 'failed', contentType: reason.slice(0, 100) } });
  }

  async pending(limit: number): Promise<string[]> {
    const rows = await this.db.attachment.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: limit, select: { lineMessageId: true } });
    return rows.map((r) => r.lineMessageId);
  }

  async content(id: string): Promise<{ contentType: string; data: Buffer; residentId: string } | null> {
    const r = await this.db.attachment.findUnique({ where: { id }, select: { status: true, contentType: true, bytes: true, residentId: true } });
    if (!r || r.status !== 'stored' || !r.bytes) return null;
    return { contentType: r.contentType ?? 'application/octet-stream', data: Buffer.from(r.bytes), residentId: r.residentId };
  }
}
