import path from 'node:path';
import { createRequire } from 'node:module';
import kuromoji from 'kuromoji';
import type { Morpheme, Tokenizer } from '../domain/faq/tokenizer';
import { PROJECT_ROOT } from './project-root';

/** kuromoji's dictionary, shipped inside its npm package. */
function dictionaryPath(): string {
  const pkg = createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('kuromoji/package.json');
  return path.join(path.dirname(pkg), 'dict');
}

const require = createRequire(import.meta.url);

/**
 * kuromoji keeps its word-id → token-ids table as one JS object with an array per word (some 390,000 of them): about
 * 70 MB of heap, too much for the processing worker's bounded heap. This reads the same file into two typed arrays
 * (offsets and ids, a few MB outside the heap) and answers the same lookups through a proxy; lookups stay exact.
 */
function compactTargetMap(): void {
  const dictionary = require('kuromoji/src/dict/TokenInfoDictionary.js') as { prototype: { loadTargetMap(bytes: Uint8Array): unknown; target_map: unknown } };
  dictionary.prototype.loadTargetMap = function loadTargetMap(this: { target_map: unknown }, bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The file: a count, then [key, n, n ids] records (little-endian int32), as kuromoji's own reader takes it.
    const records = (visit: (key: number, at: number, n: number) => void) => {
      for (let at = 4; at + 8 <= bytes.byteLength; ) {
        const key = view.getInt32(at, true);
        const n = view.getInt32(at + 4, true);
        visit(key, at + 8, n);
        at += 8 + 4 * n;
      }
    };
    let maxKey = 0;
    let total = 0;
    records((key, _at, n) => {
      if (key > maxKey) maxKey = key;
      total += n;
    });
    const counts = new Int32Array(maxKey + 2);
    records((key, _at, n) => void (counts[key + 1]! += n));
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    const offsets = counts;
    const fill = offsets.slice();
    const ids = new Int32Array(total);
    records((key, at, n) => {
      for (let i = 0; i < n; i++) ids[fill[key]!++] = view.getInt32(at + 4 * i, true);
    });
    const empty = new Int32Array(0);
    this.target_map = new Proxy(
      {},
      {
        get(_target, prop) {
          const key = typeof prop === 'string' ? Number(prop) : NaN;
          return Number.isInteger(key) && key >= 0 && key <= maxKey ? ids.subarray(offsets[key]!, offsets[key + 1]!) : empty;
        },
      },
    );
    return this;
  };
}

/** The FAQ tokenizer over kuromoji (IPADIC): dictionary form, part of speech and reading of each morpheme. */
export class KuromojiTokenizer implements Tokenizer {
  constructor(private readonly inner: kuromoji.Tokenizer<kuromoji.IpadicFeatures>) {}

  tokenize(text: string): Morpheme[] {
    return this.inner.tokenize(text).map((t) => ({ surface: t.surface_form, base: t.basic_form, pos: t.pos, posDetail: t.pos_detail_1, reading: t.reading }));
  }
}

let building: Promise<KuromojiTokenizer> | null = null;

/**
 * The process's one tokenizer, built on first use (about 0.5 s; the dictionary lives mostly in array buffers outside
 * the JS heap, see docs/performance.md) and shared after. A failed build is retried on the next call.
 */
export function kuromojiTokenizer(): Promise<KuromojiTokenizer> {
  if (!building) compactTargetMap();
  building ??= new Promise<KuromojiTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((err, tokenizer) => (err ? reject(err) : resolve(new KuromojiTokenizer(tokenizer))));
  }).catch((e: unknown) => {
    building = null;
    throw e;
  });
  return building;
}
