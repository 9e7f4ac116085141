// Under test: three instances of the service on one PostgreSQL database behave as one. Each instance is the
// production bundle in its own process (processing in its worker thread); signed webhooks from 200 residents are
// spread round-robin across them while one instance is killed with SIGKILL mid-way and started again; a broadcast
// to 20,000 followers is due when all three start, so their schedules race for it; the scheduled jobs tick on all
// three. Faked: LINE only (the project's fake Messaging API over HTTP in this process, shared by the three: reply
// tokens single-use, a repeated retry key refused with 409, every delivery recorded).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withEvent, type FixtureEvent } from '../fixtures/webhook-fixtures';
import { ledgers } from '../helpers/fault-world';
import { Cluster } from '../helpers/instances';
import { buildServiceBundle } from '../helpers/service-bundle';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';

const SECRET = 'multi-instance-secret';
const TOKEN = 'multi-instance-token';
const INSTANCES = 3;
const RESIDENTS = 200;
const FOLLOWERS = 20_000;
const DESCRIPTION_LINES = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const follower = (i: number) => `U${String(i).padStart(32, '0')}`;
const residentId = (i: number) => `U${'f'.repeat(24)}${String(i).padStart(8, '0')}`;

/**
 * One resident's consultation intake, every step a distinct answer, so answers processed out of LINE's order
 * leave a different (or no) consultation: the phone number and the description lines carry the resident's number.
 */
function intake(i: number): { inputs: string[]; phone: string; description: string } {
  const phone = `045000${String(i).padStart(4, '0')}`;
  const lines = Array.from({ length: DESCRIPTION_LINES }, (_, k) => `相談者${i}の${k + 1}行目です。`);
  const inputs = ['c=yes', 'menu=consult', 'cat=livelihood_loan', 'about=go', 'tc=yes', 'forWhom=family', 'd=kaigan', 'contact=phone', phone, 'contactTime=weekday_pm', 'urgency=soon', ...lines, 'desc=done', 'confirm=send'];
  return { inputs, phone, description: lines.join('\n') };
}

