import type { RichMenuAdmin, RichMenuDefinition } from '../../domain/ports';
import { DomainError } from '../../domain/errors';
import { DISASTER_RICH_MENU_ALIAS, MAIN_RICH_MENU_ALIAS, RICH_MENU_LIMITS, disasterRichMenu, mainRichMenu } from './rich-menu';

/** Options for `deployMainRichMenu`. Defaults deploy the Japanese main menu under alias `main`. */
export interface DeployMainRichMenuOptions {
  /** The menu to create; defaults to `mainRichMenu()`. Older menus with the same `name` are replaced. */
  menu?: RichMenuDefinition;
  /** Alias pointed at the new menu; defaults to `main`. */
  aliasId?: string;
}

/** What a deploy did: the new default menu, and the older menus of the same name it deleted. */
export interface DeployMainRichMenuResult {
  richMenuId: string;
  deletedRichMenuIds: string[];
}

/** The image's format and, for PNG, its pixel size, read from the bytes. */
export interface RichMenuImageInfo {
  contentType: 'image/png' | 'image/jpeg';
  /** Present for PNG only: JPEG dimensions need a marker walk we do not need yet. */
  size?: { width: number; height: number };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the format (and PNG size from the IHDR chunk) of `image`; null when it is neither PNG nor JPEG. */
export function richMenuImageInfo(image: Buffer): RichMenuImageInfo | null {
  if (image.length >= 24 && image.subarray(0, 8).equals(PNG_SIGNATURE) && image.toString('latin1', 12, 16) === 'IHDR') {
    return { contentType: 'image/png', size: { width: image.readUInt32BE(16), height: image.readUInt32BE(20) } };
  }
  if (image.length >= 3 && image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) {
    return { contentType: 'image/jpeg' };
  }
  return null;
}

/**
 * Checks the image against LINE's upload rules and the menu's declared size. Done before any API call:
 * a rejected upload would leave an image-less menu behind and spend the 100 req/h create budget.
 */
function checkedImage(image: Buffer, menu: RichMenuDefinition): RichMenuImageInfo {
  const info = richMenuImageInfo(image);
  if (!info) throw new DomainError('message.invalid', 'rich menu image must be a PNG or JPEG');
  if (image.length > RICH_MENU_LIMITS.maxImageBytes) {
    throw new DomainError('message.invalid', `rich menu image is ${image.length} bytes; LINE accepts at most ${RICH_MENU_LIMITS.maxImageBytes}`);
  }
  if (info.size && (info.size.width !== menu.size.width || info.size.height !== menu.size.height)) {
    throw new DomainError(
      'message.invalid',
      `rich menu image is ${info.size.width}×${info.size.height}; the menu declares ${menu.size.width}×${menu.size.height}`,
    );
  }
  return info;
}

/**
 * Publishes a rich menu: creates it, uploads `image`, makes it the default when `makeDefault`, points the alias at
 * it, and only then deletes older menus with the same name, so users always have a menu and re-deploys are
 * idempotent. If the image upload fails, the half-made menu is deleted and the old menu stays in place.
 * Throws `DomainError` for a bad image (before any API call) and the admin's error for a refused call.
 */
async function deployRichMenu(admin: RichMenuAdmin, image: Buffer, { menu, aliasId, makeDefault }: { menu: RichMenuDefinition; aliasId: string; makeDefault: boolean }): Promise<DeployMainRichMenuResult> {
  const { contentType } = checkedImage(image, menu);

  const richMenuId = await admin.createRichMenu(menu);
  try {
    await admin.uploadRichMenuImage(richMenuId, image, contentType);
  } catch (error) {
    // A menu without an image can never become default, and LINE will not replace images: drop it.
    await admin.deleteRichMenu(richMenuId).catch(() => undefined);
    throw error;
  }
  if (makeDefault) await admin.setDefaultRichMenu(richMenuId);
  await admin.upsertRichMenuAlias(aliasId, richMenuId);

  // Matched by name so menus made in OA Manager or for other purposes (campaigns, per-user menus) survive.
  const older = (await admin.listRichMenus()).filter((m) => m.name === menu.name && m.richMenuId !== richMenuId);
  const deletedRichMenuIds: string[] = [];
  for (const old of older) {
    await admin.deleteRichMenu(old.richMenuId);
    deletedRichMenuIds.push(old.richMenuId);
  }
  return { richMenuId, deletedRichMenuIds };
}

/** Publishes the main rich menu as the default, under alias `main` (see `deployRichMenu`). */
export async function deployMainRichMenu(admin: RichMenuAdmin, image: Buffer, opts: DeployMainRichMenuOptions = {}): Promise<DeployMainRichMenuResult> {
  return deployRichMenu(admin, image, { menu: opts.menu ?? mainRichMenu(), aliasId: opts.aliasId ?? MAIN_RICH_MENU_ALIAS, makeDefault: true });
}

/** Which rich menu is the default: the main one, or the disaster one while a centre runs. */
export type RichMenuMode = 'main' | 'disaster';

/**
 * Makes the main or the disaster menu the default for everyone (without a per-user menu), found by its alias;
 * returns its id. Call it when a centre opens (`disaster`) and when the last one closes (`main`); calling it again
 * changes nothing. Throws `DomainError('config.invalid')` when that menu was never deployed (`npm run
 * richmenu:deploy`), and the admin's error for a refused call.
 */
export async function switchRichMenu(admin: RichMenuAdmin, to: RichMenuMode): Promise<string> {
  const aliasId = to === 'disaster' ? DISASTER_RICH_MENU_ALIAS : MAIN_RICH_MENU_ALIAS;
  const richMenuId = await admin.richMenuOfAlias(aliasId);
  if (!richMenuId) throw new DomainError('config.invalid', `the ${to} rich menu is not deployed (no alias "${aliasId}"); run npm run richmenu:deploy`);
  await admin.setDefaultRichMenu(richMenuId);
  return richMenuId;
}

/** What deploying both menus did, each as `deployMainRichMenu` reports it. */
export interface DeployRichMenusResult {
  main: DeployMainRichMenuResult;
  disaster: DeployMainRichMenuResult;
}

/**
 * Publishes both menus under their aliases, the disaster one beside the main one, and leaves `mode`'s as the default
 * (the main one unless a centre is running). The menu to be the default goes first: each deploy deletes its own older
 * copies, and by then none of them may still be the default (users would be left without a menu). Safe to rerun.
 */
export async function deployRichMenus(admin: RichMenuAdmin, images: { main: Buffer; disaster: Buffer }, mode: RichMenuMode = 'main'): Promise<DeployRichMenusResult> {
  const menus = { main: { menu: mainRichMenu(), aliasId: MAIN_RICH_MENU_ALIAS }, disaster: { menu: disasterRichMenu(), aliasId: DISASTER_RICH_MENU_ALIAS } };
  const other: RichMenuMode = mode === 'main' ? 'disaster' : 'main';
  const first = await deployRichMenu(admin, images[mode], { ...menus[mode], makeDefault: true });
  const second = await deployRichMenu(admin, images[other], { ...menus[other], makeDefault: false });
  return mode === 'main' ? { main: first, disaster: second } : { main: second, disaster: first };
}
