/**
 * The console's volunteer filter and the ranking's base score as SQL on "Volunteer", so the database answers with
 * one page or a short list of candidates instead of every registration going through Prisma. Each condition is
 * the SQL form of a pure rule in src/domain (named beside it); tests compare the two on the same rows.
 */
import { MATCH_WEIGHTS, type VolunteerRequestNeed } from '../../domain/matching';
import { DAY_PARTS, fiscalYearOf, weekdayOf } from '../../domain/volunteer';
import type { VolunteerFilter } from '../../domain/volunteer-admin';
import type { DatabaseKind } from './database';
import type { SqlParams } from './sql-batch';

/** The plans `toVolunteer` accepts as insurance; any other stored value reads as no insurance. */
const PLANS_SQL = `'basic', 'disaster'`;

/**
 * `insuranceCovers(insurance, date, disasterWork)` (src/domain/volunteer.ts): insured for the date's fiscal year and
 * enrolled before the date (cover starts the next day; no enrolment date means from the year's start).
 */
export function coversSql(date: string, disasterWork: boolean, p: SqlParams): string {
  const plan = disasterWork ? `"insurancePlan" = 'disaster'` : `"insurancePlan" IN (${PLANS_SQL})`;
  const year = p.add(fiscalYearOf(date));
  const day = p.add(date);
  return `("insuranceFiscalYear" = ${year} AND ${plan} AND ("insuranceEnrolledOn" IS NULL OR "insuranceEnrolledOn" = '' OR "insuranceEnrolledOn" < ${day}))`;
}

/**
 * Whether the stored JSON array `column` (at `path`: `$` or `$.key`) holds the string `value`. On SQLite invalid JSON
 * holds nothing; on PostgreSQL the TEXT column is cast to jsonb, which the service's own writes (JSON.stringify)
 * always satisfy.
 */
export function jsonArrayHas(kind: DatabaseKind, column: string, value: string, p: SqlParams, path = '$'): string {
  if (kind === 'postgresql') {
    const at = path === '$' ? `"${column}"::jsonb` : `("${column}"::jsonb -> ${p.add(path.slice(2))}::text)`;
    return `(jsonb_typeof(${at}) = 'array' AND ${at} @> jsonb_build_array(${p.add(value)}::text))`;
  }
  const at = p.add(path);
  return `(json_valid("${column}") AND json_type("${column}", ${at}) = 'array' AND EXISTS (SELECT 1 FROM json_each("${column}", ${at}) WHERE "value" = ${p.add(value)}))`;
}

/** `matchesFilter` (src/domain/volunteer-admin.ts) as a WHERE clause. */
export function volunteerFilterSql(f: VolunteerFilter, p: SqlParams, kind: DatabaseKind): string {
  if (f.statuses.length === 0) return 'false';
  const and = [`"status" IN (${p.list([...f.statuses])})`];
  if (f.skill !== null) and.push(jsonArrayHas(kind, 'skills', f.skill, p));
  if (f.districtCode !== null) and.push(`"districtCode" = ${p.add(f.districtCode)}`);
  if (f.insuredOn !== null) and.push(coversSql(f.insuredOn, false, p));
  return and.join(' AND ');
}

/**
 * `rankVolunteers`' score before the fairness penalty (src/domain/matching.ts): insured, available on the day (and
 * part), main or other skill, same district. The penalty takes at most PER_RECENT_ASK × RECENT_ASK_CAP off it.
 */
export function baseScoreSql(need: VolunteerRequestNeed, p: SqlParams, kind: DatabaseKind): string {
  const W = MATCH_WEIGHTS;
  const covers = coversSql(need.date, need.disasterWork ?? false, p);
  const day = `$.${weekdayOf(need.date)}`;
  const available = need.part
    ? jsonArrayHas(kind, 'availability', need.part, p, day)
    : `(${DAY_PARTS.map((part) => jsonArrayHas(kind, 'availability', part, p, day)).join(' OR ')})`;
  const [main, ...others] = [...new Set(need.skills)];
  const skill =
    main === undefined
      ? '0'
      : `CASE WHEN ${jsonArrayHas(kind, 'skills', main, p)} THEN ${W.MAIN_SKILL}` +
        (others.length ? ` WHEN ${others.map((s) => jsonArrayHas(kind, 'skills', s, p)).join(' OR ')} THEN ${W.OTHER_SKILL}` : '') +
        ' ELSE 0 END';
  const district = need.districtCode === null ? '0' : `CASE WHEN "districtCode" = ${p.add(need.districtCode)} THEN ${W.SAME_DISTRICT} ELSE 0 END`;
  return `(CASE WHEN ${covers} THEN ${W.INSURED} ELSE 0 END + CASE WHEN ${available} THEN ${W.AVAILABLE} ELSE 0 END + ${skill} + ${district})`;
}

/**
 * The ids of the active volunteers who can be among the `limit` best for the need: those whose base score is within
 * the largest fairness penalty of the `limit`-th best base score. Anyone below that scores, after any penalty, less
 * than `limit` others do, so ranking only these gives the same first `limit`.
 */
export function rankingCandidatesSql(need: VolunteerRequestNeed, limit: number, p: SqlParams, kind: DatabaseKind): string {
  const W = MATCH_WEIGHTS;
  const score = baseScoreSql(need, p, kind);
  const slack = W.PER_RECENT_ASK * W.RECENT_ASK_CAP;
  return (
    `WITH "s" AS (SELECT "id", ${score} AS "score" FROM "Volunteer" WHERE "status" = 'active'), ` +
    `"t" AS (SELECT "score" FROM "s" ORDER BY "score" DESC LIMIT 1 OFFSET ${p.add(Math.max(0, limit - 1))}) ` +
    `SELECT "id" FROM "s" WHERE "score" >= COALESCE((SELECT "score" FROM "t"), 0) - ${slack}`
  );
}
