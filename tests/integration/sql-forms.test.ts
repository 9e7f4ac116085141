// Under test: the SQL fragments written in each database's form (src/infra/prisma/targeting-sql.ts,
// volunteer-filter-sql.ts) on the run's real database, and the registrations' time-ordered ids the waitlists sort by.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { registrationId } from '../../src/infra/prisma/event-registration-statements';
import { dialectOf } from '../../src/infra/prisma/sql-dialect';
import { SqlParams } from '../../src/infra/prisma/sql-batch';
import { oneResidentTargeting, residentsTargeting } from '../../src/infra/prisma/targeting-sql';
import { jsonArrayHas } from '../../src/infra/prisma/volunteer-filter-sql';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeEach(async () => { t = await createTestDb(); });
afterEach(async () => { await t.cleanup(); });

const awkward = 'a"b\\c\u0001d';

test('a targeting built in SQL is the JSON the broadcast engine reads, whatever the id holds', async () => {
  const kind = dialectOf(t.db);
  const [one] = await t.db.$queryRawUnsafe<Array<{ t: string }>>(`SELECT ${oneResidentTargeting(kind, 'CAST($1 AS TEXT)')} AS "t"`, awkward);
  expect(JSON.parse(one!.t)).toEqual({ residentIds: [awkward] });
  const [many] = await t.db.$queryRawUnsafe<Array<{ t: string }>>(
    `SELECT ${residentsTargeting(kind, '"x"."v"')} AS "t" FROM (SELECT CAST($1 AS TEXT) AS "v" UNION ALL SELECT CAST($2 AS TEXT)) AS "x"`,
    'r1',
    awkward,
  );
  expect(new Set((JSON.parse(many!.t) as { residentIds: string[] }).residentIds)).toEqual(new Set(['r1', awkward]));
});

test('a stored JSON array is searched for a value, at the top or under a key, and nothing else matches', async () => {
  const kind = dialectOf(t.db);
  const has = async (json: string, value: string, path?: string) => {
    const p = new SqlParams();
    const column = p.add(json);
    const sql = `SELECT CASE WHEN ${jsonArrayHas(kind, 'j', value, p, path)} THEN 1 ELSE 0 END AS "n" FROM (SELECT CAST(${column} AS TEXT) AS "j") AS "x"`;
    const [row] = await t.db.$queryRawUnsafe<Array<{ n: number | bigint }>>(sql, ...p.values);
    return Number(row!.n) === 1;
  };
  expect(await has('["cook","drive"]', 'drive')).toBe(true);
  expect(await has('["cook"]', 'drive')).toBe(false);
  expect(await has('[]', 'drive')).toBe(false);
  expect(await has('{"mon":["am"]}', 'am', '$.mon')).toBe(true);
  expect(await has('{"mon":["am"]}', 'am', '$.tue')).toBe(false);
  expect(await has('{"mon":"am"}', 'am', '$.mon')).toBe(false);
  expect(await has('{"mon":["am"]}', 'mon')).toBe(false);
});

test('registration ids sort in the order they were made, also within one millisecond', () => {
  const ids = Array.from({ length: 5000 }, () => registrationId(1_800_000_000_000));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(registrationId(1_800_000_000_001) > ids.at(-1)!).toBe(true);
});
