import type { FaqEntry } from './entry';
import { entryApplies } from './entry';
import { featuresOf, type Features } from './features';
import { normalizeText } from './normalize';
import { SynonymTable, type Synonym } from './synonyms';
import type { Tokenizer } from './tokenizer';

/** BM25's term-frequency saturation and length normalisation. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.5;

/**
 * The decision's thresholds, on the normalised score (0–1: the share of the question's weighted features the
 * entry holds, each counted by its rarity). Named so they are tuned in one place.
 */
export const FAQ_THRESHOLDS = {
  /** At or above this, with a clear lead, the top entry answers alone. */
  answer: 0.3,
  /** The top entry must lead the second by this share of its own score to answer alone. */
  lead: 0.3,
  /** A lone candidate (no other within `candidateShare` of it) at or above this answers alone. */
  lone: 0.22,
  /** At or above this the top entry answers alone with a small lead (`sureLead`); a tie never answers. */
  sure: 0.7,
  sureLead: 0.1,
  /** Below this nothing is offered. */
  candidate: 0.2,
  /** Candidates after the first must score at least this share of the first's. */
  candidateShare: 0.5,
} as const;

/** How much a word of the entry's answer counts against one of its question forms. */
export const ANSWER_WEIGHT = 0.3;

/** At most this many candidates are offered as buttons. */
export const MAX_CANDIDATES = 3;

/** One scored entry. */
export interface Scored {
  entryId: string;
  /** 0–1, see `FAQ_THRESHOLDS`. */
  score: number;
}

/** What the FAQ does with a question. */
export type FaqDecision =
  | { kind: 'answer'; entryId: string; score: number }
  | { kind: 'candidates'; candidates: Scored[] }
  | { kind: 'none'; best: Scored | null };

/** Decides from scores (best first): one confident answer, up to three candidates, or nothing. Pure. */
export function decide(scored: readonly Scored[]): FaqDecision {
  const [top, second] = scored;
  if (!top || top.score < FAQ_THRESHOLDS.candidate) return { kind: 'none', best: top ?? null };
  const lead = second ? (top.score - second.score) / top.score : 1;
  const lone = !second || second.score < top.score * FAQ_THRESHOLDS.candidateShare;
  if ((top.score >= FAQ_THRESHOLDS.sure && lead >= FAQ_THRESHOLDS.sureLead) || (top.score >= FAQ_THRESHOLDS.answer && lead >= FAQ_THRESHOLDS.lead) || (lone && top.score >= FAQ_THRESHOLDS.lone)) return { kind: 'answer', entryId: top.entryId, score: top.score };
  const candidates = scored.filter((s) => s.score >= FAQ_THRESHOLDS.candidate && s.score >= top.score * FAQ_THRESHOLDS.candidateShare).slice(0, MAX_CANDIDATES);
  return { kind: 'candidates', candidates };
}

interface IndexedEntry {
  entry: FaqEntry;
  features: Features;
  length: number;
  /** Each question form's own features, for the closest phrasing. */
  forms: Features[];
}

/** How the score is made: the entry as a whole (BM25) and its closest question form (weighted Dice). */
export const SCORE_MIX = { entry: 0.5, closestForm: 0.5 } as const;

/** Who is asking, for the entries' scope: today (Japan time) and their district. */
export interface AskScope {
  today: string;
  district: string | null;
}

/**
 * The entries indexed for matching (BM25 over the features of every question form of an entry, one document per
 * entry). Built once per change of the entries or synonyms; matching a question is then a few hundred microseconds.
 */
export class FaqIndex {
  private readonly docs: IndexedEntry[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;
  readonly synonyms: SynonymTable;

  constructor(
    entries: readonly FaqEntry[],
    private readonly tokenizer: Tokenizer,
    synonyms: ReadonlyArray<ReadonlyArray<Synonym>> = [],
  ) {
    this.synonyms = new SynonymTable(synonyms);
    this.docs = entries.map((entry) => {
      const features: Features = new Map();
      const forms = entry.questions.map((q) => featuresOf(q, tokenizer, this.synonyms));
      for (const form of forms) for (const [k, v] of form) features.set(k, (features.get(k) ?? 0) + v);
      // The answer's words count too, less: they hold the words residents use that no question form has (学費, 駐車場).
      for (const a of Object.values(entry.answer)) if (a) for (const [k, v] of featuresOf(a, tokenizer, this.synonyms)) features.set(k, (features.get(k) ?? 0) + v * ANSWER_WEIGHT);
      let length = 0;
      for (const v of features.values()) length += v;
      return { entry, features, length, forms };
    });
    for (const d of this.docs) for (const k of d.features.keys()) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  /** The entry with this id, if indexed. */
  entry(id: string): FaqEntry | undefined {
    return this.docs.find((d) => d.entry.id === id)?.entry;
  }

  get entries(): FaqEntry[] {
    return this.docs.map((d) => d.entry);
  }

  /** The question's matching form (normalised, synonyms applied), as stored for grouping. */
  normalized(question: string): string {
    return this.synonyms.text(normalizeText(question));
  }

  private idf(key: string): number {
    const n = this.docs.length;
    const df = this.df.get(key) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Every entry that applies to `scope`, scored against `question`, best first (zero scores left out). */
  score(question: string, scope: AskScope): Scored[] {
    const q = featuresOf(question, this.tokenizer, this.synonyms);
    // The best a document could score: every feature of the question present and saturated.
    let ceiling = 0;
    for (const [k, w] of q) ceiling += w * this.idf(k);
    if (ceiling <= 0) return [];
    const out: Scored[] = [];
    for (const d of this.docs) {
      if (!entryApplies(d.entry, scope.today, scope.district)) continue;
      let s = 0;
      for (const [k, w] of q) {
        const tf = d.features.get(k);
        if (!tf) continue;
        const norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * d.length) / this.avgLength));
        s += w * this.idf(k) * Math.min(1, norm / (BM25_K1 + 1) * 2);
      }
      if (s > 0) out.push({ entryId: d.entry.id, score: SCORE_MIX.entry * Math.min(1, s / ceiling) + SCORE_MIX.closestForm * this.closest(q, ceiling, d.forms) });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** The best weighted Dice overlap between the question and one of the forms (1: the same features). */
  private closest(q: Features, qMass: number, forms: readonly Features[]): number {
    let best = 0;
    for (const form of forms) {
      let shared = 0;
      let mass = 0;
      for (const [k, w] of form) {
        const idf = this.idf(k);
        mass += w * idf;
        const wq = q.get(k);
        if (wq) shared += Math.min(w, wq) * idf;
      }
      const dice = (2 * shared) / (qMass + mass || 1);
      if (dice > best) best = dice;
    }
    return best;
  }

  /** Scores and decides. */
  match(question: string, scope: AskScope): FaqDecision {
    return decide(this.score(question, scope));
  }
}
