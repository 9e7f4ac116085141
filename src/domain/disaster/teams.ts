/**
 * Forming a team (班編成) for one need from the volunteers checked in and not yet sent out today. A coordinator on a
 * tablet accepts the suggestion in one tap, so it follows what a good coordinator does: cover the skills the work
 * needs, keep groups together, send people who know the area, insured ones, the experienced. Pure and
 * deterministic: ties fall to the smaller memberId, so two tablets suggest the same team.
 */
import type { DamageKind, WorkKind } from './needs';

/** A checked-in pool member not yet sent out today. A group (団体) is one entry counting `size` people. */
export interface Volunteer {
  memberId: string;
  name: string;
  kind: 'individual' | 'group';
  /** People this entry brings: 1 for an individual, the headcount for a group. */
  size: number;
  /** Entries sharing a groupId are one unit too (members of a group checked in one by one). */
  groupId?: string | null;
  /** Lives in the stricken municipality and knows the area. */
  local: boolean;
  districtCode?: string | null;
  /** Skill codes (e.g. `kei-truck`, `chainsaw`). */
  skills: string[];
  /** Days dispatched before. */
  experience: number;
  phone?: string | null;
  insured: boolean;
}

/** What the need asks of the team. */
export interface TeamNeed {
  size: number;
  skills: string[];
  districtCode?: string | null;
}

/** Why the suggestion is not exactly what the need asks, for the coordinator to read before the tap. */
export type TeamNote =
  | { code: 'short'; missing: number }
  | { code: 'missingSkill'; skill: string }
  /** A group carrying a needed skill was larger than the places left: kept whole, the team is `by` over. */
  | { code: 'groupOverSize'; memberId: string; by: number }
  | { code: 'uninsured'; memberId: string }
  | { code: 'noLeaderPhone' };

/** A suggested team. */
export interface TeamSuggestion {
  members: string[];
  leader: string | null;
  people: number;
  missingSkills: string[];
  /** Places the need asks for that nobody fills (0 when full). */
  shortfall: number;
  reasons: TeamNote[];
}

interface Unit {
  /** The smallest memberId: names the unit in notes and breaks ties. */
  id: string;
  entries: Volunteer[];
  people: number;
  skills: Set<string>;
  rank: [number, number, number, string];
}

/**
 * Pure: the suggested team for `need` from `available`. In order: for each needed skill not yet covered, the best
 * unit having it that fits the places left (a group larger than the places left only when no fitting unit has the
 * skill — the skill matters more than extra people, and a group is never split; an individual never overfills a
 * full team, the skill is reported missing instead); then the best units that
 * fit, until the size is reached. "Best" is: same district as the need, then other locals, then the rest;
 * insured before uninsured; most experienced (a group by its most experienced member); smaller memberId. The team
 * never exceeds `need.size` except by a group carrying a skill (noted). The leader is the most experienced chosen
 * member with a phone (null and noted when none has one). Uninsured members are noted, not excluded: the
 * check-in already gates cover; this only prefers.
 */
export function suggestTeam(need: TeamNeed, available: readonly Volunteer[]): TeamSuggestion {
  const units = toUnits(available, need.districtCode ?? null).sort((a, b) => compareRank(a.rank, b.rank));
  const chosen: Unit[] = [];
  const reasons: TeamNote[] = [];
  let people = 0;
  const take = (u: Unit) => {
    chosen.push(u);
    people += u.people;
    units.splice(units.indexOf(u), 1);
  };
  const covered = (skill: string) => chosen.some((u) => u.skills.has(skill));

  for (const skill of unique(need.skills)) {
    if (covered(skill)) continue;
    const having = units.filter((u) => u.skills.has(skill));
    const fitting = having.find((u) => people + u.people <= need.size);
    // Only a group may push the team over: an individual fits whenever there is a place, so none fitting means full.
    const unit = fitting ?? having.find((u) => u.people > 1);
    if (!unit) continue;
    if (!fitting) reasons.push({ code: 'groupOverSize', memberId: unit.id, by: people + unit.people - need.size });
    take(unit);
  }
  for (const u of [...units]) {
    if (people >= need.size) break;
    if (people + u.people <= need.size) take(u);
  }

  const members = chosen.flatMap((u) => u.entries).sort((a, b) => cmp(a.memberId, b.memberId));
  const missingSkills = unique(need.skills).filter((s) => !covered(s));
  const shortfall = Math.max(0, need.size - people);
  if (shortfall > 0) reasons.push({ code: 'short', missing: shortfall });
  for (const skill of missingSkills) reasons.push({ code: 'missingSkill', skill });
  for (const m of members) if (!m.insured) reasons.push({ code: 'uninsured', memberId: m.memberId });
  const leader = chooseLeader(members);
  if (leader === null && members.length > 0) reasons.push({ code: 'noLeaderPhone' });
  return { members: members.map((m) => m.memberId), leader, people, missingSkills, shortfall, reasons };
}

/** Pure: the most experienced member with a phone (the leader is called by the centre), ties by memberId; null if none. */
export function chooseLeader(members: readonly Volunteer[]): string | null {
  const withPhone = members.filter((m) => m.phone != null && m.phone.trim() !== '');
  withPhone.sort((a, b) => b.experience - a.experience || cmp(a.memberId, b.memberId));
  return withPhone[0]?.memberId ?? null;
}

/** People per work kind when the need gives no size: a default a coordinator changes on the board, not a rule. */
const WORK_SIZE: Readonly<Record<WorkKind, number>> = { mud: 5, furniture: 4, cleaning: 3, garbage: 3, transport: 2, other: 3 };

/**
 * Pure: the default team size for a need that states none — the largest of its work kinds (mud 5, furniture 4,
 * cleaning/garbage/other 3, transport 2: a driver and a helper), one more for mud or furniture in a flooded-above
 * or sediment-filled house (wet tatami and mud weigh more), at most 6. A need with no work kinds gets 3.
 */
export function teamSizeFor(work: readonly WorkKind[], damage: DamageKind | null): number {
  if (work.length === 0) return 3;
  const base = Math.max(...work.map((w) => WORK_SIZE[w]));
  const heavy = (damage === 'floodAbove' || damage === 'sediment') && (work.includes('mud') || work.includes('furniture'));
  return Math.min(6, base + (heavy ? 1 : 0));
}

function toUnits(available: readonly Volunteer[], district: string | null): Unit[] {
  const byKey = new Map<string, Volunteer[]>();
  for (const v of available) {
    const key = v.groupId ? `g:${v.groupId}` : `m:${v.memberId}`;
    const list = byKey.get(key);
    if (list) list.push(v);
    else byKey.set(key, [v]);
  }
  return [...byKey.values()].map((entries) => {
    entries.sort((a, b) => cmp(a.memberId, b.memberId));
    const place = Math.min(...entries.map((v) => (v.local && district !== null && v.districtCode === district ? 0 : v.local ? 1 : 2)));
    const uninsured = entries.some((v) => !v.insured) ? 1 : 0;
    const experience = Math.max(...entries.map((v) => v.experience));
    const id = entries[0]?.memberId ?? '';
    return {
      id,
      entries,
      people: entries.reduce((n, v) => n + Math.max(1, v.size), 0),
      skills: new Set(entries.flatMap((v) => v.skills)),
      rank: [place, uninsured, -experience, id],
    };
  });
}

function compareRank(a: Unit['rank'], b: Unit['rank']): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || cmp(a[3], b[3]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
