/**
 * A council's worst day in one process: the real app (inline processing, its real LINE adapter with a short
 * client timeout) on a fresh SQLite file, talking over HTTP to the project's fake LINE API with faults injected.
 * Residents follow and write; afterwards every outbound row is compared with what the fake says reached them.
 */
import { buildApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Db } from '../../src/infra/database';
import { startFakeLineServer, type FakeLineFaults, type FakeLineServer, type FakeLineState } from '../../src/infra/fake-line/fake-line-api';
import { callbackBody, sign, withEvent, type FixtureEvent } from '../fixtures/webhook-fixtures';
import { seededRandom } from '../fakes/seeded-random';
import { newUserId } from './line-events';
import { createTestDb, type TestDb } from './test-db';

const SECRET = 'fault-world-secret';
const TOKEN = 'fault-world-token';

/** Client timeout of the app's LINE adapter in these tests; `noAnswer` faults hang longer than this. */
export const CLIENT_TIMEOUT_MS = 400;

export interface FaultWorld {
  app: App;
  line: FakeLineServer;
  testDb: TestDb;
  residents: string[];
  /** Posts each event in its own signed webhook (as LINE does under load), all at once. */
  post(events: FixtureEvent[]): Promise<void>;
  /** A text from `userId` with a reply token the fake will accept once. */
  text(userId: string, text: string): FixtureEvent;
  follow(userId: string): FixtureEvent;
  /** Waits until processing is idle and no outbound row is unsettled, running the outbox schedule as it would. */
  drain(maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultWorld(opts: { residents: number; faults?: FakeLineFaults; seed?: number; monthlyQuota?: number }): Promise<FaultWorld> {
  const line = await startFakeLineServer({
    channelAccessToken: TOKEN,
    random: seededRandom(opts.seed ?? 1),
    ...(opts.monthlyQuota !== undefined ? { monthlyQuota: opts.monthlyQuota } : {}),
  });
  const testDb = await createTestDb();
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    LINE_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const app = await buildApp({ config, skipMigrations: true, logger: false });
  await app.recover();
  const residents = Array.from({ length: opts.residents }, () => newUserId());
  for (const r of residents) line.state.setFriend(r, { language: 'ja' });
  if (opts.faults) line.state.setFaults(opts.faults);

  const world: FaultWorld = {
    app,
    line,
    testDb,
    residents,
    async post(events) {
      await Promise.all(
        events.map(async (e) => {
          const body = callbackBody([e]);
          const res = await app.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, SECRET) }, payload: body });
          if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}`);
        }),
      );
    },
    text(userId, text) {
      return withEvent('message-text', { userId, text, replyToken: line.state.issueReplyToken(userId) });
    },
    follow(userId) {
      return withEvent('follow', { userId, replyToken: line.state.issueReplyToken(userId) });
    },
    async drain(maxMs = 60_000) {
      const until = Date.now() + maxMs;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        await app.queue.whenIdle();
        const open = await testDb.db.outboundMessage.findMany({ where: { status: { in: ['pending', 'attempting', 'retry'] } }, select: { status: true, nextAttemptAt: true } });
        const events = await testDb.db.webhookEvent.count({ where: { status: 'pending' } });
        if (!open.length && !events) return;
        if (Date.now() > until) throw new Error(`not drained: ${open.length} outbound rows, ${events} events still open`);
        const next = Math.min(...open.map((o) => o.nextAttemptAt?.getTime() ?? Date.now()));
        await new Promise((r) => setTimeout(r, Math.max(50, Math.min(1000, next - Date.now()))));
        await app.runOutbox();
      }
    },
    async close() {
      await app.close();
      await line.close();
      await testDb.cleanup();
    },
  };
  return world;
}

/** What one resident was owed and got. */
export interface ResidentLedger {
  userId: string;
  /** Outbound rows by status. */
  statuses: Record<string, number>;
  /** Rows whose messages reached the resident a number of times other than once (safety rows may reach twice). */
  wrong: Array<{ id: string; status: string; safety: boolean; ambiguous: boolean; delivered: number }>;
  /** Deliveries that match no row (something sent that was never written). */
  strays: number;
  unknown: number;
  safetyRows: number;
  safetyDelivered: number;
}

/**
 * Compares each resident's outbound rows with the fake's deliveries. A row is right when its messages reached the
 * resident exactly once; a safety row whose reply outcome was unknown may have reached them twice (never zero).
 */
export async function ledgers(world: Pick<FaultWorld, 'residents'> & { testDb: { db: Db }; line: { state: FakeLineState } }): Promise<ResidentLedger[]> {
  const rows = await world.testDb.db.outboundMessage.findMany({ orderBy: { createdAt: 'asc' } });
  return world.residents.map((userId) => {
    const mine = rows.filter((r) => r.lineUserId === userId);
    const delivered = new Map<string, number>();
    for (const d of world.line.state.deliveries) {
      if (d.to !== userId || !d.delivered) continue;
      const key = JSON.stringify(d.messages);
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
    }
    const owed = new Map<string, number>();
    for (const r of mine) owed.set(r.messages, (owed.get(r.messages) ?? 0) + 1);
    const statuses: Record<string, number> = {};
    const wrong: ResidentLedger['wrong'] = [];
    for (const r of mine) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      // Identical messages written n times must arrive n times: compare per distinct content.
      const got = (delivered.get(r.messages) ?? 0) / (owed.get(r.messages) ?? 1);
      const allowed = r.safety && r.ambiguous ? got === 1 || got === 2 : got === 1;
      if (!allowed) wrong.push({ id: r.id, status: r.status, safety: r.safety, ambiguous: r.ambiguous, delivered: got });
    }
    let strays = 0;
    for (const [key, n] of delivered) if (!owed.has(key)) strays += n;
    const safety = mine.filter((r) => r.safety);
    return {
      userId,
      statuses,
      wrong,
      strays,
      unknown: statuses.unknown ?? 0,
      safetyRows: safety.length,
      safetyDelivered: safety.filter((r) => (delivered.get(r.messages) ?? 0) > 0).length,
    };
  });
}
