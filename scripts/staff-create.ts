/**
 * `npm run staff:create -- --login <id> --name <表示名> --role <admin|coordinator|counsellor> [--teams anshin,livelihood]`
 * creates a console account; `npm run staff:create -- --login <id> --reset-password` sets a new password for an
 * existing one (and signs it out everywhere); `npm run staff:create -- --login <id> --reset-two-factor` switches off
 * the two-factor sign-in of an account whose phone and recovery codes are both lost (the last admin, when no other
 * admin can reset it in the console) and signs it out everywhere. Migrates DATABASE_URL first when needed.
 * An admin created here sets up two-factor sign-in at the first sign-in, before anything else.
 *
 * The password comes from env STAFF_PASSWORD, or is asked twice on a terminal without echo. At least 12
 * characters. It is never printed or logged; both actions are written to the audit log.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { isStaffRole, STAFF_LOGIN_ID, STAFF_NAME_MAX, STAFF_PASSWORD_MAX, STAFF_PASSWORD_MIN, STAFF_ROLES, STAFF_TEAM_CODE, staffPasswordProblem, type StaffRole } from '../src/domain/staff';
import { Argon2PasswordHasher } from '../src/infra/argon2-password-hasher';
import type { Db } from '../src/infra/prisma/database';
import { openMigrated } from '../src/infra/prisma/migrations';
import { PrismaAuditLog } from '../src/infra/prisma/prisma-audit-log';
import { PrismaSessionStore } from '../src/infra/prisma/prisma-session-store';
import { PrismaStaffStore } from '../src/infra/prisma/prisma-staff-store';
import { PrismaTwoFactorStore } from '../src/infra/prisma/prisma-two-factor';
import { SecretBox } from '../src/infra/secret-box';

const MIN_PASSWORD = STAFF_PASSWORD_MIN;
const MAX_PASSWORD = STAFF_PASSWORD_MAX;
const LOGIN_ID = STAFF_LOGIN_ID;
const TEAM = STAFF_TEAM_CODE;

/** A mistake by the caller: printed without a stack; `showUsage` adds the usage text (argument errors). */
class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

const USAGE = `Usage:
  npm run staff:create -- --login <id> --name <表示名> --role <${STAFF_ROLES.join('|')}> [--teams anshin,livelihood]
  npm run staff:create -- --login <id> --reset-password
  npm run staff:create -- --login <id> --reset-two-factor
The password is read from STAFF_PASSWORD, or asked twice on a terminal (at least ${MIN_PASSWORD} characters).`;

type Command =
  | { kind: 'create'; loginId: string; displayName: string; role: StaffRole; teams: string[] }
  | { kind: 'reset'; loginId: string }
  | { kind: 'resetTwoFactor'; loginId: string };

function parseCommand(argv: string[]): Command {
  const options = {
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    teams: { type: 'string' },
    'reset-password': { type: 'boolean', default: false },
    'reset-two-factor': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), true);
  }
  if (values.help) throw new UsageError('', true);
  const loginId = (values.login ?? '').trim().toLowerCase();
  if (!LOGIN_ID.test(loginId)) throw new UsageError('--login: 2–64 characters: lower-case letters, digits, ".", "_" or "-".', true);
  if (values['reset-two-factor']) {
    if (values.name || values.role || values.teams || values['reset-password']) throw new UsageError('--reset-two-factor takes only --login.', true);
    return { kind: 'resetTwoFactor', loginId };
  }
  if (values['reset-password']) {
    if (values.name || values.role || values.teams) throw new UsageError('--reset-password takes only --login.', true);
    return { kind: 'reset', loginId };
  }
  const displayName = (values.name ?? '').trim();
  if (!displayName || [...displayName].length > STAFF_NAME_MAX) throw new UsageError('--name: the name shown in the console (1–50 characters).', true);
  if (!isStaffRole(values.role)) throw new UsageError(`--role: one of ${STAFF_ROLES.join(', ')}.`, true);
  const teams = (values.teams ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const badTeam = teams.find((t) => !TEAM.test(t));
  if (badTeam) throw new UsageError(`--teams: "${badTeam}" is not a team code (lower-case letters, digits, "_" or "-").`, true);
  return { kind: 'create', loginId, displayName, role: values.role, teams: [...new Set(teams)] };
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new UsageError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.STAFF_PASSWORD;
  let password: string;
  if (fromEnv !== undefined && fromEnv !== '') {
    password = fromEnv;
  } else if (process.stdin.isTTY) {
    password = await promptHidden('Password: ');
    if ((await promptHidden('Password (again): ')) !== password) throw new UsageError('The two passwords differ.');
  } else {
    throw new UsageError('No password: set STAFF_PASSWORD, or run this in a terminal to be asked for one.');
  }
  const problem = staffPasswordProblem(password);
  if (problem === 'tooShort') throw new UsageError(`The password is too short: at least ${MIN_PASSWORD} characters.`);
  if (problem === 'tooLong') throw new UsageError(`The password is too long: at most ${MAX_PASSWORD} characters.`);
  return password;
}

