/**
 * The annual report (事業報告) as a console module: `/console/report` and its CSV for admins and coordinators.
 * Sections come from {@link AnnualReportSectionSource}s the composition gives it (the core's and each feature
 * module's, e.g. complaints), so the page names no feature. Serves chart.js from the service (no CDN).
 */
import type { ConsoleModule } from '../console-module';
import { reportRoutes, type AnnualReportConsole, type AnnualReportView } from './report-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** See the annual report and download its CSV. */
    'report.view': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    annualReport: AnnualReportView;
  }
}

export type { AnnualReportConsole };
export { coreReportSections, type ReportNames } from './core-sections';

export const annualReportModule: ConsoleModule<AnnualReportConsole> = {
  id: 'annual-report',
  dir: 'src/console/annual-report',
  routes: reportRoutes,
  assets: { 'chart.umd.min.js': 'node_modules/chart.js/dist/chart.umd.min.js' },
  permissions: { 'report.view': ['coordinator'] },
  nav: [{ href: '/console/report', label: '事業報告', permission: 'report.view' }],
};
