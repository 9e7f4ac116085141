/**
 * The large database as years under the retention policy leave it: the seeded file with the policy's first run
 * applied offline (no pauses, large batches, no service beside it), cached next to the seeded file and keyed by the
 * seed and the retention code. A council that has run this code for years has such a file; the first run over a file
 * from before retention (the conversion, once) is measured by `bench:growth --first-run` instead.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RETENTION_POLICY, type HousekeepingRunRecord } from '../../src/domain/retention-policy';
import { openDatabase } from '../../src/infra/prisma/database';
import { PrismaHousekeepingRuns, PrismaRetentionStore } from '../../src/infra/prisma/prisma-retention';
import { systemClock } from '../../src/infra/system';
import { applyRetention } from '../../src/usecases/retention/apply-retention';

const RETENTION_CODE = ['src/domain/retention-policy.ts', 'src/infra/prisma/prisma-retention.ts', 'src/usecases/retention/apply-retention.ts'];

function retentionKey(root: string): string {
  const h = createHash('sha256');
  for (const f of RETENTION_CODE) h.update(readFileSync(path.join(root, f)));
  return h.digest('hex').slice(0, 8);
}

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export async function cachedRetained(
  root: string,
  seeded: string,
  log: (line: string) => void,
): Promise<{ file: string; seconds: number | null; bytes: number; run: HousekeepingRunRecord | null }> {
  const base = seeded.replace(/\.db$/, '');
  const file = `${base}-retained-${retentionKey(root)}.db`;
  if (existsSync(file)) return { file, seconds: null, bytes: statSync(file).size, run: null };
  const dir = path.dirname(seeded);
  for (const name of readdirSync(dir)) if (name.startsWith(`${path.basename(base)}-retained-`)) rmSync(path.join(dir, name), { force: true });
  log(`applying the retention policy's first run to ${path.basename(seeded)} offline (cached as ${path.basename(file)}) …`);
  const partial = `${file}.building`;
  copyFileSync(seeded, partial);
  const t0 = performance.now();
  const url = `file:${partial}`;
  const db = await openDatabase(url);
  try {
    const run = await applyRetention({
      store: new PrismaRetentionStore(db, url),
      runs: new PrismaHousekeepingRuns(db),
      policy: DEFAULT_RETENTION_POLICY,
      clock: systemClock,
      logger: quiet,
      batchSize: 5000,
      batchTargetMs: Number.MAX_SAFE_INTEGER,
      reclaimStep: 1_000_000,
      pause: async () => {},
    });
    await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.$disconnect();
    renameSync(partial, file);
    for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
    return { file, seconds: (performance.now() - t0) / 1000, bytes: statSync(file).size, run };
  } catch (e) {
    await db.$disconnect();
    rmSync(partial, { force: true });
    throw e;
  }
}
