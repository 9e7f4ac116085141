/**
 * Staff of the council who use the web console, their sessions and the audit trail: value types, the
 * session-lifetime rule and the ports the console reaches storage and hashing through.
 */

/** The closed set of staff roles. What each may do is `src/console/permissions.ts`. */
export const STAFF_ROLES = ['admin', 'coordinator', 'counsellor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** True when `value` is one of {@link STAFF_ROLES}. */
export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** A staff account as the console sees it (never carries the password hash). */
export interface StaffMember {
  id: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  /** Team codes (e.g. `anshin`, `livelihood`) the member works in. */
  teams: string[];
  /** An inactive member cannot sign in and loses open sessions on their next request. */
  active: boolean;
}

/** What creating a staff account needs; `passwordHash` comes from a {@link PasswordHasher}. */
export interface NewStaffMember {
  loginId: string;
  displayName: string;
  role: StaffRole;
  teams: string[];
  passwordHash: string;
}

/** Staff accounts. `loginId` is unique. */
export interface StaffStore {
  /** The member and their stored hash, for signing in; null when no account has this login id. */
  findByLogin(loginId: string): Promise<{ member: StaffMember; passwordHash: string } | null>;
  findById(id: string): Promise<StaffMember | null>;
  /** Creates an active account. Throws when the login id is taken. */
  create(member: NewStaffMember, now: Date): Promise<StaffMember>;
  /** Every account, active or not, ordered by login id. */
  list(): Promise<StaffMember[]>;
  /** Replaces the password hash of an existing account. */
  setPasswordHash(id: string, passwordHash: string, now: Date): Promise<void>;
  /** Notes a successful sign-in (shown on the staff accounts page). */
  recordSignIn(id: string, at: Date): Promise<void>;
}

/** A login id: 2–64 lower-case letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const STAFF_LOGIN_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
/** A team code as the council profile spells it. */
export const STAFF_TEAM_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** A display name's longest length (characters). */
export const STAFF_NAME_MAX = 50;
/** A password's shortest and longest length (characters, after NFKC normalisation). */
export const STAFF_PASSWORD_MIN = 12;
export const STAFF_PASSWORD_MAX = 1024;

/** Why a new password is refused, or null when it meets the rules (the same for the script and the console). */
export function staffPasswordProblem(password: string): 'tooShort' | 'tooLong' | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < STAFF_PASSWORD_MIN) return 'tooShort';
  if (length > STAFF_PASSWORD_MAX) return 'tooLong';
  return null;
}

/** A staff account as the staff accounts page lists it. */
export interface StaffAccount extends StaffMember {
  lastSignInAt: Date | null;
  /** Two-factor sign-in is switched on. */
  twoFactor: boolean;
  createdAt: Date;
}

/** What an admin may change of an account besides its password and whether it is active. */
export interface StaffAccountChange {
  role: StaffRole;
  teams: string[];
}

/** Staff accounts as admins manage them in the console (inside a use case's unit of work). */
export interface StaffAccountRepository {
  /** Every account, ordered by login id. */
  list(): Promise<StaffAccount[]>;
  find(id: string): Promise<StaffAccount | null>;
  /** True when some account (active or not) has this login id. */
  loginTaken(loginId: string): Promise<boolean>;
  /** Creates an active account. */
  create(member: NewStaffMember, now: Date): Promise<StaffMember>;
  change(id: string, change: StaffAccountChange, now: Date): Promise<void>;
  setActive(id: string, active: boolean, now: Date): Promise<void>;
  setPasswordHash(id: string, passwordHash: string, now: Date): Promise<void>;
  /** How many active accounts hold the admin role. */
  countActiveAdmins(): Promise<number>;
}

/** What the staff account use cases write, in one transaction. */
export interface StaffAccountRepositories {
  accounts: StaffAccountRepository;
  sessions: Pick<SessionStore, 'deleteForStaff'>;
  audit: AuditTrail;
}

/** A stored console session. `id` is the SHA-256 (hex) of the cookie token; the token itself is never stored. */
export interface StaffSessionRecord {
  id: string;
  staffId: string;
  /** The secret the session's CSRF tokens are made from (the pages carry salted tokens, never the secret). */
  csrfToken: string;
  /** Password accepted, authenticator code still due: the session opens nothing but the code page. */
  pendingSecondFactor?: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  /** When the session dies if no request comes first: min(idle deadline, absolute deadline). */
  expiresAt: Date;
}

