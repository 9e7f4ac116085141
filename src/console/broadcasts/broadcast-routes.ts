/**
 * Broadcasts in the console: the list with each send's targeted / sent / failed / skipped counts (and, once
 * started, whom it went to per language), composing (text per language, who receives it, when), a confirmation
 * page with the recipient count per language and which text each gets, its cost against the monthly push budget
 * and a preview per language, scheduling, and cancelling a send that has not started.
 * A send that would break the budget is refused unless an admin overrides it. The system's personal notices
 * (a resident's own event, donation or volunteer news) are listed apart and never cancelled from here.
 */
import { savedTextCheck, type EasyJapaneseCheck } from '../shared/easy-japanese-summary';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BROADCAST_KINDS, inQuietHours, isPersonalNotice, type BroadcastAdmin, type BroadcastContent, type BroadcastCancelOutcome, type BroadcastSummary, type QuietHours, type StoredBroadcastKind, type Targeting, type UnreadableReason } from '../../domain/broadcast';
import { LANGUAGES, staffTextFor, type Language } from '../../domain/language';
import { LANGUAGE_NAMES } from '../shared/language-names';
import { jstMonthStart } from '../../domain/japan-time';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, staffAct } from '../console-guard';
import { assessBroadcast } from '../../usecases/broadcasts/assess-broadcast';
import type { BroadcastDeps } from '../../usecases/broadcasts/broadcast-deps';
import { cancelBroadcast } from '../../usecases/broadcasts/cancel-broadcast';
import { scheduleBroadcast } from '../../usecases/broadcasts/schedule-broadcast';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';
import { listHref, parsePageNumber, readPage, type Pager } from '../shared/paging';
import { fromForm, parseBroadcastForm, type BroadcastForm } from './broadcast-form';
import { languageRows, sentLine, totalOf, type LanguageCounts, type LanguageRowView, type SentLanguages } from './language-counts';

/** What the broadcast pages need. */
export interface BroadcastConsole {
  admin: BroadcastAdmin;
  /** The server's やさしい日本語 check, shown on the confirmation for the easy-Japanese text (absent: not shown). */
  easyJapanese?: EasyJapaneseCheck;
  quietHours: QuietHours;
  districts: ReadonlyArray<{ code: string; name: string }>;
  salons: ReadonlyArray<{ code: string; name: string; district: string }>;
  /** The label of the link button in a language, as the bot renders it (for the preview). */
  readMore(language: Language): string;
  /** Council events a notice can go to the registrants of: open and not started at `now`, soonest first. */
  events(now: Date): Promise<ReadonlyArray<{ id: string; title: string; startsAt: Date }>>;
  /** What the broadcast use cases need (scheduling and cancelling go through them). */
  useCases: BroadcastDeps;
  /**
   * How many a targeting reaches now, per language: the engine's own selection of recipients (`recipientsFor`),
   * read once. The confirmation page's estimate is its total.
   */
  recipientLanguages(targeting: Targeting): Promise<LanguageCounts>;
  /** For these sends, whom each was sent to per language (its deliveries) and its texts; a send sent to nobody is absent. */
  sentLanguages(ids: readonly string[]): Promise<ReadonlyMap<string, SentLanguages>>;
}

type EventChoice = { id: string; title: string; startsAt: Date };

/** Every kind a broadcast row may have, in Japanese: a kind added to the union without a label does not compile. */
const KIND_LABELS: Readonly<Record<StoredBroadcastKind, string>> = {
  announcement: 'お知らせ',
  newsletter: '会報・広報',
  salon_notice: 'サロンのお知らせ',
  event_reminder: '行事のお知らせ',
  event_notice: '行事の個別の連絡(繰り上げ・中止など)',
  donation_notice: '寄付・寄贈の個別の連絡',
  volunteer_notice: 'ボランティアの個別の連絡(依頼・決まったことなど)',
  disaster_notice: '災害ボランティアの個別の連絡(抽選の結果・繰り上げなど)',
  consultation_notice: '相談の個別の連絡(担当・つないだ先・終了)',
  complaint_notice: '苦情・ご意見の結果のお知らせ',
};

