/**
 * What the disaster centre's pages show, and the words they use: statuses, kinds and flags in Japanese, a drill
 * always labelled 訓練, cover for a date, the pool's filters, the CSV. Pure.
 */
import type { Pager } from '../shared/paging';
import type { DaySafetyView, OverdueRow } from './safety-views';
import { CENTRE_STATUS_LABELS, mayMoveCentre, type ApplicationStatus, type CentreStatus, type DisasterCentre } from '../../domain/disaster/centre';
import type { ApplicationEntry, PoolEntry } from '../../domain/disaster/admin';
import { coveredOn } from '../../domain/disaster/cover';
import { csvFile, csvPhone } from '../shared/csv';
import { jaDay } from '../shared/ja-dates';
import { nameOf, type NamedCode } from '../shared/names';

/** The label a drill carries on every page, list, count and file. */
export const DRILL_LABEL = '訓練';

/** A centre's name as staff read it anywhere: `【訓練】…` for a drill. */
export function centreTitle(c: Pick<DisasterCentre, 'name' | 'drill'>): string {
  return c.drill ? `【${DRILL_LABEL}】${c.name}` : c.name;
}

/** A status as staff read it. */
export function statusText(s: CentreStatus): string {
  return CENTRE_STATUS_LABELS[s];
}

/** The moves a centre's page offers from `status`, with their buttons' words. */
export function centreMoves(status: CentreStatus): Array<{ to: CentreStatus; label: string; danger: boolean }> {
  const labels: Record<CentreStatus, string> = { preparing: '', open: status === 'paused' ? '受付を再開する(開設中に戻す)' : '開設する', paused: '受付を停止する', closed: '終了する' };
  return (['open', 'paused', 'closed'] as const).filter((to) => mayMoveCentre(status, to)).map((to) => ({ to, label: labels[to], danger: to === 'closed' }));
}

export const APPLICATION_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  applied: '抽選待ち',
  chosen: '当選(再確認待ち)',
  reconfirmed: '参加確定',
  waitlisted: 'キャンセル待ち',
  released: '辞退・期限切れ',
  walkIn: '当日参加',
};

export const KIND_LABELS = { individual: '個人', group: 'グループ' } as const;
export const ORIGIN_LABELS = { local: '地元', outside: '地域外' } as const;

/** What the pages need to judge cover: the profile's disaster plans and the centre's exception. */
export interface CoverContext {
  disasterPlans: readonly string[];
  sameDayCover: boolean;
}

/** Whether a member is covered on `date` (YYYY-MM-DD). */
export function covered(m: Pick<PoolEntry, 'cover'>, date: string, c: CoverContext): boolean {
  return coveredOn(m.cover, date, { sameDayException: c.sameDayCover, disasterPlans: [...c.disasterPlans] }).covered;
}

/** The member's insurance as staff read it: the plan and its date, or 未加入. */
export function coverText(m: Pick<PoolEntry, 'cover'>, plans: readonly string[]): string {
  if (!m.cover.plan) return '未加入';
  const plan = plans.includes(m.cover.plan) ? `天災タイプ(${m.cover.plan})` : `天災を含まないプラン(${m.cover.plan})`;
  return m.cover.enrolledOn ? `${plan} ${m.cover.enrolledOn}加入` : plan;
}

/** `個人` or `グループ(5人)`. */
export function kindText(m: Pick<PoolEntry, 'kind' | 'size'>): string {
  return m.kind === 'group' ? `${KIND_LABELS.group}(${m.size}人)` : KIND_LABELS.individual;
}

/** The name with the group's name, as lists show it. */
export function memberName(m: Pick<PoolEntry, 'name' | 'groupName' | 'kind'>): string {
  return m.kind === 'group' && m.groupName ? `${m.groupName}(代表 ${m.name})` : m.name;
}

/** The pool page's filters, read from its query string. */
export interface PoolFilter {
  kind: '' | 'individual' | 'group';
  origin: '' | 'local' | 'outside';
  skill: string;
  /** YYYY-MM-DD the member can come, or ''. */
  date: string;
  /** '' | covered | uncovered (today). */
  cover: '' | 'covered' | 'uncovered';
}

