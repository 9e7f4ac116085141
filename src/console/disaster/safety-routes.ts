import type { TextsByLanguage } from '../../domain/language';
/**
 * Safety in the field and the daily figures in the console (coordinators, 'disaster.manage'): the day's safety
 * settings (posted from the activity day's page), the centre-wide urgent notice to every dispatched volunteer,
 * and the figures page (big numbers, teams not back at the top, a date picker, 訓練 labelled), its CSV (a row
 * per date from the opening) and the one-tap public summary (a preview, then 送信).
 */
import { MORE_LANGUAGES, moreField, readMoreLanguages } from '../shared/language-texts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BroadcastContent } from '../../domain/broadcast';
import type { DisasterAdmin } from '../../domain/disaster/admin';
import { isRunning, DRILL_MARK } from '../../domain/disaster/centre';
import { dailyFigures, type DailyFigures } from '../../domain/disaster/daily-figures';
import type { DailyFiguresSource } from '../../domain/disaster/daily-figures-source';
import type { FieldSafetyRepository } from '../../domain/disaster/field-safety-store';
import { DAY_MS, jstDate, jstMidnightOf } from '../../domain/japan-time';
import { announceFigures } from '../../usecases/disaster/announce-figures';
import type { BroadcastDeps } from '../../usecases/broadcasts/broadcast-deps';
import { URGENT_KINDS, type FieldSafetyDeps, type UrgentKind } from '../../usecases/disaster/field-safety-deps';
import { sendUrgentNotice, urgentRecipients } from '../../usecases/disaster/send-urgent-notice';
import { setDaySafety } from '../../usecases/disaster/set-day-safety';
import type { SummaryFacts } from '../../bot/disaster/figures-summary';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, staffAct } from '../console-guard';
import { sendPage } from '../render';
import { sendCsv } from '../shared/csv';
import { one } from '../shared/form-fields';
import { jaDay } from '../shared/ja-dates';
import { figureCells, figuresCsv, overdueRows, urgentKinds, type FiguresView } from './safety-views';

/** What these pages need. */
export interface SafetyConsole {
  admin: Pick<DisasterAdmin, 'centre' | 'running'>;
  reads: Pick<FieldSafetyRepository, 'overdue'>;
  useCases: FieldSafetyDeps;
  figures: DailyFiguresSource;
  broadcasts: BroadcastDeps;
  /** The public summary worded in every language. */
  summary(facts: SummaryFacts): BroadcastContent;
  /** Each urgent kind's template in every language. */
  templates(kind: UrgentKind): TextsByLanguage;
  staleHours: number;
  /** The profile's "what to bring". */
  bring: string | null;
}

const SAFETY_PROBLEMS: Readonly<Record<string, string>> = {
  heatLevel: '暑さの段階を選び直してください。',
  minutes: '休憩の間隔は、10分から120分までの数字で入力してください(空欄なら暑さの段階の標準)。',
  note: '注意事項は500文字までにしてください。',
  closed: '終了したセンターの活動日は変えられません。',
};

