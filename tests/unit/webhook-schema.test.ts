// Under test: src/bot/webhook-schema.ts (parseCallback) and src/bot/normalize-event.ts, against the LINE-shaped
// fixtures in tests/fixtures/webhook/ and their helpers. Nothing is faked; the SDK is used only to check `sign`.
import { validateSignature, type webhook } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { normalizeEvent } from '../../src/bot/edge/normalize-event';
import { parseCallback, type WebhookEventRaw, type webhookEventSchema } from '../../src/bot/edge/webhook-schema';
import type { InboundEvent, InboundInput } from '../../src/domain/inbound-event';
import {
  DEFAULT_DESTINATION,
  allFixtureNames,
  callbackBody,
  loadFixture,
  sign,
  withEvent,
  type FixtureEvent,
} from '../fixtures/webhook-fixtures';

// Compile-time: every event the SDK's generated (spec-derived) types allow fits the event schema's input type, so
// the schema is never structurally stricter than the spec. The JSON fixtures themselves are checked at run time below.
type Assignable<From extends To, To> = From;
type _SdkEventFitsSchema = Assignable<webhook.Event, z.input<typeof webhookEventSchema>>;

/** Event types in line/line-openapi webhook.yml (Event discriminator), plus messageEdited from SDK 11.2. */
const SPEC_EVENT_TYPES = [
  'message',
  'unsend',
  'follow',
  'unfollow',
  'join',
  'leave',
  'memberJoined',
  'memberLeft',
  'postback',
  'videoPlayComplete',
  'beacon',
  'accountLink',
  'membership',
  'module',
  'activated',
  'deactivated',
  'botSuspended',
  'botResumed',
  'delivery',
  'messageEdited',
] as const;

const EXPECTED_KIND: Record<string, InboundInput['kind']> = {
  'account-link': 'ignored',
  activated: 'ignored',
  beacon: 'ignored',
  'bot-resumed': 'ignored',
  'bot-suspended': 'ignored',
  deactivated: 'ignored',
  delivery: 'ignored',
  follow: 'follow',
  'follow-unblocked': 'follow',
  'group-text': 'text',
  join: 'ignored',
  leave: 'ignored',
  'member-joined': 'ignored',
  'member-left': 'ignored',
  membership: 'ignored',
  'message-audio': 'media',
  'message-edited': 'ignored',
  'message-file': 'media',
  'message-image': 'media',
  'message-location': 'location',
  'message-sticker': 'sticker',
  'message-text': 'text',
  'message-video': 'media',
  module: 'ignored',
  'module-detached': 'ignored',
  postback: 'postback',
  'postback-datetime': 'postback',
  'postback-richmenu-switch': 'postback',
  'room-text': 'text',
  'standby-text': 'text',
  unfollow: 'unfollow',
  unsend: 'unsend',
  'video-play-complete': 'ignored',
};

/** Required fields per event type, transcribed from webhook.yml's `required` lists (dotted paths). */
const REQUIRED_BY_EVENT: Record<string, string[]> = {
  message: ['message.type', 'message.id'],
  unsend: ['unsend.messageId'],
  follow: ['replyToken', 'follow.isUnblocked'],
  unfollow: [],
  join: ['replyToken'],
  leave: [],
  memberJoined: ['replyToken', 'joined.members'],
  memberLeft: ['left.members'],
  postback: ['postback.data'],
  videoPlayComplete: ['replyToken', 'videoPlayComplete.trackingId'],
  beacon: ['replyToken', 'beacon.hwid', 'beacon.type'],
  accountLink: ['link.result', 'link.nonce'],
  membership: ['replyToken', 'membership.type', 'membership.membershipId'],
  module: ['module.type', 'module.botId'],
  activated: ['chatControl.expireAt'],
  deactivated: [],
  botSuspended: [],
  botResumed: [],
  delivery: ['delivery.data'],
  messageEdited: ['message.type', 'message.id'],
};

/** Required fields per message content type (TextMessageContent, ImageMessageContent, …). */
const REQUIRED_BY_MESSAGE: Record<string, string[]> = {
  text: ['text', 'quoteToken'],
  image: ['contentProvider.type', 'quoteToken'],
  video: ['contentProvider.type', 'quoteToken'],
  audio: ['contentProvider.type'],
  file: ['fileName', 'fileSize'],
  location: ['latitude', 'longitude'],
  sticker: ['packageId', 'stickerId', 'stickerResourceType', 'quoteToken'],
};

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const USER_ID = /^U[0-9a-f]{32}$/;

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }, value);
}

