import type { SessionStore, StaffSessionRecord } from '../../domain/staff';
import type { Db, Tx } from './database';

/** Console sessions in the `StaffSession` table, keyed by the SHA-256 of the cookie token. */
export class PrismaSessionStore implements SessionStore {
  constructor(private readonly db: Pick<Db | Tx, 'staffSession'>) {}

  async create(session: StaffSessionRecord): Promise<void> {
    await this.db.staffSession.create({ data: session });
  }

  async findByTokenHash(tokenHash: string): Promise<StaffSessionRecord | null> {
    const row = await this.db.staffSession.findUnique({ where: { id: tokenHash } });
    return row ? { id: row.id, staffId: row.staffId, csrfToken: row.csrfToken, pendingSecondFactor: row.pendingSecondFactor, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt } : null;
  }

  async touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    // updateMany: a session deleted meanwhile (logout in another tab) is not an error.
    await this.db.staffSession.updateMany({ where: { id: tokenHash }, data: { lastSeenAt, expiresAt } });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.staffSession.deleteMany({ where: { id: tokenHash } });
  }

  async deleteForStaff(staffId: string): Promise<number> {
    return (await this.db.staffSession.deleteMany({ where: { staffId } })).count;
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.db.staffSession.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
