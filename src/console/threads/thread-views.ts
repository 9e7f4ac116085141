/**
 * Turns threads into what the console's inbox and conversation pages show: Japanese labels, waiting times,
 * formatted dates. Pure; the labels come from the council profile.
 */
import type { CouncilProfile } from '../../domain/council-profile';
import type { ConsultationRecord, HistoryEntry, InboxItem, ThreadDetail } from '../../domain/staff-threads';
import type { ThreadOwner } from '../../domain/thread';
import type { SafetyReplyState } from '../../domain/safety-reply';
import { ALERT_CATEGORY_LABELS } from '../shared/alert-labels';
import { jaDateTime } from '../shared/ja-dates';
import { LANGUAGE_NAMES } from '../shared/language-names';
import type { Language } from '../../domain/language';
import { safetyReplyText, type SafetyReplyText } from './safety-reply-text';
import type { CannedReply } from './canned-reply-views';

/** Names the console shows for the profile's codes. */
export interface ConsoleLabels {
  categories: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
  districts: ReadonlyMap<string, string>;
  /** The council's canned replies, in every language staff wrote them in (see canned-reply-views.ts). */
  cannedReplies: readonly CannedReply[];
}

/** The labels of one council profile. */
export function consoleLabels(profile: CouncilProfile): ConsoleLabels {
  return {
    categories: new Map(profile.consultationCategories.map((c) => [c.code, c.name])),
    teams: new Map(profile.teams.map((t) => [t.code, t.name])),
    districts: new Map(profile.districts.map((d) => [d.code, d.name])),
    cannedReplies: profile.consultation.cannedReplies,
  };
}

export const OWNER_LABELS: Readonly<Record<ThreadOwner, string>> = { bot: 'ボット対応', waiting: '対応待ち', staff: '対応中', closed: '終了' };
export const STATUS_LABELS: Readonly<Record<string, string>> = { new: '新規', in_progress: '対応中', referred: '他機関へつないだ', closed: '終了' };
const FOR_WHOM: Readonly<Record<string, string>> = { self: '本人', family: '家族', neighbour: '近所の人・知り合い', other: 'そのほか(代理)' };
const CONTACT: Readonly<Record<string, string>> = { line: 'LINE', phone: '電話', visit: '窓口・訪問' };
const CONTACT_TIME: Readonly<Record<string, string>> = { weekday_am: '平日の午前', weekday_pm: '平日の午後', anytime: 'いつでも' };
const URGENCY: Readonly<Record<string, string>> = { urgent: '急ぎ', soon: '数日のうちに', normal: '急がない' };
const ALERT = ALERT_CATEGORY_LABELS;
const KIND: Readonly<Record<string, string>> = { image: '写真', video: '動画', audio: '音声', file: 'ファイル', sticker: 'スタンプ', location: '位置情報', withdrawn: '取り消されたメッセージ' };

const DELIVERY: Readonly<Record<string, string>> = {
  sent: '送信済み',
  failed: '送信失敗',
  pending: '送信中',
  attempting: '送信中',
  retry: 'LINEが混み合っているため自動で再送します',
  unknown: 'LINEの応答がなく届いたか確認できません(再送はしません)',
  skipped: '送信されませんでした(ブロックされています)',
};