/** Console sessions. */
export interface SessionStore {
  create(session: StaffSessionRecord): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<StaffSessionRecord | null>;
  /** Records activity: moves `lastSeenAt` and `expiresAt`. */
  touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Ends every session of one member (after a password reset). Returns how many. */
  deleteForStaff(staffId: string): Promise<number>;
  /** Deletes sessions whose `expiresAt` has passed. Returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;

/** When a session created at `createdAt` and last used at `lastSeenAt` expires. */
export function sessionExpiry(createdAt: Date, lastSeenAt: Date): Date {
  return new Date(Math.min(lastSeenAt.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

/** True when the session may no longer be used at `now` (idle or absolute limit reached). */
export function isSessionExpired(session: Pick<StaffSessionRecord, 'createdAt' | 'lastSeenAt' | 'expiresAt'>, now: Date): boolean {
  const deadline = Math.min(session.expiresAt.getTime(), sessionExpiry(session.createdAt, session.lastSeenAt).getTime());
  return now.getTime() >= deadline;
}

/** Every action the audit log records; the console's audit page has a Japanese label for each. */
export const AUDIT_ACTIONS = [
  'login.success', 'login.failure', 'logout', 'audit.view', 'audit.export', 'staff.create', 'staff.passwordReset',
  'staff.update', 'staff.disable', 'staff.enable', 'staff.signout',
  'staff.twoFactor.enrol', 'staff.twoFactor.disable', 'staff.twoFactor.reset', 'staff.twoFactor.recoveryCodes', 'staff.twoFactor.recoveryUsed',
  'conversation.view', 'attachment.view', 'conversation.claim', 'conversation.assign', 'conversation.reply', 'conversation.note', 'conversation.close',
  'consultation.status', 'alert.acknowledge', 'alert.raise', 'survey.comments.view',
  'broadcast.schedule', 'broadcast.cancel',
  'event.create', 'event.update', 'event.cancel', 'event.registrants.view', 'event.registrants.export', 'event.registration.cancel',
  'salon.change.add', 'salon.change.remove',
  'faq.loop.entry', 'faq.loop.synonym', 'faq.loop.dismiss',
  'volunteer.list.view', 'volunteer.view', 'volunteer.export',
  'volunteerRequest.view', 'volunteerRequest.invite', 'volunteerRequest.status',
  'donation.view', 'donation.photo.view', 'donation.status', 'allocation.create', 'wantedItem.add', 'wantedItem.retire',
  'report.volunteerHours.export', 'report.donations.export', 'report.annual.export',
  'disaster.centre.create', 'disaster.centre.status', 'disaster.centre.options', 'disaster.pool.view', 'disaster.pool.export',
  'disaster.day.create', 'disaster.day.update', 'disaster.day.view', 'disaster.day.draw', 'disaster.notices.overBudget',
  'disaster.reception.view', 'disaster.dayList.view', 'disaster.checkIn.desk',
  'disaster.needs.view', 'disaster.needs.export', 'disaster.need.view', 'disaster.need.create', 'disaster.need.link', 'disaster.need.separate',
  'disaster.need.status', 'disaster.need.change', 'disaster.need.followUp', 'disaster.needs.report', 'disaster.need.crisis',
  'disaster.team.form', 'disaster.equipment.set',
  'disaster.day.safety', 'disaster.urgentNotice', 'disaster.figures.announce', 'disaster.team.overdue', 'disaster.figures.view', 'disaster.figures.export',
  'disaster.team.report', 'disaster.alert.raise', 'disaster.alert.ack',
  'faq.entry.create', 'faq.entry.update',
  'complaint.view', 'complaint.status', 'complaint.notes', 'complaint.outcome.tell',
  'resident.data.find', 'resident.data.view', 'resident.data.export', 'resident.data.erase', 'resident.dataRequest.done',
  'consultation.referralAsked', 'consultation.referred',
  'settings.change', 'settings.undo', 'settings.import', 'settings.export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit row to write. Never put a password, message text or other personal content in `detail`. */
export interface AuditEntry {
  /** Null for actions without a signed-in member (a failed login, the staff:create script). */
  staffId: string | null;
  /** Dotted verb, e.g. `login.success`, `login.failure`, `audit.view`, `conversation.view`. */
  action: AuditAction;
  subjectType?: string;
  subjectId?: string;
  residentId?: string;
  /** Non-personal details, stored as JSON. */
  detail?: Record<string, unknown>;
  ip?: string;
  at: Date;
}

/** A stored audit row. */
export interface AuditRecord extends Omit<AuditEntry, 'detail' | 'action'> {
  id: string;
  /** As stored (rows written by older versions may hold actions no longer in the list). */
  action: string;
  detail: Record<string, unknown> | null;
}

/** Where a page of the audit log starts: rows strictly older than this one (newest-first order). */
export interface AuditCursor {
  at: Date;
  id: string;
}

/** The append-only audit trail: nothing updates or deletes it. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /**
   * Newest first (`at`, then `id`, descending); `before` continues after the last row of the previous page; `filter`
   * keeps the rows of one staff member, one resident and/or one action (an inspection: who read what).
   */
  list(query: { limit: number; before?: AuditCursor; filter?: AuditFilter }): Promise<AuditRecord[]>;
}

/** Which audit rows to list; each given condition must hold. */
export interface AuditFilter {
  staffId?: string;
  residentId?: string;
  action?: string;
}

/** Where a use case writes its audit row, inside its unit of work. */
export type AuditTrail = Pick<AuditLog, 'record'>;

/** Password hashing with a memory-hard function; `verify` runs in constant time over the digest. */
export interface PasswordHasher {
  /** A self-describing string (algorithm, parameters, salt, digest). */
  hash(password: string): Promise<string>;
  /** False for a wrong password or a malformed/unsupported stored hash; never throws for those. */
  verify(stored: string, password: string): Promise<boolean>;
}
