import { isSettingsSection } from '../../domain/settings/sections';
import { SettingsChangedMeanwhile } from '../../domain/settings/apply-settings';
import type { NewSettingsVersion, SettingsHistory, SettingsKind, SettingsRepository, SettingsVersionRecord } from '../../domain/settings/settings-store';
import type { Db, Tx } from './database';
import { serialiseOn } from './sql-dialect';

type Row = Awaited<ReturnType<Db['settingsVersion']['findFirstOrThrow']>>;

const KINDS: ReadonlySet<string> = new Set<SettingsKind>(['edit', 'undo', 'import']);

function toRecord(r: Row): SettingsVersionRecord | null {
  // A section a later release no longer edits is left out rather than laid over the profile.
  if (!isSettingsSection(r.section)) return null;
  return {
    seq: r.seq,
    section: r.section,
    version: r.version,
    document: r.document === null ? null : (JSON.parse(r.document) as unknown),
    kind: (KINDS.has(r.kind) ? r.kind : 'edit') as SettingsKind,
    undoOf: r.undoOf,
    staffId: r.staffId,
    createdAt: r.createdAt,
  };
}

/**
 * A unique constraint refused the insert. PostgreSQL's adapter reports it as P2002; SQLite's passes the driver's
 * error through (P2039, "UNIQUE constraint failed: …"), so both are recognised.
 */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown } } } } | null;
  if (err?.code === 'P2002') return true;
  const message = err?.meta?.driverAdapterError?.cause?.originalMessage;
  return typeof message === 'string' && message.startsWith('UNIQUE constraint failed');
}

function records(rows: Row[]): SettingsVersionRecord[] {
  return rows.flatMap((r) => toRecord(r) ?? []);
}

/** The council's saved settings (the `SettingsVersion` table), on Prisma. */
export class PrismaSettings implements SettingsHistory, SettingsRepository {
  constructor(private readonly db: Db | Tx) {}

  async stamp(): Promise<number> {
    const row = await this.db.settingsVersion.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
    return row?.seq ?? 0;
  }

  async latest(): Promise<SettingsVersionRecord[]> {
    const groups = await this.db.settingsVersion.groupBy({ by: ['section'], _max: { seq: true } });
    const seqs = groups.flatMap((g) => (g._max.seq === null ? [] : [g._max.seq]));
    if (!seqs.length) return [];
    return records(await this.db.settingsVersion.findMany({ where: { seq: { in: seqs } }, orderBy: { seq: 'asc' } }));
  }

  async list(limit: number, section?: string): Promise<SettingsVersionRecord[]> {
    return records(await this.db.settingsVersion.findMany({ where: section ? { section } : {}, orderBy: { seq: 'desc' }, take: limit }));
  }

  async get(seq: number): Promise<SettingsVersionRecord | null> {
    const row = await this.db.settingsVersion.findUnique({ where: { seq } });
    return row ? toRecord(row) : null;
  }

  async previous(record: SettingsVersionRecord): Promise<SettingsVersionRecord | null> {
    const row = await this.db.settingsVersion.findFirst({ where: { section: record.section, seq: { lt: record.seq } }, orderBy: { seq: 'desc' } });
    return row ? toRecord(row) : null;
  }

  async lock(): Promise<void> {
    await serialiseOn(this.db, 'settings');
  }

  async append(v: NewSettingsVersion): Promise<number> {
    try {
      const row = await this.db.settingsVersion.create({
        data: { section: v.section, version: v.version, document: v.document === null ? null : JSON.stringify(v.document), kind: v.kind, undoOf: v.undoOf, staffId: v.staffId, createdAt: v.createdAt },
        select: { seq: true },
      });
      return row.seq;
    } catch (e) {
      if (isUniqueViolation(e)) throw new SettingsChangedMeanwhile(v.section);
      throw e;
    }
  }
}
