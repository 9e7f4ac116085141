import { DEFAULT_REMINDER_MINUTES, HEAT_LEVELS, type HeatLevel } from './disaster/field-safety';
import { CONSENT_TOPICS } from './topic-consent';
import { z } from 'zod';
import { WORK_KINDS } from './disaster/needs';
import { DEFAULT_SCREENING_RULES } from './disaster/screening';
import { DomainError } from './errors';
import { faqProfileSchema } from './faq/profile';
import { countGraphemes, LABEL_MAX_GRAPHEMES } from './graphemes';
import { LANGUAGE_INFO, LANGUAGES, type Language } from './language';
import { DEFAULT_RETENTION_POLICY, RETENTION_RULE_INFO, RETENTION_RULES, type RetentionRule } from './retention-policy';
import { DIALLABLE_HINT, isDiallable } from './phone';

/**
 * Interest topics residents opt into for pushes. Fixed by the product, not by a council: flows,
 * postback codes and locale keys depend on these codes, so a profile may only reference them.
 */
export const INTEREST_TOPICS = ['newsletters', 'salons_events', 'volunteering', 'disaster'] as const;
export type InterestTopic = (typeof INTEREST_TOPICS)[number];

/**
 * What a helpline is for, so safety-keyword replies can pick the right numbers. A closed set because
 * the safety detector maps its keyword groups onto these codes.
 */
export const HELPLINE_TOPICS = [
  'suicide',
  'child_abuse',
  'elder_abuse',
  'domestic_violence',
  'sexual_violence',
  'general',
] as const;
export type HelplineTopic = (typeof HELPLINE_TOPICS)[number];

/** Weekdays in the order the profile lists them (Monday first, as Japanese timetables do). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

// Codes end up in postback data and database rows, so keep them ASCII, short and URL-safe.
const code = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'Expected a code of 1–32 characters a-z, 0-9, _ or -');
const text = z.string().trim().min(1, 'Must not be empty');
// Numbers are dialled from a LINE button (tel:), so a number no phone can dial is refused when the profile loads.
const phone = z.string().refine(isDiallable, `Expected ${DIALLABLE_HINT}`);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time HH:MM between 00:00 and 23:59');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD')
  .refine((s) => {
    // Round-trip through Date so 2026-02-30 is refused rather than silently rolled over.
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Not a real calendar date');

/** Fields shared by every named item the user reads: Japanese, with optional English and easy-Japanese. */
const localizedNameFields = {
  name: text,
  nameEn: text.optional(),
  nameEasy: text.optional(),
};

/**
 * Button labels of a choice residents tap (LINE shows 20 characters and cuts the rest): Japanese, with optional
 * English and easy-Japanese. Without one, the name in that language is the label, so it must fit too.
 */
const labelFields = {
  label: text.optional(),
  labelEn: text.optional(),
  labelEasy: text.optional(),
};

/**
 * Text staff wrote in the bot's languages other than Japanese (which the field beside it holds), each optional. A map
 * with none (the settings form posts one when every box is left empty) is read as no map, so it is not saved.
 */
const otherLanguageTexts = z
  .strictObject(Object.fromEntries(LANGUAGES.filter((l) => l !== 'ja').map((l) => [l, text.optional()])) as Record<Exclude<Language, 'ja'>, z.ZodOptional<typeof text>>)
  .transform((t) => (Object.values(t).some((v) => v !== undefined) ? t : undefined))
  .optional();

/** What marks a chosen option in a multi-select (a volunteer's skills): `✓ ` before its label. */
export const CHECK_MARK = '✓ ';

/** Opening hours as residents read them: Japanese, with optional English and easy-Japanese. */
const hoursFields = {
  hours: text,
  hoursEn: text.optional(),
  hoursEasy: text.optional(),
};

