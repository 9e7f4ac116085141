/**
 * The disaster volunteer centre (災害ボランティアセンター) as a console module: opening a centre for a named disaster
 * (or a drill) and moving its status, its volunteer pool (with cover for the day and a CSV), its activity dates
 * (capacity, application window, reconfirmation, priorities; the draw and the backfill run as the module's jobs), the
 * reception poster with the day's check-in code, and reception itself (arrivals live, check-in at the desk); and
 * its needs (ニーズ): intake in the console with duplicates caught before saving, the triage board, a need's page
 * and the needs CSV; and the needs of a fiscal year for the annual report (年次報告), drills apart; urgent alerts from
 * the field (緊急アラート) and a team's report entered from paper.
 */
import type { ConsoleModule, ConsoleRoutes } from '../console-module';
import { disasterRoutes, type DisasterConsole as DisasterPages } from './disaster-routes';
import type { DisasterViews } from './disaster-views';
import { needActionRoutes } from './needs-action-routes';
import { needIntakeRoutes } from './needs-intake-routes';
import type { NeedsConsole } from './needs-paths';
import { needsReportRoutes } from './needs-report-routes';
import type { DisasterReportsView } from './needs-report-views';
import { needsRoutes } from './needs-routes';
import type { NeedsViews } from './needs-view-types';
import { NEEDS_FORM_MAX_CHARS } from './needs-forms';
import { safetyRoutes, type SafetyConsole } from './safety-routes';
import type { SafetyViews } from './safety-views';
import { teamsRoutes, type TeamsConsole } from './teams-routes';
import type { TeamsViews } from './teams-views';
import { fieldRoutes, type FieldConsole } from './field-routes';
import type { FieldViews } from './field-views';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Open and run a disaster volunteer centre: its status, pool (names, phones, insurance), dates, draw and reception. */
    'disaster.manage': true;
    /** Take a need (ニーズ) by phone, at the counter, on a visit or from a 民生委員, into the running centre. */
    'disaster.needs.intake': true;
    /** The needs' triage board, a need's page (reports, addresses, phones), its status and flags, the needs CSV and the annual report's needs files. */
    'disaster.needs.triage': true;
  }
}

declare module '../render' {
  interface ConsoleViews extends DisasterViews, NeedsViews, SafetyViews, TeamsViews, FieldViews {
    disasterReports: DisasterReportsView;
  }
}

/** What the module's pages need: the centre's pages' own, the needs pages', the safety pages', the teams pages' and the field's. */
export type DisasterConsole = DisasterPages & { needs: NeedsConsole; safety: SafetyConsole; teams: TeamsConsole; field: FieldConsole };

/** The longest form: an activity date with a places field per skill (a profile lists a handful), or a need's intake. */
const LONGEST_FORM = Math.max(4000, NEEDS_FORM_MAX_CHARS);

const routes: ConsoleRoutes<DisasterConsole> = async (app, opts) => {
  await disasterRoutes(app, opts);
  const needs = { ...opts, deps: opts.deps.needs };
  await needsRoutes(app, needs);
  await needIntakeRoutes(app, needs);
  await needActionRoutes(app, needs);
  await needsReportRoutes(app, needs);
  await safetyRoutes(app, { ...opts, deps: opts.deps.safety });
  await teamsRoutes(app, { ...opts, deps: opts.deps.teams });
  await fieldRoutes(app, { ...opts, deps: opts.deps.field });
};

export const disasterModule: ConsoleModule<DisasterConsole> = {
  id: 'disaster',
  dir: 'src/console/disaster',
  // Run by coordinators (and admins); counsellors keep to consultations, but take a need when a caller asks for help.
  permissions: { 'disaster.manage': ['coordinator'], 'disaster.needs.intake': ['coordinator', 'counsellor'], 'disaster.needs.triage': ['coordinator'] },
  nav: [
    { href: '/console/disaster', label: '災害ボランティアセンター', permission: 'disaster.manage' },
    { href: '/console/disaster/needs', label: 'ニーズの受付', permission: 'disaster.needs.intake' },
    { href: '/console/disaster/alerts', label: '緊急アラート', permission: 'disaster.needs.triage' },
  ],
  routes,
  longestForm: LONGEST_FORM,
};
