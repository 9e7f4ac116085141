/**
 * A council's worst day in one process: the real app (inline processing, its real LINE adapter with a short
 * client timeout) on a fresh SQLite file, talking over HTTP to the project's fake LINE API with faults injected.
 * Residents follow and write; afterwards every outbound row is compared with what the fake says reached them.
 */
import { buildApp, type App } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import type { Db } from '../../src/infra/prisma/database';
import { startFakeLineServer, type FakeLineFaults, type FakeLineServer, type FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
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
  /**
   * Rows that did not reach the resident exactly once: a `sent` row whose LINE request id is no delivery of the
   * fake's, or messages delivered more (or fewer) times than the rows that may account for them.
   */
  wrong: Array<{ id?: string; status: string; problem: string }>;
  unknown: number;
  safetyRows: number;
  safetyDelivered: number;
}

/**
 * Compares each resident's outbound rows with the fake's reply and push deliveries. Each `sent` row must name (by
 * its LINE request id, or the accepted id of a 409) a delivery to that resident. Deliveries no sent row names must
 * be accounted for, content by content, by `unknown` rows (LINE took them without answering) — or by the reply
 * before a safety row's extra push; no more, no fewer. So every row reached the resident exactly once, an unknown
 * one only where LINE accepted it, and nothing arrived that no row asked for.
 *
 * `inFlight`: rows still `attempting` (a killed process's call, resumed only once its lease has passed) may each
 * explain one delivery, or none.
 */
export async function ledgers(world: Pick<FaultWorld, 'residents'> & { testDb: { db: Db }; line: { state: FakeLineState } }, opts: { inFlight?: boolean } = {}): Promise<ResidentLedger[]> {
  const rows = await world.testDb.db.outboundMessage.findMany({ orderBy: { createdAt: 'asc' } });
  const deliveries = world.line.state.deliveries.filter((d) => d.delivered && (d.via === 'reply' || d.via === 'push'));
  return world.residents.map((userId) => {
    const mine = rows.filter((r) => r.lineUserId === userId);
    const theirs = deliveries.filter((d) => d.to === userId);
    const byRequest = new Map(theirs.map((d) => [d.requestId, d]));
    const statuses: Record<string, number> = {};
    const wrong: ResidentLedger['wrong'] = [];
    const named = new Set<string>();
    for (const r of mine) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 'sent') continue;
      const d = r.requestId ? byRequest.get(r.requestId) : undefined;
      if (!d || JSON.stringify(d.messages) !== r.messages) wrong.push({ id: r.id, status: r.status, problem: 'sent, but LINE has no such delivery' });
      else if (named.has(d.requestId)) wrong.push({ id: r.id, status: r.status, problem: 'names a delivery another row names' });
      else named.add(d.requestId);
    }
    // Deliveries no sent row names, by content, against the rows that may explain them.
    const unclaimed = new Map<string, number>();
    for (const d of theirs) if (!named.has(d.requestId)) unclaimed.set(JSON.stringify(d.messages), (unclaimed.get(JSON.stringify(d.messages)) ?? 0) + 1);
    const must = new Map<string, number>();
    const may = new Map<string, number>();
    for (const r of mine) {
      if (r.status === 'unknown') must.set(r.messages, (must.get(r.messages) ?? 0) + 1);
      if ((r.status === 'sent' && r.safety && r.ambiguous) || (opts.inFlight && r.status === 'attempting')) may.set(r.messages, (may.get(r.messages) ?? 0) + 1);
    }
    for (const content of new Set([...unclaimed.keys(), ...must.keys()])) {
      const got = unclaimed.get(content) ?? 0;
      const low = must.get(content) ?? 0;
      const high = low + (may.get(content) ?? 0);
      if (got < low || got > high) wrong.push({ status: 'unknown', problem: `${got} unclaimed deliveries of ${content.slice(0, 60)}…, rows explain ${low}..${high}` });
    }
    const safety = mine.filter((r) => r.safety);
    const deliveredContent = new Set(theirs.map((d) => JSON.stringify(d.messages)));
    return {
      userId,
      statuses,
      wrong,
      unknown: statuses.unknown ?? 0,
      safetyRows: safety.length,
      safetyDelivered: safety.filter((r) => deliveredContent.has(r.messages)).length,
    };
  });
}
