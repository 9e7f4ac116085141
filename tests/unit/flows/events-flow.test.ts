// Under test: the events part of the サロン・行事 menu (list, event page, registration with consent, name and
// phone, the waitlist when full, cancelling, "my registrations" page by page, whether the day-before reminder
// is promised, events over several days) through the real engine; only the context is faked (fixed now: Tue
// 24 Nov 2026 10:00 JST, two demo events). Wording checks render with the real locales/ translator.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/bot/render/i18n';
import type { Effect, FlowState } from '../../../src/flows/engine/types';
import { ALL_LANGUAGES, buttonData, converse, demoEvents, isMainMenu, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, moduleEffects } from './flow-test-kit';

const localesDir = fileURLToPath(new URL('../../../locales', import.meta.url));

/** The state as if its step began a minute before `now` (so it has not expired). */
const startedAt = (state: FlowState, now: Date): FlowState => ({ ...state, stepStartedAt: new Date(now.getTime() - 60_000).toISOString() });
const granted = { consent: 'granted' as const, onboarded: true };
const eventEffects = (effects: Effect[]) => moduleEffects(effects, 'events');

describe('the サロン・行事 menu', () => {
  it('offers salons, events and the resident own registrations; salons hands over to the salons flow', () => {
    const turns = converse([postback('menu=events'), postback('ev=salons')], { ctx: makeCtx({ resident: granted }) });
    expect(buttonData(turns[0]!.result)).toEqual(['ev=salons', 'ev=list', 'ev=mine']);
    expect(turns[1]!.result.state?.flowId).toBe('salons');
  });
});

describe('listing and an event page', () => {
  it('lists upcoming events soonest first with their dates, each a big button', () => {
    const result = run(stateAt('events', 'choose'), postback('ev=list'), makeCtx({ events: demoEvents() }));
    expect(result.state).toMatchObject({ flowId: 'events', step: 'list' });
    expect(buttonData(result)).toEqual(['el=ev-course', 'el=ev-festival', 'el=back']);
    const whens = sent(result)[0]!.lines.filter((l) => l.key === 'events:when');
    expect(whens[0]!.params).toEqual({ start: Date.parse('2026-12-05T04:30:00Z'), end: Date.parse('2026-12-05T06:30:00Z') });
  });

  it('pages after four events', () => {
    const many = demoEvents();
    many.upcoming = Array.from({ length: 6 }, (_, i) => ({ ...many.upcoming[0]!, id: `e${i}` }));
    const first = run(stateAt('events', 'list'), postback('el=page1'), makeCtx({ events: many }));
    expect(buttonData(first)).toEqual(['el=e4', 'el=e5', 'el=back']);
    expect(buttonData(run(stateAt('events', 'choose'), postback('ev=list'), makeCtx({ events: many })))).toEqual(['el=e0', 'el=e1', 'el=e2', 'el=e3', 'el=page1', 'el=back']);
  });

  it('says so when nothing is announced, with a way back', () => {
    const result = run(stateAt('events', 'choose'), postback('ev=list'), makeCtx());
    expect(lineKeys(result)).toEqual(['events:list.none']);
    expect(buttonData(result)).toEqual(['el=back']);
  });

  it('an event page shows when, where, places left, the deadline and the description, with a register button', () => {
    const result = run(stateAt('events', 'list'), postback('el=ev-course'), makeCtx({ events: demoEvents() }));
    const lines = sent(result)[0]!.lines;
    expect(lines.map((l) => l.key)).toEqual(['common:literal', 'events:detail.when', 'events:when', 'events:detail.place', 'events:detail.left', 'events:detail.deadline', 'common:literal']);
    expect(lines.find((l) => l.key === 'events:detail.left')!.params).toEqual({ capacity: 30, left: 20 });
    expect(buttonData(result)).toEqual(['ed=register', 'ed=back']);
  });

  it('a description with no text in the reader\'s language comes after one line saying which language it is in', () => {
    const page = (language: 'ja' | 'en' | 'vi', description: Record<string, string>) => {
      const events = demoEvents();
      events.upcoming = events.upcoming.map((e) => (e.id === 'ev-course' ? { ...e, description: description as { ja: string } } : e));
      return sent(run(stateAt('events', 'list'), postback('el=ev-course'), makeCtx({ resident: { language }, events })))[0]!.lines.slice(-2);
    };
    expect(page('vi', { ja: '手話の講座です。' })).toEqual([{ key: 'common:staffText.inJapanese' }, { key: 'common:literal', params: { text: '手話の講座です。' } }]);
    expect(page('vi', { ja: '手話の講座です。', 'ja-x-easy': 'しゅわの こうざです。' })).toEqual([{ key: 'common:staffText.inEasy' }, { key: 'common:literal', params: { text: 'しゅわの こうざです。' } }]);
    expect(page('en', { ja: '手話の講座です。', en: 'A sign language course.' }).map((l) => l.key)).toEqual(['events:detail.deadline', 'common:literal']);
    expect(page('ja', { ja: '手話の講座です。' }).map((l) => l.key)).toEqual(['events:detail.deadline', 'common:literal']);
  });

  it('a full event offers the waitlist instead', () => {
    const result = run(stateAt('events', 'list'), postback('el=ev-festival'), makeCtx({ events: demoEvents() }));
    expect(lineKeys(result)).toContain('events:detail.full');
    expect(sent(result)[0]!.buttons![0]!.label.key).toBe('events:detail.waitlist');
  });

  it('after the deadline there is no register button and the page says registration closed', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const result = run(startedAt(stateAt('events', 'list'), now), postback('el=ev-course'), makeCtx({ events: demoEvents(), now }));
    expect(lineKeys(result)).toContain('events:detail.closed');
    expect(buttonData(result)).toEqual(['ed=back']);
  });

  it('shows English titles to English speakers and falls back to Japanese where there is none', () => {
    const result = run(stateAt('events', 'choose'), postback('ev=list'), makeCtx({ resident: { language: 'en' }, events: demoEvents() }));
    const items = sent(result)[0]!.lines.filter((l) => l.key === 'events:list.item').map((l) => l.params!.title);
    expect(items).toEqual(['Sign language for beginners', 'ふくしまつり']);
  });
});

