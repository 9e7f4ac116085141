/**
 * A resident's data on request (開示・消去), for admins:
 * - `GET /console/residents`: find a resident by a reference number (S-, V-, D-, R-, N- …), a name typed in a form or
 *   the LINE user id; the residents' open requests from Settings (わたしの情報), each marked done here;
 * - `GET /console/residents/:id`: everything every feature holds, who viewed their records (the audit rows with
 *   this resident, newest first, paged), and the exports and the erasure;
 * - `GET …/export.html` (a printable page) and `GET …/export.json` (a download);
 * - `GET|POST …/erase`: what is erased and kept, what is still in progress, the word 消去 typed to confirm.
 * Every view, export and erasure is audited, never with personal data in the detail.
 */
import { MATCHES_SHOWN, type DataRequestStore, type DataSection, type ErasureRepositories, type ResidentDataReader, type ResidentSummary } from '../../domain/resident-data';
import type { AuditLog } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { closeDataRequest } from '../../usecases/resident-data/close-data-request';
import { eraseResidentData } from '../../usecases/resident-data/erase-resident-data';
import { formatCursor, parseCursor } from '../shared/audit-cursor';
import { currentSession, staffAct } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { attachmentHeader } from '../shared/csv';
import { one } from '../shared/form-fields';
import { listHref, parsePageNumber, readPage, type Pager } from '../shared/paging';
import { jaDateTime } from '../shared/ja-dates';

/** What the pages need. */
export interface ResidentsConsole {
  data: ResidentDataReader;
  requests: DataRequestStore;
  erasure: UnitOfWork<ErasureRepositories>;
  requestWork: UnitOfWork<{ requests: DataRequestStore; audit: AuditLog }>;
  /** What erasure does, from the erasure rules: tables kept without the person, and tables deleted, with why. */
  rules: { kept: string[]; deleted: string[] };
  /** The audit log's wording of an action (for who viewed the records). */
  actionLabel(action: string): string;
}

export interface RequestRowView {
  id: string;
  residentHref: string;
  kind: string;
  at: string;
  status: string;
}

export interface ResidentsSearchView {
  query: string;
  searched: boolean;
  matches: Array<{ href: string; residentId: string; why: string }>;
  /** The name matched more records than a search reads: only the first are shown. */
  more: boolean;
  /** The most a search shows (「50件以上あります」). */
  shownMax: number;
  requests: RequestRowView[];
  requestsPager: Pager;
}

/** How many open data requests one page shows. */
export const REQUEST_PAGE_SIZE = 50;

export interface ViewerRowView {
  at: string;
  staff: string;
  action: string;
}

export interface ResidentPageView {
  status: string | null;
  resident: ResidentHeadView;
  sections: DataSection[];
  openItems: string[];
  requests: RequestRowView[];
  viewers: ViewerRowView[];
  olderViewersHref: string | null;
  kept: ResidentsConsole['rules']['kept'];
}

export interface ResidentHeadView {
  id: string;
  href: string;
  lineUserId: string;
  followed: string;
  consent: string;
  since: string;
  erased: string | null;
}

export interface ResidentExportView {
  resident: ResidentHeadView;
  sections: DataSection[];
  printedAt: string;
}

export interface ResidentEraseView {
  resident: ResidentHeadView;
  openItems: string[];
  rules: ResidentsConsole['rules'];
  error: string | null;
}

const KINDS: Record<string, string> = { see: '開示（見たい）', erase: '消去（消してほしい）' };
const DONE: Record<string, string> = {
  erased: '消去しました。下に、会議体として残す記録（本人とわからない形）を示します。',
  request: '依頼を完了にしました。',
};
const CONFIRM_WORD = '消去';
const VIEWERS_PAGE = 20;
const ID = /^[\w-]{1,64}$/;

