import type { FaqEntry, FaqLink } from '../../domain/faq/entry';
import type { FaqAdmin, FaqEntryInput, FaqEntryRepository, FaqEntryRow, FaqRepositories, FaqSource, SeedOutcome } from '../../domain/faq/store';
import type { Synonym } from '../../domain/faq/synonyms';
import type { Page, Paged } from '../../domain/paging';
import type { Db, Tx } from './database';
import { stringArray } from './json-columns';
import { PrismaAuditLog } from './prisma-audit-log';
import { serialiseOn } from './sql-dialect';

interface EntryRow {
  id: string;
  questions: string;
  answer: string;
  links: string;
  startsWith: string | null;
  districts: string;
  validFrom: string | null;
  validUntil: string | null;
  active: boolean;
  seedCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function links(json: string): FaqLink[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((l): l is FaqLink => typeof l?.label === 'string' && typeof l?.uri === 'string') : [];
  } catch {
    return [];
  }
}

function answer(json: string): FaqEntry['answer'] {
  try {
    const v = JSON.parse(json) as FaqEntry['answer'];
    return typeof v?.ja === 'string' ? v : { ja: '' };
  } catch {
    return { ja: '' };
  }
}

function toEntry(r: EntryRow): FaqEntryRow {
  return {
    id: r.id,
    questions: stringArray(r.questions),
    answer: answer(r.answer),
    links: links(r.links),
    startsWith: r.startsWith,
    districts: stringArray(r.districts),
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    active: r.active,
    seedCode: r.seedCode,
    updatedAt: r.updatedAt,
    // Seeding writes createdAt = updatedAt; a staff edit moves updatedAt on (see `seedFaq`).
    editedByStaff: r.seedCode === null || r.updatedAt.getTime() > r.createdAt.getTime(),
  };
}

function columns(e: FaqEntryInput) {
  return {
    questions: JSON.stringify(e.questions),
    answer: JSON.stringify(e.answer),
    links: JSON.stringify(e.links),
    startsWith: e.startsWith,
    districts: JSON.stringify(e.districts),
    validFrom: e.validFrom,
    validUntil: e.validUntil,
    active: e.active,
  };
}

/** The FAQ's entries and synonyms for matching, and the console's list. */
export class PrismaFaq implements FaqSource, FaqAdmin {
  constructor(private readonly db: Db | Tx) {}

  async stamp(): Promise<string> {
    const [e, s] = await Promise.all([this.db.faqEntry.aggregate({ _count: true, _max: { updatedAt: true } }), this.db.faqSynonym.aggregate({ _count: true, _max: { createdAt: true } })]);
    return `${e._count}:${e._max.updatedAt?.getTime() ?? 0}:${s._count}:${s._max.createdAt?.getTime() ?? 0}`;
  }

  async entries(): Promise<FaqEntry[]> {
    return (await this.db.faqEntry.findMany({ orderBy: { createdAt: 'asc' } })).map(toEntry);
  }

  async synonyms(): Promise<Synonym[]> {
    return this.db.faqSynonym.findMany({ select: { term: true, means: true } });
  }

  async list(search: string, page: Page): Promise<Paged<FaqEntryRow>> {
    const s = search.trim();
    const where = s ? { OR: [{ questions: { contains: s } }, { answer: { contains: s } }, { seedCode: { contains: s } }] } : {};
    const [rows, total] = await Promise.all([this.db.faqEntry.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }), this.db.faqEntry.count({ where })]);
    return { rows: rows.map(toEntry), total };
  }

  async get(id: string): Promise<FaqEntryRow | null> {
    const r = await this.db.faqEntry.findUnique({ where: { id } });
    return r ? toEntry(r) : null;
  }
}

/** Entries written by staff, inside the unit of work's transaction. */
export class PrismaFaqEntries implements FaqEntryRepository {
  constructor(private readonly tx: Tx) {}

  async create(entry: FaqEntryInput, by: string, at: Date): Promise<string> {
    const row = await this.tx.faqEntry.create({ data: { ...columns(entry), createdBy: by, createdAt: at, updatedAt: at }, select: { id: true } });
    return row.id;
  }

  async update(id: string, entry: FaqEntryInput, at: Date): Promise<boolean> {
    const { count } = await this.tx.faqEntry.updateMany({ where: { id }, data: { ...columns(entry), updatedAt: at } });
    return count > 0;
  }
}

export function faqRepositories(tx: Tx): FaqRepositories {
  return { entries: new PrismaFaqEntries(tx), audit: new PrismaAuditLog(tx) };
}

/** A seeded entry as the profile gives it, in the row's shape. */
export type FaqSeedEntry = FaqEntryInput & { code: string };

function sameContent(row: FaqEntryRow, seed: FaqSeedEntry): boolean {
  const a = columns(row);
  const b = columns(seed);
  return (Object.keys(a) as Array<keyof typeof a>).every((k) => a[k] === b[k]);
}

/**
 * Seeds the profile's entries by code: a new code is created, a changed one updated, unless staff edited the row
 * since it was seeded (updatedAt after createdAt: seeding writes both to the same time, a console edit moves
 * updatedAt on) — then the console's wording stays. Rows are never duplicated (seedCode is unique); entries whose
 * code left the profile are left as they are. Seeding runs where processing runs (the start-up job and the first
 * question, on every instance), so it is held until its transaction ends: a second seeding at once waits, then
 * finds the rows the first wrote.
 */
export async function seedFaq(db: Db, seeds: readonly FaqSeedEntry[], now: Date): Promise<SeedOutcome> {
  return db.$transaction(async (tx) => {
    await serialiseOn(tx, 'FaqEntry.seeding');
    const out: SeedOutcome = { created: [], updated: [], keptStaffEdits: [] };
    const existing = new Map((await tx.faqEntry.findMany({ where: { seedCode: { not: null } } })).map((r) => [r.seedCode!, toEntry(r)]));
    for (const seed of seeds) {
      const row = existing.get(seed.code);
      if (!row) {
        await tx.faqEntry.create({ data: { ...columns(seed), seedCode: seed.code, createdAt: now, updatedAt: now } });
        out.created.push(seed.code);
      } else if (row.editedByStaff) {
        if (!sameContent(row, seed)) out.keptStaffEdits.push(seed.code);
      } else if (!sameContent(row, seed)) {
        await tx.faqEntry.updateMany({ where: { id: row.id, updatedAt: row.updatedAt }, data: { ...columns(seed), createdAt: now, updatedAt: now } });
        out.updated.push(seed.code);
      }
    }
    return out;
  });
}
