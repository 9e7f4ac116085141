// Under test: `npm run staff:create` (scripts/staff-create.ts run with tsx as a child process) against a temp
// SQLite file it must migrate itself — the row it writes, password rules, --reset-password, and that the
// password never appears in its output. Faked: nothing (the password comes from STAFF_PASSWORD, as in scripts).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { Argon2PasswordHasher } from '../../src/infra/argon2-password-hasher';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const PASSWORD = 'ながいパスワード-2026-spring';

describe('staff:create', () => {
  let dir: string;
  let url: string;
  let db: Db | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-staff-cli-'));
    url = `file:${path.join(dir, 'fresh.db')}`;
  });
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the script; resolves with exit code and output (never rejects). */
  async function cli(args: string[], password: string | undefined) {
    const env: Record<string, string> = {
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? dir,
      DATABASE_URL: url,
      ...(password !== undefined ? { STAFF_PASSWORD: password } : {}),
    };
    try {
      const { stdout, stderr } = await promisify(execFile)(TSX, ['scripts/staff-create.ts', ...args], { cwd: ROOT, env, timeout: 60_000 });
      return { code: 0, out: stdout + stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: err.code ?? -1, out: (err.stdout ?? '') + (err.stderr ?? '') };
    }
  }

  const staffRow = async (loginId: string) => {
    db ??= await openDatabase(url);
    return db.staffUser.findUnique({ where: { loginId } });
  };

  test('creates an account in a fresh database (migrating it), printing everything but the password', async () => {
    const res = await cli(['--login', 'Suzuki.Ichiro', '--name', '鈴木 一郎', '--role', 'coordinator', '--teams', 'anshin,livelihood'], PASSWORD);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('Created staff member:');
    expect(res.out).toContain('suzuki.ichiro');
    expect(res.out).toContain('鈴木 一郎');
    expect(res.out).not.toContain(PASSWORD);
    const row = await staffRow('suzuki.ichiro');
    expect(row).toMatchObject({ displayName: '鈴木 一郎', role: 'coordinator', teams: '["anshin","livelihood"]', active: true });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await new Argon2PasswordHasher().verify(row!.passwordHash, PASSWORD)).toBe(true);
    const audit = await db!.auditLog.findFirstOrThrow({ where: { action: 'staff.create' } });
    expect(audit.subjectId).toBe(row?.id);
    expect(audit.detail).not.toContain(PASSWORD);
  });

  test('refuses a password under 12 characters, an unknown role and a taken login', async () => {
    const short = await cli(['--login', 'short', '--name', '短い', '--role', 'admin'], 'elevenchars');
    expect(short.code).toBe(2);
    expect(short.out).toContain('at least 12 characters');
    expect(await staffRow('short')).toBeNull();
    expect((await cli(['--login', 'boss', '--name', 'ボス', '--role', 'superuser'], PASSWORD)).code).toBe(2);
    const taken = await cli(['--login', 'suzuki.ichiro', '--name', '別人', '--role', 'admin'], PASSWORD);
    expect(taken.code).toBe(2);
    expect(taken.out).toContain('already exists');
  });

  test('without STAFF_PASSWORD and no terminal it explains how to give one', async () => {
    const res = await cli(['--login', 'nopass', '--name', '名前', '--role', 'counsellor'], undefined);
    expect(res.code).toBe(2);
    expect(res.out).toContain('STAFF_PASSWORD');
  });

  test('--reset-password replaces the hash and ends the member’s sessions', async () => {
    const before = await staffRow('suzuki.ichiro');
    await db!.staffSession.create({
      data: { id: 'x'.repeat(64), staffId: before!.id, csrfToken: 'c', createdAt: new Date(), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
    });
    const res = await cli(['--login', 'suzuki.ichiro', '--reset-password'], 'a brand new passphrase');
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('1 open session(s) ended');
    expect(res.out).not.toContain('a brand new passphrase');
    const after = await staffRow('suzuki.ichiro');
    expect(await new Argon2PasswordHasher().verify(after!.passwordHash, 'a brand new passphrase')).toBe(true);
    expect(await new Argon2PasswordHasher().verify(after!.passwordHash, PASSWORD)).toBe(false);
    expect(await db!.staffSession.count()).toBe(0);
    expect((await cli(['--login', 'nobody', '--reset-password'], PASSWORD)).code).toBe(2);
  });

  test('--reset-two-factor switches off a locked-out member’s two-factor sign-in (no password asked), audited', async () => {
    const member = await staffRow('suzuki.ichiro');
    await db!.staffTwoFactor.create({ data: { staffId: member!.id, secret: 'plain:JBSWY3DPEHPK3PXP', enabledAt: new Date(), createdAt: new Date() } });
    await db!.staffRecoveryCode.create({ data: { staffId: member!.id, codeHash: 'h', createdAt: new Date() } });
    const res = await cli(['--login', 'suzuki.ichiro', '--reset-two-factor'], undefined);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('Two-factor sign-in reset for suzuki.ichiro');
    expect(await db!.staffTwoFactor.count()).toBe(0);
    expect(await db!.staffRecoveryCode.count()).toBe(0);
    const row = await db!.auditLog.findFirstOrThrow({ where: { action: 'staff.twoFactor.reset' } });
    expect(row).toMatchObject({ staffId: null, subjectId: member!.id });
    expect((await cli(['--login', 'nobody', '--reset-two-factor'], undefined)).code).toBe(2);
  });
});
