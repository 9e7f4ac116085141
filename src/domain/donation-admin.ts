/**
 * Donations as the console handles them: the offers residents made through LINE, the moves staff make (受け入れる,
 * お断りする, 受け取った — each told to the donor), receipt numbers, the goodwill bank's allocations (配分) against
 * the council's allocation plan, and the things the council asks for (欲しいもの). Pure rules and the ports: the
 * pages read through `DonationAdmin`, `AllocationBook` and `WantedItemAdmin`; the use cases in
 * src/usecases/donations change offers, allocations and the wanted list through {@link DonationRepositories},
 * in one unit of work each.
 */
import type { Page } from './paging';
import type { PersonalNoticeOutbox } from './personal-notice';
import type { AuditTrail } from './staff';
import { jstDate, jstMidnightOf } from './japan-time';
import { fiscalYearOf, fiscalYearSpan } from './volunteer';
import type { DonationKind, DonationStatus, NewDonationOffer } from './donation';

/** An offer as staff see it: what the donor gave (the photo as its stored Attachment) and its handling. */
export interface DonationOfferRecord extends Omit<NewDonationOffer, 'photoMessageId'> {
  id: string;
  residentId: string;
  /** The appliance's photo (an Attachment id); null when none was sent. */
  photoAttachmentId: string | null;
  status: DonationStatus;
  receiptNo: string | null;
  receivedAt: Date | null;
  staffMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The moves staff make on an offer. */
export const DONATION_MOVES = ['accepted', 'declined', 'received_goods'] as const;
export type DonationMove = (typeof DONATION_MOVES)[number];

const NEXT: Readonly<Record<DonationStatus, readonly DonationStatus[]>> = {
  received: ['accepted', 'declined'],
  accepted: ['received_goods'],
  declined: [],
  received_goods: [],
};

/** Pure: whether staff may move an offer from one status to another. */
export function canMoveDonation(from: DonationStatus, to: DonationStatus): boolean {
  return NEXT[from].includes(to);
}

/** The fiscal year (April–March, Japan time) an instant falls in, by its starting calendar year. */
export function fiscalYearAt(at: Date): number {
  return fiscalYearOf(jstDate(at));
}

/** The instants a fiscal year spans: from 1 April 00:00 JST up to (not including) the next 1 April 00:00 JST. */
export function fiscalYearInstants(fiscalYear: number): { from: Date; until: Date } {
  return { from: new Date(jstMidnightOf(`${fiscalYear}-04-01`)), until: new Date(jstMidnightOf(`${fiscalYear + 1}-04-01`)) };
}

/** Pure: whether a Japan-time date (YYYY-MM-DD) lies in a fiscal year. */
export function inFiscalYear(date: string, fiscalYear: number): boolean {
  const { from, to } = fiscalYearSpan(fiscalYear);
  return date >= from && date <= to;
}

/** `R-2026-0007`: the receipt number `seq` (from 1) of a fiscal year. */
export function receiptNumber(fiscalYear: number, seq: number): string {
  return `R-${fiscalYear}-${String(seq).padStart(4, '0')}`;
}

/** The sequence part of a receipt number of this fiscal year; null for another year's or a malformed one. */
export function receiptSeq(receiptNo: string, fiscalYear: number): number | null {
  const m = /^R-(\d{4})-(\d{4,})$/.exec(receiptNo);
  return m && Number(m[1]) === fiscalYear ? Number(m[2]) : null;
}

/** Pure: the plan of a fiscal year among the council's allocation plans, or null when it has none for that year. */
export function planOfYear<T extends { fiscalYear: number }>(plans: readonly T[], fiscalYear: number): T | null {
  return plans.find((p) => p.fiscalYear === fiscalYear) ?? null;
}

/** The purpose code allocations and gifts without a designated purpose go under (一般預託・おまかせ). */
export const GENERAL_PURPOSE = 'general';

/** Which offers the list shows: any status or kind when null. */
export interface DonationFilter {
  status: DonationStatus | null;
  kind: DonationKind | null;
}

export type { Page } from './paging';

export interface DonationAdmin {
  /** One page of the offers matching the filter, newest first. */
  list(filter: DonationFilter, page: Page): Promise<DonationOfferRecord[]>;
  /** How many offers match the filter. */
  count(filter: DonationFilter): Promise<number>;
  /** How many offers there are in each status, of every kind. */
  countByStatus(): Promise<Record<DonationStatus, number>>;
  get(id: string): Promise<DonationOfferRecord | null>;
  /** The stored bytes of an offer's photo; null when there is none (or it was not copied from LINE). */
  photo(offerId: string): Promise<{ contentType: string; data: Buffer; residentId: string } | null>;
  /** Offers that came in (受領済み) during a fiscal year, by receipt number. */
  receivedIn(fiscalYear: number): Promise<DonationOfferRecord[]>;
}

/** A move of an offer as it is stored. */
export interface OfferMove {
  to: DonationMove;
  /** What staff wrote to the donor; null leaves the message stored before. */
  staffMessage: string | null;
  /** The receipt issued when the gift came in. */
  receiptNo: string | null;
  at: Date;
}

/** Donation offers as a use case changes them, inside its unit of work. */
export interface DonationOfferRepository {
  get(id: string): Promise<DonationOfferRecord | null>;
  /** The receipt numbers issued so far that start with the fiscal year's prefix (`R-2026-`). */
  receiptNumbers(fiscalYear: number): Promise<string[]>;
  /** Stores the move; false (nothing written) when the offer is no longer in status `from`. */
  move(id: string, from: DonationStatus, move: OfferMove): Promise<boolean>;
  receivedIn(fiscalYear: number): Promise<DonationOfferRecord[]>;
}

/** What a notice to the donor says about their offer. */
export interface DonationNoticeSubject {
  referenceNo: string;
  kind: DonationKind;
  message: string | null;
  receiptNo: string | null;
}

/** One allocation of the goodwill bank's money. */
export interface AllocationRecord {
  id: string;
  /** A purpose code of the plan, or {@link GENERAL_PURPOSE}. */
  purposeCode: string;
  amountYen: number;
  recipient: string;
  note: string | null;
  /** YYYY-MM-DD, Japan time. */
  allocatedOn: string;
  createdBy: string;
  createdAt: Date;
}

export type NewAllocation = Omit<AllocationRecord, 'id' | 'createdAt'>;

/**
 * How recording an allocation ended: written; already written from the same form with the same values (a form
 * sent twice); the form's key already used for other values (a form reopened with Back and changed); or refused
 * because it is larger than what is left of its purpose's money that fiscal year (see {@link unallocatedYen}).
 */
export type AllocationAddOutcome = 'added' | 'repeated' | 'key_used' | 'over_unallocated';

export interface AllocationBook {
  /** Allocations dated in a fiscal year, oldest first. */
  list(fiscalYear: number): Promise<AllocationRecord[]>;
}

/** The allocations as a use case records them, inside its unit of work. */
export interface AllocationRepository extends AllocationBook {
  /**
   * Holds the recording of allocations dated in a fiscal year until the transaction ends, before what recording reads
   * (what is left of the year's money): two allocations sent at once take turns, and the second reads the first.
   */
  holdYear(fiscalYear: number): Promise<void>;
  find(id: string): Promise<AllocationRecord | null>;
  /** Stores an allocation under `id` (the one-time key of the form it was sent from). */
  add(id: string, a: NewAllocation, at: Date): Promise<void>;
}

/** Pure: whether a stored allocation is the one a form sent again would record (the same values from the same member). */
export function sameAllocation(a: NewAllocation, b: NewAllocation): boolean {
  return a.purposeCode === b.purposeCode && a.amountYen === b.amountYen && a.recipient === b.recipient && a.note === b.note && a.allocatedOn === b.allocatedOn && a.createdBy === b.createdBy;
}

/** One line of the allocation table: budget, money received, allocated and what is left. */
export interface AllocationLine {
  /** A purpose code of the plan, {@link GENERAL_PURPOSE}, or a code the plan no longer has. */
  code: string;
  /** Null for 一般 and for codes no longer in the plan. */
  budgetYen: number | null;
  receivedYen: number;
  allocatedYen: number;
  /** Received minus allocated: money of this purpose still to give out (negative when more went out than came in). */
  unallocatedYen: number;
  /** Budget minus allocated; null without a budget. */
  budgetLeftYen: number | null;
}

/** Pure: money received for a purpose code (一般 also takes gifts without a designated purpose). */
function receivedFor(code: string, received: ReadonlyMap<string | null, number>): number {
  return code === GENERAL_PURPOSE ? (received.get(null) ?? 0) + (received.get(GENERAL_PURPOSE) ?? 0) : (received.get(code) ?? 0);
}

/**
 * Pure: the money of a purpose still to give out — received for it minus allocated from it, over one fiscal
 * year's totals. An allocation may not be larger (the table would show a negative 未配分).
 */
export function unallocatedYen(code: string, received: ReadonlyMap<string | null, number>, allocated: ReadonlyMap<string, number>): number {
  return receivedFor(code, received) - (allocated.get(code) ?? 0);
}

/**
 * Pure: the plan's purposes in order, then 一般, then any code money was received or allocated under that the plan
 * no longer has. `received` and `allocated` are totals by purpose code (null = 一般 for received money).
 */
export function allocationLines(purposes: ReadonlyArray<{ code: string; budgetYen: number }>, received: ReadonlyMap<string | null, number>, allocated: ReadonlyMap<string, number>): AllocationLine[] {
  const line = (code: string, budgetYen: number | null): AllocationLine => {
    const receivedYen = receivedFor(code, received);
    const allocatedYen = allocated.get(code) ?? 0;
    return { code, budgetYen, receivedYen, allocatedYen, unallocatedYen: unallocatedYen(code, received, allocated), budgetLeftYen: budgetYen === null ? null : budgetYen - allocatedYen };
  };
  const known = new Set([...purposes.map((p) => p.code), GENERAL_PURPOSE]);
  const others = [...new Set([...[...received.keys()].filter((k): k is string => k !== null), ...allocated.keys()])].filter((c) => !known.has(c)).sort();
  return [...purposes.map((p) => line(p.code, p.budgetYen)), line(GENERAL_PURPOSE, null), ...others.map((c) => line(c, null))];
}

/** Pure: money received by purpose (null = 一般) from offers that came in. */
export function receivedByPurpose(offers: ReadonlyArray<Pick<DonationOfferRecord, 'kind' | 'status' | 'amountYen' | 'purposeCode'>>): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const o of offers) if (o.kind === 'money' && o.status === 'received_goods' && o.amountYen) out.set(o.purposeCode, (out.get(o.purposeCode) ?? 0) + o.amountYen);
  return out;
}

