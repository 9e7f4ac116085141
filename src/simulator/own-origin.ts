/**
 * Whether a request to the simulator comes from its own page. The simulator hands out the channel secret, so a page
 * on another site must not reach it — including through DNS rebinding, where an attacker's name resolves to this
 * machine: the browser then sends the attacker's name as `Host`, and its own origin as `Origin` on writes.
 */

/** Names the simulator answers to besides the configured host: the loopback names a browser on this machine uses. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/** Listening addresses that name no host (all interfaces): only the loopback names are taken then. */
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** Where the simulator listens: the configured `HOST` and the port the connection arrived on. */
export interface Listening {
  host: string;
  port: number;
}

/** `host` as it appears in a `Host` header: an IPv6 address in brackets, lower case. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/**
 * True when `host` (the `Host` header) names this server — a loopback name or the configured host, with the port
 * it listens on — and `origin`, when the browser sent one, is that same `http://` origin. Pure.
 */
export function isOwnRequest(host: string | undefined, origin: string | undefined, listening: Listening): boolean {
  if (!host) return false;
  const names = WILDCARD.has(listening.host) ? LOOPBACK : [...LOOPBACK, hostName(listening.host)];
  const own = names.map((name) => `${name}:${listening.port}`);
  // A browser leaves the port out of Host only for the scheme's default port.
  if (listening.port === 80) own.push(...names);
  const requested = host.toLowerCase();
  if (!own.includes(requested)) return false;
  return origin === undefined || origin.toLowerCase() === `http://${requested}`;
}
