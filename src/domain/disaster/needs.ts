/**
 * Needs (ニーズ): households asking a disaster volunteer centre for help, as the needs intake sheet (ニーズ受付票)
 * records them. The stable codes forms, parsers and rows use, and the rules of a need's life. Japanese names live
 * in the locales; each code's doc names the Japanese term. Pure: `now` comes in as a value.
 */
import { DAY_MS } from '../japan-time';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A need's place on the board, in board order: received (受付) · surveying (現地調査) · coordinating (調整中:
 * finding a team) · scheduled (活動予定) · active (活動中) · continuing (継続: more visits needed) · done (完了) ·
 * cancelled (取消) · impossible (対応不可: not volunteers' work, referred elsewhere).
 */
export const NEED_STATUSES = ['received', 'surveying', 'coordinating', 'scheduled', 'active', 'continuing', 'done', 'cancelled', 'impossible'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/**
 * Every move staff (or a report) may make. Work flows forward; a team that falls through sends a scheduled need
 * back to coordinating; done reopens as continuing when the follow-up (or the resident) says work remains; a need
 * closed without work (cancelled, impossible) reopens as received, so a mistaken close does not make staff enter
 * the household again as a new, duplicate need. Any open need may be cancelled or found impossible.
 */
const MOVES: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  received: ['surveying', 'coordinating', 'scheduled'],
  surveying: ['coordinating', 'scheduled'],
  coordinating: ['scheduled'],
  scheduled: ['active', 'coordinating'],
  active: ['continuing', 'done'],
  continuing: ['coordinating', 'scheduled', 'done'],
  done: ['continuing'],
  cancelled: ['received'],
  impossible: ['received'],
};

/** True while the centre still owes the household something: every status but done, cancelled and impossible. */
export function isOpenNeed(status: NeedStatus): boolean {
  return status !== 'done' && status !== 'cancelled' && status !== 'impossible';
}

/** Pure: whether a need may move from `from` to `to` (the table above; staying put is not a move). */
export function mayMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  if ((to === 'cancelled' || to === 'impossible') && isOpenNeed(from)) return true;
  return MOVES[from].includes(to);
}

/** Triage priority (優先度): high | medium | low. */
export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

/**
 * Flags staff set at intake or later: crisis (危機介入: the household needs a professional now) · watch (見守り:
 * keep an eye on the household) · vulnerable (要配慮: a household needing care) · locationUnknown (場所不明) ·
 * duplicate (重複: the same household's need is recorded elsewhere).
 */
export const NEED_FLAGS = ['crisis', 'watch', 'vulnerable', 'locationUnknown', 'duplicate'] as const;
export type NeedFlag = (typeof NEED_FLAGS)[number];

