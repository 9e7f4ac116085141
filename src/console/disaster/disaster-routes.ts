/**
 * The disaster volunteer centre's pages. Routes parse and render; the changes are use cases (src/usecases/disaster),
 * each with its audit row in its own transaction. Every page that shows names, phones or insurance audits its
 * opening (the pool, a date's draw, reception, the day list) and so does the pool's CSV. A drill's centre is
 * labelled 訓練 on every page and in every file, and real centres and drills are listed and counted apart.
 */
import QRCode from 'qrcode';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DisasterAdmin, DaySummary, ApplicationEntry } from '../../domain/disaster/admin';
import { isRunning, type CentreStatus, type DisasterCentre } from '../../domain/disaster/centre';
import { checkInLink } from '../../domain/disaster/check-in';
import { defaultReconfirmBy } from '../../domain/disaster/days';
import { jstDate, jstMonthStart } from '../../domain/japan-time';
import type { QuietHours } from '../../domain/broadcast';
import { addDay } from '../../usecases/disaster/add-day';
import { checkInAtDesk } from '../../usecases/disaster/check-in-at-desk';
import { createCentre } from '../../usecases/disaster/create-centre';
import type { DisasterDeps } from '../../usecases/disaster/disaster-deps';
import { editDay } from '../../usecases/disaster/edit-day';
import { moveCentre, switchMenu } from '../../usecases/disaster/move-centre';
import { setCentreOptions } from '../../usecases/disaster/set-centre-options';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, mayOpen, staffAct } from '../console-guard';
import { sendPage } from '../render';
import { csvPhone, sendCsv } from '../shared/csv';
import { one } from '../shared/form-fields';
import { listHref, pageAt, pagerOf, parsePageNumber, readPage } from '../shared/paging';
import { jaDateTime, jaDay, jaLongDate } from '../shared/ja-dates';
import { nameOf, type NamedCode } from '../shared/names';
import { DAY_PROBLEMS, dayFormValues, parseCentreForm, parseDayForm } from './disaster-forms';
import type { FieldSafetyRepository } from '../../domain/disaster/field-safety-store';
import { daySafetyView, overdueRows } from './safety-views';
import type { HeatReminderMinutes } from '../../domain/disaster/field-safety';
import {
  APPLICATION_LABELS,
  centreMoves,
  centreTitle,
  coverText,
  filterPool,
  filterQuery,
  kindText,
  memberName,
  ORIGIN_LABELS,
  poolCsv,
  poolCsvName,
  poolFilter,
  poolRows,
  receptionFlags,
  statusText,
  type CoverContext,
  type DayFormView,
  type ReceptionData,
  type ReceptionRow,
} from './disaster-views';

/** What the disaster pages need. */
export interface DisasterConsole {
  admin: DisasterAdmin;
  useCases: DisasterDeps;
  /** The profile's districts and disaster skills. */
  districts: NamedCode[];
  skills: NamedCode[];
  /** The insurance plans that cover natural disasters. */
  disasterPlans: string[];
  /** The account's basic id, for the poster's link. */
  lineBasicId: string;
  monthlyPushBudget: number;
  quietHours: QuietHours;
  /** Safety in the field: the day's safety settings and the teams not back (src/console/disaster/safety-routes.ts posts them). */
  fieldSafety: Pick<FieldSafetyRepository, 'daySafety' | 'overdue'>;
  /** Minutes between reminders per heat level (the council's heat rules). */
  heatReminderMinutes: Readonly<HeatReminderMinutes>;
}

const CENTRE_DONE: Readonly<Record<string, string>> = {
  created: '登録しました(準備中)。LINEの利用者には、まだ何も変わりません。「開設する」を押すと、LINEのメニューが災害用に切り替わります。',
  open: '開設しました。',
  paused: '受付を停止しました。新しい申し込みは受け付けません。',
  closed: '終了しました。',
  options: '設定を保存しました。',
  menu: 'LINEのメニューを切り替えました。',
};

const DAY_DONE: Readonly<Record<string, string>> = {
  created: '活動日を登録しました。受付用の番号(チェックインコード)を作りました。',
  updated: '変更を保存しました。',
  safety: '安全の設定を保存しました。',
};

