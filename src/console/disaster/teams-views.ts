/**
 * What the teams (班) pages show and the words they use: the team form's volunteer cards, the suggestion's reasons
 * and refusals in Japanese, the teams list, a team's page and its printable work order (活動依頼書兼報告書), and
 * the equipment inventory. Pure: data in, view data out.
 */
import type { EquipmentKind, LendProblem } from '../../domain/disaster/equipment';
import type { DamageKind, WorkKind } from '../../domain/disaster/needs';
import type { AvailableVolunteer, TeamDetail, TeamMemberEntry, TeamSummary } from '../../domain/disaster/teams-admin';
import type { TeamNote } from '../../domain/disaster/teams';
import type { FormTeamRefusal } from '../../usecases/disaster/form-team';
import { nameOf, type NamedCode } from '../shared/names';
import { WORK_LABELS } from './needs-views';

/** A team's list page. */
export const teamsHref = (centreId?: string) => `/console/disaster/teams${centreId ? `?centre=${encodeURIComponent(centreId)}` : ''}`;
/** A team's page. */
export const teamHref = (teamId: string) => `/console/disaster/teams/${encodeURIComponent(teamId)}`;
/** The form that forms a team for a need. */
export const teamFormHref = (needId: string) => `/console/disaster/needs/${encodeURIComponent(needId)}/team`;
/** A centre's equipment page. */
export const equipmentHref = (centreId: string) => `/console/disaster/centres/${encodeURIComponent(centreId)}/equipment`;

/**
 * The skills a need's work asks for, among the profile's skills: transport and garbage runs want a 軽トラック with its
 * driver (`truck`); other work any pair of hands can do. A skill the profile does not list is not asked for.
 */
const WORK_SKILLS: Readonly<Partial<Record<WorkKind, readonly string[]>>> = { transport: ['truck'], garbage: ['truck'] };

/** Pure: the skills `work` asks for, of those the profile lists. */
export function skillsFor(work: readonly WorkKind[], skills: readonly NamedCode[]): string[] {
  const known = new Set(skills.map((s) => s.code));
  return [...new Set(work.flatMap((w) => WORK_SKILLS[w] ?? []))].filter((s) => known.has(s));
}

/** Pure: the damage that weighs most on the team's size (flooded above the floor, then sediment, then the first given). */
export function heaviestDamage(damage: readonly DamageKind[]): DamageKind | null {
  return damage.includes('floodAbove') ? 'floodAbove' : damage.includes('sediment') ? 'sediment' : (damage[0] ?? null);
}

const TIME = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
/** `10:05` in Japan time. */
export const jaTime = (d: Date) => TIME.format(d);

/** A volunteer's card on the team form. */
export interface VolunteerCard {
  memberId: string;
  name: string;
  /** 個人, or the group's name and size. */
  kind: string;
  local: boolean;
  skills: string;
  experience: string;
  insured: boolean;
  phone: boolean;
  checked: boolean;
  leader: boolean;
}

/** Pure: the form's cards, the chosen (or suggested) ones first. */
export function volunteerCards(available: readonly AvailableVolunteer[], skills: readonly NamedCode[], chosen: ReadonlySet<string>, leader: string | null): VolunteerCard[] {
  const cards = available.map((v) => ({
    memberId: v.memberId,
    name: v.name,
    kind: v.kind === 'group' ? `グループ ${v.groupName ?? ''} ${v.size}人`.replace(/\s+/g, ' ') : '個人',
    local: v.local,
    skills: v.skills.map((s) => nameOf(s, skills)).join('・'),
    experience: v.experience > 0 ? `派遣 ${v.experience}日` : '初めて',
    insured: v.insured,
    phone: Boolean(v.phone?.trim()),
    checked: chosen.has(v.memberId),
    leader: v.memberId === leader,
  }));
  return [...cards.filter((c) => c.checked), ...cards.filter((c) => !c.checked)];
}

/** Pure: the suggestion's notes as the coordinator reads them. */
export function noteText(n: TeamNote, names: ReadonlyMap<string, string>, skills: readonly NamedCode[]): string {
  const who = (id: string) => names.get(id) ?? '(不明)';
  switch (n.code) {
    case 'short':
      return `あと${n.missing}人足りません(受付済みで派遣されていない人が足りません)。`;
    case 'missingSkill':
      return `「${nameOf(n.skill, skills)}」のできる人がいません。`;
    case 'groupOverSize':
      return `${who(n.memberId)}のグループは分けずに入れたため、${n.by}人多くなっています。`;
    case 'uninsured':
      return `${who(n.memberId)}さんは、ボランティア活動保険の加入が確認できていません。`;
    case 'noLeaderPhone':
      return '電話番号のある人がいないため、リーダーを決められません。';
  }
}

/** Pure: an equipment problem in Japanese. */
export function lendProblemText(p: LendProblem, names: ReadonlyMap<string, string>): string {
  const name = names.get(p.kind) ?? p.kind;
  if (p.code === 'short') return `${name}が足りません(${p.asked}個必要、残り${p.left}個)。`;
  if (p.code === 'unknownKind') return `${name}はセンターの資機材にありません。`;
  return `${name}の数を確かめてください。`;
}

