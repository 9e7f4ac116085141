// Under test: asking a running disaster centre for help (the disasterNeed flow) through the real engine — consent,
// for whom (a proxy's questions), address and pin, damage and work (multi-select), what volunteers cannot do (ticked
// or in their words: told at once with the referral, the rest still sent), photos, who lives there, days, contact,
// notes, the summary and a fix, the saved need; 「依頼の状況」 typed and tapped; the follow-up's answers; drill marks.
// Only the context is faked (the demo centre and settings at a fixed now).
import { describe, expect, it } from 'vitest';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { DisasterEffect } from '../../../src/flows/disaster/module-context';
import { buttonData, chipData, converse, demoCentre, disasterRunning, handoffs, image, lineKeys, location, makeCtx, moduleEffects, patches, postback, run, sent, stateAt, text, type Turn } from './flow-test-kit';

const ctxWith = (over: Parameters<typeof disasterRunning>[0] = {}, consent: 'granted' | 'pending' = 'granted') => makeCtx({ resident: { consent, onboarded: true }, disaster: disasterRunning(over) });
const last = (turns: Turn[]) => turns.at(-1)!.result;
const effects = (turns: Turn[]) => turns.flatMap((t) => moduleEffects<DisasterEffect>(t.result.effects, 'disaster'));
const picked = (date: string): InboundInput => ({ kind: 'postback', data: 'dnt=date', params: { date } });

/** A resident's own home, with a pin, mud and roof work (屋根 in その他), a photo, an elderly household. */
const own: InboundInput[] = [
  postback('dz=need'), postback('dnr=self'), text('つなぐ市海岸町1丁目2-3'), location, postback('dnd=floodAbove'), postback('dnd=done'),
  postback('dnw=mud'), postback('dnw=other'), postback('dnw=done'), text('屋根のブルーシート張り'), postback('dnx=none'), image, postback('dns=photos'),
  postback('dnh=elderly'), postback('dnh=done'), picked('2026-11-28'), postback('dnt=done'), postback('dnc=phone'), text('090-1234-5678'), postback('dns=notes'),
];

describe('a resident asks for help with their own home', () => {
  it('asks each question in turn and reaches the summary', () => {
    const turns = converse(own, { ctx: ctxWith() });
    expect(turns.map((t) => t.result.state?.step)).toEqual([
      'relation', 'address', 'pin', 'damage', 'damage', 'work', 'work', 'work', 'workOther', 'cannotDo', 'photos', 'photos', 'households', 'households', 'dates', 'dates', 'contact', 'phone', 'notes', 'confirm',
    ]);
    expect(structuredClone(last(turns).state)).toEqual(last(turns).state);
  });

  it('tells at once that roof work is not the volunteers\' and where to turn, then goes on', () => {
    const turns = converse(own.slice(0, 10), { ctx: ctxWith() });
    const told = sent(last(turns)).flatMap((m) => m.lines);
    expect(told.map((l) => l.key)).toEqual(expect.arrayContaining(['disasterNeed:screening.lead', 'disasterNeed:screening.rule', 'disasterNeed:screening.rest']));
    expect(told.find((l) => l.key === 'disasterNeed:screening.rule')?.params).toMatchObject({ name: '屋根の上の作業' });
    expect(last(turns).state?.step).toBe('cannotDo');
    // Ticking the same rule again does not tell it twice.
    const again = run(last(turns).state, postback('dnx=roof'), ctxWith());
    const next = run(again.state, postback('dnx=done'), ctxWith());
    expect(lineKeys(next)).not.toContain('disasterNeed:screening.lead');
  });

  it('saves the need when sent, with its reference number and an honest word on when the centre will be in touch', () => {
    const turns = converse([...own, postback('dnk=yes')], { ctx: ctxWith() });
    expect(last(turns).state).toBeNull();
    const saves = effects(turns).filter((e) => e.type === 'saveNeed');
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({
      centreId: 'centre-1',
      need: {
        relation: 'self', householdName: null, address: 'つなぐ市海岸町1丁目2-3', location: { latitude: 35.44, longitude: 139.64 }, damage: ['floodAbove'], work: ['mud', 'other'],
        workOther: '屋根のブルーシート張り', screening: ['roof'], photoMessageIds: ['msg-2'], households: ['elderly'], preferredDates: ['2026-11-28'], anyDay: false, contactMethod: 'phone', phone: '09012345678',
      },
    });
    const ref = (saves[0] as Extract<DisasterEffect, { type: 'saveNeed' }>).need.referenceNo;
    expect(ref).toMatch(/^N-261124-[A-Z0-9]{4}$/);
    expect(lineKeys(last(turns))).toEqual(['disasterNeed:saved.title', 'disasterNeed:saved.screened', 'disasterNeed:saved.when', 'disasterNeed:saved.status', 'disasterNeed:saved.urgent']);
    expect(buttonData(last(turns))).toEqual(['dz=needs', 'dz=menu']);
  });

  it('the summary lets an answer be changed, then comes back', () => {
    const turns = converse([...own, postback('dnk=fix'), postback('dnz=contact'), postback('dnc=line')], { ctx: ctxWith() });
    expect(turns.slice(-3).map((t) => t.result.state?.step)).toEqual(['fix', 'contact', 'confirm']);
    expect(last(turns).state?.data.draft).toMatchObject({ contactMethod: 'line', phone: null });
  });
});

