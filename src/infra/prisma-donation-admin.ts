import { randomUUID } from 'node:crypto';
import { DONATION_STATUSES, type DonationItemRecord, type DonationKind, type DonationStatus, type FoodRefusal, type ItemAge, type ItemCondition, type ItemSize } from '../domain/donation';
import {
  canMoveDonation,
  fiscalYearAt,
  fiscalYearInstants,
  receiptNumber,
  receiptSeq,
  receivedByPurpose,
  allocatedByPurpose,
  unallocatedYen,
  type AllocationAddOutcome,
  type AllocationBook,
  type AllocationRecord,
  type DonationAdmin,
  type DonationFilter,
  type DonationMove,
  type DonationOfferRecord,
  type NewAllocation,
  type Page,
  type WantedItem,
  type WantedItemAdmin,
} from '../domain/donation-admin';
import type { StoredBroadcastKind } from '../domain/broadcast';
import type { EventNotice } from '../domain/event-registration';
import type { AuditEntry, AuditOf } from '../domain/staff';
import type { Db, Tx } from './database';
import { fiscalYearOf, fiscalYearSpan } from '../domain/volunteer';
import { writeAudit } from './prisma-audit-log';

type OfferRow = Awaited<ReturnType<Db['donationOffer']['findFirstOrThrow']>>;
type ItemRow = Awaited<ReturnType<Db['donationItem']['findFirstOrThrow']>>;

function toItem(i: ItemRow): DonationItemRecord {
  return { category: i.category, unopened: i.unopened, bestBefore: i.bestBefore, accepted: i.accepted, refusedReason: i.refusedReason as FoodRefusal | null };
}

function toRecord(r: OfferRow & { items: ItemRow[] }): DonationOfferRecord {
  return {
    id: r.id,
    referenceNo: r.referenceNo,
    residentId: r.residentId,
    kind: r.kind as DonationKind,
    purposeCode: r.purposeCode,
    amountYen: r.amountYen,
    description: r.description,
    itemSize: r.itemSize as ItemSize | null,
    itemAge: r.itemAge as ItemAge | null,
    itemCondition: r.itemCondition as ItemCondition | null,
    photoAttachmentId: r.photoAttachmentId,
    name: r.name,
    phone: r.phone,
    slot: r.slot,
    address: r.address,
    status: r.status as DonationStatus,
    receiptNo: r.receiptNo,
    receivedAt: r.receivedAt,
    staffMessage: r.staffMessage,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    items: [...r.items].sort((a, b) => a.position - b.position).map(toItem),
  };
}

/** A personal notice to the donor, as a Broadcast row the engine sends. */
function noticeRow(notice: EventNotice, residentId: string, createdBy: string, now: Date) {
  return { id: randomUUID(), kind: 'donation_notice' satisfies StoredBroadcastKind, title: notice.title, content: JSON.stringify(notice.content), targeting: JSON.stringify({ residentIds: [residentId] }), urgent: false, scheduledAt: now, status: 'scheduled', createdBy, createdAt: now };
}

const ITEMS = { items: { orderBy: { position: 'asc' as const } } };

function whereOf(filter: DonationFilter) {
  return { ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}) };
}

/** Donation offers for the console, on Prisma. */
export class PrismaDonationAdmin implements DonationAdmin {
  constructor(private readonly db: Db) {}

  async list(filter: DonationFilter, page: Page): Promise<DonationOfferRecord[]> {
    const rows = await this.db.donationOffer.findMany({ where: whereOf(filter), include: ITEMS, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: page.offset, take: page.limit });
    return rows.map(toRecord);
  }

  async count(filter: DonationFilter): Promise<number> {
    return this.db.donationOffer.count({ where: whereOf(filter) });
  }

  async countByStatus(): Promise<Record<DonationStatus, number>> {
    const groups = await this.db.donationOffer.groupBy({ by: ['status'], _count: { _all: true } });
    const out = Object.fromEntries(DONATION_STATUSES.map((s) => [s, 0])) as Record<DonationStatus, number>;
    for (const g of groups) if ((DONATION_STATUSES as readonly string[]).includes(g.status)) out[g.status as DonationStatus] = g._count._all;
    return out;
  }

  async get(id: string): Promise<DonationOfferRecord | null> {
    const row = await this.db.donationOffer.findUnique({ where: { id }, include: ITEMS });
    return row ? toRecord(row) : null;
  }

  async photo(offerId: string): Promise<{ contentType: string; data: Buffer; residentId: string } | null> {
    const offer = await this.db.donationOffer.findUnique({ where: { id: offerId }, select: { photoAttachmentId: true } });
    if (!offer?.photoAttachmentId) return null;
    const a = await this.db.attachment.findUnique({ where: { id: offer.photoAttachmentId }, select: { status: true, contentType: true, bytes: true, residentId: true } });
    if (!a || a.status !== 'stored' || !a.bytes) return null;
    return { contentType: a.contentType ?? 'application/octet-stream', data: Buffer.from(a.bytes), residentId: a.residentId };
  }

