/**
 * The disaster centre's daily figures at scale: `npm run bench:figures [-- --needs 50000 --check-ins 200000 --teams 40000 --runs 15]`.
 *
 * A centre on a SQLite file of its own, migrated as production is, with `--needs` needs, `--check-ins` check-ins
 * (DayApplication rows with checkedInAt over 40 activity days), `--teams` teams (each with a report). Timed, median
 * and p95 over `--runs` runs after 3 warm-up: the port's read (PrismaDailyFigures.rows) and `dailyFigures` for the
 * last day, and the CSV's figures (a row per day from the opening: one read, 40 passes). The floor, in the same loop:
 * a bare indexed COUNT of the centre's needs.
 *
 * Figures are printed, never asserted: the exit code is 0 unless the bench broke.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { dailyFigures } from '../../src/domain/disaster/daily-figures';
import { DAY_MS, jstDate, jstMidnightOf } from '../../src/domain/japan-time';
import { openDatabase } from '../../src/infra/prisma/database';
import { PrismaDailyFigures } from '../../src/infra/prisma/prisma-daily-figures';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { seedCentre } from '../../tests/helpers/disaster-centre';
import { integerOption } from '../webhook/options';
import { cleanUpOnExit } from '../webhook/processes';
import { percentile } from '../webhook/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? integerOption(name, process.argv[i + 1] ?? '', 1) : fallback;
};
const NEEDS = arg('needs', 50_000);
const CHECK_INS = arg('check-ins', 200_000);
const TEAMS = arg('teams', 40_000);
const RUNS = arg('runs', 15);
const DAYS = 40;
const WARMUP = 3;

const ms = (x: number) => `${x.toFixed(1)} ms`;
const sorted = (xs: number[]) => Float64Array.from(xs).sort();
const summary = (xs: number[]) => `median ${ms(percentile(sorted(xs), 50))}  p95 ${ms(percentile(sorted(xs), 95))}`;

console.log(`bench:figures — ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}`);
const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-figures-'));
cleanUpOnExit().push(dir);
const url = `file:${path.join(dir, 'figures.db')}`;
await applyMigrations(url);
const db = await openDatabase(url);
try {
  const opened = '2026-10-01';
  const dates = Array.from({ length: DAYS }, (_, i) => jstDate(jstMidnightOf(opened) + i * DAY_MS));
  const { centreId } = await seedCentre(db, { days: dates.map((date, i) => ({ date, code: `B${i}`, opensAt: '2026-09-20T09:00', closesAt: '2026-09-25T09:00' })) });
  await db.disasterCentre.update({ where: { id: centreId }, data: { openedOn: opened } });
  const t0 = performance.now();
  // One application in twenty is a no-show (no check-in): apply 20/19 as many so that CHECK_INS are checked in.
  const perDay = Math.ceil((CHECK_INS / DAYS) * (20 / 19));
  const start = jstMidnightOf(opened);
  const seq = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1})`;
  const iso = (expr: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr} / 1000.0, 'unixepoch')`;
  await db.$executeRawUnsafe(`${seq(perDay)} INSERT INTO "Resident" ("id", "lineUserId", "language", "followed", "consent", "followedAt", "createdAt", "updatedAt") SELECT 'res' || i, 'U' || printf('%032d', i), 'ja', 1, 'granted', ${iso(String(start))}, ${iso(String(start))}, ${iso(String(start))} FROM s`);
  await db.$executeRawUnsafe(`${seq(perDay)} INSERT INTO "PoolMember" ("id", "residentId", "centreId", "kind", "name", "size", "origin", "skills", "availableDates", "losses", "joinedAt", "updatedAt") SELECT 'm' || i, 'res' || i, $1, 'individual', 'V' || i, 1, 'local', '[]', '[]', 0, ${iso(String(start))}, ${iso(String(start))} FROM s`, centreId);
  const days = await db.activityDay.findMany({ where: { centreId }, select: { id: true, date: true } });
  for (const d of days) {
    const dayStart = jstMidnightOf(d.date) + 8 * 3_600_000;
    await db.$executeRawUnsafe(`${seq(perDay)} INSERT INTO "DayApplication" ("id", "dayId", "memberId", "status", "appliedAt", "checkedInAt", "checkedInBy") SELECT $1 || '-' || i, $1, 'm' || i, CASE WHEN i % 10 = 0 THEN 'walkIn' ELSE 'reconfirmed' END, ${iso(String(dayStart - DAY_MS))}, CASE WHEN i % 20 = 7 THEN NULL ELSE ${iso(`(${dayStart} + i * 100)`)} END, 'line' FROM s`, d.id);
  }
  const span = DAYS * DAY_MS;
  await db.$executeRawUnsafe(`${seq(NEEDS)} INSERT INTO "Need" ("id", "referenceNo", "centreId", "status", "statusSince", "contactMethod", "createdAt", "updatedAt") SELECT 'n' || i, 'N-BENCH-' || i, $1, CASE i % 5 WHEN 0 THEN 'done' WHEN 1 THEN 'continuing' WHEN 2 THEN 'active' WHEN 3 THEN 'coordinating' ELSE 'received' END, ${iso(`(${start} + (i * 7919) % ${span})`)}, 'phone', ${iso(`(${start} + (i * 7919) % ${span})`)}, ${iso(String(start))} FROM s`, centreId);
  await db.$executeRawUnsafe(`${seq(TEAMS)} INSERT INTO "Team" ("id", "centreId", "needId", "date", "number", "status", "dispatchedAt") SELECT 't' || i, $1, 'n' || (i % ${NEEDS}), '${opened}', i, 'back', ${iso(`(${start} + (i * 104729) % ${span})`)} FROM s`, centreId);
  await db.$executeRawUnsafe(`INSERT INTO "FieldReport" ("id", "teamId", "needId", "back", "people", "hours", "done", "outcome", "channel", "at", "nearMiss") SELECT 'r' || "id", "id", "needId", 1, 4, 3, '泥出し', 'done', 'line', "dispatchedAt", CASE WHEN "number" % 50 = 0 THEN 'ヒヤリ' ELSE NULL END FROM "Team"`);
  await db.$executeRawUnsafe('ANALYZE');
  console.log(`seeded ${NEEDS.toLocaleString('en')} needs, ${(await db.dayApplication.count({ where: { checkedInAt: { not: null } } })).toLocaleString('en')} check-ins over ${DAYS} days, ${TEAMS.toLocaleString('en')} teams with reports in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const source = new PrismaDailyFigures(db);
  const last = dates.at(-1)!;
  const end = new Date(jstMidnightOf(last) + DAY_MS);
  const now = new Date(end.getTime() - 3_600_000);
  const reads: number[] = [];
  const computes: number[] = [];
  const csvs: number[] = [];
  const floors: number[] = [];
  let shown = '';
  for (let r = 0; r < RUNS + WARMUP; r++) {
    let t = performance.now();
    const rows = await source.rows(centreId, false, end, [last]);
    const read = performance.now() - t;
    t = performance.now();
    const f = dailyFigures(rows, { date: last, drill: false, now, staleHours: 48 });
    const compute = performance.now() - t;
    t = performance.now();
    const all = await source.rows(centreId, false, end, dates);
    for (const d of dates) dailyFigures(all, { date: d, drill: false, now, staleHours: 48 });
    const csv = performance.now() - t;
    t = performance.now();
    await db.need.count({ where: { centreId } });
    const floor = performance.now() - t;
    if (r < WARMUP) continue;
    reads.push(read);
    computes.push(compute);
    csvs.push(csv);
    floors.push(floor);
    shown = `volunteers ${f.volunteers.today}/${f.volunteers.cumulative}, person-days ${f.personDays.cumulative}, teams ${f.teamsSent.cumulative}, needs ${f.needs.receivedCumulative}, households ${f.householdsServed}, near misses ${f.nearMisses}`;
  }
  const total = reads.map((x, i) => x + computes[i]!);
  console.log(
    [
      '',
      `── Daily figures: ${RUNS} runs after ${WARMUP} warm-up ──`,
      `  port read (rows)        ${summary(reads)}`,
      `  dailyFigures            ${summary(computes)}`,
      `  dashboard (read + fig)  ${summary(total)}`,
      `  CSV (read + ${DAYS} days)    ${summary(csvs)}`,
      `  floor                   a bare COUNT of the centre's needs, same loop: ${summary(floors)}`,
      `  last day                ${shown}`,
    ].join('\n'),
  );
} finally {
  await db.$disconnect();
}
