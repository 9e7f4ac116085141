/**
 * The disaster volunteer centre (災害ボランティアセンター): a centre and its life, its volunteer pool, its activity dates
 * and the applications for them. Plain values and pure rules; stores are ports (`DisasterStore`, `DisasterAdmin`).
 */
import { LANGUAGES } from '../language';
import type { Notice } from '../notice';

/** preparing (準備中) | open (開設中) | paused (受付停止: open, taking no new applications) | closed (終了). */
export type CentreStatus = 'preparing' | 'open' | 'paused' | 'closed';
export const CENTRE_STATUSES: readonly CentreStatus[] = ['preparing', 'open', 'paused', 'closed'];

/** The status as the console and residents read it. */
export const CENTRE_STATUS_LABELS: Readonly<Record<CentreStatus, string>> = { preparing: '準備中', open: '開設中', paused: '受付停止', closed: '終了' };

/** Moves a coordinator may make: preparing → open; open ⇄ paused; any but closed → closed. */
export function mayMoveCentre(from: CentreStatus, to: CentreStatus): boolean {
  if (from === to || from === 'closed') return false;
  if (to === 'closed') return true;
  if (from === 'preparing') return to === 'open';
  return (from === 'open' && to === 'paused') || (from === 'paused' && to === 'open');
}

/** True while a centre is running: the bot is in disaster mode (its menu, its greeting). */
export function isRunning(status: CentreStatus): boolean {
  return status === 'open' || status === 'paused';
}

export interface DisasterCentre {
  id: string;
  name: string;
  districts: string[];
  /** YYYY-MM-DD, Japan time. */
  openedOn: string;
  /** A drill (訓練): every resident-facing message is marked 【訓練】, and its records never mix with real ones. */
  drill: boolean;
  status: CentreStatus;
  /** 大規模災害特例: natural-disaster insurance covers from the day of enrolment. */
  sameDayCover: boolean;
  /** People who did not apply may check in on the day. */
  walkIns: boolean;
}

/** individual | group (its leader speaks for it). */
export type MemberKind = 'individual' | 'group';
/** Where a volunteer comes from: the council's own area, or another municipality (全国から). */
export type MemberOrigin = 'local' | 'outside';

/** One LINE user's entry in a centre's pool. */
export interface PoolMember {
  id: string;
  centreId: string;
  kind: MemberKind;
  name: string;
  groupName: string | null;
  size: number;
  origin: MemberOrigin;
  skills: string[];
  /** YYYY-MM-DD the member can come. */
  availableDates: string[];
  phone: string | null;
  emergencyContact: string | null;
  cover: { plan: string | null; enrolledOn: string | null };
  losses: number;
}

/** What a member gives when joining the pool (or changes later). */
export type NewPoolMember = Omit<PoolMember, 'id' | 'centreId' | 'losses'> & { volunteerId: string | null };

/** Priorities of one date's draw: locals first, and places kept for people with a skill. */
export interface DayPriorities {
  localsFirst: boolean;
  skillPlaces: Array<{ skill: string; places: number }>;
}

/** An activity date: its capacity, the application window, the reconfirmation deadline, the day's check-in code. */
export interface ActivityDay {
  id: string;
  centreId: string;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  capacity: number;
  opensAt: Date;
  closesAt: Date;
  reconfirmBy: Date;
  priorities: DayPriorities;
  backfillHours: number;
  checkInCode: string;
  drawSeed: string | null;
  drawnAt: Date | null;
}

/**
 * applied · chosen (a place offered, to reconfirm) · reconfirmed · waitlisted · released (given back, or the
 * deadline passed) · walkIn (came without applying, where the centre allows it).
 */
export type ApplicationStatus = 'applied' | 'chosen' | 'reconfirmed' | 'waitlisted' | 'released' | 'walkIn';

/** A member's application for a date, as the member's own views read it. */
export interface MyApplication {
  id: string;
  dayId: string;
  date: string;
  status: ApplicationStatus;
  position: number | null;
  replyBy: Date | null;
  checkedInAt: Date | null;
}

/** True while the application window of a date is open at `now` (and the centre takes applications). */
export function windowOpen(day: Pick<ActivityDay, 'opensAt' | 'closesAt'>, now: Date): boolean {
  return now.getTime() >= day.opensAt.getTime() && now.getTime() < day.closesAt.getTime();
}

/** The mark every resident-facing message of a drill carries. */
export const DRILL_MARK = '【訓練】';

/** A notice as sent for a centre: marked 【訓練】 in every language during a drill (its text only, never a link). */
export function markedForDrill(notice: Notice, drill: boolean): Notice {
  if (!drill) return notice;
  const content = { ...notice.content };
  for (const lang of LANGUAGES) {
    const text = content[lang];
    if (typeof text === 'string') content[lang] = `${DRILL_MARK}${text}`;
  }
  return { title: `${DRILL_MARK}${notice.title}`, content: { ...content, ja: content.ja } };
}
