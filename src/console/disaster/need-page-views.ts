/**
 * A need's page as staff read it: its facts (the intake sheet), its reports, its location (coordinates as text and
 * a plain map link, so the page works offline), its history and its audit rows. Pure.
 */
import type { NeedDetail, NeedEventEntry, NeedReportEntry } from '../../domain/disaster/needs-admin';
import { NEED_FLAGS, NEED_PRIORITIES, SURVEY_DECISIONS, type NeedStatus } from '../../domain/disaster/needs';
import type { ScreeningRule } from '../../domain/disaster/screening';
import { csvDateTime } from '../shared/csv';
import { districtText, type NamedCode } from '../shared/names';
import {
  CHANNEL_LABELS,
  DAMAGE_LABELS,
  FLAG_LABELS,
  HOUSEHOLD_LABELS,
  mapLink,
  NEED_STATUS_LABELS,
  PRIORITY_LABELS,
  REASON_LABELS,
  RELATION_LABELS,
  SURVEY_LABELS,
  WORK_LABELS,
} from './needs-views';

const list = (xs: readonly string[]) => xs.join('、') || '—';

/** The intake sheet's facts. */
export function needFacts(n: NeedDetail, districts: readonly NamedCode[]): Array<{ label: string; value: string }> {
  return [
    { label: '状態', value: `${NEED_STATUS_LABELS[n.status]}(${csvDateTime(n.statusSince)}から)` },
    ...(n.scheduledOn ? [{ label: '活動予定日', value: n.scheduledOn }] : []),
    ...(n.closedReason ? [{ label: '理由', value: n.closedReason }, { label: '紹介先', value: n.referral ?? '—' }] : []),
    { label: '優先度', value: PRIORITY_LABELS[n.priority] },
    { label: 'フラグ', value: list(n.flags.map((f) => FLAG_LABELS[f])) },
    { label: '現地調査', value: n.surveyDecision ? SURVEY_LABELS[n.surveyDecision] : '未定' },
    { label: '世帯(お名前)', value: n.householdName ?? '—' },
    { label: '住所', value: n.address ?? '—' },
    { label: '地区', value: districtText(n.districtCode, districts) },
    { label: '被害', value: list(n.damage.map((d) => DAMAGE_LABELS[d])) },
    { label: '依頼内容', value: list(n.work.map((w) => WORK_LABELS[w])) + (n.workOther ? `(その他: ${n.workOther})` : '') },
    { label: '世帯の状況(要配慮)', value: list(n.households.map((h) => HOUSEHOLD_LABELS[h])) },
    { label: '希望日', value: list(n.preferredDates) },
    { label: '連絡方法', value: n.contactMethod === 'line' ? 'LINE' : `電話 ${n.phone ?? ''}` },
    { label: '備考', value: n.notes ?? '—' },
  ];
}

/** The screening rules a need raised: what volunteers cannot do, and the referral to tell the household. */
export function screeningRows(codes: readonly string[], rules: readonly ScreeningRule[]): Array<{ name: string; referral: string }> {
  return codes.map((c) => rules.find((r) => r.code === c) ?? { code: c, name: c, keywords: [], referral: '—' }).map((r) => ({ name: r.name, referral: r.referral }));
}

/** The location: coordinates as text and a map link, or null without a pin. */
export function locationView(n: Pick<NeedDetail, 'latitude' | 'longitude'>): { text: string; href: string } | null {
  if (n.latitude === null || n.longitude === null) return null;
  return { text: `緯度 ${n.latitude.toFixed(6)}、経度 ${n.longitude.toFixed(6)}`, href: mapLink(n.latitude, n.longitude) };
}

const said = (c: Record<string, unknown>): string => {
  const parts = [typeof c.notes === 'string' ? c.notes : '', typeof c.address === 'string' ? `住所: ${c.address}` : '', typeof c.workOther === 'string' ? `その他: ${c.workOther}` : ''];
  return parts.filter(Boolean).join(' / ') || '—';
};

/**
 * The 危機介入 banner: the threads with staff of the LINE reporters (opened or reused, urgent, in the inbox), or —
 * for a need with no LINE reporter — the phone numbers staff call, since no thread can be tied to the household.
 */