/** Minutes since midnight for an `HH:MM` string already validated by `time`. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

// Zod runs refinements after non-aborting issues (a failed regex) too; these cross-field checks would
// then report noise such as "close must be after open" for an open of 25:00.
const onlyWhenValid = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };
// Uniqueness is still worth reporting when a sibling item is broken, so one error lists every problem.
const always = { when: () => true };

/**
 * The suffix of the profile fields written in a language (`nameEn`, `nameEasy`); Japanese has none. The profile holds
 * council-written text in Japanese, easy Japanese and English only; a reader of another language gets the first of
 * its `staffTextFallback` languages that has the field (easy Japanese, then Japanese), as with staff-written notices.
 */
const FIELD_SUFFIX: Partial<Record<Language, 'En' | 'Easy'>> = { en: 'En', 'ja-x-easy': 'Easy' };

/** The languages the profile has fields of their own for (Japanese, easy Japanese, English); the others read their fallbacks'. */
export const PROFILE_TEXT_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l === 'ja' || FIELD_SUFFIX[l]);

/** The languages whose profile field is read for `lang`, in order: its own (when the profile has one), then its fallbacks. */
function fieldLanguages(lang: Language): Language[] {
  return [lang, ...LANGUAGE_INFO[lang].staffTextFallback].filter((l) => l === 'ja' || FIELD_SUFFIX[l]);
}

/** The field as written in `lang` itself (`nameEn` for English), if the item has it. */
function own(item: object, field: string, lang: Language): string | undefined {
  const v = (item as Record<string, unknown>)[`${field}${FIELD_SUFFIX[lang] ?? ''}`];
  return typeof v === 'string' ? v : undefined;
}

/** The field in the first of `lang`'s field languages that has it; undefined when none has. */
function fieldIn(item: object, field: string, lang: Language): string | undefined {
  for (const l of fieldLanguages(lang)) {
    const v = own(item, field, l);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The profile field holding a language's label: its own where the profile has one, else the one it falls back to. */
const labelField = (lang: Language): string => `label${FIELD_SUFFIX[fieldLanguages(lang)[0]!] ?? ''}`;

/**
 * A refinement adding one issue per language whose label (see `localizedLabel`) has more than `max` characters,
 * at the label field to add or shorten — so a label is refused when the profile loads rather than cut in LINE.
 */
function labelsFit(max: number) {
  return (item: LocalizedName & LocalizedLabel, ctx: z.RefinementCtx) => {
    for (const lang of LANGUAGES) {
      if (!FIELD_SUFFIX[lang] && lang !== 'ja') continue; // its label is one of its fallbacks', checked as theirs
      const label = localizedLabel(item, lang);
      const n = countGraphemes(label);
      if (n > max) ctx.addIssue({ code: 'custom', path: [labelField(lang)], message: `Button label "${label}" has ${n} characters; LINE shows ${max}. Give a shorter ${labelField(lang)}` });
    }
  };
}

/**
 * Adds one issue per item whose `key` repeats an earlier item's, at `<index>.<key>`. Runs on partly
 * invalid data (see `always`), hence the defensive type checks.
 */
function uniqueBy(items: readonly unknown[], key: string, ctx: z.RefinementCtx) {
  if (!Array.isArray(items)) return;
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const value: unknown = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
    if (typeof value !== 'string') return;
    if (seen.has(value)) {
      ctx.addIssue({ code: 'custom', path: [i, key], message: `Duplicate ${key} "${value}"` });
    }
    seen.add(value);
  });
}

const timeRangeSchema = z
  .strictObject({ open: time, close: time })
  .refine((r) => minutesOfDay(r.open) < minutesOfDay(r.close), {
    message: 'close must be after open (periods cannot cross midnight)',
    path: ['close'],
    ...onlyWhenValid,
  });

// Periods sorted and disjoint, so business-hours arithmetic can walk them in order.
const dayScheduleSchema = z.array(timeRangeSchema).superRefine((ranges, ctx) => {
  ranges.forEach((r, i) => {
    const prev = ranges[i - 1];
    if (prev && minutesOfDay(r.open) < minutesOfDay(prev.close)) {
      ctx.addIssue({ code: 'custom', path: [i, 'open'], message: 'Periods must be in order and not overlap' });
    }
  });
}, onlyWhenValid);

const closedRangeSchema = z
  .strictObject({ from: isoDate, to: isoDate, reason: text.optional() })
  .refine((r) => r.from <= r.to, { message: 'to must not be before from', path: ['to'], ...onlyWhenValid });

