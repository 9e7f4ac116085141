/**
 * What each staff role may do in the console. A closed list, assembled from the console modules: each module
 * declares the permissions its routes use by declaration merging, as Fastify plugins declare their decorators —
 *
 *     declare module '../permissions' { interface ConsolePermissions { 'donation.manage': true } }
 *
 * — and says in `ConsoleModule.permissions` which roles hold them. A route declares one of them (or `signedIn` /
 * `public`) in `config.permission`; `console-guard.ts` enforces it, and refuses at start-up a permission no
 * module gave. The route-walking test checks every route that uses one.
 */
import { STAFF_ROLES, type StaffRole } from '../domain/staff';

/** Every permission a console route may require; console modules add theirs to this interface. */
export interface ConsolePermissions {
  /** Create and change staff accounts (the shell's own; the staff accounts pages, `src/console/staff/`, use it). */
  'staff.manage': true;
}

export type Permission = keyof ConsolePermissions;

/**
 * What a console route requires: a permission, `signedIn` (any active staff member: the landing page,
 * logout) or `public` (the login page and static assets — nothing else).
 */
export type RoutePermission = Permission | 'signedIn' | 'public';

/** The roles, besides admin, that hold each of a module's permissions. Admins hold every permission. */
export type PermissionGrants = { readonly [P in Permission]?: ReadonlyArray<Exclude<StaffRole, 'admin'>> };

/** The shell's own permissions (listed after the modules'). */
export const SHELL_PERMISSIONS: PermissionGrants = { 'staff.manage': [] };

/** The role → permissions table of one console, from its modules' grants. Everything not listed is refused. */
export class PermissionTable {
  /** Every permission, in the order the grants list them. */
  readonly permissions: readonly Permission[];
  readonly roles: Readonly<Record<StaffRole, ReadonlySet<Permission>>>;

  /** Throws when two grants give one permission to different roles (two modules disagreeing on who may do it). */
  constructor(grants: readonly PermissionGrants[]) {
    const holders = new Map<Permission, ReadonlySet<StaffRole>>();
    for (const grant of grants) {
      for (const [permission, roles] of Object.entries(grant) as Array<[Permission, readonly StaffRole[]]>) {
        const set = new Set<StaffRole>(['admin', ...roles]);
        const before = holders.get(permission);
        if (before && (before.size !== set.size || [...set].some((r) => !before.has(r)))) {
          throw new Error(`Console permission ${permission} is given to different roles by two modules`);
        }
        holders.set(permission, set);
      }
    }
    this.permissions = [...holders.keys()];
    const roles = {} as Record<StaffRole, ReadonlySet<Permission>>;
    for (const role of STAFF_ROLES) roles[role] = new Set(this.permissions.filter((p) => holders.get(p)?.has(role)));
    this.roles = roles;
  }

  /** True when `role` holds `permission`. */
  can(role: StaffRole, permission: Permission): boolean {
    return this.roles[role].has(permission);
  }

  /** True when `value` is a valid `config.permission` for a console route of this console. */
  isRoutePermission(value: unknown): value is RoutePermission {
    return value === 'public' || value === 'signedIn' || (typeof value === 'string' && (this.permissions as readonly string[]).includes(value));
  }
}

/** Japanese labels for roles, shown in the header and staff lists. */
export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: '管理者',
  coordinator: 'コーディネーター',
  counsellor: '相談員',
};
