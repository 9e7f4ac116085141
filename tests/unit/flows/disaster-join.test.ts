// Under test: joining a running centre's pool (the disasterJoin flow) through the real engine — consent, individual
// or group, where from, skills, days over two weeks (date picker, several, or every day), phone, emergency contact
// and insurance with the cover check, the summary and its fixes, a registered volunteer's answers filled in, and
// changing an entry. Only the context is faked (the demo centre and settings at a fixed now).
import { describe, expect, it } from 'vitest';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { DisasterEffect } from '../../../src/flows/disaster/module-context';
import { buttonData, chipData, converse, demoMember, disasterRunning, lineKeys, makeCtx, moduleEffects, patches, postback, run, sent, stateAt, text, type Turn } from './flow-test-kit';

const picked = (data: string, date: string): InboundInput => ({ kind: 'postback', data, params: { date } });
const ctxWith = (over: Parameters<typeof disasterRunning>[0] = {}, consent: 'granted' | 'pending' = 'granted') => makeCtx({ resident: { consent, onboarded: true }, disaster: disasterRunning(over) });
const last = (turns: Turn[]) => turns.at(-1)!.result;
const saved = (turns: Turn[]) => turns.flatMap((t) => moduleEffects<DisasterEffect>(t.result.effects, 'disaster')).filter((e) => e.type === 'saveMember');

describe('a new volunteer joins', () => {
  const answers: InboundInput[] = [
    postback('dz=join'), postback('c=yes'), postback('dzk=individual'), text('鈴木 一郎'), postback('dzo=outside'), postback('dzs=truck'), postback('dzs=chainsaw'), postback('dzs=truck'), postback('dzs=done'),
    picked('dzd=date', '2026-11-29'), picked('dzd=date', '2026-11-28'), postback('dzd=done'), text('０９０-１２３４-５６７８'), text('鈴木 花子 090-2222-3333'), postback('dzi=disaster'), picked('dze=date', '2026-06-01'),
  ];

  it('after consent, each question in turn, then the summary saying the insurance covers today', () => {
    const turns = converse(answers, { ctx: ctxWith({}, 'pending') });
    expect(patches(turns[1]!.result)).toEqual([expect.objectContaining({ consent: 'granted' })]);
    expect(turns.map((t) => t.result.state?.step)).toEqual(['consent', 'kind', 'name', 'origin', 'skills', 'skills', 'skills', 'skills', 'dates', 'dates', 'dates', 'phone', 'emergency', 'plan', 'enrolled', 'confirm']);
    expect(lineKeys(last(turns))).toContain('disaster:summary.covered');
    expect(saved(turns)).toEqual([]);
  });

  it('saves the entry when confirmed, and offers the dates open now', () => {
    const turns = converse([...answers, postback('dzc=yes')], { ctx: ctxWith({}, 'pending') });
    expect(last(turns).state).toBeNull();
    expect(saved(turns)).toEqual([
      {
        type: 'saveMember',
        centreId: 'centre-1',
        member: {
          kind: 'individual', name: '鈴木 一郎', groupName: null, size: 1, origin: 'outside', skills: ['chainsaw'], availableDates: ['2026-11-28', '2026-11-29'],
          phone: '09012345678', emergencyContact: '鈴木 花子 090-2222-3333', cover: { plan: 'disaster', enrolledOn: '2026-06-01' }, volunteerId: null,
        },
      },
    ]);
    expect(lineKeys(last(turns))).toEqual(['disaster:confirm.joined']);
    expect(buttonData(last(turns))).toEqual(['dz=apply', 'dz=menu']);
  });

  it('a group gives its name and size, and its leader is asked for', () => {
    const turns = converse([postback('dz=join'), postback('dzk=group'), text('港ボランティア会'), text('１２人'), text('山田 太郎')], { ctx: ctxWith() });
    expect(turns.map((t) => t.result.state?.step)).toEqual(['kind', 'groupName', 'size', 'name', 'origin']);
    expect(lineKeys(turns[3]!.result)).toEqual(['disaster:join.name.promptLeader']);
    expect(last(turns).state?.data.draft).toMatchObject({ kind: 'group', groupName: '港ボランティア会', size: 12, name: '山田 太郎' });
  });

  it('"every day" takes today and the next 13 days', () => {
    const result = run(stateAt('disasterJoin', 'dates', { draft: {} }), postback('dzd=every'), ctxWith());
    expect(result.state?.step).toBe('phone');
    const dates = (result.state?.data.draft as { dates: string[] }).dates;
    expect(dates).toHaveLength(14);
    expect([dates[0], dates.at(-1)]).toEqual(['2026-11-24', '2026-12-07']);
  });

  it('a chosen day shows as a chip that removes it; a day past two weeks is refused', () => {
    const chosen = run(stateAt('disasterJoin', 'dates', { draft: {} }), picked('dzd=date', '2026-11-28'), ctxWith());
    expect(chipData(chosen)).toContain('dzd=2026-11-28');
    const removed = run(chosen.state, postback('dzd=2026-11-28'), ctxWith());
    expect(removed.state?.data.draft).toEqual({ dates: [] });
    const far = run(chosen.state, picked('dzd=date', '2026-12-08'), ctxWith());
    expect(lineKeys(far)[0]).toBe('disaster:join.dates.outOfRange');
    expect(far.state?.data).toEqual(chosen.state?.data);
  });

  it('an emergency contact without a phone number is asked for again', () => {
    const result = run(stateAt('disasterJoin', 'emergency', { draft: {} }), text('妻'), ctxWith());
    expect(result.state?.step).toBe('emergency');
    expect(lineKeys(result)[0]).toBe('disaster:join.emergency.invalid');
  });
});

