/**
 * Consultation areas (相談の分野) in the settings: their names and short button labels in every language, the team
 * that receives them, what they cover and what to prepare. An area's code stays as it is (consultations name it).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsultationCategory } from '../../domain/council-profile';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { issuesByField, labelPreview, localized, MEANWHILE, postedForm, SAVED, submitSection, text, valuesOf, versionOf, type FormValues, type LabelPreview, type SettingsConsole } from './settings-form';

export interface AreaSettingsListView {
  status: string | null;
  rows: Array<{ name: string; label: string; team: string; href: string }>;
}

export interface AreaSettingsFormView {
  heading: string;
  action: string;
  isNew: boolean;
  version: number;
  values: FormValues;
  errors: Record<string, string>;
  general: string[];
  preview: LabelPreview[] | null;
  teams: Array<{ code: string; name: string }>;
}

const BASE = '/console/settings/areas';

function areaFromForm(v: FormValues, existing: ConsultationCategory | undefined): Record<string, unknown> {
  return {
    code: existing?.code ?? v.code?.trim() ?? '',
    ...localized(v, 'name'),
    ...localized(v, 'label'),
    team: v.team ?? '',
    about: text(v, 'about') ?? '',
    ...localized(v, 'about'),
    prepare: text(v, 'prepare') ?? '',
    ...localized(v, 'prepare'),
    consentTopics: existing?.consentTopics ?? [],
  };
}

export const areaSettingsRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock }) => {
  const teams = () => deps.current().teams.map((t) => ({ code: t.code, name: t.name }));
  const find = (code: string) => deps.current().consultationCategories.find((c) => c.code === code);

  function form(request: FastifyRequest, reply: FastifyReply, area: ConsultationCategory | undefined, data: Partial<AreaSettingsFormView> & { version: number }, status = 200) {
    const heading = area ? `相談の分野の設定：${area.name}` : '相談の分野を追加する';
    return sendPage(request, reply, 'settingsAreaForm', heading, {
      heading,
      action: area ? `${BASE}/${encodeURIComponent(area.code)}` : `${BASE}/new`,
      isNew: !area,
      values: area ? valuesOf(area) : {},
      errors: {},
      general: [],
      preview: null,
      teams: teams(),
      ...data,
    }, status);
  }

  app.get(BASE, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const names = new Map(teams().map((t) => [t.code, t.name]));
    const done = (request.query as { done?: string }).done;
    return sendPage(request, reply, 'settingsAreas', '相談の分野の設定', {
      status: done === 'saved' ? SAVED : null,
      rows: deps.current().consultationCategories.map((c) => ({ name: c.name, label: c.label ?? c.name, team: names.get(c.team) ?? c.team, href: `${BASE}/${encodeURIComponent(c.code)}` })),
    });
  });

  app.get(`${BASE}/new`, { config: { permission: 'settings.manage' } }, async (request, reply) => form(request, reply, undefined, { version: await versionOf(deps, 'consultationCategories') }));

  app.get<{ Params: { code: string } }>(`${BASE}/:code`, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const area = find(request.params.code);
    if (!area) return reply.redirect(BASE, 303);
    return form(request, reply, area, { version: await versionOf(deps, 'consultationCategories') });
  });

  async function submit(request: FastifyRequest, reply: FastifyReply, existing: ConsultationCategory | undefined) {
    const v = postedForm(request);
    const areas = deps.current().consultationCategories;
    const item = areaFromForm(v, existing);
    const index = existing ? areas.indexOf(existing) : areas.length;
    const document = existing ? areas.map((c, i) => (i === index ? item : c)) : [...areas, item];
    const version = Number(v.version) || 0;
    const outcome = await submitSection(deps, request, 'consultationCategories', document, version, v.intent === 'preview' ? 'preview' : 'save', clock.now());
    const preview = labelPreview(item);
    if (outcome.kind === 'saved') return reply.redirect(`${BASE}?done=saved`, 303);
    if (outcome.kind === 'meanwhile') return form(request, reply, existing, { version, values: v, general: [MEANWHILE] }, 409);
    if (outcome.kind === 'checked') return form(request, reply, existing, { version, values: v, preview });
    const { fields, general } = issuesByField(outcome.issues, `consultationCategories.${index}`);
    return form(request, reply, existing, { version, values: v, errors: fields, general, preview }, 422);
  }

  app.post(`${BASE}/new`, { config: { permission: 'settings.manage' } }, (request, reply) => submit(request, reply, undefined));
  app.post<{ Params: { code: string } }>(`${BASE}/:code`, { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const area = find(request.params.code);
    if (!area) return reply.redirect(BASE, 303);
    return submit(request, reply, area);
  });
};
