/**
 * `GET /console/audit`: the audit log for admins, newest first, 50 rows a page, filtered by staff member, resident
 * and action (an inspection: who read what); `GET /console/audit.csv`: the filtered rows for an inspection, up to
 * 10,000. Opening and downloading are themselves audited, with the filter.
 */
import { AUDIT_ACTIONS, type AuditAction, type AuditFilter, type AuditRecord } from '../../domain/staff';
import { formatCursor, parseCursor } from '../shared/audit-cursor';
import { csvDate, csvDateTime, csvFile, sendCsv } from '../shared/csv';
import { currentSession } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';

/** One row of the audit table, already formatted for display. */
export interface AuditRowView {
  at: string;
  atIso: string;
  staff: string;
  action: string;
  subject: string;
  residentId: string;
  detail: string;
  ip: string;
  /** A settings change's page with its before and after, and undo. */
  link: { href: string; label: string } | null;
}

const PAGE_SIZE = 50;


const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'login.success': 'ログイン',
  'login.failure': 'ログイン失敗',
  logout: 'ログアウト',
  'audit.view': '監査ログの閲覧',
  'audit.export': '監査ログのダウンロード',
  'staff.create': '職員の登録',
  'staff.passwordReset': 'パスワードの再設定',
  'staff.update': '職員の役割・チームの変更',
  'staff.disable': '職員アカウントの停止',
  'staff.enable': '職員アカウントの再開',
  'staff.signout': '職員のすべての端末からのログアウト',
  'staff.twoFactor.enrol': '二段階認証の設定',
  'staff.twoFactor.disable': '二段階認証の解除',
  'staff.twoFactor.reset': '二段階認証のリセット(管理者)',
  'staff.twoFactor.recoveryCodes': '予備コードの再発行',
  'staff.twoFactor.recoveryUsed': '予備コードでのログイン',
  'conversation.view': '会話の閲覧',
  'attachment.view': '写真の閲覧',
  'conversation.claim': '担当の引き受け',
  'conversation.assign': '担当の割り当て',
  'conversation.reply': '返信',
  'conversation.note': '内部メモ',
  'conversation.close': '対応の終了',
  'consultation.status': '相談の状態の変更',
  'consultation.referralAsked': '紹介の同意を本人に確認',
  'consultation.referred': '相談を関係機関に紹介',
  'settings.change': '設定の変更',
  'settings.undo': '設定の変更の取り消し',
  'settings.import': '設定ファイルの読み込み',
  'settings.export': '設定ファイルの書き出し',
  'alert.acknowledge': '緊急の警告の確認',
  'alert.raise': '緊急の警告を付けて会話を職員へ',
  'salon.change.add': 'サロンの予定の変更',
  'salon.change.remove': 'サロンの予定の変更の取り消し',
  'faq.entry.create': 'よくある質問の追加',
  'faq.entry.update': 'よくある質問の変更',
  'complaint.view': '苦情・ご意見の閲覧',
  'complaint.status': '苦情・ご意見の状態の変更',
  'complaint.notes': '苦情・ご意見のメモ',
  'complaint.outcome.tell': '苦情・ご意見の結果をLINEで伝えた',
  'faq.loop.entry': 'よくある質問の追加(答えられなかった質問から)',
  'faq.loop.synonym': '言いかえの追加(答えられなかった質問から)',
  'faq.loop.dismiss': '答えられなかった質問の対応不要',
  'survey.comments.view': 'アンケートの感想の閲覧',
  'broadcast.schedule': 'お知らせ配信の予約',
  'broadcast.cancel': 'お知らせ配信の取り消し',
  'event.create': '行事の登録',
  'event.update': '行事の変更',
  'event.cancel': '行事の中止',
  'event.registrants.view': '申込者の一覧の閲覧',
  'event.registrants.export': '申込者の一覧のダウンロード',
  'event.registration.cancel': '申し込みの取り消し(職員)',
  'volunteer.list.view': 'ボランティアの一覧の閲覧',
  'volunteer.view': 'ボランティアの登録内容の閲覧',
  'volunteer.export': 'ボランティアの一覧のダウンロード',
  'volunteerRequest.view': 'ボランティア依頼の閲覧',
  'volunteerRequest.invite': 'ボランティアへの依頼',
  'volunteerRequest.status': 'ボランティア依頼の状態の変更',
  'donation.view': '寄付・寄贈のお申し出の閲覧',
  'donation.photo.view': '寄贈品の写真の閲覧',
  'donation.status': '寄付・寄贈の状態の変更',
  'allocation.create': '善意銀行の配分の記録',
  'wantedItem.add': '欲しいものの追加',
  'wantedItem.retire': '欲しいものの取り下げ',
  'report.volunteerHours.export': 'ボランティア活動時間(年次報告)のダウンロード',
  'report.donations.export': '寄付・寄贈の受領一覧(年次報告)のダウンロード',
  'report.annual.export': '事業報告の数字(CSV)のダウンロード',
  'disaster.centre.create': '災害ボランティアセンターの登録',
  'disaster.centre.status': '災害ボランティアセンターの状態の変更',
  'disaster.centre.options': '災害ボランティアセンターの設定の変更(特例・当日参加)',
  'disaster.pool.view': '災害ボランティアの登録者一覧の閲覧',
  'disaster.pool.export': '災害ボランティアの登録者一覧のダウンロード',
  'disaster.day.create': '災害ボランティアの活動日の登録',
  'disaster.day.update': '災害ボランティアの活動日の変更',
  'disaster.day.view': '災害ボランティアの活動日(抽選の順番・申込者)の閲覧',
  'disaster.day.draw': '災害ボランティアの活動日の抽選(自動)',
  'disaster.notices.overBudget': '配信の上限をこえた送信(災害ボランティアの抽選・繰り上げ)',
  'disaster.reception.view': '災害ボランティアの受付画面の閲覧',
  'disaster.dayList.view': '災害ボランティアの当日名簿の閲覧・印刷',
  'disaster.checkIn.desk': '災害ボランティアの受付(窓口で名前から)',
  'disaster.needs.view': '災害ニーズの一覧(トリアージ)の閲覧',
  'disaster.needs.export': '災害ニーズの一覧のダウンロード',
  'disaster.need.view': '災害ニーズの詳細の閲覧',
  'disaster.need.create': '災害ニーズの受付(電話・窓口・訪問・民生委員)',
  'disaster.need.link': '災害ニーズの報告を既存のニーズにまとめる(重複)',
  'disaster.need.separate': '災害ニーズの報告を別のニーズと確認(重複ではない)',
  'disaster.need.status': '災害ニーズの状態の変更',
  'disaster.need.change': '災害ニーズの優先度・フラグ・現地調査の変更',
  'disaster.need.followUp': '災害ニーズの完了後の確認(自動)',
  'disaster.needs.report': '災害ニーズの年次報告(年度の一覧・集計)のダウンロード',
  'disaster.need.crisis': '災害ニーズの危機介入(相談の会話へ)',
  'disaster.team.form': '災害ボランティアの班編成・派遣',
  'disaster.equipment.set': '災害センターの資機材の登録・変更',
  'disaster.day.safety': '災害ボランティアの活動日の安全の設定(暑さ・休憩の間隔・注意事項)',
  'disaster.urgentNotice': '災害ボランティアの一斉緊急連絡(派遣中の全員へ)',
  'disaster.figures.announce': '災害ボランティアセンターの状況のお知らせ(数字の配信)',
  'disaster.team.overdue': '災害ボランティアの班の未帰着(自動)',
  'disaster.figures.view': '災害ボランティアセンターの日報(数字)の閲覧',
  'disaster.figures.export': '災害ボランティアセンターの日報(数字)のダウンロード',
  'disaster.team.report': '災害ボランティアの活動報告(帰着)',
  'disaster.alert.raise': '現場からの緊急アラート',
  'disaster.alert.ack': '緊急アラートの確認',
  'resident.data.find': '利用者の検索(わたしの情報)',
  'resident.data.view': '利用者の情報(すべての機能)の閲覧',
  'resident.data.export': '利用者の情報の書き出し',
  'resident.data.erase': '利用者の情報の消去',
  'resident.dataRequest.done': '情報の開示・消去の依頼の完了',
};

