/**
 * Staff accounts (職員アカウント) for admins: the list with each account's role, teams, state and last sign-in; a
 * form to create one (with a first password under the same rules as `npm run staff:create`); and an account's
 * page to change its role and teams, disable or enable it, set a new password, or sign it out everywhere. A
 * disabled account cannot sign in and its sessions end at once; a new password also ends them. The last active
 * admin can be neither disabled nor demoted. Every change is audited by its use case, never with a password.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STAFF_PASSWORD_MIN, type PasswordHasher, type StaffAccount, type StaffAccountRepositories, type StaffAccountRepository } from '../../domain/staff';
import type { TwoFactorStore } from '../../domain/two-factor';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { changeStaffAccount } from '../../usecases/staff/change-staff-account';
import { createStaffAccount } from '../../usecases/staff/create-staff-account';
import { disableStaffAccount } from '../../usecases/staff/disable-staff-account';
import { enableStaffAccount } from '../../usecases/staff/enable-staff-account';
import { resetStaffPassword } from '../../usecases/staff/reset-staff-password';
import { resetStaffTwoFactor } from '../../usecases/staff/reset-staff-two-factor';
import { signOutStaff } from '../../usecases/staff/sign-out-staff';
import type { StaffAccountResult } from '../../usecases/staff/staff-account-result';
import { currentSession, staffAct } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { ROLE_LABELS } from '../permissions';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';
import { newStaffValues, parseNewStaff, parsePassword, parseStaffChange, type NewStaffValues } from './staff-form';

/** What the staff account pages need. */
export interface StaffConsole {
  accounts: Pick<StaffAccountRepository, 'list' | 'find'>;
  work: UnitOfWork<StaffAccountRepositories>;
  /** The same, with the members' two-factor records (an admin's reset). */
  twoFactorWork: UnitOfWork<StaffAccountRepositories & { twoFactor: TwoFactorStore }>;
  hasher: PasswordHasher;
  /** The council profile's teams, in its order. */
  teams: ReadonlyArray<{ code: string; name: string }>;
}

export interface StaffRowView {
  href: string;
  loginId: string;
  displayName: string;
  role: string;
  teams: string;
  active: boolean;
  lastSignIn: string;
  twoFactor: boolean;
  self: boolean;
}

export interface StaffListView {
  status: string | null;
  rows: StaffRowView[];
}

export interface StaffOption {
  value: string;
  label: string;
}

export interface NewStaffView {
  error: string | null;
  values: NewStaffValues;
  roles: StaffOption[];
  teams: ReadonlyArray<{ code: string; name: string }>;
  passwordMin: number;
}

export interface StaffAccountView {
  status: string | null;
  error: string | null;
  account: StaffRowView & { id: string; roleCode: string; teamCodes: string[]; created: string };
  roles: StaffOption[];
  teams: ReadonlyArray<{ code: string; name: string }>;
  passwordMin: number;
}

const DONE: Record<string, string> = {
  created: '職員アカウントを作りました。本人に、ログインIDと最初のパスワードを直接伝えてください。',
  updated: '役割とチームを変更しました。本人の次の操作から変わります。',
  disabled: 'アカウントを停止しました。この職員はログインできず、開いていた画面からも外れました。',
  enabled: 'アカウントを再開しました。この職員は、またログインできます。',
  password: '新しいパスワードを設定しました。この職員は、すべての端末からログアウトしました。',
  signedOut: 'この職員を、すべての端末からログアウトさせました。',
  twoFactorReset: '二段階認証をリセットしました。この職員は、次のログインで設定し直します。',
};

const REFUSALS: Record<'loginTaken' | 'lastAdmin' | 'self', string> = {
  self: '自分の二段階認証は、二段階認証のページで変更してください。',
  loginTaken: 'このログインIDは、もう使われています。別のログインIDにしてください。',
  lastAdmin: '有効な管理者がほかにいないため、停止も、管理者以外への変更もできません。先に別の職員を管理者にしてください。',
};

