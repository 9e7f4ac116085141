/** A morpheme as a Japanese morphological analyser gives it. */
export interface Morpheme {
  /** The text as written. */
  surface: string;
  /** The dictionary form (借り → 借りる); the surface for unknown words. */
  base: string;
  /** Part of speech, the analyser's top level (名詞, 動詞, 形容詞, 助詞 …). */
  pos: string;
  /** Second level (非自立, 数, 代名詞 …), '*' when none. */
  posDetail: string;
  /** The reading in katakana, when the dictionary knows the word. */
  reading?: string | undefined;
}

/**
 * The FAQ's Japanese tokenizer, as a port (the kuromoji adapter lives in src/infra). Synchronous once built: the
 * processing side builds it once, lazily, before the first batch that needs it.
 */
export interface Tokenizer {
  tokenize(text: string): Morpheme[];
}
