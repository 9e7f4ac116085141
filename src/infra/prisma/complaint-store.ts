import type { ComplaintAdmin, ComplaintChange, ComplaintContact, ComplaintKind, ComplaintRecord, ComplaintRepositories, ComplaintStatus, ComplaintStore, ComplaintTopic, ComplaintYearCount, ComplaintYearCounts } from '../../domain/complaint';
import { fiscalYearBounds } from '../../domain/annual-report-sections';
import type { Page, Paged } from '../../domain/paging';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaPersonalNotices } from './prisma-personal-notices';

type Row = {
  id: string;
  referenceNo: string;
  kind: string;
  topic: string;
  text: string;
  contact: string;
  phone: string | null;
  residentId: string | null;
  status: string;
  notes: string | null;
  outcome: string | null;
  outcomeToldAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function record(r: Row): ComplaintRecord {
  return { ...r, kind: r.kind as ComplaintKind, topic: r.topic as ComplaintTopic, contact: r.contact as ComplaintContact, status: r.status as ComplaintStatus };
}

/** Complaints on Prisma: the console's list and page, the use cases' guarded updates. */
export class PrismaComplaints implements ComplaintAdmin, ComplaintStore {
  constructor(private readonly db: Pick<Db | Tx, 'complaint'>) {}

  async list(filter: { status: ComplaintStatus | null }, page: Page): Promise<Paged<ComplaintRecord>> {
    const where = filter.status ? { status: filter.status } : {};
    const [rows, total] = await Promise.all([this.db.complaint.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }), this.db.complaint.count({ where })]);
    return { rows: rows.map(record), total };
  }

  async get(id: string): Promise<ComplaintRecord | null> {
    const row = await this.db.complaint.findUnique({ where: { id } });
    return row ? record(row) : null;
  }

  async update(id: string, from: ComplaintStatus, change: ComplaintChange): Promise<boolean> {
    const { at, ...fields } = change;
    const done = await this.db.complaint.updateMany({ where: { id, status: from, ...(fields.outcomeToldAt ? { outcomeToldAt: null } : {}) }, data: { ...fields, updatedAt: at } });
    return done.count === 1;
  }
}

/** The annual report's complaint counts (`ComplaintYearCounts`), grouped in the database. */
export class PrismaComplaintYearCounts implements ComplaintYearCounts {
  constructor(private readonly db: Pick<Db, 'complaint'>) {}

  async complaintYearCounts(fiscalYear: number): Promise<ComplaintYearCount[]> {
    const { start, end } = fiscalYearBounds(fiscalYear);
    const groups = await this.db.complaint.groupBy({ by: ['kind', 'topic', 'status'], where: { createdAt: { gte: start, lt: end } }, _count: { _all: true } });
    return groups.map((g) => ({ kind: g.kind as ComplaintKind, topic: g.topic as ComplaintTopic, status: g.status as ComplaintStatus, count: g._count._all }));
  }
}

/** The repositories of a complaint use case, bound to one transaction. */
export function complaintRepositories(tx: Tx): ComplaintRepositories {
  return { complaints: new PrismaComplaints(tx), notices: new PrismaPersonalNotices(tx), audit: new PrismaAuditLog(tx) };
}
