import type { RichMenuDefinition } from '../../domain/ports';
import { DomainError } from '../../domain/errors';
import { POSTBACK } from '../../flows/postback-codes';

/**
 * The rich menus' image size (the main and the disaster menu share it and the 3×2 grid). The images in
 * `assets/rich-menu/` must match it exactly.
 */
export const MAIN_RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;

/**
 * The menu's `name` on LINE. Deploys find and delete their own older menus by this name,
 * so changing it orphans menus created before the change.
 */
export const MAIN_RICH_MENU_NAME = 'tsunagu-main';

/** The rich menu alias that always points at the current main menu (for `richmenuswitch` actions). */
export const MAIN_RICH_MENU_ALIAS = 'main';

/** The six tiles of the main menu, in reading order: top row left to right, then bottom row. */
export const MAIN_RICH_MENU_TILES = ['consult', 'volunteer', 'donate', 'events', 'settings', 'staff'] as const;
/** One tile of the main menu. */
export type MainRichMenuTile = (typeof MAIN_RICH_MENU_TILES)[number];

/** Postback data sent by each tile. Stable codes shared with the quick-reply menu and the flows. */
export const MAIN_RICH_MENU_CODE: Readonly<Record<MainRichMenuTile, string>> = {
  consult: POSTBACK.consult,
  volunteer: POSTBACK.volunteer,
  donate: POSTBACK.donate,
  events: POSTBACK.events,
  settings: POSTBACK.settings,
  staff: POSTBACK.staff,
};

/** The postback codes of the main menu's areas, in tile order. */
export const MAIN_RICH_MENU_CODES: readonly string[] = MAIN_RICH_MENU_TILES.map((tile) => MAIN_RICH_MENU_CODE[tile]);

/** The words of one tile: `label` is read out by screen readers, `displayText` is posted in the chat when tapped. */
export interface RichMenuTileLabels {
  label: string;
  displayText: string;
}

/** Every user-visible word of a menu with these tiles (besides the image itself). */
export interface RichMenuLabels<Tile extends string> {
  chatBarText: string;
  tiles: Record<Tile, RichMenuTileLabels>;
}

/** Every user-visible word of the main menu (besides the image itself). */
export type MainRichMenuLabels = RichMenuLabels<MainRichMenuTile>;

/**
 * The Japanese words of the main menu. They match the text drawn in `assets/rich-menu/main.png`:
 * a rich menu is one image for every user, so its wording is Japanese regardless of the user's language.
 */
export const MAIN_RICH_MENU_LABELS_JA: MainRichMenuLabels = {
  chatBarText: 'メニュー',
  tiles: {
    consult: { label: '相談する', displayText: '相談したい' },
    volunteer: { label: 'ボランティア', displayText: 'ボランティアについて知りたい' },
    donate: { label: '寄付・寄贈', displayText: '寄付・寄贈について知りたい' },
    events: { label: 'サロン・行事', displayText: 'サロン・行事を知りたい' },
    settings: { label: '設定', displayText: '設定を変えたい' },
    staff: { label: 'スタッフと話す', displayText: 'スタッフと話したい' },
  },
};

/** LINE's documented rich menu limits (Messaging API reference, create/upload rich menu, postback action). */
export const RICH_MENU_LIMITS = {
  maxAreas: 20,
  chatBarTextMax: 14,
  actionLabelMax: 20,
  postbackDataMax: 300,
  displayTextMax: 300,
  minWidth: 800,
  maxWidth: 2500,
  minHeight: 250,
  minAspectRatio: 1.45,
  maxImageBytes: 1024 * 1024,
} as const;

const COLUMNS = 3;
const ROWS = 2;

/** Counts what LINE counts for labels and chat bar text: user-perceived characters, not UTF-16 units. */
export function graphemeLength(text: string): number {
  return [...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(text)].length;
}

/**
 * The tap area of the tile at `index` (reading order), in image pixels. The grid splits 2500 px unevenly
 * (833/834/833) so the areas cover the whole image without gaps or overlaps; the image renderer uses the same bounds.
 */
export function richMenuTileBounds(index: number): { x: number; y: number; width: number; height: number } {
  const column = index % COLUMNS;
  const row = Math.floor(index / COLUMNS);
  const x = Math.round((column * MAIN_RICH_MENU_SIZE.width) / COLUMNS);
  const y = Math.round((row * MAIN_RICH_MENU_SIZE.height) / ROWS);
  const right = Math.round(((column + 1) * MAIN_RICH_MENU_SIZE.width) / COLUMNS);
  const bottom = Math.round(((row + 1) * MAIN_RICH_MENU_SIZE.height) / ROWS);
  return { x, y, width: right - x, height: bottom - y };
}

/** The tap area of `tile` of the main menu, in image pixels. */
export function mainRichMenuTileBounds(tile: MainRichMenuTile): { x: number; y: number; width: number; height: number } {
  return richMenuTileBounds(MAIN_RICH_MENU_TILES.indexOf(tile));
}

