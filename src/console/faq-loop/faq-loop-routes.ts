/**
 * The FAQ's knowledge loop in the console (よくある質問の見直し): residents' free questions no entry answered,
 * answers they marked unhelpful, and questions staff answered by hand, grouped by similarity with counts and the
 * latest wordings; staff turn a group into a new entry or a synonym, or dismiss it. Above them, the share of
 * questions the FAQ answered, week by week. Questions are shown without anything naming the resident. Every
 * change is audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { groupQuestions, type LoopKind, type QuestionGroup } from '../../domain/faq-loop/grouping';
import type { FaqLoopStore } from '../../domain/faq-loop/ports';
import { shareSince, weeklyShare } from '../../domain/faq-loop/weekly-share';
import { DAY_MS, jstDate, jstMidnightOf } from '../../domain/japan-time';
import { addSynonymFromGroup } from '../../usecases/faq-loop/add-synonym-from-group';
import { createEntryFromGroup } from '../../usecases/faq-loop/create-entry-from-group';
import { dismissGroup } from '../../usecases/faq-loop/dismiss-group';
import type { FaqLoopDeps } from '../../usecases/faq-loop/faq-loop-deps';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { one } from '../shared/form-fields';
import { jaDateTime, jaDay } from '../shared/ja-dates';
import { ANSWER_MAX, QUESTION_MAX, QUESTIONS_MAX, WORD_MAX, parseEntryForm, parseSynonymForm } from './faq-loop-form';

/** What the loop's page needs. */
export interface FaqLoopConsole {
  store: FaqLoopStore;
  useCases: FaqLoopDeps;
}

export type LoopFilter = LoopKind | 'all';
type FormKind = 'entry' | 'synonym';

export interface FaqLoopView {
  status: string | null;
  filter: LoopFilter;
  filters: Array<{ href: string; label: string; current: boolean }>;
  weeks: Array<{ week: string; answered: number; total: number; percent: string; width: number }>;
  groups: Array<{
    key: string;
    heading: string;
    count: number;
    kinds: string;
    latest: string;
    examples: string[];
    /** The entry form's prefilled question forms, one a line. */
    prefill: string;
    /** The entry form's prefilled Japanese answer: what staff answered by hand, if they did. */
    answerPrefill: string;
    error: { form: FormKind; message: string } | null;
    values: Record<string, string>;
  }>;
  /** Groups not shown (the page shows the most asked). */
  more: number;
  limits: { question: number; questions: number; answer: number; word: number };
}

/** The most groups the page lists, and the wordings it shows and prefills per group. */
const MAX_GROUPS = 60;
const EXAMPLES = 5;

const KIND_LABEL: Readonly<Record<LoopKind, string>> = { unanswered: '答えられなかった', unhelpful: '役に立たなかった', staff: '職員が答えた' };
const FILTERS: ReadonlyArray<{ filter: LoopFilter; label: string }> = [
  { filter: 'all', label: 'すべて' },
  { filter: 'unanswered', label: KIND_LABEL.unanswered },
  { filter: 'unhelpful', label: KIND_LABEL.unhelpful },
  { filter: 'staff', label: KIND_LABEL.staff },
];
const DONE: Readonly<Record<string, (n: number) => string>> = {
  entry: (n) => `よくある質問を追加しました。この${n}件の質問は見直し済みになりました。次に同じことを聞いた住民には、この答えが返ります。`,
  synonym: (n) => `言いかえを追加しました。この${n}件の質問は見直し済みになりました。`,
  dismiss: (n) => `${n}件の質問を「対応不要」にしました。`,
};
const GONE = 'この質問のグループは、ほかの職員がすでに見直しました。一覧を読み直しました。';

function filterOf(v: unknown): LoopFilter {
  const f = one(v);
  return FILTERS.some((x) => x.filter === f) ? (f as LoopFilter) : 'all';
}

