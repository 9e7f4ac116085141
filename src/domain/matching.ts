import { insuranceCovers, weekdayOf, type DayPart, type VolunteerProfile } from './volunteer';

/**
 * Volunteer matching (ボランティアセンターの相談調整): rank registered volunteers for one request. Pure: the
 * request's date, the volunteers and how often each was recently invited come in as values.
 *
 * Rules, strongest first (weights in MATCH_WEIGHTS):
 * 1. Only `active` volunteers are listed; `paused` and `left` never are.
 * 2. Insurance: a volunteer whose ボランティア活動保険 does not cover the date (or lacks the 天災 plan for disaster
 *    work) is NOT dropped but ranked below every covered volunteer and flagged `notInsured`. Centres refuse
 *    uninsured volunteers (DOMAIN.md §4), so they must not be dispatched uninsured — but the shortlist is
 *    advice to a coordinator, who may phone a well-suited volunteer and ask them to enrol (cover starts the
 *    next day) rather than never see them. Dispatch, not ranking, must enforce cover.
 * 3. Availability on the date's weekday (and part of the day, when the request names one) counts strongly.
 * 4. The request's main skill (its first) beats another needed skill, which beats none.
 * 5. The same district as the request beats another or unknown district.
 * 6. Fairness: each recent invitation costs a little, capped, so the same few are not asked every time. The
 *    cap keeps it below a needed skill and availability, but it can outweigh district or main-vs-other skill.
 * 7. Equal scores are ordered by id (code-unit order), so the list is the same on every run.
 */

/** What a request needs of volunteers. */
export interface VolunteerRequestNeed {
  /** Skill codes; any of them helps, the first is the main one. Empty when anyone can help. */
  skills: string[];
  districtCode: string | null;
  /** Japan-time date, YYYY-MM-DD. */
  date: string;
  /** Part of the day; any part when absent. */
  part?: DayPart;
  /** How many people are wanted. Not used to cut the list: the coordinator invites; use `limit` for a shortlist. */
  people: number;
  /** Disaster work needs the natural-disaster insurance plan. */
  disasterWork?: boolean;
}

/** Why a volunteer ranks where it does: plain values the console words in Japanese. */
export type MatchReason =
  | { kind: 'insured' }
  | { kind: 'notInsured' }
  | { kind: 'available'; part?: DayPart }
  | { kind: 'notAvailable' }
  | { kind: 'skill'; skill: string; main: boolean }
  | { kind: 'district'; same: boolean }
  | { kind: 'recentlyAsked'; times: number };

/** One volunteer in the ranking; higher `score` ranks first. */
export interface RankedVolunteer {
  volunteer: VolunteerProfile;
  score: number;
  reasons: MatchReason[];
}

/** Options for `rankVolunteers`. */
export interface RankOptions {
  /** Return at most this many (the best). */
  limit?: number;
}

/**
 * The weights of the rules above. INSURED exceeds every other bonus combined, so cover is a tier of its own;
 * the fairness cap (PER_RECENT_ASK × RECENT_ASK_CAP = 24) stays below OTHER_SKILL and AVAILABLE.
 */
export const MATCH_WEIGHTS = {
  INSURED: 1000,
  AVAILABLE: 100,
  MAIN_SKILL: 50,
  OTHER_SKILL: 30,
  SAME_DISTRICT: 15,
  PER_RECENT_ASK: 6,
  RECENT_ASK_CAP: 4,
} as const;

const W = MATCH_WEIGHTS;

/**
 * Pure: active volunteers ranked for a request, best first, each with its score and reasons. `recentAsks` maps a
 * volunteer id to how many times they were invited in the recent window (absent = never).
 */
export function rankVolunteers(
  need: VolunteerRequestNeed,
  volunteers: readonly VolunteerProfile[],
  recentAsks: ReadonlyMap<string, number>,
  options: RankOptions = {},
): RankedVolunteer[] {
  // Computed once per request rather than per volunteer.
  const weekday = weekdayOf(need.date);
  const skills = [...new Set(need.skills)];
  const disasterWork = need.disasterWork ?? false;
  const availableReason: MatchReason = need.part ? { kind: 'available', part: need.part } : { kind: 'available' };
  // Cover depends only on (fiscal year, plan, enrolment date), which volunteers share in clusters; asking the
  // rule in volunteer.ts once per distinct triple keeps it the single source of truth without its date
  // arithmetic per volunteer.
  const coverCache = new Map<string, boolean>();
  const covered = (insurance: VolunteerProfile['insurance']): boolean => {
    if (!insurance) return false;
    const key = `${insurance.fiscalYear}|${insurance.plan}|${insurance.enrolledOn}`;
    let hit = coverCache.get(key);
    if (hit === undefined) coverCache.set(key, (hit = insuranceCovers(insurance, need.date, disasterWork)));
    return hit;
  };

  const ranked: RankedVolunteer[] = [];
  for (const v of volunteers) {
    if (v.status !== 'active') continue;
    let score = 0;
    const reasons: MatchReason[] = [];

    if (covered(v.insurance)) {
      score += W.INSURED;
      reasons.push({ kind: 'insured' });
    } else reasons.push({ kind: 'notInsured' });

    const parts = v.availability[weekday];
    if (parts && (need.part ? parts.includes(need.part) : parts.length > 0)) {
      score += W.AVAILABLE;
      reasons.push(availableReason);
    } else reasons.push({ kind: 'notAvailable' });

    let skillPoints = 0;
    for (let i = 0; i < skills.length; i++) {
      const skill = skills[i]!;
      if (!v.skills.includes(skill)) continue;
      const main = i === 0;
      skillPoints = Math.max(skillPoints, main ? W.MAIN_SKILL : W.OTHER_SKILL);
      reasons.push({ kind: 'skill', skill, main });
    }
    score += skillPoints;

    if (need.districtCode !== null) {
      const same = v.districtCode === need.districtCode;
      if (same) score += W.SAME_DISTRICT;
      reasons.push({ kind: 'district', same });
    }

    const times = recentAsks.get(v.id) ?? 0;
    if (times > 0) {
      score -= W.PER_RECENT_ASK * Math.min(times, W.RECENT_ASK_CAP);
      reasons.push({ kind: 'recentlyAsked', times });
    }

    ranked.push({ volunteer: v, score, reasons });
  }

  ranked.sort((a, b) => b.score - a.score || (a.volunteer.id < b.volunteer.id ? -1 : a.volunteer.id > b.volunteer.id ? 1 : 0));
  return options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
}
