// Under test: copySqliteToPostgres (the db:copy-to-postgresql script's work) from a real SQLite file, migrated the way
// production migrates, into a real PostgreSQL database. Runs in the PostgreSQL test run (TEST_DATABASE_URL), which has a
// server; the SQLite run has none to copy into.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client';
import { copySqliteToPostgres } from '../../src/infra/postgresql/copy-from-sqlite';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';

const at = new Date('2026-11-24T01:02:03.456Z');

/** Every row of every model, through Prisma, as comparable text (the same on both databases when the copy is right). */
async function everyRow(db: Db): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
    const rows = await delegate.findMany();
    all[model] = rows
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)))
      .sort();
  }
  return all;
}

describe.runIf(testDatabaseKind() === 'postgresql')('copying a SQLite database into PostgreSQL', () => {
  let dir: string;
  let sqlite: Db;
  let target: TestDb;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-copy-'));
    const url = `file:${path.join(dir, 'council.db')}`;
    await applyMigrations(url);
    sqlite = await openDatabase(url);
    // Rows of every kind of column: text with Japanese and quotes, booleans, optional dates, BigInt, floats, bytes,
    // and foreign keys between tables.
    const resident = await sqlite.resident.create({
      data: { lineUserId: 'Ucopy1', language: 'ja-x-easy', languageChosen: true, followed: false, followedAt: at, unfollowedAt: new Date(at.getTime() + 1), consent: 'granted', consentAt: at, createdAt: at, updatedAt: at },
    });
    await sqlite.resident.create({ data: { lineUserId: 'Ucopy2', followedAt: at, createdAt: at, updatedAt: at } });
    const conversation = await sqlite.conversation.create({ data: { residentId: resident.id, owner: 'staff', urgent: true, openedAt: at, lastMessageAt: at } });
    const attachment = await sqlite.attachment.create({ data: { residentId: resident.id, lineMessageId: 'm1', contentType: 'image/jpeg', bytes: new Uint8Array([0, 1, 2, 255]), status: 'stored', createdAt: at } });
    await sqlite.conversationMessage.create({ data: { conversationId: conversation.id, direction: 'in', kind: 'image', text: '写真です「\'」"', attachmentId: attachment.id, createdAt: at } });
    await sqlite.webhookEvent.create({ data: { id: 'ev1', lineType: 'message', sourceType: 'user', userKey: 'Ucopy1', mode: 'active', timestamp: 1_796_000_000_123n, isRedelivery: true, payload: '{"type":"message"}', status: 'done', receivedAt: at, processedAt: at } });
    target = await createTestDb();
  });

  afterEach(async () => {
    await sqlite.$disconnect();
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every row arrives with the same values, read back through Prisma, and the counts are reported per table', async () => {
    const report = await copySqliteToPostgres(path.join(dir, 'council.db'), target.url);
    expect(report.tables.find((t) => t.table === 'Resident')?.rows).toBe(2);
    expect(report.tables.find((t) => t.table === 'ConversationMessage')?.rows).toBe(1);
    // Parents before children: a resident before its conversation, the conversation before its messages.
    const order = report.tables.map((t) => t.table);
    expect(order.indexOf('Resident')).toBeLessThan(order.indexOf('Conversation'));
    expect(order.indexOf('Conversation')).toBeLessThan(order.indexOf('ConversationMessage'));
    expect(await everyRow(target.db)).toEqual(await everyRow(sqlite));
    const copied = await target.db.resident.findUniqueOrThrow({ where: { lineUserId: 'Ucopy1' } });
    expect(copied.followedAt.toISOString()).toBe(at.toISOString());
    expect(copied.followed).toBe(false);
  });

  test('a PostgreSQL database that already holds rows is refused and keeps only its own rows', async () => {
    await target.db.resident.create({ data: { lineUserId: 'Ualready', followedAt: at, createdAt: at, updatedAt: at } });
    await expect(copySqliteToPostgres(path.join(dir, 'council.db'), target.url)).rejects.toThrow(/not empty: "Resident" has 1 rows/);
    expect((await target.db.resident.findMany()).map((r) => r.lineUserId)).toEqual(['Ualready']);
    expect(await target.db.webhookEvent.count()).toBe(0);
  });
});
