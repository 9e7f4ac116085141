// Under test: exactly-once delivery of a broadcast across a real crash — a child process running the engine
// (real app, SQLite file, LineMessenger over HTTP) is killed with SIGKILL in the middle of a send, and a second
// process finishes it once the batch leases the first held have passed. Faked: LINE, as the project's fake Messaging
// API over HTTP in this process, with latency so that calls are in flight when the kill comes, remembering retry
// keys and answering 409 to a repeat.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { createTestDb, type TestDb } from '../helpers/test-db';

const TOKEN = 'crash-test-token';
const RECIPIENTS = 5000;
const CHILD = path.resolve(import.meta.dirname, '..', 'helpers', 'broadcast-child.ts');

describe('a broadcast across a crash', () => {
  let testDb: TestDb;
  let fake: FakeLineServer;

  beforeAll(async () => {
    testDb = await createTestDb();
    fake = await startFakeLineServer({ channelAccessToken: TOKEN, faults: { latencyMs: 400, rateLimitPerSecond: { multicast: 200 } } });
    const now = new Date();
    await testDb.db.resident.createMany({
      data: Array.from({ length: RECIPIENTS }, (_, i) => ({ lineUserId: `U${String(i).padStart(32, '0')}`, language: i % 10 === 0 ? 'en' : 'ja', followed: true, followedAt: now, createdAt: now, updatedAt: now })),
    });
    await testDb.db.broadcast.create({
      data: { kind: 'announcement', title: 'テスト', content: JSON.stringify({ ja: '地区センターの行事のお知らせ', en: 'Community centre events' }), targeting: JSON.stringify({ everyone: true }), urgent: true, scheduledAt: now, createdAt: now },
    });
  }, 60_000);

  afterAll(async () => {
    await fake?.close();
    await testDb?.cleanup();
  });

  function runChild(): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        DATABASE_URL: testDb.url,
        LINE_CHANNEL_SECRET: 'crash-test-secret',
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_API_BASE_URL: fake.url,
        LINE_DATA_API_BASE_URL: fake.url,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  test('killing the sender mid-send and restarting delivers every recipient exactly once', { timeout: 120_000 }, async () => {
    const first = runChild();
    // Kill once LINE has accepted some batches but before the sender has heard back about all of them.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (fake.state.delivered().length >= 1500) {
          fake.state.events.off('delivered', check);
          resolve();
        }
      };
      fake.state.events.on('delivered', check);
    });
    first.kill('SIGKILL');
    await exited(first);

    const midway = await testDb.db.broadcast.findFirstOrThrow();
    expect(midway.status).toBe('sending');
    const pendingAfterKill = await testDb.db.broadcastBatch.count({ where: { status: 'pending' } });
    expect(pendingAfterKill).toBeGreaterThan(0);

    // The killed process still holds the batches it claimed: a process started before their lease passes leaves them.
    const held = await testDb.db.broadcastBatch.findMany({ where: { status: 'pending', leaseUntil: { gt: new Date() } }, select: { id: true } });
    expect(held.length).toBe(pendingAfterKill);
    expect(await exited(runChild())).toBe(0);
    expect(await testDb.db.broadcastBatch.count({ where: { status: 'pending' } })).toBe(pendingAfterKill);

    // Once the leases have passed (2 minutes, not waited for here), the next process takes the batches over.
    await testDb.db.broadcastBatch.updateMany({ where: { status: 'pending' }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    const second = runChild();
    expect(await exited(second)).toBe(0);

    const perUser = new Map<string, number>();
    for (const d of fake.state.delivered()) perUser.set(d.to, (perUser.get(d.to) ?? 0) + 1);
    expect(perUser.size).toBe(RECIPIENTS);
    const duplicates = [...perUser.values()].filter((n) => n !== 1).length;
    expect(duplicates).toBe(0);
    // The resent batches that LINE had already accepted were refused as repeats of their retry keys.
    const repeats = fake.state.requests.filter((r) => r.endpoint === 'multicast' && r.status === 409).length;
    expect(repeats).toBeGreaterThan(0);
    expect(await testDb.db.broadcast.findFirstOrThrow()).toMatchObject({ status: 'sent', targeted: RECIPIENTS, sent: RECIPIENTS, failed: 0, skipped: 0 });
    const en = fake.state.delivered().find((d) => d.to === `U${'0'.repeat(32)}`);
    expect(JSON.stringify(en?.messages)).toContain('Community centre events');
  });
});