/** The Japanese label of an audit action (the code itself for one no longer listed). */
export function auditActionLabel(action: string): string {
  return (ACTION_LABELS[action as AuditAction] as string | undefined) ?? action;
}

const AT_FORMAT = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Formats an audit row for the table; `names` maps staff ids to display names. */
export function auditRowView(r: AuditRecord, names: ReadonlyMap<string, string>): AuditRowView {
  const label = ACTION_LABELS[r.action as AuditAction] as string | undefined;
  return {
    at: AT_FORMAT.format(r.at),
    atIso: r.at.toISOString(),
    staff: r.staffId ? (names.get(r.staffId) ?? r.staffId) : '—',
    action: label ? `${label}（${r.action}）` : r.action,
    subject: r.subjectType ? `${r.subjectType}${r.subjectId ? `: ${r.subjectId}` : ''}` : '—',
    residentId: r.residentId ?? '—',
    detail: r.detail ? JSON.stringify(r.detail) : '—',
    ip: r.ip ?? '—',
    link: r.subjectType === 'settings' && r.action !== 'settings.export' && r.subjectId ? { href: `/console/settings/history/${encodeURIComponent(r.subjectId)}`, label: '変更前と変更後' } : null,
  };
}

/** The most rows one download holds (an inspection narrows by staff, resident or action first). */
const CSV_MAX = 10_000;

