// Under test: applying for dates (the disasterApply flow) and answers about an offered place (参加します /
// 行けなくなりました) from anywhere, through the real engine. Only the context is faked (the demo centre at a fixed now:
// Sat 28 and Sun 29 Nov open for applications, today's window closed).
import { describe, expect, it } from 'vitest';
import type { MyApplication } from '../../../src/domain/disaster/centre';
import type { DisasterEffect } from '../../../src/flows/disaster/module-context';
import { buttonData, chipData, converse, demoCentre, demoMember, disasterRunning, lineKeys, makeCtx, moduleEffects, postback, run, sent, stateAt, text } from './flow-test-kit';

const member = demoMember();
const ctxWith = (over: Parameters<typeof disasterRunning>[0] = {}) => makeCtx({ resident: { consent: 'granted', onboarded: true }, disaster: disasterRunning({ member, ...over }) });
const effects = (r: ReturnType<typeof run>) => moduleEffects<DisasterEffect>(r.effects, 'disaster');
const app = (over: Partial<MyApplication>): MyApplication => ({ id: 'a-sat', dayId: 'day-sat', date: '2026-11-28', status: 'applied', position: null, replyBy: null, checkedInAt: null, ...over });

describe('applying for dates', () => {
  it('offers every date open now and says the time of applying gives no advantage', () => {
    const result = run(null, postback('dz=apply'), ctxWith());
    expect(result.state).toMatchObject({ flowId: 'disasterApply', step: 'pick' });
    expect(lineKeys(result)).toEqual(['disaster:apply.prompt', 'disaster:notFirstCome', 'disaster:menu.day', 'disaster:menu.day']);
    expect(chipData(result).slice(0, 2)).toEqual(['dzp=day-sat', 'dzp=day-sun']);
    expect(buttonData(result)).toEqual(['dzp=done', 'dzp=edit']);
  });

  it('picks several dates and applies for them at once', () => {
    const turns = converse([postback('dz=apply'), postback('dzp=day-sat'), postback('dzp=day-sun'), postback('dzp=day-sun'), postback('dzp=day-sun'), postback('dzp=done')], { ctx: ctxWith() });
    const done = turns.at(-1)!.result;
    expect(done.state).toBeNull();
    expect(effects(done)).toEqual([{ type: 'apply', centreId: 'centre-1', dayIds: ['day-sat', 'day-sun'] }]);
    expect(lineKeys(done)).toEqual(['disaster:apply.done', 'disaster:apply.doneDay', 'disaster:apply.doneDay', 'disaster:apply.results', 'disaster:notFirstCome']);
  });

  it('does not offer a date applied for already, and says so when every open date is', () => {
    const once = run(null, postback('dz=apply'), ctxWith({ applications: [app({})] }));
    expect(chipData(once)).not.toContain('dzp=day-sat');
    expect(chipData(once)).toContain('dzp=day-sun');
    const all = run(null, postback('dz=apply'), ctxWith({ applications: [app({}), app({ id: 'a-sun', dayId: 'day-sun', date: '2026-11-29' })] }));
    expect(all.state).toBeNull();
    expect(lineKeys(all)).toEqual(['disaster:apply.allApplied']);
  });

  it('a date whose window closed meanwhile is not applied for', () => {
    const state = stateAt('disasterApply', 'pick', { picked: ['day-sat'] });
    const closed = demoCentre();
    closed.days[1] = { ...closed.days[1]!, closesAt: new Date('2026-11-24T00:00:00+09:00') };
    const result = run(state, postback('dzp=done'), ctxWith({ centre: closed }));
    expect(effects(result)).toEqual([]);
    expect(lineKeys(result)).toEqual(['disaster:apply.closedMeanwhile']);
  });

  it('nothing picked: asked again', () => {
    const result = run(stateAt('disasterApply', 'pick', { picked: [] }), postback('dzp=done'), ctxWith());
    expect(result.state?.step).toBe('pick');
    expect(lineKeys(result)[0]).toBe('disaster:apply.chooseOne');
  });

  it('a paused centre takes no applications; someone not in the pool joins first', () => {
    expect(lineKeys(run(null, postback('dz=apply'), ctxWith({ centre: demoCentre({ status: 'paused' }) })))).toEqual(['disaster:menu.paused']);
    const newcomer = run(null, postback('dz=apply'), ctxWith({ member: null }));
    expect(lineKeys(newcomer)[0]).toBe('disaster:apply.joinFirst');
    expect(newcomer.state).toMatchObject({ flowId: 'disasterJoin', step: 'kind' });
  });
});

describe('an offered place, answered from anywhere', () => {
  const offered = app({ status: 'chosen', position: 2, replyBy: new Date('2026-11-27T18:00:00+09:00') });
  const date = Date.parse('2026-11-28T00:00:00+09:00');

  it('参加します before the deadline takes it, and a flow in progress asks its question again', () => {
    const result = run(stateAt('disasterJoin', 'phone', { draft: {} }), postback('dz=ok&a=a-sat'), ctxWith({ applications: [offered] }));
    expect(effects(result)).toEqual([{ type: 'reconfirm', applicationId: 'a-sat' }]);
    expect(lineKeys(result)).toEqual(['disaster:place.taken', 'disaster:join.phone.prompt']);
    expect(result.state).toMatchObject({ flowId: 'disasterJoin', step: 'phone' });
  });

  it('after the deadline, or once given back, is refused: the deadline passed', () => {
    for (const a of [{ ...offered, replyBy: new Date('2026-11-24T09:59:59+09:00') }, { ...offered, status: 'released' as const }]) {
      const result = run(null, postback('dz=ok&a=a-sat'), ctxWith({ applications: [a] }));
      expect(effects(result)).toEqual([]);
      expect(sent(result)[0]!.lines).toEqual([{ key: 'disaster:place.late', params: { date } }]);
    }
  });

  it('taking a place twice writes nothing the second time', () => {
    const result = run(null, postback('dz=ok&a=a-sat'), ctxWith({ applications: [{ ...offered, status: 'reconfirmed' }] }));
    expect(effects(result)).toEqual([]);
    expect(lineKeys(result)).toEqual(['disaster:place.already']);
  });

  it('行けなくなりました asks once more, then gives the place back', () => {
    const asked = run(null, postback('dz=cancel&a=a-sat'), ctxWith({ applications: [offered] }));
    expect(effects(asked)).toEqual([]);
    expect(buttonData(asked)).toEqual(['dz=release&a=a-sat', 'dz=mine']);
    const released = run(null, postback('dz=release&a=a-sat'), ctxWith({ applications: [offered] }));
    expect(effects(released)).toEqual([{ type: 'giveBack', applicationId: 'a-sat' }]);
    expect(lineKeys(released)).toEqual(['disaster:place.released']);
  });

  it('an application not among the member\'s is unknown', () => {
    const result = run(null, postback('dz=ok&a=someone-else'), ctxWith({ applications: [offered] }));
    expect(effects(result)).toEqual([]);
    expect(lineKeys(result)).toEqual(['disaster:place.unknown']);
  });

  it('typed words are no answer', () => {
    expect(run(null, text('参加します'), ctxWith({ applications: [offered] })).effects.some((e) => e.type === 'module')).toBe(false);
  });
});
