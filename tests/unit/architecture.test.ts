// Under test: the layer rules of STYLE.md, checked on every import in src/ (the "lint rule per folder"), in
// every form TypeScript has (tests/helpers/read-imports.ts), and the module rules: the engine imports no feature,
// features never import each other, the console shell imports no console feature. Nothing is faked: the source
// files are parsed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readImports } from '../helpers/read-imports';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'public' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  file: string; // relative to src/
  spec: string;
  /** For relative imports: the target, relative to src/. */
  target?: string;
}

/** `import(expr)` calls whose module is computed, so no rule could check them: `file:line`. */
const computed: string[] = [];

const imports: Import[] = sourceFiles(SRC).flatMap((full) => {
  const file = path.relative(SRC, full);
  return readImports(readFileSync(full, 'utf8'), full).flatMap(({ spec, line }) => {
    if (spec === undefined) {
      computed.push(`${file}:${line}`);
      return [];
    }
    if (!spec.startsWith('.')) return [{ file, spec }];
    // A folder's import is its index.ts.
    const resolved = path.resolve(path.dirname(full), spec);
    return [{ file, spec, target: path.relative(SRC, statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ? path.join(resolved, 'index') : resolved) }];
  });
});

const layer = (p: string) => p.split(path.sep)[0] as string;
const violations = (pred: (i: Import) => boolean) => imports.filter(pred).map((i) => `${i.file} → ${i.spec}`);

describe('layer rules', () => {
  test('the source tree was read', () => {
    expect(imports.length).toBeGreaterThan(100);
    const layers = new Set(imports.map((i) => layer(i.file)));
    for (const l of ['domain', 'flows', 'bot', 'infra']) expect(layers.has(l)).toBe(true);
  });

  test('every import names its module literally, so the rules below can read it', () => {
    expect(computed).toEqual([]);
  });

  test('domain imports only domain, Node built-ins and zod', () => {
    expect(violations((i) => layer(i.file) === 'domain' && (i.target ? layer(i.target) !== 'domain' : !i.spec.startsWith('node:') && i.spec !== 'zod'))).toEqual([]);
  });

  test('flows import only flows and domain, and no packages', () => {
    expect(violations((i) => layer(i.file) === 'flows' && (i.target ? !['flows', 'domain'].includes(layer(i.target)) : true))).toEqual([]);
  });

  test('bot never imports infra, console, scheduler or the simulator', () => {
    expect(violations((i) => layer(i.file) === 'bot' && !!i.target && ['infra', 'console', 'scheduler', 'simulator'].includes(layer(i.target)))).toEqual([]);
  });

  test('infra implements domain ports and never imports bot, flows, console, scheduler or use cases', () => {
    expect(violations((i) => layer(i.file) === 'infra' && !!i.target && ['bot', 'flows', 'console', 'scheduler', 'usecases'].includes(layer(i.target)))).toEqual([]);
  });

  test('use cases import no Fastify or Prisma, and none of the edges (infra, bot, console, scheduler, simulator)', () => {
    const fastifyOrPrisma = (spec: string) => spec === 'fastify' || spec.startsWith('fastify-') || spec.startsWith('@fastify/') || spec.startsWith('@prisma/') || spec.includes('generated/prisma');
    expect(violations((i) => layer(i.file) === 'usecases' && (fastifyOrPrisma(i.spec) || (!!i.target && ['infra', 'bot', 'console', 'scheduler', 'simulator'].includes(layer(i.target)))))).toEqual([]);
    expect(imports.some((i) => layer(i.file) === 'usecases')).toBe(true);
  });

  test('Prisma is used only in infra', () => {
    expect(violations((i) => layer(i.file) !== 'infra' && (i.spec.startsWith('@prisma/') || i.spec.includes('generated/prisma')))).toEqual([]);
  });

  test('only the LINE adapters in infra import @line/bot-sdk (the API client, and the webhook signature check)', () => {
    const adapters = [path.join('infra', 'line', 'line-messenger.ts'), path.join('infra', 'line', 'line-signature.ts')];
    expect(violations((i) => i.spec.startsWith('@line/bot-sdk') && !adapters.includes(i.file))).toEqual([]);
  });

  test('only config.ts (and the entry points passing it the environment) reads process.env', () => {
    const readers = sourceFiles(SRC)
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f))
      .sort();
    expect(readers).toEqual(['composition/run-broadcasts-once.ts', 'composition/server.ts', 'config.ts'].map((f) => path.join(...f.split('/'))));
  });
});

/**
 * Which part of the console a file (relative to src/) is: the shell (files right in src/console), the shared
 * helpers (src/console/shared), or a feature (any other folder of src/console, one per console module).
 */
