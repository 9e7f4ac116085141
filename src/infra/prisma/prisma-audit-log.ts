import type { AuditCursor, AuditEntry, AuditFilter, AuditLog, AuditRecord } from '../../domain/staff';
import type { Db, Tx } from './database';

type AuditRow = Awaited<ReturnType<Db['auditLog']['findFirstOrThrow']>>;

function parseDetail(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: json };
  }
}

function toRecord(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    staffId: r.staffId,
    action: r.action,
    ...(r.subjectType !== null ? { subjectType: r.subjectType } : {}),
    ...(r.subjectId !== null ? { subjectId: r.subjectId } : {}),
    ...(r.residentId !== null ? { residentId: r.residentId } : {}),
    detail: parseDetail(r.detail),
    ...(r.ip !== null ? { ip: r.ip } : {}),
    at: r.at,
  };
}

/**
 * Inserts one audit row with `db`: the client, or the transaction client of the change the row records, so that
 * the change and its audit row commit together or not at all. The one place an entry becomes a row.
 */
function writeAudit(db: Pick<Db | Tx, 'auditLog'>, entry: AuditEntry) {
  return db.auditLog.create({
    data: {
      staffId: entry.staffId,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      residentId: entry.residentId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.ip ?? null,
      at: entry.at,
    },
    select: { id: true },
  });
}

/** The append-only `AuditLog` table. This class has no update or delete on purpose. */
export class PrismaAuditLog implements AuditLog {
  /** `db`: the client, or a unit of work's transaction client (the audit row then commits with the change). */
  constructor(private readonly db: Pick<Db | Tx, 'auditLog'>) {}

  /** Writes an audit row: on its own for what changes nothing (views, downloads, logins); in a change's transaction when built on it. */
  async record(entry: AuditEntry): Promise<void> {
    await writeAudit(this.db, entry);
  }

  async list({ limit, before, filter }: { limit: number; before?: AuditCursor; filter?: AuditFilter }): Promise<AuditRecord[]> {
    const rows = await this.db.auditLog.findMany({
      where: {
        // `at ≤ cursor` first, so a later page starts its index range at the cursor instead of walking the newer rows.
        ...(before ? { at: { lte: before.at }, OR: [{ at: { lt: before.at } }, { at: before.at, id: { lt: before.id } }] } : {}),
        ...(filter?.staffId ? { staffId: filter.staffId } : {}),
        ...(filter?.residentId ? { residentId: filter.residentId } : {}),
        ...(filter?.action ? { action: filter.action } : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map(toRecord);
  }
}
