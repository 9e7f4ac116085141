/**
 * Downloads for the council's annual report (事業報告), per fiscal year (April–March): each volunteer's activities
 * and hours (accepted invitations with reported hours, by the request's date), and every donation that came in
 * (受領済み) with its receipt number. CSVs Excel opens directly; every download is audited. A small page offers
 * both with a fiscal-year choice.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { fiscalYearAt } from '../../domain/donation-admin';
import type { ConsoleDeps } from '../console-deps';
import { currentSession } from '../console-guard';
import { attachmentHeader } from '../csv';
import { can } from '../permissions';
import { sendPage } from '../render';
import { allPlanPurposes, donationsCsv, volunteerHoursCsv } from './donation-text';

export interface ReportsView {
  year: number;
  years: Array<{ value: number; label: string }>;
  volunteerHoursHref: string | null;
  donationsHref: string;
}

/** How many past fiscal years the page offers besides the current one. */
const PAST_YEARS = 5;

/** `2026年度(令和8年度)`. */
export function fiscalYearLabel(year: number): string {
  return year >= 2019 ? `${year}年度(令和${year === 2019 ? '元' : year - 2018}年度)` : `${year}年度`;
}

/** The fiscal year asked for (`?year=2026`): the current one when none is given; null when it is not a year. */
export function fiscalYearQuery(query: unknown, current: number): number | null {
  const raw = (query as Record<string, unknown>).year;
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') return current;
  if (typeof v !== 'string' || !/^\d{4}$/.test(v.trim())) return null;
  const y = Number(v.trim());
  return y >= 2000 && y <= 2100 ? y : null;
}

/** The page for a year that is not one (400), with a way back to `back`. */
export function badYear(request: FastifyRequest, reply: FastifyReply, back = '/console/reports', backLabel = '年次報告のページに戻る') {
  return sendPage(request, reply, 'error', '年度が正しくありません', { heading: '年度が正しくありません', message: '年度は「2026」のように西暦の4けたで選んでください。', action: { href: back, label: backLabel } }, 400);
}

export const reportRoutes: FastifyPluginAsync<ConsoleDeps> = async (app, deps) => {
  const dc = deps.donationConsole;
  const names = { purposes: allPlanPurposes(dc.plans), foodCategories: dc.foodCategories };


  const send = (reply: FastifyReply, body: string, fileName: string, ascii: string) =>
    reply.code(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentHeader(fileName, ascii)).header('cache-control', 'no-store').send(body);

  app.get('/console/reports', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const current = fiscalYearAt(deps.clock.now());
    const year = fiscalYearQuery(request.query, current);
    if (year === null) return badYear(request, reply);
    const { staff } = currentSession(request);
    const first = Math.min(current - PAST_YEARS, year);
    const years = Array.from({ length: Math.max(current, year) - first + 1 }, (_, i) => Math.max(current, year) - i).map((value) => ({ value, label: fiscalYearLabel(value) }));
    const view: ReportsView = {
      year,
      years,
      volunteerHoursHref: can(staff.role, 'volunteer.manage') ? `/console/reports/volunteer-hours.csv?year=${year}` : null,
      donationsHref: `/console/reports/donations.csv?year=${year}`,
    };
    return sendPage(request, reply, 'reports', '年次報告', view);
  });

  app.get('/console/reports/volunteer-hours.csv', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const now = deps.clock.now();
    const year = fiscalYearQuery(request.query, fiscalYearAt(now));
    if (year === null) return badYear(request, reply);
    const rows = await dc.volunteerHours.volunteerHours(year);
    const { staff } = currentSession(request);
    await deps.audit.record({ staffId: staff.id, action: 'report.volunteerHours.export', subjectType: 'report', detail: { fiscalYear: year, rows: rows.length }, ip: request.ip, at: now });
    return send(reply, volunteerHoursCsv(rows), `ボランティア活動時間_${year}年度.csv`, `volunteer-hours-${year}.csv`);
  });

  app.get('/console/reports/donations.csv', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const now = deps.clock.now();
    const year = fiscalYearQuery(request.query, fiscalYearAt(now));
    if (year === null) return badYear(request, reply);
    const offers = await dc.admin.receivedIn(year);
    const { staff } = currentSession(request);
    await deps.audit.record({ staffId: staff.id, action: 'report.donations.export', subjectType: 'report', detail: { fiscalYear: year, rows: offers.length }, ip: request.ip, at: now });
    return send(reply, donationsCsv(offers, names), `寄付・寄贈の受領一覧_${year}年度.csv`, `donations-${year}.csv`);
  });
};
