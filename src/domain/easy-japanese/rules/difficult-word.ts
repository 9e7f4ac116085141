/**
 * difficultWord: words and set phrases from the table in data/difficult-words.ts, matched as whole morphemes in
 * the plain text. Where two entries overlap (に際して, 際) the longer one fires.
 */
import { DIFFICULT_WORDS } from '../data/difficult-words';
import { MESSAGES } from '../data/messages';
import type { PlainFinding, Rule } from './rule';

const LONGEST_FIRST = [...DIFFICULT_WORDS].sort((x, y) => y.word.length - x.word.length);

/** The difficultWord rule, as the file comment describes: its findings in plain-text offsets. */
export const difficultWord: Rule = ({ analysis: a }) => {
  const starts = new Map(a.morphemes.map((m) => [m.start, m]));
  const ends = new Set(a.morphemes.map((m) => m.end));
  const findings: PlainFinding[] = [];
  for (const { word, replacement, pos } of LONGEST_FIRST) {
    for (let at = a.plain.indexOf(word); at >= 0; at = a.plain.indexOf(word, at + 1)) {
      const end = at + word.length;
      const first = starts.get(at);
      if (!first || !ends.has(end) || (pos && first.pos !== pos)) continue;
      if (findings.some((f) => f.start < end && at < f.end)) continue;
      findings.push({ rule: 'difficultWord', start: at, end, message: MESSAGES.difficultWord, suggestion: replacement });
    }
  }
  return findings.sort((x, y) => x.start - y.start);
};