/** Polls `check` until it returns true, at most `ms` of real time; false if it never did. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(250);
  }
}

describe.runIf(testDatabaseKind() === 'postgresql')('three instances on one PostgreSQL database', () => {
  let testDb: TestDb;
  let cluster: Cluster;
  let broadcastId: string;

  beforeAll(async () => {
    const bundle = buildServiceBundle('multi-instance-dist');
    testDb = await createTestDb();
    // 20,000 followers and a broadcast to everyone due now, before any instance starts: each one's broadcast
    // schedule runs at start, so the three race for it.
    const now = new Date();
    await testDb.db.resident.createMany({
      data: Array.from({ length: FOLLOWERS }, (_, i) => ({ lineUserId: follower(i), language: i % 10 === 0 ? 'en' : 'ja', followed: true, followedAt: now, createdAt: now, updatedAt: now })),
    });
    broadcastId = (
      await testDb.db.broadcast.create({
        data: { kind: 'announcement', title: '複数台の試験', content: JSON.stringify({ ja: '地区センターの行事のお知らせ', en: 'Community centre events' }), targeting: JSON.stringify({ everyone: true }), urgent: true, scheduledAt: now, createdAt: now },
      })
    ).id;
    // All three at once (the test database is migrated), LINE answering after 50 ms: their start-up broadcast runs
    // overlap, and calls are in flight when an instance is killed.
    cluster = await Cluster.start({ count: INSTANCES, databaseUrl: testDb.url, bundle, secret: SECRET, token: TOKEN, migrated: true, faults: { latencyMs: 50 } });
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
    await testDb?.cleanup();
  }, 60_000);

  test(`a broadcast to ${FOLLOWERS.toLocaleString('en')} followers, the three racing for it, reaches each follower once`, { timeout: 90_000 }, async () => {
    const db = testDb.db;
    const finished = await eventually(async () => ['sent', 'failed'].includes((await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status), 60_000);
    expect(finished, 'the broadcast finished within 60 s').toBe(true);
    // Any instance still sending a copy would add deliveries now; give it a moment to show.
    await sleep(2000);
    const perFollower = new Map<string, number>();
    for (const d of cluster.line.state.deliveries) if (d.delivered && d.via === 'multicast') perFollower.set(d.to, (perFollower.get(d.to) ?? 0) + 1);
    expect(perFollower.size).toBe(FOLLOWERS);
    const twice = [...perFollower.values()].filter((n) => n > 1).length;
    expect.soft(twice, 'followers who got the broadcast more than once').toBe(0);
    expect.soft(await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).toMatchObject({ status: 'sent', targeted: FOLLOWERS, sent: FOLLOWERS, failed: 0 });
    expect.soft(await db.broadcastDelivery.count({ where: { broadcastId } })).toBe(FOLLOWERS);
    const en = cluster.line.state.deliveries.find((d) => d.to === follower(0) && d.via === 'multicast');
    expect(JSON.stringify(en?.messages)).toContain('Community centre events');
  });

  test(`${RESIDENTS} residents' webhooks spread across the instances, one killed mid-way and restarted: every event processed once, in order, nothing delivered twice`, { timeout: 150_000 }, async () => {
    const db = testDb.db;
    const residents = Array.from({ length: RESIDENTS }, (_, i) => residentId(i));
    for (const r of residents) cluster.line.state.setFriend(r, { language: 'ja' });
    const plans = residents.map((_, i) => intake(i));
    const total = plans.reduce((n, p) => n + 1 + p.inputs.length, 0);
    const posted: FixtureEvent[] = [];
    const base = Date.now();

    // Each resident's events in LINE's order (one acknowledged before the next is sent, as LINE does for one
    // user), the k-th going to instance (resident + k) mod 3: consecutive answers land on different instances.
    const load = residents.map(async (userId, i) => {
      const plan = plans[i]!;
      const inputs = ['(follow)', ...plan.inputs];
      for (let k = 0; k < inputs.length; k++) {
        const input = inputs[k]!;
        const replyToken = cluster.line.state.issueReplyToken(userId);
        const timestamp = base + i + k * 1000;
        const event =
          input === '(follow)'
            ? withEvent('follow', { userId, replyToken, timestamp })
            : input.includes('=')
              ? withEvent('postback', { userId, data: input, replyToken, timestamp })
              : withEvent('message-text', { userId, text: input, replyToken, timestamp });
        await cluster.deliver(event, i + k);
        posted.push(event);
      }
    });

    // Kill instance 2 once a third of the events are in, start it again once two thirds are.
    const victim = cluster.instances[1]!;
    const drill = (async () => {
      while (posted.length < total / 3) await sleep(20);
      await victim.kill();
      const killedAt = posted.length;
      // (Or at once, with no other instance up to take the webhooks meanwhile.)
      while (posted.length < (2 * total) / 3 && cluster.live().length > 0) await sleep(20);
      await victim.start();
      return killedAt;
    })();
    await Promise.all(load);
    const killedAt = await drill;
    const restartedAt = new Date();
    expect(victim.running).toBe(true);
    expect(posted).toHaveLength(total);

    // Settled: no event waiting, no outbound row unsettled (the outbox schedule retries every 5 s) — but for rows the
    // killed instance left `attempting`, which another resumes only once their lease (ATTEMPT_LEASE_MS, 3 min) has
    // passed, longer than this test waits: claimed before the restart, they are counted as in flight below.
    const unsettled = () => db.outboundMessage.count({ where: { OR: [{ status: { in: ['pending', 'retry'] } }, { status: 'attempting', createdAt: { gte: restartedAt } }] } });
    const settled = await eventually(async () => (await db.webhookEvent.count({ where: { status: 'pending' } })) === 0 && (await unsettled()) === 0, 60_000);
    expect.soft(settled, 'every event processed and every outbound row settled within 60 s').toBe(true);
    const inFlight = await db.outboundMessage.findMany({ where: { status: 'attempting' }, select: { eventId: true } });

    // Every event stored once and processed (done), whichever instance took it and however often it was posted.
    const ids = posted.map((e) => String(e.webhookEventId));
    const stored = await db.webhookEvent.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
    expect(stored).toHaveLength(total);
    expect.soft(stored.filter((e) => e.status !== 'done'), 'events not done').toEqual([]);

    // Processed once: one reply row per event (an event processed twice writes its reply twice).
    const replyRows = await db.outboundMessage.groupBy({ by: ['eventId'], where: { eventId: { in: ids }, method: 'reply' }, _count: { _all: true } });
    expect.soft(replyRows.filter((r) => r._count._all > 1).length, 'events with more than one reply row').toBe(0);

    // Each reply token used once: none accepted twice, and none refused but for a reply whose row is marked
    // ambiguous: a call the instance never heard answered (cut by the kill, or past the 2 s call limit on a busy
    // machine) may have used the token, and every later attempt with it is refused — one row may see several such
    // refusals. An event processed twice would try its token again from a row with no such mark.
    const eventOfToken = new Map(posted.map((e) => [String(e.replyToken), String(e.webhookEventId)]));
    const accepted = new Map<string, number>();
    const refusedTokens = new Map<string, number>();
    for (const r of cluster.line.state.requests) {
      if (r.endpoint !== 'reply') continue;
      const token = (r.body as { replyToken?: string } | undefined)?.replyToken ?? '';
      if (!eventOfToken.has(token)) continue;
      const tally = r.status === 200 ? accepted : refusedTokens;
      tally.set(token, (tally.get(token) ?? 0) + 1);
    }
    const refused = [...refusedTokens.values()].reduce((n, k) => n + k, 0);
    const ambiguousEvents = new Set(
      (await db.outboundMessage.findMany({ where: { eventId: { in: ids }, method: 'reply', ambiguous: true }, select: { eventId: true } })).map((r) => r.eventId),
    );
    const ambiguous = ambiguousEvents.size;
    const refusedWithoutExcuse = [...refusedTokens.keys()].filter((t) => !ambiguousEvents.has(eventOfToken.get(t)!));
    expect.soft(refusedWithoutExcuse.length, 'reply tokens LINE refused whose reply row is not marked ambiguous').toBe(0);
    expect.soft([...accepted.values()].filter((n) => n > 1).length, 'reply tokens accepted more than once').toBe(0);
    // And each event answered with its own token (every step of the intake replies), but for replies the kill left
    // in flight.
    const inFlightEvents = new Set(inFlight.map((r) => r.eventId));
    const unanswered = posted.filter((e) => !accepted.has(String(e.replyToken)) && !inFlightEvents.has(String(e.webhookEventId)));
    expect.soft(unanswered.length, 'events not answered by their reply token (and not in flight at the kill)').toBe(0);

    // Each resident's answers in LINE's order: exactly one consultation, with the phone and the description lines
    // as sent (an answer processed early or late leaves the flow elsewhere).
    const consultations = await db.consultation.findMany({ include: { resident: { select: { lineUserId: true } } } });
    const byResident = new Map<string, typeof consultations>();
    for (const c of consultations) byResident.set(c.resident.lineUserId, [...(byResident.get(c.resident.lineUserId) ?? []), c]);
    const outOfOrder = residents.flatMap((userId, i) => {
      const mine = byResident.get(userId) ?? [];
      const plan = plans[i]!;
      return mine.length === 1 && mine[0]!.phone === plan.phone && mine[0]!.description === plan.description ? [] : [{ userId, consultations: mine.length }];
    });
    expect.soft(outOfOrder.length, 'residents whose answers were not taken in order').toBe(0);

    // No message delivered twice: each resident's outbound rows against what LINE accepted for them.
    const all = await ledgers({ residents, testDb, line: cluster.line }, { inFlight: true });
    const wrong = all.filter((l) => l.wrong.length > 0);
    expect.soft(wrong.map((l) => ({ userId: l.userId, wrong: l.wrong.slice(0, 2) })).slice(0, 3), 'residents with messages not delivered exactly once').toEqual([]);
    expect.soft(wrong.length).toBe(0);
    console.log(`multi-instance: ${total} events, instance 2 killed after ${killedAt} and restarted; ${stored.filter((e) => e.status === 'done').length} done; ${outOfOrder.length} residents out of order; ${refused} replies refused for ${refusedTokens.size} tokens (${ambiguous} reply rows ambiguous); ${inFlight.length} rows left in flight by the kill; ${wrong.length} residents with a wrong ledger`);
  });

  test('each scheduled job ran once per slot, whichever instances were up', { timeout: 30_000 }, async () => {
    const db = testDb.db;
    const runs = await db.scheduledRun.findMany();
    // Claimed: the broadcast run ticks every minute and at start on every instance (one row per (job, slot) is the
    // table's primary key; what matters is that the instances claim slots there, and the effects below).
    expect.soft(runs.filter((r) => /broadcast/i.test(r.job)).length, 'broadcast-run slots claimed').toBeGreaterThan(0);
    // The effect once per slot: the daily housekeeping (run at start by each instance, and at 03:30) wrote one
    // HousekeepingRun per claimed slot, not one per instance start (four starts here).
    const housekeepingSlots = runs.filter((r) => /housekeeping/i.test(r.job)).length;
    expect.soft(housekeepingSlots, 'housekeeping slots claimed').toBeGreaterThan(0);
    expect.soft(await db.housekeepingRun.count(), 'housekeeping runs (one per claimed slot)').toBe(housekeepingSlots);
    // And the broadcast engine's effect, once: one send of the broadcast (one set of batches).
    const batches = await db.broadcastBatch.findMany({ where: { broadcastId }, select: { recipients: true } });
    const inBatches = batches.reduce((n, b) => n + (JSON.parse(b.recipients) as string[]).length, 0);
    expect.soft(inBatches, 'recipients in the broadcast\'s batches').toBe(FOLLOWERS);
  });
});
