// Under test: scheduled jobs run once per slot across instances — three schedulers (each its own database client
// and owner, as three instances would have) ticking on one database through `slotTicker` and `PrismaScheduledRuns`,
// on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL). Faked: the clock (FakeClock); ticks are driven
// by the test instead of node-cron; the jobs record their runs (and, for housekeeping, the real app's run).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Logger } from '../../src/domain/ports';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { PrismaScheduledRuns } from '../../src/infra/prisma/prisma-scheduled-runs';
import { scheduleJob, slotTicker, type ScheduledJob } from '../../src/scheduler/schedule-job';
import { systemClock } from '../../src/infra/system';
import { cronSlot } from '../../src/domain/cron-slot';
import { FakeClock } from '../fakes/fake-clock';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createTestDb, type TestDb } from '../helpers/test-db';

const jst = (s: string) => new Date(`${s}+09:00`);
const MINUTE = 60_000;

function recordingLogger(): Logger & { lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('scheduled jobs across instances', () => {
  let testDb: TestDb;
  let clients: Db[];
  let clock: FakeClock;
  let logger: ReturnType<typeof recordingLogger>;
  beforeEach(async () => {
    testDb = await createTestDb();
    clients = [testDb.db, await openDatabase(testDb.url), await openDatabase(testDb.url)];
    clock = new FakeClock('2026-11-24T10:00:00+09:00');
    logger = recordingLogger();
  });
  afterEach(async () => {
    for (const c of clients.slice(1)) await c.$disconnect();
    await testDb.cleanup();
  });

  /** Three instances' ticks of one job; each run records the slot's time and the instance that ran it. */
  function threeInstances(job: Omit<ScheduledJob, 'run' | 'failed'>, run: (instance: number) => Promise<void> = async () => {}) {
    const runs: Array<{ at: Date; instance: number }> = [];
    const ticks = clients.map((db, instance) =>
      slotTicker(
        {
          ...job,
          failed: `${job.name} failed`,
          run: async () => {
            runs.push({ at: clock.now(), instance });
            await run(instance);
          },
        },
        { runs: new PrismaScheduledRuns(db), owner: `instance-${instance}`, clock },
        logger,
      ),
    );
    return { runs, tickAll: () => Promise.all(ticks.map((t) => t())), ticks };
  }

  test('three instances ticking every minute run the job once per minute, whichever wins', async () => {
    const { runs, tickAll } = threeInstances({ name: 'broadcasts', expression: '* * * * *' });
    await tickAll(); // the start-up tick, 10:00:00
    clock.advance(20_000);
    await tickAll(); // a late start at 10:00:20: still the 10:00 slot, already done
    for (let m = 1; m <= 4; m++) {
      clock.set(jst(`2026-11-24T10:0${m}:00`));
      await tickAll();
    }
    expect(runs).toHaveLength(5);
    expect(new Set(runs.map((r) => r.at.toISOString()))).toEqual(new Set([0, 1, 2, 3, 4].map((m) => jst(`2026-11-24T10:0${m}:00`).toISOString())));
    const rows = await testDb.db.scheduledRun.findMany();
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.job === 'broadcasts' && r.finishedAt !== null)).toBe(true);
  });

  test('jobs are claimed separately: the outbox every five seconds beside broadcasts every minute', async () => {
    const broadcasts = threeInstances({ name: 'broadcasts', expression: '* * * * *' });
    const outbox = threeInstances({ name: 'outbox', expression: '*/5 * * * * *' });
    for (let s = 0; s < 60; s += 2.5) {
      clock.set(new Date(jst('2026-11-24T10:00:00').getTime() + s * 1000));
      await Promise.all([broadcasts.tickAll(), outbox.tickAll()]);
    }
    expect(broadcasts.runs).toHaveLength(1);
    expect(outbox.runs.map((r) => r.at.getUTCSeconds()).sort((a, b) => a - b)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
  });

  test('a claimant that died mid-run leaves its slot to another instance once its lease has passed', async () => {
    clock.set(jst('2026-11-24T03:30:00'));
    // An instance claimed today's housekeeping and died before finishing (its claim holds a minute's lease).
    const dead = new PrismaScheduledRuns(testDb.db);
    expect(await dead.claim('housekeeping', jst('2026-11-24T03:30:00'), 'dead', clock.now(), new Date(clock.now().getTime() + MINUTE))).toEqual({ won: true });
    const { runs, tickAll } = threeInstances({ name: 'housekeeping', expression: '30 3 * * *' });
    clock.advance(30_000);
    // Lost to a run still within its lease: each asks to tick again just after it, within today's slot.
    expect(await tickAll()).toEqual(Array(3).fill(jst('2026-11-24T03:31:01')));
    expect(runs).toHaveLength(0);
    clock.set(jst('2026-11-24T03:31:01'));
    await tickAll();
    expect(runs).toHaveLength(1);
    // Finished now: no one asks to come back for it.
    expect(await tickAll()).toEqual([null, null, null]);
    expect(runs).toHaveLength(1);
    const [row] = await testDb.db.scheduledRun.findMany();
    expect(row?.owner).toBe(`instance-${runs[0]!.instance}`);
    expect(row?.finishedAt).toEqual(clock.now());
  });

  test('a job due again before a lost claim\'s lease ends asks for no extra tick: the next slot comes first', async () => {
    const { tickAll } = threeInstances({ name: 'broadcasts', expression: '* * * * *' }, () => new Promise((resolve) => setImmediate(resolve)));
    const outcomes = await tickAll();
    expect(outcomes).toEqual([null, null, null]);
  });

  test('a claim renewed by a slow run is not taken over; a finished one never is', async () => {
    const slot = jst('2026-11-24T10:00:00');
    const a = new PrismaScheduledRuns(clients[0]!);
    const b = new PrismaScheduledRuns(clients[1]!);
    const at = (ms: number) => new Date(slot.getTime() + ms);
    expect(await a.claim('broadcasts', slot, 'a', at(0), at(MINUTE))).toEqual({ won: true });
    expect(await b.claim('broadcasts', slot, 'b', at(1000), at(MINUTE + 1000))).toEqual({ won: false, heldUntil: at(MINUTE) });
    expect(await a.renew('broadcasts', slot, 'a', at(2 * MINUTE))).toBe(true);
    expect(await b.claim('broadcasts', slot, 'b', at(90_000), at(150_000))).toEqual({ won: false, heldUntil: at(2 * MINUTE) });
    expect(await b.claim('broadcasts', slot, 'b', at(2 * MINUTE + 1), at(3 * MINUTE))).toEqual({ won: true });
    // Taken over: the first owner's renewal now fails, and its finish does not mark the new owner's run.
    expect(await a.renew('broadcasts', slot, 'a', at(4 * MINUTE))).toBe(false);
    await a.finish('broadcasts', slot, 'a', at(4 * MINUTE));
    expect((await testDb.db.scheduledRun.findFirst())?.finishedAt).toBeNull();
    await b.finish('broadcasts', slot, 'b', at(4 * MINUTE));
    expect(await a.claim('broadcasts', slot, 'a', at(60 * MINUTE), at(61 * MINUTE))).toEqual({ won: false, heldUntil: null });
  });

  test('a failing job is logged and its slot finished; the next slot runs it again', async () => {
    let fail = true;
    const { runs, tickAll } = threeInstances({ name: 'broadcasts', expression: '* * * * *' }, async () => {
      if (fail) throw new Error('LINE unreachable');
    });
    await tickAll();
    expect(runs).toHaveLength(1);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => [l.message, l.fields.err])).toEqual([['broadcasts failed', 'LINE unreachable']]);
    await tickAll();
    expect(runs).toHaveLength(1);
    fail = false;
    clock.advance(MINUTE);
    await tickAll();
    expect(runs).toHaveLength(2);
    expect((await testDb.db.scheduledRun.findMany()).every((r) => r.finishedAt !== null)).toBe(true);
  });

  test('a tick whose claim cannot be written logs it and runs nothing', async () => {
    const failing = new PrismaScheduledRuns(clients[0]!);
    failing.claim = async () => {
      throw new Error('database unreachable');
    };
    let ran = 0;
    const tick = slotTicker({ name: 'broadcasts', expression: '* * * * *', failed: 'broadcast run failed', run: async () => void ran++ }, { runs: failing, owner: 'x', clock }, logger);
    await tick();
    expect(ran).toBe(0);
    expect(logger.lines.map((l) => [l.level, l.message, l.fields.job])).toEqual([['error', 'scheduled job not claimed', 'broadcasts']]);
  });

  test('rows of slots more than three days old are removed as new slots are claimed, except each job\'s latest', async () => {
    const runs = new PrismaScheduledRuns(testDb.db);
    const day = 24 * 60 * MINUTE;
    const start = jst('2026-11-20T03:30:00').getTime();
    for (let d = 0; d < 6; d++) {
      const at = new Date(start + d * day);
      expect(await runs.claim('housekeeping', at, 'a', at, new Date(at.getTime() + MINUTE))).toEqual({ won: true });
      await runs.finish('housekeeping', at, 'a', at);
    }
    // A yearly job's only slot, claimed long ago, is kept: it is that job's latest.
    const yearly = jst('2026-01-01T00:00:00');
    expect(await runs.claim('yearly', yearly, 'a', yearly, new Date(yearly.getTime() + MINUTE))).toEqual({ won: true });
    await runs.finish('yearly', yearly, 'a', yearly);
    const at = new Date(start + 6 * day);
    expect(await runs.claim('housekeeping', at, 'a', at, new Date(at.getTime() + MINUTE))).toEqual({ won: true });
    const kept = (await testDb.db.scheduledRun.findMany()).map((r) => `${r.job} ${r.slot.toISOString()}`);
    expect(new Set(kept)).toEqual(new Set([...[3, 4, 5, 6].map((d) => `housekeeping ${new Date(start + d * day).toISOString()}`), `yearly ${yearly.toISOString()}`]));
  });
});

