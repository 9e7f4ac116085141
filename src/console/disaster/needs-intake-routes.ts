/**
 * Needs intake in the console (phone, counter, visit, 民生委員): the intake sheet, checked against the screening
 * rules, and saved only after the centre's likely duplicates were shown — staff link the report to one of them or
 * confirm it is separate. The reference number (N-…) and what volunteers cannot do are shown after saving.
 * Counsellors may take needs as well as coordinators; the triage board is the coordinators'.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DAMAGE_KINDS, HOUSEHOLDS, REQUESTER_RELATIONS, SURVEY_DECISIONS, WORK_KINDS } from '../../domain/disaster/needs';
import type { DuplicateMatch } from '../../domain/disaster/duplicates';
import type { NeedSummary } from '../../domain/disaster/needs-admin';
import { intakeScreening, recordNeed, type IntakeDecision } from '../../usecases/disaster/record-need';
import type { ConsoleRoutes } from '../console-module';
import { hasPermission, staffAct } from '../console-guard';
import { sendPage } from '../render';
import { one } from '../shared/form-fields';
import { centreTitle } from './disaster-views';
import { screeningRows } from './need-page-views';
import { needFormValues, parseNeedForm, STAFF_CHANNELS, type NeedFormValues } from './needs-forms';
import { needHref, needsHref, needsNotFound, type NeedsConsole } from './needs-paths';
import { CHANNEL_LABELS, DAMAGE_LABELS, duplicateRows, HOUSEHOLD_LABELS, RELATION_LABELS, SURVEY_LABELS, WORK_LABELS, type DuplicateRow } from './needs-views';

const choices = <T extends string>(codes: readonly T[], labels: Readonly<Record<T, string>>) => codes.map((code) => ({ code, label: labels[code] }));

/** The intake form's fixed choices. */
export const INTAKE_CHOICES = {
  channels: choices(STAFF_CHANNELS, CHANNEL_LABELS),
  relations: choices(REQUESTER_RELATIONS, RELATION_LABELS),
  damage: choices(DAMAGE_KINDS, DAMAGE_LABELS),
  work: choices(WORK_KINDS, WORK_LABELS),
  households: choices(HOUSEHOLDS, HOUSEHOLD_LABELS),
  surveys: choices(SURVEY_DECISIONS, SURVEY_LABELS),
};

const EMPTY: NeedFormValues = needFormValues({ channel: 'phone', relation: 'self', contactMethod: 'phone' });

/** The intake routes (`disaster.needs.intake`: coordinators and counsellors). */
export const needIntakeRoutes: ConsoleRoutes<NeedsConsole> = async (app, { deps: nd, clock }) => {
  const settings = nd.useCases.settings;

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    c: { id: string; name: string; drill: boolean },
    o: { values: NeedFormValues; error?: string | null; duplicates?: DuplicateRow[] | null; screening?: string[]; saved?: { referenceNo: string; href: string | null; linked: boolean; screening: string[] } | null },
    status = 200,
  ) =>
    sendPage(
      request,
      reply,
      'disasterNeedForm',
      `ニーズの受付:${centreTitle(c)}`,
      {
        id: c.id,
        heading: centreTitle(c),
        drill: c.drill,
        action: needsHref(c.id),
        error: o.error ?? null,
        values: o.values,
        duplicates: o.duplicates ?? null,
        screening: screeningRows(o.screening ?? [], settings.screening),
        saved: o.saved ? { ...o.saved, screening: screeningRows(o.saved.screening, settings.screening) } : null,
        rules: settings.screening.map((r) => ({ code: r.code, name: r.name, referral: r.referral })),
        districts: nd.districts,
        choices: INTAKE_CHOICES,
        boardHref: hasPermission(request, 'disaster.needs.triage') ? needsHref(c.id) : null,
      },
      status,
    );

  app.get('/console/disaster/needs', { config: { permission: 'disaster.needs.intake' } }, async (request, reply) => {
    const running = await nd.read.runningCentreId();
    if (running) return reply.redirect(`${needsHref(running)}/new`, 303);
    return sendPage(request, reply, 'error', 'ニーズの受付', { heading: 'ニーズの受付', message: 'いま開設中の災害ボランティアセンターはありません。センターを開設すると、ここからニーズを受け付けられます。', action: { href: '/console', label: 'トップに戻る' } });
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string; linked?: string } }>('/console/disaster/centres/:id/needs/new', { config: { permission: 'disaster.needs.intake' } }, async (request, reply) => {
    const c = await nd.read.centre(request.params.id);
    if (!c) return needsNotFound(request, reply);
    const saved = request.query.saved ? await nd.read.need(request.query.saved) : null;
    const triage = hasPermission(request, 'disaster.needs.triage');
    return formPage(request, reply, c, {
      values: EMPTY,
      saved: saved && saved.centreId === c.id ? { referenceNo: saved.referenceNo, href: triage ? needHref(saved.id) : null, linked: request.query.linked === '1', screening: saved.screening } : null,
    });
  });

  app.post<{ Params: { id: string } }>('/console/disaster/centres/:id/needs', { config: { permission: 'disaster.needs.intake' } }, async (request, reply) => {
    const c = await nd.read.centre(request.params.id);
    if (!c) return needsNotFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = needFormValues(body);
    const parsed = parseNeedForm(body, nd.districts, settings.screening);
    if (!parsed.ok) return formPage(request, reply, c, { values, error: parsed.error }, 400);
    const chosen = one(body.decision);
    const decision: IntakeDecision = chosen === 'separate' ? { kind: 'separate' } : chosen.startsWith('link:') ? { kind: 'link', needId: chosen.slice('link:'.length) } : { kind: 'check' };
    const outcome = await recordNeed(nd.useCases, c.id, parsed.value, decision, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${needsHref(c.id)}/new?saved=${encodeURIComponent(outcome.needId)}${outcome.linked ? '&linked=1' : ''}`, 303);
    switch (outcome.refused) {
      case 'unknown':
        return needsNotFound(request, reply);
      case 'closed':
        return formPage(request, reply, c, { values, error: 'このセンターは終了しています。ニーズは受け付けられません。' }, 409);
      case 'linkTarget':
        return formPage(request, reply, c, { values, error: 'まとめる先のニーズが見つかりません(ほかの職員がまとめた可能性があります)。もう一度選んでください。' }, 409);
      case 'duplicates':
        return formPage(request, reply, c, { values, duplicates: await shownDuplicates(outcome.duplicates), screening: intakeScreening(nd.useCases, parsed.value) }, 409);
    }
  });

  const shownDuplicates = async (matches: readonly DuplicateMatch[]) => {
    const known = new Map<string, NeedSummary>();
    for (const m of matches.slice(0, 10)) {
      const n = await nd.read.need(m.needId);
      if (n) known.set(n.id, n);
    }
    return duplicateRows(matches.slice(0, 10), known, needHref);
  };
};
