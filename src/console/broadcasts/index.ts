/**
 * Broadcasts (お知らせ配信) as a console module: composing, confirming against the monthly push budget,
 * scheduling and cancelling sends to residents.
 */
import type { ConsoleModule } from '../console-module';
import { BROADCAST_FORM_MAX_CHARS } from './broadcast-form';
import { broadcastRoutes, type BroadcastConfirmView, type BroadcastConsole, type BroadcastFormView, type BroadcastListView } from './broadcast-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Compose, schedule and cancel broadcasts (announcements, newsletters). */
    'broadcast.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    broadcasts: BroadcastListView;
    broadcastNew: BroadcastFormView;
    broadcastConfirm: BroadcastConfirmView;
  }
}

export type { BroadcastConsole };

export const broadcastsModule: ConsoleModule<BroadcastConsole> = {
  id: 'broadcasts',
  dir: 'src/console/broadcasts',
  // Broadcasts cost money and reach everyone: not for counsellors.
  permissions: { 'broadcast.manage': ['coordinator'] },
  nav: [{ href: '/console/broadcasts', label: 'お知らせ配信', permission: 'broadcast.manage' }],
  routes: broadcastRoutes,
  longestForm: BROADCAST_FORM_MAX_CHARS,
};
