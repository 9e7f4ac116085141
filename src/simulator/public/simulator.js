/**
 * The LINE chat simulator page. It plays the LINE app AND the LINE platform for virtual users: it builds
 * webhook events shaped like LINE's, signs them with the channel secret (WebCrypto) and POSTs them to the
 * bot's real `/webhook`; what the bot sends back arrives through the fake LINE API's delivery stream (SSE).
 * Users and their chat histories live in this browser (localStorage), like a phone keeps its chats; after a
 * server restart the page re-registers its users with the fake, which forgets them.
 */
import {
  callbackBody,
  followEvent,
  imageMessageEvent,
  locationMessageEvent,
  postbackEvent,
  signBody,
  stickerMessageEvent,
  textMessageEvent,
  unfollowEvent,
} from './line-events.js';
import { esc, renderMessage, renderQuickReply, renderRichMenu, safeUrl } from './flex-render.js';
import { readOaMessage } from './line-urls.js';

const API = '/simulator/api';
const STORE_KEY = 'tsunagu-simulator:v1';
const historyKey = (userId) => `${STORE_KEY}:history:${userId}`;
const MAX_HISTORY = 300;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const BROKEN_IMAGE =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><rect width="120" height="80" fill="#e9edf1"/><path d="M44 52l10-12 8 9 6-6 10 9z" fill="#9aa6b5"/><circle cx="70" cy="32" r="5" fill="#9aa6b5"/></svg>',
  );
const LANGUAGE_NAMES = { ja: '日本語', 'ja-x-easy': 'やさしい日本語', en: 'English' };

const $ = (id) => document.getElementById(id);
const ui = {
  app: document.querySelector('.app'),
  phone: document.querySelector('.phone'),
  panel: $('panel'),
  openPanel: $('open-panel'),
  closePanel: $('close-panel'),
  userList: $('user-list'),
  noUsers: $('no-users'),
  newUserForm: $('new-user-form'),
  newUserName: $('new-user-name'),
  newUserLang: $('new-user-lang'),
  userActions: $('user-actions'),
  actFollow: $('act-follow'),
  actBlock: $('act-block'),
  actUnblock: $('act-unblock'),
  actClear: $('act-clear'),
  actDelete: $('act-delete'),
  connStatus: $('conn-status'),
  webhookStatus: $('webhook-status'),
  botName: $('bot-name'),
  userLabel: $('current-user-label'),
  log: $('chat-log'),
  gate: $('gate'),
  quickReplies: $('quick-replies'),
  composer: $('composer'),
  menuBar: $('menu-bar'),
  toKeyboard: $('to-keyboard'),
  chatBar: $('chat-bar'),
  chatBarText: $('chat-bar-text'),
  inputBar: $('input-bar'),
  toMenu: $('to-menu'),
  attachImage: $('attach-image'),
  attachLocation: $('attach-location'),
  sendSticker: $('send-sticker'),
  input: $('message-input'),
  imageInput: $('image-input'),
  richMenu: $('rich-menu'),
  datetimeDialog: $('datetime-dialog'),
  datetimeInput: $('datetime-input'),
  datetimeLabel: $('datetime-label'),
  datetimeTitle: $('datetime-title'),
  datetimeCancel: $('datetime-cancel'),
  locationDialog: $('location-dialog'),
  locationCancel: $('location-cancel'),
  locHere: $('loc-here'),
  openScan: $('open-scan'),
  scanDialog: $('scan-dialog'),
  scanInput: $('scan-input'),
  scanCancel: $('scan-cancel'),
  toast: $('toast'),
};

// ── state ────────────────────────────────────────────────────────────────────

/** @type {{channelSecret: string, webhookPath: string, botName: string, destination: string, bootId: string}} */
let config;
const saved = loadSaved();
/** Users of this browser: `{userId, displayName, language, status: 'new'|'friend'|'blocked'}`. */
let users = saved.users;
let currentId = saved.currentId;
let bootId = saved.bootId;
let lastSeq = saved.lastSeq;
let scale = saved.scale;
const histories = new Map();
const unread = new Map();
/** The rich menu shown for the current user: `{menu, imageUrl}` or null. */
let richMenu = null;
/** Menus switched to by `richmenuswitch`, per user (on the device only, as on LINE). */
const switchedMenus = new Map();
let mode = 'keyboard';
let menuOpen = false;
let stream;
let chain = Promise.resolve();
let lastTimestamp = 0;
let dismissedQuickReply = null;
let refocusChips = false;
let typingTimer;
let richMenuTimer;

