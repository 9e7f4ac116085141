/**
 * The routes of a settings list edited one item at a time (salons, consultation areas): the list, a form to add an
 * item and one to change each, and the save — the whole list saved as its section, checked by the loader's rules,
 * the item's issues shown beside its fields and its LINE button previewed. An item's code stays as it was.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../domain/ports';
import type { Permission } from '../permissions';
import { easyChecksOf } from './easy-checks';
import { issuesByField, labelPreview, MEANWHILE, postedForm, submitSection, valuesOf, versionOf, type FormValues, type LabelPreview, type ResidentPreview, type ResidentScenario, type SettingsConsole } from './settings-form';

/** What every item form page shows: the item's fields and its issues, its LINE buttons and a resident's view. */
export interface ItemFormView {
  heading: string;
  action: string;
  isNew: boolean;
  version: number;
  values: FormValues;
  errors: Record<string, string>;
  general: string[];
  preview: LabelPreview[] | null;
  resident: ResidentPreview | null;
  residentTitle: string;
  /** The server's やさしい日本語 check of the saved easy-Japanese texts, by field (`aboutEasy` …). */
  easyChecks: Record<string, string>;
}

/** What a form page is given besides its fixed parts. */
export interface ItemFormState {
  version: number;
  values?: FormValues;
  errors?: Record<string, string>;
  general?: string[];
  preview?: LabelPreview[] | null;
  /** What a resident would see with the checked settings. */
  resident?: ResidentPreview | null;
  easyChecks?: Record<string, string>;
}

export interface ItemList<T extends { code: string }> {
  base: string;
  section: 'salons' | 'consultationCategories';
  permission: Permission;
  items(): readonly T[];
  /** The item as the posted form describes it (`existing`'s code and what the form does not edit kept). */
  fromForm(v: FormValues, existing: T | undefined): Record<string, unknown>;
  /** The taps that show the item to a resident (for the preview of a checked form). */
  scenario(item: Record<string, unknown>): Omit<ResidentScenario, 'now'>;
  /** Its long easy-Japanese fields, checked on the server as saved when the item's page is opened. */
  easyFields?: readonly string[];
  listPage(request: FastifyRequest, reply: FastifyReply, saved: boolean): unknown;
  formPage(request: FastifyRequest, reply: FastifyReply, item: T | undefined, state: ItemFormState, status?: number): unknown;
}

export function itemRoutes<T extends { code: string }>(app: FastifyInstance, deps: SettingsConsole, clock: Clock, list: ItemList<T>): void {
  const config = { permission: list.permission };
  const find = (code: string) => list.items().find((i) => i.code === code);

  app.get(list.base, { config }, async (request, reply) => list.listPage(request, reply, (request.query as { done?: string }).done === 'saved'));
  app.get(`${list.base}/new`, { config }, async (request, reply) => list.formPage(request, reply, undefined, { version: await versionOf(deps, list.section) }));
  app.get<{ Params: { code: string } }>(`${list.base}/:code`, { config }, async (request, reply) => {
    const item = find(request.params.code);
    if (!item) return reply.redirect(list.base, 303);
    const easyChecks = await easyChecksOf(deps.easyJapanese, valuesOf(item), list.easyFields ?? []);
    return list.formPage(request, reply, item, { version: await versionOf(deps, list.section), easyChecks });
  });

  async function submit(request: FastifyRequest, reply: FastifyReply, existing: T | undefined) {
    const v = postedForm(request);
    const items = list.items();
    const item = list.fromForm(v, existing);
    const index = existing ? items.indexOf(existing) : items.length;
    const document = existing ? items.map((x, i) => (i === index ? item : x)) : [...items, item];
    const version = Number(v.version) || 0;
    const outcome = await submitSection(deps, request, list.section, document, version, v.intent === 'preview' ? 'preview' : 'save', clock.now());
    if (outcome.kind === 'saved') return reply.redirect(`${list.base}?done=saved`, 303);
    const preview = labelPreview(item);
    if (outcome.kind === 'meanwhile') return list.formPage(request, reply, existing, { version, values: v, general: [MEANWHILE] }, 409);
    if (outcome.kind === 'checked') return list.formPage(request, reply, existing, { version, values: v, preview, resident: await deps.residentView(outcome.profile, { ...list.scenario(item), now: clock.now() }) });
    const { fields, general } = issuesByField(outcome.issues, `${list.section}.${index}`);
    return list.formPage(request, reply, existing, { version, values: v, errors: fields, general, preview }, 422);
  }

  app.post(`${list.base}/new`, { config }, (request, reply) => submit(request, reply, undefined));
  app.post<{ Params: { code: string } }>(`${list.base}/:code`, { config }, async (request, reply) => {
    const item = find(request.params.code);
    if (!item) return reply.redirect(list.base, 303);
    return submit(request, reply, item);
  });
}
