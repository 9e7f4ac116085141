/**
 * honorific: 尊敬語 and 謙譲語. Two kinds:
 * - words that are honorific in themselves (いらっしゃる, 伺う, いたす, おる, ございます, 拝見 … see
 *   data/honorific-words.ts), by dictionary form. くださる fires except as the request ください: 〜てください and
 *   〜をください are what the guideline recommends, くださった方 (gave) and 来てくださる (kindly came) are not;
 * - お／ご + a verb stem or a する-noun, followed by になる (ご参加になる), by する／いたす (お待ちします,
 *   ご案内いたします), or by ください (お待ちください, ご連絡ください: write 待ってください, 連絡してください).
 * です／ます, 〜てください, ありがとうございます and nouns that merely start with お／ご (ご飯, お金, お知らせ as a noun) do not fire.
 * The finding covers the honorific form; its suggestion is the plain word.
 */
import type { PlacedMorpheme } from '../analysis';
import { HONORIFIC_WORDS, PLAIN_PREFIXED_NOUNS } from '../data/honorific-words';
import { MESSAGES } from '../data/messages';
import type { PlainFinding, Rule } from './rule';

const PREFIX = new Set(['お', 'ご', '御']);

/** ありがとうございます, おはようございます, おめでとうございます: greetings learnt whole, not honorific forms. */
const GREETINGS = /(?:ありがとう|おはよう|おめでとう)$/u;

/** Where an お／ご + stem begins at morpheme i: the index after the stem, or -1. */
function prefixedStemEnd(ms: readonly PlacedMorpheme[], i: number): number {
  const m = ms[i] as PlacedMorpheme;
  if (m.pos === '接頭詞' && PREFIX.has(m.surface)) {
    const stem = ms[i + 1];
    if (!stem || stem.start !== m.end) return -1;
    if (PLAIN_PREFIXED_NOUNS.has(m.surface + stem.surface)) return -1;
    const isStem = stem.pos === '動詞' || (stem.pos === '名詞' && (stem.posDetail === 'サ変接続' || stem.posDetail === '一般'));
    return isStem ? i + 2 : -1;
  }
  // Words the dictionary holds with their prefix: お待ち, お知らせ, お手伝い.
  if (m.pos === '名詞' && /^[おご御]./u.test(m.surface) && !PLAIN_PREFIXED_NOUNS.has(m.surface)) return i + 1;
  return -1;
}

/** The honorific rule, as the file comment describes: its findings in plain-text offsets. */
export const honorific: Rule = ({ analysis: a }) => {
  const ms = a.morphemes;
  const findings: PlainFinding[] = [];
  const push = (from: PlacedMorpheme, to: PlacedMorpheme, suggestion: string) => {
    const last = findings.at(-1);
    // One finding per form: お越しください is one place, not two.
    if (last && last.end > from.start) {
      last.end = Math.max(last.end, to.end);
      return;
    }
    findings.push({ rule: 'honorific', start: from.start, end: to.end, message: MESSAGES.honorific, suggestion });
  };
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i] as PlacedMorpheme;
    const plain = HONORIFIC_WORDS[m.base] ?? HONORIFIC_WORDS[m.surface];
    const isRequest = m.surface === 'ください' || m.surface === '下さい';
    const prev = ms[i - 1];
    const greeting = m.base === 'ござる' && !!prev && prev.end === m.start && GREETINGS.test(prev.surface);
    if (plain && !isRequest && !greeting) push(m, m, plain);
    const after = prefixedStemEnd(ms, i);
    if (after < 0) continue;
    const next = ms[after];
    const next2 = ms[after + 1];
    if (!next) continue;
    const stem = ms.slice(i, after).map((x) => x.surface).join('').replace(/^[おご御]/u, '');
    // A verb stem (待ち, 送り) ends in kana; a する-noun (参加, 連絡) is kanji.
    const verbStem = /[\u3041-\u3096]$/u.test(stem);
    const known = HONORIFIC_WORDS[m.surface + (after > i + 1 ? (ms[i + 1] as PlacedMorpheme).surface : '')];
    if (next.surface === 'に' && next2?.base === 'なる') push(m, next2, known ?? (verbStem ? `${stem}ます` : `${stem}します`));
    else if ((next.base === 'する' || next.base === 'いたす' || next.base === '致す') && next.pos === '動詞') push(m, next, known ?? (verbStem ? `${stem}ます` : `${stem}します`));
    else if (next.base === 'くださる' || next.base === '下さる') push(m, next, known ?? (verbStem ? '〜てください（お待ちください → 待ってください）' : `${stem}してください`));
  }
  return findings;
};
