/**
 * FAQ entries in the console: the list with a search, and a form to add or change an entry — the ways residents
 * ask, the answer in Japanese, easy Japanese and English, links shown as buttons, what the answer can start (a menu
 * section or a consultation area), the districts it is for, the dates it is valid and whether it is in use. LINE
 * answers with the change from the next question on. Every change is audited (`faq.entry.create` / `.update`).
 */
import { savedTextCheck, type EasyJapaneseCheck } from '../shared/easy-japanese-summary';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaqAdmin, FaqEntryRow, FaqRepositories } from '../../domain/faq/store';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { createFaqEntry } from '../../usecases/faq/create-faq-entry';
import { updateFaqEntry } from '../../usecases/faq/update-faq-entry';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';
import { listHref, parsePageNumber, readPage, type Pager } from '../shared/paging';
import { ANSWER_MAX, formValues, parseFaqForm, valuesOf, type FaqFormValues } from './faq-form';

/** What the FAQ pages need. */
export interface FaqConsole {
  admin: FaqAdmin;
  work: UnitOfWork<FaqRepositories>;
  /** What an answer may start, with its label: `menu=<section>` and `consult=<category>`. */
  starts: ReadonlyArray<{ value: string; label: string }>;
  districts: ReadonlyArray<{ code: string; name: string }>;
  /** The server's やさしい日本語 check, shown for a saved entry's easy-Japanese answer (absent: not shown). */
  easyJapanese?: EasyJapaneseCheck;
}

/** How many entries one page of the list shows. */
export const FAQ_PAGE_SIZE = 50;

export interface FaqListView {
  search: string;
  pager: Pager;
  status: string | null;
  rows: Array<{ href: string; question: string; forms: number; answer: string; starts: string; scope: string; active: boolean; seeded: boolean; edited: boolean; updated: string }>;
}

export interface FaqEntryView {
  heading: string;
  action: string;
  isNew: boolean;
  seedCode: string | null;
  error: string | null;
  values: FaqFormValues;
  starts: ReadonlyArray<{ value: string; label: string }>;
  districts: ReadonlyArray<{ code: string; name: string }>;
  answerMax: number;
  /** The やさしい日本語 check of the saved easy-Japanese answer; null when there is none. */
  easyCheck: string | null;
}

const SAVED: Record<string, string> = { created: 'よくある質問を追加しました。LINEでは次の質問から使われます。', updated: 'よくある質問を変更しました。LINEでは次の質問から使われます。' };

export const faqRoutes: ConsoleRoutes<FaqConsole> = async (app, { deps, clock }) => {
  // Read at each request: the consultation areas and districts follow the council's settings.
  const allowed = () => ({ startsWith: deps.starts.map((s) => s.value), districts: deps.districts.map((d) => d.code) });
  const startLabel = (v: string | null) => (v ? (deps.starts.find((s) => s.value === v)?.label ?? v) : '—');
  const scopeOf = (e: FaqEntryRow) => {
    const where = e.districts.length ? e.districts.map((c) => deps.districts.find((d) => d.code === c)?.name ?? c).join('、') : 'すべての地区';
    const when = e.validFrom || e.validUntil ? `${e.validFrom ?? ''}〜${e.validUntil ?? ''}` : '';
    return when ? `${where}(${when})` : where;
  };

  const form = async (request: FastifyRequest, reply: FastifyReply, entry: FaqEntryRow | null, values: FaqFormValues, error: string | null, code = 200) =>
    sendPage(request, reply, 'faqEntry', entry ? 'よくある質問の変更' : 'よくある質問の追加', {
      heading: entry ? 'よくある質問を変える' : 'よくある質問を追加する',
      action: entry ? `/console/faq/${encodeURIComponent(entry.id)}` : '/console/faq',
      isNew: !entry,
      seedCode: entry?.seedCode ?? null,
      error,
      values,
      starts: deps.starts,
      districts: deps.districts,
      answerMax: ANSWER_MAX,
      easyCheck: entry && !error ? await savedTextCheck(deps.easyJapanese, [entry.answer['ja-x-easy']]) : null,
    }, code);

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: 'よくある質問が見つかりません', message: 'この質問は登録されていません。', action: { href: '/console/faq', label: 'よくある質問の一覧に戻る' } }, 404);

  app.get<{ Querystring: { q?: string; done?: string; page?: string } }>('/console/faq', { config: { permission: 'faq.manage' } }, async (request, reply) => {
    const search = typeof request.query.q === 'string' ? request.query.q.slice(0, 100) : '';
    const { rows: entries, pager } = await readPage(parsePageNumber(request.query), FAQ_PAGE_SIZE, (page) => deps.admin.list(search, page), (n) => listHref('/console/faq', { q: search }, n));
    const rows = entries.map((e) => ({
      href: `/console/faq/${encodeURIComponent(e.id)}`,
      question: e.questions[0] ?? '',
      forms: e.questions.length,
      answer: e.answer.ja.length > 60 ? `${e.answer.ja.slice(0, 60)}…` : e.answer.ja,
      starts: startLabel(e.startsWith),
      scope: scopeOf(e),
      active: e.active,
      seeded: e.seedCode !== null,
      edited: e.seedCode !== null && e.editedByStaff,
      updated: jaDateTime(e.updatedAt),
    }));
    return sendPage(request, reply, 'faqEntries', 'よくある質問', { search, rows, pager, status: SAVED[request.query.done ?? ''] ?? null });
  });

  app.get('/console/faq/new', { config: { permission: 'faq.manage' } }, (request, reply) => form(request, reply, null, valuesOf(null), null));

  app.post('/console/faq', { config: { permission: 'faq.manage' } }, async (request, reply) => {
    const values = formValues(request.body);
    const parsed = parseFaqForm(values, allowed());
    if (!parsed.ok) return form(request, reply, null, values, parsed.error, 400);
    await createFaqEntry(deps.work, parsed.entry, staffAct(request, clock.now()));
    return reply.redirect('/console/faq?done=created', 303);
  });

  app.get<{ Params: { id: string } }>('/console/faq/:id', { config: { permission: 'faq.manage' } }, async (request, reply) => {
    const entry = await deps.admin.get(request.params.id);
    return entry ? form(request, reply, entry, valuesOf(entry), null) : notFound(request, reply);
  });

  app.post<{ Params: { id: string } }>('/console/faq/:id', { config: { permission: 'faq.manage' } }, async (request, reply) => {
    const entry = await deps.admin.get(request.params.id);
    if (!entry) return notFound(request, reply);
    const values = formValues(request.body);
    const parsed = parseFaqForm(values, allowed());
    if (!parsed.ok) return form(request, reply, entry, values, parsed.error, 400);
    if (!(await updateFaqEntry(deps.work, entry.id, parsed.entry, staffAct(request, clock.now())))) return notFound(request, reply);
    return reply.redirect('/console/faq?done=updated', 303);
  });
};