const CHECK_IN_DONE: Readonly<Record<string, string>> = {
  in: '受付しました。',
  walkIn: '当日参加として受付しました。',
};

export const disasterRoutes: ConsoleRoutes<DisasterConsole> = async (app, { deps: dz, clock, audit }) => {
  const coverOf = (c: Pick<DisasterCentre, 'sameDayCover'>): CoverContext => ({ disasterPlans: dz.disasterPlans, sameDayCover: c.sameDayCover });

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '見つかりません', message: 'このセンターや活動日はないか、削除されています。', action: { href: '/console/disaster', label: '災害ボランティアセンターの一覧に戻る' } }, 404);

  const refused = (request: FastifyRequest, reply: FastifyReply, back: string, message: string, status = 409) =>
    sendPage(request, reply, 'error', '操作できませんでした', { heading: '操作できませんでした', message, action: { href: back, label: '元の画面に戻る' } }, status);

  const centreHref = (id: string) => `/console/disaster/centres/${encodeURIComponent(id)}`;
  const dayHref = (id: string) => `/console/disaster/days/${encodeURIComponent(id)}`;
  const viewAudit = (request: FastifyRequest, action: 'disaster.pool.view' | 'disaster.pool.export' | 'disaster.day.view' | 'disaster.reception.view' | 'disaster.dayList.view', subjectType: string, subjectId: string, detail: Record<string, unknown>) =>
    audit.record({ staffId: currentSession(request).staff.id, action, subjectType, subjectId, detail, ip: request.ip, at: clock.now() });

  // ---- Centres ----

  /** How many centres (real ones, and drills) one page of the list shows. */
  const CENTRE_PAGE_SIZE = 50;
  /** How many of a centre's pool members (登録者) one page shows. */
  const POOL_PAGE_SIZE = 50;

  app.get('/console/disaster', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    // Real centres and drills are paged apart: `page` and `drillPage`, each link keeping the other's.
    const query = request.query as Record<string, unknown>;
    const asked = { real: parsePageNumber(query), drill: parsePageNumber(query, 'drillPage') };
    const hrefOf = (real: number, drill: number) => listHref('/console/disaster', { drillPage: drill > 1 ? String(drill) : '' }, real);
    const group = async (drill: boolean) => {
      const [{ rows: centres, pager }, totals] = await Promise.all([
        readPage(drill ? asked.drill : asked.real, CENTRE_PAGE_SIZE, (page) => dz.admin.centres(drill, page), (n) => (drill ? hrefOf(asked.real, n) : hrefOf(n, asked.drill))),
        dz.admin.centreTotals(drill),
      ]);
      const rows = centres.map((c) => ({ href: centreHref(c.id), title: centreTitle(c), status: statusText(c.status), openedOn: jaLongDate(c.openedOn), districts: c.districts.map((d) => nameOf(d, dz.districts)).join('、'), members: c.members, people: c.people, days: c.days }));
      return { heading: drill ? '訓練' : '実際の災害', drill, rows, pager, totals: { centres: pager.total, ...totals } };
    };
    const [running, real, drills] = await Promise.all([dz.admin.running(), group(false), group(true)]);
    return sendPage(request, reply, 'disasterCentres', '災害ボランティアセンター', {
      running: running ? { href: centreHref(running.id), title: centreTitle(running), status: statusText(running.status), drill: running.drill } : null,
      reportsHref: mayOpen(request, '/console/disaster/reports') ? '/console/disaster/reports' : null,
      groups: [real, drills],
    });
  });

  const centreForm = (error: string | null, values: { name: string; openedOn: string; kind: string; districts: string[] }) => ({ error, values, districts: dz.districts });

  app.get('/console/disaster/new', { config: { permission: 'disaster.manage' } }, async (request, reply) =>
    sendPage(request, reply, 'disasterCentreForm', 'センターを登録する', centreForm(null, { name: '', openedOn: jstDate(clock.now()), kind: '', districts: [] })),
  );

  app.post('/console/disaster', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseCentreForm(body, dz.districts);
    if (!parsed.ok) {
      const districts = Array.isArray(body.districts) ? body.districts.map(String) : typeof body.districts === 'string' ? [body.districts] : [];
      return sendPage(request, reply, 'disasterCentreForm', 'センターを登録する', centreForm(parsed.error, { name: one(body.name), openedOn: one(body.openedOn), kind: one(body.kind), districts }), 400);
    }
    const id = await createCentre(dz.useCases, parsed.value, staffAct(request, clock.now()));
    return reply.redirect(`${centreHref(id)}?done=created`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string; menu?: string } }>('/console/disaster/centres/:id', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const c = await dz.admin.centre(request.params.id);
    if (!c) return notFound(request, reply);
    const done = request.query.done;
    return sendPage(request, reply, 'disasterCentre', centreTitle(c), {
      id: c.id,
      heading: centreTitle(c),
      drill: c.drill,
      statusLabel: statusText(c.status),
      from: c.status,
      status: typeof done === 'string' ? (CENTRE_DONE[done] ?? null) : null,
      facts: [
        { label: '状態', value: statusText(c.status) },
        { label: '種類', value: c.drill ? '訓練(LINEのお知らせには【訓練】とつきます)' : '実際の災害' },
        { label: '開設日', value: jaLongDate(c.openedOn) },
        { label: '被災した地区', value: c.districts.map((d) => nameOf(d, dz.districts)).join('、') },
        { label: '登録者', value: `${c.members}件(${c.people}人)` },
        { label: '活動日', value: `${c.days}日` },
        { label: '大規模災害特例', value: c.sameDayCover ? 'あり(保険は加入した日から)' : 'なし(保険は加入した翌日から)' },
        { label: '当日参加', value: c.walkIns ? '受け付ける' : '受け付けない' },
      ],
      moves: centreMoves(c.status),
      closed: c.status === 'closed',
      sameDayCover: c.sameDayCover,
      walkIns: c.walkIns,
      menuFailed: request.query.menu === 'failed',
      overdue: overdueRows(await dz.fieldSafety.overdue(c.id)),
      links: [
        { href: `${centreHref(c.id)}/pool`, label: '登録者(ボランティアの一覧)' },
        { href: `${centreHref(c.id)}/days`, label: '活動日・抽選' },
        { href: `${centreHref(c.id)}/needs`, label: 'ニーズ(受付・トリアージ)' },
        { href: `/console/disaster/teams?centre=${encodeURIComponent(c.id)}`, label: '今日の班(派遣中・帰着)' },
        { href: `${centreHref(c.id)}/equipment`, label: '資機材(スコップ・一輪車など)' },
        { href: `/console/disaster/figures?centre=${encodeURIComponent(c.id)}`, label: '日報(その日の数字・CSV・状況のお知らせ)' },
        { href: `/console/disaster/urgent?centre=${encodeURIComponent(c.id)}`, label: '一斉緊急連絡(派遣中の全員へ)' },
      ],
    });
  });

  app.post<{ Params: { id: string } }>('/console/disaster/centres/:id/status', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = centreHref(request.params.id);
    const statuses = ['preparing', 'open', 'paused', 'closed'];
    const from = one(body.from);
    const to = one(body.to);
    if (!statuses.includes(from) || !statuses.includes(to)) return refused(request, reply, back, '操作を確かめてください。', 400);
    const outcome = await moveCentre(dz.useCases, request.params.id, from as CentreStatus, to as CentreStatus, one(body.confirm) === 'on', staffAct(request, clock.now()));
    if (outcome.ok) {
      if (outcome.menuError) request.log.error({ centreId: request.params.id, menu: outcome.menu, err: outcome.menuError }, 'disaster centre: the LINE menu could not be switched');
      return reply.redirect(`${back}?done=${to}${outcome.menuError ? '&menu=failed' : ''}`, 303);
    }
    switch (outcome.refused) {
      case 'unknown':
        return notFound(request, reply);
      case 'notConfirmed':
        return refused(request, reply, back, '終了するには、「終了すると元に戻せません」にチェックを入れてから、もう一度押してください。', 400);
      case 'anotherRunning':
        return refused(request, reply, back, `ほかのセンター(${outcome.running})が開設中か受付停止中です。開設できるセンターは一度に1つです。先にそちらを終了してください。`);
      case 'notAllowed':
      case 'movedMeanwhile':
        return refused(request, reply, back, 'この状態からは、その操作はできません(ほかの職員が先に状態を変えた可能性があります)。画面を開き直してください。');
    }
  });

  app.post<{ Params: { id: string } }>('/console/disaster/centres/:id/options', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await setCentreOptions(dz.useCases, request.params.id, { sameDayCover: one(body.sameDayCover) === 'on', walkIns: one(body.walkIns) === 'on' }, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${centreHref(request.params.id)}?done=options`, 303);
    if (outcome.refused === 'unknown') return notFound(request, reply);
    return refused(request, reply, centreHref(request.params.id), '終了したセンターの設定は変えられません。');
  });

  // Tries the LINE menu switch again after LINE refused it: the menu the centres' statuses call for now.
  app.post<{ Params: { id: string } }>('/console/disaster/centres/:id/menu', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const c = await dz.admin.centre(request.params.id);
    if (!c) return notFound(request, reply);
    const menu = (await dz.admin.running()) ? 'disaster' : 'main';
    const error = await switchMenu(dz.useCases, menu);
    if (error) request.log.error({ centreId: c.id, menu, err: error }, 'disaster centre: the LINE menu could not be switched');
    return reply.redirect(`${centreHref(c.id)}?${error ? 'menu=failed' : 'done=menu'}`, 303);
  });

  // ---- The pool ----

  const loadPool = async (request: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>) => {
    const c = await dz.admin.centre(request.params.id);
    if (!c) return null;
    const today = jstDate(clock.now());
    const filter = poolFilter(request.query, dz.skills);
    const all = await dz.admin.members(c.id);
    return { c, today, filter, all, shown: filterPool(all, filter, today, coverOf(c)) };
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/console/disaster/centres/:id/pool', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const p = await loadPool(request);
    if (!p) return notFound(request, reply);
    const { c, today, filter, all, shown } = p;
    const poolAll = poolRows(shown, today, dz.skills, coverOf(c));
    // The filter runs on the centre's members in memory (insurance by today's date); the page shows 50 of its rows.
    const { page, pages, offset } = pageAt(poolAll.length, POOL_PAGE_SIZE, parsePageNumber(request.query));
    const rows = poolAll.slice(offset, offset + POOL_PAGE_SIZE);
    // Names, phones and insurance: every opening is audited.
    await viewAudit(request, 'disaster.pool.view', 'disasterCentre', c.id, { shown: shown.length, ...(page > 1 ? { page } : {}), drill: c.drill });
    const pager = pagerOf({ total: poolAll.length, page, pages, size: POOL_PAGE_SIZE, shown: rows.length, hrefOf: (n) => listHref(`${centreHref(c.id)}/pool`, { ...filter }, n) });
    return sendPage(request, reply, 'disasterPool', `登録者:${centreTitle(c)}`, {
      id: c.id,
      heading: centreTitle(c),
      drill: c.drill,
      today: jaDay(today),
      total: all.length,
      shown: shown.length,
      uninsured: poolAll.filter((r) => r.uninsured).length,
      filter,
      skills: dz.skills,
      rows,
      pager,
      csvHref: `${centreHref(c.id)}/pool.csv${filterQuery(filter)}`,
      backHref: centreHref(c.id),
    });
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/console/disaster/centres/:id/pool.csv', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const p = await loadPool(request);
    if (!p) return notFound(request, reply);
    await viewAudit(request, 'disaster.pool.export', 'disasterCentre', p.c.id, { rows: p.shown.length, drill: p.c.drill });
    return sendCsv(reply, poolCsv(p.shown, p.today, dz.skills, { ...coverOf(p.c), drill: p.c.drill }), poolCsvName(p.c, p.today), p.c.drill ? 'drill-pool.csv' : 'pool.csv');
  });

  // ---- Activity dates ----

  const dayForm = (action: string, error: string | null, values: Record<string, string>, day?: Pick<DaySummary, 'drawnAt' | 'date'>): DayFormView => ({
    action,
    error,
    values,
    skills: dz.skills,
    editing: Boolean(day),
    drawn: Boolean(day?.drawnAt),
    defaultReconfirm: day ? jaDateTime(defaultReconfirmBy(day.date)) : '活動日の前日 18:00',
    quietHours: `${dz.quietHours.start}〜${dz.quietHours.end}`,
  });

  const daysPage = async (request: FastifyRequest, reply: FastifyReply, centreId: string, form: { error: string | null; values: Record<string, string> } | null, code = 200) => {
    const c = await dz.admin.centre(centreId);
    if (!c) return notFound(request, reply);
    const now = clock.now();
    const days = await dz.admin.days(c.id);
    const usage = await dz.admin.usage(jstMonthStart(now), jstMonthStart(now, 1));
    const remaining = Math.max(0, dz.monthlyPushBudget - usage.used - usage.scheduled);
    const overruns = await dz.admin.overruns(c.id);
    const dateOf = (dayId: string) => days.find((d) => d.id === dayId)?.date;
    const status = typeof (request.query as { done?: string }).done === 'string' ? (DAY_DONE[(request.query as { done: string }).done] ?? null) : null;
    return sendPage(
      request,
      reply,
      'disasterDays',
      `活動日:${centreTitle(c)}`,
      {
        id: c.id,
        heading: centreTitle(c),
        drill: c.drill,
        closed: c.status === 'closed',
        status,
        rows: days.map((d) => ({
          href: dayHref(d.id),
          date: jaDay(d.date),
          capacity: d.capacity,
          applied: d.counts.applied,
          chosen: d.counts.chosen,
          reconfirmed: d.counts.reconfirmed,
          waitlisted: d.counts.waitlisted,
          released: d.counts.released,
          checkedIn: d.counts.checkedIn,
          draw: d.drawnAt ? `済み(${jaDateTime(d.drawnAt)})` : `${jaDateTime(d.closesAt)}に抽選`,
          // Before the draw: one notice per applicant so far.
          notices: d.drawnAt ? '—' : `${d.counts.pending}通の見込み`,
          overBudget: !d.drawnAt && d.counts.pending > remaining,
        })),
        usage: { month: `${Number(jstDate(now).slice(5, 7))}月`, used: usage.used, scheduled: usage.scheduled, budget: dz.monthlyPushBudget, remaining },
        overruns: overruns.map((o) => ({ date: jaDay(dateOf(o.dayId) ?? ''), at: jaDateTime(o.at), what: o.reason === 'draw' ? '抽選の結果' : '繰り上げ', cost: o.cost, remaining: o.remaining })),
        form: dayForm(`${centreHref(c.id)}/days`, form?.error ?? null, form?.values ?? { backfillHours: '3', localsFirst: 'on' }),
        backHref: centreHref(c.id),
      },
      code,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/console/disaster/centres/:id/days', { config: { permission: 'disaster.manage' } }, async (request, reply) => daysPage(request, reply, request.params.id, null));

  app.post<{ Params: { id: string } }>('/console/disaster/centres/:id/days', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const outcome = await addDay(dz.useCases, request.params.id, parseDayForm(body, dz.skills), staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${dayHref(outcome.id)}?done=created`, 303);
    switch (outcome.refused) {
      case 'unknownCentre':
        return notFound(request, reply);
      case 'closed':
        return refused(request, reply, centreHref(request.params.id), '終了したセンターには活動日を足せません。');
      case 'invalid':
        return daysPage(request, reply, request.params.id, { error: outcome.error, values: body }, 400);
      case 'dateTaken':
        return daysPage(request, reply, request.params.id, { error: 'この日の活動日は、もう登録されています', values: body }, 409);
      default:
        return daysPage(request, reply, request.params.id, { error: DAY_PROBLEMS[outcome.refused], values: body }, 400);
    }
  });

  const daySafetyOf = async (dayId: string) => {
    const s = await dz.fieldSafety.daySafety(dayId);
    return s ? daySafetyView(`${dayHref(dayId)}/safety`, s, dz.heatReminderMinutes) : null;
  };

  const dayPage = async (request: FastifyRequest, reply: FastifyReply, dayId: string, form: { error: string | null; values: Record<string, string> } | null, code = 200) => {
    const d = await dz.admin.day(dayId);
    if (!d) return notFound(request, reply);
    const apps = await dz.admin.applications(d.id);
    await viewAudit(request, 'disaster.day.view', 'activityDay', d.id, { applications: apps.length, drill: d.centre.drill });
    const drawnOrder = apps.filter((a) => a.position !== null).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    // Those the draw itself chose were offered their place at the moment of the draw (later offers are backfills).
    const chosenCount = d.drawnAt ? drawnOrder.filter((a) => a.offeredAt?.getTime() === d.drawnAt?.getTime()).length : 0;
    const status = typeof (request.query as { done?: string }).done === 'string' ? (DAY_DONE[(request.query as { done: string }).done] ?? null) : null;
    const p = d.priorities;
    return sendPage(
      request,
      reply,
      'disasterDay',
      `${jaDay(d.date)}:${centreTitle(d.centre)}`,
      {
        id: d.id,
        heading: `${jaDay(d.date)}の活動(${centreTitle(d.centre)})`,
        drill: d.centre.drill,
        status,
        facts: [
          { label: '定員', value: `${d.capacity}件(個人は1人、グループは1組で1件)` },
          { label: '申し込みの受付', value: `${jaDateTime(d.opensAt)}〜${jaDateTime(d.closesAt)}(締切に自動で抽選)` },
          { label: '再確認の期限', value: jaDateTime(d.reconfirmBy) },
          { label: '繰り上げの返事を待つ時間', value: `${d.backfillHours}時間` },
          { label: '優先', value: [p.localsFirst ? '地元の人を先に' : '地元・地域外の区別なし', ...p.skillPlaces.map((s) => `${nameOf(s.skill, dz.skills)}の人に${s.places}件`)].join('、') },
          { label: '受付の番号', value: d.checkInCode },
        ],
        counts: [
          { label: '定員', value: d.capacity },
          { label: '申込', value: d.counts.applied },
          { label: '当選(再確認待ち)', value: d.counts.chosen },
          { label: '参加確定', value: d.counts.reconfirmed },
          { label: 'キャンセル待ち', value: d.counts.waitlisted },
          { label: '辞退・期限切れ', value: d.counts.released },
          { label: '当日参加', value: d.counts.walkIns },
          { label: '受付済み', value: d.counts.checkedIn },
        ],
        draw:
          d.drawnAt && d.drawSeed
            ? {
                seed: d.drawSeed,
                at: jaDateTime(d.drawnAt),
                order: drawnOrder.map((a) => ({
                  position: a.position ?? 0,
                  name: memberName(a.member),
                  origin: ORIGIN_LABELS[a.member.origin],
                  skills: a.member.skills.map((s) => nameOf(s, dz.skills)).join('、') || '—',
                  result: (a.position ?? 0) <= chosenCount ? '当選' : `キャンセル待ち${(a.position ?? 0) - chosenCount}番`,
                  status: APPLICATION_LABELS[a.status],
                })),
              }
            : null,
        pending: apps.filter((a) => a.status === 'applied').map((a) => ({ name: memberName(a.member), at: jaDateTime(a.appliedAt) })),
        form: d.centre.status === 'closed' ? null : dayForm(dayHref(d.id), form?.error ?? null, form?.values ?? dayFormValues(d), d),
        safety: d.centre.status === 'closed' ? null : await daySafetyOf(d.id),
        links: [
          { href: `${dayHref(d.id)}/poster`, label: '受付のポスター(QRコード)を印刷する' },
          { href: `${dayHref(d.id)}/reception`, label: '受付の画面を開く' },
          { href: `${dayHref(d.id)}/list`, label: '当日の名簿を印刷する' },
        ],
        backHref: `${centreHref(d.centre.id)}/days`,
      },
      code,
    );
  };

  app.get<{ Params: { dayId: string }; Querystring: { done?: string } }>('/console/disaster/days/:dayId', { config: { permission: 'disaster.manage' } }, async (request, reply) => dayPage(request, reply, request.params.dayId, null));

  app.post<{ Params: { dayId: string } }>('/console/disaster/days/:dayId', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const d = await dz.admin.day(request.params.dayId);
    if (!d) return notFound(request, reply);
    if (d.centre.status === 'closed') return refused(request, reply, dayHref(d.id), '終了したセンターの活動日は変えられません。');
    const body = (request.body ?? {}) as Record<string, string>;
    // After the draw the form posts only capacity and backfill hours; the rest is taken as it was.
    const posted = d.drawnAt ? { ...dayFormValues(d), capacity: body.capacity ?? '', backfillHours: body.backfillHours ?? '' } : body;
    const outcome = await editDay(dz.useCases, { ...d, drill: d.centre.drill }, parseDayForm(posted, dz.skills, d.date), staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${dayHref(d.id)}?done=updated`, 303);
    switch (outcome.refused) {
      case 'invalid':
        return dayPage(request, reply, d.id, { error: outcome.error, values: { ...posted, date: d.date } }, 400);
      case 'drawnMeanwhile':
        return refused(request, reply, dayHref(d.id), '抽選が済んだため、変更できませんでした。抽選のあとは、定員と繰り上げの時間だけ変えられます。画面を開き直してください。');
      default:
        return dayPage(request, reply, d.id, { error: DAY_PROBLEMS[outcome.refused], values: { ...posted, date: d.date } }, 400);
    }
  });

  // ---- Reception ----

  app.get<{ Params: { dayId: string } }>('/console/disaster/days/:dayId/poster', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const d = await dz.admin.day(request.params.dayId);
    if (!d) return notFound(request, reply);
    const link = checkInLink(dz.lineBasicId, d.checkInCode);
    const qrSvg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return sendPage(request, reply, 'disasterPoster', `受付のポスター ${jaDay(d.date)}`, { centre: centreTitle(d.centre), drill: d.centre.drill, date: jaDay(d.date), code: d.checkInCode, link, qrSvg, backHref: dayHref(d.id) });
  });

  const receptionRow = (a: ApplicationEntry, date: string, cover: CoverContext, running: boolean): ReceptionRow => ({
    id: a.id,
    name: memberName(a.member),
    kind: kindText(a.member),
    status: APPLICATION_LABELS[a.status],
    flags: receptionFlags(a, date, cover),
    arrived: a.checkedInAt ? jaDateTime(a.checkedInAt) : null,
    by: a.checkedInBy === 'desk' ? '窓口' : a.checkedInBy === 'line' ? 'LINE' : a.checkedInBy,
    canCheckIn: running && !a.checkedInAt && (a.status === 'chosen' || a.status === 'reconfirmed'),
  });

  const receptionData = (apps: readonly ApplicationEntry[], date: string, cover: CoverContext, running: boolean): ReceptionData => {
    const expected = apps.filter((a) => a.status === 'chosen' || a.status === 'reconfirmed');
    const walkIns = apps.filter((a) => a.status === 'walkIn');
    const arrived = expected.filter((a) => a.checkedInAt).length;
    return {
      counts: { expected: expected.length, arrived, missing: expected.length - arrived, walkIns: walkIns.length },
      expected: expected.map((a) => receptionRow(a, date, cover, running)),
      walkIns: walkIns.map((a) => receptionRow(a, date, cover, running)),
    };
  };

  app.get<{ Params: { dayId: string }; Querystring: { q?: string; done?: string } }>('/console/disaster/days/:dayId/reception', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const d = await dz.admin.day(request.params.dayId);
    if (!d) return notFound(request, reply);
    const apps = await dz.admin.applications(d.id);
    await viewAudit(request, 'disaster.reception.view', 'activityDay', d.id, { applications: apps.length, drill: d.centre.drill });
    const cover = coverOf(d.centre);
    const running = isRunning(d.centre.status);
    const q = one(request.query.q).slice(0, 50);
    const found = q && d.centre.walkIns ? await dz.admin.findMembers(d.centre.id, d.id, q) : [];
    const others = apps.filter((a) => !['chosen', 'reconfirmed', 'walkIn'].includes(a.status) && a.checkedInAt);
    const done = request.query.done;
    return sendPage(request, reply, 'disasterReception', `受付 ${jaDay(d.date)}`, {
      id: d.id,
      heading: `受付 ${jaDay(d.date)}(${centreTitle(d.centre)})`,
      drill: d.centre.drill,
      date: jaDay(d.date),
      status: typeof done === 'string' ? (CHECK_IN_DONE[done] ?? null) : null,
      walkInsAllowed: d.centre.walkIns,
      running,
      q,
      found: found.map((m) => {
        const a = apps.find((x) => x.member.id === m.id);
        return { id: m.id, name: memberName(m), kind: kindText(m), application: a ? APPLICATION_LABELS[a.status] : null, applicationId: a?.id ?? null, flags: receptionFlags({ status: 'walkIn', member: m }, d.date, cover) };
      }),
      others: others.map((a) => receptionRow(a, d.date, cover, running)),
      ...receptionData(apps, d.date, cover, running),
      listHref: `${dayHref(d.id)}/list`,
      posterHref: `${dayHref(d.id)}/poster`,
      backHref: dayHref(d.id),
    });
  });

  // Polled by the reception page's script: the lists as they are now.
  app.get<{ Params: { dayId: string } }>('/console/disaster/days/:dayId/reception/rows', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const d = await dz.admin.day(request.params.dayId);
    if (!d) return reply.code(404).send({ error: 'not found' });
    return receptionData(await dz.admin.applications(d.id), d.date, coverOf(d.centre), isRunning(d.centre.status));
  });

  app.post<{ Params: { dayId: string } }>('/console/disaster/days/:dayId/check-in', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const d = await dz.admin.day(request.params.dayId);
    if (!d) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = `${dayHref(d.id)}/reception`;
    const applicationId = one(body.applicationId);
    const memberId = one(body.memberId);
    const current = applicationId ? (await dz.admin.applications(d.id)).find((a) => a.id === applicationId) : undefined;
    const who = applicationId ? { applicationId, current: current ? { status: current.status, checkedIn: current.checkedInAt !== null } : null } : memberId ? { memberId } : null;
    if (!who) return refused(request, reply, back, '受付する人を選んでください。', 400);
    const outcome = await checkInAtDesk(dz.useCases, d, who, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${back}?done=${outcome.walkIn ? 'walkIn' : 'in'}`, 303);
    switch (outcome.refused) {
      case 'unknown':
        return notFound(request, reply);
      case 'alreadyIn':
        return refused(request, reply, back, 'この人は、もう受付が済んでいます。');
      case 'noWalkIns':
        return refused(request, reply, back, 'このセンターは当日参加を受け付けていません(センターの画面で切り替えられます)。参加が決まっている人だけ受付できます。');
      case 'centreNotRunning':
        return refused(request, reply, back, 'センターが開設中でないため、受付できません。');
      case 'changedMeanwhile':
        return refused(request, reply, back, 'ほかの職員やLINEからの操作で状態が変わったため、受付できませんでした。画面を開き直してください。');
    }
  });

  app.get<{ Params: { dayId: string } }>('/console/disaster/days/:dayId/list', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const d = await dz.admin.day(request.params.dayId);
    if (!d) return notFound(request, reply);
    const apps = (await dz.admin.applications(d.id)).filter((a) => a.status === 'chosen' || a.status === 'reconfirmed' || a.status === 'walkIn');
    await viewAudit(request, 'disaster.dayList.view', 'activityDay', d.id, { rows: apps.length, drill: d.centre.drill });
    const cover = coverOf(d.centre);
    return sendPage(request, reply, 'disasterDayList', `当日の名簿 ${jaDay(d.date)}`, {
      heading: `当日の名簿 ${jaDay(d.date)}(${centreTitle(d.centre)})`,
      drill: d.centre.drill,
      date: jaDay(d.date),
      rows: apps.map((a, i) => ({
        number: i + 1,
        name: memberName(a.member),
        kind: kindText(a.member),
        phone: csvPhone(a.member.phone),
        emergencyContact: a.member.emergencyContact ?? '',
        status: APPLICATION_LABELS[a.status],
        flags: [coverText(a.member, dz.disasterPlans), ...receptionFlags(a, d.date, cover)].join('・'),
        arrived: a.checkedInAt ? jaDateTime(a.checkedInAt) : '',
      })),
      backHref: `${dayHref(d.id)}/reception`,
    });
  });
};
