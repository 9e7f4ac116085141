/** Staff accounts (職員アカウント) as a console module: admins create accounts and change, disable and sign them out. */
import { STAFF_PASSWORD_MAX } from '../../domain/staff';
import type { ConsoleModule } from '../console-module';
import { staffRoutes, type NewStaffView, type StaffAccountView, type StaffConsole, type StaffListView } from './staff-routes';

declare module '../render' {
  interface ConsoleViews {
    staffAccounts: StaffListView;
    staffNew: NewStaffView;
    staffAccount: StaffAccountView;
  }
}

export type { StaffConsole };

/** Uses the shell's `staff.manage` permission (admins only). */
export const staffModule: ConsoleModule<StaffConsole> = {
  id: 'staff',
  dir: 'src/console/staff',
  routes: staffRoutes,
  nav: [{ href: '/console/staff', label: '職員アカウント', permission: 'staff.manage', administration: true }],
  // The new-account form: two passwords at their longest, with the other fields.
  longestForm: 2 * STAFF_PASSWORD_MAX + 500,
};
