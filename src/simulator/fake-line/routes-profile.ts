/**
 * User-facing odds and ends: the profile (404 unless a non-blocked friend, LINE-PLATFORM.md §3) and the
 * loading indicator (202 with `{}` whenever the body is valid, as LINE answers even when nothing shows).
 */
import type { FastifyInstance } from 'fastify';
import { notFound, refuseIfInvalid } from './line-errors';
import { param, route, type RouteContext } from './route-kit';
import { DetailCollector, isObject } from './validate-common';

/** LINE's default when `loadingSeconds` is omitted (REF#display-a-loading-indicator). */
const DEFAULT_LOADING_SECONDS = 20;

/** Registers the profile and loading-indicator routes. */
export function registerProfileRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { state } = ctx;

  route(app, 'GET', '/v2/bot/profile/:userId', 'profile', async (request) => {
    const friend = state.friend(param(request, 'userId'));
    if (!friend || friend.blocked) throw notFound();
    return {
      userId: friend.userId,
      displayName: friend.displayName,
      ...(friend.pictureUrl !== undefined ? { pictureUrl: friend.pictureUrl } : {}),
      ...(friend.statusMessage !== undefined ? { statusMessage: friend.statusMessage } : {}),
      ...(friend.language !== undefined ? { language: friend.language } : {}),
    };
  });

  route(app, 'POST', '/v2/bot/chat/loading/start', 'loading', async (request, reply) => {
    const c = new DetailCollector();
    const body = isObject(request.body) ? request.body : {};
    const chatId = c.string(body, 'chatId', '', { required: true });
    const seconds = c.number(body, 'loadingSeconds', '');
    if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 5 || seconds > 60 || seconds % 5 !== 0)) {
      c.add('loadingSeconds', 'Must be a multiple of 5 between 5 and 60');
    }
    refuseIfInvalid(c.details);
    state.recordLoading({ chatId: chatId ?? '', loadingSeconds: seconds ?? DEFAULT_LOADING_SECONDS, at: state.now() });
    reply.code(202);
    return {};
  });
}
