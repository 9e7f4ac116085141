/**
 * The LINE chat simulator (simulator mode only): a phone-like chat page at `/simulator` and the small API a
 * LINE platform would give it. The page signs webhook bodies itself and POSTs them to the real `/webhook`;
 * this API only tells it what LINE knows (the channel secret, reply tokens, friends, content, rich menus)
 * and streams what the fake LINE API delivered. It never calls the bot's own code.
 *
 * Register it ONLY in simulator mode: `GET /simulator/api/config` hands out the channel secret. Every route
 * answers only requests from the simulator's own page (see {@link isOwnRequest}); others get 403.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FakeDelivery, FakeFriend, FakeLineRequest, FakeLoading, FakeLineState } from './fake-line/fake-line-api';
import { PROJECT_ROOT } from '../infra/prisma/migrations';
import { isOwnRequest } from './own-origin';

/** Registration options of {@link simulatorRoutes}. */
export interface SimulatorRoutesOptions {
  /** The in-process fake LINE channel (`app.simulator.state`). */
  state: FakeLineState;
  /** The secret `/webhook` verifies signatures with; given to the page so it can sign like LINE. */
  channelSecret: string;
  /** The official account's name, shown in the chat header. */
  botName: string;
  /** The configured listening host (`HOST`): with the loopback names, the only `Host` the simulator answers. */
  host: string;
}

/**
 * Where the page's static files live; only plain files with these extensions are served. Found from the
 * project root rather than this module, so it also holds when the server runs from a bundle in `dist/`.
 */
export const SIMULATOR_PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'simulator', 'public');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Image types a user may send (what LINE's apps upload). */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
/** Largest photo accepted from the page. */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const USER_ID = /^U[0-9a-f]{32}$/;
const MESSAGE_ID = /^\d{1,20}$/;
const RICH_MENU_ID = /^richmenu-[0-9a-f]{32}$/;
const ALIAS_ID = /^[a-z0-9_-]{1,32}$/;

// LINE display names are at most 20 characters; the language is a BCP 47 tag as LINE profiles carry it.
const displayName = z.string().trim().min(1).max(20);
const language = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/)
  .nullable()
  .optional();
const createUserBody = z.object({ displayName, language });
const updateUserBody = z.object({ displayName: displayName.optional(), language, blocked: z.boolean().optional() });
const replyTokenBody = z.object({ userId: z.string().regex(USER_ID) });

/** What the page gets for one user. */
interface SimulatorUser {
  userId: string;
  displayName: string;
  language: string | null;
  blocked: boolean;
}

function toUser(friend: FakeFriend): SimulatorUser {
  return { userId: friend.userId, displayName: friend.displayName, language: friend.language ?? null, blocked: friend.blocked };
}

/** A LINE-shaped user id (U + 32 hex). */
function newUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}

/** An 18-digit decimal id, the shape of LINE message ids. */
function newMessageId(): string {
  const n = 100_000_000_000_000_000n + (BigInt(`0x${randomBytes(8).toString('hex')}`) % 900_000_000_000_000_000n);
  return n.toString();
}

/** The `afterSeq` encoded in `<bootId>:<seq>` (an SSE id), or 0 when it belongs to another server run. */
function replayFrom(cursor: string | undefined, bootId: string): number {
  if (!cursor) return 0;
  const [boot, seq] = cursor.split(':');
  return boot === bootId && seq !== undefined && /^\d+$/.test(seq) ? Number(seq) : 0;
}

/**
 * Routes of the simulator: `GET /simulator` (the page), `GET /simulator/assets/:file` and the JSON API under
 * `/simulator/api/` (config, users, reply tokens, content, rich menu, and a Server-Sent Events stream of
 * deliveries). Encapsulated: its parsers and hooks touch no other route.
 */
