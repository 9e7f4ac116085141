import type { FastifyPluginAsync } from 'fastify';
import type { PendingEvent } from '../../domain/stores';
import { parseCallback, type InvalidEvent, type WebhookEventRaw } from './webhook-schema';

/** Largest webhook body accepted. LINE batches events, but a real body is a few KB; 1 MiB leaves ample room. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Deepest nesting of arrays and objects accepted. LINE's events nest about six levels; a deeper body is refused. */
export const WEBHOOK_MAX_DEPTH = 64;

export interface WebhookRouteOptions {
  /**
   * True when `signature` (the `x-line-signature` header) signs the raw body under the channel secret, compared
   * in constant time. The composition passes the LINE SDK's check (`src/infra/line-signature.ts`).
   */
  verifySignature(rawBody: Buffer, signature: string): boolean;
  /**
   * Stores the events (before the 200 is sent) and returns the new ones to process; events that failed their
   * schema are stored for the record only.
   */
  store(events: WebhookEventRaw[], invalid: InvalidEvent[]): Promise<PendingEvent[]>;
  /** Called after the acknowledgement with the events to process. */
  afterAck(events: PendingEvent[]): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * True when the JSON text nests arrays and objects deeper than `max`, counted on the raw bytes before parsing,
 * so a hostile body never reaches the parser, the schema or the store (all of which recurse). Brackets inside
 * strings do not count. Malformed JSON is left for the parser to refuse.
 */
export function nestsDeeperThan(json: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(byte)) depth--;
  }
  return false;
}

/**
 * `POST /webhook`, in its own encapsulated scope so only this route receives raw bytes: the signature is
 * checked on the exact body LINE signed (re-serialised JSON would not verify). Bad or missing signature →
 * 401; body too large → 413; invalid JSON, nesting deeper than {@link WEBHOOK_MAX_DEPTH} or a body that is not
 * a webhook envelope → 400; in every refusal nothing is stored. Otherwise every event is stored before the
 * 200 and the valid ones are processed after it: an event that fails its schema (or that LINE added later and
 * the bot does not know) is stored for the record only and never costs the other events of the delivery.
 */
export const webhookRoute: FastifyPluginAsync<WebhookRouteOptions> = async (scope, opts) => {
  scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  scope.post('/webhook', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (request, reply) => {
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) return reply.code(400).send({ message: 'Expected a JSON body' });
    // Fastify lower-cases header names, so any casing LINE uses matches.
    const signature = request.headers['x-line-signature'];
    if (typeof signature !== 'string' || !opts.verifySignature(raw, signature)) {
      request.log.warn('webhook refused: bad or missing signature');
      return reply.code(401).send({ message: 'Invalid signature' });
    }
    if (nestsDeeperThan(raw, WEBHOOK_MAX_DEPTH)) {
      request.log.warn('webhook refused: JSON nested too deeply');
      return reply.code(400).send({ message: 'JSON nested too deeply' });
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
    if (parsed.invalid.length) {
      // Positions and schema issues only: nothing a resident wrote reaches the log.
      request.log.warn({ invalid: parsed.invalid.map((e) => ({ index: e.index, issues: e.issues })) }, 'webhook: events failing their schema stored as unknown');
    }
    const fresh = await opts.store(parsed.value.events, parsed.invalid);
    reply.code(200).send({});
    // The 200 is written; queueing now (not on a later tick) means no one can observe the event stored
    // but unknown to the dispatcher. Processing itself starts asynchronously.
    if (fresh.length) opts.afterAck(fresh);
    return reply;
  });
};
