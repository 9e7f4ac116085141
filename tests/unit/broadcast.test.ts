// Under test: the broadcast engine's pure rules (targeting, quiet hours, due/missed, content per language, chunking); no I/O.
import { describe, expect, it } from 'vitest';
import { callStart, chunk, dueAction, eventsOf, inQuietHours, isTargeted, targetsPersonally, withRegistrants, type Audience } from '../../src/domain/broadcast';
import { staffTextFor } from '../../src/domain/language';

const quiet = { start: '21:00', end: '08:00' };
const jst = (s: string) => new Date(`${s}+09:00`);
const someone = (o: Partial<Audience> = {}): Audience => ({ residentId: 'r1', lineUserId: 'U1', language: 'ja', followed: true, consented: true, districtCode: 'kaigan', topics: ['newsletters'], salons: [], ...o }) as Audience;

describe('isTargeted', () => {
  it('never targets someone who unfollowed', () => {
    expect(isTargeted({ everyone: true }, someone({ followed: false }))).toBe(false);
  });
  it('everyone reaches followers without consent; districts and topics need consent', () => {
    expect(isTargeted({ everyone: true }, someone({ consented: false }))).toBe(true);
    expect(isTargeted({ districts: ['kaigan'] }, someone({ consented: false }))).toBe(false);
    expect(isTargeted({ districts: ['kaigan'] }, someone())).toBe(true);
    expect(isTargeted({ districts: ['sakurazaka'] }, someone())).toBe(false);
  });
  it('topics match any chosen topic; languages and explicit residents narrow further', () => {
    expect(isTargeted({ topics: ['disaster', 'newsletters'] }, someone())).toBe(true);
    expect(isTargeted({ topics: ['disaster'] }, someone())).toBe(false);
    expect(isTargeted({ everyone: true, languages: ['en'] }, someone())).toBe(false);
    expect(isTargeted({ residentIds: ['r1'] }, someone())).toBe(true);
    expect(isTargeted({ residentIds: ['r2'] }, someone())).toBe(false);
  });
  it('a salon notice reaches its followers, or its district residents who chose salon news', () => {
    const notice = { anyOf: [{ salons: ['kaigan-ikiiki'] }, { districts: ['kaigan'], topics: ['salons_events'] }] };
    expect(isTargeted(notice, someone({ salons: ['kaigan-ikiiki'], districtCode: 'shiomidai', topics: [] }))).toBe(true);
    expect(isTargeted(notice, someone({ topics: ['salons_events'] }))).toBe(true);
    expect(isTargeted(notice, someone({ topics: ['newsletters'] }))).toBe(false);
    expect(isTargeted(notice, someone({ salons: ['kaigan-ikiiki'], followed: false }))).toBe(false);
    expect(isTargeted(notice, someone({ salons: ['kaigan-ikiiki'], consented: false }))).toBe(false);
  });
  it('an empty targeting reaches no one', () => {
    expect(isTargeted({}, someone())).toBe(false);
  });
});

describe('quiet hours and due times', () => {
  it('21:00–08:00 JST wraps midnight (start inclusive, end exclusive)', () => {
    expect(inQuietHours(quiet, jst('2026-11-24T21:00:00'))).toBe(true);
    expect(inQuietHours(quiet, jst('2026-11-25T07:59:00'))).toBe(true);
    expect(inQuietHours(quiet, jst('2026-11-25T08:00:00'))).toBe(false);
    expect(inQuietHours(quiet, jst('2026-11-24T20:59:00'))).toBe(false);
  });
  const stale = 6 * 3600_000;
  it('waits before the time, starts when due, waits through quiet hours unless urgent, and misses stale ones', () => {
    const b = { scheduledAt: jst('2026-11-24T20:30:00'), urgent: false, status: 'scheduled' as const };
    expect(dueAction(b, jst('2026-11-24T20:00:00'), quiet, stale)).toBe('wait');
    expect(dueAction(b, jst('2026-11-24T20:31:00'), quiet, stale)).toBe('start');
    expect(dueAction(b, jst('2026-11-24T21:10:00'), quiet, stale)).toBe('wait');
    expect(dueAction({ ...b, urgent: true }, jst('2026-11-24T21:10:00'), quiet, stale)).toBe('start');
    expect(dueAction(b, jst('2026-11-25T08:00:00'), quiet, 12 * 3600_000)).toBe('start');
    // Down all night: by 03:00 it is 6.5 h late, more than the 6 h allowed.
    expect(dueAction(b, jst('2026-11-25T03:00:00'), quiet, stale)).toBe('missed');
    // Scheduled into the quiet hours on purpose: it goes at 08:00 and is not stale then.
    const night = { ...b, scheduledAt: jst('2026-11-24T22:00:00') };
    expect(dueAction(night, jst('2026-11-25T07:59:00'), quiet, stale)).toBe('wait');
    expect(dueAction(night, jst('2026-11-25T08:00:00'), quiet, stale)).toBe('start');
    expect(dueAction(night, jst('2026-11-25T14:01:00'), quiet, stale)).toBe('missed');
    expect(dueAction({ ...b, status: 'sent' as never }, jst('2026-11-24T20:31:00'), quiet, stale)).toBe('wait');
  });
});

