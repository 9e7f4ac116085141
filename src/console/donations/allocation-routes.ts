/**
 * The goodwill bank's allocation plan (配分計画) in the console: for each purpose of the plan in the council
 * profile (and 一般・おまかせ) the budget, the money received for it that fiscal year (money offers that reached
 * 受領済み), what was allocated, and what is left; a form to record an allocation, whose one-time key records it
 * once however often the form is sent; and the list of things the council asks donors for (欲しいもの), to add to
 * and retire. Recording an allocation and changing the list are audited, each in the transaction of its change.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_AMOUNT_YEN } from '../../domain/donation';
import { allocatedByPurpose, allocationLines, fiscalYearAt, GENERAL_PURPOSE, inFiscalYear, planOfYear, receivedByPurpose } from '../../domain/donation-admin';
import { fiscalYearOf } from '../../domain/volunteer';
import { isCalendarDate, jstDate } from '../../domain/japan-time';
import { addWantedItem, WANTED_NAME_MAX, WANTED_NOTE_MAX } from '../../usecases/donations/add-wanted-item';
import { ALLOCATION_NOTE_MAX, recordAllocation, RECIPIENT_MAX } from '../../usecases/donations/record-allocation';
import { retireWantedItem } from '../../usecases/donations/retire-wanted-item';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { csvDateTime } from '../shared/csv';
import { jaLongDate } from '../shared/ja-dates';
import { lines, one } from '../shared/form-fields';
import { badYear, fiscalYearQuery } from '../shared/fiscal-year';
import type { DonationConsole } from './donation-routes';
import { allPlanPurposes, GENERAL_NAME, purposeName, yenText } from './donation-text';

export interface AllocationFormValues {
  purposeCode: string;
  amount: string;
  recipient: string;
  allocatedOn: string;
  note: string;
}

export interface WantedFormValues {
  name: string;
  note: string;
}

export interface AllocationPageView {
  status: string | null;
  error: string | null;
  /** Which form the error is about. */
  errorFor: 'allocation' | 'wanted' | null;
  /** The fiscal year shown (the current one unless another was asked for). */
  year: number;
  /** False when the council profile has no donations section (so no plans at all). */
  hasPlans: boolean;
  /** Links to the other years that have a plan, and to the current year. */
  years: Array<{ href: string; label: string }>;
  /** Null when the profile has no plan for the year shown: the page says so, and nothing can be allocated under it. */
  plan: null | {
    fiscalYear: number;
    /** `2026年4月1日〜2027年3月31日`. */
    span: string;
    lines: Array<{ name: string; budget: string; received: string; allocated: string; unallocated: string; unallocatedNegative: boolean; budgetLeft: string; budgetLeftNegative: boolean }>;
    total: { budget: string; received: string; allocated: string; unallocated: string; budgetLeft: string };
    allocations: Array<{ date: string; purpose: string; amount: string; recipient: string; note: string }>;
    purposes: Array<{ code: string; name: string }>;
    values: AllocationFormValues;
    /** The form's one-time key: sent with it, it becomes the allocation's id, so sending the form twice records once. */
    formKey: string;
    dateMin: string;
    dateMax: string;
  };
  wanted: Array<{ id: string; name: string; note: string; active: boolean; since: string }>;
  wantedValues: WantedFormValues;
  recipientMax: number;
  noteMax: number;
  wantedNameMax: number;
  wantedNoteMax: number;
}

const DONE: Readonly<Record<string, string>> = {
  allocated: '配分を記録しました。下の表に反映しています。',
  'wanted-added': '欲しいものに追加しました。',
  'wanted-retired': '欲しいものから外しました(記録は残ります)。',
};

/** A form key as {@link randomUUID} makes them. */
const FORM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The page for a fiscal year. */
function yearHref(year: number): string {
  return `/console/allocation?year=${year}`;
}

