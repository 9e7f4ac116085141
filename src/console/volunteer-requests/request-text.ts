/**
 * Volunteer requests (ボランティア依頼) in plain Japanese for the console: the status, the part of the day, the
 * number of people, the place, an invitation's answer, and why the matching ranks a volunteer where it does
 * (「保険 有効」「その日に活動できる(午前)」「得意:送迎・付き添い(主)」「同じ地区」「最近30日で2回依頼」, with
 * warnings such as 「保険が対象外」「その日は活動できない」). Pure.
 */
import type { MatchReason, VolunteerRequestNeed } from '../../domain/matching';
import type { DayPart, NewVolunteerRequest } from '../../domain/volunteer';
import type { InvitationRecord, RequestStatus, VolunteerRequestRecord } from '../../domain/volunteer-requests';
import { nameOf, type NamedCode } from '../shared/names';

export const REQUEST_STATUS_JA: Readonly<Record<RequestStatus, string>> = {
  received: '受付',
  matched: 'ボランティア決定',
  scheduled: '日時決定',
  done: '完了',
  declined: 'お受けできない',
};

export const INVITATION_STATUS_JA: Readonly<Record<InvitationRecord['status'], string>> = {
  invited: '返事待ち',
  accepted: '参加',
  declined: '見送り',
  filled: '人数がそろった',
  withdrawn: '取り下げ',
};

/** Parts of the day as the volunteer pages word them (夕方以降 rather than LINE's 夕方・夜). */
const PART_JA: Readonly<Record<DayPart, string>> = { am: '午前', pm: '午後', evening: '夕方以降' };

/** How many days back invitations count against a volunteer in the matching (fairness). */
export const RECENT_DAYS = 30;

/** `午前` / `午後` / `夕方以降` / `いつでも(指定なし)`. */
export function partText(part: NewVolunteerRequest['part']): string {
  return part === 'any' ? 'いつでも(指定なし)' : PART_JA[part];
}

/** `2人`, or `5人以上` for the requester's "5 or more". */
export function peopleText(people: number): string {
  return people >= 5 ? `${people}人以上` : `${people}人`;
}

/** A map of a LINE location (the coordinates the requester sent). */
export function mapHref(location: { latitude: number; longitude: number }): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(`${location.latitude},${location.longitude}`)}`;
}

/** Where to go, in words: the address, the place a LINE location names, or that only the map knows. */
export function placeText(r: Pick<VolunteerRequestRecord, 'address' | 'location'>): string {
  if (r.address) return r.address;
  if (r.location) return [r.location.title, r.location.address].filter(Boolean).join(' ') || 'LINEで送られた位置(地図で確かめてください)';
  return '聞いていません(電話やLINEで確かめてください)';
}

/** Who asked: a person for themselves or family, or an organisation by its name. */
export function requesterText(r: Pick<VolunteerRequestRecord, 'requesterType' | 'orgName'>): string {
  return r.requesterType === 'organisation' ? `団体:${r.orgName ?? '(名前なし)'}` : '個人(本人・家族)';
}

/** What a request needs of volunteers, for `rankVolunteers`: its kind is the main (only) skill. */
export function needOf(r: Pick<VolunteerRequestRecord, 'kind' | 'districtCode' | 'date' | 'part' | 'people'>): VolunteerRequestNeed {
  return {
    skills: [r.kind],
    districtCode: r.districtCode,
    date: r.date,
    ...(r.part === 'any' ? {} : { part: r.part }),
    people: r.people,
    // Disaster relief needs the 天災 plan of the insurance.
    disasterWork: r.kind === 'disaster',
  };
}

/** One reason in words; `warning` marks what speaks against asking the volunteer. */
export interface ReasonView {
  text: string;
  warning: boolean;
}

/** Pure: a matching reason in plain Japanese. */
export function reasonText(r: MatchReason, skills: readonly NamedCode[]): ReasonView {
  switch (r.kind) {
    case 'insured':
      return { text: '保険 有効', warning: false };
    case 'notInsured':
      return { text: '保険が対象外', warning: true };
    case 'available':
      return { text: r.part ? `その日に活動できる(${PART_JA[r.part]})` : 'その日に活動できる', warning: false };
    case 'notAvailable':
      return { text: 'その日は活動できない', warning: true };
    case 'skill':
      return { text: `得意:${nameOf(r.skill, skills)}${r.main ? '(主)' : ''}`, warning: false };
    case 'district':
      return { text: r.same ? '同じ地区' : 'ほかの地区', warning: false };
    case 'recentlyAsked':
      return { text: `最近${RECENT_DAYS}日で${r.times}回依頼`, warning: false };
  }
}
