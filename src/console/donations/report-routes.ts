/**
 * The council's annual report (事業報告) page, per fiscal year (April–March): every donation that came in (受領済み)
 * with its receipt number as a CSV Excel opens directly (every download is audited), and a link to the volunteer
 * pages' file of each volunteer's activities and hours for those allowed it. A fiscal-year choice picks the year.
 */
import { fiscalYearAt } from '../../domain/donation-admin';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, mayOpen } from '../console-guard';
import { sendCsv } from '../shared/csv';
import { sendPage } from '../render';
import { badYear, fiscalYearLabel, fiscalYearQuery } from '../shared/fiscal-year';
import type { DonationConsole } from './donation-routes';
import { allPlanPurposes, donationsCsv } from './donation-text';

export interface ReportsView {
  year: number;
  years: Array<{ value: number; label: string }>;
  volunteerHoursHref: string | null;
  donationsHref: string;
}

/** How many past fiscal years the page offers besides the current one. */
const PAST_YEARS = 5;

export const reportRoutes: ConsoleRoutes<DonationConsole> = async (app, { deps: dc, clock, audit }) => {
  // Read at each request: the plans and food categories follow the council's settings.
  const names = () => ({ purposes: allPlanPurposes(dc.plans), foodCategories: dc.foodCategories });

  app.get('/console/reports', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const current = fiscalYearAt(clock.now());
    const year = fiscalYearQuery(request.query, current);
    if (year === null) return badYear(request, reply);
    const first = Math.min(current - PAST_YEARS, year);
    const years = Array.from({ length: Math.max(current, year) - first + 1 }, (_, i) => Math.max(current, year) - i).map((value) => ({ value, label: fiscalYearLabel(value) }));
    const view: ReportsView = {
      year,
      years,
      // The volunteers' file is the volunteer pages' download: linked when they are there for this member.
      volunteerHoursHref: mayOpen(request, '/console/reports/volunteer-hours.csv') ? `/console/reports/volunteer-hours.csv?year=${year}` : null,
      donationsHref: `/console/reports/donations.csv?year=${year}`,
    };
    return sendPage(request, reply, 'reports', '年次報告', view);
  });

  app.get('/console/reports/donations.csv', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const now = clock.now();
    const year = fiscalYearQuery(request.query, fiscalYearAt(now));
    if (year === null) return badYear(request, reply);
    const offers = await dc.admin.receivedIn(year);
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'report.donations.export', subjectType: 'report', detail: { fiscalYear: year, rows: offers.length }, ip: request.ip, at: now });
    return sendCsv(reply, donationsCsv(offers, names()), `寄付・寄贈の受領一覧_${year}年度.csv`, `donations-${year}.csv`);
  });
};
