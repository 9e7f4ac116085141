/**
 * The memory floor under the service (bench/memory/floor.ts builds this file as the production build does and runs it
 * with the service's `start` flags): Node's main thread, optionally a worker thread with the service's heap limits,
 * and optionally Prisma opened on the SQLite file in each thread with one query run, as the service's two threads do.
 * argv: `main` | `worker` | `worker+prisma`, then the database URL. Prints `ready` once everything is up.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openDatabase } from '../../src/infra/prisma/database';

async function openPrisma(url: string): Promise<unknown> {
  const db = await openDatabase(url);
  await db.staffUser.count();
  return db;
}

if (isMainThread) {
  const [mode = 'main', url = ''] = process.argv.slice(2);
  const held: unknown[] = [];
  if (mode === 'worker+prisma') held.push(await openPrisma(url));
  if (mode !== 'main') {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { prisma: mode === 'worker+prisma', url },
      // As src/infra/processing-worker-host.ts starts the processing worker.
      resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 },
    });
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  }
  console.log('ready');
  setInterval(() => held.length, 60_000);
} else {
  const data = workerData as { prisma: boolean; url: string };
  const held = data.prisma ? await openPrisma(data.url) : undefined;
  parentPort!.postMessage('ready');
  setInterval(() => held, 60_000);
}
