/**
 * `GET /console`: the signed-in landing page. A placeholder showing who is signed in; the inbox replaces it
 * (keep the URL, and change its permission to `inbox.view`).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ConsoleDeps } from './console-deps';
import { currentSession } from './console-guard';
import { ROLE_LABELS } from './permissions';
import { sendPage } from './render';

export const homeRoutes: FastifyPluginAsync<ConsoleDeps> = async (app) => {
  app.get('/console', { config: { permission: 'signedIn' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    return sendPage(request, reply, 'home', 'ホーム', { displayName: staff.displayName, roleLabel: ROLE_LABELS[staff.role], teams: staff.teams });
  });
};
