/**
 * Small helpers the route files share: registering a route under an endpoint name, and reading params and
 * headers without repeating casts. Kept apart from the plugin so route files do not import it (no cycle).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { FakeLineState } from './state';
import type { FakeLineEndpoint } from './types';

/** What route handlers need besides the request. */
export interface RouteContext {
  state: FakeLineState;
  /** The `x-line-request-id` given to this request. */
  requestId(request: FastifyRequest): string;
}

/** A handler's answer: a JSON value, or a Buffer for binary content. Status codes are set on `reply`. */
export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

interface EndpointConfig {
  fakeLineEndpoint?: FakeLineEndpoint;
}

/** Registers a route whose endpoint name the plugin's hooks read for rate limits, faults and the log. */
export function route(
  app: FastifyInstance,
  method: HTTPMethods,
  url: string,
  endpoint: FakeLineEndpoint,
  handler: RouteHandler,
): void {
  const config: EndpointConfig = { fakeLineEndpoint: endpoint };
  app.route({ method, url, config, handler });
}

/** The endpoint name a request was routed to; `unknown` for paths the fake does not serve. */
export function endpointOf(request: FastifyRequest): FakeLineEndpoint {
  const config = request.routeOptions.config as EndpointConfig | undefined;
  return config?.fakeLineEndpoint ?? 'unknown';
}

/** A path parameter (always present on the routes that read it). */
export function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string | undefined>)[name] ?? '';
}

/** A request header as one string, or undefined. */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
