/**
 * Council events (行事・講座) in the console: the list with places taken and the waitlist, creating and editing an
 * event (its day-before reminder follows), the registrant list with a CSV download for the day's reception,
 * cancelling a registration a resident phoned in (the first on the waitlist moves up and is told), and calling
 * the event off (everyone registered or waiting is told). Every view of registrants and every change is audited;
 * a change's audit row is written in the change's own transaction.
 */
import { LANGUAGES } from '../../domain/language';
import { savedTextCheck, type EasyJapaneseCheck } from '../shared/easy-japanese-summary';
import { LANGUAGE_NAMES } from '../shared/language-names';
import { listHref, parsePageNumber, readPage, type Pager } from '../shared/paging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventAdmin, EventSummary, EventText } from '../../domain/event-registration';
import { callOffEvent } from '../../usecases/events/call-off-event';
import { cancelEventRegistration } from '../../usecases/events/cancel-event-registration';
import { createEvent } from '../../usecases/events/create-event';
import { editEvent } from '../../usecases/events/edit-event';
import type { EventDeps } from '../../usecases/events/event-deps';
import { jstDate } from '../../domain/japan-time';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, staffAct } from '../console-guard';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';
import { csvPhone, sendCsv } from '../shared/csv';
import { csvFileName, registrantName, registrantsCsv, registrantStatus } from './event-csv';
import type { EventDefaults } from '../../domain/council-profile';
import { formValues, parseEventForm, withEventDefaults } from './event-form';

/** What the event pages need. */
export interface EventConsole {
  admin: EventAdmin;
  /** What a new event starts with, and how an empty end or deadline is filled (the council's settings). */
  defaults: EventDefaults;
  /** What the event use cases need (the pages' changes go through them). */
  useCases: EventDeps;
  /** The server's やさしい日本語 check, shown for the saved easy-Japanese texts (absent: not shown). */
  easyJapanese?: EasyJapaneseCheck;
}

/** How many events one page of the list shows. */
export const EVENT_PAGE_SIZE = 50;

export interface EventListView {
  rows: Array<{ href: string; title: string; when: string; place: string; capacity: number; registered: number; waitlisted: number; state: string; reminder: string }>;
  pager: Pager;
}

export interface EventFormView {
  heading: string;
  /** Where the form posts. */
  action: string;
  submitLabel: string;
  cancelHref: string;
  /** What saving changes for residents (shown above the button when editing). */
  note: string | null;
  /** How an end or a deadline left empty is filled. */
  defaultsNote: string;
  error: string | null;
  values: Record<string, string>;
}

export interface EventDetailView {
  id: string;
  heading: string;
  status: string | null;
  facts: Array<{ label: string; value: string }>;
  descriptions: Array<{ language: string; text: string }>;
  /** The やさしい日本語 check of the saved easy-Japanese title and description; null when there is none. */
  easyCheck: string | null;
  /** Open (not called off): it can be edited, called off, and registrations cancelled. */
  open: boolean;
  /** How many people a calling-off tells (registered and waiting). */
  told: number;
  registrants: Array<{ id: string; number: number; name: string; phone: string; status: string; at: string; cancellable: boolean }>;
  csvHref: string;
}

const TIME = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });

/** `12/5(土) 13:30〜15:00`, or with the end's date when it ends on another day (Japan time). */
export function eventWhen(startsAt: Date, endsAt: Date): string {
  return `${jaDateTime(startsAt)}〜${jstDate(startsAt) === jstDate(endsAt) ? TIME.format(endsAt) : jaDateTime(endsAt)}`;
}

/** 受付中 / 締切 / 終了 / 中止, as of `now`. */
export function eventState(e: Pick<EventSummary, 'status' | 'deadline' | 'startsAt' | 'endsAt'>, now: Date): string {
  if (e.status === 'cancelled') return '中止';
  if (now.getTime() >= e.endsAt.getTime()) return '終了';
  if (now.getTime() >= e.deadline.getTime() || now.getTime() >= e.startsAt.getTime()) return '締切';
  return '受付中';
}

const REMINDER_LABELS: Readonly<Record<string, string>> = { sending: '送信中', sent: '送信済み', cancelled: '取り消し', missed: '送れなかった(停止中に時刻が過ぎた)' };

/** The day-before reminder's state: `予約済み(12/4(金) 10:00)`, 送信済み …, or なし. */
export function reminderLabel(reminder: EventSummary['reminder']): string {
  if (!reminder) return 'なし(前日の10時を過ぎてから作ったか、日時を変えたため)';
  if (reminder.status === 'scheduled') return `予約済み(${jaDateTime(reminder.scheduledAt)})`;
  return REMINDER_LABELS[reminder.status] ?? reminder.status;
}

const DETAIL_DONE: Readonly<Record<string, string>> = {
  created: '登録しました。申し込んだ人への前日のお知らせは、下の「前日のお知らせ」のとおりです。',
  updated: '変更を保存しました。',
  promoted: '変更を保存しました。定員が増えたため、キャンセル待ちの人が順に繰り上がりました。繰り上がった人には、LINEでお知らせします。',
  regCancelled: '申し込みを取り消しました。',
  regPromoted: '申し込みを取り消しました。キャンセル待ちの1番目の人が繰り上がりました。その人には、LINEでお知らせします。',
  cancelled: '中止にしました。申し込んでいた人とキャンセル待ちの人に、LINEで中止のお知らせを送ります。前日のお知らせは取り消しました。',
};

