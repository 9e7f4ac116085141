/**
 * The disaster module's annual report page (年次報告(災害ボランティアセンター)): per fiscal year (April–March, Japan
 * time), every need of every real centre received in that year and the year's totals, as CSVs Excel opens directly;
 * drills' files apart, labelled 訓練. The files hold statistics, not people (see needs-report-views.ts). Every
 * download is audited. The council's 年次報告 page belongs to another module and does not link here.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fiscalYearAt, fiscalYearInstants } from '../../domain/donation-admin';
import { needsYearTotals } from '../../domain/disaster/needs-report';
import type { ConsoleRoutes } from '../console-module';
import { currentSession } from '../console-guard';
import { sendPage } from '../render';
import { sendCsv } from '../shared/csv';
import { badYear, fiscalYearLabel, fiscalYearQuery } from '../shared/fiscal-year';
import { DRILL_LABEL } from './disaster-views';
import type { NeedsConsole } from './needs-paths';
import { needsTotalsCsv, needsYearCsv, needsYearCsvName, totalsLines } from './needs-report-views';

export const DISASTER_REPORTS_HREF = '/console/disaster/reports';

/** How many past fiscal years the page offers besides the current one. */
const PAST_YEARS = 5;

const PERMISSION = { config: { permission: 'disaster.needs.triage' as const } };

export const needsReportRoutes: ConsoleRoutes<NeedsConsole> = async (app, { deps: nd, clock, audit }) => {
  const bad = (request: FastifyRequest, reply: FastifyReply) => badYear(request, reply, DISASTER_REPORTS_HREF, '年次報告(災害ボランティアセンター)に戻る');
  const needsOf = (year: number, drill: boolean) => {
    const { from, until } = fiscalYearInstants(year);
    return nd.year.needsCreatedBetween(from, until, drill);
  };

  app.get(DISASTER_REPORTS_HREF, PERMISSION, async (request, reply) => {
    const current = fiscalYearAt(clock.now());
    const year = fiscalYearQuery(request.query, current);
    if (year === null) return bad(request, reply);
    const last = Math.max(current, year);
    const first = Math.min(current - PAST_YEARS, year);
    const years = Array.from({ length: last - first + 1 }, (_, i) => last - i).map((value) => ({ value, label: fiscalYearLabel(value) }));
    // The page shows counts only (no need is listed), so opening it is not audited; the downloads are.
    const groups = await Promise.all(
      [false, true].map(async (drill) => {
        const totals = needsYearTotals(await needsOf(year, drill));
        const file = drill ? 'drill-needs' : 'needs';
        return {
          drill,
          heading: drill ? DRILL_LABEL : '実際の災害',
          households: totals.households,
          lines: totalsLines(totals),
          needsHref: `${DISASTER_REPORTS_HREF}/${file}.csv?year=${year}`,
          totalsHref: `${DISASTER_REPORTS_HREF}/${file}-totals.csv?year=${year}`,
        };
      }),
    );
    return sendPage(request, reply, 'disasterReports', '年次報告(災害ボランティアセンター)', { year, yearLabel: fiscalYearLabel(year), years, groups, backHref: '/console/disaster' });
  });

  for (const drill of [false, true]) {
    const file = drill ? 'drill-needs' : 'needs';
    for (const totals of [false, true]) {
      app.get(`${DISASTER_REPORTS_HREF}/${file}${totals ? '-totals' : ''}.csv`, PERMISSION, async (request, reply) => {
        const now = clock.now();
        const year = fiscalYearQuery(request.query, fiscalYearAt(now));
        if (year === null) return bad(request, reply);
        const rows = await needsOf(year, drill);
        await audit.record({ staffId: currentSession(request).staff.id, action: 'disaster.needs.report', subjectType: 'report', detail: { fiscalYear: year, drill, file: totals ? 'totals' : 'needs', rows: rows.length }, ip: request.ip, at: now });
        const body = totals ? needsTotalsCsv(needsYearTotals(rows), year, drill) : needsYearCsv(rows, nd.districts, drill);
        return sendCsv(reply, body, needsYearCsvName(year, drill, totals), `${file}${totals ? '-totals' : ''}-${year}.csv`);
      });
    }
  }
};
