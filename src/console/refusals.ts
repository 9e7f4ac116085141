/**
 * How the console says no: an HTML page for people, JSON for scripts (XHR / `accept: application/json`).
 * Anonymous page requests are sent to the login page instead, with where they were going in `?next=`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from './render';

export type Refusal = 'anonymous' | 'forbidden' | 'csrf' | 'crossSite' | 'secondFactor' | 'enrolment';

/** Where a session waiting for its authenticator code is sent, and where an admin without two-factor sets it up. */
export const SECOND_FACTOR_PAGE = '/console/login/code';
export const ENROLMENT_PAGE = '/console/account/two-factor';

/** True when the client wants JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.headers['x-requested-with'] === 'XMLHttpRequest') return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** The login page URL that returns to `url` afterwards. */
export function loginUrl(next?: string): string {
  return next && next !== '/console' ? `/console/login?next=${encodeURIComponent(next)}` : '/console/login';
}

const PAGES: Record<Exclude<Refusal, 'anonymous' | 'secondFactor' | 'enrolment'>, { heading: string; message: string }> = {
  forbidden: { heading: '権限がありません', message: 'このページを開く権限がありません。必要な場合は管理者にご相談ください。' },
  csrf: { heading: '操作を確認できませんでした', message: '画面の有効期限が切れたか、別の画面からの送信です。ページを開き直して、もう一度お試しください。' },
  crossSite: { heading: '操作を確認できませんでした', message: '別のサイトからの送信は受け付けていません。職員コンソールの画面から操作してください。' },
};

/** Sends the refusal and ends the request. */
export function refuse(request: FastifyRequest, reply: FastifyReply, why: Refusal): FastifyReply {
  if (why === 'anonymous') {
    if (wantsJson(request)) return reply.code(401).send({ error: 'unauthenticated', login: '/console/login' });
    // Only a page view is worth returning to; a form posted after the session ended just goes to the login page.
    const back = request.method === 'GET' || request.method === 'HEAD' ? request.url : undefined;
    return reply.code(303).header('location', loginUrl(back)).send();
  }
  if (why === 'secondFactor') {
    if (wantsJson(request)) return reply.code(401).send({ error: 'second factor due', login: SECOND_FACTOR_PAGE });
    return reply.code(303).header('location', SECOND_FACTOR_PAGE).send();
  }
  if (why === 'enrolment') {
    if (wantsJson(request)) return reply.code(403).send({ error: 'two-factor enrolment required', enrol: ENROLMENT_PAGE });
    return reply.code(303).header('location', ENROLMENT_PAGE).send();
  }
  if (wantsJson(request)) return reply.code(403).send({ error: why });
  const page = PAGES[why];
  const action = request.consoleSession ? { href: '/console', label: 'ホームに戻る' } : { href: '/console/login', label: 'ログイン画面へ' };
  return sendPage(request, reply, 'error', page.heading, { ...page, action }, 403);
}
