// Under test: the retention policy applied by the daily housekeeping (App.runHousekeeping → applyRetention with
// PrismaRetentionStore), its runs on the console's 「データの保存期間」 page, and the annual report of the year before
// and after; on a temp SQLite file (incremental auto-vacuum) with the demo profile's defaults. The clock is faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { newUserId, textFrom } from '../helpers/line-events';
import { loginAs } from '../helpers/console';
import { applyRetention } from '../../src/usecases/retention/apply-retention';
import { PrismaHousekeepingRuns, PrismaRetentionStore } from '../../src/infra/prisma/prisma-retention';
import { DEFAULT_RETENTION_POLICY, type RetentionRule, type RetentionStore } from '../../src/domain/retention-policy';
import { ensureIncrementalVacuum } from '../../src/infra/prisma/database';
import { createTestDb, testDatabaseKind } from '../helpers/test-db';

const DAY = 86_400_000;
/** In fiscal year 2025 (April 2025 – March 2026): the year whose report must not change. */
const T0 = new Date('2025-06-10T10:00:00+09:00');
/** Six years on: every default period (the longest is 5 years) has passed for what was written around T0. */
const NOW = new Date(T0.getTime() + 6 * 365 * DAY);
const RECENT = new Date(NOW.getTime() - DAY);
const at = (days: number) => new Date(T0.getTime() + days * DAY);

let t: TestApp;
beforeEach(async () => {
  // Not recovered: the seeded pending event and outbound row stay pending, as a busy service's would.
  t = await createTestApp({}, { recovered: false });
  t.clock.set(NOW);
});
afterEach(async () => {
  await t.close();
});

const db = () => t.testDb.db;
let seq = 0;
const uid = () => `r${++seq}-${Math.random().toString(36).slice(2, 8)}`;

async function resident() {
  return t.app.deps.conversations.createResident(newUserId(), 'ja', T0);
}

async function webhookEvent(id: string, status: string, receivedAt: Date) {
  await db().webhookEvent.create({
    data: { id, lineType: 'message', sourceType: 'user', userKey: 'U' + id, mode: 'active', timestamp: BigInt(receivedAt.getTime()), isRedelivery: false, payload: '{"type":"message"}', status, receivedAt, ...(status === 'pending' ? {} : { processedAt: receivedAt }) },
  });
}

async function outbound(id: string, status: string, createdAt: Date, safety = false) {
  await db().outboundMessage.create({ data: { id, lineUserId: 'Uout', method: 'push', retryKey: id, messages: '[{"type":"text","text":"本文"}]', status, createdAt, safety } });
}

async function thread(owner: string, closedAt: Date | null, openedAt = T0) {
  const r = await resident();
  return db().conversation.create({ data: { residentId: r.id, owner, openedAt, lastMessageAt: openedAt, ...(closedAt ? { closedAt } : {}) } });
}

async function message(conversationId: string, m: { direction: string; kind?: string; text?: string; staffId?: string; outboundId?: string; attachmentId?: string; createdAt?: Date }) {
  return db().conversationMessage.create({
    data: { conversationId, direction: m.direction, kind: m.kind ?? 'text', text: m.text ?? 'こんにちは', createdAt: m.createdAt ?? at(1), ...(m.staffId ? { staffId: m.staffId, staffName: '職員' } : {}), ...(m.outboundId ? { outboundId: m.outboundId } : {}), ...(m.attachmentId ? { attachmentId: m.attachmentId } : {}) },
  });
}

async function consultation(residentId: string, conversationId: string | null, status: string, createdAt = T0) {
  return db().consultation.create({
    data: {
      referenceNo: `S-${uid()}`,
      residentId,
      conversationId,
      categoryCode: 'anshin_center',
      teamCode: 'anshin',
      forWhom: 'self',
      contactMethod: 'line',
      urgency: 'normal',
      description: '相談の内容',
      status,
      replyDueAt: new Date(createdAt.getTime() + DAY),
      createdAt,
      updatedAt: createdAt,
      ...(status === 'closed' ? { closedAt: at(10) } : {}),
    },
  });
}

