/**
 * The disaster centre's needs at scale: `npm run bench:needs [-- --needs 20000 --queries 200]`.
 *
 * Duplicate search (target, issue 15: under 50 ms against 20,000 needs): a centre with `--needs` synthetic needs
 * (bench/needs/seed.ts) on a SQLite file of its own, migrated as production is; then `--queries` reports, half
 * the same household as a saved need written another way (another address form, full-width digits, a pin a few
 * metres off, sometimes the same reporter), half new households, each searched with `likelyDuplicates` as intake
 * does (the indexed read, then the ranking). The floor, timed in the same loop: one indexed point read through
 * Prisma (a need by its reference number), the least any database look-up costs here.
 *
 * The needs board (target: under 200 ms with 5,000 needs): the real app (`buildApp`, production mode, the
 * recording messenger in place of LINE) on a second SQLite file with `--board-needs` needs, a coordinator signed in
 * through the login form, then `GET` of the centre's board through `app.inject` (whole request: session, CSRF,
 * the query, the view, the template, the audit row), unfiltered and with a filter (a district, 調整中). The floor,
 * timed in the same loop: `GET` of the centre's page, a small console page behind the same login.
 *
 * Figures are printed, never asserted: the exit code is 0 unless the bench broke.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/infra/prisma/database';
import { likelyDuplicates } from '../../src/infra/prisma/need-candidates';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { seededRandom } from '../../tests/fakes/seeded-random';
import { seedCentre } from '../../tests/helpers/disaster-centre';
import { boardTimes } from './board';
import { percentile } from '../webhook/stats';
import { households, seedNeeds, writtenAddress } from './seed';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const NEEDS = arg('needs', 20_000);
const QUERIES = arg('queries', 200);
const BOARD_NEEDS = arg('board-needs', 5_000);
const BOARD_RUNS = arg('board-runs', 30);
const BOARD_TARGET_MS = 200;
const RADIUS = arg('radius', 50);
const WARMUP = 20;
const TARGET_MS = 50;

const ms = (x: number) => `${x.toFixed(2)} ms`;
const sorted = (xs: number[]) => Float64Array.from(xs).sort();
const summary = (xs: number[]) => `median ${ms(percentile(sorted(xs), 50))}  p95 ${ms(percentile(sorted(xs), 95))}  max ${ms(Math.max(...xs))}`;

console.log(`bench:needs — ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}`);
const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-needs-'));
try {
  const url = `file:${path.join(dir, 'needs.db')}`;
  await applyMigrations(url);
  const db = await openDatabase(url);
  try {
    const { centreId } = await seedCentre(db);
    const homes = households(NEEDS, 20261206);
    let t0 = performance.now();
    const ids = await seedNeeds(db, centreId, homes, 7);
    console.log(`seeded ${NEEDS.toLocaleString('en')} needs with their reports in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The reports to search: even = a saved household written another way; odd = a household not saved.
    const rand = seededRandom(99);
    const fresh = households(QUERIES, 4242);
    const queries = Array.from({ length: QUERIES + WARMUP }, (_, q) => {
      if (q % 2 === 1) return { expect: null, report: { address: fresh[q % QUERIES]!.address, phone: fresh[q % QUERIES]!.phone, location: fresh[q % QUERIES]! } };
      const i = Math.floor(rand() * NEEDS);
      const h = homes[i]!;
      const m = /港南区(.+?)(\d|[０-９])/.exec(h.address.normalize('NFKC'));
      const parts = h.address.normalize('NFKC').match(/\d+/g)!.slice(-3).map(Number);
      const address = m ? writtenAddress(m[1]!, parts[0]!, parts[1]!, parts[2]!, (q / 2 + 1) % 4) : h.address;
      const jitter = () => (rand() - 0.5) * 0.0002; // ± about 10 m
      return {
        expect: ids[i]!,
        report: { address, phone: rand() < 0.5 ? h.phone : null, location: { latitude: h.latitude + jitter(), longitude: h.longitude + jitter() }, residentId: rand() < 0.3 ? `resident-${i}-0` : null },
      };
    });

    const searches: number[] = [];
    const floors: number[] = [];
    let found = 0;
    let sameAsked = 0;
    let newWithSuspects = 0;
    let suspects = 0;
    for (const [q, { expect, report }] of queries.entries()) {
      t0 = performance.now();
      const matches = await likelyDuplicates(db, centreId, report, RADIUS);
      const took = performance.now() - t0;
      t0 = performance.now();
      await db.need.findUnique({ where: { referenceNo: `N-261120-${(q % NEEDS).toString(36).toUpperCase().padStart(4, '0')}` }, select: { id: true } });
      const floor = performance.now() - t0;
      if (q < WARMUP) continue;
      searches.push(took);
      floors.push(floor);
      suspects += matches.length;
      if (expect) {
        sameAsked++;
        if (matches.some((x) => x.needId === expect)) found++;
      } else if (matches.length) newWithSuspects++;
    }
    const median = percentile(sorted(searches), 50);
    console.log(
      [
      '',
      `── Duplicate search: ${QUERIES} reports against ${NEEDS.toLocaleString('en')} needs (radius ${RADIUS} m), after ${WARMUP} warm-up ──`,
      `  likelyDuplicates   ${summary(searches)}   target < ${TARGET_MS} ms`,
      `  floor              one indexed read (a need by reference), same loop: ${summary(floors)}`,
      `  found              the saved household among the suspects: ${found}/${sameAsked} reports of a saved household`,
      `  new households     ${newWithSuspects}/${QUERIES - sameAsked} had a suspect (pins within ${RADIUS} m in a dense ward); ${(suspects / QUERIES).toFixed(1)} suspects a report on average`,
      '',
      `${median < TARGET_MS ? 'PASS' : 'MISS'}  duplicate search < ${TARGET_MS} ms (median ${ms(median)}, p95 ${ms(percentile(sorted(searches), 95))})`,
      ].join('\n'),
    );
  } finally {
    await db.$disconnect();
  }
  const board = await boardTimes({ dir, needs: BOARD_NEEDS, runs: BOARD_RUNS });
  const med = (xs: number[]) => percentile(sorted(xs), 50);
  console.log(
    [
      '',
      `── Needs board: ${BOARD_NEEDS.toLocaleString('en')} needs, ${BOARD_RUNS} requests each after 5 warm-up, through app.inject with a signed-in coordinator ──`,
      `  board              ${summary(board.board)}   (${(board.bytes / 1024).toFixed(0)} KiB, ${board.rows} needs listed)   target < ${BOARD_TARGET_MS} ms`,
      `  board, filtered    district + 調整中: ${summary(board.filtered)}   (${board.filteredRows} needs listed)`,
      `  floor              the centre's page, same login, same loop: ${summary(board.floor)}`,
      '',
      `${med(board.board) < BOARD_TARGET_MS ? 'PASS' : 'MISS'}  needs board < ${BOARD_TARGET_MS} ms (median ${ms(med(board.board))}, p95 ${ms(percentile(sorted(board.board), 95))})`,
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
