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
import { withEasyChecks } from './easy-checks';
import { formNodes, readForm, type FormNode } from './schema-form';
import { labelPreview, MEANWHILE, postedForm, SAVED, submitSection, versionOf, type LabelPreview, type ResidentPreview, type ResidentScenario, type SettingsConsole } from './settings-form';

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
  resident: ResidentPreview | null;
  residentTitle: string;
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

/** What a resident would see of a section, for its preview: the taps (or a message typed) and what that shows. */
const SCENARIOS: Partial<Record<SettingsSection, { title: string; scenario: Omit<ResidentScenario, 'now'> }>> = {
  emergency: { title: '命にかかわる言葉が届いたときの返信（例：「死にたい」）', scenario: { taps: [{ text: '死にたい', danger: 'suicide' }], districtCode: null } },
  donations: { title: '食品の寄付を申し出たところ', scenario: { taps: ['menu=donate', 'dk=food'], districtCode: null } },
};

/** Parts of a section with a page of their own, for staff who may change only that part. */
const PARTS = [{ url: '/console/settings/canned-replies', section: 'consultation', key: 'cannedReplies', title: '相談の返信の定型文', permission: 'settings.cannedReplies' }] as const;

export const sectionRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock }) => {
  /** The page of `section` (or of its `key` only) with `value` in its form; `saved`: the value is the saved one, whose easy-Japanese texts get the server's check. */
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    at: Page,
    value: unknown,
    data: { version: number; status?: string | null; issues?: ProfileIssue[]; preview?: boolean; checked?: boolean; resident?: ResidentPreview | null; saved?: boolean },
    code = 200,
  ) {
    const errors = new Map((data.issues ?? []).map((i) => [i.path, reasonInJapanese(i.message)]));
    const schema = at.key ? (sectionSchema(at.section).properties?.[at.key] ?? {}) : sectionSchema(at.section);
    const form = formNodes(schema, value, at.key ? [at.section, at.key] : [at.section], errors);
    return sendPage(request, reply, 'settingsSection', at.title, {
      heading: `設定：${at.title}`,
      action: at.action,
      version: data.version,
      status: data.status ?? null,
      general: (data.issues ?? []).map(issueLine),
      form: data.saved ? await withEasyChecks(deps.easyJapanese, form) : form,
      preview: data.preview ? choicesIn(value).slice(0, 40).map((c) => ({ name: String(c.name), buttons: labelPreview(c) })) : null,
      checked: data.checked ?? false,
      resident: data.resident ?? null,
      residentTitle: SCENARIOS[at.section]?.title ?? '',
    }, code);
  }

  /** Checks or saves `document` as its section (from the form's `value`), and answers with the page or a redirect. */
  async function submit(request: FastifyRequest, reply: FastifyReply, at: Page, value: unknown, document: unknown) {
    const form = postedForm(request);
    const version = Number(form.version) || 0;
    const outcome = await submitSection(deps, request, at.section, document, version, form.intent === 'preview' ? 'preview' : 'save', clock.now());
    if (outcome.kind === 'saved') return reply.redirect(`${at.action}?done=saved`, 303);
    if (outcome.kind === 'meanwhile') return page(request, reply, at, value, { version, issues: [{ path: at.section, message: MEANWHILE }] }, 409);
    if (outcome.kind === 'checked') {
      const shown = SCENARIOS[at.section];
      const resident = shown ? await deps.residentView(outcome.profile, { ...shown.scenario, now: clock.now() }) : null;
      return page(request, reply, at, value, { version, preview: true, checked: true, resident });
    }
    return page(request, reply, at, value, { version, issues: outcome.issues, preview: true }, 422);
  }

  for (const part of PARTS) {
    const at = { section: part.section, key: part.key, title: part.title, action: part.url };
    app.get(part.url, { config: { permission: part.permission } }, async (request, reply) => {
      const done = (request.query as { done?: string }).done;
      return page(request, reply, at, deps.current()[part.section][part.key], { version: await versionOf(deps, part.section), status: done === 'saved' ? SAVED : null, saved: true });
    });
    app.post(part.url, { config: { permission: part.permission } }, async (request, reply) => {
      const value = readForm(sectionSchema(part.section).properties?.[part.key] ?? {}, postedForm(request), [part.section, part.key]);
      return submit(request, reply, at, value, { ...deps.current()[part.section], [part.key]: value });
    });
  }

  app.get<{ Params: { section: string } }>('/console/settings/section/:section', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const { section } = request.params;
    if (!isSettingsSection(section)) return reply.redirect('/console/settings', 303);
    const done = (request.query as { done?: string }).done;
    return page(request, reply, sectionPage(section), deps.current()[section], { version: await versionOf(deps, section), status: done === 'saved' ? SAVED : null, saved: true });
  });

  app.post<{ Params: { section: string } }>('/console/settings/section/:section', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const { section } = request.params;
    if (!isSettingsSection(section)) return reply.redirect('/console/settings', 303);
    const value = readForm(sectionSchema(section), postedForm(request), [section]);
    return submit(request, reply, sectionPage(section), value, value);
  });
};

/** A form page: of a section, or of one part (`key`) of it. */
interface Page {
  section: SettingsSection;
  key?: string;
  title: string;
  action: string;
}

function sectionPage(section: SettingsSection): Page {
  return { section, title: SECTION_TITLES[section], action: `/console/settings/section/${section}` };
}
