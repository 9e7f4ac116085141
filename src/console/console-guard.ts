/**
 * The console's access control, applied to every route whose URL starts with `/console`, wherever it is
 * registered (this plugin is not encapsulated, so its `onRoute` hook sees the whole app):
 * - registration fails unless the route declares `config: { permission }` (see `permissions.ts`);
 * - `onRequest` sets security headers, resumes the session from the cookie, and refuses cross-site writes
 *   (403), anonymous requests (303 to the login page, or 401 for XHR) and members whose role lacks the
 *   permission (403) — before the body is even read;
 * - `preValidation` (once the body is parsed, before any schema runs) refuses writes without the session's
 *   CSRF token (403).
 * Routes therefore write only `config: { permission: '…' }` and read `request.consoleSession`.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyRequest, onRequestHookHandler, preValidationHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { ActiveSession, ConsoleSessions } from './console-sessions';
import type { Permission, RoutePermission } from './permissions';
import { refuse } from './refusals';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie';

/** A registered console route and what it requires (read by the route-walking test). */
export interface ConsoleRouteInfo {
  method: string;
  url: string;
  permission: RoutePermission;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every `/console` route: a permission, `signedIn` or `public`. */
    permission?: RoutePermission;
    // Keeps other plugins' own config interfaces assignable: without it this interface would be a "weak
    // type" (all properties optional) and TypeScript would refuse configs that share no property with it.
    [key: string]: any;
  }
  interface FastifyRequest {
    /** The signed-in member and session on console routes; null when anonymous. */
    consoleSession: ActiveSession | null;
  }
  interface FastifyInstance {
    /** Every `/console` route registered so far, with its permission. */
    consoleRoutes: readonly ConsoleRouteInfo[];
  }
}

/** What the guard needs besides the permission table (`app.consoleAccess`, decorated before it is registered). */
export interface ConsoleGuardOptions {
  sessions: ConsoleSessions;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // `same-origin`: the login page's ?next=… and thread URLs never leak to another site.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** True for URLs the guard owns. */
export function isConsoleUrl(url: string): boolean {
  return url.startsWith('/console');
}

/** The `config.permission` of the route serving this request. */
export function routePermission(request: FastifyRequest): RoutePermission {
  return request.routeOptions.config.permission as RoutePermission;
}

/** True when nothing says the request came from another site. Hosts are compared, not schemes: behind a TLS proxy the app sees http. */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return true;
  try {
    // Both through URL, so a default port (`:80`, `:443`) written on one side only still matches.
    return new URL(origin).host === new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return false; // includes the opaque origin "null"
  }
}

/** The CSRF token a write carries: form field `_csrf` or header `x-csrf-token`. */
function submittedCsrf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | null | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
}

/** Constant-time comparison of two tokens (false when either is missing). */
export function tokensMatch(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function prepend<T>(hook: T, existing: T | T[] | undefined): T[] {
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  // Fastify re-runs onRoute for the HEAD twin of a GET route with the same (already guarded) options.
  return list.includes(hook) ? list : [hook, ...list];
}

const plugin: FastifyPluginAsync<ConsoleGuardOptions> = async (app, { sessions }) => {
  const access = app.consoleAccess;
  await app.register(cookie);
  app.decorateRequest('consoleSession', null);
  const routes: ConsoleRouteInfo[] = [];
  app.decorate('consoleRoutes', routes);

  const admit: onRequestHookHandler = async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      // Background refreshes of an open page (`x-console-poll`) must not keep an unattended screen signed in.
      request.consoleSession = await sessions.resume(token, { touch: request.headers['x-console-poll'] !== '1' });
      if (!request.consoleSession) clearSessionCookie(request, reply);
    }
    const permission = routePermission(request);
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) return refuse(request, reply, 'crossSite');
    if (permission === 'public') return;
    const active = request.consoleSession;
    if (!active) return refuse(request, reply, 'anonymous');
    if (permission !== 'signedIn' && !access.can(active.staff.role, permission)) return refuse(request, reply, 'forbidden');
  };

  const checkCsrf: preValidationHookHandler = async (request, reply) => {
    const active = request.consoleSession;
    if (SAFE_METHODS.has(request.method) || routePermission(request) === 'public' || !active) return;
    if (!tokensMatch(submittedCsrf(request), active.session.csrfToken)) return refuse(request, reply, 'csrf');
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isConsoleUrl(route.url)) return;
    const permission = route.config?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!access.isRoutePermission(permission)) {
      throw new Error(
        `Console route ${methods.join(',')} ${route.url} must declare config: { permission } — a permission a console module declares (see src/console/permissions.ts), 'signedIn' or 'public' (got ${JSON.stringify(permission)})`,
      );
    }
    for (const method of methods) {
      if (!routes.some((r) => r.method === method && r.url === route.url)) routes.push({ method, url: route.url, permission });
    }
    route.onRequest = prepend(admit, route.onRequest);
    route.preValidation = prepend(checkCsrf, route.preValidation);
  });
};

/** Registers cookies, the session decorators and the guard for the whole app. Register before any console route. */
export const consoleGuard = fp(plugin, { name: 'tsunagu-console-guard', fastify: '5.x' });

/** The signed-in member of a guarded (non-public) route; throws if called where the guard let anonymous through. */
export function currentSession(request: FastifyRequest): ActiveSession {
  if (!request.consoleSession) throw new Error(`no console session on ${request.method} ${request.url}`);
  return request.consoleSession;
}

/** True when the signed-in member of this request holds `permission`. */
export function hasPermission(request: FastifyRequest, permission: Permission): boolean {
  return request.server.consoleAccess.can(currentSession(request).staff.role, permission);
}

/**
 * True when the signed-in member may open the console page at `url` (a GET route without parameters): for a link
 * to another module's page, which shows only where that module is there and the member may use it.
 */
export function mayOpen(request: FastifyRequest, url: string): boolean {
  const route = request.server.consoleRoutes.find((r) => r.method === 'GET' && r.url === url);
  if (!route || !request.consoleSession) return false;
  return route.permission === 'public' || route.permission === 'signedIn' || hasPermission(request, route.permission);
}
