/**
 * The needs (ニーズ) pages of a disaster centre: the triage board (by status, filtered by the query string in the
 * database, each status cut to a limit; the header's counts over the whole centre), its CSV (every need the filter
 * matches) and a need's page. Every opening of the board, of a need and every download is audited
 * (the pages show names, addresses and phones). A drill's pages are labelled 訓練 and its CSV is named apart.
 */
import type { FastifyRequest } from 'fastify';
import { jstDate } from '../../domain/japan-time';
import type { ConsoleRoutes } from '../console-module';
import { currentSession } from '../console-guard';
import { sendPage } from '../render';
import { sendCsv } from '../shared/csv';
import { listHref, parsePageNumber, readPage } from '../shared/paging';
import { centreTitle } from './disaster-views';
import { auditRow, crisisView, eventRow, locationView, needFacts, reportRow, screeningRows, TRIAGE_CHOICES } from './need-page-views';
import { needHref, needsHref, needsNotFound, type NeedsConsole } from './needs-paths';
import { boardFilter, boardGroups, columnLimit, needFilter, needFilterQuery, needMoves, needsCsv, needsCsvName, NEED_STATUS_LABELS, statusClass, statusCounts, WORK_LABELS, FLAG_LABELS } from './needs-views';
import { isOpenNeed, NEED_FLAGS, NEED_STATUSES, staleBefore, WORK_KINDS } from '../../domain/disaster/needs';

/** How many of a need's audit rows (操作の記録) its page shows at a time. */
const NEED_HISTORY_PAGE = 50;

/** The board, its CSV and a need's page (coordinators: `disaster.needs.triage`). */
export const needsRoutes: ConsoleRoutes<NeedsConsole> = async (app, { deps: nd, clock, audit, staff }) => {
  const settings = nd.useCases.settings;
  const viewAudit = (request: FastifyRequest, action: 'disaster.needs.view' | 'disaster.needs.export' | 'disaster.need.view', subjectType: string, subjectId: string, detail: Record<string, unknown>) =>
    audit.record({ staffId: currentSession(request).staff.id, action, subjectType, subjectId, detail, ip: request.ip, at: clock.now() });

  type BoardRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;
  /** The centre, the filter from the query string and its form for the repository; null when no such centre. */
  const parseBoard = async (request: BoardRequest) => {
    const c = await nd.read.centre(request.params.id);
    if (!c) return null;
    const now = clock.now();
    const filter = needFilter(request.query, nd.districts);
    return { c, now, filter, query: boardFilter(filter, staleBefore(now, settings.staleHours)) };
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/console/disaster/centres/:id/needs', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = await parseBoard(request);
    if (!b) return needsNotFound(request, reply);
    const { c, now, filter, query } = b;
    const limit = columnLimit(filter);
    const [columns, counts] = await Promise.all([nd.read.board(c.id, query, limit), nd.read.boardCounts(c.id, query.staleBefore)]);
    const matched = columns.reduce((sum, col) => sum + col.total, 0);
    const shown = columns.reduce((sum, col) => sum + col.needs.length, 0);
    await viewAudit(request, 'disaster.needs.view', 'disasterCentre', c.id, { shown, matched, drill: c.drill });
    return sendPage(request, reply, 'disasterNeeds', `ニーズ:${centreTitle(c)}`, {
      id: c.id,
      heading: centreTitle(c),
      drill: c.drill,
      total: counts.total,
      matched,
      shown,
      filtered: needFilterQuery(filter) !== '',
      byStatus: statusCounts(counts),
      stale: counts.stale,
      staleHours: settings.staleHours,
      crisis: counts.crisis,
      suspects: counts.suspects,
      filter,
      districts: nd.districts,
      statuses: NEED_STATUSES.map((s) => ({ code: s, label: NEED_STATUS_LABELS[s] })),
      works: WORK_KINDS.map((w) => ({ code: w, label: WORK_LABELS[w] })),
      flags: [...NEED_FLAGS.map((f) => ({ code: f, label: FLAG_LABELS[f] })), { code: 'suspect', label: '重複の疑い(未確認)' }, { code: 'stale', label: `調整中のまま${settings.staleHours}時間超` }],
      limit,
      groups: boardGroups(columns, { filter, boardHref: needsHref(c.id), now, staleHours: settings.staleHours, districts: nd.districts, href: needHref }),
      csvHref: `${needsHref(c.id)}.csv${needFilterQuery(filter)}`,
      newHref: `${needsHref(c.id)}/new`,
      backHref: `/console/disaster/centres/${encodeURIComponent(c.id)}`,
    });
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/console/disaster/centres/:id/needs.csv', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const b = await parseBoard(request);
    if (!b) return needsNotFound(request, reply);
    const rows = await nd.read.matchingNeeds(b.c.id, b.query);
    await viewAudit(request, 'disaster.needs.export', 'disasterCentre', b.c.id, { rows: rows.length, drill: b.c.drill });
    return sendCsv(reply, needsCsv(rows, nd.districts, b.c.drill), needsCsvName(b.c, jstDate(b.now)), b.c.drill ? 'drill-needs.csv' : 'needs.csv');
  });

  app.get<{ Params: { needId: string }; Querystring: { done?: string; page?: string } }>('/console/disaster/needs/:needId', { config: { permission: 'disaster.needs.triage' } }, async (request, reply) => {
    const n = await nd.read.need(request.params.needId);
    if (!n) return needsNotFound(request, reply);
    const c = await nd.read.centre(n.centreId);
    if (!c) return needsNotFound(request, reply);
    await viewAudit(request, 'disaster.need.view', 'need', n.id, { drill: c.drill });
    const names = new Map((await staff.list()).map((m) => [m.id, m.displayName]));
    const name = (id: string) => names.get(id) ?? '(退職した職員)';
    const lineReporters = [...new Set(n.reportList.flatMap((r) => (r.residentId ? [r.residentId] : [])))];
    const threads = await nd.read.latestThreads(lineReporters);
    const history = await readPage(parsePageNumber(request.query), NEED_HISTORY_PAGE, (page) => nd.read.auditRows(n.id, page), (p) => `${listHref(needHref(n.id), {}, p)}#audit-heading`);
    return sendPage(request, reply, 'disasterNeed', `${n.referenceNo}:${centreTitle(c)}`, {
      id: n.id,
      referenceNo: n.referenceNo,
      heading: centreTitle(c),
      drill: c.drill,
      done: request.query.done === 'linked' ? '報告をまとめました。' : request.query.done ? '保存しました。' : null,
      merged: n.mergedIntoId ? needHref(n.mergedIntoId) : null,
      status: n.status,
      statusLabel: NEED_STATUS_LABELS[n.status],
      statusClass: statusClass(n.status),
      crisis: n.flags.includes('crisis') ? crisisView(n, lineReporters, threads) : null,
      facts: needFacts(n, nd.districts),
      screening: screeningRows(n.screening, settings.screening),
      location: locationView(n),
      reports: n.reportList.map((r) => reportRow(r, name, threads)),
      events: n.events.map((e) => eventRow(e, name)).reverse(),
      audit: history.rows.map((r) => auditRow(r, name)),
      auditPager: history.pager,
      moves: n.mergedIntoId ? [] : needMoves(n.status),
      priority: n.priority,
      flags: n.flags,
      surveyDecision: n.surveyDecision ?? '',
      choices: TRIAGE_CHOICES,
      boardHref: needsHref(c.id),
      teamHref: !n.mergedIntoId && isOpenNeed(n.status) ? `${needHref(n.id)}/team` : null,
    });
  });
};