/** Damage (被害): floodAbove (床上浸水) · floodBelow (床下浸水) · partial (一部破損) · sediment (土砂流入) · other. */
export const DAMAGE_KINDS = ['floodAbove', 'floodBelow', 'partial', 'sediment', 'other'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

/**
 * Work asked for (依頼内容): mud (土砂・泥出し) · furniture (家財の運び出し) · cleaning (清掃) · garbage (ごみ出し) ·
 * transport (運搬) · other.
 */
export const WORK_KINDS = ['mud', 'furniture', 'cleaning', 'garbage', 'transport', 'other'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** Who lives there (世帯の状況): elderly (高齢者) · disabled (障がいのある方) · alone (独居) · smallChildren (乳幼児). */
export const HOUSEHOLDS = ['elderly', 'disabled', 'alone', 'smallChildren'] as const;
export type Household = (typeof HOUSEHOLDS)[number];

/**
 * Who asked (依頼者), as seen from the household: self (本人) · family (家族) · neighbour (近所の人) ·
 * welfareCommissioner (民生委員) · helper (ヘルパー・ケアマネジャー).
 */
export const REQUESTER_RELATIONS = ['self', 'family', 'neighbour', 'welfareCommissioner', 'helper'] as const;
export type RequesterRelation = (typeof REQUESTER_RELATIONS)[number];

/** How the need reached the centre (受付方法): line · phone (電話) · counter (窓口) · visit (訪問) · welfareCommissioner (民生委員から). */
export const NEED_CHANNELS = ['line', 'phone', 'counter', 'visit', 'welfareCommissioner'] as const;
export type NeedChannel = (typeof NEED_CHANNELS)[number];

/** The intake's decision on a site survey (現地調査): needed (必要) · notNeeded (不要) · ask (要相談: ask the chief). */
export const SURVEY_DECISIONS = ['needed', 'notNeeded', 'ask'] as const;
export type SurveyDecision = (typeof SURVEY_DECISIONS)[number];

/**
 * Pure: whether a need has waited in coordinating (調整中) for more than `staleHours` — a stale claim the board
 * should raise, since nobody has found it a team. Other statuses are never stale.
 */
export function isStale(need: { status: NeedStatus; statusSince: Date }, now: Date, staleHours: number): boolean {
  return need.status === 'coordinating' && need.statusSince.getTime() < staleBefore(now, staleHours).getTime();
}

/** Pure: a coordinating need whose status began before this instant is stale (`isStale`, as a bound a query can use). */
export function staleBefore(now: Date, staleHours: number): Date {
  return new Date(now.getTime() - staleHours * HOUR_MS);
}

const PRIORITY_RANK: Readonly<Record<NeedPriority, number>> = { high: 0, medium: 1, low: 2 };

/**
 * Pure: the triage board's order within a status — crisis (危機介入) first, then high priority, then the longest in
 * its status, then the oldest intake. The repository sorts the same way in SQL; this is its reference.
 */
export function boardOrder(a: NeedOrderKey, b: NeedOrderKey): number {
  const crisis = (n: NeedOrderKey) => (n.flags.includes('crisis') ? 0 : 1);
  return (
    crisis(a) - crisis(b) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.statusSince.getTime() - b.statusSince.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** What `boardOrder` compares. */
export interface NeedOrderKey {
  id: string;
  flags: readonly NeedFlag[];
  priority: NeedPriority;
  statusSince: Date;
  createdAt: Date;
}

/**
 * What the person who asked is told of a change: received (受け付けました) · surveying (現地調査に伺います) ·
 * scheduled (活動日が決まりました) · onTheWay (チームが向かっています) · postponed (予定の活動が取りやめになり、
 * 調整し直します) · continuing (続きの活動があります) · done (完了しました) · impossible (ボランティアではお受け
 * できません) · cancelled (取り消しました).
 */
export const NEED_NOTICE_KINDS = ['received', 'surveying', 'scheduled', 'onTheWay', 'postponed', 'continuing', 'done', 'impossible', 'cancelled'] as const;
export type NeedNoticeKind = (typeof NEED_NOTICE_KINDS)[number];

/**
 * Pure: which notice the person who asked gets when a need moves from `from` (null: the need was just recorded) to
 * `to`, or null when the move is none of their concern — the centre's own steps into coordinating — or is not a
 * move `mayMoveNeed` allows. A scheduled need sent back to coordinating is their concern: a visit they were
 * promised is off (`postponed`).
 */
export function requesterHears(from: NeedStatus | null, to: NeedStatus): NeedNoticeKind | null {
  if (from !== null && !mayMoveNeed(from, to)) return null;
  if (to === 'coordinating') return from === 'scheduled' ? 'postponed' : null;
  if (to === 'active') return 'onTheWay';
  return to;
}

/**
 * Pure: whether the "is anything still needed?" follow-up is due: the need has been done (完了) for at least
 * `days` days and nobody has followed it up since it was done. So it is asked once per completion: a need reopened
 * by its follow-up and done again is asked again, a need done once is never asked twice.
 */
export function followUpDue(need: { status: NeedStatus; statusSince: Date; followedUpAt: Date | null }, now: Date, days: number): boolean {
  if (need.status !== 'done') return false;
  if (need.followedUpAt !== null && need.followedUpAt.getTime() >= need.statusSince.getTime()) return false;
  return now.getTime() - need.statusSince.getTime() >= days * DAY_MS;
}