describe('scheduleJob on the real clock and timers', () => {
  let testDb: TestDb;
  beforeEach(async () => {
    testDb = await createTestDb();
  });
  afterEach(async () => {
    await testDb.cleanup();
  });

  test('the start tick runs the job once; lost to a claim that then dies, it takes the slot over by itself after the lease', async () => {
    // A yearly job (its slot is this year's 1 January), so the slot cannot change while the test runs.
    const job = { name: 'yearly', expression: '0 0 1 1 *' };
    const slot = cronSlot(job.expression, systemClock.now());
    const runs = new PrismaScheduledRuns(testDb.db);
    const leaseMs = 300;
    // Another instance claimed it a moment ago and will never finish.
    const now = systemClock.now();
    expect(await runs.claim(job.name, slot, 'dead', now, new Date(now.getTime() + leaseMs))).toEqual({ won: true });
    let ran = 0;
    const logger = recordingLogger();
    const scheduled = scheduleJob({ ...job, failed: 'yearly failed', run: async () => void ran++ }, { runs, owner: 'survivor', clock: systemClock, leaseMs }, logger);
    try {
      await vi.waitFor(async () => expect((await testDb.db.scheduledRun.findFirst())?.finishedAt).toBeInstanceOf(Date), { timeout: 10_000, interval: 100 });
      expect(ran).toBe(1);
      expect((await testDb.db.scheduledRun.findFirst())?.owner).toBe('survivor');
      expect(logger.lines).toEqual([]);
    } finally {
      scheduled.stop();
    }
  });
});

