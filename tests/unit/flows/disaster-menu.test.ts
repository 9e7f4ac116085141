// Under test: the disaster module's gates through the real engine — disaster mode (the menu intent and a follow answered
// with the disaster menu only while a centre runs, a new friend onboarded with the centre's lead), the menu's taps,
// わたしの予定 and 受付, and the donation rule for the affected districts. Only the context is faked (a running demo
// centre at a fixed now, in-memory pool entries).
import { describe, expect, it } from 'vitest';
import type { ResidentView } from '../../../src/flows/engine/types';
import { buttonData, chipData, dataOf, demoCentre, demoMember, disasterRunning, follow, isMainMenu, lastMessage, lineKeys, MAIN_MENU_CHIPS, makeCtx, postback, run, sent, stateAt, text } from './flow-test-kit';

const onboarded = { consent: 'granted' as const, onboarded: true, districtCode: 'kaigan' };
const runningCtx = (over: Parameters<typeof disasterRunning>[0] = {}, resident: Partial<ResidentView> = onboarded) => makeCtx({ resident, disaster: disasterRunning(over) });
const MENU_BUTTONS = ['dz=need', 'dz=needs', 'dz=join', 'dz=mine', 'dz=desk', 'dz=main'];

describe('disaster mode', () => {
  it('answers the menu, typed or tapped, with the disaster menu while a centre runs, leaving a flow in progress', () => {
    for (const input of [text('メニュー'), postback('g=menu')]) {
      const result = run(stateAt('volunteer', 'name'), input, runningCtx());
      expect(result.state).toBeNull();
      expect(sent(result)).toHaveLength(1);
      expect(lineKeys(result)).toEqual(['disaster:menu.title', 'disaster:menu.recruiting', 'disaster:menu.day', 'disaster:menu.day', 'disaster:notFirstCome', 'disaster:menu.today', 'disaster:menu.prompt']);
      expect(buttonData(result)).toEqual(MENU_BUTTONS);
      expect(chipData(result)).toEqual(['g=staff']);
    }
  });

  it('lists the dates open now with their places and deadlines', () => {
    const result = run(null, text('メニュー'), runningCtx());
    const days = sent(result)[0]!.lines.filter((l) => l.key === 'disaster:menu.day');
    expect(days.map((l) => l.params)).toEqual([
      { date: Date.parse('2026-11-28T00:00:00+09:00'), capacity: 20, closes: Date.parse('2026-11-26T18:00:00+09:00') },
      { date: Date.parse('2026-11-29T00:00:00+09:00'), capacity: 20, closes: Date.parse('2026-11-27T18:00:00+09:00') },
    ]);
    expect(sent(result)[0]!.lines[0]).toEqual({ key: 'disaster:menu.title', params: { centre: 'つなぐ市災害ボランティアセンター' } });
  });

  it('says a paused centre takes no applications', () => {
    const result = run(null, text('メニュー'), runningCtx({ centre: demoCentre({ status: 'paused' }) }));
    expect(lineKeys(result)).toEqual(['disaster:menu.titlePaused', 'disaster:menu.paused', 'disaster:menu.today', 'disaster:menu.prompt']);
  });

  it('leaves the ordinary menu alone when no centre runs, or when the council has no disaster section', () => {
    for (const ctx of [makeCtx({ resident: onboarded }), makeCtx({ resident: onboarded, disaster: disasterRunning({ centre: null }) }), makeCtx({ resident: onboarded, disaster: disasterRunning({ settings: null }) })]) {
      const result = run(null, text('メニュー'), ctx);
      expect(isMainMenu(lastMessage(result))).toBe(true);
      expect(lineKeys(result).some((k) => k.startsWith('disaster:'))).toBe(false);
    }
  });

  it('leaves the menu to staff while they hold the conversation', () => {
    const ctx = { ...runningCtx(), thread: { id: 't1', owner: 'staff' as const, urgent: false, afterHoursNoticeOn: null, consented: true } };
    const result = run(null, postback('g=menu'), ctx);
    expect(lineKeys(result)).toEqual(['handoff:withStaff']);
  });

  it('greets a follow by an onboarded resident with the disaster menu', () => {
    const result = run(null, follow(true), runningCtx());
    expect(lineKeys(result)[0]).toBe('disaster:follow.welcomeBack');
    expect(buttonData(result)).toEqual(MENU_BUTTONS);
  });

  it('onboards a new friend as usual, after a line about the centre', () => {
    const result = run(null, follow(), runningCtx({}, {}));
    expect(result.state).toMatchObject({ flowId: 'onboarding', step: 'consent' });
    expect(sent(result)[0]!.lines).toEqual([{ key: 'disaster:follow.lead', params: { centre: 'つなぐ市災害ボランティアセンター' } }]);
    expect(lineKeys(result)).toContain('onboarding:greeting');
  });

  it('通常メニュー answers with the ordinary main menu, 手伝ってほしい first while the centre runs', () => {
    const result = run(null, postback('dz=main'), runningCtx());
    const menu = lastMessage(result);
    expect(dataOf(menu.chips)).toEqual(['dz=need', ...MAIN_MENU_CHIPS]);
    expect(isMainMenu({ ...menu, chips: menu.chips!.slice(1) })).toBe(true);
  });

  it('a tap from a centre that has closed gets the ordinary menu with a word that it closed', () => {
    const result = run(null, postback('dz=mine'), makeCtx({ resident: onboarded }));
    expect(result.state).toBeNull();
    expect(lineKeys(result)[0]).toBe('disaster:closed');
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('手伝いたい starts joining for a newcomer and applying for a member', () => {
    expect(run(null, postback('dz=join'), runningCtx()).state).toMatchObject({ flowId: 'disasterJoin', step: 'kind' });
    expect(run(null, postback('dz=join'), runningCtx({ member: demoMember() })).state).toMatchObject({ flowId: 'disasterApply', step: 'pick' });
    expect(run(null, postback('dz=entry'), runningCtx({ member: demoMember() })).state).toMatchObject({ flowId: 'disasterJoin', step: 'confirm', data: { editing: true } });
  });
});

describe('わたしの予定 and 受付', () => {
  const apps = [
    { id: 'a-sun', dayId: 'day-sun', date: '2026-11-29', status: 'waitlisted' as const, position: 3, replyBy: null, checkedInAt: null },
    { id: 'a-sat', dayId: 'day-sat', date: '2026-11-28', status: 'chosen' as const, position: 1, replyBy: new Date('2026-11-27T18:00:00+09:00'), checkedInAt: null },
  ];

  it('lists the dates in order, an offered place first among the buttons, and nothing to push', () => {
    const result = run(null, postback('dz=mine'), runningCtx({ member: demoMember(), applications: apps }));
    expect(lineKeys(result)).toEqual(['disaster:mine.title', 'disaster:mine.status.chosen', 'disaster:mine.status.waitlisted']);
    expect(buttonData(result)).toEqual(['dz=ok&a=a-sat', 'dz=cancel&a=a-sat', 'dz=cancel&a=a-sun', 'dz=apply']);
  });

  it('tells a member without cover where to enrol, with the online enrolment as a link', () => {
    const result = run(null, postback('dz=mine'), runningCtx({ member: demoMember({ cover: { plan: null, enrolledOn: null } }) }));
    expect(lineKeys(result)).toEqual(['disaster:mine.title', 'disaster:mine.none', 'disaster:cover.none', 'disaster:cover.where']);
    expect(sent(result)[0]!.buttons).toContainEqual({ kind: 'uri', label: { key: 'disaster:cover.enrol' }, uri: 'https://www.fukushihoken.co.jp/fukushi/volunteer/' });
  });

  it('受付 says how to check in, and whether they are expected today', () => {
    const today = { id: 'a-today', dayId: 'day-today', date: '2026-11-24', status: 'reconfirmed' as const, position: 1, replyBy: null, checkedInAt: null };
    expect(lineKeys(run(null, postback('dz=desk'), runningCtx({ member: demoMember(), applications: [today] })))).toEqual(['disaster:desk.how', 'disaster:desk.expected']);
    expect(lineKeys(run(null, postback('dz=desk'), runningCtx({ member: demoMember() })))).toEqual(['disaster:desk.how', 'disaster:desk.notExpected']);
    expect(lineKeys(run(null, postback('dz=desk'), runningCtx()))).toEqual(['disaster:desk.how', 'disaster:desk.joinFirst']);
  });
});

describe('donations while a centre runs', () => {
  it('tells residents of an affected district the rule, then opens the donation section', () => {
    const result = run(null, postback('menu=donate'), runningCtx());
    expect(sent(result)[0]!.lines).toEqual([{ key: 'disaster:donation.rule', params: { rule: '被災地区では、お金と、センターが掲げる品物だけを受け付けます。' } }]);
    expect(result.state).toMatchObject({ flowId: 'donate', step: 'kind' });
  });

  it('opens the donation section as usual elsewhere', () => {
    const result = run(null, postback('menu=donate'), runningCtx({}, { ...onboarded, districtCode: 'shiomidai' }));
    expect(lineKeys(result)).not.toContain('disaster:donation.rule');
    expect(result.state).toMatchObject({ flowId: 'donate', step: 'kind' });
  });
});
