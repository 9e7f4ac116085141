/**
 * Salons (サロン) as a console module: each salon's schedule with the changes staff make to single dates (a
 * session called off, an extra one, a note for a day).
 */
import type { ConsoleModule } from '../console-module';
import { salonRoutes, type SalonConsole, type SalonDetailView, type SalonListView } from './salon-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Call off a salon's session, add an extra one, or put a note on a day (the usual schedule is in the council profile). */
    'salon.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    salons: SalonListView;
    salon: SalonDetailView;
  }
}

export type { SalonConsole };

export const salonsModule: ConsoleModule<SalonConsole> = {
  id: 'salons',
  dir: 'src/console/salons',
  permissions: { 'salon.manage': ['coordinator'] },
  nav: [{ href: '/console/salons', label: 'サロン', permission: 'salon.manage' }],
  routes: salonRoutes,
};
