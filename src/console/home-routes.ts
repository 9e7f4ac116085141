/**
 * `GET /console`: the signed-in landing page: who is signed in, and the 「LINEへの送信」 panel (counts of what
 * became of the bot's messages lately). It shows no personal data, so viewing it writes no audit row.
 */
import type { FastifyPluginAsync } from 'fastify';
import { overviewPeriod } from '../domain/delivery-overview';
import type { ConsoleDeps } from './console-deps';
import { currentSession } from './console-guard';
import { deliveryPanel } from './delivery-panel';
import { ROLE_LABELS } from './permissions';
import { sendPage } from './render';

export const homeRoutes: FastifyPluginAsync<ConsoleDeps> = async (app, deps) => {
  app.get('/console', { config: { permission: 'signedIn' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    const counts = await deps.deliveryConsole.counts.counts(overviewPeriod(deps.clock.now()));
    return sendPage(request, reply, 'home', 'ホーム', { displayName: staff.displayName, roleLabel: ROLE_LABELS[staff.role], teams: staff.teams, delivery: deliveryPanel(counts) });
  });
};