describe('without cover', () => {
  const base = { kind: 'individual', name: '鈴木 一郎', origin: 'local', skills: [], dates: ['2026-11-28'], phone: '09012345678', emergencyContact: '鈴木 花子 090-2222-3333' };

  it.each([
    ['not insured yet', { plan: 'none', enrolledOn: null }, 'disaster:cover.none'],
    ['the basic plan', { plan: 'basic', enrolledOn: '2026-05-01' }, 'disaster:cover.notDisasterPlan'],
    ['enrolled today', { plan: 'disaster', enrolledOn: '2026-11-24' }, 'disaster:cover.notYet'],
    ['enrolled last fiscal year', { plan: 'disaster', enrolledOn: '2025-06-01' }, 'disaster:cover.expired'],
  ])('%s: told plainly why and where to enrol, and joins all the same', (_what, insurance, reason) => {
    const state = stateAt('disasterJoin', 'confirm', { draft: { ...base, ...insurance } });
    expect(lineKeys(run(state, postback('g=lang&to=ja'), ctxWith()))).toEqual(expect.arrayContaining([reason, 'disaster:cover.where']));
    const result = run(state, postback('dzc=yes'), ctxWith());
    expect(moduleEffects<DisasterEffect>(result.effects, 'disaster').map((e) => e.type)).toEqual(['saveMember']);
    expect(lineKeys(result)).toEqual(['disaster:confirm.joined', 'disaster:confirm.joinedUncovered', reason, 'disaster:cover.where']);
    expect(sent(result)[0]!.buttons).toContainEqual({ kind: 'uri', label: { key: 'disaster:cover.enrol' }, uri: 'https://www.fukushihoken.co.jp/fukushi/volunteer/' });
  });

  it('enrolled today is covered under the large-disaster exception', () => {
    const state = stateAt('disasterJoin', 'confirm', { draft: { ...base, plan: 'disaster', enrolledOn: '2026-11-24' } });
    const ctx = ctxWith({ centre: { ...disasterRunning().centre!, sameDayCover: true } });
    expect(lineKeys(run(state, postback('dzc=yes'), ctx))).toEqual(['disaster:confirm.joined']);
  });
});

