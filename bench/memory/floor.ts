/**
 * The floor under the service's memory, measured in the same run as the service (bench/memory/index.ts): the same
 * Node binary and `start` flags running (1) an idle main thread, (2) plus an idle worker thread with the processing
 * worker's heap limits, (3) plus Prisma opened on a migrated SQLite file in both threads with one query each — what the
 * service's two threads hold before any of Tsunagu's own code. Built with the production build's esbuild settings
 * (floor-entry.ts) into dist/bench-floor/, idle RSS read after `settle` seconds.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
// @ts-expect-error — a plain .mjs module without types, shared with scripts/build.mjs
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import { memoryOf, serviceNodeArgs } from '../webhook/processes';

export interface Floor {
  label: string;
  rss: number;
}

const MODES = [
  ['main', 'Node, main thread only'],
  ['worker', 'Node, main thread + idle worker thread'],
  ['worker+prisma', 'the same, with Prisma opened in both threads'],
] as const;

export async function measureFloors(root: string, databaseUrl: string, settleSeconds: number): Promise<Floor[]> {
  const outdir = path.join(root, 'dist', 'bench-floor');
  await build({
    entryPoints: [path.join(root, 'bench', 'memory', 'floor-entry.ts')],
    outdir,
    ...(bundleOptions as object),
  });
  const flags = serviceNodeArgs(root).filter((a) => a.startsWith('--'));
  const floors: Floor[] = [];
  for (const [mode, label] of MODES) {
    const child = spawn(process.execPath, [...flags, path.join(outdir, 'floor-entry.mjs'), mode, databaseUrl], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const deadline = Date.now() + 30_000;
      while (!out.includes('ready')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`floor "${mode}" did not start`);
        await sleep(100);
      }
      await sleep(settleSeconds * 1000);
      floors.push({ label, rss: memoryOf(child.pid!)?.rss ?? NaN });
    } finally {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
    }
  }
  return floors;
}
