/**
 * What each staff role may do in the console. A closed list: a route declares one of these (or `signedIn` /
 * `public`) in `config.permission`, and `console-guard.ts` enforces it. Add a permission here, give it to
 * roles below, and the route-walking test checks every route that uses it.
 */
import type { StaffRole } from '../domain/staff';

export const PERMISSIONS = [
  'inbox.view',
  'conversation.view',
  'conversation.reply',
  /** Take an unassigned thread for oneself. */
  'conversation.claim',
  /** Assign a thread to someone else (or take it from them). */
  'conversation.assign',
  'consultation.update',
  'notes.write',
  'survey.view',
  'measures.view',
  'audit.view',
  /** Compose, schedule and cancel broadcasts (announcements, newsletters). */
  'broadcast.manage',
  /** Create, change and call off council events; see and export their registrants (names, phone numbers). */
  'event.manage',
  /** Call off a salon's session, add an extra one, or put a note on a day (the usual schedule is in the council profile). */
  'salon.manage',
  /** See registered volunteers (names, phone numbers, insurance) and export the list. */
  'volunteer.manage',
  /**
   * Donation offers (donors' names, phone numbers, addresses): accept, decline and record what came in with its
   * receipt number; the allocation plan's allocations, the wanted-items list and the annual-report downloads.
   */
  'donation.manage',
  'staff.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a console route requires: a permission, `signedIn` (any active staff member: the landing page,
 * logout) or `public` (the login page and static assets — nothing else).
 */
export type RoutePermission = Permission | 'signedIn' | 'public';

const ALL: readonly Permission[] = PERMISSIONS;

/** The role → permissions table. Everything not listed is refused. */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, ReadonlySet<Permission>>> = {
  admin: new Set(ALL),
  coordinator: new Set(ALL.filter((p) => p !== 'audit.view' && p !== 'staff.manage')),
  // Counsellors work conversations; broadcasts cost money and reach everyone, and events (with their registrant
  // lists), salon schedules, the volunteer register and donations are run by coordinators, so they are not theirs.
  counsellor: new Set<Permission>([
    'inbox.view',
    'conversation.view',
    'conversation.reply',
    'conversation.claim',
    'notes.write',
    'consultation.update',
    'survey.view',
    'measures.view',
  ]),
};

/** True when `role` holds `permission`. */
export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** True when `value` is a valid `config.permission` for a console route. */
export function isRoutePermission(value: unknown): value is RoutePermission {
  return value === 'public' || value === 'signedIn' || (typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value));
}

/** Japanese labels for roles, shown in the header and staff lists. */
export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: '管理者',
  coordinator: 'コーディネーター',
  counsellor: '相談員',
};