function consolePart(file: string): { kind: 'shell' | 'shared' } | { kind: 'feature'; name: string } | null {
  const parts = file.split(path.sep);
  if (parts[0] !== 'console') return null;
  if (parts.length === 2) return { kind: 'shell' };
  return parts[1] === 'shared' ? { kind: 'shared' } : { kind: 'feature', name: parts[1] as string };
}

describe('console modules', () => {
  const inConsole = imports.filter((i) => i.target && consolePart(i.file) && consolePart(i.target));

  test('the console has a shell, shared helpers and features', () => {
    const kinds = new Set(inConsole.map((i) => consolePart(i.file)?.kind));
    expect([...kinds].sort()).toEqual(['feature', 'shared', 'shell']);
  });

  test('no console feature imports another console feature', () => {
    expect(
      violations((i) => {
        const from = consolePart(i.file);
        const to = i.target ? consolePart(i.target) : null;
        return from?.kind === 'feature' && to?.kind === 'feature' && to.name !== from.name;
      }),
    ).toEqual([]);
  });

  test('the console shell and the shared helpers import no console feature', () => {
    expect(violations((i) => consolePart(i.file)?.kind !== 'feature' && !!consolePart(i.file) && (i.target ? consolePart(i.target)?.kind === 'feature' : false))).toEqual([]);
  });
});

/**
 * Each feature module's folders, layer by layer (relative to src/), and its composition file. Everything else in
 * flows, bot, console and use cases is the core: the engine, the pipeline, the console shell and the pages of the
 * hand-off and of announcements.
 */
const MODULE_FOLDERS: Record<string, string[]> = {
  consultation: ['flows/consultation', 'bot/consultation', 'composition/modules/consultation.ts'],
  events: ['flows/events', 'flows/salons', 'bot/events', 'console/events', 'console/salons', 'usecases/events', 'usecases/salons', 'composition/modules/events.ts'],
  volunteers: ['flows/volunteer', 'bot/volunteers', 'console/volunteers', 'console/volunteer-requests', 'usecases/volunteer-requests', 'composition/modules/volunteers.ts'],
  donations: ['flows/donate', 'bot/donations', 'console/donations', 'usecases/donations', 'composition/modules/donations.ts'],
  disaster: ['flows/disaster', 'bot/disaster', 'console/disaster', 'usecases/disaster', 'composition/modules/disaster.ts'],
  complaints: ['flows/complaints', 'bot/complaints', 'console/complaints', 'usecases/complaints', 'composition/modules/complaints.ts'],
  'faq-loop': ['console/faq-loop', 'usecases/faq-loop', 'composition/modules/faq-loop.ts'],
};

/** The module a file (relative to src/) belongs to, or null for the core. */
function moduleOf(file: string): string | null {
  const posix = file.split(path.sep).join('/');
  for (const [name, folders] of Object.entries(MODULE_FOLDERS)) if (folders.some((f) => posix === f || posix.startsWith(`${f}/`))) return name;
  return null;
}

describe('feature modules', () => {
  test('every module has its folders in the tree', () => {
    const files = new Set(imports.map((i) => moduleOf(i.file)));
    for (const name of Object.keys(MODULE_FOLDERS)) expect(files.has(name)).toBe(true);
  });

  test('the engine is closed: src/flows/engine imports no module', () => {
    expect(violations((i) => i.file.startsWith(`flows${path.sep}engine`) && !!i.target && moduleOf(i.target) !== null)).toEqual([]);
  });

  test('the engine knows no core flow either: within src/flows it imports only itself and the shared helpers (common)', () => {
    const flowFolder = (p: string) => p.split(path.sep)[1];
    const engine = (i: Import) => i.file.startsWith(`flows${path.sep}engine${path.sep}`);
    expect(violations((i) => engine(i) && !!i.target && layer(i.target) === 'flows' && !['engine', 'common'].includes(flowFolder(i.target) ?? ''))).toEqual([]);
    // The rule reads real imports: the engine does use the shared helpers.
    expect(imports.some((i) => engine(i) && i.target?.startsWith(`flows${path.sep}common${path.sep}`))).toBe(true);
  });

  test('the core (engine, core flows, pipeline, edge, rendering, console shell, core use cases) imports no module', () => {
    const core = (file: string) => ['flows', 'bot', 'console', 'usecases'].includes(layer(file)) && moduleOf(file) === null;
    expect(violations((i) => core(i.file) && !!i.target && moduleOf(i.target) !== null)).toEqual([]);
  });

  test('no module imports another module, in any layer', () => {
    expect(
      violations((i) => {
        const from = moduleOf(i.file);
        const to = i.target ? moduleOf(i.target) : null;
        return from !== null && to !== null && to !== from;
      }),
    ).toEqual([]);
  });

  test('only the composition lists the modules', () => {
    const list = path.join('composition', 'modules', 'index');
    expect(violations((i) => i.target === list && layer(i.file) !== 'composition')).toEqual([]);
  });
});
