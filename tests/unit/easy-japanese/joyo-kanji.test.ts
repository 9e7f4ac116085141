// Under test: the checker's copy of the 常用漢字 (src/domain/easy-japanese/joyo-kanji.ts) against the joyo-kanji
// package it was copied from, and that the checker's folder stays pure and bundles for a browser. Nothing faked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import joyo from 'joyo-kanji';
import { describe, expect, test } from 'vitest';
import { JOYO_KANJI, JOYO_KANJI_TEXT } from '../../../src/domain/easy-japanese/joyo-kanji';
import { readImports } from '../../helpers/read-imports';

const FOLDER = path.resolve(import.meta.dirname, '..', '..', '..', 'src', 'domain', 'easy-japanese');

describe('the 常用漢字 list', () => {
  test('is the package list, in order, one code point each', () => {
    expect([...JOYO_KANJI_TEXT]).toEqual(joyo.kanji);
    expect(joyo.kanji).toHaveLength(2136);
  });

  test('also accepts the usual computer shapes of 剝 𠮟 塡 頰, and nothing else beyond the list', () => {
    for (const c of ['剥', '叱', '填', '頬', '剝', '𠮟', '塡', '頰', '鬱', '誰']) expect(JOYO_KANJI.has(c), c).toBe(true);
    for (const c of ['咳', '絆', '薔', '噛', '々']) expect(JOYO_KANJI.has(c), c).toBe(false);
    expect(JOYO_KANJI.size).toBe(2140);
  });
});

describe('the checker folder', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

  test('imports nothing but its own files and the tokenizer port', () => {
    const outside = files(FOLDER).flatMap((f) =>
      readImports(readFileSync(f, 'utf8'), f)
        .map((i) => i.spec ?? '(computed)')
        .filter((spec) => {
          if (!spec.startsWith('.')) return true;
          const target = path.resolve(path.dirname(f), spec);
          return !target.startsWith(FOLDER) && target !== path.join(FOLDER, '..', 'faq', 'tokenizer');
        })
        .map((spec) => `${path.relative(FOLDER, f)} → ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  test('bundles for a browser', async () => {
    const out = await build({ entryPoints: [path.join(FOLDER, 'index.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    expect(out.errors).toEqual([]);
    expect(out.outputFiles[0]?.text).toContain('checkEasyJapanese');
  });
});