/** A wait as `3時間15分` / `2日4時間` / `5分`. */
export function waitText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}日${hours}時間`;
  if (hours > 0) return `${hours}時間${minutes % 60}分`;
  return `${minutes}分`;
}

export interface InboxRowView {
  href: string;
  urgent: boolean;
  alerts: number;
  owner: string;
  team: string;
  assignee: string;
  since: string;
  waited: string;
  reference: string;
  category: string;
  /** An alert's safety reply is not known to have reached the resident. */
  safetyReplyUnconfirmed: boolean;
}

/** One inbox row. */
export function inboxRow(item: InboxItem, labels: ConsoleLabels, now: Date, safetyReplyUnconfirmed = false): InboxRowView {
  const since = item.waitingSince ?? item.openedAt;
  return {
    href: `/console/threads/${item.id}`,
    urgent: item.urgent,
    alerts: item.unacknowledgedAlerts,
    owner: OWNER_LABELS[item.owner],
    team: item.teamCode ? (labels.teams.get(item.teamCode) ?? item.teamCode) : '未振り分け',
    assignee: item.assigneeName ?? '—',
    since: jaDateTime(since),
    waited: item.owner === 'closed' ? '—' : waitText(now.getTime() - since.getTime()),
    reference: item.consultation?.referenceNo ?? '—',
    category: item.consultation ? (labels.categories.get(item.consultation.categoryCode) ?? item.consultation.categoryCode) : '—',
    safetyReplyUnconfirmed,
  };
}

export interface HistoryView {
  id: string;
  from: 'resident' | 'staff' | 'system';
  who: string;
  at: string;
  atIso: string;
  text: string;
  attachmentHref: string | null;
  mapHref: string | null;
  delivery: string;
  /** Where to post to send a failed staff reply again (same retry key). */
  resendHref: string | null;
}

/** One message of the history. Photos link to the copied attachment; locations to a map. */
export function historyView(e: HistoryEntry, threadId = ''): HistoryView {
  const lat = typeof e.data?.latitude === 'number' ? e.data.latitude : null;
  const lng = typeof e.data?.longitude === 'number' ? e.data.longitude : null;
  const label = KIND[e.kind];
  return {
    id: e.id,
    from: e.direction === 'out' ? 'staff' : e.direction === 'system' ? 'system' : 'resident',
    who: e.direction === 'out' ? `${e.staffName ?? 'スタッフ'}(スタッフ)` : e.direction === 'system' ? 'システム' : '相談者',
    at: jaDateTime(e.createdAt),
    atIso: e.createdAt.toISOString(),
    // A text without its text had its words removed by the retention policy (its time stays for the report).
    text: e.text ?? (label ? `(${label})` : e.kind === 'text' ? '(保存期間を過ぎたため本文を消去しました)' : ''),
    attachmentHref: e.attachmentId ? `/console/attachments/${e.attachmentId}` : null,
    mapHref: lat !== null && lng !== null ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}` : null,
    delivery: e.direction !== 'out' ? '' : (DELIVERY[e.delivery ?? 'pending'] ?? '送信中'),
    resendHref: e.direction === 'out' && e.delivery === 'failed' && e.outboundId && threadId ? `/console/threads/${threadId}/replies/${e.outboundId}/resend` : null,
  };
}

export interface ConsultationView {
  id: string;
  reference: string;
  facts: Array<{ label: string; value: string }>;
  description: string;
  status: string;
  statusLabel: string;
  referralTarget: string;
  photos: string[];
}

/** A consultation's facts as label/value pairs. */
export function consultationView(c: ConsultationRecord, labels: ConsoleLabels): ConsultationView {
  return {
    id: c.id,
    reference: c.referenceNo,
    facts: [
      { label: '分野', value: labels.categories.get(c.categoryCode) ?? c.categoryCode },
      { label: '担当', value: labels.teams.get(c.teamCode) ?? c.teamCode },
      { label: 'だれの相談', value: FOR_WHOM[c.forWhom] ?? c.forWhom },
      { label: '地区', value: c.districtCode ? (labels.districts.get(c.districtCode) ?? c.districtCode) : '答えない' },
      { label: '連絡方法', value: `${CONTACT[c.contactMethod] ?? c.contactMethod}${c.phone ? `(${c.phone})` : ''}` },
      { label: '連絡してよい時間', value: c.contactTime ? (CONTACT_TIME[c.contactTime] ?? c.contactTime) : '—' },
      { label: '急ぎぐあい', value: URGENCY[c.urgency] ?? c.urgency },
      { label: '返信の約束', value: `${jaDateTime(c.replyDueAt)}まで` },
      { label: '受付', value: jaDateTime(c.createdAt) },
    ],
    description: c.description,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status] ?? c.status,
    referralTarget: c.referralTarget ?? '',
    photos: c.attachmentIds,
  };
}

