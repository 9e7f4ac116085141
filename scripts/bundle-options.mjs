// esbuild settings shared by the production build (scripts/build.mjs) and the memory bench's floor (bench/memory/floor.ts).
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

/** How every bundle of ours is built: ESM for Node 24, packages loaded from node_modules, Prisma's WebAssembly lean. */
export const bundleOptions = {
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  logLevel: 'warning',
  plugins: [leanPrismaWasm],
};
