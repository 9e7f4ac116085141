/**
 * Grouping the knowledge loop's questions by similarity, so staff see 「ボランティア保険はいくら」 asked twelve
 * ways as one group with a count. Pure and deterministic: the same questions give the same groups in the same
 * order. Similarity is the Jaccard index of the character bigrams of a folded text (width, case, katakana →
 * hiragana, punctuation, spaces and a few polite endings dropped), which needs no dictionary and works for
 * Japanese, やさしい日本語 and English alike. Clustering is greedy: questions are taken oldest first, and each
 * joins the first group holding a question at least `threshold` similar, else starts a group. A group is keyed
 * by its oldest question (its seed), which stays its key while newer questions join it.
 */

/** Why a question is in the loop. */
export type LoopKind = 'unanswered' | 'unhelpful' | 'staff';

/** A question as the loop reads it: never with anything naming the resident. */
export interface LoopQuestion {
  id: string;
  text: string;
  /** The matcher's normalised text, when it stored one; grouping folds it again. */
  normalized: string;
  language: string;
  kind: LoopKind;
  at: Date;
  /** For `staff`: what staff answered by hand. */
  staffAnswer?: string | null;
}

export interface QuestionGroup {
  /** The seed's id: the group's oldest question. */
  key: string;
  ids: string[];
  count: number;
  byKind: Record<LoopKind, number>;
  /** Distinct texts, newest first. */
  texts: string[];
  latestAt: Date;
  /** The newest answer staff gave by hand to a question of the group, or null. */
  staffAnswer: string | null;
}

/** Jaccard similarity at or above which two questions are grouped. */
export const GROUP_THRESHOLD = 0.4;

const POLITE = /(でしょうか|ですか|ますか|ください|下さい|おしえて|教えて|ですが|ますが|です|ます)/g;

/** The folded text grouping compares: NFKC, lower case, hiragana for katakana, no punctuation, spaces or polite endings. */
export function foldForGrouping(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(POLITE, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The character bigrams of a folded text (a one-character text is its own single "bigram"). */
export function bigrams(folded: string): Set<string> {
  const chars = [...folded];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i < chars.length - 1; i += 1) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** |a ∩ b| / |a ∪ b|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * The questions in groups, most asked first (then most recent, then key). A question joins the first group
 * (in the order groups were started) with a member at least `threshold` similar to it.
 */
export function groupQuestions(questions: readonly LoopQuestion[], threshold = GROUP_THRESHOLD): QuestionGroup[] {
  const ordered = [...questions].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  const clusters: Array<{ members: LoopQuestion[]; grams: Set<string>[] }> = [];
  for (const q of ordered) {
    const grams = bigrams(foldForGrouping(q.normalized || q.text));
    const home = clusters.find((c) => c.grams.some((g) => jaccard(g, grams) >= threshold));
    if (home) {
      home.members.push(q);
      home.grams.push(grams);
    } else clusters.push({ members: [q], grams: [grams] });
  }
  const groups = clusters.map(({ members }): QuestionGroup => {
    const newest = [...members].reverse();
    const byKind: Record<LoopKind, number> = { unanswered: 0, unhelpful: 0, staff: 0 };
    for (const m of members) byKind[m.kind] += 1;
    return {
      key: members[0]!.id,
      ids: members.map((m) => m.id),
      count: members.length,
      byKind,
      texts: [...new Set(newest.map((m) => m.text.trim()))],
      latestAt: newest[0]!.at,
      staffAnswer: newest.find((m) => m.staffAnswer)?.staffAnswer ?? null,
    };
  });
  return groups.sort((a, b) => b.count - a.count || b.latestAt.getTime() - a.latestAt.getTime() || a.key.localeCompare(b.key));
}
