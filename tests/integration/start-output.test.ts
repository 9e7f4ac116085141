// Under test: what `npm start` prints when its output is not a terminal (CI, files, production pipes). The
// production bundle runs as a child process with stdout piped: every log line is JSON, the processing worker's
// lines among them, and the start banner comes last, after recovery (during which the worker logs) — and
// neither secrets nor what a resident wrote appear anywhere. Faked: LINE only (the project's fake Messaging API
// over HTTP in this process; message content answers 500, so the worker logs while it recovers).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { callbackBody, sign, withEvent } from '../fixtures/webhook-fixtures';
import { newUserId } from '../helpers/line-events';
import { buildServiceBundle, freePort, serviceEnv } from '../helpers/service-bundle';
import { createTestDb, type TestDb } from '../helpers/test-db';

const SECRET = 'start-output-channel-secret';
const TOKEN = 'start-output-access-token';
const PRIVATE = '山田花子 090-1234-5678';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects a child's stdout as text. */
function collect(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (text += chunk));
  return { text: () => text };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('start-up output through a pipe', () => {
  let testDb: TestDb;
  let fake: FakeLineServer;
  let child: ChildProcess | undefined;
  let bundle: string;

  beforeAll(async () => {
    bundle = buildServiceBundle('start-output-dist');
    testDb = await createTestDb();
    // A photo a previous run could not copy from LINE: each start's recovery retries it, fails (500) and the
    // worker logs so — which also makes recovery take a second or so.
    await testDb.db.attachment.create({ data: { residentId: 'r-1', lineMessageId: '500000000000000001', createdAt: new Date() } });
    fake = await startFakeLineServer({ channelAccessToken: TOKEN, faults: { rules: [{ kind: 'status', status: 500, phase: 'before', rate: 1, endpoints: ['content'] }] } });
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await fake?.close();
    await testDb?.cleanup();
  });

  /** Starts the bundle on a free port with stdout piped. */
  async function launch(): Promise<{ child: ChildProcess; out: { text: () => string }; base: string }> {
    const port = await freePort();
    child = spawn(process.execPath, [path.join(bundle, 'server.mjs')], {
      env: serviceEnv({ port, databaseUrl: testDb.url, secret: SECRET, token: TOKEN, lineUrl: fake.url, logLevel: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { child, out: collect(child), base: `http://127.0.0.1:${port}` };
  }

  const lastBannerLineOf = (base: string) => `  console: ${base}/console   (create a staff account: npm run staff:create -- --login <id> --name <名前> --role admin)`;

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }

  test('JSON lines, the worker included, then the banner last; no secret or message text anywhere', { timeout: 60_000 }, async () => {
    const { child, out, base } = await launch();
    const lastBannerLine = lastBannerLineOf(base);
    await until('the banner', () => out.text().includes(lastBannerLine));
    // Anything still on its way would land now.
    await sleep(500);

    const lines = out.text().trimEnd().split('\n');
    const banner = [
      `Tsunagu is running: ${base}`,
      `  health:  ${base}/healthz   readiness: ${base}/readyz`,
      `  webhook: ${base}/webhook`,
      lastBannerLine,
    ];
    expect(lines.slice(-banner.length)).toEqual(banner);
    const records = lines.slice(0, -banner.length).map((l) => JSON.parse(l) as { level: number; msg: string; name?: string });
    expect(records.map((r) => r.msg)).toContain(`Server listening at ${base}`);
    // The worker's line from recovery, written by the main thread's logger, before the banner.
    expect(records).toContainEqual(expect.objectContaining({ level: 40, name: 'processing', lineMessageId: '500000000000000001', msg: 'attachment not copied yet; retried at next start' }));

    // A resident writes; the service answers; nothing they wrote (nor the signature) reaches the log.
    const userId = newUserId();
    fake.state.setFriend(userId, { language: 'ja' });
    const body = callbackBody([withEvent('message-text', { userId, text: PRIVATE, replyToken: fake.state.issueReplyToken(userId) })]);
    const signature = sign(body, SECRET);
    const res = await fetch(`${base}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
    expect(res.status).toBe(200);
    await until('the reply', () => fake.state.delivered().some((d) => d.to === userId));

    expect(await stop(child)).toBe(0);
    const after = out.text().trimEnd().split('\n').slice(lines.length);
    expect(after.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('shutting down');
    for (const secret of [SECRET, TOKEN, signature, PRIVATE, '090-1234-5678']) expect(out.text()).not.toContain(secret);
  });

  test('a drill (SIGUSR2) while the service is still starting waits until it is ready, instead of ending it', { timeout: 60_000 }, async () => {
    const { child, out, base } = await launch();
    // Webhooks are answered from the moment the server listens, while recovery is still running (/readyz says 503
    // until recovery has run; /healthz answers as soon as it listens).
    await until('the server to listen', () => fetch(`${base}/healthz`).then((r) => r.ok, () => false));
    expect(out.text()).not.toContain('Tsunagu is running');
    child.kill('SIGUSR2');
    await until('the banner', () => out.text().includes(lastBannerLineOf(base)));
    // The worker ends, is started again and recovers (logging the photo it still cannot copy a second time).
    await until('the drill', () => out.text().includes('processing worker exited; restarting it'));
    await until('the new worker', () => out.text().split('attachment not copied yet').length === 3);
    expect(child.exitCode).toBe(null);
    const afterBanner = out.text().slice(out.text().indexOf(lastBannerLineOf(base)));
    expect(afterBanner).toContain('drill: ending the processing worker abruptly');
    expect(await stop(child)).toBe(0);
  });
});
