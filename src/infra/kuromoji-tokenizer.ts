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

/** The FAQ tokenizer over kuromoji (IPADIC): dictionary form, part of speech and reading of each morpheme. */
export class KuromojiTokenizer implements Tokenizer {
  constructor(private readonly inner: kuromoji.Tokenizer<kuromoji.IpadicFeatures>) {}

  tokenize(text: string): Morpheme[] {
    return this.inner.tokenize(text).map((t) => ({ surface: t.surface_form, base: t.basic_form, pos: t.pos, posDetail: t.pos_detail_1, reading: t.reading }));
  }
}

let building: Promise<KuromojiTokenizer> | null = null;

/**
 * The process's one tokenizer, built on first use (about 0.5 s, about 90 MB of heap and 200 MB of array buffers
 * for the dictionary; see docs/performance.md) and shared after. A failed build is retried on the next call.
 */
export function kuromojiTokenizer(): Promise<KuromojiTokenizer> {
  building ??= new Promise<KuromojiTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((err, tokenizer) => (err ? reject(err) : resolve(new KuromojiTokenizer(tokenizer))));
  }).catch((e: unknown) => {
    building = null;
    throw e;
  });
  return building;
}
