/**
 * katakanaLoanword: a katakana word not in the known list (data/katakana-words.ts). Adjacent katakana morphemes are
 * one word (フード + ドライブ); the word fires when any of its parts is unknown, unless the whole is known.
 * Proper names (the tokenizer's 固有名詞: ベトナム, ブラジル) and single letters are left alone. The suggestion
 * comes from the replacement map, whole word first, then its parts.
 */
import type { PlacedMorpheme } from '../analysis';
import { KATAKANA_REPLACEMENTS, KNOWN_KATAKANA } from '../data/katakana-words';
import { MESSAGES } from '../data/messages';
import { isKatakanaWord } from '../script';
import type { PlainFinding, Rule } from './rule';

const katakanaMorpheme = (m: PlacedMorpheme) => isKatakanaWord(m.surface) && m.posDetail !== '固有名詞' && m.pos !== '記号';

/** The katakanaLoanword rule, as the file comment describes: its findings in plain-text offsets. */
export const katakanaLoanword: Rule = ({ analysis: a }) => {
  const ms = a.morphemes;
  const findings: PlainFinding[] = [];
  for (let i = 0; i < ms.length; i++) {
    if (!katakanaMorpheme(ms[i] as PlacedMorpheme)) continue;
    const parts = [ms[i] as PlacedMorpheme];
    while (i + 1 < ms.length && katakanaMorpheme(ms[i + 1] as PlacedMorpheme) && (ms[i + 1] as PlacedMorpheme).start === (parts.at(-1) as PlacedMorpheme).end) parts.push(ms[++i] as PlacedMorpheme);
    const word = parts.map((p) => p.surface).join('');
    if ([...word.replace(/[ー・]/gu, '')].length < 2 || KNOWN_KATAKANA.has(word)) continue;
    const unknown = parts.filter((p) => !KNOWN_KATAKANA.has(p.surface));
    if (unknown.length === 0) continue;
    const suggestion = KATAKANA_REPLACEMENTS[word] ?? unknown.map((p) => KATAKANA_REPLACEMENTS[p.surface]).find((s) => s !== undefined);
    findings.push({ rule: 'katakanaLoanword', start: (parts[0] as PlacedMorpheme).start, end: (parts.at(-1) as PlacedMorpheme).end, message: MESSAGES.katakanaLoanword, ...(suggestion ? { suggestion } : {}) });
  }
  return findings;
};
