/** The console's home page (ホーム) as a console module: any signed-in member's landing page. */
import type { ConsoleModule } from '../console-module';
import type { DeliveryPanelView } from './delivery-panel';
import type { GlanceFigure } from './day-at-glance';
import { homeRoutes, type HomeConsoleDeps } from './home-routes';

declare module '../render' {
  interface ConsoleViews {
    home: { displayName: string; roleLabel: string; teams: string[]; today: GlanceFigure[]; delivery: DeliveryPanelView };
  }
}

export type { HomeConsoleDeps };

export const homeModule: ConsoleModule<HomeConsoleDeps> = {
  id: 'home',
  dir: 'src/console/home',
  routes: homeRoutes,
  nav: [{ href: '/console', label: 'ホーム', permission: 'signedIn' }],
};
