import { windowOpen, type MyApplication, type PoolMember } from '../../domain/disaster/centre';
import { coveredOn, type CoverCheck } from '../../domain/disaster/cover';
import type { CentreDay, RunningCentre } from '../../domain/disaster/store';
import { DAY_MS, jstDate } from '../../domain/japan-time';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip, OutMessage } from '../../domain/out-message';
import { postbackChip, staffChip } from '../common/messages';
import type { FlowContext } from '../engine/types';
import { disasterContext, type DisasterSettings } from './module-context';

/**
 * What the disaster module answers outside its flows: the disaster menu, the resident's dates, how to check in, and
 * the insurance advice they share. Pure; the gates mark them for a drill.
 */

/** Postback codes of the module's taps (`dz=<what>`, with `a=<application id>` for an answer about a place). */
export const TAP = {
  menu: 'dz=menu',
  /** 手伝ってほしい: asking the centre for help (a need). */
  need: 'dz=need',
  /** 依頼の状況: where the resident's needs stand. */
  needs: 'dz=needs',
  /** 手伝いたい: joining the pool, or applying for dates once in it. */
  join: 'dz=join',
  /** The resident's pool entry: joining, or seeing and changing it. */
  entry: 'dz=entry',
  apply: 'dz=apply',
  mine: 'dz=mine',
  desk: 'dz=desk',
  main: 'dz=main',
} as const;

/** The most dates the menu lists (the rest are in 「手伝いたい」). */
const MENU_DAYS_MAX = 7;
/** The most buttons one message shows (LINE's bubble stays readable; see OutMessage.buttons). */
const BUTTONS_MAX = 6;

/** A date (YYYY-MM-DD, Japan time) as a message parameter (formatted by the locale). */
export function dateParam(date: string): number {
  return Date.parse(`${date}T00:00:00+09:00`);
}

/** Today in Japan. */
export function today(ctx: FlowContext): string {
  return jstDate(ctx.now);
}