const EDIT_NOTE = '定員を増やすと、その数だけキャンセル待ちの人が順に繰り上がり、LINEでお知らせします。定員を減らしても、申し込み済みの人はそのまま参加できます。日時を変えると、前日のお知らせも新しい日時の前日10時に送り直します(もう前日の10時を過ぎていれば、申し込んだ人がいるときだけ、すぐに送ります)。日時が変わったことそのものは自動では知らせません。必要なら「お知らせ配信」で申し込んだ人に送ってください。';

const TEXT_LANGUAGES: ReadonlyArray<[keyof EventText & string, string]> = LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]]);

export const eventRoutes: ConsoleRoutes<EventConsole> = async (app, { deps: ev, clock, audit }) => {

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '行事が見つかりません', message: 'この行事はないか、削除されています。', action: { href: '/console/events', label: '行事の一覧に戻る' } }, 404);

  const refused = (request: FastifyRequest, reply: FastifyReply, id: string, message: string, status = 409) =>
    sendPage(request, reply, 'error', '操作できませんでした', { heading: '操作できませんでした', message, action: { href: `/console/events/${encodeURIComponent(id)}`, label: '行事の画面に戻る' } }, status);

  const defaultsNote = () =>
    `終わる日時が空のときは始まる日時の${ev.defaults.durationMinutes}分後に、締切が空のときは始まる日の${ev.defaults.deadlineDaysBefore}日前の${ev.defaults.deadlineTime}にします(設定の「行事の初期値」で変えられます)。`;
  const newForm = (error: string | null, values: Record<string, string>): EventFormView => ({
    defaultsNote: defaultsNote(),
    heading: '行事・講座を登録する',
    action: '/console/events',
    submitLabel: '登録する',
    cancelHref: '/console/events',
    note: '登録すると、LINEの「サロン・行事」の一覧に出て、利用者が申し込めるようになります。前の日の10時に、申し込んだ人へお知らせを自動で送ります(前の日の10時を過ぎてから登録した行事には送りません。申し込む人には、LINEでそのことを伝えます)。',
    error,
    values,
  });
  const editForm = (id: string, error: string | null, values: Record<string, string>): EventFormView => ({
    defaultsNote: defaultsNote(),
    heading: '行事・講座を変更する',
    action: `/console/events/${encodeURIComponent(id)}/edit`,
    submitLabel: '変更を保存する',
    cancelHref: `/console/events/${encodeURIComponent(id)}`,
    note: EDIT_NOTE,
    error,
    values,
  });

  app.get('/console/events', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const now = clock.now();
    const { rows: events, pager } = await readPage(parsePageNumber(request.query as Record<string, unknown>), EVENT_PAGE_SIZE, (page) => ev.admin.list(page), (n) => listHref('/console/events', {}, n));
    const rows = events.map((e) => ({
      href: `/console/events/${encodeURIComponent(e.id)}`,
      title: e.title.ja,
      when: eventWhen(e.startsAt, e.endsAt),
      place: e.place,
      capacity: e.capacity,
      registered: e.registered,
      waitlisted: e.waitlisted,
      state: eventState(e, now),
      reminder: e.status === 'cancelled' ? '—' : reminderLabel(e.reminder),
    }));
    return sendPage(request, reply, 'events', '行事・講座', { rows, pager });
  });

  app.get('/console/events/new', { config: { permission: 'event.manage' } }, async (request, reply) => sendPage(request, reply, 'eventForm', '行事・講座を登録する', newForm(null, { place: ev.defaults.place ?? '', capacity: String(ev.defaults.capacity) })));

  app.post('/console/events', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const body = withEventDefaults((request.body ?? {}) as Record<string, string>, ev.defaults);
    const now = clock.now();
    const parsed = parseEventForm(body, now);
    if (!parsed.ok) return sendPage(request, reply, 'eventForm', '行事・講座を登録する', newForm(parsed.error, body), 400);
    const id = await createEvent(ev.useCases, parsed.value, staffAct(request, now));
    return reply.redirect(`/console/events/${encodeURIComponent(id)}?done=created`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/console/events/:id', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const e = await ev.admin.get(request.params.id);
    if (!e) return notFound(request, reply);
    const now = clock.now();
    const { staff } = currentSession(request);
    // The registrant list holds names and phone numbers: every opening is audited.
    await audit.record({ staffId: staff.id, action: 'event.registrants.view', subjectType: 'event', subjectId: e.id, detail: { registrants: e.registrants.length }, ip: request.ip, at: now });
    const open = e.status === 'open';
    const titles = TEXT_LANGUAGES.filter(([l]) => l !== 'ja' && e.title[l]?.trim()).map(([l, name]) => ({ label: `名前(${name})`, value: e.title[l] as string }));
    const view: EventDetailView = {
      id: e.id,
      heading: e.title.ja,
      status: typeof request.query.done === 'string' ? (DETAIL_DONE[request.query.done] ?? null) : null,
      facts: [
        { label: '状態', value: eventState(e, now) },
        ...titles,
        { label: '日時', value: eventWhen(e.startsAt, e.endsAt) },
        { label: '場所', value: e.place },
        { label: '定員', value: `${e.capacity}人` },
        { label: '申し込み', value: `参加 ${e.registered}人 / キャンセル待ち ${e.waitlisted}人` },
        { label: '申込締切', value: jaDateTime(e.deadline) },
        { label: '前日のお知らせ', value: reminderLabel(e.reminder) },
      ],
      descriptions: TEXT_LANGUAGES.filter(([l]) => e.description[l]?.trim()).map(([l, name]) => ({ language: name, text: e.description[l] as string })),
      easyCheck: await savedTextCheck(ev.easyJapanese, [e.title['ja-x-easy'], e.description['ja-x-easy']]),
      open,
      told: e.registered + e.waitlisted,
      registrants: e.registrants.map((r, i) => ({
        id: r.id,
        number: i + 1,
        name: registrantName(r),
        phone: csvPhone(r.phone),
        status: registrantStatus(r),
        at: jaDateTime(r.at),
        cancellable: open && e.endsAt > now && r.status !== 'cancelled',
      })),
      csvHref: `/console/events/${encodeURIComponent(e.id)}/registrants.csv`,
    };
    return sendPage(request, reply, 'event', e.title.ja, view);
  });

  app.get<{ Params: { id: string } }>('/console/events/:id/edit', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const e = await ev.admin.get(request.params.id);
    if (!e) return notFound(request, reply);
    if (e.status !== 'open') return refused(request, reply, e.id, '中止にした行事は変更できません。');
    return sendPage(request, reply, 'eventForm', '行事・講座を変更する', editForm(e.id, null, formValues(e)));
  });

  app.post<{ Params: { id: string } }>('/console/events/:id/edit', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const before = await ev.admin.get(request.params.id);
    if (!before) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, string>;
    const outcome = await editEvent(ev.useCases, before, parseEventForm(body), staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`/console/events/${encodeURIComponent(before.id)}?done=${outcome.promoted > 0 ? 'promoted' : 'updated'}`, 303);
    switch (outcome.refused) {
      case 'calledOff':
        return refused(request, reply, before.id, '中止にした行事は変更できません。');
      case 'invalid':
        return sendPage(request, reply, 'eventForm', '行事・講座を変更する', editForm(before.id, outcome.error, body), 400);
      case 'startPassed':
        return sendPage(request, reply, 'eventForm', '行事・講座を変更する', editForm(before.id, '始まる日時が過ぎています。これからの日時を入れてください', body), 400);
      case 'calledOffMeanwhile':
        return refused(request, reply, before.id, 'ほかの職員がこの行事を中止にしたため、変更できませんでした。');
    }
  });

  app.post<{ Params: { id: string; regId: string } }>('/console/events/:id/registrations/:regId/cancel', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const before = await ev.admin.get(request.params.id);
    if (!before) return notFound(request, reply);
    const outcome = await cancelEventRegistration(ev.useCases, before, request.params.regId, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`/console/events/${encodeURIComponent(before.id)}?done=${outcome.promoted > 0 ? 'regPromoted' : 'regCancelled'}#registrants`, 303);
    switch (outcome.refused) {
      case 'calledOff':
        return refused(request, reply, before.id, '中止にした行事の申し込みは取り消せません。');
      case 'unknownRegistration':
        return notFound(request, reply);
      case 'ended':
        return refused(request, reply, before.id, '終わった行事の申し込みは取り消せません。');
      case 'alreadyCancelled':
        return refused(request, reply, before.id, 'この申し込みは、もう取り消されています。');
    }
  });

  app.post<{ Params: { id: string }; Body: { confirm?: string } }>('/console/events/:id/cancel', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const e = await ev.admin.get(request.params.id);
    if (!e) return notFound(request, reply);
    const confirmed = (request.body as { confirm?: string } | undefined)?.confirm === 'on';
    const outcome = await callOffEvent(ev.useCases, e, confirmed, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`/console/events/${encodeURIComponent(e.id)}?done=cancelled`, 303);
    if (outcome.refused === 'notConfirmed') return refused(request, reply, e.id, '中止にするには、「申し込んだ人に中止を知らせます」にチェックを入れてから、もう一度押してください。', 400);
    return refused(request, reply, e.id, 'この行事は、もう中止になっています。');
  });

  app.get<{ Params: { id: string } }>('/console/events/:id/registrants.csv', { config: { permission: 'event.manage' } }, async (request, reply) => {
    const e = await ev.admin.get(request.params.id);
    if (!e) return notFound(request, reply);
    const now = clock.now();
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'event.registrants.export', subjectType: 'event', subjectId: e.id, detail: { rows: e.registrants.length }, ip: request.ip, at: now });
    return sendCsv(reply, registrantsCsv(e.registrants), csvFileName(e.title.ja, jstDate(e.startsAt).replace(/-/g, '')), 'registrants.csv');
  });
};
