/**
 * The fake's rich menus, images, default menu, per-user links and aliases, with LINE's rules: an image is
 * uploaded once and never replaced, a menu without an image cannot be applied, alias ids are unique.
 * Error wording is LINE's (reference pages for upload, set default, create alias).
 */
import { randomBytes } from 'node:crypto';
import { isAllowedRichMenuImage, readImageSize } from './image-size';
import { LineRefusal, notFound } from './line-errors';
import { ALIAS_ID_PATTERN } from './validate-rich-menu';

/** A stored rich menu: LINE's `RichMenuResponse` plus the uploaded image. */
export interface FakeRichMenu {
  richMenuId: string;
  /** The created menu as LINE returns it (`RichMenuResponse`: the request body plus `richMenuId`). */
  menu: Record<string, unknown>;
  image?: { data: Buffer; contentType: string };
}

/** LINE's per-channel cap (REF#create-rich-menu). */
const MAX_MENUS = 1000;

/** In-memory rich-menu state of one channel. Methods throw `LineRefusal` where LINE would refuse. */
export class RichMenuStore {
  private readonly menus = new Map<string, FakeRichMenu>();
  private readonly aliasMap = new Map<string, string>();
  private readonly userLinks = new Map<string, string>();
  private defaultId: string | undefined;

  /** Stores an already validated `RichMenuRequest`; returns the new id (`richmenu-` + 32 hex, like LINE's). */
  create(request: Record<string, unknown>): string {
    if (this.menus.size >= MAX_MENUS) {
      throw new LineRefusal(400, { message: `The number of rich menus has reached the limit of ${MAX_MENUS}` });
    }
    const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
    this.menus.set(richMenuId, { richMenuId, menu: { richMenuId, ...request } });
    return richMenuId;
  }

  /** The menu, or a 404 refusal. */
  get(richMenuId: string): FakeRichMenu {
    const menu = this.menus.get(richMenuId);
    if (!menu) throw notFound();
    return menu;
  }

  /** Every menu as LINE lists them. */
  list(): Record<string, unknown>[] {
    return [...this.menus.values()].map((m) => m.menu);
  }

  /** Deletes a menu; it also stops being the default and is unlinked from users, as on LINE. */
  delete(richMenuId: string): void {
    if (!this.menus.delete(richMenuId)) throw notFound();
    if (this.defaultId === richMenuId) this.defaultId = undefined;
    for (const [userId, id] of this.userLinks) if (id === richMenuId) this.userLinks.delete(userId);
  }

  /** Attaches the image; LINE refuses a second upload to the same menu, and images of the wrong size. */
  upload(richMenuId: string, data: Buffer, contentType: string): void {
    const menu = this.get(richMenuId);
    if (menu.image) throw new LineRefusal(400, { message: 'An image has already been uploaded to the richmenu' });
    const size = readImageSize(data);
    if (size && !isAllowedRichMenuImage(size)) {
      throw new LineRefusal(400, { message: 'The image size is not allowed for richmenu' });
    }
    menu.image = { data, contentType };
  }

  /** Makes the menu the channel default. */
  setDefault(richMenuId: string): void {
    this.requireImage(richMenuId);
    this.defaultId = richMenuId;
  }

  /** The default menu id, or undefined. */
  get defaultRichMenuId(): string | undefined {
    return this.defaultId;
  }

  /** Clears the default menu. */
  cancelDefault(): void {
    this.defaultId = undefined;
  }

  /** Links a menu to one user; it then wins over the default. */
  link(userId: string, richMenuId: string): void {
    this.requireImage(richMenuId);
    this.userLinks.set(userId, richMenuId);
  }

  /** Removes a user's own menu, so the default applies again. */
  unlink(userId: string): void {
    this.userLinks.delete(userId);
  }

  /** The menu linked to this user (not the default), or undefined. */
  linkedTo(userId: string): string | undefined {
    return this.userLinks.get(userId);
  }

  /** The menu the user sees: per-user link first, then the default (LINE-PLATFORM.md §3). */
  effectiveFor(userId: string): string | undefined {
    return this.userLinks.get(userId) ?? this.defaultId;
  }

  /** Creates an alias; an existing id gets LINE's "conflict richmenu alias id". */
  createAlias(richMenuAliasId: string, richMenuId: string): void {
    if (!ALIAS_ID_PATTERN.test(richMenuAliasId)) {
      throw new LineRefusal(400, {
        message: 'The request body has 1 error(s)',
        details: [{ message: 'Must match ^[a-z0-9_-]{1,32}$', property: 'richMenuAliasId' }],
      });
    }
    this.requireMenuForAlias(richMenuId);
    if (this.aliasMap.has(richMenuAliasId)) throw new LineRefusal(400, { message: 'conflict richmenu alias id', details: [] });
    this.aliasMap.set(richMenuAliasId, richMenuId);
  }

  /** Points an existing alias at another menu. */
  updateAlias(richMenuAliasId: string, richMenuId: string): void {
    if (!this.aliasMap.has(richMenuAliasId)) throw new LineRefusal(400, { message: 'richmenu alias not found' });
    this.requireMenuForAlias(richMenuId);
    this.aliasMap.set(richMenuAliasId, richMenuId);
  }

  /** The menu id an alias points at, or a 404 refusal. */
  alias(richMenuAliasId: string): string {
    const id = this.aliasMap.get(richMenuAliasId);
    if (id === undefined) throw notFound();
    return id;
  }

  /** All aliases as LINE lists them. */
  aliases(): Array<{ richMenuAliasId: string; richMenuId: string }> {
    return [...this.aliasMap].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId }));
  }

  /** Deletes an alias (LINE answers 400 for an unknown one, per OAS). */
  deleteAlias(richMenuAliasId: string): void {
    if (!this.aliasMap.delete(richMenuAliasId)) throw new LineRefusal(400, { message: 'richmenu alias not found' });
  }

  /** Forgets everything. */
  clear(): void {
    this.menus.clear();
    this.aliasMap.clear();
    this.userLinks.clear();
    this.defaultId = undefined;
  }

  private requireImage(richMenuId: string): void {
    if (!this.get(richMenuId).image) {
      throw new LineRefusal(400, { message: 'must upload richmenu image before applying it to user', details: [] });
    }
  }

  private requireMenuForAlias(richMenuId: string): void {
    if (!this.menus.has(richMenuId)) throw new LineRefusal(400, { message: 'richmenu not found' });
  }
}
