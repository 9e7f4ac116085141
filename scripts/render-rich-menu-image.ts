/**
 * Renders a rich menu's image — `assets/rich-menu/main.png` (the main menu) or `assets/rich-menu/disaster.png` (the
 * disaster menu) — by screenshotting an HTML page in Debian's Chromium (playwright-core; `npx playwright install`
 * cannot download browsers here). Tiles use the same bounds as `mainRichMenu()` and `disasterRichMenu()`, so what
 * users see lines up with where they tap.
 *
 * Usage: tsx scripts/render-rich-menu-image.ts [--menu main|disaster] [output.png]
 * Needs: apt-get install chromium fonts-noto-cjk fonts-noto-color-emoji
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  DISASTER_RICH_MENU_TILES,
  MAIN_RICH_MENU_SIZE,
  MAIN_RICH_MENU_TILES,
  RICH_MENU_LIMITS,
  richMenuTileBounds,
  type DisasterRichMenuTile,
  type MainRichMenuTile,
} from '../src/bot/rich-menu/rich-menu';

const CHROMIUM_PATH = '/usr/bin/chromium';
const TEXT_COLOUR = '#FFFFFF';
// WCAG AA for large text is 3:1; we ask for the normal-text 4.5:1 because users read the menu on small phones.
const MIN_CONTRAST = 4.5;

/** How one tile looks. `lines` are the drawn words (they must read like the tile's `label`). */
interface TileDesign {
  lines: string[];
  glyph: string;
  background: string;
}

// Two lines for スタッフと話す: one line of seven kanji/kana at this size would not fit the tile.
const STAFF: TileDesign = { lines: ['スタッフと', '話す'], glyph: '🙋', background: '#A3192E' };

const MAIN_DESIGN: Record<MainRichMenuTile, TileDesign> = {
  consult: { lines: ['相談する'], glyph: '💬', background: '#0B4F8A' },
  volunteer: { lines: ['ボランティア'], glyph: '🤝', background: '#1D6B36' },
  donate: { lines: ['寄付・寄贈'], glyph: '🎁', background: '#9C3D00' },
  events: { lines: ['サロン・行事'], glyph: '🍵', background: '#6B2D8F' },
  settings: { lines: ['設定'], glyph: '⚙️', background: '#3B4953' },
  staff: STAFF,
};

const DISASTER_DESIGN: Record<DisasterRichMenuTile, TileDesign> = {
  need: { lines: ['手伝って', 'ほしい'], glyph: '🆘', background: '#9C3D00' },
  help: { lines: ['手伝いたい'], glyph: '🙌', background: '#1D6B36' },
  mine: { lines: ['わたしの予定'], glyph: '📅', background: '#0B4F8A' },
  desk: { lines: ['受付'], glyph: '📝', background: '#6B2D8F' },
  main: { lines: ['通常メニュー'], glyph: '🏠', background: '#3B4953' },
  staff: STAFF,
};

/** Each menu's tiles in reading order, with how each looks, and where its image goes by default. */
const MENUS = {
  main: { tiles: MAIN_RICH_MENU_TILES as readonly string[], design: MAIN_DESIGN as Record<string, TileDesign>, file: 'main.png' },
  disaster: { tiles: DISASTER_RICH_MENU_TILES as readonly string[], design: DISASTER_DESIGN as Record<string, TileDesign>, file: 'disaster.png' },
};
type MenuName = keyof typeof MENUS;

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function pageHtml(menu: MenuName): string {
  const { tiles: names, design: designs } = MENUS[menu];
  const tiles = names.map((tile, index) => {
    const { x, y, width, height } = richMenuTileBounds(index);
    const design = designs[tile]!;
    const lines = design.lines.map((line) => `<div class="line">${escapeHtml(line)}</div>`).join('');
    return `<div class="tile" style="left:${x}px;top:${y}px;width:${width}px;height:${height}px">
      <div class="face" style="background:${design.background}">
        <div class="badge"><span class="glyph">${design.glyph}</span></div>
        <div class="label">${lines}</div>
      </div>
    </div>`;
  }).join('\n');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><style>
  html, body { margin: 0; padding: 0; }
  body { width: ${MAIN_RICH_MENU_SIZE.width}px; height: ${MAIN_RICH_MENU_SIZE.height}px; position: relative;
         background: #FFFFFF; overflow: hidden; }
  .tile { position: absolute; box-sizing: border-box; padding: 10px; }
  /* Fixed slots, not centring: the badges and labels of a row line up even when one label has two lines. */
  .face { width: 100%; height: 100%; border-radius: 36px; box-sizing: border-box; padding-top: 96px;
          display: flex; flex-direction: column; align-items: center; gap: 44px; }
  .badge { width: 330px; height: 330px; flex: none; border-radius: 50%; background: #FFFFFF; display: flex;
           align-items: center; justify-content: center; }
  .glyph { font-family: 'Noto Color Emoji'; font-size: 200px; line-height: 1; }
  /* palt narrows the full-width 「・」 so サロン・行事 keeps a margin at this size. */
  .label { height: 280px; display: flex; flex-direction: column; justify-content: center;
           color: ${TEXT_COLOUR}; font-family: 'Noto Sans CJK JP', sans-serif; font-weight: 700;
           font-size: 124px; line-height: 1.12; text-align: center; font-feature-settings: 'palt'; }
  .line { white-space: nowrap; }
</style></head><body>
${tiles}
</body></html>`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { menu: { type: 'string', default: 'main' } }, allowPositionals: true });
  if (!(values.menu in MENUS)) throw new Error(`--menu must be main or disaster, not ${values.menu}`);
  const menu = values.menu as MenuName;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const output = resolve(positionals[0] ?? `${root}/assets/rich-menu/${MENUS[menu].file}`);

  for (const [tile, design] of Object.entries(MENUS[menu].design)) {
    const ratio = contrastRatio(TEXT_COLOUR, design.background);
    if (ratio < MIN_CONTRAST) throw new Error(`${tile}: contrast ${ratio.toFixed(2)} is below ${MIN_CONTRAST}`);
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { ...MAIN_RICH_MENU_SIZE }, deviceScaleFactor: 1 });
    await page.setContent(pageHtml(menu), { waitUntil: 'load' });
    // A string, because this project compiles without DOM types.
    await page.evaluate('document.fonts.ready');
    // Labels must never wrap or spill: a clipped word on a menu is worse than a smaller font.
    const overflowing = await page.$$eval('.line', (lines) =>
      lines.filter((l) => l.scrollWidth > (l.closest('.face')?.clientWidth ?? 0) - 40).map((l) => l.textContent),
    );
    if (overflowing.length > 0) throw new Error(`labels too wide for their tiles: ${overflowing.join(', ')}`);
    const png = await page.screenshot({ type: 'png', fullPage: false });
    if (png.length > RICH_MENU_LIMITS.maxImageBytes) {
      throw new Error(`image is ${png.length} bytes; LINE accepts at most ${RICH_MENU_LIMITS.maxImageBytes}`);
    }
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, png);
    console.log(`wrote ${output} (${png.length} bytes)`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