describe('daily housekeeping across instances', () => {
  let t: TestApp;
  let others: Db[];
  beforeEach(async () => {
    t = await createTestApp();
    others = [await openDatabase(t.testDb.url), await openDatabase(t.testDb.url)];
  });
  afterEach(async () => {
    for (const db of others) await db.$disconnect();
    await t.close();
  });

  test('runs once a day whichever of three instances ticks, also after a restart later that day', async () => {
    const logger = recordingLogger();
    const instance = (db: Db, owner: string) =>
      slotTicker({ name: 'housekeeping', expression: '30 3 * * *', failed: 'housekeeping failed', run: () => t.app.runHousekeeping() }, { runs: new PrismaScheduledRuns(db), owner, clock: t.clock }, logger);
    const three = [instance(t.app.db, 'a'), instance(others[0]!, 'b'), instance(others[1]!, 'c')];
    const tickAll = () => Promise.all(three.map((tick) => tick()));
    t.clock.set(jst('2026-11-24T10:00:00')); // all three start mid-morning: today's 03:30 has not run yet
    await tickAll();
    t.clock.set(jst('2026-11-24T15:00:00'));
    await tickAll();
    await instance(t.app.db, 'a-restarted')(); // an instance restarted in the afternoon
    expect(await t.app.db.housekeepingRun.count()).toBe(1);
    t.clock.set(jst('2026-11-25T03:30:00'));
    await tickAll();
    t.clock.set(jst('2026-11-25T03:31:00'));
    await tickAll();
    expect(await t.app.db.housekeepingRun.count()).toBe(2);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
