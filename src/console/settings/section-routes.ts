/**
 * Every other section of the settings on one page each (helplines, districts, hours and holidays, skills, food rules,
 * canned replies, the push budget and quiet hours, the disaster centre's defaults …): a form drawn from the loader's
 * schema (schema-form.ts), checked with its rules, previewed as LINE's buttons, saved as a version.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProfileIssue } from '../../domain/council-profile';
import { isSettingsSection, SECTION_TITLES, sectionSchema, type SettingsSection } from '../../domain/settings/sections';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { issueLine, reasonInJapanese } from './issue-text';
import { formNodes, readForm, type FormNode } from './schema-form';
import { labelPreview, MEANWHILE, postedForm, SAVED, submitSection, versionOf, type LabelPreview, type SettingsConsole } from './settings-form';

export interface SectionFormView {
  heading: string;
  action: string;
  version: number;
  status: string | null;
  general: string[];
  form: FormNode;
  /** The section's choices (items with a code and a name) as LINE's buttons. */
  preview: Array<{ name: string; buttons: LabelPreview[] }> | null;
  checked: boolean;
}

/** Choices residents tap in the section: objects with a code and a name, anywhere in it. */
function choicesIn(v: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(v)) v.forEach((x) => choicesIn(x, out));
  else if (typeof v === 'object' && v !== null) {
    const r = v as Record<string, unknown>;
    if (typeof r.code === 'string' && typeof r.name === 'string') out.push(r);
    Object.values(r).forEach((x) => choicesIn(x, out));
  }
  return out;
}

export const sectionRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock }) => {
  function page(request: FastifyRequest, reply: FastifyReply, section: SettingsSection, value: unknown, data: { version: number; status?: string | null; issues?: ProfileIssue[]; preview?: boolean; checked?: boolean }, code = 200) {
    const errors = new Map((data.issues ?? []).map((i) => [i.path, reasonInJapanese(i.message)]));
    return sendPage(request, reply, 'settingsSection', SECTION_TITLES[section], {
      heading: `設定：${SECTION_TITLES[section]}`,
      action: `/console/settings/section/${section}`,
      version: data.version,
      status: data.status ?? null,
      general: (data.issues ?? []).map(issueLine),
      form: formNodes(sectionSchema(section), value, [section], errors),
      preview: data.preview ? choicesIn(value).slice(0, 40).map((c) => ({ name: String(c.name), buttons: labelPreview(c) })) : null,
      checked: data.checked ?? false,
    }, code);
  }

  app.get<{ Params: { section: string } }>('/console/settings/section/:section', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const { section } = request.params;
    if (!isSettingsSection(section)) return reply.redirect('/console/settings', 303);
    const done = (request.query as { done?: string }).done;
    return page(request, reply, section, deps.current()[section], { version: await versionOf(deps, section), status: done === 'saved' ? SAVED : null });
  });

  app.post<{ Params: { section: string } }>('/console/settings/section/:section', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const { section } = request.params;
    if (!isSettingsSection(section)) return reply.redirect('/console/settings', 303);
    const form = postedForm(request);
    const version = Number(form.version) || 0;
    const value = readForm(sectionSchema(section), form, [section]);
    const outcome = await submitSection(deps, request, section, value, version, form.intent === 'preview' ? 'preview' : 'save', clock.now());
    if (outcome.kind === 'saved') return reply.redirect(`/console/settings/section/${section}?done=saved`, 303);
    if (outcome.kind === 'meanwhile') return page(request, reply, section, value, { version, issues: [{ path: section, message: MEANWHILE }] }, 409);
    if (outcome.kind === 'checked') return page(request, reply, section, value, { version, preview: true, checked: true });
    return page(request, reply, section, value, { version, issues: outcome.issues, preview: true }, 422);
  });
};