function head(r: ResidentSummary, names: ReadonlyMap<string, string>): ResidentHeadView {
  return {
    id: r.id,
    href: `/console/residents/${encodeURIComponent(r.id)}`,
    lineUserId: r.lineUserId,
    followed: r.followed ? '友だち' : 'ブロック・解除',
    consent: { granted: '同意あり', declined: '同意なし', pending: '未回答' }[r.consent] ?? r.consent,
    since: jaDateTime(r.createdAt),
    erased: r.erasure ? `${jaDateTime(r.erasure.at)}に消去済み（${r.erasure.staffId ? (names.get(r.erasure.staffId) ?? r.erasure.staffId) : '—'}）` : null,
  };
}

function requestRow(r: { id: string; residentId: string; kind: string; at: Date; status: string; doneAt: Date | null }): RequestRowView {
  return { id: r.id, residentHref: `/console/residents/${encodeURIComponent(r.residentId)}`, kind: KINDS[r.kind] ?? r.kind, at: jaDateTime(r.at), status: r.status === 'done' ? `完了（${r.doneAt ? jaDateTime(r.doneAt) : ''}）` : '未対応' };
}

/** What kind of query was searched (the query itself may be a name: never in the audit row). */
function queryKind(q: string): string {
  if (/^[A-Za-z]-/.test(q)) return 'reference';
  if (/^U[0-9a-f]{32}$/i.test(q)) return 'lineUserId';
  return 'name';
}

type IdParams = { Params: { id: string } };