const URGENT_PROBLEMS: Readonly<Record<string, string>> = {
  textMissing: '日本語の本文を入力してください。',
  nobodyOut: 'いま派遣中の班がないため、送る相手がいません。',
  notRunning: 'このセンターは開設中ではありません。',
  kind: '種類(余震・避難・気象・その他)を選んでください。',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const safetyRoutes: ConsoleRoutes<SafetyConsole> = async (app, { deps: s, clock, audit }) => {
  const dayHref = (id: string) => `/console/disaster/days/${encodeURIComponent(id)}`;
  const figuresHref = (centreId: string, date?: string) => `/console/disaster/figures?centre=${encodeURIComponent(centreId)}${date ? `&date=${date}` : ''}`;
  const notFound = (request: FastifyRequest, reply: FastifyReply, message = 'このセンターや活動日はないか、削除されています。') =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '見つかりません', message, action: { href: '/console/disaster', label: '災害ボランティアセンターの一覧に戻る' } }, 404);

  /** The centre asked for, or the one running (only one runs at a time). */
  const centreOf = async (id: string | undefined) => {
    if (id) return s.admin.centre(id);
    return s.admin.running();
  };

  // ---- The day's safety settings ----
  app.post<{ Params: { dayId: string } }>('/console/disaster/days/:dayId/safety', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = { heatLevel: one(body.heatLevel), reminderMinutes: one(body.reminderMinutes), safetyNote: one(body.safetyNote) };
    const outcome = await setDaySafety(s.useCases.work, request.params.dayId, input, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${dayHref(request.params.dayId)}?done=safety#safety-heading`, 303);
    if (outcome.refused === 'unknown') return notFound(request, reply);
    return sendPage(request, reply, 'error', '保存できませんでした', { heading: '保存できませんでした', message: SAFETY_PROBLEMS[outcome.refused] ?? '入力を確かめてください。', action: { href: dayHref(request.params.dayId), label: '活動日の画面に戻る' } }, 400);
  });

  // ---- The centre-wide urgent notice ----
  /** The most characters of an urgent notice's text in one of the more languages (a LINE text holds 5,000). */
  const URGENT_TEXT_MAX = 1000;
  const urgentPage = async (request: FastifyRequest, reply: FastifyReply, centreId: string | undefined, o: { error?: string | null; status?: string | null; values?: Record<string, string> & { kind: string } } = {}, code = 200) => {
    const c = await centreOf(centreId);
    const values = o.values ?? { kind: '', ja: '', easy: '', en: '' };
    return sendPage(
      request,
      reply,
      'disasterUrgent',
      '一斉緊急連絡',
      {
        heading: c ? `一斉緊急連絡(${c.drill ? `${DRILL_MARK}` : ''}${c.name})` : '一斉緊急連絡',
        drill: c?.drill ?? false,
        centreId: c && isRunning(c.status) ? c.id : null,
        recipients: c && isRunning(c.status) ? await urgentRecipients(s.useCases, c.id) : 0,
        error: o.error ?? null,
        status: o.status ?? null,
        kinds: urgentKinds(values.kind, (k) => s.templates(k).ja),
        values,
        backHref: c ? `/console/disaster/centres/${encodeURIComponent(c.id)}` : '/console/disaster',
      },
      code,
    );
  };

  app.get<{ Querystring: { centre?: string; sent?: string } }>('/console/disaster/urgent', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const sent = request.query.sent;
    return urgentPage(request, reply, request.query.centre, { status: sent && /^\d+$/.test(sent) ? `${sent}人に緊急連絡を送りました(夜間でも届きます)。` : null });
  });

  app.post('/console/disaster/urgent', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { kind: one(body.kind), ja: one(body.ja), easy: one(body.easy), en: one(body.en), ...Object.fromEntries(MORE_LANGUAGES.map((l) => [moreField('text', l), one(body[moreField('text', l)])])) };
    const centreId = one(body.centre);
    if (!(URGENT_KINDS as readonly string[]).includes(values.kind)) return urgentPage(request, reply, centreId, { error: URGENT_PROBLEMS.kind!, values }, 400);
    const more = readMoreLanguages(values, 'text', URGENT_TEXT_MAX, '本文');
    if (!more.ok) return urgentPage(request, reply, centreId, { error: more.error, values }, 400);
    const text = { ja: values.ja.trim(), ...(values.easy.trim() ? { 'ja-x-easy': values.easy.trim() } : {}), ...(values.en.trim() ? { en: values.en.trim() } : {}), ...more.texts };
    const outcome = await sendUrgentNotice(s.useCases, centreId, values.kind as UrgentKind, text, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`/console/disaster/urgent?centre=${encodeURIComponent(centreId)}&sent=${outcome.sent}`, 303);
    return urgentPage(request, reply, centreId, { error: URGENT_PROBLEMS[outcome.refused]!, values }, outcome.refused === 'notRunning' ? 409 : 400);
  });

  // ---- The daily figures ----
  /** The figures of every date from the opening to `date` (one read), the last being `date`'s. */
  const figuresUpTo = async (c: { id: string; drill: boolean; openedOn: string }, date: string, allDays: boolean): Promise<DailyFigures[]> => {
    const end = new Date(jstMidnightOf(date) + DAY_MS);
    const dates: string[] = [];
    if (allDays) for (let t = jstMidnightOf(c.openedOn); t <= jstMidnightOf(date); t += DAY_MS) dates.push(jstDate(t));
    else dates.push(date);
    const rows = await s.figures.rows(c.id, c.drill, end, dates);
    const now = clock.now();
    return dates.map((d) => dailyFigures(rows, { date: d, drill: c.drill, now, staleHours: s.staleHours }));
  };

  const figuresPage = async (request: FastifyRequest, reply: FastifyReply, q: { centre?: string; date?: string; done?: string }, announce: FiguresView['announce'] = null, code = 200) => {
    const c = await centreOf(q.centre);
    if (!c) return notFound(request, reply, 'センターが見つかりません。センターの画面から開いてください。');
    const today = jstDate(clock.now());
    const date = q.date && DATE.test(q.date) && q.date >= c.openedOn && q.date <= today ? q.date : today < c.openedOn ? c.openedOn : today;
    const [f] = await figuresUpTo(c, date, false);
    const cells = figureCells(f!);
    await audit.record({ staffId: currentSession(request).staff.id, action: 'disaster.figures.view', subjectType: 'disasterCentre', subjectId: c.id, detail: { date, drill: c.drill }, ip: request.ip, at: clock.now() });
    return sendPage(
      request,
      reply,
      'disasterFigures',
      `日報:${c.name}`,
      {
        heading: `${c.drill ? '【訓練】' : ''}${c.name}の数字`,
        drill: c.drill,
        centreId: c.id,
        date,
        dateLabel: jaDay(date),
        status: q.done === 'announced' ? '状況のお知らせを配信に予約しました(すぐに送られます)。' : null,
        overdue: overdueRows(await s.reads.overdue(c.id)),
        big: [
          { label: '受付したボランティア', value: `${f!.volunteers.today}人` },
          { label: '派遣した班', value: `${f!.teamsSent.today}班` },
          { label: '完了したニーズ(この日)', value: `${f!.needs.doneToday}件` },
          { label: '待っているニーズ', value: `${f!.needs.waiting}件` },
        ],
        rows: cells.map(([label, value]) => ({ label, value: value || '—' })),
        csvHref: `/console/disaster/figures.csv?centre=${encodeURIComponent(c.id)}&date=${date}`,
        announce,
        mayAnnounce: isRunning(c.status) && date === today,
        backHref: `/console/disaster/centres/${encodeURIComponent(c.id)}`,
      },
      code,
    );
  };

  app.get<{ Querystring: { centre?: string; date?: string; done?: string } }>('/console/disaster/figures', { config: { permission: 'disaster.manage' } }, async (request, reply) => figuresPage(request, reply, request.query));

  app.get<{ Querystring: { centre?: string; date?: string } }>('/console/disaster/figures.csv', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const c = await centreOf(request.query.centre);
    if (!c) return notFound(request, reply);
    const today = jstDate(clock.now());
    const date = request.query.date && DATE.test(request.query.date) && request.query.date >= c.openedOn && request.query.date <= today ? request.query.date : today;
    const days = await figuresUpTo(c, date, true);
    await audit.record({ staffId: currentSession(request).staff.id, action: 'disaster.figures.export', subjectType: 'disasterCentre', subjectId: c.id, detail: { date, days: days.length, drill: c.drill }, ip: request.ip, at: clock.now() });
    const safeName = c.name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim().slice(0, 60) || 'センター';
    return sendCsv(reply, figuresCsv(days), `${c.drill ? '訓練_' : ''}災害ボランティアセンター日報_${safeName}_${date.replace(/-/g, '')}.csv`, c.drill ? 'drill-figures.csv' : 'figures.csv');
  });

  app.post('/console/disaster/figures/announce', { config: { permission: 'disaster.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const c = await centreOf(one(body.centre) || undefined);
    if (!c) return notFound(request, reply);
    const today = jstDate(clock.now());
    const query = { centre: c.id, date: today };
    if (!isRunning(c.status)) return figuresPage(request, reply, query, { preview: '', override: false, error: '開設中のセンターだけが状況のお知らせを送れます。' }, 409);
    const [f] = await figuresUpTo(c, today, false);
    const summary = s.summary({ centreName: c.name, figures: f!, next: await s.figures.nextDay(c.id, today), bring: s.bring });
    const preview = `${c.drill ? DRILL_MARK : ''}${summary.ja}`;
    const role = currentSession(request).staff.role;
    if (one(body.confirm) !== 'send') return figuresPage(request, reply, query, { preview, override: role === 'admin', error: null });
    const outcome = await announceFigures(s.broadcasts, c, today, summary, { override: one(body.override) === 'on' }, { ...staffAct(request, clock.now()), role });
    if (outcome.ok) return reply.redirect(`${figuresHref(c.id, today)}&done=announced`, 303);
    const error = outcome.refused === 'overBudget' ? `今月の配信の上限をこえるため、送れませんでした(残り${outcome.verdict.remaining}通、必要${outcome.verdict.cost}通)。` : '時刻を確かめて、もう一度押してください。';
    return figuresPage(request, reply, query, { preview, override: role === 'admin', error }, 409);
  });
};