/** Opening hours in Japan time: a weekly timetable minus holidays and closed date ranges (inclusive). */
export const businessHoursSchema = z.strictObject({
  timezone: z.literal('Asia/Tokyo'),
  weekly: z
    .strictObject({
      mon: dayScheduleSchema,
      tue: dayScheduleSchema,
      wed: dayScheduleSchema,
      thu: dayScheduleSchema,
      fri: dayScheduleSchema,
      sat: dayScheduleSchema,
      sun: dayScheduleSchema,
    })
    .refine((w) => WEEKDAYS.some((d) => w[d].length > 0), {
      message: 'At least one weekday must have opening hours',
      ...onlyWhenValid,
    }),
  holidays: z.array(isoDate),
  closedRanges: z.array(closedRangeSchema).optional(),
});

const districtSchema = z.strictObject({ code, ...localizedNameFields, ...labelFields }).superRefine(labelsFit(LABEL_MAX_GRAPHEMES), onlyWhenValid);
const teamSchema = z.strictObject({ code, ...localizedNameFields });
const consultationCategorySchema = z.strictObject({
  code,
  ...localizedNameFields,
  ...labelFields,
  team: code,
  /** A short plain explanation of the service, shown before the resident decides to consult. */
  about: text,
  aboutEn: text.optional(),
  aboutEasy: text.optional(),
  /** What to have ready (documents, information). */
  prepare: text,
  prepareEn: text.optional(),
  prepareEasy: text.optional(),
  /** Sensitive topics a consultation in this category touches: the resident is asked before its details are kept. */
  consentTopics: z.array(z.enum(CONSENT_TOPICS)).default([]),
}).superRefine(labelsFit(LABEL_MAX_GRAPHEMES), onlyWhenValid);
/** Kinds of partner bodies a consultation may be referred to. */
export const PARTNER_KINDS = ['地域包括支援センター', 'ケアプラザ', '民生委員', '生活支援課', '障害者相談支援事業所', '子育て支援センター', 'その他'] as const;
/** A partner body consultations are referred to, with what happens next in every language. */
const partnerSchema = z.strictObject({
  code,
  ...localizedNameFields,
  kind: z.enum(PARTNER_KINDS),
  phone,
  /** What happens next, told to the resident once referred. */
  next: text,
  nextEn: text.optional(),
  nextEasy: text.optional(),
});
/** Business minutes within which staff promise a first reply, per urgency the resident chose. */
const replyWithinSchema = z.strictObject({
  urgent: z.number().int().positive(),
  soon: z.number().int().positive(),
  normal: z.number().int().positive(),
});
const newsletterSchema = z.strictObject({
  code,
  ...localizedNameFields,
  /** Free text the user reads, e.g. 「年2回(8月・2月)」. */
  cadence: text,
  issuesPerYear: z.number().int().positive().optional(),
  topic: z.enum(INTEREST_TOPICS),
});
const helplineSchema = z.strictObject({
  ...localizedNameFields,
  phone,
  ...hoursFields,
  for: z.array(z.enum(HELPLINE_TOPICS)).optional(),
  /** A foreign-language line: the bot's languages it answers in. Shown to residents of those languages, first. */
  languages: z.array(z.enum(LANGUAGES)).min(1).optional(),
});

const salonRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weekly'), weekday: z.enum(WEEKDAYS), everyNWeeks: z.number().int().min(1).max(8).optional(), anchor: isoDate.optional() }),
  z.strictObject({ kind: z.literal('monthlyNth'), weekday: z.enum(WEEKDAYS), nth: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)])).min(1) }),
  z.strictObject({ kind: z.literal('monthlyDay'), day: z.number().int().min(1).max(31) }),
]);
/** A salon (いきいきサロン, 通いの場) of a district, with its recurring schedule. */
const salonSchema = z.strictObject({
  code,
  ...localizedNameFields,
  ...labelFields,
  district: code,
  place: text,
  fee: text,
  bring: text.optional(),
  accessibility: text.optional(),
  contact: text,
  schedule: z.strictObject({
    rule: salonRuleSchema,
    start: time,
    end: time,
    skip: z.array(isoDate).optional(),
    extra: z.array(z.strictObject({ date: isoDate, start: time.optional(), end: time.optional() })).optional(),
  }),
}).superRefine(labelsFit(LABEL_MAX_GRAPHEMES), onlyWhenValid);