function loadSaved() {
  try {
    const raw = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}');
    return {
      users: Array.isArray(raw.users) ? raw.users.filter((u) => u && typeof u.userId === 'string') : [],
      currentId: typeof raw.currentId === 'string' ? raw.currentId : null,
      bootId: typeof raw.bootId === 'string' ? raw.bootId : '',
      lastSeq: Number.isInteger(raw.lastSeq) ? raw.lastSeq : 0,
      scale: [1, 1.15, 1.3].includes(raw.scale) ? raw.scale : 1,
    };
  } catch {
    return { users: [], currentId: null, bootId: '', lastSeq: 0, scale: 1 };
  }
}

function persist() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ users, currentId, bootId, lastSeq, scale }));
  } catch {
    // Storage full or disabled: the page still works for this visit.
  }
}

function history(userId) {
  let items = histories.get(userId);
  if (!items) {
    try {
      const raw = JSON.parse(localStorage.getItem(historyKey(userId)) ?? '[]');
      items = Array.isArray(raw) ? raw : [];
    } catch {
      items = [];
    }
    histories.set(userId, items);
  }
  return items;
}

function saveHistory(userId) {
  const items = history(userId);
  if (items.length > MAX_HISTORY) items.splice(0, items.length - MAX_HISTORY);
  try {
    localStorage.setItem(historyKey(userId), JSON.stringify(items));
  } catch {
    // Over quota (big Flex messages): keep fewer.
    items.splice(0, Math.floor(items.length / 2));
    try {
      localStorage.setItem(historyKey(userId), JSON.stringify(items));
    } catch {
      /* give up persisting; the chat stays on screen */
    }
  }
}

const current = () => users.find((u) => u.userId === currentId) ?? null;
const newId = () => Math.random().toString(36).slice(2) + Date.now().toString(36);

