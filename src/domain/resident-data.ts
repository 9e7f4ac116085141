/**
 * A resident's data on request (開示・消去): what every feature holds about one resident, shown to an admin, exported
 * and erased. Each feature describes its own part (`PersonalDataPart` in src/infra/prisma/personal-data.ts); these
 * are the shapes the console and the use cases see, and the ports they reach storage through.
 */
import type { Page, Paged } from './paging';
import type { AuditLog } from './staff';

/** One labelled value, as the page and the printable export show it. */
export interface DataRow {
  label: string;
  value: string;
}

/** One record (a consultation, a registration …): a title and its rows. */
export interface DataRecord {
  title: string;
  rows: DataRow[];
}

/** What one feature holds about the resident: readable records and the same as machine-readable rows. */
export interface DataSection {
  /** The feature's module id (`core`, `consultation`, `donations` …). */
  feature: string;
  title: string;
  records: DataRecord[];
  /** The rows as stored (dates as ISO strings, bytes left out), for the JSON export. */
  data: Record<string, unknown>[];
}

/** The most residents a search shows, and the most records of one kind a name search reads. */
export const MATCHES_SHOWN = 50;

/** A resident a search found, and what matched (a reference number, a name in a feature, the LINE user id). */
export interface ResidentMatch {
  residentId: string;
  why: string;
}

/** The resident row as the pages head it. */
export interface ResidentSummary {
  id: string;
  lineUserId: string;
  language: string;
  followed: boolean;
  consent: string;
  createdAt: Date;
  /** Set once the resident's data was erased. */
  erasure: { at: Date; staffId: string | null } | null;
}

/** What erasing would cut short: items still in progress (an open consultation, a disaster need …), worded for staff. */
export type OpenItem = string;

/** Reads what the features hold about residents. */
export interface ResidentDataReader {
  /**
   * Residents matching a reference number (S-, V-, D-, R-, N- …), a LINE user id, a resident id or a name; `more`
   * when a name matched more records than a search reads (the page asks for more of the name).
   */
  find(query: string): Promise<{ matches: ResidentMatch[]; more: boolean }>;
  summary(residentId: string): Promise<ResidentSummary | null>;
  /** Every feature's section, core first. */
  collect(residentId: string): Promise<DataSection[]>;
  openItems(residentId: string): Promise<OpenItem[]>;
}

/** Erases a resident's personal data by the erasure rules, inside the caller's transaction. */
export interface ResidentEraser {
  /** Returns the marker that replaced the LINE user id. */
  erase(residentId: string, at: Date, staffId: string): Promise<{ marker: string }>;
}

/** A resident's request from Settings (わたしの情報) to see or erase their data. */
export type DataRequestKind = 'see' | 'erase';
export const DATA_REQUEST_KINDS: readonly DataRequestKind[] = ['see', 'erase'];

export interface DataRequestView {
  id: string;
  residentId: string;
  kind: DataRequestKind;
  status: 'open' | 'done';
  at: Date;
  doneAt: Date | null;
}

export interface DataRequestStore {
  /** One page of the open requests, oldest first, and how many are open. */
  open(page: Page): Promise<Paged<DataRequestView>>;
  forResident(residentId: string): Promise<DataRequestView[]>;
  /** Marks an open request done; false when there is no open request with this id. */
  markDone(id: string, at: Date, staffId: string): Promise<boolean>;
  /** Marks every open request of the resident done (after an erasure); returns how many. */
  markAllDone(residentId: string, at: Date, staffId: string): Promise<number>;
}

/** What the erasure's unit of work hands its use case, bound to one transaction. */
export interface ErasureRepositories {
  reader: Pick<ResidentDataReader, 'summary'>;
  eraser: ResidentEraser;
  requests: DataRequestStore;
  audit: AuditLog;
}