const EVENT_DEFAULTS = { capacity: 30, durationMinutes: 120, deadlineDaysBefore: 2, deadlineTime: '17:00' };
const eventDefaultsSchema = z
  .strictObject({
    place: text.optional(),
    capacity: z.number().int().min(1).max(10000).default(EVENT_DEFAULTS.capacity),
    /** An event left without an end lasts this long. */
    durationMinutes: z.number().int().min(15).max(24 * 60).default(EVENT_DEFAULTS.durationMinutes),
    /** Registration closes this many days before the event's day, at `deadlineTime` (never after the start). */
    deadlineDaysBefore: z.number().int().min(0).max(60).default(EVENT_DEFAULTS.deadlineDaysBefore),
    deadlineTime: time.default(EVENT_DEFAULTS.deadlineTime),
  })
  .default(EVENT_DEFAULTS);

/** A food category residents pick from (one the food drive takes, or one it refuses). */
const foodCategorySchema = z.strictObject({ code, ...localizedNameFields, ...labelFields }).superRefine(labelsFit(LABEL_MAX_GRAPHEMES), onlyWhenValid);
/**
 * LINE shows at most 13 quick replies; menu and cancel take two, so the food categories (taken and refused) are
 * limited to 11.
 */
export const MAX_FOOD_CATEGORIES = 11;

/** A window when donations are handed over: brought to the office (`dropOff`) or collected (`pickUp`). */
const donationSlotSchema = z
  .strictObject({
    code,
    ...localizedNameFields,
    ...labelFields,
    kind: z.enum(['dropOff', 'pickUp']),
    days: z.array(z.enum(WEEKDAYS)).min(1),
    start: time,
    end: time,
  })
  .refine((s) => minutesOfDay(s.start) < minutesOfDay(s.end), { message: 'end must be after start', path: ['end'], ...onlyWhenValid })
  .superRefine(labelsFit(LABEL_MAX_GRAPHEMES), onlyWhenValid);

/** The goodwill bank's allocation plan (配分計画) for one fiscal year: the purposes donors may designate a gift to. */
const allocationPlanSchema = z.strictObject({
  /** The fiscal year by its starting calendar year (2025 = 令和7年度). */
  fiscalYear: z.number().int().min(2000).max(2100),
  purposes: z
    .array(z.strictObject({ code, ...localizedNameFields, ...labelFields, budgetYen: z.number().int().nonnegative() }).superRefine(labelsFit(LABEL_MAX_GRAPHEMES), onlyWhenValid))
    .min(1)
    .max(5, 'At most 5 purposes (with 「おまかせ」 they fill the 6 buttons of a LINE message)')
    .superRefine((ps, ctx) => uniqueBy(ps, 'code', ctx), always),
});

/**
 * Donations (寄付・寄贈): the goodwill bank's allocation plans (配分計画), one per fiscal year — the one for the year
 * the calendar is in applies; without one, gifts are general (一般預託) and nothing is allocated that year — the
 * food drive's rules, and the windows when gifts are handed over.
 */