export const residentsRoutes: ConsoleRoutes<ResidentsConsole> = async (app, { deps, audit, staff, clock }) => {
  const perm = { config: { permission: 'resident.data' as const } };
  const names = async () => new Map((await staff.list()).map((m) => [m.id, m.displayName]));

  /** The resident of `:id`, or a 404 page. */
  async function residentOr404(id: string) {
    return ID.test(id) ? deps.data.summary(id) : null;
  }
  const notFound = (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1]) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '利用者が見つかりません', message: 'この利用者の記録はありません。', action: { href: '/console/residents', label: '利用者の検索に戻る' } }, 404);

  app.get<{ Querystring: { q?: string; page?: string } }>('/console/residents', perm, async (request, reply) => {
    const q = (request.query.q ?? '').trim().slice(0, 80);
    const { matches, more } = q ? await deps.data.find(q) : { matches: [], more: false };
    // The open requests' pager does not repeat the search (nor its audit row): its links are of the list alone.
    const requests = await readPage(parsePageNumber(request.query), REQUEST_PAGE_SIZE, (page) => deps.requests.open(page), (n) => `${listHref('/console/residents', {}, n)}#requests-heading`);
    if (q) await audit.record({ staffId: currentSession(request).staff.id, action: 'resident.data.find', subjectType: 'resident', detail: { by: queryKind(q), found: matches.length, ...(more ? { more } : {}) }, ip: request.ip, at: clock.now() });
    return sendPage(request, reply, 'residents', '利用者の情報（開示・消去）', {
      query: q,
      searched: Boolean(q),
      matches: matches.map((m) => ({ href: `/console/residents/${encodeURIComponent(m.residentId)}`, residentId: m.residentId, why: m.why })),
      more,
      shownMax: MATCHES_SHOWN,
      requests: requests.rows.map(requestRow),
      requestsPager: requests.pager,
    });
  });

  app.get<IdParams & { Querystring: { done?: string; before?: string } }>('/console/residents/:id', perm, async (request, reply) => {
    const r = await residentOr404(request.params.id);
    if (!r) return notFound(request, reply);
    const before = parseCursor(request.query.before);
    await audit.record({ staffId: currentSession(request).staff.id, action: 'resident.data.view', subjectType: 'resident', subjectId: r.id, residentId: r.id, ip: request.ip, at: clock.now() });
    const [sections, openItems, requests, rows, who] = await Promise.all([
      deps.data.collect(r.id),
      deps.data.openItems(r.id),
      deps.requests.forResident(r.id),
      audit.list({ limit: VIEWERS_PAGE + 1, ...(before ? { before } : {}), filter: { residentId: r.id } }),
      names(),
    ]);
    const page = rows.slice(0, VIEWERS_PAGE);
    const last = page.at(-1);
    return sendPage(request, reply, 'resident', '利用者の情報', {
      status: DONE[request.query.done ?? ''] ?? null,
      resident: head(r, who),
      sections,
      openItems: r.erasure ? [] : openItems,
      requests: requests.map(requestRow),
      viewers: page.map((a) => ({ at: jaDateTime(a.at), staff: a.staffId ? (who.get(a.staffId) ?? a.staffId) : '—', action: deps.actionLabel(a.action) })),
      olderViewersHref: rows.length > VIEWERS_PAGE && last ? `/console/residents/${encodeURIComponent(r.id)}?before=${encodeURIComponent(formatCursor(last))}#viewers` : null,
      kept: deps.rules.kept,
    });
  });

  app.get<IdParams>('/console/residents/:id/export.html', perm, async (request, reply) => {
    const r = await residentOr404(request.params.id);
    if (!r) return notFound(request, reply);
    const at = clock.now();
    await audit.record({ staffId: currentSession(request).staff.id, action: 'resident.data.export', subjectType: 'resident', subjectId: r.id, residentId: r.id, detail: { format: 'html' }, ip: request.ip, at });
    return sendPage(request, reply, 'residentExport', '保有している情報（開示）', { resident: head(r, await names()), sections: await deps.data.collect(r.id), printedAt: jaDateTime(at) });
  });

  app.get<IdParams>('/console/residents/:id/export.json', perm, async (request, reply) => {
    const r = await residentOr404(request.params.id);
    if (!r) return notFound(request, reply);
    const at = clock.now();
    await audit.record({ staffId: currentSession(request).staff.id, action: 'resident.data.export', subjectType: 'resident', subjectId: r.id, residentId: r.id, detail: { format: 'json' }, ip: request.ip, at });
    const sections = await deps.data.collect(r.id);
    const body = { resident: { id: r.id, lineUserId: r.lineUserId, erasedAt: r.erasure?.at.toISOString() ?? null }, exportedAt: at.toISOString(), sections: sections.map((s) => ({ feature: s.feature, title: s.title, rows: s.data })) };
    return reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', attachmentHeader(`保有情報_${r.id}.json`, `resident-${r.id}.json`))
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body, null, 2));
  });

  const erasePage = async (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1], r: ResidentSummary, error: string | null, status = 200) =>
    sendPage(request, reply, 'residentErase', '情報の消去', { resident: head(r, await names()), openItems: await deps.data.openItems(r.id), rules: deps.rules, error }, status);

  app.get<IdParams>('/console/residents/:id/erase', perm, async (request, reply) => {
    const r = await residentOr404(request.params.id);
    if (!r) return notFound(request, reply);
    if (r.erasure) return reply.redirect(`/console/residents/${encodeURIComponent(r.id)}`, 303);
    return erasePage(request, reply, r, null);
  });

  app.post<IdParams>('/console/residents/:id/erase', perm, async (request, reply) => {
    const r = await residentOr404(request.params.id);
    if (!r) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (one(body.confirm).trim() !== CONFIRM_WORD) return erasePage(request, reply, r, `確認のため「${CONFIRM_WORD}」と入力してください。`, 400);
    const result = await eraseResidentData(deps.erasure, r.id, staffAct(request, clock.now()));
    if (!result.ok && result.code === 'notFound') return notFound(request, reply);
    return reply.redirect(`/console/residents/${encodeURIComponent(r.id)}?done=erased`, 303);
  });

  app.post<{ Params: { requestId: string } }>('/console/residents/requests/:requestId/done', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const residentId = one(body.residentId);
    if (!ID.test(request.params.requestId) || !ID.test(residentId)) return notFound(request, reply);
    await closeDataRequest(deps.requestWork, { id: request.params.requestId, residentId }, staffAct(request, clock.now()));
    return reply.redirect(`/console/residents/${encodeURIComponent(residentId)}?done=request`, 303);
  });
};
