/**
 * Validation of the two container message types: templates (REF#template-messages) and Flex
 * (REF#flex-message). Flex layout is not checked, only what LINE refuses outright: alt text, container
 * sizes, bubble counts and the actions inside.
 */
import { validateAction } from './validate-action';
import { at, DetailCollector, isObject, join } from './validate-common';

const HTTPS = ['https'];
const KB = 1024;
const MAX_BUBBLE_BYTES = 30 * KB;
const MAX_CAROUSEL_BYTES = 50 * KB;
const MAX_CAROUSEL_BUBBLES = 12;
/** Deeper Flex trees are not walked; LINE's own nesting limits are far below this. */
const MAX_FLEX_DEPTH = 64;

/** A template message: `altText` ≤ 400 and one of the four template types with their own limits. */
export function validateTemplate(c: DetailCollector, message: Record<string, unknown>, path: string): void {
  c.string(message, 'altText', path, { required: true, max: 400 });
  const template = c.object(message, 'template', path, true);
  if (!template) return;
  const tPath = join(path, 'template');
  const type = c.oneOf(template, 'type', tPath, ['buttons', 'confirm', 'carousel', 'image_carousel']);
  switch (type) {
    case 'buttons':
      validateColumn(c, template, tPath, { textMax: 160, actionsMax: 4 });
      return;
    case 'confirm':
      c.string(template, 'text', tPath, { required: true, max: 240 });
      validateActions(c, template, tPath, 2, 2);
      return;
    case 'carousel': {
      const columns = c.array(template, 'columns', tPath, { required: true, min: 1, max: 10 });
      columns?.forEach((col, i) => {
        const colPath = at(join(tPath, 'columns'), i);
        if (isObject(col)) validateColumn(c, col, colPath, { textMax: 120, actionsMax: 3 });
        else c.add(colPath, 'Must be an object');
      });
      return;
    }
    case 'image_carousel': {
      const columns = c.array(template, 'columns', tPath, { required: true, min: 1, max: 10 });
      columns?.forEach((col, i) => {
        const colPath = at(join(tPath, 'columns'), i);
        if (!isObject(col)) return c.add(colPath, 'Must be an object');
        c.string(col, 'imageUrl', colPath, { required: true, max: 2000, schemes: HTTPS });
        if (col.action === undefined) c.add(join(colPath, 'action'), 'May not be empty');
        else validateAction(c, col.action, join(colPath, 'action'), 'imageCarousel');
      });
      return;
    }
    default:
      return;
  }
}

/** A buttons template or carousel column: the text limit drops to 60 when an image or title is shown. */
function validateColumn(
  c: DetailCollector,
  col: Record<string, unknown>,
  path: string,
  limits: { textMax: number; actionsMax: number },
): void {
  c.string(col, 'thumbnailImageUrl', path, { max: 2000, schemes: HTTPS });
  c.string(col, 'title', path, { max: 40 });
  const crowded = col.thumbnailImageUrl !== undefined || col.title !== undefined;
  c.string(col, 'text', path, { required: true, max: crowded ? 60 : limits.textMax });
  if (col.defaultAction !== undefined) validateAction(c, col.defaultAction, join(path, 'defaultAction'), 'template');
  validateActions(c, col, path, 1, limits.actionsMax);
}

function validateActions(c: DetailCollector, obj: Record<string, unknown>, path: string, min: number, max: number): void {
  const actions = c.array(obj, 'actions', path, { required: true, min, max });
  actions?.forEach((a, i) => validateAction(c, a, at(join(path, 'actions'), i), 'template'));
}

/** A Flex message: `altText` ≤ 1500; a bubble ≤ 30 KB, or a carousel of 1–12 bubbles ≤ 50 KB in all. */
export function validateFlex(c: DetailCollector, message: Record<string, unknown>, path: string): void {
  c.string(message, 'altText', path, { required: true, max: 1500 });
  const contents = c.object(message, 'contents', path, true);
  if (!contents) return;
  const cPath = join(path, 'contents');
  const type = c.oneOf(contents, 'type', cPath, ['bubble', 'carousel']);
  const bytes = Buffer.byteLength(JSON.stringify(contents));
  if (type === 'bubble' && bytes > MAX_BUBBLE_BYTES) {
    c.add(cPath, `The bubble is ${bytes} bytes; it must be ${MAX_BUBBLE_BYTES} bytes (30 KB) or less`);
  }
  if (type === 'carousel') {
    if (bytes > MAX_CAROUSEL_BYTES) {
      c.add(cPath, `The carousel is ${bytes} bytes; it must be ${MAX_CAROUSEL_BYTES} bytes (50 KB) or less`);
    }
    const bubbles = c.array(contents, 'contents', cPath, { required: true, min: 1, max: MAX_CAROUSEL_BUBBLES });
    bubbles?.forEach((b, i) => {
      if (!isObject(b) || b.type !== 'bubble') c.add(at(join(cPath, 'contents'), i), 'Must be a bubble');
    });
  }
  walkFlexActions(c, contents, cPath, 0);
}

/** Every `action` in a Flex tree (bubble, box, button, image, text) is an action object with Flex limits. */
function walkFlexActions(c: DetailCollector, node: unknown, path: string, depth: number): void {
  if (depth > MAX_FLEX_DEPTH) return;
  if (Array.isArray(node)) {
    node.forEach((child, i) => walkFlexActions(c, child, at(path, i), depth + 1));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'action') validateAction(c, value, join(path, key), 'flex');
    else walkFlexActions(c, value, join(path, key), depth + 1);
  }
}
