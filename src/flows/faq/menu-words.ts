import { normalizeText } from '../../domain/faq/normalize';

/** A main-menu section's labels in every language (from the locale files, so a relabelled menu still matches). */
export type MenuLabels = ReadonlyArray<{ section: string; labels: readonly string[] }>;

/** Endings residents add to a menu word (相談 + したい, ボランティア + を頼みたい), in matching form. */
const ENDINGS = ['したい', 'します', 'する', 'を頼みたい', 'をたのみたい', 'を頼む', 'をお願いしたい', 'をおねがいしたい', 'がしたい', 'をしたい', 'に申込みたい', 'をはじめたい', 'を始めたい', 'たい', 'please', 'i want to', 'i would like to']
  .map((e) => normalizeText(e).replace(/\s+/g, ''))
  .sort((a, b) => b.length - a.length);

const compact = (text: string): string => normalizeText(text).replace(/\s+/g, '');

/**
 * The words that name each section: every label, each part of a label joined with ・ or &, without a closing
 * する (相談する → 相談), in matching form without spaces.
 */
export function menuWords(labels: MenuLabels): Map<string, string> {
  const words = new Map<string, string>();
  for (const { section, labels: ls } of labels) {
    for (const label of ls) {
      const parts = [label, ...label.split(/[・&/]| and /)];
      for (const part of parts) {
        const w = compact(part);
        if (!w) continue;
        words.set(w, section);
        if (w.endsWith('する') && w.length > 2) words.set(w.slice(0, -2), section);
        if (w.endsWith('ing') && w.length > 5) words.set(w.slice(0, -3), section);
        if (w.startsWith('askfor')) words.set(w, section);
      }
    }
  }
  return words;
}

/** The section `text` names (the whole message is a menu word, perhaps with an ending), or null. Pure. */
export function sectionNamed(text: string, words: ReadonlyMap<string, string>): string | null {
  const t = compact(text).replace(/(です|ます|ください)$/, '');
  if (!t || t.length > 24) return null;
  const exact = words.get(t);
  if (exact) return exact;
  for (const e of ENDINGS) {
    if (e && t.endsWith(e)) {
      const found = words.get(t.slice(0, -e.length));
      if (found) return found;
    }
    if (e && t.startsWith(e)) {
      const found = words.get(t.slice(e.length));
      if (found) return found;
    }
  }
  return null;
}
