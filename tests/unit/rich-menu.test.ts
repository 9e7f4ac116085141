// Under test: mainRichMenu() and disasterRichMenu() against LINE's rich menu limits, the committed image assets, and
// the disaster menu's tiles answered by the disaster module through the real engine (its context faked: a running
// demo centre). Nothing else is faked.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DISASTER_RICH_MENU_CODE,
  MAIN_RICH_MENU_CODES,
  MAIN_RICH_MENU_LABELS_JA,
  RICH_MENU_LIMITS,
  disasterRichMenu,
  graphemeLength,
  mainRichMenu,
} from '../../src/bot/rich-menu/rich-menu';
import { DomainError } from '../../src/domain/errors';
import { MENU_SECTIONS, POSTBACK } from '../../src/flows/postback-codes';
import { disasterRunning, lineKeys, makeCtx, postback, run } from './flows/flow-test-kit';

const IMAGE_PATH = fileURLToPath(new URL('../../assets/rich-menu/main.png', import.meta.url));
const menu = mainRichMenu();

type Bounds = { x: number; y: number; width: number; height: number };
const overlaps = (a: Bounds, b: Bounds): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('mainRichMenu', () => {
  it('has a size LINE accepts', () => {
    const { width, height } = menu.size;
    expect(width).toBeGreaterThanOrEqual(RICH_MENU_LIMITS.minWidth);
    expect(width).toBeLessThanOrEqual(RICH_MENU_LIMITS.maxWidth);
    expect(height).toBeGreaterThanOrEqual(RICH_MENU_LIMITS.minHeight);
    expect(width / height).toBeGreaterThanOrEqual(RICH_MENU_LIMITS.minAspectRatio);
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
  });

  it('has six areas inside the image that do not overlap and leave no dead zone', () => {
    expect(menu.areas).toHaveLength(6);
    expect(menu.areas.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.maxAreas);
    for (const { bounds } of menu.areas) {
      expect(bounds.x).toBeGreaterThanOrEqual(0);
      expect(bounds.y).toBeGreaterThanOrEqual(0);
      expect(bounds.width).toBeGreaterThan(0);
      expect(bounds.height).toBeGreaterThan(0);
      expect(bounds.x + bounds.width).toBeLessThanOrEqual(menu.size.width);
      expect(bounds.y + bounds.height).toBeLessThanOrEqual(menu.size.height);
    }
    menu.areas.forEach((a, i) =>
      menu.areas.slice(i + 1).forEach((b) => expect(overlaps(a.bounds, b.bounds), `areas ${i} and another overlap`).toBe(false)),
    );
    // With no overlaps, equal total area means every pixel is tappable.
    const covered = menu.areas.reduce((sum, { bounds }) => sum + bounds.width * bounds.height, 0);
    expect(covered).toBe(menu.size.width * menu.size.height);
  });

  it('lays the tiles out as a 3×2 grid in reading order', () => {
    const data = menu.areas.map((a) => a.action.data);
    expect(data).toEqual([
      POSTBACK.consult,
      POSTBACK.volunteer,
      POSTBACK.donate,
      POSTBACK.events,
      POSTBACK.settings,
      POSTBACK.staff,
    ]);
    expect(new Set(menu.areas.map((a) => a.bounds.x)).size).toBe(3);
    expect(new Set(menu.areas.map((a) => a.bounds.y)).size).toBe(2);
    expect(menu.areas[0]!.bounds).toMatchObject({ x: 0, y: 0 });
    expect(menu.areas[5]!.bounds).toMatchObject({ x: 1667, y: 843, width: 833, height: 843 });
  });

  it('posts every main menu code but 苦情・ご意見 (in the quick-reply menu only: the image has six tiles) and the staff code, each once', () => {
    const data = menu.areas.map((a) => a.action.data);
    for (const section of MENU_SECTIONS.filter((s) => s !== 'complaints')) expect(data).toContain(POSTBACK[section]);
    expect(data).not.toContain(POSTBACK.complaints);
    expect(data).toContain(POSTBACK.staff);
    expect(new Set(data).size).toBe(data.length);
    expect(MAIN_RICH_MENU_CODES).toEqual(data);
  });

  it('uses postback actions within LINE limits that echo Japanese text in the chat', () => {
    for (const { action } of menu.areas) {
      expect(action.type).toBe('postback');
      const { data, label, displayText } = action as { data: string; label: string; displayText: string };
      expect(data.length).toBeGreaterThan(0);
      expect(data.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.postbackDataMax);
      expect(graphemeLength(label)).toBeLessThanOrEqual(RICH_MENU_LIMITS.actionLabelMax);
      expect(graphemeLength(displayText)).toBeLessThanOrEqual(RICH_MENU_LIMITS.displayTextMax);
      expect(displayText).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(menu.areas[0]!.action).toEqual({ type: 'postback', label: '相談する', data: 'menu=consult', displayText: '相談したい' });
  });

  it('has a short chat bar text and a stable name', () => {
    expect(menu.chatBarText).toBe('メニュー');
    expect(graphemeLength(menu.chatBarText)).toBeLessThanOrEqual(RICH_MENU_LIMITS.chatBarTextMax);
    expect(menu.name).toBe('tsunagu-main');
    expect(menu.selected).toBe(true);
  });

  it('is pure: equal on every call, plain JSON', () => {
    expect(mainRichMenu()).toEqual(menu);
    expect(JSON.parse(JSON.stringify(menu))).toEqual(menu);
  });

  it('refuses labels LINE would reject', () => {
    expect(() => mainRichMenu({ ...MAIN_RICH_MENU_LABELS_JA, chatBarText: 'メニューをひらいてください。' + '！' })).toThrow(DomainError);
    expect(() =>
      mainRichMenu({
        ...MAIN_RICH_MENU_LABELS_JA,
        tiles: { ...MAIN_RICH_MENU_LABELS_JA.tiles, staff: { label: 'あ'.repeat(21), displayText: '話したい' } },
      }),
    ).toThrow(DomainError);
    // 14 graphemes is allowed even when emoji make it longer in UTF-16 units.
    expect(mainRichMenu({ ...MAIN_RICH_MENU_LABELS_JA, chatBarText: '👨‍👩‍👧'.repeat(14) }).chatBarText).toBe('👨‍👩‍👧'.repeat(14));
  });
});

describe('assets/rich-menu/main.png', () => {
  const bytes = readFileSync(IMAGE_PATH);

  it('is a PNG of the menu size', () => {
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The first chunk must be IHDR: 4-byte length, type, then width and height as big-endian uint32.
    expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
    expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual(menu.size);
  });

  it('fits LINE’s 1 MB upload limit', () => {
    expect(statSync(IMAGE_PATH).size).toBeLessThanOrEqual(RICH_MENU_LIMITS.maxImageBytes);
  });
});

describe('disasterRichMenu', () => {
  const disaster = disasterRichMenu();

  it('has the main menu\'s size and grid, its own name and a short chat bar text', () => {
    expect(disaster.size).toEqual(menu.size);
    expect(disaster.areas.map((a) => a.bounds)).toEqual(menu.areas.map((a) => a.bounds));
    expect(disaster.name).toBe('tsunagu-disaster');
    expect(graphemeLength(disaster.chatBarText)).toBeLessThanOrEqual(RICH_MENU_LIMITS.chatBarTextMax);
  });

  it('uses postback actions within LINE limits, and staff as the main menu does', () => {
    for (const { action } of disaster.areas) {
      const { data, label, displayText } = action as { data: string; label: string; displayText: string };
      expect(data.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.postbackDataMax);
      expect(graphemeLength(label)).toBeLessThanOrEqual(RICH_MENU_LIMITS.actionLabelMax);
      expect(graphemeLength(displayText)).toBeLessThanOrEqual(RICH_MENU_LIMITS.displayTextMax);
    }
    expect(disaster.areas.at(-1)!.action).toEqual({ type: 'postback', label: 'スタッフと話す', data: POSTBACK.staff, displayText: 'スタッフと話したい' });
  });

  it.each(Object.entries(DISASTER_RICH_MENU_CODE).filter(([tile]) => tile !== 'staff'))('the %s tile is answered by the disaster module while a centre runs', (_tile, data) => {
    const ctx = makeCtx({ resident: { consent: 'granted', onboarded: true }, disaster: disasterRunning() });
    const keys = lineKeys(run(null, postback(data), ctx));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).not.toContain('common:staleButton');
    expect(keys.some((k) => k.startsWith('disaster:') || k.startsWith('disasterNeed:') || k === 'menu:prompt')).toBe(true);
  });
});

describe('assets/rich-menu/disaster.png', () => {
  const bytes = readFileSync(fileURLToPath(new URL('../../assets/rich-menu/disaster.png', import.meta.url)));

  it('is a PNG of the menu size within LINE\'s 1 MB', () => {
    expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
    expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual(disasterRichMenu().size);
    expect(bytes.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.maxImageBytes);
  });
});
