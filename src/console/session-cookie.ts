/** The console's cookies: names, flags, and the one rule that decides `Secure`. */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Carries the session token. */
export const SESSION_COOKIE = 'tsunagu_session';
/** Carries the secret of the login form's CSRF token before there is a session (double-submit). */
export const LOGIN_CSRF_COOKIE = 'tsunagu_login_csrf';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * `Secure` is set on every cookie except when the request is plain http to a loopback host.
 * Browsers drop a `Secure` cookie set over plain http, so without this exception the console could not be
 * used on a developer's machine or by the e2e test (Chromium on http://127.0.0.1). Loopback traffic never
 * leaves the machine, so nothing is exposed. Any other host gets `Secure`: over plain http on a LAN
 * address the login then fails visibly instead of sending the session in clear text. Behind a TLS proxy the
 * request arrives as http but with the public Host header, so the cookie is still `Secure` (the proxy must
 * pass Host through).
 */
export function cookieIsSecure(request: FastifyRequest): boolean {
  return !(request.protocol === 'http' && LOOPBACK_HOSTS.has(request.hostname));
}

function options(request: FastifyRequest, path: string): CookieSerializeOptions {
  return { path, httpOnly: true, sameSite: 'strict', secure: cookieIsSecure(request) };
}

/** Sets the session cookie (a browser-session cookie: closing the browser forgets it; the server enforces 30 min / 8 h). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, options(request, '/console'));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, options(request, '/console'));
}

/** The login form's pre-session CSRF cookie, scoped to the login path and valid for an hour. */
export function setLoginCsrfCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(LOGIN_CSRF_COOKIE, secret, { ...options(request, '/console/login'), maxAge: 60 * 60 });
}

export function clearLoginCsrfCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(LOGIN_CSRF_COOKIE, options(request, '/console/login'));
}