/** Today (in Japan) and the `count - 1` days after it, as YYYY-MM-DD. */
export function daysAhead(ctx: FlowContext, count: number): string[] {
  const start = Date.parse(`${today(ctx)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

/** Dates whose application window is open now, while the centre takes applications. */
export function openDays(centre: RunningCentre, now: Date): CentreDay[] {
  return centre.status === 'open' ? centre.days.filter((d) => windowOpen(d, now)) : [];
}

/** The member's insurance cover on `day`, by the council's plans and the centre's same-day exception. */
export function coverOf(member: Pick<PoolMember, 'cover'>, day: string, centre: RunningCentre, settings: DisasterSettings): CoverCheck {
  return coveredOn(member.cover, day, { sameDayException: centre.sameDayCover, disasterPlans: settings.disasterPlans });
}

/** Why someone is not covered, and where to enrol (online, with the button, or at the office). */
export function coverAdvice(cover: CoverCheck, settings: DisasterSettings): Msg[] {
  if (cover.covered) return [];
  return [msg(`disaster:cover.${cover.reason}`), msg('disaster:cover.where', { place: settings.enrolPlace })];
}

/** The button opening the insurance's online enrolment. */
export function enrolButton(settings: DisasterSettings): Chip {
  return { kind: 'uri', label: msg('disaster:cover.enrol'), uri: settings.enrolUrl };
}

/** The centre's name with its status, as a title line. */
function titleLine(centre: RunningCentre): Msg {
  return msg(centre.status === 'paused' ? 'disaster:menu.titlePaused' : 'disaster:menu.title', { centre: centre.name });
}

/** One date open for applications: the day, its places and when applications close. */
export function dayLine(day: CentreDay): Msg {
  return msg('disaster:menu.day', { date: dateParam(day.date), capacity: day.capacity, closes: day.closesAt.getTime() });
}

/**
 * The disaster menu: the centre and its status, the dates open for applications now (with their places), today's
 * activity, and big buttons — 手伝ってほしい, 依頼の状況, 手伝いたい, わたしの予定, 受付, 通常メニュー — with staff a tap
 * away. The rich menu has no tile for the centre's information: this message (typed メニュー, the greeting) carries it.
 */
export function disasterMenu(ctx: FlowContext, centre: RunningCentre, lead: Msg[] = []): OutMessage {
  const open = openDays(centre, ctx.now);
  const lines: Msg[] = [...lead, titleLine(centre)];
  if (centre.status === 'paused') lines.push(msg('disaster:menu.paused'));
  else if (open.length) lines.push(msg('disaster:menu.recruiting'), ...open.slice(0, MENU_DAYS_MAX).map(dayLine), msg('disaster:notFirstCome'));
  else lines.push(msg('disaster:menu.noneOpen'));
  if (centre.days.some((d) => d.date === today(ctx))) lines.push(msg('disaster:menu.today'));
  lines.push(msg('disaster:menu.prompt'));
  return {
    lines,
    buttons: [
      postbackChip(msg('disasterNeed:menu.need'), TAP.need),
      postbackChip(msg('disasterNeed:status.button'), TAP.needs),
      postbackChip(msg('disaster:menu.join'), TAP.join),
      postbackChip(msg('disaster:menu.mine'), TAP.mine),
      postbackChip(msg('disaster:menu.desk'), TAP.desk),
      postbackChip(msg('disaster:menu.main'), TAP.main),
    ],
    chips: [staffChip()],
  };
}

/** What an application's line says: its date, the deadline of an offered place, the waiting-list position, when applications close. */
function appParams(a: MyApplication, centre: RunningCentre): Record<string, number> {
  const day = centre.days.find((d) => d.id === a.dayId);
  return {
    date: dateParam(a.date),
    ...(a.replyBy ? { replyBy: a.replyBy.getTime() } : {}),
    ...(a.position !== null ? { position: a.position } : {}),
    ...(day ? { closes: day.closesAt.getTime() } : {}),
  };
}

/** Where an application stands, in one line. */
function statusLine(a: MyApplication, centre: RunningCentre, now: Date): Msg {
  const params = appParams(a, centre);
  if (a.status === 'chosen' && a.replyBy && a.replyBy.getTime() <= now.getTime()) return msg('disaster:mine.status.chosenLate', params);
  if (a.status === 'waitlisted' && a.position === null) return msg('disaster:mine.status.waitlistedNoPosition', params);
  return msg(`disaster:mine.status.${a.status}`, params);
}

/** The buttons answering for a place: take an offered one, give one back. */
function answerButtons(a: MyApplication, now: Date): Chip[] {
  const date = dateParam(a.date);
  const take = a.status === 'chosen' && a.replyBy !== null && a.replyBy.getTime() > now.getTime();
  const giveBack = ['applied', 'chosen', 'reconfirmed', 'waitlisted'].includes(a.status);
  return [
    ...(take ? [postbackChip(msg('disaster:mine.ok', { date }), `dz=ok&a=${a.id}`)] : []),
    ...(giveBack ? [postbackChip(msg('disaster:mine.cancel', { date }), `dz=cancel&a=${a.id}`)] : []),
  ];
}

/**
 * わたしの予定: the member's dates and what became of each (an offered place first, with its buttons), their cover for
 * today, and applying for more while dates are open. Not a member yet: how to join.
 */
export function myDates(ctx: FlowContext, centre: RunningCentre, settings: DisasterSettings): OutMessage {
  const { member, applications } = disasterContext(ctx);
  if (!member) return { lines: [msg('disaster:mine.notMember')], buttons: [postbackChip(msg('disaster:menu.join'), TAP.join)] };
  const sorted = [...applications].sort((a, b) => a.date.localeCompare(b.date));
  const lines: Msg[] = [msg('disaster:mine.title', { name: member.name }), ...(sorted.length ? sorted.map((a) => statusLine(a, centre, ctx.now)) : [msg('disaster:mine.none')])];
  const cover = coverOf(member, today(ctx), centre, settings);
  lines.push(...coverAdvice(cover, settings));
  // Offered places first: their deadline is the nearest thing to answer.
  const offered = [...sorted].sort((a, b) => Number(b.status === 'chosen') - Number(a.status === 'chosen'));
  const buttons = [
    ...offered.flatMap((a) => answerButtons(a, ctx.now)),
    ...(cover.covered ? [] : [enrolButton(settings)]),
    ...(openDays(centre, ctx.now).length ? [postbackChip(msg('disaster:mine.apply'), TAP.apply)] : []),
  ];
  return { lines, ...(buttons.length ? { buttons: buttons.slice(0, BUTTONS_MAX) } : {}) };
}

/** 受付: how to check in with the poster's code, and where the resident stands for today. */
export function deskInfo(ctx: FlowContext, centre: RunningCentre, settings: DisasterSettings): OutMessage {
  const { member, applications } = disasterContext(ctx);
  const day = centre.days.find((d) => d.date === today(ctx));
  const lines: Msg[] = [msg('disaster:desk.how')];
  const buttons: Chip[] = [];
  if (!day) lines.push(msg('disaster:desk.noActivityToday'));
  if (!member) {
    lines.push(msg('disaster:desk.joinFirst'));
    buttons.push(postbackChip(msg('disaster:menu.join'), TAP.join));
  } else if (day) {
    const mine = applications.find((a) => a.dayId === day.id);
    if (mine && ['chosen', 'reconfirmed', 'walkIn'].includes(mine.status)) lines.push(msg('disaster:desk.expected'));
    else lines.push(msg(centre.walkIns ? 'disaster:desk.walkIns' : 'disaster:desk.notExpected'));
    const cover = coverOf(member, day.date, centre, settings);
    lines.push(...coverAdvice(cover, settings));
    if (!cover.covered) buttons.push(enrolButton(settings));
  }
  return { lines, ...(buttons.length ? { buttons } : {}) };
}