export const faqLoopRoutes: ConsoleRoutes<FaqLoopConsole> = async (app, { deps, clock }) => {
  async function groups(): Promise<QuestionGroup[]> {
    return groupQuestions(await deps.store.openQuestions());
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { filter?: LoopFilter; status?: string | null; error?: { key: string; form: FormKind; message: string; values: Record<string, string> } } = {},
    code = 200,
  ) {
    const now = clock.now();
    const filter = opts.filter ?? 'all';
    const [all, asked] = await Promise.all([groups(), deps.store.askedSince(shareSince(now))]);
    const shown = all.filter((g) => filter === 'all' || g.byKind[filter] > 0);
    const view: FaqLoopView = {
      status: opts.status ?? null,
      filter,
      filters: FILTERS.map((f) => ({ href: f.filter === 'all' ? '/console/faq-loop' : `/console/faq-loop?kind=${f.filter}`, label: f.label, current: f.filter === filter })),
      weeks: weeklyShare(asked, now).map((w) => ({
        week: `${jaDay(w.weekStart)}〜${jaDay(jstDate(jstMidnightOf(w.weekStart) + 6 * DAY_MS))}`,
        answered: w.answered,
        total: w.total,
        percent: w.share === null ? '—' : `${Math.round(w.share * 100)}%`,
        width: w.share === null ? 0 : Math.round(w.share * 100),
      })),
      groups: shown.slice(0, MAX_GROUPS).map((g) => {
        const error = opts.error?.key === g.key ? opts.error : null;
        return {
          key: g.key,
          heading: g.texts[0] ?? '',
          count: g.count,
          kinds: (Object.keys(KIND_LABEL) as LoopKind[]).filter((k) => g.byKind[k] > 0).map((k) => `${KIND_LABEL[k]} ${g.byKind[k]}件`).join('・'),
          latest: jaDateTime(g.latestAt),
          examples: g.texts.slice(0, EXAMPLES),
          prefill: g.texts.slice(0, QUESTIONS_MAX).map((t) => [...t].slice(0, QUESTION_MAX).join('')).join('\n'),
          answerPrefill: g.staffAnswer ? [...g.staffAnswer].slice(0, ANSWER_MAX).join('') : '',
          error: error ? { form: error.form, message: error.message } : null,
          values: error?.values ?? {},
        };
      }),
      more: Math.max(0, shown.length - MAX_GROUPS),
      limits: { question: QUESTION_MAX, questions: QUESTIONS_MAX, answer: ANSWER_MAX, word: WORD_MAX },
    };
    return sendPage(request, reply, 'faqLoop', 'よくある質問の見直し', view, code);
  }

  /** The open group keyed `key` as it stands now, or null when it was handled meanwhile. */
  async function groupOf(key: string): Promise<QuestionGroup | null> {
    return (await groups()).find((g) => g.key === key) ?? null;
  }
  const done = (reply: FastifyReply, what: string, n: number) => reply.redirect(`/console/faq-loop?done=${what}&n=${n}`, 303);
  const gone = (request: FastifyRequest, reply: FastifyReply) => page(request, reply, { status: GONE }, 409);

  app.get<{ Querystring: { kind?: string; done?: string; n?: string } }>('/console/faq-loop', { config: { permission: 'faq.loop' } }, async (request, reply) => {
    const { done: what, n } = request.query;
    const count = Number.parseInt(one(n), 10);
    const status = typeof what === 'string' && DONE[what] && Number.isFinite(count) ? DONE[what](count) : null;
    return page(request, reply, { filter: filterOf(request.query.kind), status });
  });

  app.post<{ Params: { key: string } }>('/console/faq-loop/groups/:key/entry', { config: { permission: 'faq.loop' } }, async (request, reply) => {
    const group = await groupOf(request.params.key);
    if (!group) return gone(request, reply);
    const parsed = parseEntryForm(request.body);
    if (!parsed.ok) return page(request, reply, { error: { key: group.key, form: 'entry', message: parsed.error, values: parsed.values } }, 400);
    const result = await createEntryFromGroup(deps.useCases, group.ids, parsed.value, staffAct(request, clock.now()));
    if (!result) return gone(request, reply);
    return done(reply, 'entry', result.resolved);
  });

  app.post<{ Params: { key: string } }>('/console/faq-loop/groups/:key/synonym', { config: { permission: 'faq.loop' } }, async (request, reply) => {
    const group = await groupOf(request.params.key);
    if (!group) return gone(request, reply);
    const parsed = parseSynonymForm(request.body);
    if (!parsed.ok) return page(request, reply, { error: { key: group.key, form: 'synonym', message: parsed.error, values: parsed.values } }, 400);
    const result = await addSynonymFromGroup(deps.useCases, group.ids, parsed.value, staffAct(request, clock.now()));
    if (!result) return gone(request, reply);
    return done(reply, 'synonym', result.resolved);
  });

  app.post<{ Params: { key: string } }>('/console/faq-loop/groups/:key/dismiss', { config: { permission: 'faq.loop' } }, async (request, reply) => {
    const group = await groupOf(request.params.key);
    if (!group) return gone(request, reply);
    const resolved = await dismissGroup(deps.useCases, group.key, group.ids, staffAct(request, clock.now()));
    if (resolved === null) return gone(request, reply);
    return done(reply, 'dismiss', resolved);
  });
};
