/** A resident's data on request (利用者の情報): admins find a resident, see, export and erase what every feature holds. */
import type { ConsoleModule } from '../console-module';
import { residentsRoutes, type ResidentEraseView, type ResidentExportView, type ResidentPageView, type ResidentsConsole, type ResidentsSearchView } from './residents-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    'resident.data': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    residents: ResidentsSearchView;
    resident: ResidentPageView;
    residentExport: ResidentExportView;
    residentErase: ResidentEraseView;
  }
}

export type { ResidentsConsole };

export const residentsModule: ConsoleModule<ResidentsConsole> = {
  id: 'residents',
  dir: 'src/console/residents',
  routes: residentsRoutes,
  permissions: { 'resident.data': [] },
  nav: [{ href: '/console/residents', label: '利用者の情報（開示・消去）', permission: 'resident.data', administration: true }],
};