describe('registering', () => {
  it('asks consent first, then the name and phone, confirms, and registers', () => {
    const turns = converse([postback('ed=register'), postback('c=yes'), text('山田　花子'), text('０９０－１２３４－５６７８'), postback('ec=yes')], {
      state: stateAt('events', 'detail', { event: 'ev-course', from: 'list' }),
      ctx: makeCtx({ events: demoEvents() }),
    });
    expect(turns[0]!.result.state?.step).toBe('consent');
    expect(lineKeys(turns[0]!.result)[0]).toBe('events:consentNeeded');
    expect(patches(turns[1]!.result)[0]).toMatchObject({ consent: 'granted' });
    expect(turns[1]!.result.state?.step).toBe('name');
    expect(turns[2]!.result.state?.data).toMatchObject({ name: '山田 花子' });
    expect(turns[3]!.result.state?.data).toMatchObject({ phone: '09012345678' });
    const summary = sent(turns[3]!.result)[0]!;
    expect(summary.lines.map((l) => l.key)).toEqual(['events:confirm.title', 'events:confirm.event', 'events:when', 'events:confirm.name', 'events:confirm.phone']);
    const done = turns[4]!.result;
    expect(done.state).toBeNull();
    expect(eventEffects(done.effects)).toEqual([{ type: 'registerEvent', eventId: 'ev-course', expected: 'registered', registrant: { name: '山田 花子', phone: '09012345678' } }]);
    // 24 Nov for 5 Dec: the day-before reminder is still to come, and the message repeats the details.
    expect(lineKeys(done).slice(0, 5)).toEqual(['events:done.registered', 'events:list.item', 'events:when', 'events:detail.place', 'events:done.howToCancel']);
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it('without consent nothing is asked or stored', () => {
    const result = run(stateAt('events', 'consent', { event: 'ev-course', from: 'list' }), postback('c=no'), makeCtx({ events: demoEvents() }));
    expect(result.state?.step).toBe('detail');
    expect(lineKeys(result)[0]).toBe('events:notRegistered');
    expect(patches(result)).toEqual([]);
    expect(eventEffects(result.effects)).toEqual([]);
  });

  it('the phone number can be skipped; a wrong one is asked again', () => {
    const wrong = run(stateAt('events', 'phone', { event: 'ev-course', name: 'A' }), text('ないです'), makeCtx({ resident: granted, events: demoEvents() }));
    expect(lineKeys(wrong)[0]).toBe('events:phone.invalid');
    expect(wrong.state?.step).toBe('phone');
    const skipped = run(stateAt('events', 'phone', { event: 'ev-course', name: 'A' }), postback('ep=skip'), makeCtx({ resident: granted, events: demoEvents() }));
    expect(skipped.state).toMatchObject({ step: 'confirm', data: { phone: null } });
    expect(lineKeys(skipped)).toContain('events:confirm.noPhone');
  });

  it('a name that is too long is asked again', () => {
    const result = run(stateAt('events', 'name', { event: 'ev-course' }), text('あ'.repeat(41)), makeCtx({ resident: granted, events: demoEvents() }));
    expect(lineKeys(result)[0]).toBe('events:name.invalid');
  });

  it('a full event puts the resident on the waitlist, with their position', () => {
    const turns = converse([postback('ed=register'), text('佐藤'), postback('ep=skip'), postback('ec=yes')], {
      state: stateAt('events', 'detail', { event: 'ev-festival', from: 'list' }),
      ctx: makeCtx({ resident: granted, events: demoEvents() }),
    });
    expect(turns[0]!.result.state?.step).toBe('name');
    expect(lineKeys(turns[2]!.result)).toContain('events:confirm.waitlist');
    const done = turns[3]!.result;
    expect(eventEffects(done.effects)).toEqual([{ type: 'registerEvent', eventId: 'ev-festival', expected: 'waitlisted', registrant: { name: '佐藤', phone: null } }]);
    expect(sent(done)[0]!.lines[0]).toEqual({ key: 'events:done.waitlisted', params: { position: 2 } });
  });

  it('stopping at the summary registers nothing', () => {
    const result = run(stateAt('events', 'confirm', { event: 'ev-course', name: 'A', phone: null, from: 'list' }), postback('ec=no'), makeCtx({ resident: granted, events: demoEvents() }));
    expect(eventEffects(result.effects)).toEqual([]);
    expect(result.state?.step).toBe('detail');
  });

  it('if registration closed while the resident typed, the summary registers nothing and shows the page again', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const late = makeCtx({ resident: granted, events: demoEvents(), now });
    const result = run(startedAt(stateAt('events', 'confirm', { event: 'ev-course', name: 'A', phone: null }), now), postback('ec=yes'), late);
    expect(eventEffects(result.effects)).toEqual([]);
    expect(lineKeys(result)).toContain('events:detail.closed');
  });
});

describe('my registrations and cancelling', () => {
  const mine = demoEvents([
    { eventId: 'ev-course', status: 'registered', position: null },
    { eventId: 'ev-festival', status: 'waitlisted', position: 1 },
  ]);

  it('lists the resident places with their status', () => {
    const result = run(stateAt('events', 'choose'), postback('ev=mine'), makeCtx({ resident: granted, events: mine }));
    expect(lineKeys(result)).toEqual(['events:mine.title', 'events:list.item', 'events:when', 'events:detail.mineRegistered', 'events:list.item', 'events:when', 'events:detail.mineWaitlisted']);
    expect(buttonData(result)).toEqual(['em=ev-course', 'em=ev-festival', 'em=back']);
  });

  it('with none, offers the list of events', () => {
    const result = run(stateAt('events', 'choose'), postback('ev=mine'), makeCtx({ resident: granted, events: demoEvents() }));
    expect(lineKeys(result)).toEqual(['events:mine.none']);
    expect(buttonData(result)).toEqual(['em=list', 'em=back']);
  });

  it('a registered page offers cancelling; confirming cancels, declining keeps it', () => {
    const page = run(stateAt('events', 'mine'), postback('em=ev-course'), makeCtx({ resident: granted, events: mine }));
    expect(lineKeys(page)).toContain('events:detail.mineRegistered');
    expect(buttonData(page)).toEqual(['ed=cancel', 'ed=back']);
    const turns = converse([postback('ed=cancel'), postback('ex=yes')], { state: page.state, ctx: makeCtx({ resident: granted, events: mine }) });
    expect(turns[0]!.result.state?.step).toBe('cancelConfirm');
    expect(eventEffects(turns[1]!.result.effects)).toEqual([{ type: 'cancelEventRegistration', eventId: 'ev-course' }]);
    expect(lineKeys(turns[1]!.result)[0]).toBe('events:cancel.done');
    const kept = run(stateAt('events', 'cancelConfirm', { event: 'ev-course', from: 'mine' }), postback('ex=no'), makeCtx({ resident: granted, events: mine }));
    expect(eventEffects(kept.effects)).toEqual([]);
    expect(kept.state?.step).toBe('detail');
  });

  it('a waitlisted page says the position and offers leaving the waitlist; back returns to my registrations', () => {
    const page = run(stateAt('events', 'mine'), postback('em=ev-festival'), makeCtx({ resident: granted, events: mine }));
    expect(sent(page)[0]!.lines.find((l) => l.key === 'events:detail.mineWaitlisted')!.params).toEqual({ position: 1 });
    expect(sent(page)[0]!.buttons![0]!.label.key).toBe('events:detail.leaveWaitlist');
    expect(run(page.state, postback('ed=back'), makeCtx({ resident: granted, events: mine })).state?.step).toBe('mine');
  });

  it('an event that disappeared (cancelled by staff) says so instead of failing', () => {
    const result = run(stateAt('events', 'detail', { event: 'gone' }), postback('ed=register'), makeCtx({ resident: granted, events: demoEvents() }));
    expect(result.state?.step).toBe('list');
  });
});

describe('my registrations, more than fit one message', () => {
  // Six events (e0…e5), the resident registered for each, waitlisted for the last.
  const six = (() => {
    const base = demoEvents();
    const upcoming = Array.from({ length: 6 }, (_, i) => ({ ...base.upcoming[0]!, id: `e${i}`, title: { ja: `講座${i}` } }));
    const mine = upcoming.map((e, i) => ({ eventId: e.id, status: i === 5 ? ('waitlisted' as const) : ('registered' as const), position: i === 5 ? 2 : null }));
    return { upcoming, mine };
  })();
  const ctx = makeCtx({ resident: granted, events: six });

  it('shows four at a time with a button for the rest; every place can be opened', () => {
    const first = run(stateAt('events', 'choose'), postback('ev=mine'), ctx);
    expect(buttonData(first)).toEqual(['em=e0', 'em=e1', 'em=e2', 'em=e3', 'em=page1', 'em=back']);
    expect(sent(first)[0]!.buttons!.find((b) => b.kind === 'postback' && b.data === 'em=page1')!.label.key).toBe('events:mine.more');
    const second = run(first.state, postback('em=page1'), ctx);
    expect(second.state).toMatchObject({ step: 'mine', data: { page: 1 } });
    expect(buttonData(second)).toEqual(['em=e4', 'em=e5', 'em=back']);
    // The text lists the same places as the buttons.
    expect(sent(second)[0]!.lines.filter((l) => l.key === 'events:list.item').map((l) => l.params!.title)).toEqual(['講座4', '講座5']);
  });

  it('the sixth place can be left and cancelled, and back returns to the page it was opened from', () => {
    const turns = converse([postback('ev=mine'), postback('em=page1'), postback('em=e5')], { state: stateAt('events', 'choose'), ctx });
    const page = turns[2]!.result;
    expect(page.state).toMatchObject({ step: 'detail', data: { event: 'e5', from: 'mine' } });
    expect(sent(page)[0]!.buttons![0]!.label.key).toBe('events:detail.leaveWaitlist');
    const back = run(page.state, postback('ed=back'), ctx);
    expect(back.state).toMatchObject({ step: 'mine', data: { page: 1 } });
    expect(buttonData(back)).toEqual(['em=e4', 'em=e5', 'em=back']);
    const cancelled = converse([postback('ed=cancel'), postback('ex=yes')], { state: page.state, ctx });
    expect(eventEffects(cancelled[1]!.result.effects)).toEqual([{ type: 'cancelEventRegistration', eventId: 'e5' }]);
  });
});

describe('whether the day-before reminder will come', () => {
  // 5 Dec 13:30 JST; registration open until it starts. The reminder goes once, at 10:00 JST on 4 Dec.
  const jst = (s: string) => new Date(`${s}+09:00`);
  const open = (() => {
    const base = demoEvents();
    return { upcoming: [{ ...base.upcoming[0]!, deadline: base.upcoming[0]!.startsAt }], mine: [] };
  })();
  const registerAt = (now: Date) =>
    run(startedAt(stateAt('events', 'confirm', { event: 'ev-course', name: '山田', phone: null, from: 'list' }), now), postback('ec=yes'), makeCtx({ resident: granted, events: open, now }));

  it('before 10:00 the day before, the reminder is promised', () => {
    const done = registerAt(jst('2026-12-04T09:59:00'));
    expect(eventEffects(done.effects)).toHaveLength(1);
    expect(lineKeys(done)[0]).toBe('events:done.registered');
  });

  it('after the reminder went out, or on the day itself, no reminder is promised and the message carries the details', () => {
    for (const now of [jst('2026-12-04T10:00:00'), jst('2026-12-04T18:00:00'), jst('2026-12-05T08:00:00')]) {
      const done = registerAt(now);
      expect(eventEffects(done.effects), now.toISOString()).toEqual([{ type: 'registerEvent', eventId: 'ev-course', expected: 'registered', registrant: { name: '山田', phone: null } }]);
      const lines = sent(done)[0]!.lines;
      expect(lines.map((l) => l.key)).toEqual(['events:done.registeredNoReminder', 'events:list.item', 'events:when', 'events:detail.place', 'events:done.howToCancel']);
      expect(lines[1]!.params).toEqual({ title: '手話入門講座' });
      expect(lines[2]!.params).toEqual({ start: Date.parse('2026-12-05T04:30:00Z'), end: Date.parse('2026-12-05T06:30:00Z') });
      expect(lines[3]!.params).toEqual({ place: '福祉センター 2階' });
    }
  });

  it('the waitlist promises no reminder either way', () => {
    const done = run(stateAt('events', 'confirm', { event: 'ev-festival', name: '佐藤', phone: null, from: 'list' }), postback('ec=yes'), makeCtx({ resident: granted, events: demoEvents() }));
    expect(lineKeys(done)[0]).toBe('events:done.waitlisted');
    expect(lineKeys(done)).not.toContain('events:done.registered');
  });

  it('the texts say what they mean in every language', async () => {
    const tr = await createTranslator(localesDir);
    expect(tr.t('ja', 'events:done.registered')).toContain('前の日にお知らせ');
    for (const lang of ALL_LANGUAGES) {
      const text = tr.t(lang, 'events:done.registeredNoReminder');
      expect(text, lang).not.toBe(tr.t(lang, 'events:done.registered'));
      expect(text, lang).not.toMatch(/\{\{/);
    }
    expect(tr.t('ja', 'events:done.registeredNoReminder')).toContain('お送りできません');
  });
});

describe('an event over several days', () => {
  const jst = (s: string) => new Date(`${s}+09:00`);
  const camp = (() => {
    const base = demoEvents();
    return { upcoming: [{ ...base.upcoming[0]!, id: 'ev-camp', endsAt: jst('2026-12-06T15:30:00') }], mine: [] };
  })();

  it('shows the end date when the event ends on a later day (list, event page, summary)', async () => {
    const ctx = makeCtx({ resident: granted, events: camp });
    const listed = run(stateAt('events', 'choose'), postback('ev=list'), ctx);
    const page = run(listed.state, postback('el=ev-camp'), ctx);
    const summary = run(stateAt('events', 'phone', { event: 'ev-camp', name: 'A', from: 'list' }), postback('ep=skip'), ctx);
    const params = { start: Date.parse('2026-12-05T04:30:00Z'), end: Date.parse('2026-12-06T06:30:00Z') };
    for (const result of [listed, page, summary]) {
      expect(lineKeys(result)).not.toContain('events:when');
      expect(sent(result)[0]!.lines.find((l) => l.key === 'events:whenDays')!.params).toEqual(params);
    }
    const tr = await createTranslator(localesDir);
    expect(tr.t('ja', 'events:whenDays', params)).toBe('12月5日(土) 13:30〜12月6日(日) 15:30');
    expect(tr.t('ja-x-easy', 'events:whenDays', params)).toBe('12月5日(土) 13:30〜12月6日(日) 15:30');
    expect(tr.t('en', 'events:whenDays', params)).toMatch(/December 5.*1:30.*December 6.*3:30/);
  });

  it('an event within one day keeps the short form', async () => {
    const result = run(stateAt('events', 'choose'), postback('ev=list'), makeCtx({ events: demoEvents() }));
    const line = sent(result)[0]!.lines.find((l) => l.key === 'events:when')!;
    const tr = await createTranslator(localesDir);
    expect(tr.t('ja', line.key, line.params)).toBe('12月5日(土) 13:30〜15:30');
  });
});
