/**
 * A fake LINE Messaging API for tests, the local simulator and benchmarks (no LINE channel is reachable
 * here). It serves LINE's paths for both hosts (`api.line.me` and `api-data.line.me`) from one Fastify
 * plugin, enforces the limits and refusals our bot must survive (LINE-PLATFORM.md §2, §3, §7), and records
 * what it was asked and what reached users.
 *
 * Mount it (a) inside an app, or (b) standalone with `startFakeLineServer`. Inside an app, mind that
 * `@line/bot-sdk` 11 resolves its paths with `new URL('/v2/bot/…', baseURL)`, which drops any path in the
 * base URL: SDK clients need the plugin registered without a prefix (base URL `http://127.0.0.1:PORT`);
 * a prefix such as `/fake-line` suits only clients that append paths themselves (plain `fetch`).
 */
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { installPipeline } from './plugin-hooks';
import type { RouteContext } from './route-kit';
import { registerMessageRoutes } from './routes-message';
import { registerProfileRoutes } from './routes-profile';
import { registerRichMenuRoutes } from './routes-rich-menu';
import { FakeLineState, type FakeLineStateOptions } from './state';

export { FakeLineState } from './state';
export type { AcceptedRetryKey, FakeLineEvents, FakeLineStateOptions } from './state';
export type { FailNextOptions } from './fault-injector';
export type { FakeRichMenu, RichMenuStore } from './rich-menu-store';
export { LINE_ERROR } from './line-errors';
export type * from './types';

/** Options of `createFakeLineApi`: the one valid channel access token plus the state's options. */
export interface FakeLineApiOptions extends FakeLineStateOptions {
  /** Requests bearing any other token get LINE's 401. */
  channelAccessToken: string;
}

/** Registration options of the plugin (besides Fastify's own `prefix`). */
export interface FakeLinePluginOptions {
  /**
   * Answer unknown paths with LINE's 404 (after auth, with a request id). Defaults to true under a prefix
   * and false without one, so a host app keeps its own 404 handling for its own paths.
   */
  catchAll?: boolean;
}

/** A fake channel: the routes as a Fastify plugin and the state they share with the test. */
export interface FakeLineApi {
  /** Encapsulated plugin; register it with or without a `prefix`. Register it once per app instance. */
  plugin: FastifyPluginAsync<FakeLinePluginOptions>;
  state: FakeLineState;
}

/** A running standalone fake. */
export interface FakeLineServer {
  /** `http://127.0.0.1:PORT`, the base URL for both the API and the data-API host. */
  url: string;
  state: FakeLineState;
  close(): Promise<void>;
}

/** Builds a fake channel. The state lives as long as the returned object, across server restarts. */
export function createFakeLineApi(options: FakeLineApiOptions): FakeLineApi {
  const state = new FakeLineState(options);
  const plugin: FastifyPluginAsync<FakeLinePluginOptions> = async (app, pluginOptions) => {
    const catchAll = pluginOptions.catchAll ?? app.prefix !== '';
    const infoOf = installPipeline(app, state, options.channelAccessToken, catchAll);
    const ctx: RouteContext = { state, requestId: (request) => infoOf(request).requestId };
    registerMessageRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
    registerRichMenuRoutes(app, ctx);
  };
  return { plugin, state };
}

/** Starts the fake on its own server (port 0 picks a free port) on 127.0.0.1. */
export async function startFakeLineServer(
  options: FakeLineApiOptions & { port?: number; host?: string },
): Promise<FakeLineServer> {
  const { plugin, state } = createFakeLineApi(options);
  // Error level only: the fake logs nothing but its own bugs, which would otherwise hide behind a 500.
  const app = Fastify({ logger: { level: 'error' } });
  await app.register(plugin, { catchAll: true });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return { url: `http://${host}:${port}`, state, close: () => app.close() };
}
