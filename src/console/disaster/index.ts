/**
 * The disaster volunteer centre (災害ボランティアセンター) as a console module: opening a centre for a named disaster
 * (or a drill) and moving its status, its volunteer pool (with cover for the day and a CSV), its activity dates
 * (capacity, application window, reconfirmation, priorities; the draw and the backfill run as the module's jobs), the
 * reception poster with the day's check-in code, and reception itself (arrivals live, check-in at the desk).
 */
import type { ConsoleModule } from '../console-module';
import { disasterRoutes, type DisasterConsole } from './disaster-routes';
import type { DisasterViews } from './disaster-views';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Open and run a disaster volunteer centre: its status, pool (names, phones, insurance), dates, draw and reception. */
    'disaster.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews extends DisasterViews {}
}

export type { DisasterConsole };

/** The longest form: an activity date with a places field per skill (a profile lists a handful). */
const LONGEST_FORM = 4000;

export const disasterModule: ConsoleModule<DisasterConsole> = {
  id: 'disaster',
  dir: 'src/console/disaster',
  // Run by coordinators (and admins); counsellors keep to consultations.
  permissions: { 'disaster.manage': ['coordinator'] },
  nav: [{ href: '/console/disaster', label: '災害ボランティアセンター', permission: 'disaster.manage' }],
  routes: disasterRoutes,
  longestForm: LONGEST_FORM,
};
