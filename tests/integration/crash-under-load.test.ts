// Under test: nothing lost and nothing twice across crashes under load. The real service (the production bundle,
// processing in its worker thread, a SQLite file) runs as a child process while residents keep writing; at random
// moments its processing worker is ended abruptly (SIGUSR2, as an out-of-memory crash would) or the whole process
// is killed with SIGKILL and started again — at least 20 kills. Then every resident's outbound rows are compared
// with what reached them. Faked: LINE only (the project's fake Messaging API over HTTP in this process, with
// latency so calls are in flight when a kill comes; it keeps tokens, keys and deliveries across restarts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { callbackBody, sign, withEvent, type FixtureEvent } from '../fixtures/webhook-fixtures';
import { ledgers } from '../helpers/fault-world';
import { newUserId } from '../helpers/line-events';
import { buildServiceBundle, freePort, serviceEnv } from '../helpers/service-bundle';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { seededRandom } from '../fakes/seeded-random';

const SECRET = 'crash-load-secret';
const TOKEN = 'crash-load-token';
const RESIDENTS = 24;
const KILLS = 22;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crashes under load', () => {
  let testDb: TestDb;
  let fake: FakeLineServer;
  let port: number;
  let child: ChildProcess | undefined;
  let bundle: string;
  const rand = seededRandom(20261206);

  beforeAll(async () => {
    // The bundle the service runs in production (`npm start`), built into a scratch folder of the project.
    bundle = buildServiceBundle('crash-dist');
    testDb = await createTestDb();
    fake = await startFakeLineServer({ channelAccessToken: TOKEN, faults: { latencyMs: 40 } });
    port = await freePort();
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await fake?.close();
    await testDb?.cleanup();
  });

  async function start(): Promise<void> {
    child = spawn(process.execPath, ['--max-old-space-size=128', path.join(bundle, 'server.mjs')], {
      env: { ...serviceEnv({ port, databaseUrl: testDb.url, secret: SECRET, token: TOKEN, lineUrl: fake.url, logLevel: 'error' }), LINE_TIMEOUT_MS: '1000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const c = child;
    const until = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ready) return;
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`the service exited while starting (${c.exitCode ?? c.signalCode})`);
      if (Date.now() > until) throw new Error('the service did not become ready within 60 s');
      await sleep(50);
    }
  }

  async function killProcess(): Promise<void> {
    const c = child!;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  }

  /** Posts one event as LINE would, again (as a redelivery) until the service answers 200. */
  async function deliver(event: FixtureEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 600) throw new Error('the service has not accepted a webhook for a minute');
      const e = attempt === 0 ? event : { ...event, deliveryContext: { isRedelivery: true } };
      const body = callbackBody([e]);
      const ok = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, SECRET) }, body, signal: AbortSignal.timeout(5000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
  }

  test(`every resident gets each message once across ${KILLS} kills of the worker and the process`, { timeout: 240_000 }, async () => {
    await start();
    const residents = Array.from({ length: RESIDENTS }, () => newUserId());
    for (const r of residents) fake.state.setFriend(r, { language: 'ja' });
    let loadOn = true;
    let posted = 0;
    const load = residents.map(async (userId, i) => {
      await deliver(withEvent('follow', { userId, replyToken: fake.state.issueReplyToken(userId) }));
      posted++;
      for (let n = 0; loadOn; n++) {
        const text = i % 6 === 0 && n === 3 ? 'もう死にたい' : n % 2 ? 'メニュー' : 'こんにちは';
        await deliver(withEvent('message-text', { userId, text, replyToken: fake.state.issueReplyToken(userId) }));
        posted++;
        await sleep(80 + (i % 5) * 40);
      }
    });

    let workerKills = 0;
    let processKills = 0;
    while (workerKills + processKills < KILLS) {
      await sleep(400 + rand() * 900);
      if (rand() < 0.35) {
        await killProcess();
        processKills++;
        await start();
      } else {
        child!.kill('SIGUSR2');
        workerKills++;
      }
    }
    loadOn = false;
    await Promise.all(load);

    // Let the service finish: every event processed and no outbound row unsettled (the outbox schedule runs every 5 s).
    const until = Date.now() + 90_000;
    for (;;) {
      const events = await testDb.db.webhookEvent.count({ where: { status: 'pending' } });
      const open = await testDb.db.outboundMessage.count({ where: { status: { in: ['pending', 'attempting', 'retry'] } } });
      if (!events && !open) break;
      if (Date.now() > until) throw new Error(`not settled: ${events} events pending, ${open} outbound rows open`);
      await sleep(250);
    }

    const stored = await testDb.db.webhookEvent.count({ where: { userKey: { in: residents } } });
    expect(stored).toBe(posted);
    expect(await testDb.db.webhookEvent.count({ where: { userKey: { in: residents }, status: { not: 'done' } } })).toBe(0);
    const all = await ledgers({ residents, testDb, line: fake });
    for (const l of all) {
      expect(l.wrong, `resident ${l.userId}: rows not delivered exactly once`).toEqual([]);
      expect(Object.keys(l.statuses).filter((s) => s !== 'sent' && s !== 'unknown')).toEqual([]);
      expect(l.safetyDelivered).toBe(l.safetyRows);
    }
    expect(all.reduce((n, l) => n + l.safetyRows, 0)).toBeGreaterThan(0);
    console.log(`crash test: ${posted} events, ${workerKills} worker kills, ${processKills} process kills, ${all.reduce((n, l) => n + l.unknown, 0)} rows unknown (LINE accepted without answering)`);
  });
});
