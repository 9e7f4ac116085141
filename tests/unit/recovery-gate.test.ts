// Under test: RecoveryGate in front of the real EventDispatcher — events held until recovery, copies merged.
import { expect, test } from 'vitest';
import { EventDispatcher } from '../../src/bot/event-dispatcher';
import { RecoveryGate } from '../../src/bot/recovery-gate';
import type { PendingEvent } from '../../src/domain/stores';

const silent = { info() {}, warn() {}, error() {}, debug() {} } as never;

function ev(id: string, userKey: string, timestamp: number): PendingEvent {
  return { id, userKey, lineType: 'message', timestamp, payload: '{}', receivedAt: new Date(timestamp) };
}

function dispatcherRecording(): { gate: RecoveryGate; dispatcher: EventDispatcher; processed: string[] } {
  const processed: string[] = [];
  const dispatcher = new EventDispatcher(async (batch, userDone) => {
    for (const e of batch) {
      processed.push(e.id);
      userDone(e.userKey);
    }
  }, silent);
  return { gate: new RecoveryGate(dispatcher), dispatcher, processed };
}

test('nothing is processed before the gate opens', async () => {
  const { gate, processed } = dispatcherRecording();
  gate.enqueue([ev('a', 'U1', 1)]);
  await new Promise((r) => setImmediate(r));
  await gate.whenIdle();
  expect(processed).toEqual([]);
  expect(gate.isOpen).toBe(false);
});

test('an event both held and found pending is processed once; one user\'s events stay in timestamp order', async () => {
  const { gate, processed } = dispatcherRecording();
  gate.enqueue([ev('b', 'U1', 2)]);
  gate.enqueue([ev('c', 'U2', 3)]);
  gate.open([ev('a', 'U1', 1), ev('b', 'U1', 2)]);
  await new Promise((r) => setImmediate(r));
  await gate.whenIdle();
  expect([...processed].sort()).toEqual(['a', 'b', 'c']);
  expect(processed.indexOf('a')).toBeLessThan(processed.indexOf('b'));
});

test('once open, events go straight to the dispatcher', async () => {
  const { gate, processed } = dispatcherRecording();
  gate.open([]);
  expect(gate.isOpen).toBe(true);
  gate.enqueue([ev('x', 'U3', 1)]);
  await new Promise((r) => setImmediate(r));
  await gate.whenIdle();
  expect(processed).toEqual(['x']);
});
