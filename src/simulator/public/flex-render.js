/**
 * Renders LINE messages (text, Flex, templates, media), quick replies and rich menus as HTML strings, close
 * enough to LINE's apps to read and tap. Pure: no DOM, so the tests run it under Node.
 *
 * Everything from the bot is escaped; colours, lengths and URLs are checked against LINE's formats before
 * they reach a style or an attribute. Tappable parts carry their LINE action as JSON in `data-action`; the
 * page handles clicks on `[data-action]`. Real buttons are `<button>`s; a tappable box, text, image or
 * bubble gets `role="button"` and `tabindex="0"` (a button cannot contain buttons).
 * Sizes follow LINE's Flex keywords (px at the default font size), written in rem so the page's
 * font-size setting scales them.
 */

const SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const TEXT_SIZE = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74 };
const IMAGE_SIZE = { xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160, '3xl': 180, '4xl': 200, '5xl': 240 };
const BORDER_WIDTH = { none: 0, light: 0.5, normal: 1, medium: 2, 'semi-bold': 3, bold: 4 };
const CORNER_RADIUS = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const BUBBLE_WIDTH = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 500 };
const JUSTIFY = new Set(['flex-start', 'center', 'flex-end', 'space-between', 'space-around', 'space-evenly']);
const ALIGN = new Set(['flex-start', 'center', 'flex-end']);
const GRAVITY = { top: 'flex-start', center: 'center', bottom: 'flex-end' };
const ALIGN_TEXT = { start: 'start', end: 'end', center: 'center' };
const ALIGN_FLEX = { start: 'flex-start', end: 'flex-end', center: 'center' };
/** Default padding of each block's root box, as LINE's apps draw it. */
const BLOCK_PADDING = { header: 20, hero: 0, body: 20, footer: 10 };
const PRIMARY_COLOR = '#06C755';
const SECONDARY_COLOR = '#DCDFE5';
const LINK_COLOR = '#42659A';

// ── escaping and validated values ────────────────────────────────────────────

/** Escapes text for HTML content and attribute values. */
export function esc(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const rem = (px) => `${Math.round((px / 16) * 1000) / 1000}rem`;
/** `part` of `whole` as a CSS percentage, rounded so styles stay short. */
const pct = (part, whole) => `${Math.round(((Number(part) || 0) / whole) * 1_000_000) / 10_000}%`;

/** A LINE colour (`#RRGGBB` or `#RRGGBBAA`), or undefined. */
export function color(value) {
  return typeof value === 'string' && /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(value) ? value : undefined;
}

/** A keyword from `table`, `Npx` or (when allowed) `N%` as CSS, or undefined. */
function length(value, table, allowPercent = true) {
  if (typeof value !== 'string') return undefined;
  if (table && Object.hasOwn(table, value)) return rem(table[value]);
  const px = /^(\d+(?:\.\d+)?)px$/.exec(value);
  if (px) return rem(Number(px[1]));
  if (allowPercent && /^\d+(?:\.\d+)?%$/.test(value)) return value;
  return undefined;
}

/**
 * A URL the page may load or open: http(s), tel, mailto, LINE's own schemes, and same-origin paths (the
 * simulator's uploads). Anything else (javascript:, data: other than images…) gives undefined.
 */
export function safeUrl(value, { image = false } = {}) {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (/^\/(?!\/)/.test(value)) return value;
  if (image && /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(value)) return value;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value);
  if (!scheme) return undefined;
  const allowed = image ? ['http', 'https'] : ['http', 'https', 'tel', 'mailto', 'line'];
  return allowed.includes(scheme[1].toLowerCase()) ? value : undefined;
}

function styleAttr(styles) {
  const css = styles.filter(Boolean).join(';');
  return css ? ` style="${esc(css)}"` : '';
}

function actionAttr(action) {
  return action && typeof action === 'object' && typeof action.type === 'string' ? ` data-action="${esc(JSON.stringify(action))}"` : '';
}

