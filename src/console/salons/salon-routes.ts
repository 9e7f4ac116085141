/**
 * Salons (いきいきサロン, 通いの場) in the console: the list with each salon's usual schedule in words, its next
 * session and how many residents follow it; a salon's page with its details, the sessions of the next 8 weeks,
 * and the changes staff make to single dates — a session called off, an extra session, a note for a day
 * (「場所が公民館2階に変わります」). LINE shows the changes at once; telling followers is a separate, deliberate
 * step through the broadcast form, prefilled from here. The usual schedule, place and fee are the council's
 * settings (the settings pages, src/console/settings/). Every change is audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Salon } from '../../domain/council-profile';
import { DAY_MS, JST_OFFSET_MS, jstDate, jstMidnight, jstMidnightOf } from '../../domain/japan-time';
import { upcomingSessions, withChanges, type SalonChangeRecord, type SalonChangeStore } from '../../domain/salon-schedule';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { addSalonChange } from '../../usecases/salons/add-salon-change';
import { removeSalonChange } from '../../usecases/salons/remove-salon-change';
import type { SalonDeps } from '../../usecases/salons/salon-deps';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';
import { NOTE_MAX, parseSalonChangeForm, postedKind, postedValues, type ChangeContext, type ChangeKind } from './salon-form';
import { jaDay } from '../shared/ja-dates';
import { changeNotice, describeChange, describeSchedule, jaTimeRange } from './salon-text';

/** What the salon pages need. */
export interface SalonConsole {
  changes: SalonChangeStore;
  /** What the salon use cases need (the pages' changes go through them). */
  useCases: SalonDeps;
  /** The salons as the council's settings have them now. */
  salons: readonly Salon[];
  districts: ReadonlyArray<{ code: string; name: string }>;
}

export interface SalonListView {
  rows: Array<{ href: string; name: string; district: string; schedule: string; next: string; followers: number; changes: number }>;
}

export interface SalonDetailView {
  code: string;
  heading: string;
  status: string | null;
  /** After a change: the broadcast form, prefilled to tell the salon's followers. */
  notify: string | null;
  facts: Array<{ label: string; value: string }>;
  weeks: number;
  sessions: Array<{ day: string; time: string; kind: string; notes: string[] }>;
  changes: Array<{ id: string; day: string; what: string; at: string }>;
  /** Upcoming sessions a note can go on; `cancellable` ones (not staff-added extras) can be called off. */
  choices: Array<{ date: string; label: string; cancellable: boolean }>;
  /** Today (YYYY-MM-DD, Japan time): the earliest date for an extra session. */
  today: string;
  error: { kind: ChangeKind | null; message: string } | null;
  /** The posted values of the form that failed. */
  values: Record<string, string>;
  /** The salon's usual times, prefilled for an extra session. */
  usual: { start: string; end: string };
  noteMax: number;
}

/** The span of the salon page's sessions, and of the list's "next session". */
export const DETAIL_WEEKS = 8;
const NEXT_DAYS = 92;

const CHANGE_DONE: Readonly<Record<ChangeKind, (day: string, c: SalonChangeRecord) => string>> = {
  cancelled: (day) => `${day}の回をお休みにしました。`,
  extra: (day, c) => `${day} ${jaTimeRange(c.start ?? '', c.end ?? '')}の臨時の回を追加しました。`,
  note: (day) => `${day}の回にお知らせを付けました。`,
};
const TELL = 'LINEのサロンの予定に、すぐ反映されます。フォローしている人には、自動では知らせません。知らせるときは「フォローしている人に知らせる」を押して、お知らせを作ってください。';
const REMOVED = '変更を取り消しました。LINEのサロンの予定も、もとに戻ります。';

/** The broadcast form prefilled with the notice about `c` to the salon's followers. */
export function notifyHref(salon: Salon, c: SalonChangeRecord): string {
  const n = changeNotice({ name: salon.name, place: salon.place, contact: salon.contact, schedule: salon.schedule }, c);
  return `/console/broadcasts/new?${new URLSearchParams({ salon: salon.code, kind: 'salon_notice', title: n.title, textJa: n.text }).toString()}`;
}

