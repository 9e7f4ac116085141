import { z } from 'zod';
import { countGraphemes, LABEL_MAX_GRAPHEMES } from '../graphemes';
import { STARTS_WITH_PATTERN } from './entry';

const text = z.string().trim().min(1, 'Must not be empty');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD');

/** A link under an answer: its button label fits LINE's 20 characters. */
export const faqLinkSchema = z.strictObject({
  label: text.refine((l) => countGraphemes(l) <= LABEL_MAX_GRAPHEMES, `At most ${LABEL_MAX_GRAPHEMES} characters (a LINE button)`),
  uri: z.url({ protocol: /^(https?|tel)$/ }),
});

/** One seeded FAQ entry: its code (kept as the row's seedCode), question forms, answer per language. */
export const faqSeedSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'Expected a code of a-z, 0-9, _ or -'),
  questions: z.array(text).min(1),
  answer: z.strictObject({ ja: text, easy: text.optional(), en: text.optional() }),
  links: z.array(faqLinkSchema).max(3, 'At most 3 links (buttons beside the feedback ones)').default([]),
  startsWith: z.string().regex(STARTS_WITH_PATTERN, 'Expected menu=<section> or consult=<category>').optional(),
  districts: z.array(z.string()).default([]),
  validFrom: day.optional(),
  validUntil: day.optional(),
});

/**
 * The FAQ: entries seeded at start (updated when the profile changes, unless staff edited them since) and synonyms
 * the matching applies besides the council's own. (How long residents' questions are kept is
 * `privacy.faqQuestionDays`.)
 */
export const faqProfileSchema = z
  .strictObject({
    synonyms: z.array(z.strictObject({ term: text, means: text })).default([]),
    entries: z.array(faqSeedSchema).default([]),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.entries.forEach((e, i) => {
      if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'code'], message: `Duplicate code "${e.code}"` });
      seen.add(e.code);
    });
  })
  .prefault({});

/** The profile's FAQ section. */
export type FaqProfile = z.infer<typeof faqProfileSchema>;
/** One seeded entry as the profile writes it. */
export type FaqSeed = z.infer<typeof faqSeedSchema>;

/** The profile's entries in the rows' shape (`easy` is the answer's ja-x-easy). */
export function seedEntries(faq: FaqProfile) {
  return faq.entries.map((e) => ({
    code: e.code,
    questions: e.questions,
    answer: { ja: e.answer.ja, ...(e.answer.easy ? { 'ja-x-easy': e.answer.easy } : {}), ...(e.answer.en ? { en: e.answer.en } : {}) },
    links: e.links,
    startsWith: e.startsWith ?? null,
    districts: e.districts,
    validFrom: e.validFrom ?? null,
    validUntil: e.validUntil ?? null,
    active: true,
  }));
}