/** What a screen reader should say for an action, and what a button shows. */
export function actionLabel(action) {
  if (!action || typeof action !== 'object') return '';
  return String(action.label ?? action.displayText ?? action.text ?? action.uri ?? action.data ?? action.type ?? '');
}

/** Attributes that make a non-button element tappable: role, focus, label and the action. */
function tappable(action) {
  if (!action || typeof action !== 'object') return '';
  return ` role="button" tabindex="0" aria-label="${esc(actionLabel(action))}"${actionAttr(action)}`;
}

// ── text with links ──────────────────────────────────────────────────────────

const LINK_PATTERN = /(https?:\/\/[^\s<>"'\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+)|((?:\+81[- ]?|0)\d{1,4}-\d{1,4}-\d{3,4}|0120-\d{2,3}-\d{3,4})/g;

/** Escapes text and turns web addresses and phone numbers into links, as LINE's apps do. */
export function linkify(text) {
  const source = String(text ?? '');
  let html = '';
  let last = 0;
  for (const match of source.matchAll(LINK_PATTERN)) {
    html += esc(source.slice(last, match.index));
    const [whole, url, phone] = match;
    if (url) html += `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(url)}</a>`;
    else html += `<a href="tel:${esc(phone.replace(/[- ]/g, ''))}">${esc(phone)}</a>`;
    last = match.index + whole.length;
  }
  return html + esc(source.slice(last));
}

// ── messages ─────────────────────────────────────────────────────────────────

/**
 * One LINE message (a send request's message object) as the HTML of its bubble or card.
 * Unknown types become a visible placeholder rather than disappearing.
 */
export function renderMessage(message) {
  if (!message || typeof message !== 'object') return unknownMessage('?');
  switch (message.type) {
    case 'text':
      return `<div class="msg msg-text">${linkify(message.text)}</div>`;
    case 'textV2':
      return `<div class="msg msg-text">${linkify(substitute(message.text, message.substitution))}</div>`;
    case 'flex':
      return `<div class="msg msg-flex">${renderFlex(message.contents)}</div>`;
    case 'template':
      return `<div class="msg msg-template">${renderTemplate(message.template, message.altText)}</div>`;
    case 'image': {
      const preview = safeUrl(message.previewImageUrl, { image: true }) ?? safeUrl(message.originalContentUrl, { image: true });
      const original = safeUrl(message.originalContentUrl, { image: true }) ?? preview;
      if (!preview) return unknownMessage('image');
      return `<a class="msg msg-image" href="${esc(original)}" target="_blank" rel="noopener noreferrer"><img src="${esc(preview)}" alt="画像" loading="lazy"></a>`;
    }
    case 'video': {
      const src = safeUrl(message.originalContentUrl, { image: true });
      const poster = safeUrl(message.previewImageUrl, { image: true });
      if (!src) return unknownMessage('video');
      return `<video class="msg msg-video" controls preload="none" src="${esc(src)}"${poster ? ` poster="${esc(poster)}"` : ''}></video>`;
    }
    case 'audio': {
      const src = safeUrl(message.originalContentUrl, { image: true });
      if (!src) return unknownMessage('audio');
      return `<div class="msg msg-audio"><audio controls preload="none" src="${esc(src)}"></audio></div>`;
    }
    case 'location': {
      const lat = Number(message.latitude);
      const lng = Number(message.longitude);
      const map = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`;
      return (
        `<a class="msg msg-location" href="${esc(map)}" target="_blank" rel="noopener noreferrer">` +
        `<span class="loc-pin" aria-hidden="true">📍</span><span class="loc-text">` +
        (message.title ? `<strong>${esc(message.title)}</strong>` : '') +
        `<span>${esc(message.address ?? `${lat}, ${lng}`)}</span></span></a>`
      );
    }
    case 'sticker':
      return `<div class="msg msg-sticker" role="img" aria-label="スタンプ">😊</div>`;
    case 'imagemap':
      return `<div class="msg msg-imagemap">${renderImagemap(message)}</div>`;
    default:
      return unknownMessage(message.type);
  }
}

function unknownMessage(type) {
  return `<div class="msg msg-unknown">[未対応のメッセージ: ${esc(type)}]</div>`;
}

/** `textV2`: `{name}` placeholders filled from `substitution` (mentions as @name, emojis as a mark). */
function substitute(text, substitution) {
  return String(text ?? '').replace(/\{([A-Za-z0-9_]{1,20})\}/g, (whole, key) => {
    const sub = substitution && substitution[key];
    if (!sub) return whole;
    if (sub.type === 'mention') return sub.mentionee?.type === 'all' ? '@All' : '@ユーザー';
    if (sub.type === 'emoji') return '😀';
    return whole;
  });
}

function renderImagemap(message) {
  const base = safeUrl(message.baseUrl, { image: true });
  const width = Number(message.baseSize?.width) || 1040;
  const height = Number(message.baseSize?.height) || 1040;
  const areas = Array.isArray(message.actions) ? message.actions : [];
  const buttons = areas
    .map((a) => {
      const { x = 0, y = 0, width: w = 0, height: h = 0 } = a.area ?? {};
      const action = a.type === 'uri' ? { type: 'uri', label: a.label, uri: a.linkUri } : a.type === 'message' ? { type: 'message', label: a.label, text: a.text } : undefined;
      if (!action) return '';
      const pos = [`left:${pct(x, width)}`, `top:${pct(y, height)}`, `width:${pct(w, width)}`, `height:${pct(h, height)}`];
      return `<button type="button" class="area-button"${styleAttr(pos)} aria-label="${esc(actionLabel(action))}"${actionAttr(action)}></button>`;
    })
    .join('');
  const img = base ? `<img src="${esc(`${base}/1040`)}" alt="${esc(message.altText ?? '画像')}">` : `<span>${esc(message.altText ?? '')}</span>`;
  return `<div class="imagemap"${styleAttr([`aspect-ratio:${width} / ${height}`])}>${img}${buttons}</div>`;
}

// ── quick reply and rich menu ────────────────────────────────────────────────

/** The quick-reply chips of a message (`quickReply.items`), as buttons. */
export function renderQuickReply(quickReply) {
  const items = Array.isArray(quickReply?.items) ? quickReply.items : [];
  return items
    .map((item) => {
      const action = item?.action;
      if (!action) return '';
      const icon = safeUrl(item.imageUrl, { image: true });
      const mark = icon ? `<img class="qr-icon" src="${esc(icon)}" alt="">` : QUICK_REPLY_MARK[action.type] ? `<span class="qr-mark" aria-hidden="true">${QUICK_REPLY_MARK[action.type]}</span>` : '';
      return `<button type="button" class="qr-chip"${actionAttr(action)}>${mark}<span>${esc(actionLabel(action))}</span></button>`;
    })
    .join('');
}

const QUICK_REPLY_MARK = { camera: '📷', cameraRoll: '🖼', location: '📍', datetimepicker: '📅', uri: '↗' };

/**
 * A rich menu (LINE's `RichMenuResponse`) over its image: one transparent button per area, placed by its
 * bounds in percent of the image and labelled with its action's label.
 */
export function renderRichMenu(menu, imageUrl) {
  const width = Number(menu?.size?.width) || 2500;
  const height = Number(menu?.size?.height) || 1686;
  const image = safeUrl(imageUrl, { image: true });
  const areas = (Array.isArray(menu?.areas) ? menu.areas : [])
    .map((area) => {
      const b = area.bounds ?? {};
      const pos = [`left:${pct(b.x, width)}`, `top:${pct(b.y, height)}`, `width:${pct(b.width, width)}`, `height:${pct(b.height, height)}`];
      return `<button type="button" class="rm-area"${styleAttr(pos)} aria-label="${esc(actionLabel(area.action))}"${actionAttr(area.action)}></button>`;
    })
    .join('');
  return `<div class="rm-grid"${styleAttr([`aspect-ratio:${width} / ${height}`])}>${image ? `<img class="rm-image" src="${esc(image)}" alt="">` : ''}${areas}</div>`;
}

// ── templates ────────────────────────────────────────────────────────────────

/** A template message's `template` (buttons, confirm, carousel, image_carousel). */
export function renderTemplate(template, altText) {
  if (!template || typeof template !== 'object') return `<div class="fx-unknown">${esc(altText)}</div>`;
  switch (template.type) {
    case 'buttons':
      return templateCard(template, template);
    case 'confirm':
      return (
        `<div class="tpl tpl-confirm"><div class="tpl-text">${linkify(template.text)}</div>` +
        `<div class="tpl-confirm-actions">${(template.actions ?? []).map(templateButton).join('')}</div></div>`
      );
    case 'carousel':
      return `<div class="tpl-carousel" role="list">${(template.columns ?? []).map((c) => `<div role="listitem">${templateCard(c, template)}</div>`).join('')}</div>`;
    case 'image_carousel':
      return (
        `<div class="tpl-carousel" role="list">` +
        (template.columns ?? [])
          .map((c) => {
            const url = safeUrl(c.imageUrl, { image: true });
            return (
              `<div role="listitem" class="tpl-image-column"><button type="button" class="tpl-image-button"${actionAttr(c.action)}>` +
              (url ? `<img src="${esc(url)}" alt="">` : '') +
              (c.action?.label ? `<span>${esc(c.action.label)}</span>` : '') +
              `</button></div>`
            );
          })
          .join('') +
        `</div>`
      );
    default:
      return `<div class="fx-unknown">[未対応のテンプレート: ${esc(template.type)}] ${esc(altText)}</div>`;
  }
}

function templateCard(column, template) {
  const thumb = safeUrl(column.thumbnailImageUrl, { image: true });
  const ratio = template.imageAspectRatio === 'square' ? '1 / 1' : '1.51 / 1';
  const fit = template.imageSize === 'contain' ? 'contain' : 'cover';
  const bg = color(column.imageBackgroundColor) ?? '#FFFFFF';
  const image = thumb ? `<img class="tpl-thumb" src="${esc(thumb)}" alt=""${styleAttr([`aspect-ratio:${ratio}`, `object-fit:${fit}`, `background:${bg}`])}>` : '';
  const head =
    image +
    `<div class="tpl-body">` +
    (column.title ? `<div class="tpl-title">${esc(column.title)}</div>` : '') +
    `<div class="tpl-text">${linkify(column.text)}</div></div>`;
  const defaultAction = column.defaultAction ? `<div class="tpl-default"${tappable(column.defaultAction)}>${head}</div>` : head;
  return `<div class="tpl tpl-buttons">${defaultAction}<div class="tpl-actions">${(column.actions ?? []).map(templateButton).join('')}</div></div>`;
}

function templateButton(action) {
  return `<button type="button" class="tpl-action"${actionAttr(action)}>${esc(actionLabel(action))}</button>`;
}

// ── Flex ─────────────────────────────────────────────────────────────────────

/** A Flex container (bubble or carousel). */
export function renderFlex(container) {
  if (!container || typeof container !== 'object') return unknownComponent('?');
  if (container.type === 'carousel') {
    const bubbles = Array.isArray(container.contents) ? container.contents : [];
    return `<div class="fx-carousel" role="list">${bubbles.map((b) => `<div class="fx-carousel-item" role="listitem">${bubble(b)}</div>`).join('')}</div>`;
  }
  if (container.type === 'bubble') return bubble(container);
  return unknownComponent(container.type);
}

function bubble(b) {
  if (!b || b.type !== 'bubble') return unknownComponent(b?.type);
  const width = BUBBLE_WIDTH[b.size] ?? BUBBLE_WIDTH.mega;
  const styles = b.styles ?? {};
  const blocks = ['header', 'hero', 'body', 'footer']
    .filter((name) => b[name])
    .map((name, i) => {
      const s = styles[name] ?? {};
      const css = [color(s.backgroundColor) && `background-color:${color(s.backgroundColor)}`];
      if (i > 0 && s.separator) css.push(`border-top:1px solid ${color(s.separatorColor) ?? '#E5E5E5'}`);
      const content = b[name];
      const inner = content.type === 'box' ? box(content, null, 0, undefined, BLOCK_PADDING[name]) : component(content, 'vertical', 0, undefined);
      return `<div class="fx-block fx-${name}"${styleAttr(css)}>${inner}</div>`;
    })
    .join('');
  const dir = b.direction === 'rtl' ? 'rtl' : 'ltr';
  return `<div class="fx-bubble" dir="${dir}"${styleAttr([`width:${rem(width)}`])}${tappable(b.action)}>${blocks}</div>`;
}

function unknownComponent(type) {
  return `<div class="fx-unknown">[未対応の部品: ${esc(type)}]</div>`;
}

/** Styles every component takes from its parent: flex share, spacing/margin and absolute offsets. */
function childStyles(c, parentLayout, index, spacing) {
  const css = [];
  const horizontal = parentLayout === 'horizontal' || parentLayout === 'baseline';
  if (parentLayout) {
    const grow = Number.isInteger(c.flex) && c.flex >= 0 ? c.flex : horizontal ? 1 : 0;
    css.push(horizontal ? `flex:${grow} ${grow > 0 ? 1 : 0} ${grow > 0 ? '0' : 'auto'}` : `flex:${grow} ${grow > 0 ? 1 : 0} auto`);
    if (horizontal) css.push('min-width:0');
    const gap = length(c.margin, SPACING, false) ?? (index > 0 ? length(spacing, SPACING, false) : undefined);
    if (gap && gap !== '0rem') css.push(`${horizontal ? 'margin-inline-start' : 'margin-top'}:${gap}`);
  }
  if (c.position === 'absolute') {
    css.push('position:absolute');
    for (const [key, prop] of [
      ['offsetTop', 'top'],
      ['offsetBottom', 'bottom'],
      ['offsetStart', 'inset-inline-start'],
      ['offsetEnd', 'inset-inline-end'],
    ]) {
      const v = length(c[key], SPACING);
      if (v) css.push(`${prop}:${v}`);
    }
  } else {
    for (const [key, prop] of [
      ['offsetTop', 'top'],
      ['offsetBottom', 'bottom'],
      ['offsetStart', 'inset-inline-start'],
      ['offsetEnd', 'inset-inline-end'],
    ]) {
      const v = length(c[key], SPACING);
      if (v) css.push(`position:relative;${prop}:${v}`);
    }
  }
  return css;
}

function component(c, parentLayout, index, spacing) {
  if (!c || typeof c !== 'object') return unknownComponent('?');
  switch (c.type) {
    case 'box':
      return box(c, parentLayout, index, spacing, 0);
    case 'text':
      return text(c, parentLayout, index, spacing);
    case 'button':
      return button(c, parentLayout, index, spacing);
    case 'image':
      return image(c, parentLayout, index, spacing);
    case 'icon':
      return icon(c, parentLayout, index, spacing);
    case 'separator': {
      const vertical = parentLayout === 'horizontal' || parentLayout === 'baseline';
      const line = color(c.color) ?? '#D4D6DA';
      // LINE puts a separator's margin before it only; the parent's spacing does not apply.
      const css = childStyles({ ...c, flex: 0 }, parentLayout, index, undefined);
      css.push(vertical ? `border-inline-start:1px solid ${line}` : `border-top:1px solid ${line}`);
      return `<div class="fx-separator" role="separator"${styleAttr(css)}></div>`;
    }
    case 'spacer': {
      const size = length(c.size, SPACING, false) ?? rem(SPACING.md);
      const vertical = parentLayout === 'horizontal' || parentLayout === 'baseline';
      return `<div class="fx-spacer" aria-hidden="true"${styleAttr([`flex:0 0 ${size}`, vertical ? `width:${size}` : `height:${size}`])}></div>`;
    }
    case 'filler':
      return `<div class="fx-filler" aria-hidden="true"${styleAttr([`flex:${Number.isInteger(c.flex) ? c.flex : 1} 1 0`])}></div>`;
    case 'video': {
      const alt = c.altContent ? component(c.altContent, 'vertical', 0, undefined) : '';
      const preview = safeUrl(c.previewUrl, { image: true });
      return `<div class="fx-video"${styleAttr(childStyles(c, parentLayout, index, spacing))}>${alt || (preview ? `<img src="${esc(preview)}" alt="動画">` : '[動画]')}</div>`;
    }
    default:
      return unknownComponent(c.type);
  }
}

function box(b, parentLayout, index, spacing, defaultPadding) {
  const layout = ['horizontal', 'baseline', 'vertical'].includes(b.layout) ? b.layout : 'vertical';
  const css = [...childStyles(b, parentLayout, index, spacing), `flex-direction:${layout === 'vertical' ? 'column' : 'row'}`];
  if (layout === 'baseline') css.push('align-items:baseline');
  const bg = color(b.backgroundColor);
  if (bg) css.push(`background-color:${bg}`);
  const gradient = b.background?.type === 'linearGradient' ? b.background : undefined;
  if (gradient && color(gradient.startColor) && color(gradient.endColor)) {
    const angle = /^-?\d+(?:\.\d+)?deg$/.test(gradient.angle ?? '') ? gradient.angle : '0deg';
    const center = color(gradient.centerColor) ? `, ${color(gradient.centerColor)} ${/^\d+(?:\.\d+)?%$/.test(gradient.centerPosition ?? '') ? gradient.centerPosition : '50%'}` : '';
    css.push(`background-image:linear-gradient(${angle}, ${color(gradient.startColor)}${center}, ${color(gradient.endColor)})`);
  }
  const borderWidth = length(b.borderWidth, BORDER_WIDTH, false);
  if (color(b.borderColor) || borderWidth) css.push(`border:${borderWidth ?? rem(1)} solid ${color(b.borderColor) ?? '#000000'}`);
  const radius = length(b.cornerRadius, CORNER_RADIUS, false);
  if (radius) css.push(`border-radius:${radius}`, 'overflow:hidden');
  for (const [key, prop] of [
    ['width', 'width'],
    ['maxWidth', 'max-width'],
    ['height', 'height'],
    ['maxHeight', 'max-height'],
  ]) {
    const v = length(b[key], null);
    if (v) css.push(`${prop}:${v}`);
  }
  const all = length(b.paddingAll, SPACING) ?? (defaultPadding ? rem(defaultPadding) : undefined);
  for (const [key, prop] of [
    ['paddingTop', 'padding-top'],
    ['paddingBottom', 'padding-bottom'],
    ['paddingStart', 'padding-inline-start'],
    ['paddingEnd', 'padding-inline-end'],
  ]) {
    const v = length(b[key], SPACING) ?? all;
    if (v) css.push(`${prop}:${v}`);
  }
  if (JUSTIFY.has(b.justifyContent)) css.push(`justify-content:${b.justifyContent}`);
  if (ALIGN.has(b.alignItems)) css.push(`align-items:${b.alignItems}`);
  const contents = (Array.isArray(b.contents) ? b.contents : []).map((c, i) => component(c, layout, i, b.spacing)).join('');
  return `<div class="fx-box fx-${layout}"${styleAttr(css)}${tappable(b.action)}>${contents}</div>`;
}

function textStyles(t) {
  const css = [];
  const size = length(t.size, TEXT_SIZE, false);
  if (size) css.push(`font-size:${size}`);
  const c = color(t.color);
  if (c) css.push(`color:${c}`);
  if (t.weight === 'bold') css.push('font-weight:700');
  if (t.style === 'italic') css.push('font-style:italic');
  if (t.decoration === 'underline' || t.decoration === 'line-through') css.push(`text-decoration:${t.decoration}`);
  return css;
}

function text(t, parentLayout, index, spacing) {
  const css = [...childStyles(t, parentLayout, index, spacing), ...textStyles(t)];
  if (!length(t.size, TEXT_SIZE, false)) css.push(`font-size:${rem(TEXT_SIZE.md)}`);
  if (ALIGN_TEXT[t.align]) css.push(`text-align:${ALIGN_TEXT[t.align]}`);
  if (GRAVITY[t.gravity]) css.push(`align-self:${GRAVITY[t.gravity]}`);
  if (t.wrap) {
    css.push('white-space:pre-wrap', 'overflow-wrap:anywhere');
    if (Number.isInteger(t.maxLines) && t.maxLines > 0) css.push('display:-webkit-box', '-webkit-box-orient:vertical', `-webkit-line-clamp:${t.maxLines}`, 'overflow:hidden');
  } else {
    css.push('white-space:nowrap', 'overflow:hidden', 'text-overflow:ellipsis');
  }
  const spacingExtra = length(t.lineSpacing, null, false);
  if (spacingExtra) css.push(`line-height:calc(1.4em + ${spacingExtra})`);
  const inner = Array.isArray(t.contents) && t.contents.length > 0
    ? t.contents.map((s) => (s?.type === 'span' ? `<span${styleAttr(textStyles(s))}>${esc(s.text)}</span>` : '')).join('')
    : esc(t.text);
  return `<p class="fx-text"${styleAttr(css)}${tappable(t.action)}>${inner}</p>`;
}

function button(b, parentLayout, index, spacing) {
  const style = ['primary', 'secondary', 'link'].includes(b.style) ? b.style : 'link';
  const css = childStyles(b, parentLayout, index, spacing);
  const c = color(b.color);
  if (style === 'primary') css.push(`background-color:${c ?? PRIMARY_COLOR}`);
  else if (style === 'secondary') css.push(`background-color:${c ?? SECONDARY_COLOR}`);
  else css.push(`color:${c ?? LINK_COLOR}`);
  if (GRAVITY[b.gravity]) css.push(`align-self:${GRAVITY[b.gravity]}`);
  const height = b.height === 'sm' ? 'sm' : 'md';
  return `<button type="button" class="fx-button fx-button--${style} fx-button--${height}"${styleAttr(css)}${actionAttr(b.action)}>${esc(actionLabel(b.action))}</button>`;
}

function image(img, parentLayout, index, spacing) {
  const url = safeUrl(img.url, { image: true });
  const wrap = [...childStyles(img, parentLayout, index, spacing), `justify-content:${ALIGN_FLEX[img.align] ?? 'center'}`];
  if (GRAVITY[img.gravity]) wrap.push(`align-self:${GRAVITY[img.gravity]}`);
  const size = img.size === 'full' ? '100%' : (length(img.size, IMAGE_SIZE) ?? rem(IMAGE_SIZE.md));
  const ratio = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(img.aspectRatio ?? '');
  const css = [`width:${size}`, 'max-width:100%', `aspect-ratio:${ratio ? `${ratio[1]} / ${ratio[2]}` : '1 / 1'}`, `object-fit:${img.aspectMode === 'cover' ? 'cover' : 'contain'}`];
  const bg = color(img.backgroundColor);
  if (bg) css.push(`background-color:${bg}`);
  const tag = url ? `<img class="fx-img" src="${esc(url)}" alt="画像" loading="lazy"${styleAttr(css)}>` : `<span class="fx-img fx-img--missing"${styleAttr(css)}>画像</span>`;
  return `<div class="fx-image"${styleAttr(wrap)}${tappable(img.action)}>${tag}</div>`;
}

function icon(i, parentLayout, index, spacing) {
  const url = safeUrl(i.url, { image: true });
  const size = length(i.size, TEXT_SIZE, false) ?? rem(TEXT_SIZE.md);
  const ratio = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(i.aspectRatio ?? '');
  const width = ratio ? `calc(${size} * ${Number(ratio[1]) / Number(ratio[2])})` : size;
  const css = [...childStyles({ ...i, flex: 0 }, parentLayout, index, spacing), `height:${size}`, `width:${width}`];
  return url ? `<img class="fx-icon" src="${esc(url)}" alt=""${styleAttr(css)}>` : `<span class="fx-icon"${styleAttr(css)}></span>`;
}
