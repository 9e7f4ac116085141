// Builds the production bundle: our TypeScript (and the generated Prisma client) into dist/server.mjs with
// esbuild; packages stay external and load from node_modules. Running plain JavaScript spares the
// service a TypeScript loader at run time (memory and start-up).
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Prisma's query compiler (WebAssembly) ships as a module holding it in one base64 string constant: 4.3 MB that each
 * thread keeps twice for good (the module's source text and the string), 17 MB for the server and its worker. The
 * bundle imports a stand-in instead, whose `wasm` becomes that string only while Prisma decodes it (`Buffer.from`
 * reads an object through its `Symbol.toPrimitive`): read from the same file, decoded, then garbage.
 */
const WASM_BASE64 = /^@prisma\/client\/runtime\/(query_compiler_\w+\.\w+\.wasm-base64)\.mjs$/;
const leanPrismaWasm = {
  name: 'lean-prisma-wasm',
  setup(b) {
    b.onResolve({ filter: WASM_BASE64 }, (args) => ({ path: args.path, namespace: 'lean-prisma-wasm' }));
    b.onLoad({ filter: /.*/, namespace: 'lean-prisma-wasm' }, (args) => ({
      loader: 'js',
      contents: `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const file = createRequire(import.meta.url).resolve(${JSON.stringify(args.path)});
export const wasm = {
  [Symbol.toPrimitive]() {
    const text = readFileSync(file, 'latin1');
    return text.slice(text.indexOf('"') + 1, text.lastIndexOf('"'));
  },
};
`,
    }));
  },
};

await build({
  // The processing worker is a second entry: the server starts it as dist/processing-worker.mjs.
  entryPoints: ['server.ts', 'processing-worker.ts', 'run-broadcasts-once.ts'].map((f) => path.join(root, 'src', 'composition', f)),
  // TSUNAGU_BUILD_OUTDIR: another folder inside the project (the crash test builds its own copy there).
  outdir: process.env.TSUNAGU_BUILD_OUTDIR ?? path.join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [leanPrismaWasm],
});
