// Under test: the layer rules of STYLE.md, checked on every import in src/ (the "lint rule per folder"), in
// every form TypeScript has (tests/helpers/read-imports.ts). Nothing is faked: the source files are parsed.
import { readdirSync, readFileSync } from 'node:fs';
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
    return spec.startsWith('.') ? [{ file, spec, target: path.relative(SRC, path.resolve(path.dirname(full), spec)) }] : [{ file, spec }];
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

  test('infra implements domain ports and never imports bot, flows, console or scheduler', () => {
    expect(violations((i) => layer(i.file) === 'infra' && !!i.target && ['bot', 'flows', 'console', 'scheduler'].includes(layer(i.target)))).toEqual([]);
  });

  test('Prisma is used only in infra', () => {
    expect(violations((i) => layer(i.file) !== 'infra' && (i.spec.startsWith('@prisma/') || i.spec.includes('generated/prisma')))).toEqual([]);
  });

  test('only the LINE adapters in infra import @line/bot-sdk (the API client, and the webhook signature check)', () => {
    const adapters = [path.join('infra', 'line-messenger.ts'), path.join('infra', 'line-signature.ts')];
    expect(violations((i) => i.spec.startsWith('@line/bot-sdk') && !adapters.includes(i.file))).toEqual([]);
  });

  test('only config.ts (and the entry points passing it the environment) reads process.env', () => {
    const readers = sourceFiles(SRC)
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f))
      .sort();
    expect(readers).toEqual(['config.ts', 'run-broadcasts-once.ts', 'server.ts']);
  });
});