function requireWithin(what: string, text: string, max: number, length: (s: string) => number): void {
  const actual = length(text);
  if (actual === 0 || actual > max) {
    throw new DomainError('message.invalid', `rich menu ${what} must be 1–${max} characters, got ${actual}`);
  }
}

/**
 * A 3×2 grid of postback tiles as LINE's `RichMenuRequest`, open by default (many of our users would not discover a
 * collapsed menu behind the chat bar); each tile posts its code and echoes `displayText` in the chat so users see
 * what they tapped. Throws `DomainError('message.invalid')` when a label breaks LINE's limits, so a deploy fails
 * before any API call.
 */
function gridRichMenu<Tile extends string>(name: string, tiles: readonly Tile[], codes: Readonly<Record<Tile, string>>, labels: RichMenuLabels<Tile>): RichMenuDefinition {
  requireWithin('chatBarText', labels.chatBarText, RICH_MENU_LIMITS.chatBarTextMax, graphemeLength);
  return {
    size: { ...MAIN_RICH_MENU_SIZE },
    selected: true,
    name,
    chatBarText: labels.chatBarText,
    areas: tiles.map((tile, index) => {
      const { label, displayText } = labels.tiles[tile];
      requireWithin(`${tile} label`, label, RICH_MENU_LIMITS.actionLabelMax, graphemeLength);
      requireWithin(`${tile} displayText`, displayText, RICH_MENU_LIMITS.displayTextMax, graphemeLength);
      return { bounds: richMenuTileBounds(index), action: { type: 'postback', label, data: codes[tile], displayText } };
    }),
  };
}

/**
 * The main rich menu: 2500×1686, a 3×2 grid of postback tiles (相談する, ボランティア, 寄付・寄贈 / サロン・行事, 設定,
 * スタッフと話す). Throws `DomainError('message.invalid')` when a label breaks LINE's limits.
 */
export function mainRichMenu(labels: MainRichMenuLabels = MAIN_RICH_MENU_LABELS_JA): RichMenuDefinition {
  return gridRichMenu(MAIN_RICH_MENU_NAME, MAIN_RICH_MENU_TILES, MAIN_RICH_MENU_CODE, labels);
}

/** The disaster menu's `name` on LINE (deploys replace their own older menus by name). */
export const DISASTER_RICH_MENU_NAME = 'tsunagu-disaster';

/** The alias that always points at the current disaster menu. */
export const DISASTER_RICH_MENU_ALIAS = 'disaster';

/** The six tiles of the disaster menu, in reading order. */
export const DISASTER_RICH_MENU_TILES = ['need', 'help', 'mine', 'desk', 'main', 'staff'] as const;
/** One tile of the disaster menu. */
export type DisasterRichMenuTile = (typeof DISASTER_RICH_MENU_TILES)[number];

/**
 * Postback data of each disaster tile: the disaster module's taps (`dz=…`), written out here because the core names
 * no module (tests/unit/rich-menu.test.ts checks that the module answers each), and staff as on the main menu.
 */
export const DISASTER_RICH_MENU_CODE: Readonly<Record<DisasterRichMenuTile, string>> = {
  need: 'dz=need',
  help: 'dz=join',
  mine: 'dz=mine',
  desk: 'dz=desk',
  main: 'dz=main',
  staff: POSTBACK.staff,
};

/** The Japanese words of the disaster menu; they match the text drawn in `assets/rich-menu/disaster.png`. */
export const DISASTER_RICH_MENU_LABELS_JA: RichMenuLabels<DisasterRichMenuTile> = {
  chatBarText: '災害ボランティア',
  tiles: {
    need: { label: '手伝ってほしい', displayText: '手伝ってほしい' },
    help: { label: '手伝いたい', displayText: '手伝いたい' },
    mine: { label: 'わたしの予定', displayText: 'わたしの予定を見たい' },
    desk: { label: '受付', displayText: '受付の方法を知りたい' },
    main: { label: '通常メニュー', displayText: '通常のメニューを見たい' },
    staff: { label: 'スタッフと話す', displayText: 'スタッフと話したい' },
  },
};

/**
 * The disaster rich menu, default while a disaster volunteer centre runs: 手伝ってほしい (survivors asking for help
 * find it first), 手伝いたい, わたしの予定 / 受付, 通常メニュー, スタッフと話す. The centre and its dates are in the
 * disaster menu message (typed メニュー, the greeting). Same size and grid as the main menu.
 */
export function disasterRichMenu(labels: RichMenuLabels<DisasterRichMenuTile> = DISASTER_RICH_MENU_LABELS_JA): RichMenuDefinition {
  return gridRichMenu(DISASTER_RICH_MENU_NAME, DISASTER_RICH_MENU_TILES, DISASTER_RICH_MENU_CODE, labels);
}
