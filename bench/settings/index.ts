/**
 * What keeping the council's settings live costs: `npm run bench:settings` (or `npx tsx bench/settings/index.ts
 * [--runs 5000] [--url postgresql://…]`). On a migrated database (a temp SQLite file by default):
 * - the check each batch, job run and console request makes when nothing changed (`LiveProfile.refresh`: one
 *   `max(seq)` query), beside the floor of any query on the same connection (`SELECT 1`);
 * - a save of one section (whole-profile check, version and audit row in one transaction) and the next read on
 *   another side (latest versions, laid over the file, checked again, the council view rebuilt);
 * - the whole-profile check alone, in memory.
 * Figures are printed, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { councilView } from '../../src/bot/render/council-view';
import { applySettings } from '../../src/domain/settings/apply-settings';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { openMigrated } from '../../src/infra/prisma/migrations';
import { PrismaAuditLog } from '../../src/infra/prisma/prisma-audit-log';
import { PrismaSettings } from '../../src/infra/prisma/prisma-settings';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { LiveProfile } from '../../src/usecases/settings/live-profile';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 5000);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-settings-'));
const url = arg('url') ?? `file:${path.join(dir, 'bench.db')}`;
const silent = { info() {}, warn() {}, error() {}, debug() {} } as never;

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<{ meanUs: number; p99Us: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await work(i);
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  return { meanUs: times.reduce((a, b) => a + b, 0) / runs, p99Us: times[Math.floor(runs * 0.99)] ?? 0 };
}
const show = (label: string, r: { meanUs: number; p99Us: number }) => console.log(`  ${label.padEnd(58)} mean ${r.meanUs.toFixed(1).padStart(8)} µs   p99 ${r.p99Us.toFixed(1).padStart(8)} µs`);

const { db } = await openMigrated(url);
try {
  const file = loadCouncilProfile(path.join(PROJECT_ROOT, 'profiles', 'demo-council.yaml'));
  const live = new LiveProfile(file, new PrismaSettings(db), () => new Date(), silent);
  const other = new LiveProfile(file, new PrismaSettings(db), () => new Date(), silent);
  await live.refresh();
  await other.refresh();
  console.log(`database: ${url.startsWith('file:') ? 'SQLite (temp file)' : 'PostgreSQL'}; ${RUNS} runs each`);

  console.log('\nnothing changed (what each batch, job run and console request pays):');
  await timed(200, () => db.$queryRawUnsafe('SELECT 1'));
  show('floor: SELECT 1', await timed(RUNS, () => db.$queryRawUnsafe('SELECT 1')));
  show('LiveProfile.refresh(), no version saved', await timed(RUNS, () => live.refresh()));

  const deps = { work: new PrismaUnitOfWork(db, (tx) => ({ settings: new PrismaSettings(tx), audit: new PrismaAuditLog(tx) })), file };
  const at = { staffId: 'bench', ip: '127.0.0.1', at: new Date() };
  const salonsWith = (i: number) => file.salons.map((s, k) => (k === 0 ? { ...s, place: `${s.place} ${i}` } : s));
  await saveSettings(deps, { sections: { salons: salonsWith(0) }, kind: 'edit' }, at);
  await live.refresh();
  show('LiveProfile.refresh(), one section saved, unchanged since', await timed(RUNS, () => live.refresh()));

  const SAVES = Math.max(20, Math.floor(RUNS / 50));
  console.log(`\na change (${SAVES} runs):`);
  show('save one section (check, version, audit row)', await timed(SAVES, (i) => saveSettings(deps, { sections: { salons: salonsWith(i + 1) }, kind: 'edit' }, at)));
  // Another side's next read: a save, then (timed alone) that side's refresh and the council view it rebuilds.
  const reads: number[] = [];
  for (let i = 0; i < SAVES; i += 1) {
    await saveSettings(deps, { sections: { salons: salonsWith(1000 + i) }, kind: 'edit' }, at);
    const t0 = performance.now();
    await other.refresh();
    councilView(other.profile);
    reads.push((performance.now() - t0) * 1000);
  }
  reads.sort((a, b) => a - b);
  show('another side\'s next read after a save (read, check, rebuild)', { meanUs: reads.reduce((a, b) => a + b, 0) / SAVES, p99Us: reads[Math.floor(SAVES * 0.99)] ?? 0 });
  show('whole-profile check in memory (applySettings, demo profile)', await timed(SAVES, () => Promise.resolve(applySettings(file, { salons: salonsWith(1) }, new Date()))));
  show('council view rebuilt (councilView, demo profile)', await timed(SAVES, () => Promise.resolve(councilView(file))));
} finally {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
