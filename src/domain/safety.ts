import type { HelplineTopic } from './council-profile';
import { DomainError } from './errors';

/**
 * What a danger message is about, in the order `detect` prefers when one message signals several:
 * an emergency first (someone may die in minutes), then suicide and self-harm, then abuse. Elder abuse
 * comes before child abuse because its phrases always name an elderly victim (祖母, 認知症の父, "my
 * pension") while child abuse also holds the catch-all words whose victim is unknown (虐待, "being
 * abused"); domestic and sexual violence come last because their actors overlap with both.
 */
export const SAFETY_CATEGORIES = [
  'emergency',
  'suicide',
  'self_harm',
  'elder_abuse',
  'child_abuse',
  'domestic_violence',
  'sexual_violence',
] as const;
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];

/**
 * The phrases of one category. An entry whose NFKC form is ASCII (English, "DV", "119") is matched on
 * whole words of the Latin view; any other entry is matched as a substring of the compact view (see
 * `normalizeCompact`). Phrases are normalised like the text, so one kana form serves hiragana and
 * katakana; patterns are regular expressions (flag `u`) whose katakana is folded to hiragana, and
 * must be written lower-case and, for Japanese, without spaces.
 */
export interface SafetyPhraseGroup {
  phrases: readonly string[];
  patterns?: readonly string[];
  /** Catch-all phrases (虐待, "being abused") that count only when no category's phrases or patterns matched. */
  generic?: readonly string[];
}

/** The phrase data (`config/safety-phrases.json`) once parsed: one group per category plus global exclusions. */
export interface SafetyPhrases {
  categories: Record<SafetyCategory, SafetyPhraseGroup>;
  /** Idioms and non-danger contexts (死ぬほど嬉しい, 自殺予防週間, "killing it"); only their own span is removed. */
  exclusions: { phrases: readonly string[]; patterns?: readonly string[] };
}

/** A detected danger message. */
export interface SafetyMatch {
  /** The highest-priority category that matched (see `SAFETY_CATEGORIES`). */
  category: SafetyCategory;
  /** The text that matched, as it reads in the normalised view (e.g. しにたい for シニタイ): for logs and staff. */
  matched: string;
  /** Every category that matched, in priority order, `category` first: the reply may show helplines for all. */
  categories: readonly SafetyCategory[];
}

/** A compiled phrase set. `detect` is pure and safe to call concurrently. */
export interface SafetyDetector {
  /** The danger the message signals, or null when it signals none. */
  detect(text: string): SafetyMatch | null;
}

// Katakana ァ..ヶ sit exactly 0x60 above their hiragana; ー and ヽヾ have no counterpart worth folding.
const toHiragana = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** NFKC (full-width and half-width forms), lower case, katakana folded to hiragana; spacing kept. */
export function foldText(text: string): string {
  return toHiragana(text.normalize('NFKC').toLowerCase());
}

