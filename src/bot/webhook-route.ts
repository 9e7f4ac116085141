import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { PendingEvent } from '../domain/stores';
import { parseCallback, type WebhookEventRaw } from './webhook-schema';

/** Largest webhook body accepted. LINE batches events, but a real body is a few KB; 1 MiB leaves ample room. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookRouteOptions {
  channelSecret: string;
  /** Stores the events (before the 200 is sent) and returns the new ones to process. */
  store(events: WebhookEventRaw[]): Promise<PendingEvent[]>;
  /** Called after the acknowledgement with the events to process. */
  afterAck(events: PendingEvent[]): void;
}

/** True when `signature` is the Base64 HMAC-SHA256 of the raw body under the channel secret (timing-safe). */
export function isValidSignature(rawBody: Buffer, secret: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /webhook`, in its own encapsulated scope so only this route receives raw bytes: the signature is
 * checked on the exact body LINE signed (re-serialised JSON would not verify). Bad or missing signature →
 * 401; body too large → 413; invalid JSON or envelope → 400; in every refusal nothing is stored.
 * Valid events are stored before the 200, and processed after it.
 */
export const webhookRoute: FastifyPluginAsync<WebhookRouteOptions> = async (scope, opts) => {
  scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  scope.post('/webhook', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (request, reply) => {
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) return reply.code(400).send({ message: 'Expected a JSON body' });
    // Fastify lower-cases header names, so any casing LINE uses matches.
    const signature = request.headers['x-line-signature'];
    if (!isValidSignature(raw, opts.channelSecret, typeof signature === 'string' ? signature : undefined)) {
      request.log.warn('webhook refused: bad or missing signature');
      return reply.code(401).send({ message: 'Invalid signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ message: 'Invalid JSON' });
    }
    const parsed = parseCallback(json);
    if (!parsed.ok) {
      request.log.warn({ issues: parsed.issues }, 'webhook refused: invalid envelope');
      return reply.code(400).send({ message: 'Invalid webhook body', issues: parsed.issues });
    }
    const fresh = await opts.store(parsed.value.events as WebhookEventRaw[]);
    reply.code(200).send({});
    // The 200 is written; queueing now (not on a later tick) means no one can observe the event stored
    // but unknown to the dispatcher. Processing itself starts asynchronously.
    if (fresh.length) opts.afterAck(fresh);
    return reply;
  });
};
