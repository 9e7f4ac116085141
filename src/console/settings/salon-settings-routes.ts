/**
 * Salons in the settings: add a salon with its usual schedule, or change one's names, button labels, place, fee and
 * schedule. A salon's code stays as it is once saved (residents follow it, and its changes of single dates name it).
 * The page checks with the loader's rules and previews each language's button before saving.
 */
import { WEEKDAYS, type Salon } from '../../domain/council-profile';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { itemRoutes, type ItemFormView } from './item-routes';
import { localized, SAVED, text, valuesOf, type FormValues, type SettingsConsole } from './settings-form';

export interface SalonSettingsListView {
  status: string | null;
  rows: Array<{ name: string; district: string; place: string; href: string }>;
}

export interface SalonSettingsFormView extends ItemFormView {
  districts: Array<{ code: string; name: string }>;
  weekdays: Array<{ code: string; name: string }>;
}

const WEEKDAY_NAMES = ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日'];
const BASE = '/console/settings/salons';

/** The salon as the form describes it (the code of `existing` kept; its single-date skips and extras too). */
function salonFromForm(v: FormValues, existing: Salon | undefined): Record<string, unknown> {
  const kind = v.ruleKind ?? 'weekly';
  const rule =
    kind === 'monthlyDay'
      ? { kind, day: Number(v.day) }
      : kind === 'monthlyNth'
        ? { kind, weekday: v.weekday, nth: (v.nth ?? '').split(',').filter(Boolean).map(Number) }
        : { kind: 'weekly', weekday: v.weekday, ...(text(v, 'everyNWeeks') ? { everyNWeeks: Number(v.everyNWeeks), ...(text(v, 'anchor') ? { anchor: text(v, 'anchor') } : {}) } : {}) };
  const optional = (key: string) => (text(v, key) === undefined ? {} : { [key]: text(v, key) });
  return {
    code: existing?.code ?? v.code?.trim() ?? '',
    ...localized(v, 'name'),
    ...localized(v, 'label'),
    district: v.district ?? '',
    place: text(v, 'place') ?? '',
    fee: text(v, 'fee') ?? '',
    ...optional('bring'),
    ...optional('accessibility'),
    contact: text(v, 'contact') ?? '',
    schedule: {
      rule,
      start: v.start ?? '',
      end: v.end ?? '',
      ...(existing?.schedule.skip ? { skip: existing.schedule.skip } : {}),
      ...(existing?.schedule.extra ? { extra: existing.schedule.extra } : {}),
    },
  };
}

/** A saved salon's form values. */
function formOf(s: Salon): FormValues {
  const r = s.schedule.rule;
  return {
    ...valuesOf(s),
    ruleKind: r.kind,
    ...('weekday' in r ? { weekday: r.weekday } : {}),
    ...(r.kind === 'monthlyNth' ? { nth: r.nth.join(',') } : {}),
    ...(r.kind === 'monthlyDay' ? { day: String(r.day) } : {}),
    ...(r.kind === 'weekly' && r.everyNWeeks ? { everyNWeeks: String(r.everyNWeeks), anchor: r.anchor ?? '' } : {}),
    start: s.schedule.start,
    end: s.schedule.end,
  };
}

export const salonSettingsRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock }) => {
  const districts = () => deps.current().districts.map((d) => ({ code: d.code, name: d.name }));
  itemRoutes<Salon>(app, deps, clock, {
    base: BASE,
    section: 'salons',
    permission: 'settings.salons',
    items: () => deps.current().salons,
    fromForm: salonFromForm,
    scenario: (item) => ({ taps: ['menu=events', 'ev=salons', `sl=${String(item.code)}`], districtCode: typeof item.district === 'string' ? item.district : null }),
    listPage(request, reply, saved) {
      const names = new Map(districts().map((d) => [d.code, d.name]));
      return sendPage(request, reply, 'settingsSalons', 'サロンの設定', {
        status: saved ? SAVED : null,
        rows: deps.current().salons.map((s) => ({ name: s.name, district: names.get(s.district) ?? s.district, place: s.place, href: `${BASE}/${encodeURIComponent(s.code)}` })),
      });
    },
    formPage(request, reply, salon, state, status = 200) {
      const heading = salon ? `サロンの設定：${salon.name}` : 'サロンを追加する';
      return sendPage(request, reply, 'settingsSalonForm', heading, {
        heading,
        action: salon ? `${BASE}/${encodeURIComponent(salon.code)}` : `${BASE}/new`,
        isNew: !salon,
        values: salon ? formOf(salon) : { ruleKind: 'weekly', weekday: 'mon', start: '13:30', end: '15:30' },
        errors: {},
        general: [],
        preview: null,
        resident: null,
        residentTitle: 'サロンを開いたところ',
        easyChecks: {},
        districts: districts(),
        weekdays: WEEKDAYS.map((code, i) => ({ code, name: WEEKDAY_NAMES[i] ?? code })),
        ...state,
      }, status);
    },
  });
};