/** Parses one event through the full envelope, as the webhook would, and returns it. */
function parseOne(event: object): WebhookEventRaw {
  const result = parseCallback(JSON.parse(callbackBody([event])));
  if (!result.ok) throw new Error(`expected a valid callback, got: ${result.issues}`);
  if (result.invalid.length) throw new Error(`expected a valid event, got: ${result.invalid[0]!.issues}`);
  expect(result.value.events).toHaveLength(1);
  return result.value.events[0]!;
}

function normalized(name: string): InboundEvent {
  return normalizeEvent(parseOne(loadFixture(name)));
}

function refusedWith(json: unknown): string {
  const result = parseCallback(json);
  if (result.ok) throw new Error('expected the callback to be refused');
  return result.issues;
}

/** The issues of the events set apart as invalid; the delivery itself must be accepted. */
function setApart(json: unknown): string {
  const result = parseCallback(json);
  if (!result.ok) throw new Error(`expected the envelope to be accepted, got: ${result.issues}`);
  if (!result.invalid.length) throw new Error('expected an event to be set apart as invalid');
  return result.invalid.map((e) => e.issues).join('; ');
}

describe('fixtures', () => {
  const names = allFixtureNames();

  it('cover every event type in the spec, and the expected-kind table covers every fixture', () => {
    const types = new Set(names.map((name) => loadFixture(name).type));
    expect([...types].sort()).toEqual([...SPEC_EVENT_TYPES].sort());
    expect(Object.keys(EXPECTED_KIND).sort()).toEqual(names);
  });

  it('have distinct ULID webhookEventIds', () => {
    const ids = names.map((name) => loadFixture(name).webhookEventId);
    for (const id of ids) expect(id).toMatch(ULID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(names)('%s carries the fields webhook.yml requires', (name) => {
    const event = loadFixture(name);
    expect(typeof event.type).toBe('string');
    expect(Number.isSafeInteger(event.timestamp)).toBe(true);
    expect(['active', 'standby']).toContain(event.mode);
    expect(typeof at(event, 'deliveryContext.isRedelivery')).toBe('boolean');
    for (const path of REQUIRED_BY_EVENT[event.type as string] ?? ['(unknown type)']) {
      expect(at(event, path), path).toBeDefined();
    }
    const message = event.message;
    if (message !== undefined) {
      for (const path of REQUIRED_BY_MESSAGE[at(message, 'type') as string] ?? ['(unknown type)']) {
        expect(at(message, path), `message.${path}`).toBeDefined();
      }
    }
    const source = event.source;
    if (source !== undefined) {
      const type = at(source, 'type');
      expect(['user', 'group', 'room']).toContain(type);
      if (type === 'group') expect(at(source, 'groupId')).toMatch(/^C[0-9a-f]{32}$/);
      if (type === 'room') expect(at(source, 'roomId')).toMatch(/^R[0-9a-f]{32}$/);
      const userId = at(source, 'userId');
      if (userId !== undefined) expect(userId).toMatch(USER_ID);
    }
    // Standby events carry no reply token (LINE-PLATFORM.md §1).
    if (event.mode === 'standby') expect(event.replyToken).toBeUndefined();
  });

  it.each(names)('%s passes parseCallback and normalises to the expected kind', (name) => {
    const fixture = loadFixture(name);
    const event = normalized(name);
    expect(event.input.kind).toBe(EXPECTED_KIND[name]);
    expect(event.webhookEventId).toBe(fixture.webhookEventId);
    expect(event.lineType).toBe(fixture.type);
    expect(event.timestamp).toBe(fixture.timestamp);
    expect(event.mode).toBe(fixture.mode);
    if (event.input.kind === 'ignored') expect(event.input.lineType).toBe(fixture.type);
    // The normalised event is stored and queued, so it must be plain data.
    expect(structuredClone(event)).toEqual(event);
  });
});

describe('parseCallback', () => {
  it('accepts the empty verification body', () => {
    const result = parseCallback({ destination: DEFAULT_DESTINATION, events: [] });
    expect(result).toEqual({ ok: true, value: { destination: DEFAULT_DESTINATION, events: [] }, invalid: [] });
  });

  it('accepts a batch of several events and keeps unknown fields', () => {
    const text = loadFixture('message-text');
    text.somethingLineAddsLater = { nested: true };
    const result = parseCallback(JSON.parse(callbackBody([text, loadFixture('follow'), loadFixture('beacon')])));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.events.map((e) => e.type)).toEqual(['message', 'follow', 'beacon']);
      expect(result.value.events[0]).toMatchObject({ somethingLineAddsLater: { nested: true } });
    }
  });

  it.each([
    ['a string', 'not json'],
    ['null', null],
    ['an array', []],
    ['a number', 42],
  ])('refuses %s', (_label, json) => {
    expect(refusedWith(json)).toContain('(root)');
  });

  it('refuses events that are not an array', () => {
    expect(refusedWith({ destination: DEFAULT_DESTINATION, events: {} })).toMatch(/^events: /);
  });

  it('refuses a body without destination', () => {
    expect(refusedWith({ events: [] })).toContain('destination');
  });

  it('sets apart an event missing webhookEventId, under an id derived from the event, the same each time', () => {
    const event = loadFixture('message-text');
    delete event.webhookEventId;
    const body = { destination: DEFAULT_DESTINATION, events: [event] };
    expect(setApart(body)).toContain('events[0].webhookEventId');
    const ids = [parseCallback(body), parseCallback(structuredClone(body))].map((r) => (r.ok ? r.invalid[0]?.id : undefined));
    expect(ids[0]).toMatch(/^invalid-[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('sets apart a bad mode, keeping the other events and the bad one\'s own id and time', () => {
    const event = loadFixture('follow');
    event.mode = 'sleeping';
    const result = parseCallback({ destination: DEFAULT_DESTINATION, events: [loadFixture('unfollow'), event, loadFixture('postback')] });
    if (!result.ok) throw new Error(result.issues);
    expect(result.value.events.map((e) => e.type)).toEqual(['unfollow', 'postback']);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toMatchObject({ index: 1, id: event.webhookEventId, timestamp: event.timestamp });
    expect(result.invalid[0]!.issues).toContain('events[1].mode');
  });

  it('sets apart events that are not objects', () => {
    const result = parseCallback({ destination: DEFAULT_DESTINATION, events: [null, 'text', 42, loadFixture('follow')] });
    if (!result.ok) throw new Error(result.issues);
    expect(result.value.events.map((e) => e.type)).toEqual(['follow']);
    expect(result.invalid.map((e) => [e.index, e.timestamp])).toEqual([[0, null], [1, null], [2, null]]);
    expect(new Set(result.invalid.map((e) => e.id)).size).toBe(3);
  });

  it('sets apart a text message without text, and the summary leaks no payload content', () => {
    const event = withEvent('message-text', { replyToken: 'secret-reply-token-0001' });
    const message = event.message as Record<string, unknown>;
    delete message.text;
    message.quotedMessageId = 'private-quoted-id';
    const issues = setApart(JSON.parse(callbackBody([event])));
    expect(issues).toContain('events[0].message.text');
    for (const secret of ['secret-reply-token-0001', 'private-quoted-id', message.id, event.webhookEventId]) {
      expect(issues).not.toContain(secret);
    }
  });

  it('sets apart a text whose type is wrong without echoing the value', () => {
    const event = loadFixture('message-text');
    (event.message as Record<string, unknown>).text = 1234567;
    const issues = setApart({ destination: DEFAULT_DESTINATION, events: [event] });
    expect(issues).toContain('events[0].message.text');
    expect(issues).not.toContain('1234567');
  });

  it('sets apart acted-on events missing what the bot reads', () => {
    const follow = loadFixture('follow');
    delete follow.follow;
    const postback = loadFixture('postback');
    (postback.postback as Record<string, unknown>).params = { date: 20260701 };
    const unsend = loadFixture('unsend');
    unsend.unsend = {};
    const image = loadFixture('message-image');
    delete (image.message as Record<string, unknown>).contentProvider;
    const issues = setApart(JSON.parse(callbackBody([follow, postback, unsend, image])));
    expect(issues).toContain('events[0].follow');
    expect(issues).toContain('events[1].postback.params.date');
    expect(issues).toContain('events[2].unsend.messageId');
    expect(issues).toContain('events[3].message.contentProvider');
  });

  it('sets apart a group source without groupId', () => {
    const event = loadFixture('group-text');
    delete (event.source as Record<string, unknown>).groupId;
    expect(setApart(JSON.parse(callbackBody([event])))).toContain('events[0].source.groupId');
  });

  it('checks only the common properties of events the bot ignores', () => {
    const beacon = loadFixture('beacon');
    beacon.beacon = 'not an object';
    expect(parseOne(beacon).type).toBe('beacon');
    delete beacon.deliveryContext;
    expect(setApart(JSON.parse(callbackBody([beacon])))).toContain('events[0].deliveryContext');
  });
});

describe('normalizeEvent', () => {
  it('maps a 1:1 text message completely', () => {
    const fixture = loadFixture('message-text');
    const message = fixture.message as Record<string, unknown>;
    expect(normalized('message-text')).toEqual({
      webhookEventId: fixture.webhookEventId,
      lineType: 'message',
      timestamp: fixture.timestamp,
      mode: 'active',
      isRedelivery: false,
      sourceType: 'user',
      userId: at(fixture, 'source.userId'),
      replyToken: fixture.replyToken,
      input: { kind: 'text', text: message.text, messageId: message.id, markAsReadToken: message.markAsReadToken },
    });
  });

  it.each(['group-text', 'room-text', 'message-edited', 'join', 'member-joined'])(
    '%s: a group or room source never yields a userId',
    (name) => {
      const event = normalized(name);
      expect(['group', 'room']).toContain(event.sourceType);
      expect(event).not.toHaveProperty('userId');
    },
  );

  it('keeps a group message as text for the record, with its reply token', () => {
    const fixture = loadFixture('group-text');
    const event = normalized('group-text');
    expect(event.input).toMatchObject({ kind: 'text', text: at(fixture, 'message.text') });
    expect(event.replyToken).toBe(fixture.replyToken);
  });

  it('marks events without a source as unknown, and an unknown source type too', () => {
    expect(normalized('bot-suspended')).toMatchObject({ sourceType: 'unknown' });
    const event = loadFixture('message-text');
    event.source = { type: 'somewhereNew', userId: at(event, 'source.userId') };
    const result = normalizeEvent(parseOne(event));
    expect(result.sourceType).toBe('unknown');
    expect(result).not.toHaveProperty('userId');
  });

  it('keeps standby mode and has no reply token', () => {
    const event = normalized('standby-text');
    expect(event.mode).toBe('standby');
    expect(event).not.toHaveProperty('replyToken');
    expect(event.input.kind).toBe('text');
  });

  it('reads the redelivery flag', () => {
    const event = loadFixture('postback');
    event.deliveryContext = { isRedelivery: true };
    expect(normalizeEvent(parseOne(event)).isRedelivery).toBe(true);
  });

  it('maps media with fromLine from contentProvider, and files as held by LINE', () => {
    const media = (name: string) => normalized(name).input;
    expect(media('message-image')).toMatchObject({ kind: 'media', mediaType: 'image', fromLine: true });
    expect(media('message-video')).toMatchObject({ kind: 'media', mediaType: 'video', fromLine: false });
    expect(media('message-audio')).toMatchObject({ kind: 'media', mediaType: 'audio', fromLine: true });
    expect(media('message-file')).toMatchObject({ kind: 'media', mediaType: 'file', fromLine: true });
    const fixture = loadFixture('message-image');
    expect(media('message-image')).toEqual({
      kind: 'media',
      mediaType: 'image',
      messageId: at(fixture, 'message.id'),
      fromLine: true,
    });
  });

  it('drops control characters from what a resident wrote, keeping line breaks as \\n', () => {
    const text = loadFixture('message-text');
    (text.message as Record<string, unknown>).text = '一行目\r\n二行目\r三行目\u0001\u0085\u007f\t終わり\uD800';
    expect(normalizeEvent(parseOne(text)).input).toMatchObject({ kind: 'text', text: '一行目\n二行目\n三行目 終わり\uFFFD' });
    const location = loadFixture('message-location');
    Object.assign(location.message as object, { title: '集会所\u0000', address: '海岸通\u001b1-2' });
    expect(normalizeEvent(parseOne(location)).input).toMatchObject({ title: '集会所', address: '海岸通1-2' });
  });

  it('maps location and sticker', () => {
    const location = loadFixture('message-location');
    expect(normalized('message-location').input).toEqual({
      kind: 'location',
      messageId: at(location, 'message.id'),
      latitude: at(location, 'message.latitude'),
      longitude: at(location, 'message.longitude'),
      address: at(location, 'message.address'),
      title: at(location, 'message.title'),
    });
    const sticker = loadFixture('message-sticker');
    expect(normalized('message-sticker').input).toEqual({ kind: 'sticker', messageId: at(sticker, 'message.id') });
  });

  it('maps postbacks with their params as a string map', () => {
    expect(normalized('postback').input).toEqual({ kind: 'postback', data: 'action=consult&area=north' });
    expect(normalized('postback-datetime').input).toEqual({
      kind: 'postback',
      data: 'action=pick-date',
      params: { datetime: '2026-07-15T09:30' },
    });
    expect(normalized('postback-richmenu-switch').input).toEqual({
      kind: 'postback',
      data: 'richmenu-changed-to-b',
      params: { newRichMenuAliasId: 'richmenu-alias-b', status: 'SUCCESS' },
    });
  });

  it('maps follow, unfollow and unsend', () => {
    expect(normalized('follow').input).toEqual({ kind: 'follow', isUnblocked: false });
    expect(normalized('follow-unblocked').input).toEqual({ kind: 'follow', isUnblocked: true });
    expect(normalized('unfollow').input).toEqual({ kind: 'unfollow' });
    expect(normalized('unfollow')).not.toHaveProperty('replyToken');
    expect(normalized('unsend').input).toEqual({ kind: 'unsend', messageId: at(loadFixture('unsend'), 'unsend.messageId') });
  });

  it('accepts an unknown future event type and ignores it', () => {
    const common = loadFixture('unfollow');
    const event = { ...common, type: 'somethingNew', somethingNew: { whatever: [1, 2, 3] } };
    const normalizedEvent = normalizeEvent(parseOne(event));
    expect(normalizedEvent.input).toEqual({ kind: 'ignored', lineType: 'somethingNew' });
    expect(normalizedEvent.lineType).toBe('somethingNew');
    expect(normalizedEvent.userId).toBe(at(common, 'source.userId'));
  });

  it('accepts an unknown future message type and ignores it', () => {
    const event = loadFixture('message-text');
    event.message = { type: 'hologram', id: '512345678901234567', depth: 3 };
    expect(normalizeEvent(parseOne(event)).input).toEqual({ kind: 'ignored', lineType: 'message' });
  });
});

describe('fixture helpers', () => {
  it('loadFixture returns a deep copy', () => {
    const first = loadFixture('message-text');
    (first.message as Record<string, unknown>).text = 'changed';
    expect(at(loadFixture('message-text.json'), 'message.text')).not.toBe('changed');
  });

  it('callbackBody is the exact bytes, and sign matches the SDK check', () => {
    const body = callbackBody([loadFixture('message-text')]);
    const parsed = JSON.parse(body) as { destination: string; events: FixtureEvent[] };
    expect(parsed.destination).toMatch(USER_ID);
    expect(callbackBody([], 'Uffffffffffffffffffffffffffffffff')).toBe(
      '{"destination":"Uffffffffffffffffffffffffffffffff","events":[]}',
    );
    const signature = sign(body, 'channel-secret');
    expect(validateSignature(body, 'channel-secret', signature)).toBe(true);
    expect(sign(Buffer.from(body), 'channel-secret')).toBe(signature);
    expect(validateSignature(`${body} `, 'channel-secret', signature)).toBe(false);
  });

  it('withEvent makes unique, valid variants and applies overrides', () => {
    const a = withEvent('message-text');
    const b = withEvent('message-text');
    expect(a.webhookEventId).toMatch(ULID);
    expect(a.webhookEventId).not.toBe(b.webhookEventId);
    expect(at(a, 'message.id')).not.toBe(at(b, 'message.id'));
    expect(a.replyToken).not.toBe(b.replyToken);

    const userId = 'U0123456789abcdef0123456789abcdef';
    const c = withEvent('message-text', { userId, text: 'こんにちは', timestamp: 1_782_900_000_000, replyToken: 'r1' });
    expect(normalizeEvent(parseOne(c))).toMatchObject({
      userId,
      timestamp: 1_782_900_000_000,
      replyToken: 'r1',
      input: { kind: 'text', text: 'こんにちは' },
    });
    const d = withEvent('postback', { data: 'area=south', webhookEventId: '01KWDK18YCXTCSH5D12230YZZZ' });
    expect(normalizeEvent(parseOne(d))).toMatchObject({
      webhookEventId: '01KWDK18YCXTCSH5D12230YZZZ',
      input: { kind: 'postback', data: 'area=south' },
    });
  });

  it('withEvent refuses overrides that do not fit the fixture', () => {
    expect(() => withEvent('follow', { text: 'x' })).toThrow(/no text message/);
    expect(() => withEvent('message-text', { data: 'x' })).toThrow(/no postback/);
  });
});