describe('content and chunks', () => {
  it('uses the recipient language, falling back to Japanese', () => {
    const c = { ja: 'お知らせ', en: 'Notice', 'ja-x-easy': ' ' };
    expect(staffTextFor(c, 'en').text).toBe('Notice');
    expect(staffTextFor(c, 'ja-x-easy').text).toBe('お知らせ');
  });
  it('chunks 1,201 ids into 500 + 500 + 201', () => {
    expect(chunk(Array.from({ length: 1201 }, (_, i) => i), 500).map((c) => c.length)).toEqual([500, 500, 201]);
  });
});

describe('targetsPersonally', () => {
  it('is false for everyone and languages, true for districts, topics, salons, residents and any union holding them', () => {
    expect(targetsPersonally({ everyone: true })).toBe(false);
    expect(targetsPersonally({ everyone: true, languages: ['en'] })).toBe(false);
    expect(targetsPersonally({ districts: ['kaigan'] })).toBe(true);
    expect(targetsPersonally({ residentIds: ['r1'] })).toBe(true);
    expect(targetsPersonally({ anyOf: [{ everyone: true }, { salons: ['s'] }] })).toBe(true);
  });
});

describe('event registrants', () => {
  it('names every event a targeting reads, nested or not, once each', () => {
    expect(eventsOf({ events: ['e1'], anyOf: [{ events: ['e2', 'e1'] }, { everyone: true }] })).toEqual(['e1', 'e2']);
    expect(eventsOf({ everyone: true })).toEqual([]);
  });
  it('puts the registrants in place of the event, and an event is personal targeting', () => {
    const t = withRegistrants({ events: ['e1'], languages: ['en'] }, new Map([['e1', ['r1', 'r2']]]));
    expect(t).toEqual({ languages: ['en'], residentIds: ['r1', 'r2'] });
    expect(withRegistrants({ events: ['gone'] }, new Map())).toEqual({ residentIds: [] });
    expect(targetsPersonally({ events: ['e1'] })).toBe(true);
  });
  it('with no registrants nobody is targeted', () => {
    const a: Audience = { residentId: 'r1', lineUserId: 'U1', language: 'ja', followed: true, consented: true, districtCode: null, topics: [], salons: [] };
    expect(isTargeted(withRegistrants({ events: ['e1'] }, new Map([['e1', []]])), a)).toBe(false);
    expect(isTargeted(withRegistrants({ events: ['e1'] }, new Map([['e1', ['r1']]])), a)).toBe(true);
  });
});

describe('callStart (multicast pacing)', () => {
  /** Simulates a send of `calls` calls at `perSecond`; `stall(k)` is how long the process is held before call k. */
  function simulate(calls: number, perSecond: number, stall: (k: number) => number = () => 0): number[] {
    const starts: number[] = [];
    let now = 0;
    for (let k = 0; k < calls; k++) {
      now += stall(k);
      now = callStart(k, now, 0, starts, perSecond, 0);
      starts.push(now);
    }
    return starts;
  }
  const maxInAnySecond = (starts: number[]) => Math.max(...starts.map((s) => starts.filter((x) => x >= s && x < s + 1000).length));

  it('spreads calls evenly: 200 calls at 200/s start within the first second', () => {
    const starts = simulate(200, 200);
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBe(5);
    expect(starts[199]).toBe(995);
  });
  it('after a stall, catches up instead of pushing every later call back', () => {
    const starts = simulate(200, 200, (k) => (k === 50 ? 100 : 0));
    expect(starts[50]).toBe(345);
    expect(starts[199]).toBe(995);
  });
  it('never puts more calls in a sliding second than the limit, even after a long stall', () => {
    const starts = simulate(1000, 200, (k) => (k === 300 ? 1500 : k % 37 === 0 ? 40 : 0));
    expect(maxInAnySecond(starts)).toBeLessThanOrEqual(200);
    expect(simulate(400, 200, (k) => (k === 10 ? 990 : 0)).length).toBe(400);
    expect(maxInAnySecond(simulate(400, 200, (k) => (k === 10 ? 990 : 0)))).toBeLessThanOrEqual(200);
  });
});
