/** The audit log (監査ログ) as a console module: admins read who viewed and changed what. */
import type { ConsoleModule } from '../console-module';
import { auditRoutes, type AuditRowView } from './audit-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    'audit.view': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    audit: {
      rows: AuditRowView[];
      olderHref: string | null;
      newestHref: string | null;
      csvHref: string;
      filter: { staff: Array<{ id: string; name: string; selected: boolean }>; actions: Array<{ code: string; label: string; selected: boolean }>; resident: string; active: boolean };
    };
  }
}

export const auditModule: ConsoleModule<Record<string, never>> = {
  id: 'audit',
  dir: 'src/console/audit',
  routes: auditRoutes,
  permissions: { 'audit.view': [] },
  nav: [{ href: '/console/audit', label: '監査ログ', permission: 'audit.view', administration: true }],
};
