// Under test: deployMainRichMenu's create → upload → default → alias → clean-up sequence; the disaster menu deployed
// beside it, and switching the default between the two by alias (switchRichMenu).
// Faked: LINE's rich menu API, by an in-memory FakeRichMenuAdmin; the image is a header-only PNG.
import { describe, expect, it } from 'vitest';
import { deployMainRichMenu, deployRichMenus, richMenuImageInfo, switchRichMenu } from '../../src/bot/rich-menu/deploy-rich-menu';
import { MAIN_RICH_MENU_NAME, disasterRichMenu, mainRichMenu } from '../../src/bot/rich-menu/rich-menu';
import { DomainError } from '../../src/domain/errors';
import { LineApiError } from '../../src/domain/ports';
import { FakeRichMenuAdmin } from '../fakes/fake-rich-menu-admin';

/** A PNG signature and IHDR chunk: enough for size checks; the fake never decodes pixels. */
function pngHeader(width: number, height: number, padTo = 64): Buffer {
  const bytes = Buffer.alloc(Math.max(padTo, 33));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

const IMAGE = pngHeader(2500, 1686);

function menusNamedMain(admin: FakeRichMenuAdmin): string[] {
  return [...admin.menus.values()].filter((m) => m.definition.name === MAIN_RICH_MENU_NAME).map((m) => m.richMenuId);
}

describe('deployMainRichMenu', () => {
  it('creates the menu with its image, makes it default and points alias main at it', async () => {
    const admin = new FakeRichMenuAdmin();

    const { richMenuId, deletedRichMenuIds } = await deployMainRichMenu(admin, IMAGE);

    expect([...admin.menus.keys()]).toEqual([richMenuId]);
    expect(admin.menus.get(richMenuId)?.definition).toEqual(mainRichMenu());
    expect(admin.menus.get(richMenuId)?.image?.contentType).toBe('image/png');
    expect(admin.menus.get(richMenuId)?.image?.bytes.equals(IMAGE)).toBe(true);
    expect(admin.defaultRichMenuId).toBe(richMenuId);
    expect(admin.aliases.get('main')).toBe(richMenuId);
    expect(deletedRichMenuIds).toEqual([]);
  });

  it('replaces the previous deploy only after the new menu is default', async () => {
    const admin = new FakeRichMenuAdmin();
    const first = await deployMainRichMenu(admin, IMAGE);

    const second = await deployMainRichMenu(admin, IMAGE);

    expect(second.richMenuId).not.toBe(first.richMenuId);
    expect(menusNamedMain(admin)).toEqual([second.richMenuId]);
    expect(admin.defaultRichMenuId).toBe(second.richMenuId);
    expect(admin.aliases.get('main')).toBe(second.richMenuId);
    expect(second.deletedRichMenuIds).toEqual([first.richMenuId]);
    expect(admin.everLeftWithoutDefault()).toBe(false);
    const deletedAt = admin.steps.findIndex((s) => s.operation === 'deleteRichMenu' && s.richMenuId === first.richMenuId);
    const newDefaultAt = admin.steps.findIndex((s) => s.operation === 'setDefaultRichMenu' && s.richMenuId === second.richMenuId);
    const aliasMovedAt = admin.steps.findIndex((s) => s.operation === 'upsertRichMenuAlias' && s.richMenuId === second.richMenuId);
    expect(deletedAt).toBeGreaterThan(newDefaultAt);
    expect(deletedAt).toBeGreaterThan(aliasMovedAt);
  });

  it('leaves menus with other names alone', async () => {
    const admin = new FakeRichMenuAdmin();
    const campaign = await admin.createRichMenu({ ...mainRichMenu(), name: 'summer-festival' });

    await deployMainRichMenu(admin, IMAGE);
    await deployMainRichMenu(admin, IMAGE);

    expect(admin.menus.has(campaign)).toBe(true);
    expect(admin.menus.size).toBe(2);
  });

  it('keeps the old menu in place and drops the half-made one when the upload fails', async () => {
    const admin = new FakeRichMenuAdmin();
    const first = await deployMainRichMenu(admin, IMAGE);
    admin.failNext('uploadRichMenuImage');

    await expect(deployMainRichMenu(admin, IMAGE)).rejects.toBeInstanceOf(LineApiError);

    expect(menusNamedMain(admin)).toEqual([first.richMenuId]);
    expect(admin.defaultRichMenuId).toBe(first.richMenuId);
    expect(admin.aliases.get('main')).toBe(first.richMenuId);
  });

  it('keeps the old default when setting the new one fails, and a rerun cleans up', async () => {
    const admin = new FakeRichMenuAdmin();
    const first = await deployMainRichMenu(admin, IMAGE);
    admin.failNext('setDefaultRichMenu');

    await expect(deployMainRichMenu(admin, IMAGE)).rejects.toBeInstanceOf(LineApiError);
    expect(admin.defaultRichMenuId).toBe(first.richMenuId);
    expect(admin.aliases.get('main')).toBe(first.richMenuId);

    const rerun = await deployMainRichMenu(admin, IMAGE);
    expect(menusNamedMain(admin)).toEqual([rerun.richMenuId]);
    expect(admin.defaultRichMenuId).toBe(rerun.richMenuId);
    expect(admin.everLeftWithoutDefault()).toBe(false);
  });

  it('rejects a bad image before calling LINE', async () => {
    const admin = new FakeRichMenuAdmin();

    await expect(deployMainRichMenu(admin, pngHeader(2500, 843))).rejects.toBeInstanceOf(DomainError);
    await expect(deployMainRichMenu(admin, Buffer.from('GIF89a not an image'))).rejects.toBeInstanceOf(DomainError);
    await expect(deployMainRichMenu(admin, pngHeader(2500, 1686, 1024 * 1024 + 1))).rejects.toBeInstanceOf(DomainError);

    expect(admin.steps).toEqual([]);
  });

  it('uploads a JPEG with its own content type', async () => {
    const admin = new FakeRichMenuAdmin();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

    const { richMenuId } = await deployMainRichMenu(admin, jpeg);

    expect(admin.menus.get(richMenuId)?.image?.contentType).toBe('image/jpeg');
    expect(richMenuImageInfo(jpeg)).toEqual({ contentType: 'image/jpeg' });
  });
});

describe('the disaster menu beside the main one', () => {
  it('is deployed under its alias without becoming the default, and a rerun replaces both', async () => {
    const admin = new FakeRichMenuAdmin();
    const { main, disaster } = await deployRichMenus(admin, { main: IMAGE, disaster: IMAGE });

    expect(admin.defaultRichMenuId).toBe(main.richMenuId);
    expect(admin.aliases.get('main')).toBe(main.richMenuId);
    expect(admin.aliases.get('disaster')).toBe(disaster.richMenuId);
    expect(admin.menus.get(disaster.richMenuId)?.definition).toEqual(disasterRichMenu());

    const again = await deployRichMenus(admin, { main: IMAGE, disaster: IMAGE });
    expect([again.main.deletedRichMenuIds, again.disaster.deletedRichMenuIds]).toEqual([[main.richMenuId], [disaster.richMenuId]]);
    expect([...admin.menus.keys()].sort()).toEqual([again.main.richMenuId, again.disaster.richMenuId].sort());
    expect(admin.defaultRichMenuId).toBe(again.main.richMenuId);
  });

  it.each(['main', 'disaster'] as const)('a deploy while the disaster menu is the default never leaves users without a menu (%s default after it)', async (mode) => {
    const admin = new FakeRichMenuAdmin();
    await deployRichMenus(admin, { main: IMAGE, disaster: IMAGE });
    await switchRichMenu(admin, 'disaster');

    const again = await deployRichMenus(admin, { main: IMAGE, disaster: IMAGE }, mode);

    expect(admin.everLeftWithoutDefault()).toBe(false);
    expect(admin.defaultRichMenuId).toBe(again[mode].richMenuId);
    expect(admin.menus.size).toBe(2);
  });

  it('switchRichMenu makes the menu its alias points at the default, either way, and again changes nothing', async () => {
    const admin = new FakeRichMenuAdmin();
    const { main, disaster } = await deployRichMenus(admin, { main: IMAGE, disaster: IMAGE });

    expect(await switchRichMenu(admin, 'disaster')).toBe(disaster.richMenuId);
    expect(admin.defaultRichMenuId).toBe(disaster.richMenuId);
    expect(await switchRichMenu(admin, 'disaster')).toBe(disaster.richMenuId);
    expect(await switchRichMenu(admin, 'main')).toBe(main.richMenuId);
    expect(admin.defaultRichMenuId).toBe(main.richMenuId);
    expect(admin.everLeftWithoutDefault()).toBe(false);
  });

  it('switchRichMenu to a menu never deployed fails and leaves the default alone', async () => {
    const admin = new FakeRichMenuAdmin();
    const main = await deployMainRichMenu(admin, IMAGE);

    await expect(switchRichMenu(admin, 'disaster')).rejects.toBeInstanceOf(DomainError);
    expect(admin.defaultRichMenuId).toBe(main.richMenuId);
  });
});
