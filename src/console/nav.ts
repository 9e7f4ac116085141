/** The console's main navigation, assembled from the entries the console modules declare. */
import type { StaffRole } from '../domain/staff';
import type { PermissionTable, RoutePermission } from './permissions';

/** One link of the navigation, shown to those holding `permission`. */
export interface NavEntry {
  href: string;
  label: string;
  permission: Exclude<RoutePermission, 'public'>;
  /** An administration page (the audit log): these come after the pages of the daily work. */
  administration?: boolean;
}

/** The navigation: the modules' entries in their order, administration pages last. */
export function navigation(entries: readonly NavEntry[]): NavEntry[] {
  return [...entries.filter((e) => !e.administration), ...entries.filter((e) => e.administration)];
}

/** The entries a member with `role` may open, in order. */
export function navFor(nav: readonly NavEntry[], access: PermissionTable, role: StaffRole): NavEntry[] {
  return nav.filter((item) => item.permission === 'signedIn' || access.can(role, item.permission));
}
