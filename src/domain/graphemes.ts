/** Counting characters as LINE counts them in labels: grapheme clusters, what a reader sees as one character. */

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** The most characters LINE shows in a button or quick-reply label. */
export const LABEL_MAX_GRAPHEMES = 20;

/** Number of user-perceived characters (grapheme clusters), the unit LINE uses for labels. */
export function countGraphemes(s: string): number {
  return [...segmenter.segment(s)].length;
}