/** Pure: why a team was not formed, in Japanese. */
export function refusalText(r: FormTeamRefusal, names: ReadonlyMap<string, string>, equipmentNames: ReadonlyMap<string, string>): string[] {
  switch (r.refused) {
    case 'notAvailable':
      return [`${r.memberIds.map((id) => `${names.get(id) ?? '(不明)'}さん`).join('、')}は、ほかの班で派遣されたか、今日の受付がありません。選び直してください。`];
    case 'equipment':
      return r.problems.map((p) => lendProblemText(p, equipmentNames));
    case 'noMembers':
      return ['班に入れる人を1人以上選んでください。'];
    case 'leaderNotMember':
      return ['リーダーは、班に入れる人の中から選んでください。'];
    case 'noDay':
      return ['今日の活動日が登録されていません。先に活動日を登録し、受付をしてください。'];
    case 'centreClosed':
      return ['このセンターは開設中ではありません。'];
    case 'needClosed':
      return ['このニーズは完了・取消・対応不可のため、班を編成できません。'];
    case 'unknown':
      return ['このニーズは見つかりません。'];
  }
}

/** The team form. */
export interface TeamFormView {
  need: { id: string; referenceNo: string; status: string; address: string; work: string; household: string; href: string };
  drill: boolean;
  /** No activity day today, or nobody available: what to do instead of a form. */
  blocked: string | null;
  size: number;
  sizeHint: string;
  skillsAsked: string;
  notes: string[];
  errors: string[];
  cards: VolunteerCard[];
  people: number;
  equipment: Array<{ code: string; name: string; left: number; value: number }>;
  equipmentHref: string | null;
  action: string;
  teamsHref: string;
}

/** Pure: a member's line on the team pages. */
export function memberLine(m: TeamMemberEntry): { name: string; kind: string; phone: string; leader: boolean } {
  return { name: m.name, kind: m.kind === 'group' ? `グループ ${m.groupName ?? ''} ${m.size}人`.replace(/\s+/g, ' ') : '個人', phone: m.phone ?? '—', leader: m.leader };
}

/** Pure: the people a team counts (a group counts its size). */
export const teamPeople = (members: readonly TeamMemberEntry[]) => members.reduce((n, m) => n + Math.max(1, m.size), 0);

/** A team in the list. */
export interface TeamRow {
  href: string;
  orderHref: string;
  number: number;
  referenceNo: string;
  needHref: string;
  leader: string;
  members: string;
  people: number;
  status: string;
  dispatchedAt: string;
}

/** Pure: a team's row in today's list. */
export function teamRow(t: TeamSummary, needHref: string): TeamRow {
  const leader = t.members.find((m) => m.leader);
  return {
    href: teamHref(t.id),
    orderHref: `${teamHref(t.id)}/order`,
    number: t.number,
    referenceNo: t.referenceNo,
    needHref,
    leader: leader?.name ?? '—',
    members: t.members.map((m) => m.name).join('、'),
    people: teamPeople(t.members),
    status: t.status === 'out' ? '派遣中' : '帰着',
    dispatchedAt: jaTime(t.dispatchedAt),
  };
}

/** Today's teams. */
export interface TeamsListView {
  centre: string;
  drill: boolean;
  date: string;
  rows: TeamRow[];
  out: number;
  back: number;
  boardHref: string;
  equipmentHref: string;
}

/** A team's page and its work order read the same facts. */
export interface TeamPageView {
  done: string | null;
  heading: string;
  centre: string;
  drill: boolean;
  date: string;
  number: number;
  referenceNo: string;
  status: string;
  dispatchedAt: string;
  backAt: string | null;
  requester: string;
  phone: string;
  address: string;
  work: string;
  notes: string;
  equipment: string;
  members: Array<{ name: string; kind: string; phone: string; leader: boolean }>;
  people: number;
  mapLink: string | null;
  qrSvg: string | null;
  needHref: string;
  orderHref: string;
  /** The paper report's form (the leader could not report in LINE); shown while the team is out. */
  reportHref: string;
  out: boolean;
  listHref: string;
}

/** Pure: the facts of a team's page and work order. */
export function teamFacts(t: TeamDetail): Omit<TeamPageView, 'done' | 'heading' | 'qrSvg' | 'needHref' | 'orderHref' | 'reportHref' | 'listHref' | 'date'> {
  return {
    out: t.status === 'out',
    centre: t.centreName,
    drill: t.drill,
    number: t.number,
    referenceNo: t.referenceNo,
    status: t.status === 'out' ? '派遣中' : '帰着',
    dispatchedAt: jaTime(t.dispatchedAt),
    backAt: t.backAt ? jaTime(t.backAt) : null,
    requester: t.householdName ?? '—',
    phone: t.phone ?? '—',
    address: t.address ?? '—',
    work: [...t.work.filter((w) => w !== 'other').map((w) => WORK_LABELS[w]), ...(t.work.includes('other') || t.workOther ? [`その他(${t.workOther ?? ''})`] : [])].join('、') || '—',
    notes: t.notes ?? '',
    equipment: t.equipment.length ? t.equipment.map((e) => `${e.name}×${e.count}`).join('、') : 'なし',
    members: t.members.map(memberLine),
    people: teamPeople(t.members),
    mapLink: t.latitude != null && t.longitude != null ? mapLink(t.latitude, t.longitude) : null,
  };
}

/** Pure: the map link printed as a QR on the work order. */
export function mapLink(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}

/** The equipment inventory. */
export interface EquipmentView {
  centre: string;
  drill: boolean;
  done: string | null;
  errors: string[];
  rows: Array<EquipmentKind & { lent: number; left: number }>;
  action: string;
  centreHref: string;
  teamsHref: string;
}

/** The teams pages' views, for `ConsoleViews`. */
export interface TeamsViews {
  disasterTeamForm: TeamFormView;
  disasterTeams: TeamsListView;
  disasterTeam: TeamPageView;
  disasterTeamOrder: TeamPageView;
  disasterEquipment: EquipmentView;
}
