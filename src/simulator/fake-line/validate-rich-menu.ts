/**
 * Validation of `RichMenuRequest` (REF#create-rich-menu, LINE-PLATFORM.md §3): size 800–2500 × ≥ 250 with
 * width/height ≥ 1.45, `chatBarText` ≤ 14 graphemes, `name` ≤ 300, ≤ 20 areas inside the menu, each with
 * a rich-menu action.
 */
import type { LineErrorDetail } from './types';
import { validateAction } from './validate-action';
import { at, DetailCollector, isObject, join } from './validate-common';

/** Rich menu alias ids (REF#create-rich-menu-alias). */
export const ALIAS_ID_PATTERN = /^[a-z0-9_-]{1,32}$/;

/** All details for a rich menu body; empty when LINE would accept it. */
export function validateRichMenu(body: unknown): LineErrorDetail[] {
  const c = new DetailCollector();
  if (!isObject(body)) {
    c.add('', 'The request body must be a JSON object');
    return c.details;
  }
  const size = c.object(body, 'size', '', true);
  const width = size ? c.number(size, 'width', 'size', true) : undefined;
  const height = size ? c.number(size, 'height', 'size', true) : undefined;
  if (width !== undefined && (width < 800 || width > 2500)) c.add('size.width', 'Must be between 800 and 2500');
  if (height !== undefined && height < 250) c.add('size.height', 'Must be 250 or more');
  if (width !== undefined && height !== undefined && height > 0 && width / height < 1.45) {
    c.add('size', 'The aspect ratio (width / height) must be 1.45 or more');
  }
  if (typeof body.selected !== 'boolean') c.add('selected', 'Must be a boolean');
  c.string(body, 'name', '', { required: true, max: 300 });
  c.string(body, 'chatBarText', '', { required: true, max: 14, unit: 'grapheme' });
  const areas = c.array(body, 'areas', '', { required: true, max: 20 });
  areas?.forEach((area, i) => {
    const path = at('areas', i);
    if (!isObject(area)) return c.add(path, 'Must be an object');
    const bounds = c.object(area, 'bounds', path, true);
    if (bounds) validateBounds(c, bounds, join(path, 'bounds'), width, height);
    if (area.action === undefined) c.add(join(path, 'action'), 'May not be empty');
    else validateAction(c, area.action, join(path, 'action'), 'richMenu');
  });
  return c.details;
}

function validateBounds(
  c: DetailCollector,
  bounds: Record<string, unknown>,
  path: string,
  menuWidth: number | undefined,
  menuHeight: number | undefined,
): void {
  const x = c.number(bounds, 'x', path, true);
  const y = c.number(bounds, 'y', path, true);
  const w = c.number(bounds, 'width', path, true);
  const h = c.number(bounds, 'height', path, true);
  if (x === undefined || y === undefined || w === undefined || h === undefined) return;
  if (x < 0 || y < 0 || w < 1 || h < 1) c.add(path, 'Must have x, y ≥ 0 and width, height ≥ 1');
  if (menuWidth !== undefined && x + w > menuWidth) c.add(path, 'The area extends beyond the menu width');
  if (menuHeight !== undefined && y + h > menuHeight) c.add(path, 'The area extends beyond the menu height');
}
