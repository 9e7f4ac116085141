import { normalizeText } from './normalize';

/** A word the council treats as another (車イス → 車いす, ボラ → ボランティア), both in matching form. */
export interface Synonym {
  term: string;
  means: string;
}

/** Synonyms as a lookup: the council's rows and the profile's list, normalised; the council's own rows win. */
export class SynonymTable {
  private readonly map = new Map<string, string>();
  private readonly phrases: Array<[string, string]>;

  constructor(lists: ReadonlyArray<ReadonlyArray<Synonym>>) {
    // Later lists win: callers pass the profile's list first, then the council's rows.
    for (const list of lists) for (const s of list) {
      const term = normalizeText(s.term);
      const means = normalizeText(s.means);
      if (term && means && term !== means) this.map.set(term, means);
    }
    // Phrases (several words, or words longer than one character) are also replaced inside text, longest first.
    this.phrases = [...this.map].filter(([t]) => [...t].length >= 2).sort((a, b) => b[0].length - a[0].length);
  }

  /** The word `word` (matching form) stands for. */
  word(word: string): string {
    return this.map.get(word) ?? word;
  }

  /** `text` (matching form) with every synonym phrase replaced by what it means. */
  text(text: string): string {
    let t = text;
    for (const [term, means] of this.phrases) if (t.includes(term) && !t.includes(means)) t = t.split(term).join(means);
    return t;
  }

  get size(): number {
    return this.map.size;
  }
}
