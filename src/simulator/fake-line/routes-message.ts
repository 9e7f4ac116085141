/**
 * Sending routes (reply, push, multicast, broadcast), quota, and message content. Order of checks per
 * request, after the plugin's auth/rate-limit/fault hooks: retry key (format, then 409 for a repeat),
 * body validation, reply token, monthly quota, delivery. Nothing is counted or remembered for a refusal.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LINE_ERROR, LineRefusal, notFound, refuseIfInvalid } from './line-errors';
import { header, param, route, type RouteContext } from './route-kit';
import type { FakeDeliveryVia, SentMessage } from './types';
import { validateSendRequest } from './validate-message';

/** A retry key is "a UUID in hexadecimal format" (DOCS/retrying-api-request/). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SendBody {
  replyToken: string;
  to: string | string[];
  messages: unknown[];
}

/** Registers reply, push, multicast, broadcast, quota and content routes. */
export function registerMessageRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { state } = ctx;

  route(app, 'POST', '/v2/bot/message/reply', 'reply', async (request) => {
    refuseIfInvalid(validateSendRequest('reply', request.body));
    const body = request.body as SendBody;
    const userId = state.useReplyToken(body.replyToken);
    if (userId === undefined) throw new LineRefusal(400, { message: LINE_ERROR.invalidReplyToken });
    const sentMessages = state.mintSentMessages(body.messages);
    deliver(ctx, request, 'reply', [userId], body.messages);
    return { sentMessages };
  });

  route(app, 'POST', '/v2/bot/message/push', 'push', async (request) => {
    const retryKey = checkRetryKey(ctx, request);
    refuseIfInvalid(validateSendRequest('push', request.body));
    const body = request.body as SendBody & { to: string };
    chargeQuota(ctx, [body.to]);
    const sentMessages = state.mintSentMessages(body.messages);
    deliver(ctx, request, 'push', [body.to], body.messages);
    accept(ctx, request, retryKey, sentMessages);
    return { sentMessages };
  });

  route(app, 'POST', '/v2/bot/message/multicast', 'multicast', async (request) => {
    const retryKey = checkRetryKey(ctx, request);
    refuseIfInvalid(validateSendRequest('multicast', request.body));
    const body = request.body as SendBody & { to: string[] };
    chargeQuota(ctx, body.to);
    deliver(ctx, request, 'multicast', body.to, body.messages);
    accept(ctx, request, retryKey);
    return {};
  });

  route(app, 'POST', '/v2/bot/message/broadcast', 'broadcast', async (request) => {
    const retryKey = checkRetryKey(ctx, request);
    refuseIfInvalid(validateSendRequest('broadcast', request.body));
    const body = request.body as SendBody;
    const recipients = state.friends().map((f) => f.userId);
    chargeQuota(ctx, recipients);
    deliver(ctx, request, 'broadcast', recipients, body.messages);
    accept(ctx, request, retryKey);
    return {};
  });

  route(app, 'GET', '/v2/bot/message/quota', 'quota', async () =>
    state.monthlyQuota === undefined ? { type: 'none' } : { type: 'limited', value: state.monthlyQuota },
  );

  route(app, 'GET', '/v2/bot/message/quota/consumption', 'quota.consumption', async () => ({
    totalUsage: state.consumption(),
  }));

  route(app, 'GET', '/v2/bot/message/:messageId/content', 'content', async (request, reply) => {
    const content = state.messageContent(param(request, 'messageId'));
    if (!content) throw notFound();
    reply.header('content-type', content.contentType);
    return content.data;
  });
}

/** Refuses a malformed or already accepted `X-Line-Retry-Key`; returns the key to remember on success. */
function checkRetryKey(ctx: RouteContext, request: FastifyRequest): string | undefined {
  const key = header(request, 'x-line-retry-key');
  if (key === undefined) return undefined;
  if (!UUID.test(key)) {
    throw new LineRefusal(400, { message: LINE_ERROR.retryKeyInvalid });
  }
  const accepted = ctx.state.acceptedRetryKey(key);
  if (accepted) {
    throw new LineRefusal(
      409,
      { message: LINE_ERROR.retryKeyAccepted, ...(accepted.sentMessages ? { sentMessages: accepted.sentMessages } : {}) },
      { 'x-line-accepted-request-id': accepted.requestId },
    );
  }
  return key;
}

function accept(ctx: RouteContext, request: FastifyRequest, key: string | undefined, sentMessages?: SentMessage[]): void {
  if (key === undefined) return;
  ctx.state.acceptRetryKey(key, {
    requestId: ctx.requestId(request),
    at: ctx.state.now(),
    ...(sentMessages ? { sentMessages } : {}),
  });
}

/** Blocked users are not counted (DOCS/pricing/); over the limit nothing is sent. */
function chargeQuota(ctx: RouteContext, recipients: string[]): void {
  const counted = recipients.filter((to) => ctx.state.friend(to)?.blocked !== true).length;
  if (!ctx.state.tryConsume(counted)) throw new LineRefusal(429, { message: LINE_ERROR.monthlyLimit });
}

/** One delivery record per recipient; a blocked recipient's is kept but marked not delivered. */
function deliver(ctx: RouteContext, request: FastifyRequest, via: FakeDeliveryVia, recipients: string[], messages: unknown[]): void {
  const at = ctx.state.now();
  const requestId = ctx.requestId(request);
  for (const to of recipients) {
    ctx.state.recordDelivery({ to, via, messages, at, requestId, delivered: ctx.state.friend(to)?.blocked !== true });
  }
}