export interface ThreadPageView {
  id: string;
  heading: string;
  owner: string;
  closed: boolean;
  urgent: boolean;
  facts: Array<{ label: string; value: string }>;
  /** Each safety alert, with what became of the safety reply it raised. */
  alerts: Array<{ id: string; label: string; at: string; acknowledged: boolean; fromMessage: boolean; reply: SafetyReplyText | null }>;
  consultations: ConsultationView[];
  history: HistoryView[];
  /** 「以前のメッセージ」: the page with earlier messages too; null when the history starts here. */
  earlierHref: string | null;
  notes: Array<{ who: string; at: string; text: string }>;
  survey: string | null;
  lastAtIso: string;
  canClaim: boolean;
  assignees: Array<{ id: string; name: string; selected: boolean }> | null;
}

/**
 * The conversation page. `assignees` is given only to those who may assign to others; `replies` holds the state
 * of each alert's safety reply (an alert missing from it has no reply on record).
 */
export function threadPage(
  t: ThreadDetail,
  labels: ConsoleLabels,
  now: Date,
  viewer: { id: string },
  assignees: Array<{ id: string; name: string }> | null,
  replies: ReadonlyMap<string, SafetyReplyState> = new Map(),
): ThreadPageView {
  const since = t.waitingSince ?? t.openedAt;
  const history = t.history.map((e) => historyView(e, t.id));
  return {
    id: t.id,
    heading: t.consultation ? `${t.consultation.referenceNo} ${labels.categories.get(t.consultation.categoryCode) ?? ''}` : `会話 ${t.id.slice(0, 8)}`,
    owner: OWNER_LABELS[t.owner],
    closed: t.owner === 'closed',
    urgent: t.urgent,
    facts: [
      { label: '状態', value: OWNER_LABELS[t.owner] },
      { label: '担当チーム', value: t.teamCode ? (labels.teams.get(t.teamCode) ?? t.teamCode) : '未振り分け' },
      { label: '担当者', value: t.assigneeName ?? '—' },
      { label: '受付', value: jaDateTime(t.openedAt) },
      { label: '待ち時間', value: t.owner === 'closed' ? '—' : waitText(now.getTime() - since.getTime()) },
      { label: '言語', value: LANGUAGE_NAMES[t.language as Language] ?? t.language },
      { label: '地区', value: t.districtCode ? (labels.districts.get(t.districtCode) ?? t.districtCode) : '—' },
    ],
    alerts: t.alerts.map((a) => ({
      id: a.id,
      label: ALERT[a.category] ?? a.category,
      at: jaDateTime(a.createdAt),
      acknowledged: a.acknowledgedAt !== null,
      fromMessage: a.fromMessage,
      // An alert staff raised sent nothing to the resident: there is no safety reply to follow.
      reply: a.fromMessage ? safetyReplyText(replies.get(a.id) ?? { kind: 'missing' }, jaDateTime) : null,
    })),
    consultations: t.consultations.map((c) => consultationView(c, labels)),
    history,
    earlierHref: t.earlierSince ? `/console/threads/${encodeURIComponent(t.id)}?since=${encodeURIComponent(t.earlierSince.toISOString())}#history` : null,
    notes: t.notes.map((n) => ({ who: n.staffName, at: jaDateTime(n.createdAt), text: n.text })),
    survey: t.survey ? `満足度 ${t.survey.score} / 5${t.survey.comment ? `「${t.survey.comment}」` : ''}` : null,
    lastAtIso: t.history.at(-1)?.createdAt.toISOString() ?? new Date(0).toISOString(),
    canClaim: t.owner === 'waiting' || (t.owner === 'staff' && t.assigneeId !== viewer.id && assignees !== null),
    assignees: assignees ? assignees.map((a) => ({ ...a, selected: a.id === t.assigneeId })) : null,
  };
}