const donationsSchema = z
  .strictObject({
    allocationPlans: z
      .array(allocationPlanSchema)
      .min(1)
      .superRefine((ps, ctx) => {
        const seen = new Set<number>();
        ps.forEach((p, i) => {
          if (seen.has(p.fiscalYear)) ctx.addIssue({ code: 'custom', path: [i, 'fiscalYear'], message: `Duplicate plan for fiscal year ${p.fiscalYear}` });
          seen.add(p.fiscalYear);
        });
      }, onlyWhenValid),
    foodRules: z.strictObject({
      minDaysToBestBefore: z.number().int().min(0).max(365),
      accepted: z.array(foodCategorySchema).min(1),
      refused: z.array(foodCategorySchema).default([]),
    }),
    slots: z
      .array(donationSlotSchema)
      .min(1)
      .max(11, 'At most 11 slots (LINE quick replies, beside menu and cancel)')
      .superRefine((ss, ctx) => uniqueBy(ss, 'code', ctx), always)
      .refine((ss) => ss.some((s) => s.kind === 'dropOff'), { message: 'At least one dropOff slot is needed (money is only brought to the office)', ...onlyWhenValid }),
  })
  .superRefine((d, ctx) => {
    const all = [...d.foodRules.accepted, ...d.foodRules.refused];
    if (all.length > MAX_FOOD_CATEGORIES) ctx.addIssue({ code: 'custom', path: ['foodRules'], message: `At most ${MAX_FOOD_CATEGORIES} food categories in all (LINE quick replies)` });
    const seen = new Set<string>();
    for (const c of all) {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['foodRules'], message: `Duplicate food category "${c.code}" (accepted and refused share one list)` });
      seen.add(c.code);
    }
  }, onlyWhenValid);

/**
 * How a disaster centre handles needs (ニーズ): what volunteers may not do (screening rules, each with where to
 * turn instead), hours in coordinating (調整中) before a need is stale, days after 完了 before the "anything still
 * needed?" follow-up, and how close two map pins must be to suspect the same household.
 */
const disasterNeedsSchema = z
  .strictObject({
    screening: z
      .array(z.strictObject({ code, name: text, keywords: z.array(text), workKinds: z.array(z.enum(WORK_KINDS)).optional(), referral: text }))
      .default(() => [...structuredClone(DEFAULT_SCREENING_RULES)])
      .superRefine((rs, ctx) => uniqueBy(rs, 'code', ctx), always),
    staleHours: z.number().int().min(1).max(720).default(48),
    followUpDays: z.number().int().min(1).max(90).default(7),
    duplicateRadiusMetres: z.number().positive().max(1000).default(50),
  })
  // prefault, not default: an absent section is parsed as {} so the fields' own defaults fill it.
  .prefault({});

/**
 * How complaints (苦情解決) are handled, as the council publishes it: the title of the person responsible for
 * complaints (苦情解決責任者, e.g. 事務局長), the third-party members (第三者委員) by name, the phone to reach them
 * through, and the prefecture's 運営適正化委員会 (the body residents may turn to when the council's answer does not
 * settle it), with its phone.
 */
const complaintsSchema = z.strictObject({
  responsible: z.strictObject(localizedNameFields),
  thirdPartyMembers: z.array(text).min(1),
  phone,
  committee: z.strictObject({ ...localizedNameFields, phone }),
});

/** Schema of one council's profile (one YAML file per deployment). */

/** The `retention:` section: days per rule, each bounded and defaulted by `RETENTION_RULE_INFO`. */
const retentionSchema = z
  .strictObject(
    Object.fromEntries(RETENTION_RULES.map((r) => [r, z.number().int().min(RETENTION_RULE_INFO[r].min).max(RETENTION_RULE_INFO[r].max).default(RETENTION_RULE_INFO[r].days)])) as Record<
      RetentionRule,
      z.ZodDefault<z.ZodNumber>
    >,
  )
  .default({ ...DEFAULT_RETENTION_POLICY });