/** Opens DATABASE_URL, applying pending migrations first (as the service does at start). */
async function openMigratedDb(databaseUrl: string): Promise<Db> {
  const { db, applied } = await openMigrated(databaseUrl);
  if (applied.length) console.log(`Migrated the database: ${applied.join(', ')}`);
  return db;
}

async function resetTwoFactor(loginId: string, db: Db, box: SecretBox): Promise<void> {
  const existing = await new PrismaStaffStore(db).findByLogin(loginId);
  if (!existing) throw new UsageError(`No staff member has login "${loginId}".`);
  const now = new Date();
  await new PrismaTwoFactorStore(db, box).remove(existing.member.id);
  const ended = await new PrismaSessionStore(db).deleteForStaff(existing.member.id);
  await new PrismaAuditLog(db).record({ staffId: null, action: 'staff.twoFactor.reset', subjectType: 'staff', subjectId: existing.member.id, detail: { loginId, via: 'cli', sessionsEnded: ended }, at: now });
  console.log(`Two-factor sign-in reset for ${existing.member.loginId} (${existing.member.displayName}); ${ended} open session(s) ended. They set it up again at their next sign-in.`);
}

async function run(command: Exclude<Command, { kind: 'resetTwoFactor' }>, db: Db, password: string): Promise<void> {
  const staff = new PrismaStaffStore(db);
  const audit = new PrismaAuditLog(db);
  const hash = await new Argon2PasswordHasher().hash(password);
  const now = new Date();
  const existing = await staff.findByLogin(command.loginId);
  if (command.kind === 'reset') {
    if (!existing) throw new UsageError(`No staff member has login "${command.loginId}".`);
    await staff.setPasswordHash(existing.member.id, hash, now);
    const ended = await new PrismaSessionStore(db).deleteForStaff(existing.member.id);
    await audit.record({ staffId: null, action: 'staff.passwordReset', subjectType: 'staff', subjectId: existing.member.id, detail: { loginId: command.loginId, via: 'cli' }, at: now });
    console.log(`Password reset for ${existing.member.loginId} (${existing.member.displayName}); ${ended} open session(s) ended.`);
    return;
  }
  if (existing) throw new UsageError(`Login "${command.loginId}" already exists. To set a new password: --login ${command.loginId} --reset-password`);
  const member = await staff.create({ loginId: command.loginId, displayName: command.displayName, role: command.role, teams: command.teams, passwordHash: hash }, now);
  await audit.record({
    staffId: null,
    action: 'staff.create',
    subjectType: 'staff',
    subjectId: member.id,
    detail: { loginId: member.loginId, role: member.role, teams: member.teams, via: 'cli' },
    at: now,
  });
  console.log('Created staff member:');
  console.log(`  login: ${member.loginId}`);
  console.log(`  name:  ${member.displayName}`);
  console.log(`  role:  ${member.role}`);
  console.log(`  teams: ${member.teams.length ? member.teams.join(', ') : '(none)'}`);
  console.log(`  id:    ${member.id}`);
  if (member.role === 'admin') console.log('At the first sign-in the console asks to set up two-factor sign-in (an authenticator app) before anything else.');
}

async function main(): Promise<number> {
  let db: Db | undefined;
  try {
    const command = parseCommand(process.argv.slice(2));
    if (command.kind === 'resetTwoFactor') {
      const config = loadConfig(process.env);
      db = await openMigratedDb(config.DATABASE_URL);
      await resetTwoFactor(command.loginId, db, new SecretBox(config.CONSOLE_SECRET_KEY));
      return 0;
    }
    const password = await readPassword();
    const config = loadConfig(process.env);
    db = await openMigratedDb(config.DATABASE_URL);
    await run(command, db, password);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`staff:create: ${error.message}`);
      if (error.showUsage) console.error(USAGE);
      return error.message ? 2 : 0;
    }
    console.error(`staff:create: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.$disconnect();
  }
}

process.exitCode = await main();
