import { randomUUID } from 'node:crypto';
import { DONATION_STATUSES, type DonationItemRecord, type DonationKind, type DonationStatus, type FoodRefusal, type ItemAge, type ItemCondition, type ItemSize } from '../../domain/donation';
import {
  fiscalYearInstants,
  type AllocationRecord,
  type AllocationRepository,
  type DonationAdmin,
  type DonationFilter,
  type DonationOfferRecord,
  type DonationOfferRepository,
  type DonationRepositories,
  type NewAllocation,
  type OfferMove,
  type Page,
  type WantedItem,
  type WantedItemAdmin,
  type WantedItemRepository,
} from '../../domain/donation-admin';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { serialiseOn } from './sql-dialect';
import { PrismaPersonalNotices } from './prisma-personal-notices';

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

const ITEMS = { items: { orderBy: { position: 'asc' as const } } };

function whereOf(filter: DonationFilter) {
  return { ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}) };
}

/** Donation offers for the console, on Prisma: the pages' reads, and a unit of work's changes on its transaction. */
export class PrismaDonationAdmin implements DonationAdmin, DonationOfferRepository {
  constructor(private readonly db: Db | Tx) {}

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

  async receiptNumbers(fiscalYear: number): Promise<string[]> {
    const issued = await this.db.donationOffer.findMany({ where: { receiptNo: { startsWith: `R-${fiscalYear}-` } }, select: { receiptNo: true } });
    return issued.flatMap((o) => (o.receiptNo ? [o.receiptNo] : []));
  }

  async move(id: string, from: DonationStatus, m: OfferMove): Promise<boolean> {
    const moved = await this.db.donationOffer.updateMany({
      where: { id, status: from },
      data: { status: m.to, updatedAt: m.at, ...(m.staffMessage ? { staffMessage: m.staffMessage } : {}), ...(m.receiptNo ? { receiptNo: m.receiptNo, receivedAt: m.at } : {}) },
    });
    return moved.count === 1;
  }

  async receivedIn(fiscalYear: number): Promise<DonationOfferRecord[]> {
    const { from, until } = fiscalYearInstants(fiscalYear);
    const rows = await this.db.donationOffer.findMany({ where: { status: 'received_goods', receivedAt: { gte: from, lt: until } }, include: ITEMS, orderBy: [{ receivedAt: 'asc' }, { receiptNo: 'asc' }] });
    return rows.map(toRecord);
  }
}

/** The goodwill bank's allocations, on Prisma. */
export class PrismaAllocationBook implements AllocationRepository {
  constructor(private readonly db: Db | Tx) {}

  async list(fiscalYear: number): Promise<AllocationRecord[]> {
    const rows = await this.db.allocation.findMany({ where: { allocatedOn: { gte: `${fiscalYear}-04-01`, lte: `${fiscalYear + 1}-03-31` } }, orderBy: [{ allocatedOn: 'asc' }, { createdAt: 'asc' }] });
    return rows.map(toAllocation);
  }

  holdYear(fiscalYear: number): Promise<void> {
    return serialiseOn(this.db, `Allocation.year:${fiscalYear}`);
  }

  /**
   * Read in the recording transaction. SQLite runs one writing transaction at a time; PostgreSQL runs them side by
   * side, so the form key is locked first (a lock held to the transaction's end): a form sent twice waits for the
   * first send to commit and then finds its allocation, rather than failing on the primary key.
   */
  async find(id: string): Promise<AllocationRecord | null> {
    await serialiseOn(this.db, `allocation:${id}`);
    const row = await this.db.allocation.findUnique({ where: { id } });
    return row ? toAllocation(row) : null;
  }

  async add(id: string, a: NewAllocation, at: Date): Promise<void> {
    await this.db.allocation.create({ data: { id, purposeCode: a.purposeCode, amountYen: a.amountYen, recipient: a.recipient, note: a.note, allocatedOn: a.allocatedOn, createdBy: a.createdBy, createdAt: at } });
  }
}

type AllocationRow = Awaited<ReturnType<Db['allocation']['findFirstOrThrow']>>;
const toAllocation = (r: AllocationRow): AllocationRecord => ({ id: r.id, purposeCode: r.purposeCode, amountYen: r.amountYen, recipient: r.recipient, note: r.note, allocatedOn: r.allocatedOn, createdBy: r.createdBy, createdAt: r.createdAt });

type WantedRow = Awaited<ReturnType<Db['wantedItem']['findFirstOrThrow']>>;
const toWanted = (r: WantedRow): WantedItem => ({ id: r.id, name: r.name, note: r.note, active: r.active, createdAt: r.createdAt, updatedAt: r.updatedAt });

/** The things the council asks for (欲しいもの), on Prisma. */
export class PrismaWantedItems implements WantedItemAdmin, WantedItemRepository {
  constructor(private readonly db: Db | Tx) {}

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

  async add(item: { name: string; note: string | null }, at: Date): Promise<string> {
    const id = randomUUID();
    await this.db.wantedItem.create({ data: { id, name: item.name, note: item.note, active: true, createdAt: at, updatedAt: at } });
    return id;
  }

  async retire(id: string, at: Date): Promise<boolean> {
    const res = await this.db.wantedItem.updateMany({ where: { id, active: true }, data: { active: false, updatedAt: at } });
    return res.count === 1;
  }
}

/** The donation use cases' repositories on one transaction. */
export function donationRepositories(tx: Tx): DonationRepositories {
  return { offers: new PrismaDonationAdmin(tx), allocations: new PrismaAllocationBook(tx), wanted: new PrismaWantedItems(tx), notices: new PrismaPersonalNotices(tx), audit: new PrismaAuditLog(tx) };
}
