// Under test: the FAQ's kuromoji tokenizer as the service builds it — its part-of-speech file read from disk by
// position, the unknown-word dictionary's in memory. Nothing faked: the real dictionary.
import { describe, expect, it } from 'vitest';
import { kuromojiTokenizer } from '../../../src/infra/kuromoji-tokenizer';

describe('kuromoji tokenizer', () => {
  it('gives dictionary forms, parts of speech and readings of known words', async () => {
    const tokens = (await kuromojiTokenizer()).tokenize('車椅子を借りたい');
    expect(tokens).toEqual([
      { surface: '車椅子', base: '車椅子', pos: '名詞', posDetail: '一般', reading: 'クルマイス' },
      { surface: 'を', base: 'を', pos: '助詞', posDetail: '格助詞', reading: 'ヲ' },
      { surface: '借り', base: '借りる', pos: '動詞', posDetail: '自立', reading: 'カリ' },
      { surface: 'たい', base: 'たい', pos: '助動詞', posDetail: '*', reading: 'タイ' },
    ]);
  });

  it('reads words the dictionary does not know from the unknown-word dictionary', async () => {
    const tokens = (await kuromojiTokenizer()).tokenize('ツナグボットABC');
    expect(tokens.map((t) => [t.surface, t.pos, t.posDetail])).toEqual([
      ['ツナグボット', '名詞', '一般'],
      ['ABC', '名詞', '固有名詞'],
    ]);
  });
});