export const councilProfileSchema = z
  .strictObject({
    council: z.strictObject({ ...localizedNameFields, shortName: text }),
    contact: z.strictObject({
      phone,
      ...hoursFields,
      email: z.email().optional(),
      address: text.optional(),
      websiteUrl: z.url({ protocol: /^https?$/ }).optional(),
    }),
    emergency: z.strictObject({
      police: z.literal('110'),
      fireAmbulance: z.literal('119'),
      helplines: z.array(helplineSchema),
    }),
    districts: z.array(districtSchema).min(1).superRefine((ds, ctx) => uniqueBy(ds, 'code', ctx), always),
    teams: z.array(teamSchema).min(1).superRefine((ts, ctx) => uniqueBy(ts, 'code', ctx), always),
    consultationCategories: z
      .array(consultationCategorySchema)
      .min(1)
      .superRefine((cs, ctx) => uniqueBy(cs, 'code', ctx), always),
    businessHours: businessHoursSchema,
    /** Partner bodies (地域包括支援センター, 民生委員 …) staff may refer a consultation to, with the resident's consent. */
    partners: z.array(partnerSchema).default([]).superRefine((ps, ctx) => uniqueBy(ps, 'code', ctx), always),
    salons: z.array(salonSchema).default([]).superRefine((ss, ctx) => uniqueBy(ss, 'code', ctx), always),
    /**
     * The volunteer centre: the skills volunteers register with (listening, driving/escort, sign language …). A
     * chosen skill is shown with "✓ " in front, so its label leaves room for it.
     */
    volunteer: z
      .strictObject({
        skills: z
          .array(z.strictObject({ code, ...localizedNameFields, ...labelFields }).superRefine(labelsFit(LABEL_MAX_GRAPHEMES - countGraphemes(CHECK_MARK)), onlyWhenValid))
          .min(1)
          .superRefine((ss, ctx) => uniqueBy(ss, 'code', ctx), always),
      })
      .default({ skills: [{ code: 'general', name: 'なんでも' }] }),
    /** Donations; without this section the menu's 寄付・寄贈 says the service is not available through LINE yet. */
    donations: donationsSchema.optional(),
    /** Complaints and opinions (苦情・ご意見); without this section the menu entry says to call the council. */
    complaints: complaintsSchema.optional(),
    /**
     * The disaster volunteer centre (災害ボランティアセンター): skills useful after a disaster, the natural-disaster
     * insurance (where to enrol, which plans cover), the orientation read out at reception, what donors are asked
     * for while a centre is open, the account's LINE basic id (for the reception poster's QR code), and how needs
     * are screened and followed.
     */
    disaster: z
      .strictObject({
        skills: z
          .array(z.strictObject({ code, ...localizedNameFields, ...labelFields }).superRefine(labelsFit(LABEL_MAX_GRAPHEMES - countGraphemes(CHECK_MARK)), onlyWhenValid))
          .min(1)
          .superRefine((ss, ctx) => uniqueBy(ss, 'code', ctx), always),
        insurance: z.strictObject({
          /** Insurance plans that cover natural disasters (天災タイプ); the ordinary basic plan does not. */
          disasterPlans: z.array(code).min(1),
          enrolUrl: z.url({ protocol: /^https$/ }),
          enrolPlace: text,
        }),
        orientation: z.strictObject({ safety: text, heat: text, bring: text, waitAt: text }),
        /** What residents in the affected districts are told about donations while a centre is open. */
        donationRule: text,
        /** The account's basic id (`@123abcde`), for `https://line.me/R/oaMessage/…` links. */
        lineBasicId: z.string().regex(/^@[0-9a-z_.-]{1,32}$/, 'Expected a LINE basic id such as @123abcde'),
        needs: disasterNeedsSchema,
        /** The day's end for teams (Japan time, HH:MM): a team not back by then is flagged to the coordinator. */
        teamsBackBy: time.default('16:00'),
        /**
         * Heat rules: minutes between break and water reminders to team leaders at each heat level of the WBGT (the
         * levels themselves follow the national guideline; a coordinator may still change one day's interval).
         */
        heat: z
          .strictObject({ reminderMinutes: z.strictObject(Object.fromEntries(HEAT_LEVELS.map((l) => [l, z.number().int().min(5).max(120)])) as Record<HeatLevel, z.ZodNumber>) })
          .default({ reminderMinutes: { ...DEFAULT_REMINDER_MINUTES } }),
      })
      .optional(),
    consultation: z.strictObject({
      replyWithinBusinessMinutes: replyWithinSchema,
      /**
       * Replies staff reuse in the console (staff adapt them before sending): `text` in Japanese, the source, and
       * optionally `texts` in the bot's other languages (a resident whose language has none gets やさしい日本語, then
       * Japanese, with a note in their language). The title is for staff only.
       */
      cannedReplies: z.array(z.strictObject({ title: text, text, texts: otherLanguageTexts })).default([]),
      /**
       * LINE user ids of on-duty staff (friends of the account) told at once about a danger message. The
       * notice carries no personal data, only a pointer to the console.
       */
      onDutyLineUserIds: z.array(z.string().regex(/^U[0-9a-f]{32}$/, 'Expected a LINE user id (U + 32 hex characters)')).default([]),
      /**
       * Which status changes staff make in the console the resident is told about (a personal notice): taken by
       * staff (対応中), referred (to whom, and what happens next), closed. All on unless the council keeps one silent.
       */
      notify: z.strictObject({ taken: z.boolean().default(true), referred: z.boolean().default(true), closed: z.boolean().default(true) }).default({ taken: true, referred: true, closed: true }),
    }),
    newsletters: z.array(newsletterSchema).superRefine((ns, ctx) => uniqueBy(ns, 'code', ctx), always),
    /**
     * What a new event (行事・講座) starts with in the console's form: the usual place and capacity, and how its end
     * and registration deadline are set when staff leave them empty (so many events need only a title and a start).
     */
    events: eventDefaultsSchema,
    messaging: z.strictObject({
      monthlyPushBudget: z.number().int().nonnegative(),
      // May wrap midnight (21:00–08:00), so no ordering check here.
      quietHours: z.strictObject({ start: time, end: time }),
    }),
    /** Answers to residents' free questions (FAQ): seeded entries, synonyms, how long questions are kept. */
    faq: faqProfileSchema,
    privacy: z.strictObject({
      policyUrl: z.url({ protocol: /^https?$/ }).optional(),
      retentionNote: text.optional(),
      /** Days after an event ends that its registrants' names and phone numbers are kept; then they are erased. */
      eventRegistrantDays: z.number().int().min(1).max(3650).default(90),
      /**
       * Days residents' free questions are kept for the FAQ's knowledge loop; then they are deleted. At least 8
       * weeks, the span of the console's weekly share. Questions staff resolved lose their text after 30 days.
       */
      faqQuestionDays: z.number().int().min(56).max(3650).default(180),
    }),
    /**
     * Days each kind of stored data is kept before the daily housekeeping removes it (src/domain/retention-policy.ts
     * has each rule's default, bounds and reason). Absent: the defaults.
     */
    retention: retentionSchema,
  })
  .superRefine(
    (p, ctx) => {
      const teams = new Set(p.teams.map((t) => t.code));
      p.consultationCategories.forEach((c, i) => {
        if (!teams.has(c.team)) {
          ctx.addIssue({
            code: 'custom',
            path: ['consultationCategories', i, 'team'],
            message: `Unknown team "${c.team}" (teams: ${[...teams].join(', ')})`,
          });
        }
      });
    },
    {
      // Run even when unrelated fields failed, so one error lists every problem; skip only when
      // the two lists it reads are themselves malformed.
      when: (payload) =>
        typeof payload.value === 'object' &&
        payload.value !== null &&
        !Array.isArray(payload.value) &&
        !payload.issues.some((iss) => iss.path?.[0] === 'teams' || iss.path?.[0] === 'consultationCategories'),
    },
  );