/** Pure: allocations summed by purpose code. */
export function allocatedByPurpose(allocations: ReadonlyArray<Pick<AllocationRecord, 'purposeCode' | 'amountYen'>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of allocations) out.set(a.purposeCode, (out.get(a.purposeCode) ?? 0) + a.amountYen);
  return out;
}

/** Something the council asks donors for (欲しいもの). */
export interface WantedItem {
  id: string;
  name: string;
  note: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What the LINE donation flow reads: the things asked for now, oldest first. */
export interface WantedItemSource {
  activeWantedItems(): Promise<WantedItem[]>;
}

/** The list staff keep. */
export interface WantedItemAdmin extends WantedItemSource {
  /** Active ones first (oldest first), then retired ones (most recently retired first). */
  all(): Promise<WantedItem[]>;
}

/** The wanted list as a use case changes it, inside its unit of work. */
export interface WantedItemRepository {
  /** Adds an active item; returns its id. */
  add(item: { name: string; note: string | null }, at: Date): Promise<string>;
  /** Retires an active item; false (nothing written) when it is unknown or already retired. */
  retire(id: string, at: Date): Promise<boolean>;
}

/** The repositories the donation use cases change, bound to one unit of work. */
export interface DonationRepositories {
  offers: DonationOfferRepository;
  allocations: AllocationRepository;
  wanted: WantedItemRepository;
  notices: PersonalNoticeOutbox;
  audit: AuditTrail;
}
