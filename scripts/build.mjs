// Builds the production bundle: our TypeScript (and the generated Prisma client) into dist/server.mjs with
// esbuild; packages stay external and load from node_modules. Running plain JavaScript spares the
// service a TypeScript loader at run time (memory and start-up).
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

const root = path.resolve(import.meta.dirname, '..');

await build({
  // The processing worker is a second entry: the server starts it as dist/processing-worker.mjs.
  entryPoints: ['server.ts', 'processing-worker.ts', 'run-broadcasts-once.ts'].map((f) => path.join(root, 'src', 'composition', f)),
  // TSUNAGU_BUILD_OUTDIR: another folder inside the project (the crash test builds its own copy there).
  outdir: process.env.TSUNAGU_BUILD_OUTDIR ?? path.join(root, 'dist'),
  ...bundleOptions,
  sourcemap: true,
  // Stack traces are mapped back to the TypeScript; the sources themselves are not needed for that (3.8 → 1 MB map).
  sourcesContent: false,
});
