/** The retention policy (データの保存期間) as a console module: admins see how long each kind of data is kept and why, and the last runs. */
import type { ConsoleModule } from '../console-module';
import { retentionRoutes, type RetentionConsole, type RetentionRuleView, type RetentionRunView } from './retention-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    'retention.view': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    retention: { rules: RetentionRuleView[]; runs: RetentionRunView[] };
  }
}

export type { RetentionConsole };

export const retentionModule: ConsoleModule<RetentionConsole> = {
  id: 'retention',
  dir: 'src/console/retention',
  routes: retentionRoutes,
  permissions: { 'retention.view': [] },
  nav: [{ href: '/console/retention', label: 'データの保存期間', permission: 'retention.view', administration: true }],
};