async function reportCsv(cookie: string) {
  const res = await t.app.server.inject({ method: 'GET', url: '/console/report.csv?fy=2025', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.body;
}

async function freePages() {
  const [row] = await db().$queryRawUnsafe<Array<{ freelist_count: number | bigint }>>('PRAGMA freelist_count');
  return Number(row!.freelist_count);
}

describe('retention', () => {
  test('removes exactly what the policy no longer keeps; open cases, counts and the annual report stay; a second run removes nothing', async () => {
    // Processed LINE events.
    await webhookEvent('ev-old-done', 'done', at(0));
    await webhookEvent('ev-old-skipped', 'skipped', at(0));
    await webhookEvent('ev-old-pending', 'pending', at(0));
    await webhookEvent('ev-recent-done', 'done', RECENT);

    // Outbound messages.
    await outbound('out-old-sent', 'sent', at(0));
    await outbound('out-old-failed', 'failed', at(0));
    await outbound('out-old-failed-reply', 'failed', at(0));
    await outbound('out-old-retry', 'retry', at(0));
    await outbound('out-old-pending', 'pending', at(0));
    await outbound('out-recent-sent', 'sent', RECENT);
    await outbound('out-old-safety', 'sent', at(0), true);
    await outbound('out-year-sent', 'sent', new Date(NOW.getTime() - 300 * DAY));

    // Broadcasts: one finished long ago, one recent.
    const oldCast = await db().broadcast.create({
      data: { kind: 'announcement', title: '夏祭り', content: '{"ja":"夏祭り"}', targeting: '{"everyone":true}', scheduledAt: at(0), status: 'sent', createdAt: at(0), startedAt: at(0), finishedAt: at(0), targeted: 3, sent: 2, failed: 1 },
    });
    const oldBatch = await db().broadcastBatch.create({ data: { broadcastId: oldCast.id, language: 'ja', recipients: '["Ua","Ub","Uc"]', retryKey: uid(), status: 'sent', createdAt: at(0), sentAt: at(0) } });
    for (const [u, s] of [['Ua', 'sent'], ['Ub', 'sent'], ['Uc', 'failed']] as const) {
      await db().broadcastDelivery.create({ data: { broadcastId: oldCast.id, lineUserId: u, language: 'ja', batchId: oldBatch.id, status: s } });
    }
    const newCast = await db().broadcast.create({
      data: { kind: 'announcement', title: '防災', content: '{"ja":"防災"}', targeting: '{"everyone":true}', scheduledAt: RECENT, status: 'sent', createdAt: RECENT, finishedAt: RECENT, targeted: 1, sent: 1 },
    });
    const newBatch = await db().broadcastBatch.create({ data: { broadcastId: newCast.id, language: 'ja', recipients: '["Ud"]', retryKey: uid(), status: 'sent', createdAt: RECENT } });
    await db().broadcastDelivery.create({ data: { broadcastId: newCast.id, lineUserId: 'Ud', language: 'ja', batchId: newBatch.id, status: 'sent' } });

    // Threads. A: closed in 2025, its consultation closed: contents go, staff replies keep their times.
    const a = await thread('closed', at(10));
    const photo = await db().attachment.create({ data: { residentId: a.residentId, lineMessageId: uid(), contentType: 'image/jpeg', bytes: new Uint8Array(400_000).fill(7), status: 'stored', createdAt: at(1) } });
    const aIn = await message(a.id, { direction: 'in', text: '家賃が払えません', createdAt: at(0) });
    const aPhoto = await message(a.id, { direction: 'in', kind: 'image', attachmentId: photo.id, createdAt: at(0) });
    const aReply = await message(a.id, { direction: 'out', text: 'お電話します', staffId: 'staff-1', outboundId: 'out-old-sent', createdAt: at(1) });
    const aSystem = await message(a.id, { direction: 'system', kind: 'system', text: '対応を終了しました', createdAt: at(10) });
    await consultation(a.residentId, a.id, 'closed');
    // B: closed long ago but its consultation is still open. C: an alert nobody acknowledged. D: still open.
    // E: closed yesterday.
    const b = await thread('closed', at(10));
    await consultation(b.residentId, b.id, 'in_progress', at(1));
    const bIn = await message(b.id, { direction: 'in', text: '続いている相談' });
    const bReply = await message(b.id, { direction: 'out', text: '再送待ち', staffId: 'staff-1', outboundId: 'out-old-failed-reply' });
    const c = await thread('closed', at(10));
    await db().safetyAlert.create({ data: { residentId: c.residentId, conversationId: c.id, category: 'suicide', createdAt: at(1) } });
    const cIn = await message(c.id, { direction: 'in', text: '助けて' });
    const d = await thread('staff', null);
    const dIn = await message(d.id, { direction: 'in', text: 'まだ話しています' });
    const e = await thread('closed', RECENT, new Date(RECENT.getTime() - DAY));
    const eIn = await message(e.id, { direction: 'in', text: '昨日の相談', createdAt: RECENT });

    // Audit rows: old ones (one without a subject), an old one of a complaint still open, a recent one.
    const complaint = await db().complaint.create({ data: { referenceNo: `K-${uid()}`, kind: 'complaint', topic: 'other', text: '苦情', contact: 'none', status: 'in_progress', createdAt: at(0), updatedAt: at(0) } });
    await db().auditLog.createMany({
      data: [
        { id: 'audit-old', action: 'conversation.view', subjectType: 'conversation', subjectId: a.id, at: at(0) },
        { id: 'audit-old-login', action: 'login.success', at: at(0) },
        { id: 'audit-open-complaint', action: 'complaint.view', subjectType: 'complaint', subjectId: complaint.id, at: at(0) },
        { id: 'audit-recent', action: 'conversation.view', subjectType: 'conversation', subjectId: a.id, at: RECENT },
      ],
    });

    const admin = await loginAs({ server: t.app.server, db: db() }, 'admin');
    // A staff session that expired long ago (the admin's own is current).
    await db().staffSession.create({ data: { id: 'expired-session', staffId: admin.member.id, csrfToken: 'x', createdAt: at(0), lastSeenAt: at(0), expiresAt: at(1) } });
    const sessionsBefore = await db().staffSession.count();

    const reportBefore = await reportCsv(admin.cookie);
    expect(reportBefore).toContain('2025');

    await t.app.runHousekeeping();

    // Webhook events: processed old ones gone; pending and recent stay.
    expect((await db().webhookEvent.findMany({ select: { id: true } })).map((r) => r.id).sort()).toEqual(['ev-old-pending', 'ev-recent-done']);

    // Outbound: bodies of settled rows past 30 days emptied, except a failed reply staff can resend; settled rows past
    // 400 days gone, except a staff reply's (its thread shows it) and a safety reply's; unsettled rows untouched.
    const bodies = new Map((await db().outboundMessage.findMany({ select: { id: true, messages: true, status: true } })).map((r) => [r.id, r]));
    expect([...bodies.keys()].sort()).toEqual(['out-old-failed-reply', 'out-old-pending', 'out-old-retry', 'out-old-safety', 'out-old-sent', 'out-recent-sent', 'out-year-sent']);
    expect(bodies.get('out-old-sent')).toMatchObject({ messages: '[]', status: 'sent' });
    expect(bodies.get('out-old-safety')).toMatchObject({ messages: '[]', status: 'sent' });
    expect(bodies.get('out-year-sent')).toMatchObject({ messages: '[]', status: 'sent' });
    for (const kept of ['out-old-failed-reply', 'out-old-retry', 'out-old-pending', 'out-recent-sent']) expect(bodies.get(kept)!.messages).not.toBe('[]');

    // Broadcasts: per-recipient rows of the old one gone, its counts stay; the recent one untouched.
    expect(await db().broadcastDelivery.count({ where: { broadcastId: oldCast.id } })).toBe(0);
    expect(await db().broadcastBatch.findUniqueOrThrow({ where: { id: oldBatch.id } })).toMatchObject({ recipients: '[]', status: 'sent' });
    expect(await db().broadcast.findUniqueOrThrow({ where: { id: oldCast.id } })).toMatchObject({ targeted: 3, sent: 2, failed: 1, status: 'sent' });
    expect(await db().broadcastDelivery.count({ where: { broadcastId: newCast.id } })).toBe(1);
    expect((await db().broadcastBatch.findUniqueOrThrow({ where: { id: newBatch.id } })).recipients).toBe('["Ud"]');

    // Threads: A's contents gone but its staff reply's time; the others whole.
    const left = await db().conversationMessage.findMany({ select: { id: true, text: true, createdAt: true } });
    const leftIds = new Set(left.map((m) => m.id));
    for (const gone of [aIn, aPhoto, aSystem]) expect(leftIds.has(gone.id)).toBe(false);
    expect(left.find((m) => m.id === aReply.id)).toMatchObject({ text: null, createdAt: aReply.createdAt });
    for (const kept of [bIn, bReply, cIn, dIn, eIn]) expect(left.find((m) => m.id === kept.id)?.text).toBe(kept.text);
    expect(await db().attachment.count({ where: { id: photo.id } })).toBe(0);
    expect(await db().conversation.count({ where: { id: { in: [a.id, b.id, c.id, d.id, e.id] } } })).toBe(5);
    expect(await db().consultation.count()).toBe(2);

    // Sessions: the expired one gone. Audit: the old one gone, an open complaint's and the recent one stay.
    expect(await db().staffSession.count({ where: { id: 'expired-session' } })).toBe(0);
    expect(await db().staffSession.count()).toBe(sessionsBefore - 1);
    expect((await db().auditLog.findMany({ where: { id: { in: ['audit-old', 'audit-old-login', 'audit-open-complaint', 'audit-recent'] } }, select: { id: true } })).map((r) => r.id).sort()).toEqual([
      'audit-open-complaint',
      'audit-recent',
    ]);

    // The run is recorded with what each rule removed, and the file's free pages were given back.
    const [run] = await new PrismaHousekeepingRuns(db()).latest(1);
    expect(run!.removed).toEqual({ webhookPayloads: 2, outboundRows: 1, outboundBodies: 3, broadcastDeliveries: 4, closedThreads: 4, staffSessions: 1, auditLog: 2 });
    expect(run!.error).toBeNull();
    if (testDatabaseKind() === 'sqlite') {
      expect(run!.pagesFreed).toBeGreaterThan(90); // the 400 KB photo alone held about a hundred 4 KB pages
      expect(run!.pageSize).toBe(4096);
      expect(await freePages()).toBe(0);
      const [mode] = await db().$queryRawUnsafe<Array<{ auto_vacuum: number | bigint }>>('PRAGMA auto_vacuum');
      expect(Number(mode!.auto_vacuum)).toBe(2);
    } else {
      // PostgreSQL: autovacuum reuses the space; there is no free list for the run to give back.
      expect(run!.pagesFreed).toBe(0);
      expect(run!.pageSize).toBe(8192);
    }

    // The annual report of that year reads the same.
    expect(await reportCsv(admin.cookie)).toBe(reportBefore);

    // A second run removes nothing.
    await t.app.runHousekeeping();
    const [second] = await new PrismaHousekeepingRuns(db()).latest(1);
    expect(Object.values(second!.removed).every((n) => n === 0)).toBe(true);
    expect(second!.pagesFreed).toBe(0);

    // The console shows the policy with its reasons and the runs; admins only.
    const page = await t.app.server.inject({ method: 'GET', url: '/console/retention', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('データの保存期間');
    expect(page.body).toContain('LINEが同じイベントを再送するのは短い間だけです');
    expect(page.body).toContain('5年(1,825日)');
    expect(page.body).toContain('最近の整理');
    const coordinator = await loginAs({ server: t.app.server, db: db() }, 'coordinator');
    const refused = await t.app.server.inject({ method: 'GET', url: '/console/retention', headers: { cookie: coordinator.cookie } });
    expect(refused.statusCode).toBe(403);
  });

  test('many rows are removed in bounded batches, each its own short statement', async () => {
    for (let i = 0; i < 23; i++) await webhookEvent(`ev-${i}`, 'done', at(0));
    for (let i = 0; i < 17; i++) await outbound(`out-${i}`, 'sent', at(i % 3));
    const inner = new PrismaRetentionStore(db(), t.testDb.url);
    const batches: Array<{ rule: RetentionRule; touched: number }> = [];
    const store: RetentionStore = {
      async removeBatch(rule, cutoff, limit) {
        const r = await inner.removeBatch(rule, cutoff, limit);
        batches.push({ rule, touched: r.touched });
        return r;
      },
      reclaimPages: (n) => inner.reclaimPages(n),
      pageSize: () => inner.pageSize(),
    };
    let pauses = 0;
    const run = await applyRetention({
      store,
      runs: new PrismaHousekeepingRuns(db()),
      policy: { ...DEFAULT_RETENTION_POLICY, outboundRows: 3650 }, // the rows stay: their bodies are what is emptied here
      clock: t.clock,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
      batchSize: 5,
      pause: async () => {
        pauses++;
      },
    });
    expect(run.removed).toMatchObject({ webhookPayloads: 23, outboundBodies: 17 });
    expect(batches.every((b) => b.touched <= 5)).toBe(true);
    expect(batches.filter((b) => b.rule === 'webhookPayloads').length).toBeGreaterThanOrEqual(5);
    expect(batches.filter((b) => b.rule === 'outboundBodies').length).toBeGreaterThanOrEqual(4);
    expect(pauses).toBeGreaterThanOrEqual(8);
    expect(await db().webhookEvent.count()).toBe(0);
    expect(await db().outboundMessage.count({ where: { messages: { not: '[]' } } })).toBe(0);
  });

  test('a redelivered event is still refused after housekeeping while LINE may redeliver it', async () => {
    await t.app.recover();
    const user = newUserId();
    const event = textFrom(t.messenger, user, 'こんにちは');
    await t.post([event]);
    const answered = t.messenger.sent.length;
    expect(answered).toBeGreaterThan(0);
    // A week on (the rule's minimum is 7 days, the default 30), after housekeeping, LINE sends the same event again.
    t.clock.advance(6 * DAY);
    await t.app.runHousekeeping();
    await t.post([{ ...event, deliveryContext: { isRedelivery: true } }]);
    expect(t.messenger.sent.length).toBe(answered);
    expect(await db().webhookEvent.count()).toBe(1);
  });
});

test.runIf(testDatabaseKind() === 'sqlite')('a database file made before incremental vacuum is rewritten once at start-up; its rows stay (SQLite: PRAGMA auto_vacuum)', async () => {
  const file = await createTestDb();
  try {
    await file.db.$queryRawUnsafe('PRAGMA auto_vacuum = NONE');
    await file.db.$queryRawUnsafe('VACUUM');
    await file.db.auditLog.create({ data: { action: 'login.success', at: new Date() } });
    const mode = async () => Number((await file.db.$queryRawUnsafe<Array<{ auto_vacuum: number | bigint }>>('PRAGMA auto_vacuum'))[0]!.auto_vacuum);
    expect(await mode()).toBe(0);
    expect(await ensureIncrementalVacuum(file.db)).toBe(true);
    expect(await mode()).toBe(2);
    expect(await ensureIncrementalVacuum(file.db)).toBe(false);
    expect(await file.db.auditLog.count()).toBe(1);
  } finally {
    await file.cleanup();
  }
});
