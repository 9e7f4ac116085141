import { afterEach, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../tests/helpers/test-db';
import { plannedQueries } from '../../tests/helpers/query-plans';
import { PrismaBroadcastAdmin } from '../../src/infra/prisma/prisma-broadcast-admin';
let t: TestDb;
it('x', async () => {
  t = await createTestDb();
  const q = await plannedQueries(t.url, (db) => new PrismaBroadcastAdmin(db).usage(new Date('2026-12-01'), new Date('2027-01-01')));
  console.log(JSON.stringify(q, null, 1));
  await t.cleanup();
});