// Letters, digits and combining marks (Mn, Mc): Devanagari vowel signs, viramas and anusvara are part of the
// word (मर्छ "dies" is not मार्छ "hits"). Variation selectors (Mn too, e.g. the FE0F of ‼️, or an ideographic
// variation after a kanji) and enclosing marks (Me, the keycap of 1️⃣) are dropped like the emoji they dress,
// so 「救命‼️」 still matches an anchored pattern and 1️⃣1️⃣9️⃣ still reads 119.
const NOT_WORD = /(?:[^\p{L}\p{N}\p{Mn}\p{Mc}]|\p{Variation_Selector})+/gu;
const APOSTROPHES = /['’‘`]/g;
const NOT_LATIN = /[^a-z0-9]+/g;
const WORD_CHAR = /^(?!\p{Variation_Selector})[\p{L}\p{N}\p{Mn}\p{Mc}]$/u;
const LATIN_CHAR = /^[a-z0-9]$/;
const APOSTROPHE = /^['’‘`]$/;
// Stands where an excluded span was, so that no phrase can match across the gap it leaves.
const GAP = '|';

/** The compact view of `text`, as phrases without Latin letters are matched: シニ タイ！ → しにたい, म मर्छु → ममर्छु. */
export function normalizeCompact(text: string): string {
  return foldText(text).replace(NOT_WORD, '');
}

/** The Latin view of `text`, as ASCII phrases are matched: "I CAN'T  breathe!!" → "i cant breathe". */
export function normalizeLatin(text: string): string {
  return latinOf(foldText(text));
}

// Letters, digits and combining marks only (see NOT_WORD): Japanese has no word spacing, and easy Japanese
// spaces every phrase differently. NFKC has already composed kana, Hangul, Vietnamese and Portuguese accents,
// so in practice the marks kept are those of scripts that have no precomposed forms, such as Devanagari.
const compactOf = (folded: string) => folded.replace(NOT_WORD, '');
// ASCII words, everything else (Japanese included) one space: English needs word boundaries. Apostrophes
// vanish rather than split words, so "can't", "can’t" and "cant" read the same (and "he's" reads "hes").
const latinOf = (folded: string) => folded.replace(APOSTROPHES, '').replace(NOT_LATIN, ' ').trim();

interface View {
  text: string;
  /** origin[i] is the index in the folded text of view character i (-1 for inserted gaps and spaces). */
  origin: number[];
}

/**
 * The two views again, built character by character with a map back to the folded text, and with every
 * excluded character replaced by a gap. Only needed when an exclusion matched, so kept off the fast path;
 * without exclusions it yields exactly `compactOf` and `latinOf`.
 */
function mappedViews(folded: string, excluded: Uint8Array): { compact: View; latin: View } {
  const compact: View = { text: '', origin: [] };
  const latin: View = { text: '', origin: [] };
  const append = (view: View, chars: string, origin: number) => {
    view.text += chars;
    // Kanji outside the BMP take two code units; each unit gets an origin so the indexes stay aligned.
    for (let k = 0; k < chars.length; k++) view.origin.push(origin < 0 ? -1 : origin + k);
  };
  let i = 0;
  for (const ch of folded) {
    if (excluded[i]) {
      if (!compact.text.endsWith(GAP)) append(compact, GAP, -1);
      if (!latin.text.endsWith(` ${GAP} `)) append(latin, ` ${GAP} `, -1);
    } else {
      if (WORD_CHAR.test(ch)) append(compact, ch, i);
      if (LATIN_CHAR.test(ch)) append(latin, ch, i);
      else if (!APOSTROPHE.test(ch) && latin.text !== '' && !latin.text.endsWith(' ')) append(latin, ' ', -1);
    }
    i += ch.length;
  }
  latin.text = latin.text.trimEnd();
  return { compact, latin };
}

const isLatin = (entry: string) => /^[\x20-\x7e]*$/.test(entry.normalize('NFKC'));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One regular expression per view for a list of phrases and patterns, or null when the view has none. */
interface ViewMatchers {
  compact: RegExp | null;
  latin: RegExp | null;
}

function compileEntries(where: string, phrases: readonly string[], patterns: readonly string[], flags: string): ViewMatchers {
  const compact: string[] = [];
  const latin: string[] = [];
  phrases.forEach((p, i) => {
    const latinPhrase = isLatin(p);
    const norm = latinPhrase ? normalizeLatin(p) : normalizeCompact(p);
    if (norm === '') throw new DomainError('config.invalid', `${where}.phrases[${i}] "${p}" is empty once normalised`);
    if (latinPhrase) latin.push(`(?<![a-z0-9])${escapeRegExp(norm)}(?![a-z0-9])`);
    else compact.push(escapeRegExp(norm));
  });
  patterns.forEach((p, i) => {
    const source = toHiragana(p);
    try {
      new RegExp(source, 'u');
    } catch (e) {
      throw new DomainError('config.invalid', `${where}.patterns[${i}] is not a valid regular expression: ${(e as Error).message}`);
    }
    (isLatin(p) ? latin : compact).push(`(?:${source})`);
  });
  const build = (alts: string[]) => (alts.length ? new RegExp(alts.join('|'), `u${flags}`) : null);
  return { compact: build(compact), latin: build(latin) };
}

function firstMatch(m: ViewMatchers, compact: string, latin: string): string | null {
  return (m.compact?.exec(compact) ?? m.latin?.exec(latin))?.[0]?.trim() ?? null;
}

/** Marks, in `excluded`, the folded-text characters under every match of `re` (global) in `view`. */
function markExcluded(re: RegExp | null, view: View, excluded: Uint8Array): void {
  if (!re) return;
  for (const m of view.text.matchAll(re)) {
    for (let j = m.index; j < m.index + m[0].length; j++) {
      const o = view.origin[j] ?? -1;
      if (o >= 0) excluded[o] = 1;
    }
  }
}

/**
 * Compiles the phrase data once into a detector. Throws `DomainError('config.invalid')` naming the
 * entry when a pattern is not a valid regular expression or a phrase normalises to nothing.
 *
 * Detection: the text is folded (NFKC, lower case, katakana → hiragana) and read in two views, compact
 * (letters, digits and combining marks) and Latin (ASCII words). Exclusions are matched in both and remove only the
 * characters they cover from both views, so 「死ぬほど嬉しいけど本当は死にたい」 is still caught. Then
 * every category's phrases and patterns are tried; only when none matched are the generic phrases tried.
 */
export function compileSafetyPhrases(data: SafetyPhrases): SafetyDetector {
  const exclusions = compileEntries('exclusions', data.exclusions.phrases, data.exclusions.patterns ?? [], 'g');
  // Non-global twins for the fast yes/no check: a global regex's test() is stateful (lastIndex).
  const exclusionTest = compileEntries('exclusions', data.exclusions.phrases, data.exclusions.patterns ?? [], '');
  const specific = SAFETY_CATEGORIES.map((c) => {
    const g = data.categories[c];
    return { category: c, matchers: compileEntries(`categories.${c}`, g.phrases, g.patterns ?? [], '') };
  });
  const generic = SAFETY_CATEGORIES.map((c) => ({
    category: c,
    matchers: compileEntries(`categories.${c}.generic`, data.categories[c].generic ?? [], [], ''),
  }));

  return {
    detect(text: string): SafetyMatch | null {
      const folded = foldText(text);
      let compact = compactOf(folded);
      let latin = latinOf(folded);
      if (exclusionTest.compact?.test(compact) || exclusionTest.latin?.test(latin)) {
        // Both views are searched before either is rebuilt, so an exclusion found in one view also hides
        // its characters from the other (「DV防止法」 must not leave a bare "dv" in the Latin view).
        const excluded = new Uint8Array(folded.length);
        const mapped = mappedViews(folded, excluded);
        markExcluded(exclusions.compact, mapped.compact, excluded);
        markExcluded(exclusions.latin, mapped.latin, excluded);
        const views = mappedViews(folded, excluded);
        compact = views.compact.text;
        latin = views.latin.text;
      }
      for (const tier of [specific, generic]) {
        const hits: { category: SafetyCategory; matched: string }[] = [];
        for (const { category, matchers } of tier) {
          const matched = firstMatch(matchers, compact, latin);
          if (matched !== null) hits.push({ category, matched });
        }
        const [first] = hits;
        if (first) return { category: first.category, matched: first.matched, categories: hits.map((h) => h.category) };
      }
      return null;
    },
  };
}

// Exhaustive tables, so adding a category does not compile until someone decides its helplines.
const HELPLINE_TOPICS_BY_CATEGORY: Record<SafetyCategory, readonly HelplineTopic[]> = {
  emergency: ['general'],
  suicide: ['suicide', 'general'],
  // Japan has no separate self-harm line; the suicide and mental-health lines (いのちの電話, こころの健康相談) take these calls.
  self_harm: ['suicide', 'general'],
  elder_abuse: ['elder_abuse', 'general'],
  child_abuse: ['child_abuse', 'general'],
  domestic_violence: ['domestic_violence', 'general'],
  sexual_violence: ['sexual_violence', 'general'],
};

/**
 * The council-profile helpline topics to show for a category, most specific first. Always ends with
 * `general`, so a profile without a topic-specific line still shows its general number.
 */
export function helplineTopicsFor(category: SafetyCategory): readonly HelplineTopic[] {
  return HELPLINE_TOPICS_BY_CATEGORY[category];
}

// True for every category today: each can mean danger right now (an abuser in the room, an overdose
// taken), and 110/119 cost the reader nothing. A table rather than `return true` so a new category
// has to be decided on.
const EMERGENCY_NUMBERS_BY_CATEGORY: Record<SafetyCategory, boolean> = {
  emergency: true,
  suicide: true,
  self_harm: true,
  elder_abuse: true,
  child_abuse: true,
  domestic_violence: true,
  sexual_violence: true,
};

/** Whether the reply must show the emergency numbers (110 police, 119 fire and ambulance) for this category. */
export function needsEmergencyNumbers(category: SafetyCategory): boolean {
  return EMERGENCY_NUMBERS_BY_CATEGORY[category];
}
