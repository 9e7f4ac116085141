/**
 * The goodwill bank's allocation plans (配分計画) in the settings: a new fiscal year's plan is started as a copy of the
 * latest one, then its purposes (names, button labels, budgets) are changed. The plan of a year already over stays
 * as it was: the allocations made under it and the annual report name its purposes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AllocationPlan, Donations, ProfileIssue } from '../../domain/council-profile';
import { fiscalYearAt, fiscalYearInstants } from '../../domain/donation-admin';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { fieldName, issueLine, reasonInJapanese } from './issue-text';
import { labelPreview, localized, MEANWHILE, postedForm, SAVED, submitSection, text, versionOf, type FormValues, type LabelPreview, type ResidentPreview, type SettingsConsole } from './settings-form';

export interface PlanSettingsListView {
  status: string | null;
  error: string | null;
  version: number;
  plans: Array<{ fiscalYear: number; title: string; purposes: Array<{ name: string; budget: string }>; href: string | null }>;
  /** The next year's plan, copied from the latest (absent when there is no plan to copy). */
  copy: { from: number; to: number } | null;
  configured: boolean;
}

export interface PlanSettingsFormView {
  heading: string;
  action: string;
  version: number;
  rows: Array<{ n: number; fixedCode: string | null; preview: LabelPreview[] | null }>;
  values: FormValues;
  general: string[];
  checked: boolean;
  resident: ResidentPreview | null;
  residentTitle: string;
}

/** Purposes a plan holds at most (LINE's buttons, with 「おまかせ」). */
const MAX_PURPOSES = 5;
const BASE = '/console/settings/plans';
const YEN = new Intl.NumberFormat('ja-JP');

/** 2026 → 「2026年度（令和8年度）」. */
export function fiscalYearTitle(fy: number): string {
  return `${fy}年度（令和${fy - 2018}年度）`;
}

/** The plan of `fy` from the form's purpose rows (empty rows left out). */
function planFromForm(v: FormValues, fy: number, before: AllocationPlan): Record<string, unknown> {
  const purposes = Array.from({ length: MAX_PURPOSES }, (_, i) => i).flatMap((i) => {
    const p = (k: string) => `p${i}${k}`;
    const code = before.purposes[i]?.code ?? v[p('code')]?.trim() ?? '';
    if (!code && !text(v, p('name'))) return [];
    const names = Object.fromEntries(Object.entries({ ...localized(v, p('name')), ...localized(v, p('label')) }).map(([k, s]) => [k.slice(p('').length), s]));
    return [{ code, ...names, budgetYen: Number((v[p('budgetYen')] ?? '').replace(/[,，円\s]/g, '')) }];
  });
  return { fiscalYear: fy, purposes };
}

/** An issue of the plan's purposes, naming the row: 「使いみち2のボタンの文字（英語）：…」. */
function purposeIssue(issue: ProfileIssue, prefix: string): string {
  const row = issue.path.startsWith(prefix) ? Number(issue.path.slice(prefix.length).split('.')[0]) : NaN;
  return Number.isInteger(row) ? `使いみち${row + 1}の${fieldName(issue.path)}：${reasonInJapanese(issue.message)}` : issueLine(issue);
}

/** A plan's form values: `p<i><field>` per purpose. */
function formOf(plan: AllocationPlan): FormValues {
  return Object.fromEntries(
    plan.purposes.flatMap((purpose, i) => Object.entries(purpose).map(([k, val]) => [`p${i}${k}`, String(val)])),
  );
}

