// Under test: checking in by the day's code through the real engine — a member expected today with cover (checked in,
// the orientation as the reply), twice (answered again, written once), walk-ins where the centre takes them, and the
// refused (no cover, not expected, not in the pool) told what to do and flagged; codes of other days and unknown
// codes. Only the context is faked (the demo centre: today's code TODAY123).
import { describe, expect, it } from 'vitest';
import type { MyApplication } from '../../../src/domain/disaster/centre';
import type { DisasterEffect } from '../../../src/flows/disaster/module-context';
import { demoCentre, demoMember, disasterRunning, isMainMenu, lastMessage, lineKeys, makeCtx, moduleEffects, run, sent, stateAt, text } from './flow-test-kit';

const ctxWith = (over: Parameters<typeof disasterRunning>[0] = {}) => makeCtx({ resident: { consent: 'granted', onboarded: true }, disaster: disasterRunning({ member: demoMember(), ...over }) });
const effects = (r: ReturnType<typeof run>) => moduleEffects<DisasterEffect>(r.effects, 'disaster');
const today = (over: Partial<MyApplication> = {}): MyApplication => ({ id: 'a-today', dayId: 'day-today', date: '2026-11-24', status: 'reconfirmed', position: 1, replyBy: null, checkedInAt: null, ...over });
const ORIENTATION = ['disaster:checkIn.person', 'disaster:checkIn.safety', 'disaster:checkIn.heat', 'disaster:checkIn.bring', 'disaster:checkIn.waitAt'];

