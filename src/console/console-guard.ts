/**
 * The console's access control, applied to every route whose URL starts with `/console`, wherever it is
 * registered (this plugin is not encapsulated, so its `onRoute` hook sees the whole app):
 * - registration fails unless the route declares `config: { permission }` (see `permissions.ts`);
 * - `onRequest` sets the security headers (@fastify/helmet), resumes the session from the cookie, and refuses
 *   cross-site writes (403), anonymous requests (303 to the login page, or 401 for XHR) and members whose role
 *   lacks the permission (403) — before the body is even read;
 * - `preValidation` (once the body is parsed, before any schema runs) refuses writes without a valid CSRF token
 *   (@fastify/csrf-protection; 403).
 * Routes therefore write only `config: { permission: '…' }` and read `request.consoleSession`.
 *
 * CSRF tokens are made by @fastify/csrf-protection from a secret it reads from `request.session.csrfSecret` (its
 * `@fastify/session` mode): on signed-in routes the secret stored with the console session (so a token is good
 * for its session only, and survives a restart), on the public login form the secret in the login form's own
 * cookie (double submit: there is no session yet). Each page gets a freshly salted token.
 */
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestHookHandler, preValidationHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { StaffAct } from '../usecases/staff-act';
import type { ActiveSession, ConsoleSessions } from './console-sessions';
import type { Permission, RoutePermission } from './permissions';
import { refuse } from './refusals';
import { clearSessionCookie, LOGIN_CSRF_COOKIE, SESSION_COOKIE } from './session-cookie';

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
    /** Open to a session whose authenticator code is still due (the code page, logout); nothing else is. */
    duringSignIn?: boolean;
    /** Open to a member who must switch two-factor sign-in on first (its pages, logout); nothing else is. */
    duringEnrolment?: boolean;
    // Keeps other plugins' own config interfaces assignable: without it this interface would be a "weak
    // type" (all properties optional) and TypeScript would refuse configs that share no property with it.
    [key: string]: any;
  }
  interface FastifyRequest {
    /** The signed-in member and session on console routes; null when anonymous. */
    consoleSession: ActiveSession | null;
    /** Where @fastify/csrf-protection reads (and, for a new login form, writes) the CSRF secret; set by the guard. */
    session: { csrfSecret?: string } | null;
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

/**
 * The security headers of every console response. @fastify/helmet's defaults (nosniff, Strict-Transport-Security,
 * Cross-Origin-Resource-Policy, Origin-Agent-Cluster …) with the console's own policy: only same-origin scripts,
 * styles, forms and images (and inline `data:` images), never framed, and no referrer beyond this site — the login
 * page's ?next=… and thread URLs never leak to another site. Helmet's default CSP would add
 * `upgrade-insecure-requests`, which breaks the console over plain http on 127.0.0.1 (development, the e2e tests);
 * `includeSubDomains` is left off so the console's host does not force HTTPS on the council's other sites.
 * Registered with `global: false` and applied by the guard to console routes only: the two hooks helmet then adds
 * to every request cost the webhook nothing measurable (a bare Fastify route at ~40,000 requests/s under
 * autocannon, with and without them, within the runs' noise).
 */
const CONSOLE_HEADERS: FastifyHelmetOptions = {
  global: false,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false },
};

/** The shape of the secrets and tokens the console makes (32 random bytes, base64url). */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

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

/** The CSRF token a write carries: header `x-csrf-token` (scripts) or form field `_csrf`. */
function submittedCsrf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | null | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
}

/** True for the refusal @fastify/csrf-protection sends: no secret to check against, or a token that does not match it. */
export function isCsrfRefusal(error: { code?: string }): boolean {
  return error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
}

/** The CSRF secret in the login form's cookie, if it looks like one. */
function loginFormSecret(request: FastifyRequest): string | undefined {
  const secret = request.cookies[LOGIN_CSRF_COOKIE];
  return secret && SECRET.test(secret) ? secret : undefined;
}

function prepend<T>(hook: T, existing: T | T[] | undefined): T[] {
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  // Fastify re-runs onRoute for the HEAD twin of a GET route with the same (already guarded) options.
  return list.includes(hook) ? list : [hook, ...list];
}

type ErrorHandler = (this: unknown, error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown;
const csrfAware = new WeakSet<ErrorHandler>();

/**
 * The route's error handler, with a CSRF refusal answered as the console says no ({@link refuse}): a route's own
 * handler (the login form's) comes first; any other error goes on to the scope's handler.
 */
function withCsrfRefusal(own: ErrorHandler | undefined): ErrorHandler {
  if (own && csrfAware.has(own)) return own;
  const handler: ErrorHandler = function (error, request, reply) {
    if (own) return own.call(this, error, request, reply);
    if (isCsrfRefusal(error)) return refuse(request, reply, 'csrf');
    throw error;
  };
  csrfAware.add(handler);
  return handler;
}

const plugin: FastifyPluginAsync<ConsoleGuardOptions> = async (app, { sessions }) => {
  const access = app.consoleAccess;
  await app.register(cookie);
  await app.register(helmet, CONSOLE_HEADERS);
  await app.register(csrfProtection, { sessionPlugin: '@fastify/session', sessionKey: 'csrfSecret', getToken: submittedCsrf, csrfOpts: { secretLength: 32 } });
  app.decorateRequest('consoleSession', null);
  app.decorateRequest('session', null);
  const routes: ConsoleRouteInfo[] = [];
  app.decorate('consoleRoutes', routes);

  const admit: onRequestHookHandler = async (request, reply) => {
    reply.helmet();
    reply.header('cache-control', 'no-store');
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      // Background refreshes of an open page (`x-console-poll`) must not keep an unattended screen signed in.
      request.consoleSession = await sessions.resume(token, { touch: request.headers['x-console-poll'] !== '1' });
      if (!request.consoleSession) clearSessionCookie(request, reply);
    }
    const permission = routePermission(request);
    request.session = { csrfSecret: permission === 'public' ? loginFormSecret(request) : request.consoleSession?.session.csrfToken };
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) return refuse(request, reply, 'crossSite');
    if (permission === 'public') return;
    const active = request.consoleSession;
    if (!active) return refuse(request, reply, 'anonymous');
    const { duringSignIn, duringEnrolment } = request.routeOptions.config;
    if (active.session.pendingSecondFactor && duringSignIn !== true) return refuse(request, reply, 'secondFactor');
    if (active.mustEnrol && duringEnrolment !== true) return refuse(request, reply, 'enrolment');
    if (permission !== 'signedIn' && !access.can(active.staff.role, permission)) return refuse(request, reply, 'forbidden');
  };

  const checkCsrf: preValidationHookHandler = (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
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
    route.errorHandler = withCsrfRefusal(route.errorHandler as ErrorHandler | undefined);
  });
};

/** Registers cookies, the session decorators and the guard for the whole app. Register before any console route. */
export const consoleGuard = fp(plugin, { name: 'tsunagu-console-guard', fastify: '5.x' });

/** The signed-in member of a guarded (non-public) route; throws if called where the guard let anonymous through. */
export function currentSession(request: FastifyRequest): ActiveSession {
  if (!request.consoleSession) throw new Error(`no console session on ${request.method} ${request.url}`);
  return request.consoleSession;
}

/** The signed-in member's act at `at`, as a use case records it (who, from which address, when). */
export function staffAct(request: FastifyRequest, at: Date): StaffAct {
  return { staffId: currentSession(request).staff.id, ip: request.ip, at };
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