export function crisisView(n: Pick<NeedDetail, 'phone' | 'reportList'>, lineReporters: readonly string[], threads: ReadonlyMap<string, string>) {
  const links = [...new Set(lineReporters.flatMap((r) => (threads.has(r) ? [threads.get(r)!] : [])))];
  const phones = [...new Set([n.phone, ...n.reportList.map((r) => r.reporterPhone)].filter((p): p is string => Boolean(p)))];
  return {
    threads: links.map((id, i) => ({ href: `/console/threads/${encodeURIComponent(id)}`, label: `相談の会話 ${i + 1}` })),
    phoneOnly: lineReporters.length === 0,
    phones: phones.join('、') || '記録がありません(受付票や報告から連絡先を確かめてください)',
  };
}

/** A report as its row shows it; `name` gives staff names, `threads` the LINE reporters' latest thread with staff. */
export function reportRow(r: NeedReportEntry, name: (id: string) => string, threads: ReadonlyMap<string, string> = new Map()) {
  const thread = r.residentId ? threads.get(r.residentId) : undefined;
  return {
    threadHref: thread ? `/console/threads/${encodeURIComponent(thread)}` : null,
    id: r.id,
    at: csvDateTime(r.createdAt),
    channel: CHANNEL_LABELS[r.channel],
    who: `${RELATION_LABELS[r.relation]}${r.reporterName ? ` ${r.reporterName}` : ''}${r.reporterPhone ? `(${r.reporterPhone})` : ''}${r.residentId ? '(LINE)' : ''}`,
    staff: r.staffId ? name(r.staffId) : '—',
    said: said(r.content),
    photos: r.photoIds.map((id, i) => ({ href: `/console/attachments/${encodeURIComponent(id)}`, label: `写真${i + 1}` })),
    suspects: r.reviewedAt === null ? r.suspects.map((s) => ({ needId: s.needId, referenceNo: s.referenceNo, reasons: s.reasons.map((x) => REASON_LABELS[x]).join('・') })) : [],
  };
}

const EVENT_KINDS: Readonly<Record<NeedEventEntry['kind'], string>> = { status: '状態', priority: '優先度', flags: 'フラグ', link: '重複のまとめ', survey: '現地調査', note: 'メモ' };

const valueText = (kind: NeedEventEntry['kind'], v: string | null): string => {
  if (v === null || v === '') return '—';
  if (kind === 'status') return NEED_STATUS_LABELS[v as NeedStatus] ?? v;
  if (kind === 'priority') return PRIORITY_LABELS[v as keyof typeof PRIORITY_LABELS] ?? v;
  if (kind === 'survey') return SURVEY_LABELS[v as keyof typeof SURVEY_LABELS] ?? v;
  if (kind === 'flags') return v.split(',').map((f) => FLAG_LABELS[f as keyof typeof FLAG_LABELS] ?? f).join('・');
  return v;
};

/** A history line. */
export function eventRow(e: NeedEventEntry, name: (id: string) => string) {
  const change = e.kind === 'link' || e.kind === 'note' ? '' : `${valueText(e.kind, e.from)} → ${valueText(e.kind, e.to)}`;
  return { at: csvDateTime(e.at), kind: EVENT_KINDS[e.kind], change, note: e.note ?? '', staff: e.staffId ? name(e.staffId) : '(自動・LINE)' };
}

/** Japanese words for the audit rows a need gets. */
const NEED_AUDIT_LABELS: Readonly<Record<string, string>> = {
  'disaster.need.view': '閲覧',
  'disaster.need.create': '受付',
  'disaster.need.link': '重複をまとめた',
  'disaster.need.separate': '別のニーズと確認',
  'disaster.need.status': '状態の変更',
  'disaster.need.change': '優先度・フラグ・現地調査の変更',
  'disaster.need.followUp': '完了後の確認(自動)',
  'disaster.notices.overBudget': '配信の上限をこえた送信',
};

/** An audit row about the need, in Japanese words. */
export function auditRow(r: { action: string; staffId: string | null; at: Date }, name: (id: string) => string) {
  return { at: csvDateTime(r.at), action: NEED_AUDIT_LABELS[r.action] ?? r.action, staff: r.staffId ? name(r.staffId) : '(自動)' };
}

/** The triage forms' choices. */
export const TRIAGE_CHOICES = {
  priorities: NEED_PRIORITIES.map((p) => ({ code: p, label: PRIORITY_LABELS[p] })),
  flags: NEED_FLAGS.map((f) => ({ code: f, label: FLAG_LABELS[f] })),
  surveys: SURVEY_DECISIONS.map((s) => ({ code: s, label: SURVEY_LABELS[s] })),
};