export function poolFilter(query: Record<string, unknown>, skills: readonly NamedCode[]): PoolFilter {
  const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | '' => (typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : '');
  const date = typeof query.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query.date) ? query.date : '';
  return {
    kind: pick(query.kind, ['individual', 'group'] as const),
    origin: pick(query.origin, ['local', 'outside'] as const),
    skill: pick(query.skill, skills.map((s) => s.code)),
    date,
    cover: pick(query.cover, ['covered', 'uncovered'] as const),
  };
}

/** The members the filter keeps (cover judged for `today`). */
export function filterPool(members: readonly PoolEntry[], f: PoolFilter, today: string, c: CoverContext): PoolEntry[] {
  return members.filter(
    (m) =>
      (!f.kind || m.kind === f.kind) &&
      (!f.origin || m.origin === f.origin) &&
      (!f.skill || m.skills.includes(f.skill)) &&
      (!f.date || m.availableDates.includes(f.date)) &&
      (!f.cover || covered(m, today, c) === (f.cover === 'covered')),
  );
}

/** The filter as a query string (for the CSV link), without the empty ones. */
export function filterQuery(f: PoolFilter): string {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
  return q.size ? `?${q.toString()}` : '';
}

export interface PoolRow {
  number: number;
  kind: string;
  name: string;
  origin: string;
  skills: string;
  dates: string;
  phone: string;
  emergencyContact: string;
  cover: string;
  /** Not covered on the day judged: shown as 無保険. */
  uninsured: boolean;
  losses: number;
}

export function poolRows(members: readonly PoolEntry[], today: string, skills: readonly NamedCode[], c: CoverContext): PoolRow[] {
  return members.map((m, i) => ({
    number: i + 1,
    kind: kindText(m),
    name: memberName(m),
    origin: ORIGIN_LABELS[m.origin],
    skills: m.skills.map((s) => nameOf(s, skills)).join('、') || '—',
    dates: m.availableDates.map(jaDay).join('、') || '—',
    phone: csvPhone(m.phone),
    emergencyContact: m.emergencyContact ?? '',
    cover: coverText(m, c.disasterPlans),
    uninsured: !covered(m, today, c),
    losses: m.losses,
  }));
}

export const POOL_CSV_HEADER = ['番号', '区分', '人数', 'お名前', 'グループ名', '地元・地域外', '特技', '来られる日', '電話', '緊急連絡先', '保険', '今日の保険', '落選の回数', '実際の災害・訓練'] as const;

/** The pool as a CSV file (BOM, CRLF): a drill's file says 訓練 on every line, as its name does. */
export function poolCsv(members: readonly PoolEntry[], today: string, skills: readonly NamedCode[], c: CoverContext & { drill: boolean }): string {
  return csvFile(
    POOL_CSV_HEADER,
    members.map((m, i) => [
      String(i + 1),
      KIND_LABELS[m.kind],
      String(m.size),
      m.name,
      m.groupName ?? '',
      ORIGIN_LABELS[m.origin],
      m.skills.map((s) => nameOf(s, skills)).join('、'),
      m.availableDates.join(' '),
      csvPhone(m.phone),
      m.emergencyContact ?? '',
      coverText(m, c.disasterPlans),
      covered(m, today, c) ? '対象' : '無保険',
      String(m.losses),
      c.drill ? DRILL_LABEL : '実際の災害',
    ]),
  );
}

/** The CSV's file name: the centre's name made safe for Windows, 訓練 first for a drill. */
export function poolCsvName(c: Pick<DisasterCentre, 'name' | 'drill'>, date: string): string {
  const clean = c.name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim().slice(0, 60) || 'センター';
  return `${c.drill ? `${DRILL_LABEL}_` : ''}災害ボランティア登録者_${clean}_${date.replace(/-/g, '')}.csv`;
}

/** Flags reception shows beside a name. */
export function receptionFlags(a: Pick<ApplicationEntry, 'status' | 'member'>, date: string, c: CoverContext): string[] {
  return [...(covered(a.member, date, c) ? [] : ['無保険']), ...(a.status === 'chosen' ? ['未確認(再確認の返事なし)'] : [])];
}

// ---- The views' data (typed for the templates: see ConsoleViews) ----

interface DoneStatus {
  status: string | null;
}

export interface CentreListView {
  running: { href: string; title: string; status: string; drill: boolean } | null;
  /** The needs' annual report page, when the member may open it. */
  reportsHref: string | null;
  groups: Array<{ heading: string; drill: boolean; rows: Array<{ href: string; title: string; status: string; openedOn: string; districts: string; members: number; people: number; days: number }>; pager: Pager; totals: { centres: number; members: number; people: number; days: number } }>;
}

