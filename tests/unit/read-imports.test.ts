// Under test: the import reader the architecture test relies on — each way a TypeScript file can refer to a
// module, and text that only looks like an import. Nothing is faked: source text in, specifiers out.
import { describe, expect, test } from 'vitest';
import { readImports } from '../helpers/read-imports';

const specs = (source: string) => readImports(source).map((i) => i.spec);

describe('readImports', () => {
  test.each([
    ['default, single quotes', `import a from 'pkg';`, ['pkg']],
    ['named, double quotes', `import { a } from "pkg";`, ['pkg']],
    ['namespace', `import * as a from './a';`, ['./a']],
    ['import type', `import type { A } from '../domain/a';`, ['../domain/a']],
    ['inline type specifier', `import { a, type B } from './a';`, ['./a']],
    ['side effect, single quotes', `import './polyfill';`, ['./polyfill']],
    ['side effect, double quotes', `import "./polyfill";`, ['./polyfill']],
    ['export from', `export { a } from './a';`, ['./a']],
    ['export star', `export * from "./a";`, ['./a']],
    ['export star as', `export * as a from './a';`, ['./a']],
    ['export type from', `export type { A } from './a';`, ['./a']],
    ['dynamic, single quotes', `const m = await import('./a');`, ['./a']],
    ['dynamic, double quotes', `const m = await import("./a");`, ['./a']],
    ['dynamic, template without substitutions', 'const m = await import(`./a`);', ['./a']],
    ['dynamic over lines', `const m = await import(\n  './a'\n);`, ['./a']],
    ['typeof import in a type', `let e: typeof import('@prisma/client');`, ['@prisma/client']],
    ['import type in a parameter', `function f(e: import("./a").A) {}`, ['./a']],
    ['import = require', `import fs = require('node:fs');`, ['node:fs']],
    ['require', `const fs = require("node:fs");`, ['node:fs']],
    ['no semicolons', `import a from './a'\nimport b from './b'`, ['./a', './b']],
  ])('%s', (_name, source, expected) => {
    expect(specs(source)).toEqual(expected);
  });

  test('a multi-line import with comments and trailing commas, with its line', () => {
    const source = [`// header`, `import {`, `  a, // the first`, `  /* the second */ b,`, `} from`, `  '../bot/a';`].join('\n');
    expect(readImports(source)).toEqual([{ spec: '../bot/a', line: 2 }]);
  });

  test('a computed dynamic import is reported without a specifier', () => {
    expect(readImports(`const name = './a';\nawait import(name);`)).toEqual([{ spec: undefined, line: 2 }]);
  });

  test('text that only looks like an import is not one', () => {
    const source = [
      `// import a from 'in-a-line-comment';`,
      `/* import b from "in-a-block-comment"; */`,
      `const s = "import c from 'in-a-string'";`,
      'const t = `import d from "in-a-template"`;',
      `const r = /import e from 'in-a-regex'/;`,
      `const from = 'f'; const x = { import: 'g' };`,
      `const important = "h";`,
    ].join('\n');
    expect(specs(source)).toEqual([]);
  });

  test('every form in one file, in source order', () => {
    const source = `import a from 'one';
import type { B } from "two";
import {
  c,
  d,
} from './three';
import './four';
export * from "./five";
export const g = async () => (await import("./six")).h;
`;
    expect(specs(source)).toEqual(['one', 'two', './three', './four', './five', './six']);
  });
});