describe('other paths', () => {
  it('asks for consent first, and records it', () => {
    const turns = converse([postback('dz=need'), postback('c=yes')], { ctx: ctxWith({}, 'pending') });
    expect(turns.map((t) => t.result.state?.step)).toEqual(['consent', 'relation']);
    expect(patches(turns[1]!.result)).toEqual([expect.objectContaining({ consent: 'granted' })]);
  });

  it('a neighbour gives the household\'s name and phone and their own name; without address or pin nothing is guessed', () => {
    const turns = converse(
      [postback('dz=need'), postback('dnr=neighbour'), text('山田 ハナ'), text('045-111-2222'), text('佐藤 次郎'), postback('dns=address'), postback('dns=pin'), postback('dnd=none'), postback('dnw=cleaning'), postback('dnw=done'),
        postback('dnx=none'), postback('dns=photos'), postback('dnh=none'), postback('dnt=any'), postback('dnc=phone'), postback('dnp=0451112222'), postback('dns=notes'), postback('dnk=yes')],
      { ctx: ctxWith() },
    );
    expect(turns.slice(1, 5).map((t) => t.result.state?.step)).toEqual(['householdName', 'householdPhone', 'reporterName', 'address']);
    const save = effects(turns).find((e) => e.type === 'saveNeed') as Extract<DisasterEffect, { type: 'saveNeed' }>;
    expect(save.need).toMatchObject({ relation: 'neighbour', householdName: '山田 ハナ', householdPhone: '0451112222', reporterName: '佐藤 次郎', address: null, location: null, anyDay: true, preferredDates: [], phone: '0451112222', screening: [] });
  });

  it('offers the pin as LINE\'s location picker', () => {
    const r = run(stateAt('disasterNeed', 'address', { draft: { relation: 'self' } }), text('海岸町1-2-3'), ctxWith());
    expect(r.state?.step).toBe('pin');
    expect(sent(r).at(-1)!.chips?.[0]).toMatchObject({ kind: 'location' });
  });

  it('with no centre running, says so', () => {
    const r = run(null, postback('dz=need'), makeCtx({ resident: { consent: 'granted', onboarded: true }, disaster: disasterRunning({ centre: null }) }));
    expect(r.state).toBeNull();
  });

  it('marks every message 【訓練】 during a drill', () => {
    const r = run(null, postback('dz=need'), ctxWith({ centre: demoCentre({ drill: true }) }));
    expect(sent(r).every((m) => m.lines[0]?.key === 'disaster:drilled')).toBe(true);
  });
});

