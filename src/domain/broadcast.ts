import { minutesOfDay } from './council-profile';
import { jstMidnight, jstMinuteOfDay } from './japan-time';
import type { Language } from './language';
import type { Page, Paged } from './paging';
import type { AuditTrail } from './staff';

/** LINE's multicast limit: recipients per call. */
export const MULTICAST_MAX_RECIPIENTS = 500;

/**
 * How long an instance holds the batches it claimed (several instances share a send): long enough for a multicast
 * with the LINE adapter's timeouts and retries, and for its outcome to be recorded. An instance that dies holding
 * them leaves them to another once this has passed, which sends them with the same retry keys.
 */
export const BATCH_LEASE_MS = 2 * 60_000;

/** What a broadcast staff compose is about; each kind may later carry its own layout. */
export const BROADCAST_KINDS = ['announcement', 'newsletter', 'salon_notice', 'event_reminder'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

/**
 * Personal notices the system writes as broadcast rows (a resident's own event, donation, volunteer, disaster centre
 * or consultation news). Each goes with a change already made to that resident's record, so it is never composed or cancelled by
 * staff.
 */
export const PERSONAL_NOTICE_KINDS = ['event_notice', 'donation_notice', 'volunteer_notice', 'disaster_notice', 'consultation_notice', 'complaint_notice'] as const;
export type PersonalNoticeKind = (typeof PERSONAL_NOTICE_KINDS)[number];

/** Every kind a broadcast row may have. */
export type StoredBroadcastKind = BroadcastKind | PersonalNoticeKind;

/** Pure: whether a stored kind is one of the system's personal notices. */
export function isPersonalNotice(kind: string): kind is PersonalNoticeKind {
  return (PERSONAL_NOTICE_KINDS as readonly string[]).includes(kind);
}

/** Who receives a broadcast. All conditions given must hold; `everyone` means every friend who follows. */
export interface Targeting {
  everyone?: boolean;
  districts?: string[];
  topics?: string[];
  languages?: Language[];
  /** Explicit residents (event registrants), by resident id. */
  residentIds?: string[];
  /** Followers of any of these salons (a follow is stored only with consent). */
  salons?: string[];
  /** Residents registered (not waitlisted) for any of these council events when the send starts. */
  events?: string[];
  /** Anyone matching at least one of these (e.g. a salon's followers, or its district's residents who chose salon news). */
  anyOf?: Targeting[];
}

/**
 * The text per language (Japanese is required and used for anyone whose language has no text), and an optional
 * link (a newsletter issue, an event page) shown as a big "read more" button, an optional https image (a
 * newsletter's cover, an event flyer) sent before the text, and an optional place (a dispatch notice's site) sent
 * after it as a LINE location message.
 */
export type BroadcastContent = { ja: string; link?: string; image?: string; actions?: BroadcastAction[]; location?: BroadcastLocation } & Partial<Record<Language, string>>;

/** A place sent as a LINE location message: title and address of at most 100 characters each (LINE's limits). */
export interface BroadcastLocation {
  title: string;
  address: string;
  latitude: number;
  longitude: number;
}

/** A button a personal notice carries (an invitation's "I can help"): postback data and its label per language. */
export interface BroadcastAction {
  data: string;
  label: { ja: string } & Partial<Record<Language, string>>;
}

/** A broadcast as the engine sees it. */
export interface BroadcastRecord {
  id: string;
  title: string;
  content: BroadcastContent;
  targeting: Targeting;
  urgent: boolean;
  scheduledAt: Date;
  status: 'scheduled' | 'sending' | 'sent' | 'cancelled' | 'missed';
}

/** A resident as a possible recipient. */
export interface Audience {
  residentId: string;
  lineUserId: string;
  language: Language;
  followed: boolean;
  consented: boolean;
  districtCode: string | null;
  topics: string[];
  /** Salon codes followed. */
  salons: string[];
}

/**
 * Whether a resident is targeted. Only followers are ever targeted. Anything beyond "everyone" uses what the
 * resident told us (district, topics), which is stored only with consent, so those need consent too.
 */
export function isTargeted(t: Targeting, a: Audience): boolean {
  if (!a.followed) return false;
  if (t.anyOf) return t.anyOf.some((sub) => isTargeted(sub, a));
  if (t.salons?.length && !t.salons.some((s) => a.salons.includes(s))) return false;
  if (t.residentIds && !idSet(t.residentIds).has(a.residentId)) return false;
  if (t.languages?.length && !t.languages.includes(a.language)) return false;
  const personal = Boolean(t.districts?.length || t.topics?.length || t.salons?.length);
  if (personal && !a.consented) return false;
  if (t.districts?.length && (!a.districtCode || !t.districts.includes(a.districtCode))) return false;
  if (t.topics?.length && !t.topics.some((topic) => a.topics.includes(topic))) return false;
  return Boolean(t.everyone || t.residentIds || personal || t.languages?.length || t.salons?.length);
}

const ID_SETS = new WeakMap<readonly string[], Set<string>>();
/** A resident-id list as a set, built once per list (a send checks every follower against it). */
function idSet(ids: readonly string[]): Set<string> {
  let set = ID_SETS.get(ids);
  if (!set) ID_SETS.set(ids, (set = new Set(ids)));
  return set;
}

/** Every council event a targeting names (its registrants are looked up when the send starts). */
export function eventsOf(t: Targeting): string[] {
  return [...new Set([...(t.events ?? []), ...(t.anyOf ?? []).flatMap(eventsOf)])];
}

/** Pure: the targeting with each event's registrants in place of the event (`registrants` by event id). */
export function withRegistrants(t: Targeting, registrants: ReadonlyMap<string, readonly string[]>): Targeting {
  const { events, anyOf, ...rest } = t;
  const out: Targeting = { ...rest, ...(anyOf ? { anyOf: anyOf.map((sub) => withRegistrants(sub, registrants)) } : {}) };
  if (!events?.length) return out;
  const ids = events.flatMap((e) => registrants.get(e) ?? []);
  return { ...out, residentIds: rest.residentIds ? rest.residentIds.filter((id) => ids.includes(id)) : ids };
}

/** True when targeting reads more than a follower's LINE id and language (districts, topics, salons, residents). */
export function targetsPersonally(t: Targeting): boolean {
  if (t.anyOf) return t.anyOf.some(targetsPersonally);
  return Boolean(t.districts?.length || t.topics?.length || t.salons?.length || t.residentIds || t.events?.length);
}

/** Quiet hours as `HH:MM` (may wrap midnight, e.g. 21:00–08:00), Japan time. */
export interface QuietHours {
  start: string;
  end: string;
}

/** True when `now` falls in the quiet hours (start inclusive, end exclusive). */
export function inQuietHours(quiet: QuietHours, now: Date): boolean {
  const m = jstMinuteOfDay(now);
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  return start <= end ? m >= start && m < end : m >= start || m < end;
}

/** What to do with a scheduled broadcast at `now`. */
export type DueAction = 'wait' | 'start' | 'missed';

/** The end of the quiet hours that contain `at` (the first moment a non-urgent send may go). */
export function quietEnd(quiet: QuietHours, at: Date): Date {
  const end = minutesOfDay(quiet.end);
  return new Date(jstMidnight(at) + (jstMinuteOfDay(at) < end ? 0 : 86_400_000) + end * 60_000);
}

/**
 * Pure: a broadcast not yet due waits; a non-urgent one in quiet hours waits for the morning; one that could
 * have gone out more than `staleAfterMs` ago (the service was down) is missed rather than sent late — counted
 * from when it could first go, so a send scheduled into the night is not stale by morning.
 */
export function dueAction(b: Pick<BroadcastRecord, 'scheduledAt' | 'urgent' | 'status'>, now: Date, quiet: QuietHours, staleAfterMs: number): DueAction {
  if (b.status !== 'scheduled' || b.scheduledAt.getTime() > now.getTime()) return 'wait';
  const firstChance = !b.urgent && inQuietHours(quiet, b.scheduledAt) ? quietEnd(quiet, b.scheduledAt) : b.scheduledAt;
  if (now.getTime() - firstChance.getTime() > staleAfterMs) return 'missed';
  if (!b.urgent && inQuietHours(quiet, now)) return 'wait';
  return 'start';
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Pure: when call `k` of a send may start. Calls are spread evenly from `firstAt` (call k at k / perSecond s),
 * a call held up by a stall goes as soon as it can so the send catches up, and no call starts within a second
 * (plus `marginMs`) of the call `perSecond` before it — so no sliding second ever holds more than `perSecond`
 * calls, which is how LINE counts its multicast limit. `starts` holds the earlier calls' actual start times.
 */
export function callStart(k: number, now: number, firstAt: number, starts: readonly number[], perSecond: number, marginMs = 10): number {
  const even = firstAt + (k * 1000) / perSecond;
  const earlier = k >= perSecond ? starts[k - perSecond] : undefined;
  const window = earlier === undefined ? (k >= perSecond ? now + 1000 : 0) : earlier + 1000 + marginMs;
  return Math.max(now, even, window);
}

/** How one multicast call ended: accepted, refused for good, or to be tried again on the next run. */
export type BatchOutcome = { status: 'sent'; requestId: string | undefined } | { status: 'failed'; error: string } | { status: 'retry'; error: string };

/** Why a stored send, or one of its batches, could not be read; a code the console words for staff. */
export type UnreadableReason = 'unreadable_content' | 'unreadable_targeting' | 'unreadable_recipients';

/** A due broadcast whose stored row could not be read (its JSON broken, say): it is never sent, and marked failed. */
export interface UnreadableBroadcast {
  id: string;
  status: 'unreadable';
  reason: UnreadableReason;
}

/** A multicast batch to send (or resend with its stored key). */
export interface PendingBatch {
  id: string;
  broadcastId: string;
  language: Language;
  retryKey: string;
  /** Recipients to send to (still following). */
  lineUserIds: string[];
  /** Recipients who unfollowed since the send started: recorded as skipped, never sent to. */
  skippedIds: string[];
  /** Set when the stored recipient list could not be read: nothing is sent, the batch is recorded failed. */
  unreadable?: 'unreadable_recipients';
}

/** Which batches an instance takes, and for how long. */
export interface BatchClaim {
  /** The instance claiming. */
  owner: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
  /** Batches this run already tried and released (to retry on a later run, not at once). */
  except: readonly string[];
}

/** Broadcasts, their recipients and batches. Every method is one transaction. */
export interface BroadcastStore {
  /**
   * Scheduled broadcasts with `scheduledAt <= now`, oldest first, and those `sending` (left by a crash, or being sent
   * by other instances: their batches not held by a live instance are claimed). Never throws over one row: a row it
   * cannot read comes back as an {@link UnreadableBroadcast}, so the others still go.
   */
  due(now: Date): Promise<Array<BroadcastRecord | UnreadableBroadcast>>;
  markMissed(id: string, now: Date): Promise<void>;
  /** Marks a broadcast that has not finished failed, with its reason; it is never sent. */
  markFailed(id: string, reason: UnreadableReason, now: Date): Promise<void>;
  /**
   * Fixes the recipients (status scheduled → sending) in batches with stored retry keys, all in one
   * transaction; does nothing if the broadcast is no longer `scheduled` (another instance started it: a conditional
   * update, so exactly one wins). `newKey` mints retry keys. True when this call started the send; its batches are
   * then claimed like any other ({@link BroadcastStore.claimBatches}).
   */
  start(id: string, recipients: Audience[], batchSize: number, newKey: () => string, now: Date): Promise<boolean>;
  /**
   * Every follower, for targeting. For a targeting that reads nothing personal (everyone, languages) only the
   * LINE id and language are filled in; `targetsPersonally` says when the rest is needed.
   */
  audience(personal: boolean): Promise<Audience[]>;
  /** Resident ids registered (not waitlisted) for each of these council events. */
  registrants(eventIds: string[]): Promise<Map<string, string[]>>;
  /**
   * Claims up to `limit` of a send's pending batches for `owner` until `leaseUntil`: only batches no instance holds
   * (no lease, or one that passed before `now` — its holder died; the batch keeps its retry key), never one in
   * `except`. Racing instances never claim the same batch. Oldest first, with recipients who unfollowed since the send
   * started set apart; none when nothing is left to claim.
   */
  claimBatches(broadcastId: string, claim: BatchClaim): Promise<PendingBatch[]>;
  /**
   * Gives back the leases `owner` took on pending batches before `claimedBefore` (its lease would end before
   * `claimedBefore` + BATCH_LEASE_MS): at start, an instance's batches from its previous run go again at once.
   */
  releaseLeasesOf(owner: string, claimedBefore: Date): Promise<number>;
  /**
   * Records batches' outcomes and, for those not to be retried, one delivery row per recipient (sent, failed, or
   * skipped for those who unfollowed), all in one transaction. A batch that could not be read also gives its
   * broadcast that reason, so staff see why some recipients got nothing. A crash before it leaves the batches pending:
   * they are sent again with their stored keys (LINE drops the repeats) and recorded then. A batch already recorded
   * (its lease passed and another instance sent it too) is left as it is, so nothing is counted twice; a batch to
   * retry is released for the next run, unless another instance holds it by now.
   */
  batchesDone(done: ReadonlyArray<{ batch: PendingBatch; outcome: BatchOutcome; at: Date }>, owner: string): Promise<void>;
  /** Marks the broadcast sent with its counts once no batch is pending; null when some are, or another instance marked it. */
  finish(broadcastId: string, now: Date): Promise<{ targeted: number; sent: number; failed: number; skipped: number } | null>;
}

/** A broadcast as the console lists it. */
export interface BroadcastSummary {
  id: string;
  kind: string;
  title: string;
  urgent: boolean;
  scheduledAt: Date;
  status: BroadcastRecord['status'] | 'failed';
  /** Why it failed or was only partly sent (an {@link UnreadableReason}), if it was. */
  error: string | null;
  targeted: number;
  sent: number;
  failed: number;
  skipped: number;
  createdBy: string | null;
}

/** What staff schedule. */
export interface NewBroadcast {
  kind: BroadcastKind;
  title: string;
  content: BroadcastContent;
  targeting: Targeting;
  urgent: boolean;
  scheduledAt: Date;
  createdBy: string;
}

/** How a cancel ended: done, refused for a personal notice, or the send had started or ended (or is unknown). */
export type BroadcastCancelOutcome = 'cancelled' | 'personal_notice' | 'not_scheduled' | 'not_found';

/** Broadcasts as the console's pages read them. */
export interface BroadcastAdmin {
  /** One page of the broadcasts staff compose, or of the system's personal notices, the latest send time first, and how many there are. */
  list(which: 'composed' | 'personal', page: Page): Promise<Paged<BroadcastSummary>>;
  /** Push messages sent this month (pushes and broadcast recipients) and recipients of sends still scheduled this month. */
  usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }>;
}

/** Broadcasts as a use case schedules and cancels them, inside its unit of work. */
export interface BroadcastRepository {
  /** Stores a scheduled broadcast; `estimated` recipients count against the budget until the send starts. Returns its id. */
  create(b: NewBroadcast & { estimated: number }, at: Date): Promise<string>;
  /** A broadcast's kind; null when there is none with this id. */
  kindOf(id: string): Promise<string | null>;
  /** Cancels the broadcast if it is still scheduled and of this kind; false (nothing written) otherwise. */
  cancelScheduled(id: string, kind: string): Promise<boolean>;
}

/** The repositories the broadcast use cases change, bound to one unit of work. */
export interface BroadcastRepositories {
  broadcasts: BroadcastRepository;
  audit: AuditTrail;
}
