// Builds the production bundle: our TypeScript (and the generated Prisma client) into dist/server.mjs with
// esbuild; packages stay external and load from node_modules. Running plain JavaScript spares the
// service a TypeScript loader at run time (memory and start-up).
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
await build({
  entryPoints: [path.join(root, 'src', 'server.ts')],
  outfile: path.join(root, 'dist', 'server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
