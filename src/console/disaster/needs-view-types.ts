/** The data each needs page's template reads (see views/disasterNeed*.eta). */
import type { NamedCode } from '../shared/names';
import type { Pager } from '../shared/paging';
import type { auditRow, crisisView, eventRow, locationView, needFacts, reportRow, screeningRows, TRIAGE_CHOICES } from './need-page-views';
import type { NeedFormValues } from './needs-forms';
import type { INTAKE_CHOICES } from './needs-intake-routes';
import type { BoardGroup, DuplicateRow, NeedFilter } from './needs-views';

type Choice = { code: string; label: string };

/** The triage board. */
export interface NeedsBoardView {
  id: string;
  heading: string;
  drill: boolean;
  /** The whole centre's needs. */
  total: number;
  /** The needs the filter matches, and how many of them the page lists. */
  matched: number;
  shown: number;
  filtered: boolean;
  byStatus: Array<{ label: string; count: number }>;
  stale: number;
  staleHours: number;
  crisis: number;
  suspects: number;
  filter: NeedFilter;
  districts: NamedCode[];
  statuses: Choice[];
  works: Choice[];
  flags: Choice[];
  /** How many needs a status lists on this page. */
  limit: number;
  groups: BoardGroup[];
  csvHref: string;
  newHref: string;
  backHref: string;
}

/** A need's page. */
export interface NeedPageView {
  id: string;
  referenceNo: string;
  heading: string;
  drill: boolean;
  done: string | null;
  merged: string | null;
  status: string;
  statusLabel: string;
  statusClass: string;
  /** Set while the need is flagged 危機介入. */
  crisis: ReturnType<typeof crisisView> | null;
  facts: ReturnType<typeof needFacts>;
  screening: ReturnType<typeof screeningRows>;
  location: ReturnType<typeof locationView>;
  reports: Array<ReturnType<typeof reportRow>>;
  events: Array<ReturnType<typeof eventRow>>;
  audit: Array<ReturnType<typeof auditRow>>;
  auditPager: Pager;
  moves: Array<{ to: string; label: string; needsDate: boolean; needsReason: boolean }>;
  priority: string;
  flags: string[];
  surveyDecision: string;
  choices: typeof TRIAGE_CHOICES;
  boardHref: string;
  /** Forming a team for the need (班を編成), while it is open. */
  teamHref: string | null;
}

/** The intake form, with the duplicates found or the need just saved. */
export interface NeedFormView {
  id: string;
  heading: string;
  drill: boolean;
  action: string;
  error: string | null;
  values: NeedFormValues;
  duplicates: DuplicateRow[] | null;
  screening: ReturnType<typeof screeningRows>;
  saved: { referenceNo: string; href: string | null; linked: boolean; screening: ReturnType<typeof screeningRows> } | null;
  rules: Array<{ code: string; name: string; referral: string }>;
  districts: NamedCode[];
  choices: typeof INTAKE_CHOICES;
  boardHref: string | null;
}

/** The needs pages' views, merged into `ConsoleViews` by the module's index. */
export interface NeedsViews {
  disasterNeeds: NeedsBoardView;
  disasterNeed: NeedPageView;
  disasterNeedForm: NeedFormView;
}