export const salonRoutes: ConsoleRoutes<SalonConsole> = async (app, { deps: sc, clock, audit }) => {
  const districtName = (code: string) => sc.districts.find((d) => d.code === code)?.name ?? code;
  const find = (code: string) => sc.salons.find((s) => s.code === code);

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: 'サロンが見つかりません', message: 'このサロンは登録されていません。', action: { href: '/console/salons', label: 'サロンの一覧に戻る' } }, 404);

  /** The salon's changes from today, its sessions over the page's span with them applied, and what a new change is checked against. */
  async function load(salon: Salon, now: Date) {
    const today = jstDate(now);
    const changes = (await sc.changes.list(today)).filter((c) => c.salon === salon.code);
    const schedule = withChanges(salon.schedule, changes);
    const sessions = upcomingSessions(schedule, now, DETAIL_WEEKS * 7);
    const staffExtras = changes.filter((c) => c.kind === 'extra').map((c) => c.date);
    const ctx: ChangeContext = {
      now,
      sessionDates: sessions.map((s) => s.date),
      extraDates: staffExtras,
      meetsOn: (date) => upcomingSessions(schedule, new Date(jstMidnightOf(date)), 0).some((s) => s.date === date),
    };
    return { today, changes, sessions, staffExtras, ctx };
  }

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    salon: Salon,
    opts: { status?: string | null; notify?: string | null; error?: SalonDetailView['error']; values?: Record<string, string> } = {},
    code = 200,
  ) {
    const now = clock.now();
    const { today, changes, sessions, staffExtras } = await load(salon, now);
    const followers = (await sc.changes.followerCounts()).get(salon.code) ?? 0;
    const profileExtras = (salon.schedule.extra ?? []).map((e) => e.date);
    const until = jstDate(jstMidnight(now) + DETAIL_WEEKS * 7 * DAY_MS);
    const notesOn = (date: string) => changes.filter((c) => c.kind === 'note' && c.date === date).map((c) => c.note ?? '');
    const rows = [
      ...sessions.map((s) => ({
        date: s.date,
        day: jaDay(s.date),
        time: jaTimeRange(jstTime(s.start), jstTime(s.end)),
        kind: staffExtras.includes(s.date) || profileExtras.includes(s.date) ? '臨時の回' : 'いつもの回',
        notes: notesOn(s.date),
      })),
      // Days called off in the console (LINE says these are off too); profile holidays simply have no row.
      ...changes
        .filter((c) => c.kind === 'cancelled' && c.date <= until && !sessions.some((s) => s.date === c.date))
        .map((c) => ({ date: c.date, day: jaDay(c.date), time: '—', kind: 'お休み', notes: notesOn(c.date) })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    const view: SalonDetailView = {
      code: salon.code,
      heading: salon.name,
      status: opts.status ?? null,
      notify: opts.notify ?? null,
      facts: [
        { label: '地区', value: districtName(salon.district) },
        { label: 'いつもの予定', value: describeSchedule(salon.schedule) },
        { label: '場所', value: salon.place },
        { label: '参加費', value: salon.fee },
        ...(salon.bring ? [{ label: '持ち物', value: salon.bring }] : []),
        ...(salon.accessibility ? [{ label: 'バリアフリー', value: salon.accessibility }] : []),
        { label: '問い合わせ', value: salon.contact },
        { label: 'フォローしている人', value: `${followers}人` },
      ],
      weeks: DETAIL_WEEKS,
      sessions: rows.map(({ day, time, kind, notes }) => ({ day, time, kind, notes })),
      changes: changes.map((c) => ({ id: c.id, day: jaDay(c.date), what: describeChange(c, salon.schedule), at: jaDateTime(c.createdAt) })),
      choices: sessions.map((s) => ({ date: s.date, label: `${jaDay(s.date)} ${jaTimeRange(jstTime(s.start), jstTime(s.end))}`, cancellable: !staffExtras.includes(s.date) })),
      today,
      error: opts.error ?? null,
      values: opts.values ?? {},
      usual: { start: salon.schedule.start, end: salon.schedule.end },
      noteMax: NOTE_MAX,
    };
    return sendPage(request, reply, 'salon', salon.name, view, code);
  }

  app.get('/console/salons', { config: { permission: 'salon.manage' } }, async (request, reply) => {
    const now = clock.now();
    const [changes, followers] = await Promise.all([sc.changes.list(jstDate(now)), sc.changes.followerCounts()]);
    const rows = sc.salons.map((s) => {
      const own = changes.filter((c) => c.salon === s.code);
      const next = upcomingSessions(withChanges(s.schedule, own), now, NEXT_DAYS)[0];
      const noted = next && own.some((c) => c.kind === 'note' && c.date === next.date);
      return {
        href: `/console/salons/${encodeURIComponent(s.code)}`,
        name: s.name,
        district: districtName(s.district),
        schedule: describeSchedule(s.schedule),
        next: next ? `${jaDay(next.date)} ${jaTimeRange(jstTime(next.start), jstTime(next.end))}${noted ? '(お知らせあり)' : ''}` : '3か月以内の予定はありません',
        followers: followers.get(s.code) ?? 0,
        changes: own.length,
      };
    });
    return sendPage(request, reply, 'salons', 'サロン', { rows });
  });

  app.get<{ Params: { code: string }; Querystring: { done?: string; change?: string } }>('/console/salons/:code', { config: { permission: 'salon.manage' } }, async (request, reply) => {
    const salon = find(request.params.code);
    if (!salon) return notFound(request, reply);
    const { done, change } = request.query;
    if (done === 'removed') return detailPage(request, reply, salon, { status: REMOVED });
    const kind = postedKind({ kind: done });
    if (!kind) return detailPage(request, reply, salon);
    const c = typeof change === 'string' ? (await sc.changes.list(jstDate(clock.now()))).find((x) => x.id === change && x.salon === salon.code && x.kind === kind) : undefined;
    if (!c) return detailPage(request, reply, salon, { status: '変更を保存しました。' });
    return detailPage(request, reply, salon, { status: `${CHANGE_DONE[kind](jaDay(c.date), c)}${TELL}`, notify: notifyHref(salon, c) });
  });

  app.post<{ Params: { code: string } }>('/console/salons/:code/changes', { config: { permission: 'salon.manage' } }, async (request, reply) => {
    const salon = find(request.params.code);
    if (!salon) return notFound(request, reply);
    const now = clock.now();
    const { ctx } = await load(salon, now);
    const parsed = parseSalonChangeForm(request.body, ctx);
    if (!parsed.ok) return detailPage(request, reply, salon, { error: { kind: parsed.kind, message: parsed.error }, values: postedValues(request.body) }, 400);
    const id = await addSalonChange(sc.useCases, { ...parsed.change, salon: salon.code }, staffAct(request, now));
    return reply.redirect(`/console/salons/${encodeURIComponent(salon.code)}?done=${parsed.change.kind}&change=${encodeURIComponent(id)}`, 303);
  });

  app.post<{ Params: { code: string; id: string } }>('/console/salons/:code/changes/:id/delete', { config: { permission: 'salon.manage' } }, async (request, reply) => {
    const salon = find(request.params.code);
    if (!salon) return notFound(request, reply);
    if (!(await removeSalonChange(sc.useCases, salon.code, request.params.id, staffAct(request, clock.now())))) {
      return sendPage(
        request,
        reply,
        'error',
        '取り消せませんでした',
        { heading: '取り消せませんでした', message: 'この変更は、もう取り消されているか、過ぎた日の変更です。', action: { href: `/console/salons/${encodeURIComponent(salon.code)}`, label: 'サロンの画面に戻る' } },
        404,
      );
    }
    return reply.redirect(`/console/salons/${encodeURIComponent(salon.code)}?done=removed`, 303);
  });
};

/** An instant's time of day in Japan as `HH:MM`. */
function jstTime(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(11, 16);
}