/** A stored kind's label; a row with a kind this build does not know shows its code rather than nothing. */
function kindLabel(kind: string): string {
  return Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as StoredBroadcastKind] : kind;
}

/** How many broadcasts (and, apart, personal notices) one page of the list shows. */
export const BROADCAST_PAGE_SIZE = 50;

/** Why a cancel was refused, as staff read it. */
const CANCEL_REFUSALS: Readonly<Record<Exclude<BroadcastCancelOutcome, 'cancelled'>, string>> = {
  // The notice goes with a change already made to the resident's record (a place from the waitlist, an
  // invitation waiting for an answer, a donation's decision): withdrawing it would leave them never told.
  personal_notice: 'これは利用者一人ひとりへの個別の連絡(行事の繰り上げ、ボランティアの依頼、寄付のお返事など)です。取り消すと、記録は変わったまま本人に伝わらなくなるため、ここからは取り消せません。',
  not_scheduled: 'この配信はもう始まっているか、終わっています。',
  not_found: 'この配信は見つかりませんでした。',
};
const STATUS_LABELS: Readonly<Record<string, string>> = { scheduled: '予約済み', sending: '送信中', sent: '送信済み', cancelled: '取り消し', missed: '送れなかった(停止中に時刻が過ぎた)', failed: '失敗' };
/** Why a send failed or was only partly sent, as staff read it (codes from the broadcast engine). */
const ERROR_LABELS: Readonly<Record<UnreadableReason, string>> = {
  unreadable_content: '記録が壊れていて本文を読めませんでした。送られていません。作り直してください',
  unreadable_targeting: '記録が壊れていて送る相手を読めませんでした。送られていません。作り直してください',
  unreadable_recipients: '送り先の一覧の一部が壊れていて、その分の人には送れませんでした',
};

/** A send's state, with the reason when it failed or was only partly sent; an unknown code is shown as it is. */
function statusLabel(status: string, error: string | null): string {
  const label = STATUS_LABELS[status] ?? status;
  if (!error) return label;
  return `${label}:${Object.hasOwn(ERROR_LABELS, error) ? ERROR_LABELS[error as UnreadableReason] : error}`;
}
const TOPIC_LABELS: Readonly<Record<string, string>> = { newsletters: '広報・会報', salons_events: 'サロン・行事', volunteering: 'ボランティア', disaster: '災害の情報' };

/** One broadcast as the list shows it. */
export interface BroadcastRowView {
  id: string;
  title: string;
  kind: string;
  when: string;
  status: string;
  urgent: boolean;
  targeted: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Once started, whom it was sent to per language (「日本語 120人・ベトナム語 5人(やさしい日本語で)」); null before. */
  languages: string | null;
  cancellable: boolean;
}

export interface BroadcastListView {
  /** The broadcasts staff composed (and events' reminders). */
  rows: BroadcastRowView[];
  pager: Pager;
  /** The system's personal notices (event, donation, volunteer): shown, never cancelled from here. */
  notices: BroadcastRowView[];
  noticesPager: Pager;
  usage: { used: number; scheduled: number; budget: number; month: string };
  status: string | null;
}

/** States of a send that may have gone to someone (its deliveries are counted per language). */
const STARTED = new Set(['sending', 'sent', 'failed']);

/** A broadcast as a row of the list; only a send staff composed that has not started may be cancelled. */
function rowView(r: BroadcastSummary, sent: ReadonlyMap<string, SentLanguages>): BroadcastRowView {
  const languages = sent.get(r.id);
  return {
    id: r.id,
    title: r.title,
    kind: kindLabel(r.kind),
    when: jaDateTime(r.scheduledAt),
    status: statusLabel(r.status, r.error),
    urgent: r.urgent,
    targeted: r.targeted,
    sent: r.sent,
    failed: r.failed,
    skipped: r.skipped,
    languages: languages ? sentLine(languages) : null,
    cancellable: r.status === 'scheduled' && !isPersonalNotice(r.kind),
  };
}

export interface BroadcastFormView {
  error: string | null;
  values: Record<string, string | string[]>;
  districts: ReadonlyArray<{ code: string; name: string }>;
  salons: ReadonlyArray<{ code: string; name: string }>;
  /** Upcoming events (value: id, name: title and date) for a notice to their registrants. */
  events: Array<{ id: string; name: string }>;
  topics: Array<{ code: string; name: string }>;
  languages: Array<{ code: string; name: string }>;
  kinds: Array<{ code: string; name: string }>;
}

