// Under test: loadConfig (src/config.ts) and the start-up refusal of src/server.ts run as a real child process; nothing is faked.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, isSimulatorMode, loadConfig } from '../../src/config';
import { PROJECT_ROOT } from '../../src/infra/prisma/migrations';

/** The ConfigError `loadConfig(env)` throws (fails the test if it does not throw one). */
function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  test('TRUST_PROXY takes addresses, CIDR ranges and loopback; anything else names the variable', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).TRUST_PROXY).toBe('127.0.0.1, 10.0.0.0/8,::1,loopback');
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    // Blank means not set, as for every variable.
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBeUndefined();
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example.jp', '10.0.0.1/8/1', '127.0.0.1,']) expect(configErrorOf({ TRUST_PROXY: bad }).message).toContain('TRUST_PROXY');
  });

  test('an empty environment gives the documented defaults and simulator mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: 'file:./data/tsunagu.db',
      LINE_API_BASE_URL: 'https://api.line.me',
      LINE_DATA_API_BASE_URL: 'https://api-data.line.me',
      COUNCIL_PROFILE: path.join('profiles', 'demo-council.yaml'),
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
    });
    expect(c.LINE_CHANNEL_SECRET).toBeUndefined();
    expect(c.LINE_CHANNEL_ACCESS_TOKEN).toBeUndefined();
    expect(isSimulatorMode(c)).toBe(true);
  });

  test('reads set values, trims secrets and drops a trailing slash from base URLs', () => {
    const c = loadConfig({ PORT: '8080', LINE_CHANNEL_SECRET: ' s3cret ', LINE_CHANNEL_ACCESS_TOKEN: 'tok', LINE_API_BASE_URL: 'http://127.0.0.1:4010/' });
    expect(c).toMatchObject({ PORT: 8080, LINE_CHANNEL_SECRET: 's3cret', LINE_CHANNEL_ACCESS_TOKEN: 'tok', LINE_API_BASE_URL: 'http://127.0.0.1:4010' });
    expect(isSimulatorMode(c)).toBe(false);
  });

  test('blank secrets count as unset', () => {
    expect(isSimulatorMode(loadConfig({ LINE_CHANNEL_SECRET: '  ', LINE_CHANNEL_ACCESS_TOKEN: '' }))).toBe(true);
  });

  test.each(['abc', '70000', '-1', '3000.5'])('PORT=%s is refused naming PORT', (port) => {
    const e = configErrorOf({ PORT: port });
    expect(e.message).toContain('PORT');
    expect(e.variables).toEqual(['PORT']);
  });

  // A blank variable (`PORT=` in a .env file) must not coerce to 0, which would mean a random port.
  test.each(['', ' '])('PORT=%j means the default or is refused, never port 0 (random)', (port) => {
    let c: ReturnType<typeof loadConfig> | undefined;
    try {
      c = loadConfig({ PORT: port });
    } catch (e) {
      expect((e as Error).message).toContain('PORT');
      return;
    }
    expect(c.PORT).toBe(3000);
  });

  test.each([
    ['LINE_API_BASE_URL', 'not a url'],
    ['LINE_DATA_API_BASE_URL', 'api-data.line.me'],
  ])('%s=%s is refused naming the variable', (name, value) => {
    const e = configErrorOf({ [name]: value });
    expect(e.message).toContain(name);
    expect(e.variables).toEqual([name]);
  });

  test('every bad variable is named at once', () => {
    const e = configErrorOf({ PORT: 'abc', LINE_API_BASE_URL: 'nope', LOG_LEVEL: 'loud' });
    expect(e.variables.sort()).toEqual(['LINE_API_BASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  test('only the channel secret set: the access token is named as missing', () => {
    const e = configErrorOf({ LINE_CHANNEL_SECRET: 'secret' });
    expect(e.variables).toEqual(['LINE_CHANNEL_ACCESS_TOKEN']);
    expect(e.message).toContain('LINE_CHANNEL_ACCESS_TOKEN');
  });

  test('only the access token set: the channel secret is named as missing', () => {
    const e = configErrorOf({ LINE_CHANNEL_ACCESS_TOKEN: 'token' });
    expect(e.variables).toEqual(['LINE_CHANNEL_SECRET']);
    expect(e.message).toContain('LINE_CHANNEL_SECRET');
  });

  test('a DATABASE_URL that is neither an SQLite file: URL nor a PostgreSQL one is refused', () => {
    expect(configErrorOf({ DATABASE_URL: 'mysql://x' }).variables).toEqual(['DATABASE_URL']);
    expect(configErrorOf({ DATABASE_URL: 'db.sqlite' }).variables).toEqual(['DATABASE_URL']);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/tsunagu' }).DATABASE_URL).toBe('postgres://db/tsunagu');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/tsunagu' }).DATABASE_URL).toBe('postgresql://u:p@127.0.0.1:5432/tsunagu');
  });
});

describe('src/composition/server.ts', () => {
  test('exits non-zero naming PORT when PORT is invalid, without starting', { timeout: 30_000 }, async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'tsunagu-server-'));
    try {
      // Only what a shell needs plus the bad value; a database in a scratch folder in case it got further.
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? scratch, PORT: 'abc', DATABASE_URL: `file:${path.join(scratch, 'x.db')}`, LOG_LEVEL: 'silent' };
      const child = spawn(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['src/composition/server.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Safety net only: a server that wrongly started would otherwise keep the test waiting forever.
      const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      clearTimeout(guard);

      expect(code, `stdout: ${stdout}\nstderr: ${stderr}`).not.toBe(0);
      expect(code).not.toBeNull();
      expect(stderr).toContain('PORT');
      expect(stdout).not.toContain('is running');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
