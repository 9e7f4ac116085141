/**
 * Settings as a console module: what a council changes in a year, changed by its staff on pages instead of in the
 * profile file — salons, consultation areas, allocation plans on their own pages, every other section on a form drawn
 * from the loader's schema — each checked with the loader's rules and previewed,
 * in effect at once on every instance; the history of every change with before and after, and undo; the settings
 * exported as a profile file, or a file imported after a look at what it changes.
 */
import type { ConsoleModule } from '../console-module';
import { areaSettingsRoutes, type AreaSettingsFormView, type AreaSettingsListView } from './area-settings-routes';
import { planSettingsRoutes, type PlanSettingsFormView, type PlanSettingsListView } from './plan-settings-routes';
import { sectionRoutes, type SectionFormView } from './section-routes';
import { salonSettingsRoutes, type SalonSettingsFormView, type SalonSettingsListView } from './salon-settings-routes';
import type { SettingsConsole } from './settings-form';
import { fileRoutes, IMPORT_MAX_CHARS, type SettingsImportView } from './file-routes';
import { settingsRoutes, type SettingsChangeView, type SettingsHistoryView, type SettingsIndexView } from './settings-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Change the council's settings (areas, plans, hours …), see their history, undo, export and import the profile file. */
    'settings.manage': true;
    /** Add salons and change their names, place, fee and usual schedule. */
    'settings.salons': true;
    /** Change the replies staff reuse on a conversation's page (定型文). */
    'settings.cannedReplies': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    settings: SettingsIndexView;
    settingsHistory: SettingsHistoryView;
    settingsChange: SettingsChangeView;
    settingsImport: SettingsImportView;
    settingsSalons: SalonSettingsListView;
    settingsSalonForm: SalonSettingsFormView;
    settingsAreas: AreaSettingsListView;
    settingsAreaForm: AreaSettingsFormView;
    settingsPlans: PlanSettingsListView;
    settingsPlanForm: PlanSettingsFormView;
    settingsSection: SectionFormView;
  }
}

export type { SettingsConsole };
export type { ResidentPreview, ResidentScenario } from './settings-form';

export const settingsModule: ConsoleModule<SettingsConsole> = {
  id: 'settings',
  dir: 'src/console/settings',
  permissions: { 'settings.manage': [], 'settings.salons': ['coordinator'], 'settings.cannedReplies': ['coordinator'] },
  nav: [{ href: '/console/settings', label: '設定', permission: 'settings.manage' }],
  longestForm: IMPORT_MAX_CHARS,
  routes: async (app, options) => {
    await app.register(settingsRoutes, options);
    await app.register(fileRoutes, options);
    await app.register(salonSettingsRoutes, options);
    await app.register(areaSettingsRoutes, options);
    await app.register(planSettingsRoutes, options);
    await app.register(sectionRoutes, options);
  },
};
