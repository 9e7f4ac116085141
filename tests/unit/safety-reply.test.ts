// Under test: safetyReplyState (src/domain/safety-reply.ts), what a safety reply's outbound rows add up to; nothing is faked (pure function).
import { describe, expect, test } from 'vitest';
import { safetyReplyState, unconfirmed, type SafetyReplyRow } from '../../src/domain/safety-reply';

const at = new Date('2026-11-24T01:00:00Z');
const row = (status: string, extra: Partial<SafetyReplyRow> = {}): SafetyReplyRow => ({ status, pushedAfterUnknownReply: false, sentAt: status === 'sent' ? at : null, error: null, ...extra });

describe('safetyReplyState', () => {
  test('all parts sent: sent at the last one; possibly twice only when a reply was pushed after an unanswered attempt', () => {
    const later = new Date(at.getTime() + 5000);
    expect(safetyReplyState([row('sent'), row('sent', { sentAt: later })])).toEqual({ kind: 'sent', at: later, maybeTwice: false });
    expect(safetyReplyState([row('sent', { pushedAfterUnknownReply: true })])).toEqual({ kind: 'sent', at, maybeTwice: true });
  });

  test('the worst part decides: failed, then skipped, then unknown, then still sending', () => {
    expect(safetyReplyState([row('sent'), row('retry'), row('unknown'), row('skipped'), row('failed', { error: 'quota: the monthly message limit is reached' })])).toEqual({ kind: 'failed', quota: true });
    expect(safetyReplyState([row('failed', { error: 'LINE refused the call (refused)' })])).toEqual({ kind: 'failed', quota: false });
    expect(safetyReplyState([row('sent'), row('unknown'), row('skipped')])).toEqual({ kind: 'skipped' });
    expect(safetyReplyState([row('attempting'), row('unknown')])).toEqual({ kind: 'unknown' });
    for (const s of ['pending', 'attempting', 'retry']) expect(safetyReplyState([row('sent'), row(s)])).toEqual({ kind: 'sending' });
  });

  test('no rows: missing; only a sent reply counts as confirmed', () => {
    expect(safetyReplyState([])).toEqual({ kind: 'missing' });
    expect(unconfirmed({ kind: 'missing' })).toBe(true);
    expect(unconfirmed({ kind: 'sending' })).toBe(true);
    expect(unconfirmed({ kind: 'sent', at, maybeTwice: true })).toBe(false);
  });
});