export const allocationRoutes: ConsoleRoutes<DonationConsole> = async (app, { deps: dc, clock, audit }) => {

  // Read at each request: the plans follow the council's settings.
  const purposes = () => allPlanPurposes(dc.plans);

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { year?: number; status?: string | null; error?: string | null; errorFor?: 'allocation' | 'wanted'; values?: AllocationFormValues; formKey?: string; wantedValues?: WantedFormValues } = {},
    code = 200,
  ) {
    const today = jstDate(clock.now());
    const current = fiscalYearOf(today);
    const year = opts.year ?? current;
    const wanted = await dc.wanted.all();
    const shown = planOfYear(dc.plans, year);
    const named = purposes();
    let plan: AllocationPageView['plan'] = null;
    if (shown) {
      const fy = shown.fiscalYear;
      const [offers, allocations] = await Promise.all([dc.admin.receivedIn(fy), dc.allocations.list(fy)]);
      const lines = allocationLines(shown.purposes, receivedByPurpose(offers), allocatedByPurpose(allocations));
      const sum = (f: (l: (typeof lines)[number]) => number | null) => lines.reduce((n, l) => n + (f(l) ?? 0), 0);
      const budget = sum((l) => l.budgetYen);
      const allocated = sum((l) => l.allocatedYen);
      const received = sum((l) => l.receivedYen);
      const planAllocated = sum((l) => (l.budgetYen === null ? null : l.allocatedYen));
      plan = {
        fiscalYear: fy,
        span: `${jaLongDate(`${fy}-04-01`)}〜${jaLongDate(`${fy + 1}-03-31`)}`,
        lines: lines.map((l) => ({
          name: purposeName(l.code, named),
          budget: l.budgetYen === null ? '—' : yenText(l.budgetYen),
          received: yenText(l.receivedYen),
          allocated: yenText(l.allocatedYen),
          unallocated: yenText(l.unallocatedYen),
          unallocatedNegative: l.unallocatedYen < 0,
          budgetLeft: l.budgetLeftYen === null ? '—' : yenText(l.budgetLeftYen),
          budgetLeftNegative: (l.budgetLeftYen ?? 0) < 0,
        })),
        total: { budget: yenText(budget), received: yenText(received), allocated: yenText(allocated), unallocated: yenText(received - allocated), budgetLeft: yenText(budget - planAllocated) },
        allocations: allocations.map((a) => ({ date: jaLongDate(a.allocatedOn), purpose: purposeName(a.purposeCode, named), amount: yenText(a.amountYen), recipient: a.recipient, note: a.note ?? '' })),
        purposes: [...shown.purposes.map((p) => ({ code: p.code, name: p.name })), { code: GENERAL_PURPOSE, name: GENERAL_NAME }],
        values: opts.values ?? { purposeCode: '', amount: '', recipient: '', allocatedOn: inFiscalYear(today, fy) ? today : '', note: '' },
        formKey: opts.formKey ?? randomUUID(),
        dateMin: `${fy}-04-01`,
        dateMax: `${fy + 1}-03-31`,
      };
    }
    const others = [...new Set([...dc.plans.map((p) => p.fiscalYear), current])].filter((y) => y !== year).sort((a, b) => b - a);
    const view: AllocationPageView = {
      status: opts.status ?? null,
      error: opts.error ?? null,
      errorFor: opts.error ? (opts.errorFor ?? null) : null,
      year,
      hasPlans: dc.plans.length > 0,
      years: others.map((y) => ({ href: yearHref(y), label: `${y}年度${y === current ? '(今年度)' : ''}` })),
      plan,
      wanted: wanted.map((w) => ({ id: w.id, name: w.name, note: w.note ?? '', active: w.active, since: csvDateTime(w.active ? w.createdAt : w.updatedAt) })),
      wantedValues: opts.wantedValues ?? { name: '', note: '' },
      recipientMax: RECIPIENT_MAX,
      noteMax: ALLOCATION_NOTE_MAX,
      wantedNameMax: WANTED_NAME_MAX,
      wantedNoteMax: WANTED_NOTE_MAX,
    };
    return sendPage(request, reply, 'allocation', '配分計画', view, code);
  }

  app.get<{ Querystring: { done?: string } }>('/console/allocation', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const year = fiscalYearQuery(request.query, fiscalYearAt(clock.now()));
    if (year === null) return badYear(request, reply, '/console/allocation', '配分計画のページに戻る');
    const done = request.query.done;
    return page(request, reply, { year, status: typeof done === 'string' ? (DONE[done] ?? null) : null });
  });

  app.post('/console/allocation', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: AllocationFormValues = { purposeCode: one(body.purposeCode), amount: one(body.amount), recipient: one(body.recipient), allocatedOn: one(body.allocatedOn), note: lines(body.note) };
    const postedKey = one(body.formKey);
    const formKey = FORM_KEY.test(postedKey) ? postedKey : null;
    // A form shown again keeps its key (nothing was recorded with it), so sending the corrected form twice still
    // records once. It shows the year of the date sent when that year has a plan.
    const plan = isCalendarDate(values.allocatedOn) ? planOfYear(dc.plans, fiscalYearOf(values.allocatedOn)) : null;
    const fail = (error: string, code = 400, key: string | null = formKey) => page(request, reply, { ...(plan ? { year: plan.fiscalYear } : {}), error, errorFor: 'allocation', values, ...(key ? { formKey: key } : {}) }, code);
    const outcome = await recordAllocation(dc.useCases, { formKey, ...values }, staffAct(request, clock.now()));
    // Recorded, or the form sent again (a double click: recorded and audited once): the same page either way.
    if (outcome.ok) return reply.redirect(`${yearHref(outcome.fiscalYear)}&done=allocated#allocations`, 303);
    switch (outcome.refused) {
      case 'noPlans':
        return fail('配分計画がありません。協議会の設定(寄付・寄贈)に配分計画を入れてください。', 409);
      case 'staleForm':
        return fail('この画面は古くなっています。書いた内容はそのまま残してあります。確かめてから、もう一度「配分を記録する」を押してください。');
      case 'noDate':
        return fail('配分した日を選んでください。');
      case 'noPlanForYear':
        return fail(`${outcome.fiscalYear}年度の配分計画がないため、この日付の配分は記録できません。配分した日を確かめてください(配分計画は協議会の設定に年度ごとに入れます)。`, 409);
      case 'unknownPurpose':
        return fail(`使いみちを選んでください(${outcome.fiscalYear}年度の配分計画にあるものから)。`);
      case 'badAmount':
        return fail(`金額は「50000」や「5万円」のように、1円から${yenText(MAX_AMOUNT_YEN)}までの数字で書いてください。`);
      case 'noRecipient':
        return fail('配分先を書いてください。');
      case 'recipientTooLong':
        return fail(`配分先は${RECIPIENT_MAX}文字までにしてください(いま${outcome.length}文字)。`);
      case 'noteTooLong':
        return fail(`メモは${ALLOCATION_NOTE_MAX}文字までにしてください(いま${outcome.length}文字)。`);
      case 'overUnallocated':
        return fail(
          `「${purposeName(values.purposeCode, purposes())}」の${outcome.fiscalYear}年度の未配分は${yenText(Math.max(0, outcome.leftYen))}です。それより多い${yenText(outcome.amountYen)}は配分できません。` +
            '受け取ったお金(「受領済み」にした寄付)の範囲で配分してください。',
          409,
        );
      case 'keyUsed':
        return fail('この画面からは、もう配分を記録しています(下の表にあります)。別の配分として記録するときは、内容を確かめてから、もう一度「配分を記録する」を押してください。', 409, null);
    }
  });

  app.post('/console/allocation/wanted', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const wantedValues: WantedFormValues = { name: one(body.name), note: one(body.note).replace(/\r\n?/g, ' ') };
    const outcome = await addWantedItem(dc.useCases, wantedValues, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect('/console/allocation?done=wanted-added#wanted', 303);
    const error =
      outcome.refused === 'noName'
        ? '欲しいものの名前を書いてください。'
        : outcome.refused === 'nameTooLong'
          ? `名前は${WANTED_NAME_MAX}文字までにしてください(いま${outcome.length}文字)。`
          : `説明は${WANTED_NOTE_MAX}文字までにしてください(いま${outcome.length}文字)。`;
    return page(request, reply, { error, errorFor: 'wanted', wantedValues }, 400);
  });

  app.post<{ Params: { id: string } }>('/console/allocation/wanted/:id/retire', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    if (!(await retireWantedItem(dc.useCases, request.params.id, staffAct(request, clock.now())))) return page(request, reply, { error: 'この欲しいものは、もう外してあるか、見つかりません。', errorFor: 'wanted' }, 409);
    return reply.redirect('/console/allocation?done=wanted-retired#wanted', 303);
  });
};
