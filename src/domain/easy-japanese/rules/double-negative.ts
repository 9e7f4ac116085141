/**
 * doubleNegative: 〜ないことはない, 〜なくはない, 〜ないわけではない, 〜ないとは限らない, and the obligation forms
 * 〜なければならない／なりません, 〜なくてはいけない, 〜ないといけない (patterns in data/double-negatives.ts).
 * 〜ないでください is a request, not a double negative, and does not match. The finding covers the pattern.
 */
import { DOUBLE_NEGATIVES } from '../data/double-negatives';
import { MESSAGES } from '../data/messages';
import type { PlainFinding, Rule } from './rule';

/** The doubleNegative rule, as the file comment describes: its findings in plain-text offsets. */
export const doubleNegative: Rule = ({ analysis: a }) => {
  const findings: PlainFinding[] = [];
  for (const { pattern, suggestion, obligation } of DOUBLE_NEGATIVES) {
    for (const m of a.plain.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      // ざるを得ない starts with the negative ざる itself; the others must start at the negative ない.
      const first = a.morphemes.find((x) => x.start <= start && x.end > start);
      const negative = m[0].startsWith('ざる') || (!!first && first.start === start && (first.base === 'ない' || first.base === 'ぬ'));
      if (!negative) continue;
      if (findings.some((f) => f.start < end && start < f.end)) continue;
      findings.push({ rule: 'doubleNegative', start, end, message: obligation ? MESSAGES.obligation : MESSAGES.doubleNegative, suggestion });
    }
  }
  return findings.sort((x, y) => x.start - y.start);
};
