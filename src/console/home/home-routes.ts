/**
 * `GET /console`: the signed-in landing page: who is signed in, and the 「LINEへの送信」 panel (counts of what
 * became of the bot's messages lately). It shows no personal data, so viewing it writes no audit row.
 */
import { overviewPeriod, type DeliveryCountsSource } from '../../domain/delivery-overview';
import { currentSession } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { ROLE_LABELS } from '../permissions';
import { sendPage } from '../render';
import { deliveryPanel } from './delivery-panel';

/** What the home page needs: what became of the bot's messages, as counts. */
export interface HomeConsoleDeps {
  delivery: DeliveryCountsSource;
}

export const homeRoutes: ConsoleRoutes<HomeConsoleDeps> = async (app, { deps, clock }) => {
  app.get('/console', { config: { permission: 'signedIn' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    const counts = await deps.delivery.counts(overviewPeriod(clock.now()));
    return sendPage(request, reply, 'home', 'ホーム', { displayName: staff.displayName, roleLabel: ROLE_LABELS[staff.role], teams: staff.teams, delivery: deliveryPanel(counts) });
  });
};
