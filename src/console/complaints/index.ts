/**
 * Complaints and opinions (苦情・ご意見) as a console module, for the person responsible for complaints
 * (苦情解決責任者), who is an admin: the list with statuses, a complaint's page (audited), its moves, notes, and
 * 「結果を伝える」.
 */
import type { ConsoleModule } from '../console-module';
import { complaintRoutes, COMPLAINT_FORM_MAX, type ComplaintConsole, type ComplaintDetailView, type ComplaintListView } from './complaint-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Complaints and opinions (residents' words, names' links, phone numbers): read, move, note, tell the outcome. Admins only. */
    'complaint.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    complaints: ComplaintListView;
    complaint: ComplaintDetailView;
  }
}

export type { ComplaintConsole };
export { complaintReportSource } from './report-section';

export const complaintsModule: ConsoleModule<ComplaintConsole> = {
  id: 'complaints',
  dir: 'src/console/complaints',
  permissions: { 'complaint.manage': [] },
  nav: [{ href: '/console/complaints', label: '苦情・ご意見', permission: 'complaint.manage' }],
  routes: complaintRoutes,
  longestForm: COMPLAINT_FORM_MAX,
};