describe('checking in by code', () => {
  it('the poster message checks in an expected member with cover, answering with the orientation', () => {
    for (const status of ['reconfirmed', 'chosen'] as const) {
      const result = run(null, text('受付 TODAY123'), ctxWith({ applications: [today({ status })] }));
      expect(effects(result)).toEqual([{ type: 'checkIn', dayId: 'day-today', memberId: 'member-1', outcome: 'in' }]);
      expect(lineKeys(result)).toEqual(['disaster:checkIn.done', ...ORIENTATION]);
      expect(sent(result)[0]!.lines.slice(1)).toEqual([
        { key: 'disaster:checkIn.person', params: { name: '佐藤 一郎' } },
        { key: 'disaster:checkIn.safety', params: { text: '2人以上で動き、屋根・2階以上・壁の撤去はしません。ケガはすぐリーダーへ。' } },
        { key: 'disaster:checkIn.heat', params: { text: '15分作業したら15分休み、水分を15分ごとに。気分が悪いときはすぐ休みます。' } },
        { key: 'disaster:checkIn.bring', params: { text: '長靴、軍手とゴム手袋、マスク、タオル、飲み物、着替え。' } },
        { key: 'disaster:checkIn.waitAt', params: { text: '受付のあと、テント前のベンチでお待ちください。' } },
      ]);
    }
  });

  it('a typed code in lower case works too, and a flow in progress keeps its state', () => {
    const state = stateAt('volunteer', 'name');
    const result = run(state, text('today123'), ctxWith({ applications: [today()] }));
    expect(effects(result)).toHaveLength(1);
    expect(result.state).toEqual(state);
  });

  it('sending the code again answers again and writes nothing', () => {
    const result = run(null, text('受付 TODAY123'), ctxWith({ applications: [today({ checkedInAt: new Date('2026-11-24T09:40:00+09:00') })] }));
    expect(effects(result)).toEqual([]);
    expect(lineKeys(result)).toEqual(['disaster:checkIn.already', ...ORIENTATION]);
  });

  it('a group is greeted by its name, its leader and its size', () => {
    const result = run(null, text('受付 TODAY123'), ctxWith({ member: demoMember({ kind: 'group', groupName: '港ボランティア会', size: 5 }), applications: [today()] }));
    expect(sent(result)[0]!.lines[1]).toEqual({ key: 'disaster:checkIn.group', params: { group: '港ボランティア会', name: '佐藤 一郎', size: 5 } });
  });

  it('walks in where the centre takes walk-ins: with no application, or one that took no place', () => {
    const walkIns = demoCentre({ walkIns: true });
    expect(effects(run(null, text('受付 TODAY123'), ctxWith({ centre: walkIns })))).toEqual([{ type: 'checkIn', dayId: 'day-today', memberId: 'member-1', outcome: 'walkIn' }]);
    expect(effects(run(null, text('受付 TODAY123'), ctxWith({ centre: walkIns, applications: [today({ status: 'waitlisted' })] })))[0]).toMatchObject({ outcome: 'walkIn' });
  });

  it('a member without cover today is told where to enrol and to see the desk, and flagged', () => {
    const result = run(null, text('受付 TODAY123'), ctxWith({ member: demoMember({ cover: { plan: 'basic', enrolledOn: '2026-05-01' } }), applications: [today()] }));
    expect(effects(result)).toEqual([{ type: 'checkIn', dayId: 'day-today', memberId: 'member-1', outcome: 'flag' }]);
    expect(lineKeys(result)).toEqual(['disaster:checkIn.problem', 'disaster:cover.notDisasterPlan', 'disaster:cover.where', 'disaster:checkIn.toDesk']);
    expect(sent(result)[0]!.buttons).toEqual([{ kind: 'uri', label: { key: 'disaster:cover.enrol' }, uri: 'https://www.fukushihoken.co.jp/fukushi/volunteer/' }]);
  });

  it('a member not expected today is sent to the desk and flagged; as a would-be walk-in where walk-ins are taken', () => {
    const refused = run(null, text('受付 TODAY123'), ctxWith({ applications: [today({ status: 'waitlisted' })] }));
    expect(effects(refused)).toEqual([{ type: 'checkIn', dayId: 'day-today', memberId: 'member-1', outcome: 'flag' }]);
    expect(lineKeys(refused)).toEqual(['disaster:checkIn.problem', 'disaster:checkIn.notExpected', 'disaster:checkIn.toDesk']);
    const uncoveredWalkIn = run(null, text('受付 TODAY123'), ctxWith({ centre: demoCentre({ walkIns: true }), member: demoMember({ cover: { plan: null, enrolledOn: null } }) }));
    expect(effects(uncoveredWalkIn)).toEqual([{ type: 'checkIn', dayId: 'day-today', memberId: 'member-1', outcome: 'flagWalkIn' }]);
  });

  it('someone not in the pool is asked to join, and nothing is written', () => {
    const result = run(null, text('受付 TODAY123'), ctxWith({ member: null }));
    expect(effects(result)).toEqual([]);
    expect(lineKeys(result)).toEqual(['disaster:checkIn.notMember']);
  });

  it("another day's code says which day it is for", () => {
    const result = run(null, text('受付 SAT11280'), ctxWith());
    expect(effects(result)).toEqual([]);
    expect(sent(result)[0]!.lines).toEqual([{ key: 'disaster:checkIn.otherDay', params: { date: Date.parse('2026-11-28T00:00:00+09:00') } }]);
  });

  it('the word with an unknown code (or none) says how to check in; a bare text that is no code is not ours', () => {
    expect(lineKeys(run(null, text('受付 ZZZZ9999'), ctxWith()))[0]).toBe('disaster:checkIn.unknownCode');
    expect(lineKeys(run(null, text('受付'), ctxWith()))[0]).toBe('disaster:checkIn.noCode');
    const bare = run(null, text('HELLO'), ctxWith());
    expect(isMainMenu(lastMessage(bare))).toBe(true);
  });

  it('no centre running: a code is an ordinary text', () => {
    const result = run(null, text('受付 TODAY123'), makeCtx({ resident: { consent: 'granted', onboarded: true }, disaster: disasterRunning({ centre: null }) }));
    expect(effects(result)).toEqual([]);
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });
});
