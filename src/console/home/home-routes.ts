/**
 * `GET /console`: the signed-in landing page: who is signed in, the day at a glance (counts of what waits for
 * staff today, each linking to its page) and the 「LINEへの送信」 panel (counts of what became of the bot's messages
 * lately). It shows no personal data, so viewing it writes no audit row.
 */
import type { DayAtGlanceSource } from '../../domain/day-at-glance';
import { overviewPeriod, type DeliveryCountsSource } from '../../domain/delivery-overview';
import { currentSession, mayOpen } from '../console-guard';
import { glanceFigures } from './day-at-glance';
import type { ConsoleRoutes } from '../console-module';
import { ROLE_LABELS } from '../permissions';
import { sendPage } from '../render';
import { deliveryPanel } from './delivery-panel';

/** What the home page needs: what became of the bot's messages, as counts. */
export interface HomeConsoleDeps {
  delivery: DeliveryCountsSource;
  /** Today's counts of what waits for staff. */
  glance: DayAtGlanceSource;
}

export const homeRoutes: ConsoleRoutes<HomeConsoleDeps> = async (app, { deps, clock }) => {
  app.get('/console', { config: { permission: 'signedIn' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    const now = clock.now();
    const [counts, glance] = await Promise.all([deps.delivery.counts(overviewPeriod(now)), deps.glance.counts(now)]);
    const today = glanceFigures(glance, (href) => mayOpen(request, href));
    return sendPage(request, reply, 'home', 'ホーム', { displayName: staff.displayName, roleLabel: ROLE_LABELS[staff.role], teams: staff.teams, today, delivery: deliveryPanel(counts) });
  });
};