/** The filter from the query: only well-formed values (ids, a known action); anything else is ignored. */
export function parseFilter(q: { staff?: string; resident?: string; action?: string }): AuditFilter {
  const id = (v: string | undefined) => (v && /^[\w-]{1,64}$/.test(v.trim()) ? v.trim() : undefined);
  const staffId = id(q.staff);
  const residentId = id(q.resident);
  const action = q.action && (AUDIT_ACTIONS as readonly string[]).includes(q.action) ? q.action : undefined;
  return { ...(staffId ? { staffId } : {}), ...(residentId ? { residentId } : {}), ...(action ? { action } : {}) };
}

/** The filter as query parameters (empty when none), for links that keep it. */
export function filterQuery(f: AuditFilter): string {
  const p = new URLSearchParams();
  if (f.staffId) p.set('staff', f.staffId);
  if (f.residentId) p.set('resident', f.residentId);
  if (f.action) p.set('action', f.action);
  return p.toString();
}

type AuditQuery = { Querystring: { before?: string; staff?: string; resident?: string; action?: string } };

/** The audit log reads the log itself and the staff names; both come with every module's routes. */
export const auditRoutes: ConsoleRoutes<Record<string, never>> = async (app, { audit, staff, clock }) => {
  const staffNames = async () => new Map((await staff.list()).map((m) => [m.id, `${m.displayName}（${m.loginId}）`]));

  app.get<AuditQuery>('/console/audit', { config: { permission: 'audit.view' } }, async (request, reply) => {
    const { staff: viewer } = currentSession(request);
    const before = parseCursor(request.query.before);
    const filter = parseFilter(request.query);
    const query = filterQuery(filter);
    // Recorded before reading, so the page a member sees already includes their own visit.
    await audit.record({
      staffId: viewer.id,
      action: 'audit.view',
      subjectType: 'auditLog',
      ...(before || query ? { detail: { ...(before ? { before: formatCursor(before) } : {}), ...filter } } : {}),
      ip: request.ip,
      at: clock.now(),
    });
    const rows = await audit.list({ limit: PAGE_SIZE + 1, ...(before ? { before } : {}), filter });
    const page = rows.slice(0, PAGE_SIZE);
    const names = await staffNames();
    const last = page[page.length - 1];
    const and = query ? `&${query}` : '';
    return sendPage(request, reply, 'audit', '監査ログ', {
      rows: page.map((r) => auditRowView(r, names)),
      olderHref: rows.length > PAGE_SIZE && last ? `/console/audit?before=${encodeURIComponent(formatCursor(last))}${and}` : null,
      newestHref: before ? `/console/audit${query ? `?${query}` : ''}` : null,
      csvHref: `/console/audit.csv${query ? `?${query}` : ''}`,
      filter: {
        staff: [...names].map(([id, name]) => ({ id, name, selected: id === filter.staffId })),
        actions: AUDIT_ACTIONS.map((a) => ({ code: a, label: `${ACTION_LABELS[a]}（${a}）`, selected: a === filter.action })),
        resident: filter.residentId ?? '',
        active: Boolean(query),
      },
    });
  });

  app.get<AuditQuery>('/console/audit.csv', { config: { permission: 'audit.view' } }, async (request, reply) => {
    const { staff: viewer } = currentSession(request);
    const filter = parseFilter(request.query);
    await audit.record({ staffId: viewer.id, action: 'audit.export', subjectType: 'auditLog', detail: { ...filter }, ip: request.ip, at: clock.now() });
    const rows = await audit.list({ limit: CSV_MAX, filter });
    const names = await staffNames();
    const body = csvFile(
      ['日時', '職員', '操作', '操作コード', '対象', '利用者ID', '詳細', 'IPアドレス'],
      rows.map((r) => {
        const v = auditRowView(r, names);
        return [csvDateTime(r.at), v.staff, ACTION_LABELS[r.action as AuditAction] ?? r.action, r.action, v.subject, v.residentId, v.detail, v.ip];
      }),
    );
    return sendCsv(reply, body, `監査ログ_${csvDate(clock.now()).replaceAll('/', '-')}.csv`, 'audit-log.csv');
  });
};