describe('依頼の状況', () => {
  const place = { relation: 'self' as const, householdName: null, address: '海岸町1-2-3', location: null };
  const needs = [
    { id: 'need-1', referenceNo: 'N-261120-ABCD', status: 'scheduled' as const, scheduledOn: '2026-11-28', ...place },
    { id: 'need-2', referenceNo: 'N-261121-EFGH', status: 'received' as const, scheduledOn: null, ...place },
    { id: 'need-0', referenceNo: 'N-261101-DONE', status: 'done' as const, scheduledOn: null, ...place },
  ];

  it('typed 状況 lists every open need with its status in わたしの申し込み, keeping a flow in progress at a tap step', () => {
    const state = stateAt('disasterJoin', 'kind', { draft: {} });
    const r = run(state, text('状況'), ctxWith({ needs }));
    expect(r.state?.step).toBe('kind');
    expect(sent(r)).toHaveLength(1);
    expect(sent(r)[0]!.lines[0]).toEqual({ key: 'myRequests:title', params: { count: 2 } });
    const items = sent(r)[0]!.lines.filter((l) => l.key === 'disasterNeed:status.item');
    // Open needs only: the one done is not listed.
    expect(items.map((l) => l.params)).toEqual([expect.objectContaining({ reference: 'N-261120-ABCD', status: 'scheduled' }), expect.objectContaining({ reference: 'N-261121-EFGH', status: 'received' })]);
  });

  it('typed at a step that takes free text, the words are the answer (a name, here)', () => {
    const state = stateAt('disasterJoin', 'name', { draft: {} });
    const r = run(state, text('状況'), ctxWith({ needs }));
    expect(lineKeys(r)).not.toContain('myRequests:title');
  });

  it('marks each need 【訓練】 during a drill', () => {
    const r = run(null, text('状況'), ctxWith({ needs, centre: demoCentre({ drill: true }) }));
    const items = sent(r)[0]!.lines.filter((l) => l.key === 'disaster:drilled');
    expect(items.map((l) => l.params?.drillKey)).toEqual(['disasterNeed:status.item', 'disasterNeed:status.item']);
  });

  it('tapped from the disaster menu; none yet offers 手伝ってほしい', () => {
    const r = run(null, postback('dz=needs'), ctxWith({ needs: [] }));
    expect(lineKeys(r)).toEqual(['disasterNeed:status.none']);
    expect(buttonData(r)).toEqual(['dz=need', 'dz=menu']);
    for (const word of ['依頼の状況', 'どうなった?', 'わたしの申し込み']) expect(lineKeys(run(null, text(word), ctxWith({ needs })))).toContain('disasterNeed:status.item');
  });

  it('lists no needs while no centre runs (nothing open: the menu)', () => {
    const r = run(null, text('状況'), makeCtx({ resident: { consent: 'granted', onboarded: true }, disaster: disasterRunning({ centre: null }) }));
    expect(lineKeys(r)).not.toContain('disasterNeed:status.item');
    expect(lineKeys(r)[0]).toBe('myRequests:none');
  });
});

describe('the follow-up after 完了', () => {
  it('もう大丈夫です thanks them and notes it on the need', () => {
    const r = run(null, postback('dn=fine&n=need-1'), ctxWith());
    expect(moduleEffects<DisasterEffect>(r.effects, 'disaster')).toEqual([{ type: 'noteNeed', needId: 'need-1', note: 'follow-up: fine' }]);
    expect(lineKeys(r)).toEqual(['disasterNeed:followUp.fine']);
  });

  it('まだ手伝いが必要です starts a new request, saying so', () => {
    const r = run(null, postback('dn=more&n=need-1'), ctxWith());
    expect(r.state).toMatchObject({ flowId: 'disasterNeed', step: 'relation' });
    expect(lineKeys(r)).toContain('disasterNeed:followUp.more');
  });

  it('まだ手伝いが必要です for a need of theirs starts from its household and place, at what happened', () => {
    const done = { id: 'need-0', referenceNo: 'N-261101-DONE', status: 'done' as const, scheduledOn: null, relation: 'neighbour' as const, householdName: '山田 ハナ', address: '海岸町1-2-3', location: { latitude: 35.4, longitude: 139.6 } };
    const r = run(null, postback('dn=more&n=need-0'), ctxWith({ needs: [done] }));
    expect(r.state).toMatchObject({ flowId: 'disasterNeed', step: 'damage', data: { draft: { relation: 'neighbour', householdName: '山田 ハナ', address: '海岸町1-2-3', location: { latitude: 35.4, longitude: 139.6 } } } });
    expect(lineKeys(r).slice(0, 2)).toEqual(['disasterNeed:followUp.more', 'disasterNeed:followUp.same']);
  });

  it('相談したい hands the conversation to staff', () => {
    const r = run(null, postback('dn=talk&n=need-1'), ctxWith());
    expect(handoffs(r)).toHaveLength(1);
    expect(chipData(r)).not.toContain('dn=talk');
  });
});