export interface BroadcastConfirmView {
  values: Array<{ name: string; value: string }>;
  /** The やさしい日本語 check of the easy-Japanese text; null when there is none. */
  easyCheck: string | null;
  summary: Array<{ label: string; value: string }>;
  previews: Array<{ language: string; text: string; image: string | null; button: string | null }>;
  estimate: number;
  /** Each language with at least one recipient: how many, and which text they get. */
  languages: LanguageRowView[];
  budget: { ok: boolean; remaining: number; overridable: boolean };
  quiet: boolean;
}

const PREFILL_TEXT: ReadonlyArray<[string, number]> = [
  ['title', 100],
  ['textJa', 4000],
  ['textEasy', 4000],
  ['textEn', 4000],
];

/**
 * The values the compose form opens with: the defaults (an announcement to everyone), or what a link from another
 * page asks for — a salon's page prefills a notice to its followers. Only known fields are taken, a kind must be
 * one of the kinds and a salon must exist; an unknown salon leaves the recipients for staff to choose.
 */
export function prefillValues(query: unknown, salonExists: (code: string) => boolean): { values: Record<string, string>; error: string | null } {
  const q = (query ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
  const kind = str('kind');
  const values: Record<string, string> = { kind: kind && (BROADCAST_KINDS as readonly string[]).includes(kind) ? kind : 'announcement' };
  for (const [k, max] of PREFILL_TEXT) {
    const v = str(k);
    if (v !== undefined && v.length <= max) values[k] = v;
  }
  const salon = str('salon');
  if (salon === undefined || salon === '') return { values: { ...values, everyone: 'on' }, error: null };
  if (!salonExists(salon)) return { values, error: 'サロンが見つかりませんでした。送る相手を選んでください。' };
  return { values: { ...values, salon }, error: null };
}

/** The form's fields as hidden inputs for the confirmation page (arrays repeat the name). */
function hiddenValues(body: Record<string, unknown>): Array<{ name: string; value: string }> {
  return Object.entries(body)
    .filter(([k]) => k !== '_csrf' && k !== 'override')
    .flatMap(([name, v]) => (Array.isArray(v) ? v.map((x) => ({ name, value: String(x) })) : [{ name, value: String(v) }]));
}

/** The text a reader of `l` gets, with a note for staff when it is another language's (「(日本語で送ります)」). */
function withFallbackNote(content: BroadcastContent, l: Language): string {
  const { text, from } = staffTextFor(content, l);
  return from === l ? text : `${text}(${LANGUAGE_NAMES[from]}で送ります)`;
}

export const broadcastRoutes: ConsoleRoutes<BroadcastConsole> = async (app, { deps: b, clock, audit }) => {
  const salonDistrict = (code: string) => b.salons.find((s) => s.code === code)?.district;
  // Read at each request: the districts follow the council's settings.
  const districtCodes = () => b.districts.map((d) => d.code);
  const upcoming = () => b.events(clock.now());
  const eventName = (e: EventChoice) => `${e.title}(${jaDateTime(e.startsAt)})`;
  const formView = async (error: string | null, values: Record<string, string | string[]>, events?: readonly EventChoice[]): Promise<BroadcastFormView> => ({
    error,
    values,
    districts: b.districts,
    salons: b.salons,
    events: (events ?? (await upcoming())).map((e) => ({ id: e.id, name: eventName(e) })),
    topics: Object.entries(TOPIC_LABELS).map(([code, name]) => ({ code, name })),
    languages: Object.entries(LANGUAGE_NAMES).map(([code, name]) => ({ code, name })),
    kinds: BROADCAST_KINDS.map((code) => ({ code, name: KIND_LABELS[code] })),
  });

  async function usage(at: Date) {
    // Pushes count against the calendar month in Japan time, as LINE bills them.
    return b.admin.usage(jstMonthStart(at), jstMonthStart(at, 1));
  }

  const PASSED = '送る日時が過ぎています。これからの日時を入れてください。';

  /** The posted form as a send; sends the form back with the problem otherwise. */
  async function parse(request: FastifyRequest, reply: FastifyReply): Promise<{ form: BroadcastForm; event: EventChoice | null; events: readonly EventChoice[] } | null> {
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    const events = await upcoming();
    const parsed = parseBroadcastForm(body, { districts: districtCodes(), salonDistrict, isEvent: (id) => events.some((e) => e.id === id) });
    if (!parsed.ok) {
      sendPage(request, reply, 'broadcastNew', 'お知らせを作る', await formView(parsed.error, body, events), 400);
      return null;
    }
    return { form: parsed.form, event: events.find((e) => e.id === parsed.form.event) ?? null, events };
  }

  /** The send a form asks for, as the use cases take it. */
  const sendOf = (form: BroadcastForm) => ({ ...fromForm(form, salonDistrict), override: form.override === 'on' });

  app.get<{ Querystring: { done?: string; page?: string; noticePage?: string } }>('/console/broadcasts', { config: { permission: 'broadcast.manage' } }, async (request, reply) => {
    const now = clock.now();
    const u = await usage(now);
    // Staff's sends and the personal notices are paged apart: `page` and `noticePage`, each link keeping the other's.
    const asked = { composed: parsePageNumber(request.query), personal: parsePageNumber(request.query, 'noticePage') };
    const hrefOf = (composed: number, personal: number) => listHref('/console/broadcasts', { noticePage: personal > 1 ? String(personal) : '' }, composed);
    const [sends, personal] = await Promise.all([
      readPage(asked.composed, BROADCAST_PAGE_SIZE, (page) => b.admin.list('composed', page), (n) => hrefOf(n, asked.personal)),
      readPage(asked.personal, BROADCAST_PAGE_SIZE, (page) => b.admin.list('personal', page), (n) => `${hrefOf(asked.composed, n)}#notices-heading`),
    ]);
    // One read for both lists' started sends, whatever their number.
    const started = [...sends.rows, ...personal.rows].filter((r) => STARTED.has(r.status)).map((r) => r.id);
    const sent = started.length ? await b.sentLanguages(started) : new Map<string, SentLanguages>();
    const rows = sends.rows.map((r) => rowView(r, sent));
    const notices = personal.rows.map((r) => rowView(r, sent));
    const done = request.query.done === 'scheduled' ? '予約しました。' : request.query.done === 'cancelled' ? '取り消しました。' : null;
    const month = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long' }).format(now);
    return sendPage(request, reply, 'broadcasts', 'お知らせの配信', { rows, pager: sends.pager, notices, noticesPager: personal.pager, usage: { ...u, budget: b.useCases.monthlyPushBudget, month }, status: done });
  });

  app.get('/console/broadcasts/new', { config: { permission: 'broadcast.manage' } }, async (request, reply) => {
    const { values, error } = prefillValues(request.query, (code) => salonDistrict(code) !== undefined);
    return sendPage(request, reply, 'broadcastNew', 'お知らせを作る', await formView(error, values));
  });

  app.post('/console/broadcasts/preview', { config: { permission: 'broadcast.manage' } }, async (request, reply) => {
    const parsed = await parse(request, reply);
    if (!parsed) return reply;
    const { staff } = currentSession(request);
    const send = sendOf(parsed.form);
    // The estimate is the per-language table's total: one read of the followers, so the two always agree.
    const languages = await b.recipientLanguages(send.targeting);
    const assessment = await assessBroadcast({ ...b.useCases, estimate: async () => totalOf(languages) }, send, { role: staff.role, at: clock.now() });
    if (!assessment.ok) return sendPage(request, reply, 'broadcastNew', 'お知らせを作る', await formView(PASSED, request.body as Record<string, string | string[]>, parsed.events), 400);
    const a = { ...parsed, ...assessment };
    const { content, targeting, scheduledAt } = fromForm(a.form, salonDistrict);
    const summary = [
      { label: '種類', value: KIND_LABELS[a.form.kind] },
      { label: '件名', value: a.form.title },
      ...(content.link ? [{ label: 'リンク(「くわしく見る」ボタン)', value: content.link }] : []),
      ...(content.image ? [{ label: '画像(本文の前に送ります)', value: content.image }] : []),
      { label: '送る日時', value: `${jaDateTime(scheduledAt)}${a.form.urgent ? '(緊急:夜間も送る)' : ''}` },
      {
        label: '送る相手',
        value: [
          a.event ? `行事「${eventName(a.event)}」に申し込んだ人(キャンセル待ちの人はのぞく。送るときの申込者に送ります)` : '',
          a.form.salon ? `${b.salons.find((x) => x.code === a.form.salon)?.name ?? a.form.salon}をフォローしている人と、その地区でサロン・行事の情報を選んだ人` : '',
          targeting.everyone ? '友だち全員' : '',
          targeting.districts ? `地区:${targeting.districts.map((c) => b.districts.find((d) => d.code === c)?.name ?? c).join('、')}` : '',
          targeting.topics ? `関心:${targeting.topics.map((t) => TOPIC_LABELS[t] ?? t).join('、')}` : '',
          targeting.languages ? `ことば:${targeting.languages.map((l) => LANGUAGE_NAMES[l as Language] ?? l).join('、')}` : '',
        ].filter(Boolean).join(' / '),
      },
    ];
    // As each recipient will see it: the cover image first, then the text with the link's button in their language.
    const previews = LANGUAGES.map((l) => ({
      language: LANGUAGE_NAMES[l],
      text: withFallbackNote(content, l),
      image: content.image ?? null,
      button: content.link ? b.readMore(l) : null,
    }));
    const view: BroadcastConfirmView = {
      values: hiddenValues(request.body as Record<string, unknown>),
      easyCheck: await savedTextCheck(b.easyJapanese, [content['ja-x-easy']]),
      summary,
      previews,
      estimate: a.estimate,
      languages: languageRows(languages, content),
      budget: a.verdict.ok ? { ok: true, remaining: a.verdict.remainingAfter, overridable: false } : { ok: false, remaining: a.verdict.remaining, overridable: a.verdict.overridable },
      quiet: !a.form.urgent && inQuietHours(b.quietHours, scheduledAt),
    };
    return sendPage(request, reply, 'broadcastConfirm', 'お知らせの確認', view);
  });

  app.post('/console/broadcasts', { config: { permission: 'broadcast.manage' } }, async (request, reply) => {
    const parsed = await parse(request, reply);
    if (!parsed) return reply;
    const { form, event, events } = parsed;
    const { staff } = currentSession(request);
    const send = { kind: form.kind, title: form.title, urgent: form.urgent === 'on', event: event?.id ?? null, ...sendOf(form) };
    const outcome = await scheduleBroadcast(b.useCases, send, { ...staffAct(request, clock.now()), role: staff.role });
    if (outcome.ok) return reply.redirect('/console/broadcasts?done=scheduled', 303);
    const body = request.body as Record<string, string | string[]>;
    if (outcome.refused === 'passed') return sendPage(request, reply, 'broadcastNew', 'お知らせを作る', await formView(PASSED, body, events), 400);
    const { verdict } = outcome;
    const message = verdict.overridable
      ? `今月の配信の上限をこえます(残り${verdict.remaining}通、この配信${verdict.cost}通)。送るには確認画面で「上限をこえて送る」を選んでください。`
      : `今月の配信の上限をこえるため、予約できません(残り${verdict.remaining}通、この配信${verdict.cost}通)。送る相手をしぼるか、管理者に相談してください。`;
    return sendPage(request, reply, 'broadcastNew', 'お知らせを作る', await formView(message, body), 409);
  });

  app.post<{ Params: { id: string } }>('/console/broadcasts/:id/cancel', { config: { permission: 'broadcast.manage' } }, async (request, reply) => {
    const outcome = await cancelBroadcast(b.useCases, request.params.id, staffAct(request, clock.now()));
    if (outcome !== 'cancelled') {
      const message = CANCEL_REFUSALS[outcome];
      return sendPage(request, reply, 'error', '取り消せませんでした', { heading: '取り消せませんでした', message, action: { href: '/console/broadcasts', label: '配信の一覧に戻る' } }, outcome === 'not_found' ? 404 : 409);
    }
    return reply.redirect('/console/broadcasts?done=cancelled', 303);
  });
};
