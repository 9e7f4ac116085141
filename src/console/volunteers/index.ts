/**
 * Registered volunteers (ボランティア) as a console module: the list with insurance warnings, each volunteer's
 * page with this year's activities, and the CSV downloads (the list, and the annual report's volunteer hours).
 */
import type { ConsoleModule } from '../console-module';
import { volunteerRoutes, type VolunteerConsole, type VolunteerDetailView, type VolunteerListView } from './volunteer-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** See registered volunteers (names, phone numbers, insurance), export the list, and handle requests for volunteers' help. */
    'volunteer.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    volunteers: VolunteerListView;
    volunteer: VolunteerDetailView;
  }
}

export type { VolunteerConsole };

export const volunteersModule: ConsoleModule<VolunteerConsole> = {
  id: 'volunteers',
  dir: 'src/console/volunteers',
  permissions: { 'volunteer.manage': ['coordinator'] },
  nav: [{ href: '/console/volunteers', label: 'ボランティア', permission: 'volunteer.manage' }],
  routes: volunteerRoutes,
};