export const simulatorRoutes: FastifyPluginAsync<SimulatorRoutesOptions> = async (app, opts) => {
  const { state, channelSecret, botName } = opts;
  // Identifies this server run: after a restart the page refetches the (new, random) secret and re-registers its users.
  const bootId = randomBytes(6).toString('hex');
  // The bot's own user id as LINE puts it in `destination`; stable for a given secret.
  const destination = `U${createHash('sha256').update(`destination:${channelSecret}`).digest('hex').slice(0, 32)}`;
  // FakeLineState cannot forget a friend; users deleted in the page are blocked there and hidden here.
  const removed = new Set<string>();
  const streams = new Set<ServerResponse>();

  // Before anything else, so a page on another site learns nothing, not even whether a route exists.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const address = app.server.address();
    const port = request.raw.socket.localPort ?? (typeof address === 'object' && address ? address.port : 0);
    if (!isOwnRequest(request.headers.host, origin, { host: opts.host, port })) {
      request.log.warn('simulator: request from another site refused');
      return reply.code(403).send({ message: 'The simulator answers only its own page' });
    }
  });

  const files = new Map<string, string>();
  for (const entry of await readdir(SIMULATOR_PUBLIC_DIR, { withFileTypes: true })) {
    const ext = path.extname(entry.name);
    // Type declarations sit beside the modules for the tests; they are not assets.
    if (entry.isFile() && CONTENT_TYPES[ext] && !entry.name.endsWith('.d.ts')) files.set(entry.name, CONTENT_TYPES[ext]);
  }

  const sendFile = async (reply: FastifyReply, name: string) => {
    const type = files.get(name);
    if (!type) return reply.code(404).send({ message: 'Not found' });
    // Read on each request so page edits show on reload while the server runs.
    const body = await readFile(path.join(SIMULATOR_PUBLIC_DIR, name));
    return reply.header('content-type', type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
  };

  app.get('/simulator', (_req, reply) => sendFile(reply, 'index.html'));
  app.get('/simulator/', (_req, reply) => sendFile(reply, 'index.html'));
  // Only names listed at start-up are served, so no path can reach outside the folder.
  app.get<{ Params: { file: string } }>('/simulator/assets/:file', (req, reply) => sendFile(reply, req.params.file));

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/simulator/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get('/simulator/api/config', async () => ({ channelSecret, webhookPath: '/webhook', botName, destination, bootId }));

  // ── users (the fake's friend registry) ─────────────────────────────────────

  app.get('/simulator/api/users', async () => ({ users: state.friends().filter((f) => !removed.has(f.userId)).map(toUser) }));

  app.post('/simulator/api/users', async (request, reply) => {
    const body = createUserBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ message: 'Invalid user', issues: body.error.issues });
    const friend = state.setFriend(newUserId(), {
      displayName: body.data.displayName,
      blocked: false,
      ...(body.data.language ? { language: body.data.language } : {}),
    });
    return reply.code(201).send({ user: toUser(friend) });
  });

  // Idempotent upsert: the page re-registers its users after a server restart (the fake forgets them).
  app.put<{ Params: { userId: string } }>('/simulator/api/users/:userId', async (request, reply) => {
    const { userId } = request.params;
    if (!USER_ID.test(userId)) return reply.code(400).send({ message: 'Invalid user id' });
    const body = updateUserBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ message: 'Invalid user', issues: body.error.issues });
    const { displayName: name, language: lang, blocked } = body.data;
    removed.delete(userId);
    const friend = state.setFriend(userId, {
      ...(name !== undefined ? { displayName: name } : {}),
      ...(lang !== undefined ? { language: lang ?? undefined } : {}),
      ...(blocked !== undefined ? { blocked } : {}),
    });
    return { user: toUser(friend) };
  });

  app.delete<{ Params: { userId: string } }>('/simulator/api/users/:userId', async (request, reply) => {
    const { userId } = request.params;
    if (!state.friend(userId)) return reply.code(404).send({ message: 'Unknown user' });
    // A deleted LINE account receives nothing more, like a blocked one.
    state.setFriend(userId, { blocked: true });
    removed.add(userId);
    return reply.code(204).send();
  });

  // ── what LINE would attach to an event ─────────────────────────────────────

  app.post('/simulator/api/reply-token', async (request, reply) => {
    const body = replyTokenBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ message: 'Invalid user id' });
    if (!state.friend(body.data.userId)) return reply.code(404).send({ message: 'Unknown user' });
    return { replyToken: state.issueReplyToken(body.data.userId) };
  });

  await app.register(async (upload) => {
    upload.addContentTypeParser(/^image\//, { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_req, body, done) => done(null, body));
    // A photo the user sends: stored where `GET /v2/bot/message/{id}/content` serves it, under a new message id.
    upload.post('/simulator/api/content', { bodyLimit: MAX_IMAGE_BYTES }, async (request, reply) => {
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!IMAGE_TYPES.has(contentType) || !Buffer.isBuffer(request.body) || request.body.length === 0) {
        return reply.code(415).send({ message: 'Send the raw bytes of a JPEG, PNG, GIF or WebP image' });
      }
      const messageId = newMessageId();
      state.setMessageContent(messageId, request.body, contentType);
      return reply.code(201).send({ messageId });
    });
  });

  app.get<{ Params: { messageId: string } }>('/simulator/api/content/:messageId', async (request, reply) => {
    const { messageId } = request.params;
    const content = MESSAGE_ID.test(messageId) ? state.messageContent(messageId) : undefined;
    if (!content) return reply.code(404).send({ message: 'Not found' });
    return reply.header('content-type', content.contentType).send(content.data);
  });

  // ── rich menu ──────────────────────────────────────────────────────────────

  const richMenuView = (richMenuId: string | undefined) => {
    if (!richMenuId) return { richMenu: null };
    try {
      const { menu, image } = state.richMenus.get(richMenuId);
      if (!image) return { richMenu: null };
      return { richMenu: menu, imageUrl: `/simulator/api/rich-menu/${richMenuId}/image` };
    } catch {
      return { richMenu: null };
    }
  };

  // The menu a user sees: their linked menu, else the default (as LINE shows it).
  app.get<{ Querystring: { userId?: string } }>('/simulator/api/rich-menu', async (request) => {
    const { userId } = request.query;
    return richMenuView(userId && USER_ID.test(userId) ? state.richMenus.effectiveFor(userId) : state.richMenus.defaultRichMenuId);
  });

  // For `richmenuswitch` actions.
  app.get<{ Params: { aliasId: string } }>('/simulator/api/rich-menu/alias/:aliasId', async (request, reply) => {
    const { aliasId } = request.params;
    let richMenuId: string | undefined;
    try {
      richMenuId = ALIAS_ID.test(aliasId) ? state.richMenus.alias(aliasId) : undefined;
    } catch {
      richMenuId = undefined;
    }
    const view = richMenuView(richMenuId);
    return view.richMenu ? view : reply.code(404).send({ message: 'Unknown alias' });
  });

  app.get<{ Params: { richMenuId: string } }>('/simulator/api/rich-menu/:richMenuId/image', async (request, reply) => {
    const { richMenuId } = request.params;
    let image: { data: Buffer; contentType: string } | undefined;
    try {
      image = RICH_MENU_ID.test(richMenuId) ? state.richMenus.get(richMenuId).image : undefined;
    } catch {
      image = undefined;
    }
    if (!image) return reply.code(404).send({ message: 'Not found' });
    return reply.header('content-type', image.contentType).send(image.data);
  });

  // ── live stream ────────────────────────────────────────────────────────────

  /**
   * Server-Sent Events for the page: `hello` (this run's id), `delivered` (messages that reached one of
   * `users`, id `<bootId>:<seq>`), `loading` (the typing indicator) and `richmenu` (menus changed).
   * Deliveries after the cursor (`after` query, or `Last-Event-ID` on reconnect) are replayed first, so a
   * reply that raced the connection is not lost.
   */
  app.get<{ Querystring: { users?: string; after?: string } }>('/simulator/api/stream', async (request, reply) => {
    const wanted = new Set((request.query.users ?? '').split(',').filter((u) => USER_ID.test(u)));
    const lastEventId = request.headers['last-event-id'];
    const after = replayFrom(typeof lastEventId === 'string' ? lastEventId : request.query.after, bootId);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown, id?: string) => {
      res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const sendDelivery = (d: FakeDelivery) => {
      if (!d.delivered || !wanted.has(d.to)) return;
      send('delivered', { seq: d.seq, to: d.to, via: d.via, at: d.at, messages: d.messages }, `${bootId}:${d.seq}`);
    };
    const onLoading = (l: FakeLoading) => {
      if (wanted.has(l.chatId)) send('loading', { chatId: l.chatId, loadingSeconds: l.loadingSeconds });
    };
    const onRequest = (r: FakeLineRequest) => {
      if (r.endpoint.startsWith('richmenu.') && r.method !== 'GET' && r.status < 300) send('richmenu', {});
    };

    res.write('retry: 2000\n\n');
    send('hello', { bootId });
    // Replay and subscribe in the same tick, so no delivery falls between them.
    for (const d of state.deliveries) if (d.seq > after) sendDelivery(d);
    state.events.on('delivered', sendDelivery);
    state.events.on('loading', onLoading);
    state.events.on('request', onRequest);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    streams.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      state.events.off('delivered', sendDelivery);
      state.events.off('loading', onLoading);
      state.events.off('request', onRequest);
      streams.delete(res);
    });
  });

  // Open streams would keep `server.close()` waiting forever.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });
};
