/**
 * Reading the staff account forms: a new account (login id, name, role, teams, first password twice), a change of
 * role and teams, and a new password. The rules are the ones `npm run staff:create` applies (`domain/staff.ts`).
 * Pure: the routes hash the password afterwards.
 */
import { isStaffRole, STAFF_LOGIN_ID, STAFF_NAME_MAX, STAFF_PASSWORD_MAX, STAFF_PASSWORD_MIN, staffPasswordProblem, type StaffAccountChange, type StaffRole } from '../../domain/staff';
import { many, one } from '../shared/form-fields';

/** What the new-account form shows again after a refusal (never the passwords). */
export interface NewStaffValues {
  loginId: string;
  displayName: string;
  role: string;
  teams: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** The new-account form's fields as typed (trimmed; the login id in lower case). */
export function newStaffValues(body: unknown): NewStaffValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return { loginId: one(b.loginId).toLowerCase(), displayName: one(b.displayName), role: one(b.role), teams: many(b.teams) };
}

function parseRoleAndTeams(b: Record<string, unknown>, teams: readonly string[]): Parsed<StaffAccountChange> {
  const role = one(b.role);
  if (!isStaffRole(role)) return { ok: false, error: '役割を選んでください。' };
  const chosen = many(b.teams);
  if (chosen.some((t) => !teams.includes(t))) return { ok: false, error: '協議会の設定にないチームが選ばれています。' };
  return { ok: true, value: { role: role as StaffRole, teams: chosen } };
}

/** The password and its repetition, checked against the rules. Not trimmed: spaces are part of a password. */
export function parsePassword(body: unknown): Parsed<string> {
  const b = (body ?? {}) as Record<string, unknown>;
  const password = str(b.password);
  if (password !== str(b.passwordAgain)) return { ok: false, error: '2つのパスワードがちがいます。' };
  const problem = staffPasswordProblem(password);
  if (problem === 'tooShort') return { ok: false, error: `パスワードが短すぎます。${STAFF_PASSWORD_MIN}文字以上にしてください。` };
  if (problem === 'tooLong') return { ok: false, error: `パスワードが長すぎます。${STAFF_PASSWORD_MAX}文字までにしてください。` };
  return { ok: true, value: password };
}

/** The new-account form: `teams` are the council profile's team codes. */
export function parseNewStaff(body: unknown, teams: readonly string[]): Parsed<{ loginId: string; displayName: string; password: string } & StaffAccountChange> {
  const b = (body ?? {}) as Record<string, unknown>;
  const values = newStaffValues(body);
  if (!STAFF_LOGIN_ID.test(values.loginId)) return { ok: false, error: 'ログインIDは2〜64文字の半角英小文字・数字・「.」「_」「-」で入れてください(最初は英字か数字)。' };
  if (!values.displayName || [...values.displayName].length > STAFF_NAME_MAX) return { ok: false, error: `名前を${STAFF_NAME_MAX}文字までで入れてください。` };
  const roleAndTeams = parseRoleAndTeams(b, teams);
  if (!roleAndTeams.ok) return roleAndTeams;
  const password = parsePassword(body);
  if (!password.ok) return password;
  return { ok: true, value: { loginId: values.loginId, displayName: values.displayName, password: password.value, ...roleAndTeams.value } };
}

/** The change form (role and teams). */
export function parseStaffChange(body: unknown, teams: readonly string[]): Parsed<StaffAccountChange> {
  return parseRoleAndTeams((body ?? {}) as Record<string, unknown>, teams);
}