export interface CentreFormView {
  error: string | null;
  values: { name: string; openedOn: string; kind: string; districts: string[] };
  districts: NamedCode[];
}

export interface CentreDetailView extends DoneStatus {
  id: string;
  /** Teams out and not back by the day's end (未帰着の班), shown first. */
  overdue: OverdueRow[];
  heading: string;
  drill: boolean;
  statusLabel: string;
  from: CentreStatus;
  facts: Array<{ label: string; value: string }>;
  moves: Array<{ to: CentreStatus; label: string; danger: boolean }>;
  closed: boolean;
  sameDayCover: boolean;
  walkIns: boolean;
  menuFailed: boolean;
  links: Array<{ href: string; label: string }>;
}

export interface PoolView {
  id: string;
  heading: string;
  drill: boolean;
  today: string;
  total: number;
  shown: number;
  uninsured: number;
  filter: PoolFilter;
  skills: NamedCode[];
  rows: PoolRow[];
  pager: Pager;
  csvHref: string;
  backHref: string;
}

export interface DaysView extends DoneStatus {
  id: string;
  heading: string;
  drill: boolean;
  closed: boolean;
  rows: Array<{ href: string; date: string; capacity: number; applied: number; chosen: number; reconfirmed: number; waitlisted: number; released: number; checkedIn: number; draw: string; notices: string; overBudget: boolean }>;
  usage: { month: string; used: number; scheduled: number; budget: number; remaining: number };
  overruns: Array<{ date: string; at: string; what: string; cost: number; remaining: number }>;
  form: DayFormView;
  backHref: string;
}

export interface DayFormView {
  action: string;
  error: string | null;
  values: Record<string, string>;
  skills: NamedCode[];
  /** Editing a date: its date is fixed; after the draw only capacity and backfill hours change. */
  editing: boolean;
  drawn: boolean;
  defaultReconfirm: string;
  /** The quiet hours (`21:00〜08:00`): no place is offered from the waitlist then. */
  quietHours: string;
}

export interface DayDetailView extends DoneStatus {
  id: string;
  /** The day's safety settings form; null for a closed centre. */
  safety: DaySafetyView | null;
  heading: string;
  drill: boolean;
  facts: Array<{ label: string; value: string }>;
  counts: Array<{ label: string; value: number }>;
  draw: { seed: string; at: string; order: Array<{ position: number; name: string; origin: string; skills: string; result: string; status: string }> } | null;
  pending: Array<{ name: string; at: string }>;
  form: DayFormView | null;
  links: Array<{ href: string; label: string }>;
  backHref: string;
}

export interface PosterView {
  centre: string;
  drill: boolean;
  date: string;
  code: string;
  link: string;
  qrSvg: string;
  backHref: string;
}

export interface ReceptionRow {
  id: string;
  name: string;
  kind: string;
  status: string;
  flags: string[];
  arrived: string | null;
  by: string | null;
  /** Staff may check this one in at the desk. */
  canCheckIn: boolean;
}

export interface ReceptionData {
  counts: { expected: number; arrived: number; missing: number; walkIns: number };
  expected: ReceptionRow[];
  walkIns: ReceptionRow[];
}

export interface ReceptionView extends DoneStatus, ReceptionData {
  id: string;
  heading: string;
  drill: boolean;
  date: string;
  walkInsAllowed: boolean;
  running: boolean;
  q: string;
  found: Array<{ id: string; name: string; kind: string; application: string | null; applicationId: string | null; flags: string[] }>;
  others: ReceptionRow[];
  listHref: string;
  posterHref: string;
  backHref: string;
}

export interface DayListView {
  heading: string;
  drill: boolean;
  date: string;
  rows: Array<{ number: number; name: string; kind: string; phone: string; emergencyContact: string; status: string; flags: string; arrived: string }>;
  backHref: string;
}

/** The module's views, for `ConsoleViews`. */
export interface DisasterViews {
  disasterCentres: CentreListView;
  disasterCentreForm: CentreFormView;
  disasterCentre: CentreDetailView;
  disasterPool: PoolView;
  disasterDays: DaysView;
  disasterDay: DayDetailView;
  disasterPoster: PosterView;
  disasterReception: ReceptionView;
  disasterDayList: DayListView;
}
