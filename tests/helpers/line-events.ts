import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/infra/prisma/database';
import type { RecordingMessenger } from '../fakes/recording-messenger';
import { withEvent, type EventOverrides, type FixtureEvent } from '../fixtures/webhook-fixtures';
import { tableNames } from './failing-writes';

/** A fixture event from `userId`; its reply token (if the fixture has one) is registered so replies count as sent to that user. */
export function eventFrom(messenger: RecordingMessenger, name: string, userId: string, overrides: Omit<EventOverrides, 'userId'> = {}): FixtureEvent {
  const event = withEvent(name, { ...overrides, userId });
  if (typeof event.replyToken === 'string') messenger.tokenFor(userId, event.replyToken);
  return event;
}

/** A postback from `userId` carrying `data`. */
export function postbackFrom(messenger: RecordingMessenger, userId: string, data: string, overrides: Omit<EventOverrides, 'userId' | 'data'> = {}): FixtureEvent {
  return eventFrom(messenger, 'postback', userId, { ...overrides, data });
}

/** A text message from `userId`. */
export function textFrom(messenger: RecordingMessenger, userId: string, text: string, overrides: Omit<EventOverrides, 'userId' | 'text'> = {}): FixtureEvent {
  return eventFrom(messenger, 'message-text', userId, { ...overrides, text });
}

/** A LINE-shaped user id (U + 32 hex), fresh per call. */
export function newUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}

/** A promise with its resolver exposed, to hold a fake call open without timers. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Every row of every application table, as JSON text (to assert something is stored nowhere). */
export async function dumpAllTables(db: Db): Promise<string> {
  const dump: Record<string, unknown> = {};
  for (const name of await tableNames(db)) dump[name] = await db.$queryRawUnsafe(`SELECT * FROM "${name}"`);
  return JSON.stringify(dump, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** One input a test resident sends: text, a postback (its data contains "="), or a date picked in LINE's date picker. */
export type SaidInput = string | { data: string; date: string };

/** The webhook event for one input from `userId` at `timestamp` (a picked date rides on the postback's `params`). */
export function inputFrom(messenger: RecordingMessenger, userId: string, input: SaidInput, timestamp: number): FixtureEvent {
  if (typeof input === 'object') {
    const event = postbackFrom(messenger, userId, input.data, { timestamp });
    (event.postback as Record<string, unknown>).params = { date: input.date };
    return event;
  }
  return input.includes('=') ? postbackFrom(messenger, userId, input, { timestamp }) : textFrom(messenger, userId, input, { timestamp });
}
