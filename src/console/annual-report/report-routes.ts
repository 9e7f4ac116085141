/**
 * `GET /console/report?fy=2025`: the annual report (事業報告) of a fiscal year — every contributed section's tables,
 * with charts drawn from them — and `GET /console/report.csv?fy=2025`, the same figures as one Excel-safe CSV
 * (section, breakdown, key, value), its download audited. The "<5" rule applies on both. Counts only: viewing the
 * page shows no personal data and writes no audit row.
 */
import type { FastifyRequest } from 'fastify';
import { fiscalYearBounds, fiscalYearOfInstant, reportCsvRows, shownValue, totalRow, type AnnualReportSection, type AnnualReportSectionSource } from '../../domain/annual-report-sections';
import { currentSession } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { csvFile, sendCsv } from '../shared/csv';
import { badYear, fiscalYearLabel, fiscalYearQuery } from '../shared/fiscal-year';

/** What the report needs: the sections' sources, in the report's order (the core's first, then each module's). */
export interface AnnualReportConsole {
  sources: readonly AnnualReportSectionSource[];
}

/** A table as the page shows it: every cell already written as shown ("<5", totals exact). */
export interface ShownTable {
  id: string;
  title: string;
  keyLabel: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[]; total: boolean }>;
  note: string | null;
}

export interface AnnualReportView {
  year: number;
  yearLabel: string;
  years: Array<{ value: number; label: string }>;
  csvHref: string;
  sections: Array<Omit<AnnualReportSection, 'tables'> & { tables: ShownTable[] }>;
}

/** How many past fiscal years the select offers besides the current one. */
const PAST_YEARS = 5;

/** `?fy=2025` (the brief's name) read as the shared `?year=` parser reads it. */
function yearAsked(request: FastifyRequest, current: number): number | null {
  const q = request.query as Record<string, unknown>;
  return fiscalYearQuery({ year: q.fy }, current);
}

/** Every section of the year, from every source in order. */
export async function reportSections(sources: readonly AnnualReportSectionSource[], fiscalYear: number): Promise<AnnualReportSection[]> {
  const b = fiscalYearBounds(fiscalYear);
  return (await Promise.all(sources.map((s) => s.sections(b)))).flat();
}

function shown(s: AnnualReportSection): AnnualReportView['sections'][number] {
  return {
    ...s,
    tables: s.tables.map((t) => ({
      id: t.id,
      title: t.title,
      keyLabel: t.keyLabel,
      columns: t.columns.map((c) => c.label),
      rows: [
        ...t.rows.map((r) => ({ label: r.label, cells: r.values.map((v) => shownValue(t, v, false)), total: false })),
        ...(t.total ? [{ label: '合計', cells: totalRow(t).values.map((v) => shownValue(t, v, true)), total: true }] : []),
      ],
      note: t.note ?? null,
    })),
  };
}

export const reportRoutes: ConsoleRoutes<AnnualReportConsole> = async (app, { deps, clock, audit }) => {
  app.get('/console/report', { config: { permission: 'report.view' } }, async (request, reply) => {
    const current = fiscalYearOfInstant(clock.now());
    const year = yearAsked(request, current);
    if (year === null) return badYear(request, reply, '/console/report', '事業報告に戻る');
    const last = Math.max(current, year);
    const first = Math.min(current - PAST_YEARS, year);
    const view: AnnualReportView = {
      year,
      yearLabel: fiscalYearLabel(year),
      years: Array.from({ length: last - first + 1 }, (_, i) => last - i).map((value) => ({ value, label: fiscalYearLabel(value) })),
      csvHref: `/console/report.csv?fy=${year}`,
      sections: (await reportSections(deps.sources, year)).map(shown),
    };
    return sendPage(request, reply, 'annualReport', '事業報告', view);
  });

  app.get('/console/report.csv', { config: { permission: 'report.view' } }, async (request, reply) => {
    const now = clock.now();
    const year = yearAsked(request, fiscalYearOfInstant(now));
    if (year === null) return badYear(request, reply, '/console/report', '事業報告に戻る');
    const rows = reportCsvRows(await reportSections(deps.sources, year));
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'report.annual.export', subjectType: 'report', detail: { fiscalYear: year, rows: rows.length }, ip: request.ip, at: now });
    return sendCsv(reply, csvFile(['区分', '内訳', '項目', '値'], rows), `事業報告_${year}年度.csv`, `annual-report-${year}.csv`);
  });
};