// ── server API ───────────────────────────────────────────────────────────────

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body instanceof Blob) {
    init.body = body;
    init.headers['content-type'] = body.type;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${API}${path}`, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const error = new Error(data.message ?? `HTTP ${res.status}`);
    error.status = res.status;
    throw error;
  }
  return data;
}

/** Registers every local user with the fake (it forgets them when the server restarts). */
async function registerUsers() {
  await Promise.all(
    users.map((u) => api('PUT', `/users/${u.userId}`, { displayName: u.displayName, language: u.language || null, blocked: u.status === 'blocked' }).catch(() => undefined)),
  );
}

/** After a server restart: new secret, new fake state. */
async function resync() {
  config = await api('GET', '/config');
  await registerUsers();
  await loadRichMenu();
  render();
}

// ── sending events to the webhook ────────────────────────────────────────────

/**
 * Queues one event for `user`: fetches a reply token (unless the event type has none), builds the event
 * with `build(ctx)`, signs the exact body bytes and POSTs them to the webhook. Events go out one at a time
 * with rising timestamps. `itemId` is the user's bubble whose status (既読 / 送信失敗) follows the result.
 */
function send(user, build, { itemId, replyToken = true, before } = {}) {
  const userId = user.userId;
  const job = async () => {
    try {
      if (before) await before();
      let res = await post(userId, build, replyToken);
      if (res.status === 401) {
        // The server restarted with a new secret before our stream noticed.
        await resync();
        res = await post(userId, build, replyToken);
      }
      if (!res.ok) throw new Error(`webhook ${res.status}`);
      if (itemId) setItemStatus(userId, itemId, 'read');
    } catch (error) {
      if (itemId) setItemStatus(userId, itemId, 'failed');
      showToast(`送信できませんでした(${error.message})`);
    }
  };
  chain = chain.then(job, job);
  return chain;
}

async function post(userId, build, withToken) {
  let replyTokenValue;
  if (withToken) {
    try {
      replyTokenValue = (await api('POST', '/reply-token', { userId })).replyToken;
    } catch (error) {
      if (error.status !== 404) throw error;
      await registerUsers();
      replyTokenValue = (await api('POST', '/reply-token', { userId })).replyToken;
    }
  }
  const timestamp = Math.max(Date.now(), lastTimestamp + 1);
  lastTimestamp = timestamp;
  const event = build({ userId, timestamp, ...(replyTokenValue ? { replyToken: replyTokenValue } : {}) });
  const body = new TextEncoder().encode(callbackBody(config.destination, [event]));
  const signature = await signBody(config.channelSecret, body);
  const res = await fetch(config.webhookPath, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
  const time = new Date().toLocaleTimeString('ja-JP');
  ui.webhookStatus.innerHTML = `<span class="${res.ok ? '' : 'bad'}">${res.status}</span> ${esc(event.type)} (${esc(time)})`;
  return res;
}

// ── chat items ───────────────────────────────────────────────────────────────

function addItem(userId, item) {
  const items = history(userId);
  const entry = { id: newId(), at: Date.now(), ...item };
  items.push(entry);
  saveHistory(userId);
  if (userId === currentId) {
    hideTyping();
    appendToLog(entry, items[items.length - 2]);
    renderQuickReplies();
  } else if (item.from === 'bot') {
    unread.set(userId, (unread.get(userId) ?? 0) + 1);
    renderUsers();
  }
  return entry.id;
}

function addUserMessage(user, message) {
  return addItem(user.userId, { from: 'user', message, status: 'sending' });
}

function setItemStatus(userId, itemId, status) {
  const item = history(userId).find((i) => i.id === itemId);
  if (!item) return;
  item.status = status;
  saveHistory(userId);
  const meta = userId === currentId ? ui.log.querySelector(`[data-id="${CSS.escape(itemId)}"] .meta`) : null;
  if (meta) meta.innerHTML = metaHtml(item);
}

// ── rendering ────────────────────────────────────────────────────────────────

const timeFormat = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('ja-JP', { month: 'long', day: 'numeric', weekday: 'short' });

function dayLabel(at) {
  const day = new Date(at).toDateString();
  const today = new Date();
  if (day === today.toDateString()) return '今日';
  const yesterday = new Date(today.getTime() - 86_400_000);
  if (day === yesterday.toDateString()) return '昨日';
  return dayFormat.format(new Date(at));
}

function metaHtml(item) {
  const status = item.status === 'read' ? '<span>既読</span>' : item.status === 'failed' ? '<span class="failed">送信失敗</span>' : '';
  return `${status}<time datetime="${new Date(item.at).toISOString()}">${timeFormat.format(new Date(item.at))}</time>`;
}

function avatarText(name) {
  return esc([...(name ?? '?').trim()][0] ?? '?');
}

function itemHtml(item, prev) {
  let html = '';
  if (!prev || new Date(prev.at).toDateString() !== new Date(item.at).toDateString()) {
    html += `<div class="day-sep"><span>${esc(dayLabel(item.at))}</span></div>`;
  }
  const time = `<time class="time" datetime="${new Date(item.at).toISOString()}">${timeFormat.format(new Date(item.at))}</time>`;
  if (item.from === 'note') return `${html}<div class="note" data-id="${esc(item.id)}"><span>${esc(item.text)}</span></div>`;
  const runStart = !prev || prev.from !== item.from || item.at - prev.at > 60_000;
  if (item.from === 'bot') {
    const name = item.message?.sender?.name ?? config?.botName ?? '';
    return (
      html +
      `<div class="row row-bot${runStart ? ' run-start' : ''}" data-id="${esc(item.id)}">` +
      (runStart ? `<div class="avatar" aria-hidden="true">${avatarText(name)}</div>` : '<div class="avatar-space"></div>') +
      `<div class="row-main">${runStart ? `<div class="sender">${esc(name)}</div>` : `<span class="visually-hidden">${esc(name)}</span>`}` +
      `<div class="row-content">${renderMessage(item.message)}${time}</div></div></div>`
    );
  }
  return (
    html +
    `<div class="row row-user${runStart ? ' run-start' : ''}" data-id="${esc(item.id)}"><span class="visually-hidden">あなた</span>` +
    `<div class="row-content"><span class="meta">${metaHtml(item)}</span>${renderMessage(item.message)}</div></div>`
  );
}

function scrollToEnd() {
  ui.log.scrollTop = ui.log.scrollHeight;
}

function appendToLog(item, prev) {
  ui.log.insertAdjacentHTML('beforeend', itemHtml(item, prev));
  syncGate();
  scrollToEnd();
}

function renderLog() {
  const items = currentId ? history(currentId) : [];
  ui.log.innerHTML = items.map((item, i) => itemHtml(item, items[i - 1])).join('');
  scrollToEnd();
}

function renderUsers() {
  ui.noUsers.hidden = users.length > 0;
  ui.userList.innerHTML = users
    .map((u) => {
      const status = u.status === 'friend' ? '友だち' : u.status === 'blocked' ? 'ブロック中' : '未追加';
      const count = unread.get(u.userId) ?? 0;
      return (
        `<li><button type="button" class="user-item" data-user="${esc(u.userId)}" aria-current="${u.userId === currentId}">` +
        `<span class="user-avatar" aria-hidden="true">${avatarText(u.displayName)}</span>` +
        `<span class="user-text"><span class="user-name">${esc(u.displayName)}</span>` +
        `<span class="user-meta">${esc(LANGUAGE_NAMES[u.language] ?? (u.language || '言語なし'))}・${status}</span></span>` +
        (count ? `<span class="badge" aria-label="未読 ${count} 件">${count}</span>` : '') +
        `</button></li>`
      );
    })
    .join('');
  const user = current();
  ui.userActions.hidden = !user;
  ui.actFollow.hidden = !user || user.status !== 'new';
  ui.actBlock.hidden = !user || user.status !== 'friend';
  ui.actUnblock.hidden = !user || user.status !== 'blocked';
}

/** The card shown instead of the input: no user yet, not yet a friend, or blocked. */
function syncGate() {
  const user = current();
  const empty = !user || history(user.userId).length === 0;
  let html = '';
  if (!user) {
    html =
      `<div class="gate-card"><h3>ユーザーがいません</h3><p>パネルで表示名と言語を決めて、仮想ユーザーを作成してください。</p>` +
      `<button type="button" class="btn btn-primary btn-lg" data-gate="create">ユーザーを作成する</button></div>`;
  } else if (user.status === 'new') {
    html =
      `<div class="gate-card"><div class="avatar" aria-hidden="true">${avatarText(config.botName)}</div><h3>${esc(config.botName)}</h3>` +
      `<p>友だち追加すると、トークが始まります。</p><button type="button" class="btn btn-primary btn-lg" data-gate="follow">友だち追加</button></div>`;
  } else if (user.status === 'blocked') {
    html = `<div class="gate-card"><p>このアカウントをブロックしています。メッセージは届きません。</p><button type="button" class="btn btn-lg" data-gate="unblock">ブロック解除</button></div>`;
  }
  if (ui.gate.dataset.html !== html) {
    ui.gate.innerHTML = html;
    ui.gate.dataset.html = html;
  }
  ui.gate.hidden = html === '';
  ui.gate.classList.toggle('center', html !== '' && empty);
  ui.log.hidden = html !== '' && empty;
}

function renderQuickReplies() {
  const user = current();
  const items = user ? history(user.userId) : [];
  const last = items[items.length - 1];
  const quickReply = user?.status === 'friend' && last?.from === 'bot' && last.id !== dismissedQuickReply ? last.message?.quickReply : undefined;
  const html = quickReply ? renderQuickReply(quickReply) : '';
  ui.quickReplies.innerHTML = html;
  ui.quickReplies.hidden = html === '';
  ui.quickReplies.scrollLeft = 0;
  if (html && refocusChips) {
    ui.quickReplies.querySelector('button')?.focus();
    refocusChips = false;
  }
}

/** Bottom area: rich menu bar or keyboard bar, as LINE switches them. */
function renderComposer() {
  const user = current();
  ui.composer.hidden = user?.status !== 'friend';
  const view = richMenu;
  const hasMenu = Boolean(view?.menu);
  if (!hasMenu) mode = 'keyboard';
  ui.menuBar.hidden = mode !== 'menu';
  ui.inputBar.hidden = mode !== 'keyboard';
  ui.toMenu.hidden = !hasMenu;
  ui.chatBarText.textContent = view?.menu?.chatBarText ?? 'メニュー';
  ui.chatBar.setAttribute('aria-expanded', String(menuOpen));
  const showMenu = user?.status === 'friend' && hasMenu && mode === 'menu' && menuOpen;
  const html = hasMenu ? renderRichMenu(view.menu, view.imageUrl) : '';
  if (ui.richMenu.dataset.html !== html) {
    ui.richMenu.innerHTML = html;
    ui.richMenu.dataset.html = html;
  }
  ui.richMenu.hidden = !showMenu;
  ui.richMenu.setAttribute('aria-label', view?.menu?.chatBarText ?? 'メニュー');
}

function render() {
  const user = current();
  ui.botName.textContent = config?.botName ?? '';
  document.title = `${config?.botName ?? 'LINE'} – シミュレーター`;
  ui.userLabel.textContent = user ? `${user.displayName} として表示中` : '';
  renderUsers();
  renderLog();
  syncGate();
  renderQuickReplies();
  renderComposer();
}

// ── typing indicator ─────────────────────────────────────────────────────────

function showTyping(seconds) {
  hideTyping();
  const name = config.botName;
  ui.log.insertAdjacentHTML(
    'beforeend',
    `<div class="row row-bot run-start typing" id="typing"><div class="avatar" aria-hidden="true">${avatarText(name)}</div>` +
      `<div class="row-main"><div class="row-content"><div class="msg msg-text" aria-label="入力中"><span class="dot"></span><span class="dot"></span><span class="dot"></span></div></div></div></div>`,
  );
  scrollToEnd();
  typingTimer = setTimeout(hideTyping, seconds * 1000);
}

function hideTyping() {
  clearTimeout(typingTimer);
  $('typing')?.remove();
}

// ── rich menu ────────────────────────────────────────────────────────────────

async function loadRichMenu() {
  const user = current();
  if (!user) {
    richMenu = null;
    return;
  }
  const switched = switchedMenus.get(user.userId);
  if (switched) {
    richMenu = switched;
    return;
  }
  try {
    const view = await api('GET', `/rich-menu?userId=${encodeURIComponent(user.userId)}`);
    richMenu = view.richMenu ? { menu: view.richMenu, imageUrl: view.imageUrl } : null;
  } catch {
    richMenu = null;
  }
}

/** Rich menu state when a chat is opened: LINE opens it when `selected` is true. */
function resetBottomArea() {
  mode = richMenu ? 'menu' : 'keyboard';
  menuOpen = Boolean(richMenu?.menu?.selected);
}

function scheduleRichMenuRefresh() {
  clearTimeout(richMenuTimer);
  richMenuTimer = setTimeout(async () => {
    const had = Boolean(richMenu);
    await loadRichMenu();
    if (!had && richMenu) resetBottomArea();
    renderComposer();
  }, 200);
}

// ── actions (buttons, chips, rich menu areas) ────────────────────────────────

async function runAction(action) {
  const user = current();
  if (!user) return;
  if (action.type === 'uri') {
    openLink(action.uri);
    return;
  }
  if (action.type === 'clipboard') {
    await navigator.clipboard?.writeText(String(action.clipboardText ?? '')).catch(() => undefined);
    showToast('コピーしました');
    return;
  }
  if (user.status !== 'friend') {
    showToast(user.status === 'blocked' ? 'ブロック中は送れません' : '先に友だち追加してください');
    return;
  }
  switch (action.type) {
    case 'postback': {
      const itemId = action.displayText ? addUserMessage(user, { type: 'text', text: String(action.displayText) }) : undefined;
      if (action.inputOption === 'openKeyboard') {
        mode = 'keyboard';
        if (action.fillInText) ui.input.value = String(action.fillInText);
        renderComposer();
        ui.input.focus();
      } else if (action.inputOption === 'openRichMenu' && richMenu) {
        mode = 'menu';
        menuOpen = true;
        renderComposer();
      } else if (action.inputOption === 'closeRichMenu') {
        menuOpen = false;
        renderComposer();
      }
      send(user, (ctx) => postbackEvent(ctx, String(action.data ?? '')), { itemId });
      return;
    }
    case 'message':
      sendText(user, String(action.text ?? ''));
      return;
    case 'datetimepicker': {
      const params = await pickDatetime(action);
      if (params) send(user, (ctx) => postbackEvent(ctx, String(action.data ?? ''), params));
      return;
    }
    case 'camera':
    case 'cameraRoll':
      if (action.type === 'camera') ui.imageInput.setAttribute('capture', 'environment');
      else ui.imageInput.removeAttribute('capture');
      ui.imageInput.click();
      return;
    case 'location':
      openLocationDialog();
      return;
    case 'richmenuswitch':
      await switchRichMenu(user, action);
      return;
    default:
      showToast(`このボタン(${action.type})はシミュレーターでは使えません`);
  }
}

async function switchRichMenu(user, action) {
  const aliasId = String(action.richMenuAliasId ?? '');
  try {
    const view = await api('GET', `/rich-menu/alias/${encodeURIComponent(aliasId)}`);
    const next = { menu: view.richMenu, imageUrl: view.imageUrl };
    switchedMenus.set(user.userId, next);
    richMenu = next;
    renderComposer();
    send(user, (ctx) => postbackEvent(ctx, String(action.data ?? ''), { newRichMenuAliasId: aliasId, status: 'SUCCESS' }));
  } catch {
    send(user, (ctx) => postbackEvent(ctx, String(action.data ?? ''), { newRichMenuAliasId: aliasId, status: 'RICHMENU_ALIAS_ID_NOTFOUND' }));
  }
}

/**
 * Opens a link as the LINE app does: an `oaMessage` link opens this chat with its text typed in (sending is still
 * the user's tap); any other safe link opens in a new tab.
 */
function openLink(link) {
  const typed = readOaMessage(link);
  if (typed) {
    const user = current();
    if (!user || user.status !== 'friend') return showToast('先に友だち追加してください');
    mode = 'keyboard';
    ui.input.value = typed.text;
    renderComposer();
    ui.input.focus();
    return;
  }
  const url = safeUrl(link);
  if (url) window.open(url, '_blank', 'noopener,noreferrer');
  else showToast('このリンクは開けません');
}

function sendText(user, text) {
  if (text.trim() === '') return;
  const itemId = addUserMessage(user, { type: 'text', text });
  send(user, (ctx) => textMessageEvent(ctx, text), { itemId });
}

// ── dialogs ──────────────────────────────────────────────────────────────────

/** Shows a native date/time input for a datetime picker action; resolves LINE's `params` or null. */
function pickDatetime(action) {
  const mode = ['date', 'time', 'datetime'].includes(action.mode) ? action.mode : 'date';
  const input = ui.datetimeInput;
  const upper = (v) => (typeof v === 'string' ? v.replace('t', 'T') : '');
  input.type = mode === 'datetime' ? 'datetime-local' : mode;
  input.min = upper(action.min);
  input.max = upper(action.max);
  input.value = upper(action.initial);
  ui.datetimeLabel.textContent = mode === 'time' ? '時刻' : mode === 'datetime' ? '日時' : '日付';
  ui.datetimeTitle.textContent = action.label ? String(action.label) : '日時を選ぶ';
  ui.datetimeDialog.returnValue = '';
  ui.datetimeDialog.showModal();
  return new Promise((resolve) => {
    ui.datetimeDialog.addEventListener(
      'close',
      () => resolve(ui.datetimeDialog.returnValue === 'ok' && input.value ? { [mode]: input.value.slice(0, mode === 'datetime' ? 16 : mode === 'time' ? 5 : 10) } : null),
      { once: true },
    );
  });
}

function openScanDialog() {
  ui.scanDialog.returnValue = '';
  ui.scanInput.value = '';
  ui.scanDialog.showModal();
}

function onScanClosed() {
  const link = ui.scanInput.value.trim();
  if (ui.scanDialog.returnValue === 'ok' && link) openLink(link);
}

function openLocationDialog() {
  ui.locationDialog.returnValue = '';
  ui.locHere.disabled = !navigator.geolocation;
  ui.locationDialog.showModal();
}

function onLocationClosed() {
  const user = current();
  if (ui.locationDialog.returnValue !== 'ok' || !user) return;
  const latitude = Number($('loc-lat').value);
  const longitude = Number($('loc-lng').value);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return;
  const loc = { latitude, longitude, address: $('loc-address').value.trim(), title: $('loc-title').value.trim() };
  const itemId = addUserMessage(user, { type: 'location', ...loc });
  send(user, (ctx) => locationMessageEvent(ctx, loc), { itemId });
}

async function onImageChosen() {
  const user = current();
  const file = ui.imageInput.files?.[0];
  ui.imageInput.value = '';
  if (!user || !file) return;
  if (!/^image\/(jpeg|png|gif|webp)$/.test(file.type)) return showToast('JPEG・PNG・GIF・WebP の画像を選んでください');
  if (file.size > MAX_IMAGE_BYTES) return showToast('画像が大きすぎます(10MBまで)');
  let messageId;
  try {
    messageId = (await api('POST', '/content', file)).messageId;
  } catch (error) {
    return showToast(`画像を送れませんでした(${error.message})`);
  }
  const url = `${API}/content/${messageId}`;
  const itemId = addUserMessage(user, { type: 'image', originalContentUrl: url, previewImageUrl: url });
  send(user, (ctx) => imageMessageEvent(ctx, messageId), { itemId });
}

// ── users ────────────────────────────────────────────────────────────────────

async function createUser(displayName, language) {
  const { user } = await api('POST', '/users', { displayName, language: language || null });
  users.push({ userId: user.userId, displayName: user.displayName, language: user.language, status: 'new' });
  persist();
  connectStream();
  await selectUser(user.userId);
}

async function selectUser(userId) {
  currentId = userId;
  unread.delete(userId);
  dismissedQuickReply = null;
  persist();
  await loadRichMenu();
  resetBottomArea();
  render();
}

function setStatus(user, status) {
  user.status = status;
  persist();
  render();
}

async function follow(user, unblocked) {
  await api('PUT', `/users/${user.userId}`, { displayName: user.displayName, language: user.language || null, blocked: false });
  setStatus(user, 'friend');
  addItem(user.userId, { from: 'note', text: unblocked ? 'ブロックを解除しました' : '友だち追加しました' });
  await loadRichMenu();
  resetBottomArea();
  renderComposer();
  send(user, (ctx) => followEvent(ctx, unblocked));
}

async function block(user) {
  await api('PUT', `/users/${user.userId}`, { blocked: true });
  setStatus(user, 'blocked');
  addItem(user.userId, { from: 'note', text: 'ブロックしました' });
  send(user, (ctx) => unfollowEvent(ctx), { replyToken: false });
}

async function deleteUser(user) {
  if (!window.confirm(`「${user.displayName}」を削除しますか?トーク履歴も消えます。`)) return;
  if (user.status === 'friend') await send(user, (ctx) => unfollowEvent(ctx), { replyToken: false });
  await api('DELETE', `/users/${user.userId}`).catch(() => undefined);
  users = users.filter((u) => u.userId !== user.userId);
  histories.delete(user.userId);
  localStorage.removeItem(historyKey(user.userId));
  currentId = users[0]?.userId ?? null;
  persist();
  connectStream();
  await selectUser(currentId);
}

// ── live stream from the fake LINE API ───────────────────────────────────────

function connectStream() {
  stream?.close();
  if (users.length === 0) {
    ui.connStatus.textContent = 'ユーザーがいません';
    return;
  }
  const query = new URLSearchParams({ users: users.map((u) => u.userId).join(','), after: `${bootId}:${lastSeq}` });
  stream = new EventSource(`${API}/stream?${query}`);
  stream.addEventListener('open', () => (ui.connStatus.textContent = '接続中'));
  stream.addEventListener('error', () => (ui.connStatus.innerHTML = '<span class="bad">再接続しています…</span>'));
  stream.addEventListener('hello', (e) => {
    const hello = JSON.parse(e.data);
    if (hello.bootId !== bootId) {
      // A new server run: its delivery numbers start again, and it has a new secret and no friends.
      bootId = hello.bootId;
      lastSeq = 0;
      persist();
      void resync();
    }
  });
  stream.addEventListener('delivered', (e) => onDelivered(JSON.parse(e.data)));
  stream.addEventListener('loading', (e) => {
    const loading = JSON.parse(e.data);
    if (loading.chatId === currentId && current()?.status === 'friend') showTyping(loading.loadingSeconds);
  });
  stream.addEventListener('richmenu', scheduleRichMenuRefresh);
}

function onDelivered(delivery) {
  if (delivery.seq <= lastSeq) return;
  lastSeq = delivery.seq;
  persist();
  if (!users.some((u) => u.userId === delivery.to)) return;
  for (const message of delivery.messages) addItem(delivery.to, { from: 'bot', at: delivery.at, message, via: delivery.via });
}

// ── toast ────────────────────────────────────────────────────────────────────

let toastTimer;
function showToast(text) {
  ui.toast.textContent = text;
  ui.toast.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => ui.toast.classList.remove('show'), 4000);
}

// ── wiring ───────────────────────────────────────────────────────────────────

/** Shows a failed user operation instead of leaving an unhandled rejection. */
function guard(promise) {
  promise.catch((error) => showToast(`できませんでした(${error.message})`));
}

function setPanelOpen(open) {
  ui.app.classList.toggle('panel-open', open);
  ui.openPanel.setAttribute('aria-expanded', String(open));
  if (open) ui.newUserName.focus();
  else ui.openPanel.focus();
}

function setScale(value) {
  scale = value;
  document.documentElement.style.setProperty('--scale', String(value));
  for (const b of document.querySelectorAll('[data-scale]')) b.setAttribute('aria-pressed', String(Number(b.dataset.scale) === value));
  persist();
  scrollToEnd();
}

function wire() {
  ui.phone.addEventListener('click', (event) => {
    const target = event.target.closest('[data-action]');
    if (!target) return;
    event.preventDefault();
    let action;
    try {
      action = JSON.parse(target.dataset.action);
    } catch {
      return;
    }
    if (target.closest('#quick-replies')) {
      // LINE hides the quick reply as soon as one of its buttons is used.
      const items = history(currentId);
      dismissedQuickReply = items[items.length - 1]?.id ?? null;
      renderQuickReplies();
      // Activated from the keyboard: keep focus in the chat, and move it to the next chips when they come.
      if (event.detail === 0) {
        refocusChips = true;
        ui.log.focus();
      }
    }
    guard(runAction(action));
  });
  ui.phone.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && event.target.matches('[role="button"][data-action]')) {
      event.preventDefault();
      event.target.click();
    }
  });
  // Late-loading images grow the log; keep the newest message in view.
  ui.log.addEventListener('load', () => scrollToEnd(), true);
  // Images the bot links to are often unreachable from a dev machine: show a neutral placeholder, once.
  ui.phone.addEventListener(
    'error',
    (event) => {
      const img = event.target;
      if (img instanceof HTMLImageElement && img.src !== BROKEN_IMAGE) img.src = BROKEN_IMAGE;
    },
    true,
  );

  ui.gate.addEventListener('click', (event) => {
    const kind = event.target.closest('[data-gate]')?.dataset.gate;
    const user = current();
    if (kind === 'create') {
      if (window.matchMedia('(min-width: 900px)').matches) ui.newUserName.focus();
      else setPanelOpen(true);
    } else if (kind === 'follow' && user) guard(follow(user, false));
    else if (kind === 'unblock' && user) guard(follow(user, true));
  });

  ui.userList.addEventListener('click', (event) => {
    const userId = event.target.closest('[data-user]')?.dataset.user;
    if (!userId) return;
    void selectUser(userId);
    if (!window.matchMedia('(min-width: 900px)').matches) setPanelOpen(false);
  });

  ui.newUserForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = ui.newUserName.value.trim();
    if (!name) return;
    try {
      await createUser(name, ui.newUserLang.value);
      ui.newUserName.value = '';
      if (!window.matchMedia('(min-width: 900px)').matches) setPanelOpen(false);
    } catch (error) {
      showToast(`作成できませんでした(${error.message})`);
    }
  });

  // On a phone-sized screen the drawer covers the chat: close it so the result of the action shows.
  const closeDrawer = () => {
    if (ui.app.classList.contains('panel-open') && !window.matchMedia('(min-width: 900px)').matches) setPanelOpen(false);
  };
  ui.actFollow.addEventListener('click', () => current() && (closeDrawer(), guard(follow(current(), false))));
  ui.actBlock.addEventListener('click', () => current() && (closeDrawer(), guard(block(current()))));
  ui.actUnblock.addEventListener('click', () => current() && (closeDrawer(), guard(follow(current(), true))));
  ui.actClear.addEventListener('click', () => {
    if (!currentId) return;
    closeDrawer();
    history(currentId).length = 0;
    saveHistory(currentId);
    render();
  });
  ui.actDelete.addEventListener('click', () => current() && guard(deleteUser(current())));
  for (const b of document.querySelectorAll('[data-scale]')) b.addEventListener('click', () => setScale(Number(b.dataset.scale)));

  ui.openPanel.addEventListener('click', () => setPanelOpen(!ui.app.classList.contains('panel-open')));
  ui.closePanel.addEventListener('click', () => setPanelOpen(false));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && ui.app.classList.contains('panel-open')) setPanelOpen(false);
  });
  ui.app.addEventListener('click', (event) => {
    // A tap on the dimmed backdrop (the app itself, outside the panel) closes the drawer.
    if (event.target === ui.app && ui.app.classList.contains('panel-open')) setPanelOpen(false);
  });

  ui.inputBar.addEventListener('submit', (event) => {
    event.preventDefault();
    const user = current();
    if (!user) return;
    const text = ui.input.value;
    ui.input.value = '';
    sendText(user, text);
  });
  ui.toKeyboard.addEventListener('click', () => {
    mode = 'keyboard';
    renderComposer();
    ui.input.focus();
  });
  ui.toMenu.addEventListener('click', () => {
    mode = 'menu';
    menuOpen = true;
    renderComposer();
    ui.chatBar.focus();
  });
  ui.chatBar.addEventListener('click', () => {
    menuOpen = !menuOpen;
    renderComposer();
  });
  ui.attachImage.addEventListener('click', () => {
    ui.imageInput.removeAttribute('capture');
    ui.imageInput.click();
  });
  ui.imageInput.addEventListener('change', () => void onImageChosen());
  ui.attachLocation.addEventListener('click', openLocationDialog);
  ui.sendSticker.addEventListener('click', () => {
    const user = current();
    if (!user) return;
    const sticker = { packageId: '446', stickerId: '1988' };
    const itemId = addUserMessage(user, { type: 'sticker', ...sticker });
    send(user, (ctx) => stickerMessageEvent(ctx), { itemId });
  });

  ui.datetimeCancel.addEventListener('click', () => ui.datetimeDialog.close('cancel'));
  ui.locationCancel.addEventListener('click', () => ui.locationDialog.close('cancel'));
  ui.locationDialog.addEventListener('close', onLocationClosed);
  ui.openScan.addEventListener('click', openScanDialog);
  ui.scanCancel.addEventListener('click', () => ui.scanDialog.close('cancel'));
  ui.scanDialog.addEventListener('close', onScanClosed);
  ui.locHere.addEventListener('click', () => {
    navigator.geolocation?.getCurrentPosition(
      (pos) => {
        $('loc-lat').value = pos.coords.latitude.toFixed(6);
        $('loc-lng').value = pos.coords.longitude.toFixed(6);
        if (!$('loc-address').value.trim()) $('loc-address').value = '現在地';
      },
      () => showToast('現在地を取得できませんでした'),
      { timeout: 10_000 },
    );
  });
}

async function start() {
  setScale(scale);
  wire();
  try {
    config = await api('GET', '/config');
  } catch (error) {
    ui.connStatus.innerHTML = `<span class="bad">サーバーに接続できません(${esc(error.message)})</span>`;
    return;
  }
  if (config.bootId !== bootId) {
    bootId = config.bootId;
    lastSeq = 0;
  }
  // Friends created elsewhere (another browser, a test) join the list; their chat starts here.
  const known = new Set(users.map((u) => u.userId));
  const { users: friends } = await api('GET', '/users');
  for (const f of friends) {
    if (!known.has(f.userId)) users.push({ userId: f.userId, displayName: f.displayName, language: f.language, status: f.blocked ? 'blocked' : 'friend' });
  }
  await registerUsers();
  if (!users.some((u) => u.userId === currentId)) currentId = users[0]?.userId ?? null;
  persist();
  await loadRichMenu();
  resetBottomArea();
  render();
  connectStream();
  document.body.dataset.ready = 'true';
}

void start();