describe('a registered volunteer joins', () => {
  const volunteer = { id: 'vol-1', name: '山田 花子', phone: '09012345678', skills: ['listening', 'truck'] };

  it('name, phone and the skills on the disaster list are filled in: name and phone are not asked', () => {
    const turns = converse([postback('dz=join'), postback('dzk=individual'), postback('dzo=local'), postback('dzs=done'), postback('dzd=every'), text('山田 次郎 090-9999-0000'), postback('dzi=none')], { ctx: ctxWith({ volunteer }) });
    expect(lineKeys(turns[0]!.result)[0]).toBe('disaster:join.prefilled');
    expect(turns.map((t) => t.result.state?.step)).toEqual(['kind', 'origin', 'skills', 'dates', 'emergency', 'plan', 'confirm']);
    expect(last(turns).state?.data.draft).toMatchObject({ name: '山田 花子', phone: '09012345678', skills: ['truck'], volunteerId: 'vol-1' });
  });
});

describe('the summary', () => {
  const draft = { kind: 'individual', name: '鈴木 一郎', origin: 'local', skills: [], dates: ['2026-11-28'], phone: '09012345678', emergencyContact: '鈴木 花子 090-2222-3333', plan: 'none', enrolledOn: null };

  it('fixes one answer and comes back; becoming a group asks its name and size first', () => {
    const turns = converse([postback('dzc=fix'), postback('dzf=kind'), postback('dzk=group'), text('港ボランティア会'), postback('dzn=3')], { state: stateAt('disasterJoin', 'confirm', { draft }), ctx: ctxWith() });
    expect(turns.map((t) => t.result.state?.step)).toEqual(['fix', 'kind', 'groupName', 'size', 'confirm']);
    expect(last(turns).state?.data.draft).toMatchObject({ kind: 'group', groupName: '港ボランティア会', size: 3, name: '鈴木 一郎' });
  });

  it('insured after a fix asks the date, then goes back', () => {
    const turns = converse([postback('dzc=fix'), postback('dzf=plan'), postback('dzi=disaster'), picked('dze=date', '2026-06-01')], { state: stateAt('disasterJoin', 'confirm', { draft }), ctx: ctxWith() });
    expect(turns.map((t) => t.result.state?.step)).toEqual(['fix', 'plan', 'enrolled', 'confirm']);
  });

  it('no: nothing is saved', () => {
    const result = run(stateAt('disasterJoin', 'confirm', { draft }), postback('dzc=no'), ctxWith());
    expect(result.state).toBeNull();
    expect(moduleEffects(result.effects, 'disaster')).toEqual([]);
  });
});

describe('joining again edits the entry', () => {
  it('a member starts at their summary and a change saves the whole entry again', () => {
    const member = demoMember();
    const turns = converse([postback('dz=entry'), postback('dzc=fix'), postback('dzf=phone'), text('080-5555-6666'), postback('dzc=yes')], { ctx: ctxWith({ member }) });
    expect(lineKeys(turns[0]!.result)[0]).toBe('disaster:confirm.titleEdit');
    expect(saved(turns)).toEqual([{ type: 'saveMember', centreId: 'centre-1', member: expect.objectContaining({ name: '佐藤 一郎', phone: '08055556666', availableDates: ['2026-11-28'], cover: { plan: 'disaster', enrolledOn: '2026-05-01' } }) }]);
    expect(lineKeys(last(turns))[0]).toBe('disaster:confirm.changed');
  });

  it('the centre closed while they answered: nothing is saved', () => {
    const result = run(stateAt('disasterJoin', 'confirm', { draft: { name: 'x' } }), postback('dzc=yes'), makeCtx({ resident: { consent: 'granted' }, disaster: disasterRunning({ centre: null }) }));
    expect(moduleEffects(result.effects, 'disaster')).toEqual([]);
    expect(lineKeys(result)[0]).toBe('disaster:closed');
  });
});
