import type { FastifyInstance } from 'fastify';
import type { Logger, Messenger, RichMenuAdmin } from '../domain/ports';
import { createFakeLineApi, type FakeLineState } from './fake-line/fake-line-api';
import { LineMessenger } from '../infra/line/line-messenger';

/** The access token the in-process fake channel accepts; it grants nothing outside this process. */
export const SIMULATOR_ACCESS_TOKEN = 'simulator-access-token';

export interface SimulatorLine {
  /** The real LINE adapter, pointed at the fake API served by this same process (rich menus too: a centre switches them). */
  messenger: Messenger & RichMenuAdmin;
  state: FakeLineState;
}

/**
 * Simulator mode (no LINE channel configured): serves the fake Messaging API from the app itself at LINE's
 * own paths (`/v2/bot/…`; the SDK drops any path prefix of its base URL) and sends through the real
 * `LineMessenger`, so the production path runs end to end. The adapter is built on first use, once the
 * server knows its port.
 */
export async function mountSimulatorLine(server: FastifyInstance, logger: Logger, timeoutMs: number): Promise<SimulatorLine> {
  const fake = createFakeLineApi({ channelAccessToken: SIMULATOR_ACCESS_TOKEN });
  await server.register(fake.plugin);
  let adapter: LineMessenger | undefined;
  const get = (): LineMessenger => {
    if (adapter) return adapter;
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('simulator LINE API used before the server listens');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const base = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
    adapter = new LineMessenger({ channelAccessToken: SIMULATOR_ACCESS_TOKEN, apiBaseUrl: base, dataApiBaseUrl: base, timeoutMs, logger });
    return adapter;
  };
  const messenger: Messenger & RichMenuAdmin = {
    reply: (token, messages) => get().reply(token, messages),
    push: (to, messages, key) => get().push(to, messages, key),
    multicast: (to, messages, key) => get().multicast(to, messages, key),
    getProfile: (userId) => get().getProfile(userId),
    showLoading: (userId, seconds) => get().showLoading(userId, seconds),
    getContent: (messageId) => get().getContent(messageId),
    createRichMenu: (menu) => get().createRichMenu(menu),
    uploadRichMenuImage: (id, image, contentType) => get().uploadRichMenuImage(id, image, contentType),
    setDefaultRichMenu: (id) => get().setDefaultRichMenu(id),
    upsertRichMenuAlias: (alias, id) => get().upsertRichMenuAlias(alias, id),
    richMenuOfAlias: (alias) => get().richMenuOfAlias(alias),
    listRichMenus: () => get().listRichMenus(),
    deleteRichMenu: (id) => get().deleteRichMenu(id),
    linkRichMenuToUser: (userId, id) => get().linkRichMenuToUser(userId, id),
  };
  return { messenger, state: fake.state };
}