/** A council's profile: identity, contacts, districts, services, hours, newsletters and limits. */
export type CouncilProfile = z.infer<typeof councilProfileSchema>;
/** Weekly timetable, holidays and closures in Japan time. */
export type BusinessHours = z.infer<typeof businessHoursSchema>;
/** One open period within a day, `HH:MM` to `HH:MM`. */
export type TimeRange = z.infer<typeof timeRangeSchema>;
/** A 地区社協 (volunteer district council) area residents choose for district news. */
export type District = z.infer<typeof districtSchema>;
/** A staff team that receives consultations. */
export type Team = z.infer<typeof teamSchema>;
/** A consultation topic residents pick, routed to one team. */
export type ConsultationCategory = z.infer<typeof consultationCategorySchema>;
/** What a new event starts with in the console's form. */
export type EventDefaults = z.infer<typeof eventDefaultsSchema>;
/** A salon with its schedule. */
export type Salon = z.infer<typeof salonSchema>;
/** A newsletter the council publishes, under one interest topic. */
export type Newsletter = z.infer<typeof newsletterSchema>;
/** The complaints section: who is responsible, the third-party members and the prefecture's committee. */
export type ComplaintsSettings = z.infer<typeof complaintsSchema>;
/** The donations section: allocation plans, food rules and hand-over windows. */
export type Donations = z.infer<typeof donationsSchema>;
/** One fiscal year's allocation plan. */
export type AllocationPlan = z.infer<typeof allocationPlanSchema>;
/** How a disaster centre screens and follows needs. */
export type DisasterNeedsSettings = z.infer<typeof disasterNeedsSchema>;
/** A national or local helpline shown in safety replies. */
export type Helpline = z.infer<typeof helplineSchema>;

