import { randomUUID } from 'node:crypto';
import type { PersonalNotice, PersonalNoticeOutbox } from '../../domain/personal-notice';
import type { Db, Tx } from './database';

/** Personal notices as `Broadcast` rows addressed to residents by id, which the broadcast engine sends. */
export class PrismaPersonalNotices implements PersonalNoticeOutbox {
  constructor(private readonly db: Pick<Db | Tx, 'broadcast'>) {}

  async add(n: PersonalNotice): Promise<void> {
    await this.db.broadcast.create({
      data: {
        id: randomUUID(),
        kind: n.kind,
        title: n.notice.title,
        content: JSON.stringify(n.notice.content),
        targeting: JSON.stringify({ residentIds: n.residentIds }),
        urgent: false,
        scheduledAt: n.at,
        status: 'scheduled',
        ...(n.createdBy ? { createdBy: n.createdBy } : {}),
        createdAt: n.at,
      },
    });
  }
}
