import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { deployRichMenus, type DeployRichMenusResult } from '../bot/rich-menu/deploy-rich-menu';
import type { RichMenuAdmin } from '../domain/ports';
import { PROJECT_ROOT } from '../infra/prisma/migrations';

/** The main rich menu's image, the same file `npm run richmenu:deploy` publishes. */
export const MAIN_RICH_MENU_IMAGE = path.join(PROJECT_ROOT, 'assets', 'rich-menu', 'main.png');
/** The disaster rich menu's image, deployed beside the main one. */
export const DISASTER_RICH_MENU_IMAGE = path.join(PROJECT_ROOT, 'assets', 'rich-menu', 'disaster.png');

/**
 * Publishes the rich menus to the in-process fake LINE API, exactly as a real deploy would (create, upload the real
 * images, the main one default under alias `main`, the disaster one under alias `disaster`), so the simulator shows
 * the menus residents will see. `admin` is a `LineMessenger` pointed at the app's own base URL
 * ({@link loopbackBaseUrl}) with `SIMULATOR_ACCESS_TOKEN`; call it after the server listens. Throws what the deploy
 * throws.
 */
export async function deploySimulatorRichMenu(admin: RichMenuAdmin, imagePath: string = MAIN_RICH_MENU_IMAGE, disasterImagePath: string = DISASTER_RICH_MENU_IMAGE): Promise<DeployRichMenusResult> {
  return deployRichMenus(admin, { main: await readFile(imagePath), disaster: await readFile(disasterImagePath) });
}

/**
 * The URL this process can reach its own listening server at (`server.server.address()`): a wildcard
 * address (0.0.0.0, ::) becomes the matching loopback, a specific address is kept. Throws before `listen`.
 */
export function loopbackBaseUrl(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${address.family === 'IPv6' ? `[${host}]` : host}:${address.port}`;
}