/** The category's explanation and what to prepare, in `lang` (falls back like every profile text, to Japanese at last). */
export function categoryTexts(c: ConsultationCategory, lang: Language): { about: string; prepare: string } {
  return { about: fieldIn(c, 'about', lang) ?? c.about, prepare: fieldIn(c, 'prepare', lang) ?? c.prepare };
}

/** Anything with a Japanese name and optional English / easy-Japanese variants. */
export interface LocalizedName {
  name: string;
  nameEn?: string | undefined;
  nameEasy?: string | undefined;
}

/** A choice's short button labels, per language (each optional). */
export interface LocalizedLabel {
  label?: string | undefined;
  labelEn?: string | undefined;
  labelEasy?: string | undefined;
}

/**
 * The choice's button label in `lang`: for each of `lang`'s field languages in turn (its own, then its fallbacks),
 * that language's label, else its name.
 */
export function localizedLabel(item: LocalizedName & LocalizedLabel, lang: Language): string {
  for (const l of fieldLanguages(lang)) {
    const found = own(item, 'label', l) ?? own(item, 'name', l);
    if (found !== undefined) return found;
  }
  return item.name;
}

/** Opening hours in `lang` (falls back like every profile text, to Japanese at last). */
export function localizedHours(item: { hours: string; hoursEn?: string | undefined; hoursEasy?: string | undefined }, lang: Language): string {
  return fieldIn(item, 'hours', lang) ?? item.hours;
}

/** The item's name in `lang` (falls back like every profile text, to the Japanese `name` at last). */
export function localizedName(item: LocalizedName, lang: Language): string {
  return fieldIn(item, 'name', lang) ?? item.name;
}

/** One problem with profile data: where (`districts.3.code`) and what. */
export interface ProfileIssue {
  path: string;
  message: string;
}

/** Validates raw profile data (parsed YAML or JSON): the profile, or every issue found. */
export function checkCouncilProfile(raw: unknown): { ok: true; profile: CouncilProfile } | { ok: false; issues: ProfileIssue[] } {
  const result = councilProfileSchema.safeParse(raw, {
    // Zod's default for an absent field is "expected string, received undefined"; "Required" reads better in a config error.
    error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'Required' : undefined),
  });
  if (result.success) return { ok: true, profile: result.data };
  return { ok: false, issues: result.error.issues.map((iss) => ({ path: iss.path.map(String).join('.') || '(root)', message: iss.message })) };
}

/**
 * Validates raw profile data (parsed YAML or JSON). Throws `DomainError('profile.invalid')` whose
 * message lists every issue as `path: message`, e.g. `districts.3.code: Required`.
 */
export function parseCouncilProfile(raw: unknown): CouncilProfile {
  const checked = checkCouncilProfile(raw);
  if (checked.ok) return checked.profile;
  const lines = checked.issues.map((iss) => `- ${iss.path}: ${iss.message}`);
  throw new DomainError('profile.invalid', `Invalid council profile (${lines.length} issue(s)):\n${lines.join('\n')}`);
}

/** A partner body from the profile. */
export type Partner = z.infer<typeof partnerSchema>;

/** A partner's "what happens next" in the given language (Japanese when not translated). */
export function partnerNext(p: Partner, lang: Language): string {
  return fieldIn(p, 'next', lang) ?? p.next;
}
