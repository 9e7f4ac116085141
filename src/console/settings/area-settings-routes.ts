/**
 * Consultation areas (相談の分野) in the settings: their names and short button labels in every language, the team
 * that receives them, what they cover and what to prepare. An area's code stays as it is (consultations name it).
 */
import type { ConsultationCategory } from '../../domain/council-profile';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { itemRoutes, type ItemFormView } from './item-routes';
import { localized, SAVED, text, valuesOf, type FormValues, type SettingsConsole } from './settings-form';

export interface AreaSettingsListView {
  status: string | null;
  rows: Array<{ name: string; label: string; team: string; href: string }>;
}

export interface AreaSettingsFormView extends ItemFormView {
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
  itemRoutes<ConsultationCategory>(app, deps, clock, {
    base: BASE,
    section: 'consultationCategories',
    permission: 'settings.manage',
    items: () => deps.current().consultationCategories,
    fromForm: areaFromForm,
    scenario: (item) => ({ taps: ['menu=consult', `cat=${String(item.code)}`], districtCode: null }),
    easyFields: ['aboutEasy', 'prepareEasy'],
    listPage(request, reply, saved) {
      const names = new Map(teams().map((t) => [t.code, t.name]));
      return sendPage(request, reply, 'settingsAreas', '相談の分野の設定', {
        status: saved ? SAVED : null,
        rows: deps.current().consultationCategories.map((c) => ({ name: c.name, label: c.label ?? c.name, team: names.get(c.team) ?? c.team, href: `${BASE}/${encodeURIComponent(c.code)}` })),
      });
    },
    formPage(request, reply, area, state, status = 200) {
      const heading = area ? `相談の分野の設定：${area.name}` : '相談の分野を追加する';
      return sendPage(request, reply, 'settingsAreaForm', heading, {
        heading,
        action: area ? `${BASE}/${encodeURIComponent(area.code)}` : `${BASE}/new`,
        isNew: !area,
        values: area ? valuesOf(area) : {},
        errors: {},
        general: [],
        preview: null,
        resident: null,
        residentTitle: 'この分野を選んだところ',
        easyChecks: {},
        teams: teams(),
        ...state,
      }, status);
    },
  });
};
