import type { Page, Paged } from '../paging';
import type { AuditTrail } from '../staff';
import type { FaqEntry } from './entry';
import type { Synonym } from './synonyms';

/** An entry as written: everything but its id (and the seed code, set only by seeding). */
export type FaqEntryInput = Omit<FaqEntry, 'id' | 'seedCode'>;

/** The entries and the council's synonyms, as matching reads them. */
export interface FaqSource {
  /** Changes whenever an entry or a synonym is added, changed or removed (one cheap query). */
  stamp(): Promise<string>;
  /** Every entry, active or not (matching filters). */
  entries(): Promise<FaqEntry[]>;
  synonyms(): Promise<Synonym[]>;
}

/** What a seeding did, by entry code. */
export interface SeedOutcome {
  created: string[];
  updated: string[];
  /** Seeded entries staff edited since: the console's wording stays. */
  keptStaffEdits: string[];
}

/** An entry as the console lists it. */
export interface FaqEntryRow extends FaqEntry {
  updatedAt: Date;
  /** Whether staff changed the entry after it was seeded (or wrote it). */
  editedByStaff: boolean;
}

/** The entries in the console. */
export interface FaqAdmin {
  /** One page of the entries whose question forms or answers contain `search` (all when empty), newest change first, and how many match. */
  list(search: string, page: Page): Promise<Paged<FaqEntryRow>>;
  get(id: string): Promise<FaqEntryRow | null>;
}

/** Writing entries, inside a unit of work. */
export interface FaqEntryRepository {
  create(entry: FaqEntryInput, by: string, at: Date): Promise<string>;
  /** False when there is no such entry. */
  update(id: string, entry: FaqEntryInput, at: Date): Promise<boolean>;
}

export interface FaqRepositories {
  entries: FaqEntryRepository;
  audit: AuditTrail;
}

/** What the FAQ's writer stores for one step (questions kept for the knowledge loop, and what residents said). */
export interface FaqWrite {
  asked: Array<{ id: string; text: string; normalized: string; language: string; residentId: string | null; outcome: string; entryId: string | null }>;
  feedback: Array<{ questionId: string; feedback: 'helpful' | 'unhelpful' }>;
  picked: Array<{ questionId: string; entryId: string }>;
}