  async move(id: string, to: DonationMove, message: string | null, notice: (receiptNo: string | null) => EventNotice, staffId: string, now: Date, audit: AuditOf<{ receiptNo: string | null }>): Promise<{ receiptNo: string | null } | false> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.donationOffer.findUnique({ where: { id } });
      if (!row || !canMoveDonation(row.status as DonationStatus, to)) return false;
      let receiptNo: string | null = null;
      if (to === 'received_goods') {
        // The next number of the fiscal year; the unique index on receiptNo guards against a duplicate.
        const fy = fiscalYearAt(now);
        const issued = await tx.donationOffer.findMany({ where: { receiptNo: { startsWith: `R-${fy}-` } }, select: { receiptNo: true } });
        const last = Math.max(0, ...issued.map((o) => (o.receiptNo ? (receiptSeq(o.receiptNo, fy) ?? 0) : 0)));
        receiptNo = receiptNumber(fy, last + 1);
      }
      const moved = await tx.donationOffer.updateMany({
        where: { id, status: row.status },
        data: { status: to, updatedAt: now, ...(message ? { staffMessage: message } : {}), ...(receiptNo ? { receiptNo, receivedAt: now } : {}) },
      });
      if (moved.count !== 1) return false;
      await tx.broadcast.create({ data: noticeRow(notice(receiptNo), row.residentId, staffId, now) });
      await writeAudit(tx, audit({ receiptNo }));
      return { receiptNo };
    });
  }

  async receivedIn(fiscalYear: number): Promise<DonationOfferRecord[]> {
    const { from, until } = fiscalYearInstants(fiscalYear);
    const rows = await this.db.donationOffer.findMany({ where: { status: 'received_goods', receivedAt: { gte: from, lt: until } }, include: ITEMS, orderBy: [{ receivedAt: 'asc' }, { receiptNo: 'asc' }] });
    return rows.map(toRecord);
  }
}

/** What is left of a purpose's money in a fiscal year (received minus allocated), read with `db` (a transaction). */
async function unallocatedIn(db: Db | Tx, purposeCode: string, fiscalYear: number): Promise<number> {
  const { from, until } = fiscalYearInstants(fiscalYear);
  const span = fiscalYearSpan(fiscalYear);
  const [offers, allocations] = await Promise.all([
    db.donationOffer.findMany({ where: { kind: 'money', status: 'received_goods', receivedAt: { gte: from, lt: until } }, select: { kind: true, status: true, amountYen: true, purposeCode: true } }),
    db.allocation.findMany({ where: { allocatedOn: { gte: span.from, lte: span.to } }, select: { purposeCode: true, amountYen: true } }),
  ]);
  return unallocatedYen(purposeCode, receivedByPurpose(offers.map((o) => ({ ...o, kind: o.kind as DonationKind, status: o.status as DonationStatus }))), allocatedByPurpose(allocations));
}

/** The goodwill bank's allocations, on Prisma. */
export class PrismaAllocationBook implements AllocationBook {
  constructor(private readonly db: Db) {}

  async list(fiscalYear: number): Promise<AllocationRecord[]> {
    const rows = await this.db.allocation.findMany({ where: { allocatedOn: { gte: `${fiscalYear}-04-01`, lte: `${fiscalYear + 1}-03-31` } }, orderBy: [{ allocatedOn: 'asc' }, { createdAt: 'asc' }] });
    return rows.map((r) => ({ id: r.id, purposeCode: r.purposeCode, amountYen: r.amountYen, recipient: r.recipient, note: r.note, allocatedOn: r.allocatedOn, createdBy: r.createdBy, createdAt: r.createdAt }));
  }

  async add(a: NewAllocation, key: string, now: Date, audit: AuditEntry): Promise<AllocationAddOutcome> {
    // One transaction holds the connection, so a second send of the form waits here and then finds the first.
    return this.db.$transaction(async (tx) => {
      const existing = await tx.allocation.findUnique({ where: { id: key } });
      if (existing) {
        const same = existing.purposeCode === a.purposeCode && existing.amountYen === a.amountYen && existing.recipient === a.recipient && existing.note === a.note && existing.allocatedOn === a.allocatedOn && existing.createdBy === a.createdBy;
        return same ? 'repeated' : 'key_used';
      }
      if (a.amountYen > (await unallocatedIn(tx, a.purposeCode, fiscalYearOf(a.allocatedOn)))) return 'over_unallocated';
      await tx.allocation.create({ data: { id: key, purposeCode: a.purposeCode, amountYen: a.amountYen, recipient: a.recipient, note: a.note, allocatedOn: a.allocatedOn, createdBy: a.createdBy, createdAt: now } });
      await writeAudit(tx, audit);
      return 'added';
    });
  }
}

type WantedRow = Awaited<ReturnType<Db['wantedItem']['findFirstOrThrow']>>;
const toWanted = (r: WantedRow): WantedItem => ({ id: r.id, name: r.name, note: r.note, active: r.active, createdAt: r.createdAt, updatedAt: r.updatedAt });

/** The things the council asks for (欲しいもの), on Prisma. */
export class PrismaWantedItems implements WantedItemAdmin {
  constructor(private readonly db: Db) {}

  async activeWantedItems(): Promise<WantedItem[]> {
    const rows = await this.db.wantedItem.findMany({ where: { active: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toWanted);
  }

  async all(): Promise<WantedItem[]> {
    const [active, retired] = await Promise.all([
      this.activeWantedItems(),
      this.db.wantedItem.findMany({ where: { active: false }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: 100 }),
    ]);
    return [...active, ...retired.map(toWanted)];
  }

  async add(item: { name: string; note: string | null }, now: Date, audit: AuditOf<string>): Promise<string> {
    const id = randomUUID();
    await this.db.$transaction([this.db.wantedItem.create({ data: { id, name: item.name, note: item.note, active: true, createdAt: now, updatedAt: now } }), writeAudit(this.db, audit(id))]);
    return id;
  }

  async retire(id: string, now: Date, audit: AuditEntry): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const res = await tx.wantedItem.updateMany({ where: { id, active: true }, data: { active: false, updatedAt: now } });
      if (res.count !== 1) return false;
      await writeAudit(tx, audit);
      return true;
    });
  }
}
