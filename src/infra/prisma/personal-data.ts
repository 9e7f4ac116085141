import { randomUUID } from 'node:crypto';
import { MATCHES_SHOWN, type DataRecord, type DataSection, type ErasureRepositories, type ResidentDataReader, type ResidentEraser, type ResidentMatch, type ResidentSummary } from '../../domain/resident-data';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaDataRequests } from './prisma-data-requests';
import type { Db, Tx } from './database';

/** What a feature's erasure gets: the resident, their LINE user id as it was, the marker that replaces it, the time. */
export interface ErasureContext {
  residentId: string;
  lineUserId: string;
  marker: string;
  at: Date;
}

/**
 * A feature's personal-data part (`AppModule.personalData`, the core's in `core-personal-data.ts`): what it holds
 * about a resident and how it is erased, by the rules of `erasure-rules.ts`.
 */
export interface PersonalDataPart {
  feature: string;
  /**
   * Residents whose records match the query: its reference numbers, names typed in its forms (at most
   * {@link NAME_MATCHES} records of a kind, passed through {@link upTo} so that a cut search is told).
   */
  find?(db: Db, query: string, cut: () => void): Promise<ResidentMatch[]>;
  /** Its sections for the resident's page and exports (empty when it holds nothing about them). */
  collect(db: Db, residentId: string): Promise<DataSection[]>;
  /** Its items still in progress, which erasing would cut short (worded for staff). */
  openItems?(db: Db, residentId: string): Promise<string[]>;
  /** Its statements in the erasure's one transaction. */
  erase(tx: Tx, c: ErasureContext): Promise<void>;
}

/** The prefix of the marker that replaces an erased resident's LINE user id. */
export const ERASED_PREFIX = 'erased:';

const AT = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** A stored value as text for the readable page: dates in Japan time, JSON arrays joined, bytes as their size. */
function shown(v: unknown): string {
  if (v instanceof Date) return AT.format(v);
  if (v instanceof Uint8Array) return `${v.byteLength} バイト`;
  if (typeof v === 'string' && /^[[{]/.test(v)) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('、');
    } catch {
      return v;
    }
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A row as the JSON export holds it: dates as ISO strings, bytes as their size, big integers as numbers. */
export function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) out[k] = v.toISOString();
    else if (v instanceof Uint8Array) out[k] = { bytes: v.byteLength };
    else if (typeof v === 'bigint') out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

/** A readable record of `row`: the fields `labels` names, in its order, those with a value. */
export function recordOf(title: string, row: Record<string, unknown>, labels: Readonly<Record<string, string>>): DataRecord {
  const rows = Object.entries(labels)
    .filter(([field]) => row[field] !== null && row[field] !== undefined && row[field] !== '' && row[field] !== '[]' && row[field] !== '{}')
    .map(([field, label]) => ({ label, value: shown(row[field]) }));
  return { title, rows };
}

/** A section of `rows` (none when empty), each titled by `title(row)` and shown through `labels`. */
export function sectionOf<R extends Record<string, unknown>>(feature: string, heading: string, rows: readonly R[], title: (row: R) => string, labels: Readonly<Record<string, string>>): DataSection[] {
  if (!rows.length) return [];
  return [{ feature, title: heading, records: rows.map((r) => recordOf(title(r), r, labels)), data: rows.map((r) => plain(r)) }];
}

/** Matches from rows that carry a resident id, each with why it matched. */
export function matches<R extends { residentId: string | null }>(rows: readonly R[], why: (row: R) => string): ResidentMatch[] {
  return rows.flatMap((r) => (r.residentId ? [{ residentId: r.residentId, why: why(r) }] : []));
}

/** How many records of one kind a name search reads: a part of a name can match many. */
export const NAME_MATCHES = MATCHES_SHOWN;

/** The records a name search read (with `take: NAME_MATCHES`); calls `cut` when it read that many: there may be more. */
export function upTo<R>(rows: R[], cut: () => void): R[] {
  if (rows.length >= NAME_MATCHES) cut();
  return rows;
}

/** A reference number as typed: trimmed, upper-case (S-261124-ABCD …). */
export function referenceOf(query: string): string | null {
  const q = query.trim().toUpperCase();
  return /^[A-Z]-[\dA-Z-]{4,20}$/.test(q) ? q : null;
}

/** A name fragment worth searching for (two characters at least, spaces ignored). */
export function nameOf(query: string): string | null {
  const q = query.trim();
  return q.length >= 2 && q.length <= 60 && !referenceOf(q) ? q : null;
}

/**
 * Every feature's part put together: the reader the console pages use, and the erasure (core last, so the features
 * still find the rows they key on, and attachments go after the records that point at them).
 */
export class PrismaResidentData implements ResidentDataReader {
  constructor(
    private readonly db: Db,
    private readonly parts: readonly PersonalDataPart[],
  ) {}

  async find(query: string): Promise<{ matches: ResidentMatch[]; more: boolean }> {
    let more = false;
    const cut = () => {
      more = true;
    };
    const found = (await Promise.all(this.parts.map((p) => p.find?.(this.db, query, cut) ?? Promise.resolve([])))).flat();
    const seen = new Map<string, ResidentMatch>();
    for (const m of found) {
      const before = seen.get(m.residentId);
      seen.set(m.residentId, before ? { residentId: m.residentId, why: `${before.why}／${m.why}` } : m);
    }
    return { matches: [...seen.values()].slice(0, MATCHES_SHOWN), more: more || seen.size > MATCHES_SHOWN };
  }

  async summary(residentId: string): Promise<ResidentSummary | null> {
    const r = await this.db.resident.findUnique({ where: { id: residentId } });
    if (!r) return null;
    const erasure = await this.db.residentErasure.findUnique({ where: { residentId } });
    return { id: r.id, lineUserId: r.lineUserId, language: r.language, followed: r.followed, consent: r.consent, createdAt: r.createdAt, erasure: erasure ? { at: erasure.at, staffId: erasure.staffId } : null };
  }

  async collect(residentId: string): Promise<DataSection[]> {
    return (await Promise.all(this.parts.map((p) => p.collect(this.db, residentId)))).flat();
  }

  async openItems(residentId: string): Promise<string[]> {
    return (await Promise.all(this.parts.map((p) => p.openItems?.(this.db, residentId) ?? Promise.resolve([])))).flat();
  }

  /** The eraser for one transaction. */
  static eraser(tx: Tx, parts: readonly PersonalDataPart[]): ResidentEraser {
    return {
      async erase(residentId, at, staffId) {
        const resident = await tx.resident.findUniqueOrThrow({ where: { id: residentId } });
        const marker = `${ERASED_PREFIX}${randomUUID()}`;
        const c: ErasureContext = { residentId, lineUserId: resident.lineUserId, marker, at };
        const core = parts.filter((p) => p.feature === 'core');
        for (const p of [...parts.filter((p) => p.feature !== 'core'), ...core]) await p.erase(tx, c);
        await tx.residentErasure.create({ data: { residentId, marker, staffId, at } });
        return { marker };
      },
    };
  }
}

/** The erasure's repositories bound to one transaction (for `PrismaUnitOfWork`). */
export function erasureRepositories(parts: readonly PersonalDataPart[]) {
  return (tx: Tx): ErasureRepositories => ({
    reader: new PrismaResidentData(tx as unknown as Db, parts),
    eraser: PrismaResidentData.eraser(tx, parts),
    requests: new PrismaDataRequests(tx),
    audit: new PrismaAuditLog(tx),
  });
}
