/**
 * What every request to the fake goes through, in LINE's order: a request id and the injected latency,
 * bearer-token auth, body parsing with LINE's size limits, then the per-endpoint rate limit, the retry-key
 * guard and injected faults; finally the exchange is logged. Installed inside the (encapsulated) plugin,
 * so none of it touches the host app's other routes.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LINE_ERROR, LineRefusal } from './line-errors';
import { endpointOf } from './route-kit';
import type { FakeLineState } from './state';
import type { FakeLineEndpoint, QueuedFailure } from './types';

/** LINE's body limit for the JSON endpoints (REF#status-codes, 413). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
/** LINE's limit for a rich menu image (REF#upload-rich-menu-image). */
export const MAX_IMAGE_BYTES = 1024 * 1024;

/** Only these endpoints take `X-Line-Retry-Key`; any other answers 400 (DOCS/retrying-api-request/). */
const RETRY_KEY_ENDPOINTS = new Set<FakeLineEndpoint>(['push', 'multicast', 'broadcast']);

/** Per-request facts the hooks share. */
export interface RequestInfo {
  requestId: string;
  endpoint: FakeLineEndpoint;
  /** A fault injected after the work: the route runs, then the answer is replaced. */
  lostAnswer?: QueuedFailure;
}

/** Installs parsers, hooks and the error handler on `app`; returns the lookup of per-request info. */
export function installPipeline(
  app: FastifyInstance,
  state: FakeLineState,
  channelAccessToken: string,
  catchAll: boolean,
): (request: FastifyRequest) => RequestInfo {
  const infos = new WeakMap<FastifyRequest, RequestInfo>();
  const infoOf = (request: FastifyRequest): RequestInfo => {
    let info = infos.get(request);
    if (!info) {
      info = { requestId: randomUUID(), endpoint: endpointOf(request) };
      infos.set(request, info);
    }
    return info;
  };
  const expectedAuth = `Bearer ${channelAccessToken}`;

  installParsers(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-line-request-id', infoOf(request).requestId);
    const latency = state.faults.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);
    if (request.headers.authorization !== expectedAuth) throw new LineRefusal(401, { message: LINE_ERROR.unauthorized });
  });

  app.addHook('preHandler', async (request, reply) => {
    const info = infoOf(request);
    if (!state.admit(info.endpoint)) throw new LineRefusal(429, { message: LINE_ERROR.rateLimited });
    if (request.headers['x-line-retry-key'] !== undefined && !RETRY_KEY_ENDPOINTS.has(info.endpoint)) {
      throw new LineRefusal(400, { message: LINE_ERROR.retryKeyNotAllowed });
    }
    const failure = state.drawFailure(info.endpoint);
    if (failure?.phase === 'after') info.lostAnswer = failure;
    else if (failure?.kind === 'noAnswer' || failure?.kind === 'reset') {
      // The request is never carried out: no answer, then (or at once) the connection drops.
      reply.hijack();
      recordDropped(state, request, info, app.prefix);
      dropConnection(request, failure.kind === 'noAnswer' ? (failure.hangMs ?? DEFAULT_HANG_MS) : 0);
    } else if (failure) throw new LineRefusal(failure.status, failure.body, retryAfterHeader(failure));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const info = infoOf(request);
    let out: unknown = payload;
    const lost = info.lostAnswer;
    if (lost && reply.statusCode < 300 && (lost.kind === 'noAnswer' || lost.kind === 'reset')) {
      // The work is done (messages delivered, key or token used); the answer never arrives.
      recordDropped(state, request, info, app.prefix);
      if (lost.kind === 'noAnswer') await sleep(lost.hangMs ?? DEFAULT_HANG_MS);
      request.raw.socket?.destroy();
      return payload;
    }
    if (lost && reply.statusCode < 300) {
      reply.code(lost.status).header('content-type', 'application/json; charset=utf-8').headers(retryAfterHeader(lost));
      out = JSON.stringify(lost.body);
    }
    state.recordRequest({
      at: state.now(),
      method: request.method,
      path: linePath(request.url, app.prefix),
      endpoint: info.endpoint,
      requestId: info.requestId,
      headers: redactedHeaders(request),
      body: Buffer.isBuffer(request.body) ? request.body.length : request.body,
      status: reply.statusCode,
      response: readPayload(out),
    });
    return out;
  });

  app.setErrorHandler((error: FastifyError | LineRefusal, request, reply) => sendError(error, request, reply));
  if (catchAll) {
    app.setNotFoundHandler(async () => {
      throw new LineRefusal(404, { message: LINE_ERROR.notFound });
    });
  }
  return infoOf;
}

/**
 * Only JSON (≤ 2 MB) and PNG/JPEG (≤ 1 MB) bodies are read; anything else is a 415. The host app's own
 * parsers are dropped inside this plugin so its limits do not apply here.
 */
function installParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_JSON_BYTES }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // The SDK sends no body on some POSTs (set default menu, link menu).
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new LineRefusal(400, { message: LINE_ERROR.notJson }), undefined);
    }
  });
  app.addContentTypeParser(['image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_req, body, done) =>
    done(null, body),
  );
}

function sendError(error: FastifyError | LineRefusal, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof LineRefusal) return reply.headers(error.headers).code(error.status).send(error.body);
  const status = error.statusCode ?? 500;
  if (status === 413) return reply.code(413).send({ message: LINE_ERROR.tooLarge });
  if (status === 415) return reply.code(415).send({ message: LINE_ERROR.unsupportedMediaType });
  if (status >= 400 && status < 500) return reply.code(status).send({ message: error.message });
  // A bug in the fake, not an injected fault: keep it visible in the server log.
  request.log.error({ err: error }, 'fake LINE API failed');
  return reply.code(500).send({ message: LINE_ERROR.internal });
}

/** How long a `noAnswer` fault holds the connection before dropping it, unless the rule says. */
const DEFAULT_HANG_MS = 5_000;

function retryAfterHeader(failure: QueuedFailure): Record<string, string> {
  return failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
}

/** Drops the client's connection after `ms` of real time (at once for 0). */
function dropConnection(request: FastifyRequest, ms: number): void {
  if (ms <= 0) return void request.raw.socket?.destroy();
  setTimeout(() => request.raw.socket?.destroy(), ms).unref();
}

/** Logs an exchange that got no answer, with status 0. */
function recordDropped(state: FakeLineState, request: FastifyRequest, info: RequestInfo, prefix: string): void {
  state.recordRequest({
    at: state.now(),
    method: request.method,
    path: linePath(request.url, prefix),
    endpoint: info.endpoint,
    requestId: info.requestId,
    headers: redactedHeaders(request),
    body: Buffer.isBuffer(request.body) ? request.body.length : request.body,
    status: 0,
    response: undefined,
  });
}

/** The path as LINE would see it: mount prefix and query string removed. */
function linePath(url: string, prefix: string): string {
  const path = url.split('?')[0] ?? url;
  return prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path;
}

function redactedHeaders(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    out[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readPayload(payload: unknown): unknown {
  if (Buffer.isBuffer(payload)) return payload.length;
  if (typeof payload !== 'string') return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