export const staffRoutes: ConsoleRoutes<StaffConsole> = async (app, { deps, clock }) => {
  // Read at each request: the teams follow the council's settings.
  const teamCodes = () => deps.teams.map((t) => t.code);
  const roles: StaffOption[] = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
  const teamNames = (codes: readonly string[]) => (codes.length ? codes.map((c) => deps.teams.find((t) => t.code === c)?.name ?? c).join('、') : '—');
  const rowOf = (a: StaffAccount, viewerId: string): StaffRowView => ({
    href: `/console/staff/${encodeURIComponent(a.id)}`,
    loginId: a.loginId,
    displayName: a.displayName,
    role: ROLE_LABELS[a.role],
    teams: teamNames(a.teams),
    active: a.active,
    lastSignIn: a.lastSignInAt ? jaDateTime(a.lastSignInAt) : 'まだありません',
    twoFactor: a.twoFactor,
    self: a.id === viewerId,
  });
  const perm = { config: { permission: 'staff.manage' as const } };

  const newForm = (request: FastifyRequest, reply: FastifyReply, values: NewStaffValues, error: string | null, code = 200) =>
    sendPage(request, reply, 'staffNew', '職員アカウントの作成', { error, values, roles, teams: deps.teams, passwordMin: STAFF_PASSWORD_MIN }, code);

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '職員アカウントが見つかりません', message: 'このアカウントはありません。', action: { href: '/console/staff', label: '職員アカウントの一覧に戻る' } }, 404);

  const accountPage = async (request: FastifyRequest, reply: FastifyReply, id: string, status: string | null, error: string | null, code = 200) => {
    const account = await deps.accounts.find(id);
    if (!account) return notFound(request, reply);
    const view: StaffAccountView = {
      status,
      error,
      account: { ...rowOf(account, currentSession(request).staff.id), id: account.id, roleCode: account.role, teamCodes: account.teams, created: jaDateTime(account.createdAt) },
      roles,
      teams: deps.teams,
      passwordMin: STAFF_PASSWORD_MIN,
    };
    return sendPage(request, reply, 'staffAccount', `職員アカウント:${account.displayName}`, view, code);
  };

  /** Answers a use case's result: back to the account's page with `done`, or the page again with the refusal. */
  const answer = (request: FastifyRequest, reply: FastifyReply, id: string, result: StaffAccountResult<unknown>, done: string) => {
    if (result.ok) return reply.redirect(`/console/staff/${encodeURIComponent(id)}?done=${done}`, 303);
    if (result.code === 'notFound') return notFound(request, reply);
    return accountPage(request, reply, id, null, REFUSALS[result.code], 409);
  };

  app.get<{ Querystring: { done?: string } }>('/console/staff', perm, async (request, reply) => {
    const viewerId = currentSession(request).staff.id;
    const rows = (await deps.accounts.list()).map((a) => rowOf(a, viewerId));
    return sendPage(request, reply, 'staffAccounts', '職員アカウント', { rows, status: DONE[request.query.done ?? ''] ?? null });
  });

  app.get('/console/staff/new', perm, (request, reply) => newForm(request, reply, { loginId: '', displayName: '', role: 'counsellor', teams: [] }, null));

  app.post('/console/staff', perm, async (request, reply) => {
    const parsed = parseNewStaff(request.body, teamCodes());
    if (!parsed.ok) return newForm(request, reply, newStaffValues(request.body), parsed.error, 400);
    const { password, ...rest } = parsed.value;
    // Hashed before the transaction: Argon2id takes tens of milliseconds and needs no row.
    const passwordHash = await deps.hasher.hash(password);
    const result = await createStaffAccount(deps.work, { ...rest, passwordHash }, staffAct(request, clock.now()));
    if (!result.ok) return newForm(request, reply, newStaffValues(request.body), REFUSALS.loginTaken, 409);
    return reply.redirect(`/console/staff/${encodeURIComponent(result.value)}?done=created`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/console/staff/:id', perm, (request, reply) =>
    accountPage(request, reply, request.params.id, DONE[request.query.done ?? ''] ?? null, null),
  );

  app.post<{ Params: { id: string } }>('/console/staff/:id', perm, async (request, reply) => {
    const parsed = parseStaffChange(request.body, teamCodes());
    if (!parsed.ok) return accountPage(request, reply, request.params.id, null, parsed.error, 400);
    return answer(request, reply, request.params.id, await changeStaffAccount(deps.work, request.params.id, parsed.value, staffAct(request, clock.now())), 'updated');
  });

  app.post<{ Params: { id: string } }>('/console/staff/:id/disable', perm, async (request, reply) =>
    answer(request, reply, request.params.id, await disableStaffAccount(deps.work, request.params.id, staffAct(request, clock.now())), 'disabled'),
  );

  app.post<{ Params: { id: string } }>('/console/staff/:id/enable', perm, async (request, reply) =>
    answer(request, reply, request.params.id, await enableStaffAccount(deps.work, request.params.id, staffAct(request, clock.now())), 'enabled'),
  );

  app.post<{ Params: { id: string } }>('/console/staff/:id/password', perm, async (request, reply) => {
    const parsed = parsePassword(request.body);
    if (!parsed.ok) return accountPage(request, reply, request.params.id, null, parsed.error, 400);
    const passwordHash = await deps.hasher.hash(parsed.value);
    return answer(request, reply, request.params.id, await resetStaffPassword(deps.work, request.params.id, passwordHash, staffAct(request, clock.now())), 'password');
  });

  app.post<{ Params: { id: string } }>('/console/staff/:id/two-factor/reset', perm, async (request, reply) =>
    answer(request, reply, request.params.id, await resetStaffTwoFactor(deps.twoFactorWork, request.params.id, staffAct(request, clock.now())), 'twoFactorReset'),
  );

  app.post<{ Params: { id: string } }>('/console/staff/:id/signout', perm, async (request, reply) =>
    answer(request, reply, request.params.id, await signOutStaff(deps.work, request.params.id, staffAct(request, clock.now())), 'signedOut'),
  );
};
