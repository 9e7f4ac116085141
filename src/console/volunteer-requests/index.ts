/**
 * Requests for volunteers' help (ボランティア依頼) as a console module: the requests, the volunteers ranked for
 * one, inviting them, and the status changes the requester is told about.
 */
import type { ConsoleModule } from '../console-module';
import { volunteerRequestRoutes, type VolunteerRequestConsole, type VolunteerRequestDetailView, type VolunteerRequestListView } from './volunteer-request-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    'volunteer.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    volunteerRequests: VolunteerRequestListView;
    volunteerRequest: VolunteerRequestDetailView;
  }
}

export type { VolunteerRequestConsole };

export const volunteerRequestsModule: ConsoleModule<VolunteerRequestConsole> = {
  id: 'volunteer-requests',
  dir: 'src/console/volunteer-requests',
  // The same permission as the volunteer register's: whoever sees the volunteers matches them to requests.
  permissions: { 'volunteer.manage': ['coordinator'] },
  nav: [{ href: '/console/volunteer-requests', label: 'ボランティア依頼', permission: 'volunteer.manage' }],
  routes: volunteerRequestRoutes,
};