export const planSettingsRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock }) => {
  const donations = () => deps.current().donations;
  const editable = (fy: number) => fy >= fiscalYearAt(clock.now());

  async function list(request: FastifyRequest, reply: FastifyReply, status: string | null, error: string | null, code = 200) {
    const d = donations();
    const plans = [...(d?.allocationPlans ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
    const latest = plans[0];
    return sendPage(request, reply, 'settingsPlans', '配分計画の設定', {
      status,
      error,
      version: await versionOf(deps, 'donations'),
      configured: d !== undefined,
      copy: latest ? { from: latest.fiscalYear, to: latest.fiscalYear + 1 } : null,
      plans: plans.map((p) => ({
        fiscalYear: p.fiscalYear,
        title: fiscalYearTitle(p.fiscalYear),
        purposes: p.purposes.map((x) => ({ name: x.name, budget: `${YEN.format(x.budgetYen)}円` })),
        href: editable(p.fiscalYear) ? `${BASE}/${p.fiscalYear}` : null,
      })),
    }, code);
  }

  /** Saves the donations section with `plans`; the outcome's message for the list, or null when saved. */
  async function savePlans(request: FastifyRequest, d: Donations, plans: unknown[], version: number): Promise<string | null> {
    const outcome = await submitSection(deps, request, 'donations', { ...d, allocationPlans: plans }, version, 'save', clock.now());
    if (outcome.kind === 'refused') return outcome.issues.map(issueLine).join(' ');
    return outcome.kind === 'meanwhile' ? MEANWHILE : null;
  }

  app.get(BASE, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const done = (request.query as { done?: string }).done;
    return list(request, reply, done === 'saved' ? SAVED : done === 'copied' ? '新しい年度の計画をつくりました。使いみちと予算を確かめて、必要なら「変える」から直してください。' : null, null);
  });

  app.post(`${BASE}/copy`, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const d = donations();
    const v = postedForm(request);
    const latest = [...(d?.allocationPlans ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
    if (!d || !latest || Number(v.from) !== latest.fiscalYear) return list(request, reply, null, '計画がかわったので、つくれませんでした。もう一度ためしてください。', 409);
    const copy = { fiscalYear: latest.fiscalYear + 1, purposes: latest.purposes };
    const refused = await savePlans(request, d, [...d.allocationPlans, copy], Number(v.version) || 0);
    if (refused) return list(request, reply, null, refused, 422);
    return reply.redirect(`${BASE}?done=copied`, 303);
  });

  function form(request: FastifyRequest, reply: FastifyReply, plan: AllocationPlan, data: Partial<PlanSettingsFormView> & { version: number }, status = 200) {
    const heading = `配分計画の設定：${fiscalYearTitle(plan.fiscalYear)}`;
    return sendPage(request, reply, 'settingsPlanForm', heading, {
      heading,
      action: `${BASE}/${plan.fiscalYear}`,
      rows: Array.from({ length: MAX_PURPOSES }, (_, n) => ({ n, fixedCode: plan.purposes[n]?.code ?? null, preview: null })),
      values: formOf(plan),
      general: [],
      checked: false,
      resident: null,
      residentTitle: `${fiscalYearTitle(plan.fiscalYear)}に、お金の寄付を申し出たところ`,
      ...data,
    }, status);
  }

  const findPlan = (fy: string) => donations()?.allocationPlans.find((p) => String(p.fiscalYear) === fy && editable(p.fiscalYear));

  app.get<{ Params: { fy: string } }>(`${BASE}/:fy`, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const plan = findPlan(request.params.fy);
    if (!plan) return reply.redirect(BASE, 303);
    return form(request, reply, plan, { version: await versionOf(deps, 'donations') });
  });

  app.post<{ Params: { fy: string } }>(`${BASE}/:fy`, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const d = donations();
    const plan = findPlan(request.params.fy);
    if (!d || !plan) return reply.redirect(BASE, 303);
    const v = postedForm(request);
    const version = Number(v.version) || 0;
    const edited = planFromForm(v, plan.fiscalYear, plan);
    const index = d.allocationPlans.indexOf(plan);
    const document = { ...d, allocationPlans: d.allocationPlans.map((p, i) => (i === index ? edited : p)) };
    const outcome = await submitSection(deps, request, 'donations', document, version, v.intent === 'preview' ? 'preview' : 'save', clock.now());
    if (outcome.kind === 'saved') return reply.redirect(`${BASE}?done=saved`, 303);
    const purposes = edited.purposes as Array<Record<string, unknown>>;
    const rows = Array.from({ length: MAX_PURPOSES }, (_, n) => ({ n, fixedCode: plan.purposes[n]?.code ?? null, preview: purposes[n] ? labelPreview(purposes[n]) : null }));
    if (outcome.kind === 'meanwhile') return form(request, reply, plan, { version, values: v, rows, general: [MEANWHILE] }, 409);
    if (outcome.kind === 'checked') {
      // As a donor would see it during that fiscal year (from its first day, or now when that is later).
      const now = new Date(Math.max(clock.now().getTime(), fiscalYearInstants(plan.fiscalYear).from.getTime()));
      const resident = await deps.residentView(outcome.profile, { taps: ['menu=donate', 'dk=money'], districtCode: null, now });
      return form(request, reply, plan, { version, values: v, rows, checked: true, resident });
    }
    return form(request, reply, plan, { version, values: v, rows, general: outcome.issues.map((i) => purposeIssue(i, `donations.allocationPlans.${index}.purposes.`)) }, 422);
  });
};
