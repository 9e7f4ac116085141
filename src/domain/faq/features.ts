import { foldWidth, hasJapanese, normalizeText, toHiragana } from './normalize';
import type { SynonymTable } from './synonyms';
import type { Morpheme, Tokenizer } from './tokenizer';

/**
 * The features a question is matched on, each with a weight: content words in their dictionary form (w:),
 * character bigrams of the matching form (b:) and of the reading (y:, so 車椅子 and くるまいす meet), and English
 * word stems (e:). Japanese and easy Japanese take the same path; a text with no Japanese script takes the
 * English one.
 */
export type Features = Map<string, number>;

/** How much each kind of feature counts: words say most, bigrams catch what the analyser splits differently. */
export const FEATURE_WEIGHTS = { word: 1, kanaWord: 0.5, bigram: 0.35, reading: 0.35, english: 1 } as const;

/** A word in hiragana only: in easy Japanese the analyser often splits these wrongly (くるまいす → くるむ + いす). */
const HIRAGANA_ONLY = /^[\u3041-\u309f]+$/u;

/** Parts of speech that carry content. */
const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '感動詞']);
/** Second-level parts of speech that do not (の, こと, それ, numbers' counters …). */
const NON_CONTENT_DETAIL = new Set(['非自立', '代名詞', '接尾', '数', '副詞可能']);

/** Words that carry no topic (asked about anything): dropped as words, still part of the bigrams. */
export const JAPANESE_STOPWORDS = new Set(
  ['する', 'ある', 'いる', 'なる', 'できる', 'れる', 'られる', 'いう', 'おる', 'くる', 'いく', 'やる', 'もらう', 'くれる', 'いただく', 'ください', 'くださる', 'おねがい', 'ねがう', 'お願い', 'よい', 'いい', 'ない', 'どう', 'どこ', 'いつ', 'なに', '何', 'なん', 'だれ', '誰', 'どれ', 'どんな', 'ほしい', 'たい', 'です', 'ます', 'もの', 'こと', 'ところ', 'とき', '方', 'かた', 'ため', 'よう', 'そう', 'ちょっと', 'すこし', '少し', 'とても', 'さん', '様', 'わたし', '私', 'ぼく', '僕', 'うち', 'いま', '今', '知る', 'しる', 'わかる', '分かる', '教える', 'おしえる', '聞く', 'きく', '思う', 'おもう', '考える', 'もう', 'また', 'まだ', 'はい', 'いいえ', 'すみません', 'あの', 'えっと', 'ちょう'].map((w) => normalizeText(w)),
);

/** English words that carry no topic. */
export const ENGLISH_STOPWORDS = new Set(
  'a an the and or but if of to in on at for from by with about as is are was were be been being am do does did done have has had i me my we our you your he she it its they them their this that these those there here what which who whom whose when where why how can could would should will shall may might must want wants wanted need needs like please tell know get got any some much many more most other just also so than too very not no yes out up into over only own same then once again hi hello thanks thank make let go come would'.split(' '),
);

/** A crude English stem, enough to meet plural and verb forms (registering → regist, registers → regist). */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es') && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

function add(f: Features, key: string, weight: number): void {
  f.set(key, (f.get(key) ?? 0) + weight);
}

function bigrams(text: string, prefix: string, weight: number, f: Features): void {
  for (const run of text.split(' ')) {
    const chars = [...run];
    if (chars.length === 1 && hasJapanese(run)) add(f, `${prefix}${run}`, weight);
    for (let i = 0; i + 1 < chars.length; i++) add(f, `${prefix}${chars[i]}${chars[i + 1]}`, weight);
  }
}

function isContent(m: Morpheme): boolean {
  return CONTENT_POS.has(m.pos) && !NON_CONTENT_DETAIL.has(m.posDetail);
}

/** English word stems of the Latin-script words in `text`. */
function englishFeatures(text: string, synonyms: SynonymTable, f: Features): void {
  for (const raw of foldWidth(text).split(/[^a-z0-9]+/)) {
    const word = synonyms.word(raw);
    if (!word || ENGLISH_STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    add(f, `e:${stem(word)}`, FEATURE_WEIGHTS.english);
  }
}

/** The morpheme's dictionary form in matching form, synonyms applied; null when it carries no topic. */
function contentWord(m: Morpheme, synonyms: SynonymTable): string | null {
  if (!isContent(m)) return null;
  const base = synonyms.word(normalizeText(m.base && m.base !== '*' ? m.base : m.surface));
  if (!base || JAPANESE_STOPWORDS.has(base) || /^[a-z0-9]+$/.test(base)) return null;
  return base;
}

/**
 * Japanese features: content words, and bigrams of the content parts of the text as written and as read (particles,
 * auxiliaries and words that carry no topic become gaps, so 「を借」「です」 say nothing).
 */
function japaneseFeatures(text: string, tokenizer: Tokenizer, synonyms: SynonymTable, f: Features): void {
  const morphemes = tokenizer.tokenize(foldWidth(text));
  const written: string[] = [];
  const read: string[] = [];
  for (const m of morphemes) {
    const word = contentWord(m, synonyms);
    // Prefixes (お, ご, 再) stay with the word they lead; anything else without content is a gap.
    const keep = word !== null || m.pos === '接頭詞' || (m.pos === '名詞' && m.posDetail === '接尾');
    written.push(keep ? m.surface : ' ');
    read.push(keep ? toHiragana(m.reading && m.reading !== '*' ? m.reading : m.surface) : ' ');
    // A single hiragana is rarely a word of its own (an analyser's guess on easy Japanese); bigrams cover it.
    if (word && !([...word].length === 1 && /^[\u3041-\u3096]$/u.test(word))) add(f, `w:${word}`, HIRAGANA_ONLY.test(word) ? FEATURE_WEIGHTS.kanaWord : FEATURE_WEIGHTS.word);
  }
  const clean = (t: string) => t.replace(/[a-z0-9]+/g, ' ').replace(/\s+/g, ' ').trim();
  bigrams(clean(synonyms.text(normalizeText(written.join('')))), 'b:', FEATURE_WEIGHTS.bigram, f);
  bigrams(clean(normalizeText(read.join(''))), 'y:', FEATURE_WEIGHTS.reading, f);
}

/** The features of `text` (a resident's question or one of an entry's question forms). */
export function featuresOf(text: string, tokenizer: Tokenizer, synonyms: SynonymTable): Features {
  const f: Features = new Map();
  if (hasJapanese(text)) japaneseFeatures(text, tokenizer, synonyms, f);
  englishFeatures(text, synonyms, f);
  return f;
}
