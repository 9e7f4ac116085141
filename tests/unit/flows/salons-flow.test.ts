// Under test: the salons flow (list by district, next sessions, details, follow with consent) through the real
// engine with the demo profile's salons; only the context is faked (fixed now: Tue 24 Nov 2026 10:00 JST).
import { describe, expect, it } from 'vitest';
import { buttonData, converse, lineKeys, makeCtx, councilView, patches, postback, run, sent, stateAt } from './flow-test-kit';

const demo = councilView();
const withDemoDistricts = { ...demo, districts: [{ code: 'kaigan', name: { ja: '海岸地区', en: 'Kaigan', 'ja-x-easy': 'かいがん' } }, { code: 'shiomidai', name: { ja: '汐見台地区', en: 'Shiomidai', 'ja-x-easy': 'しおみだい' } }] };
const kaiganResident = { consent: 'granted' as const, districtCode: 'kaigan', onboarded: true };

describe('finding a salon', () => {
  it('lists the salons of the stored district with each one next session', () => {
    const result = run(null, postback('menu=events'), makeCtx({ resident: kaiganResident, council: withDemoDistricts }));
    expect(result.state).toMatchObject({ flowId: 'salons', step: 'list', data: { district: 'kaigan' } });
    expect(buttonData(result)).toEqual(['sl=kaigan-ikiiki', 'sl=kaigan-kodomo', 'sl=other']);
    const sessions = sent(result)[0]!.lines.filter((l) => l.key === 'salons:session');
    // 2nd and 4th Tuesday 10:00–12:00: today (24 Nov, the 4th Tuesday) is the next one for 海岸いきいきサロン.
    expect(sessions[0]!.params).toEqual({ start: Date.parse('2026-11-24T01:00:00Z'), end: Date.parse('2026-11-24T03:00:00Z') });
  });

  it('without a stored district asks for one first', () => {
    const result = run(null, postback('menu=events'), makeCtx({ council: withDemoDistricts }));
    expect(result.state?.step).toBe('district');
  });

  it('a salon page shows the next three sessions (skipping the cancelled 22 Dec) and the details', () => {
    const result = run(stateAt('salons', 'list', { district: 'kaigan' }), postback('sl=kaigan-ikiiki'), makeCtx({ resident: kaiganResident, council: withDemoDistricts }));
    const lines = sent(result)[0]!.lines;
    const starts = lines.filter((l) => l.key === 'salons:session').map((l) => new Date(Number(l.params!.start)).toISOString());
    expect(starts).toEqual(['2026-11-24T01:00:00.000Z', '2026-12-08T01:00:00.000Z', '2027-01-12T01:00:00.000Z']);
    expect(lineKeys(result)).toEqual(expect.arrayContaining(['salons:place', 'salons:fee', 'salons:bring', 'salons:accessibility', 'salons:contact', 'salons:followAsk']));
  });
});

describe('following', () => {
  it('with consent, following stores the salon and says so; following again stops', () => {
    const ctx = makeCtx({ resident: kaiganResident, council: withDemoDistricts });
    const turns = converse([postback('sl=kaigan-ikiiki'), postback('sd=follow'), postback('sd=follow')], { state: stateAt('salons', 'list', { district: 'kaigan' }), ctx });
    expect(patches(turns[1]!.result)).toEqual([{ salons: ['kaigan-ikiiki'] }]);
    expect(lineKeys(turns[1]!.result)[0]).toBe('salons:followed');
    expect(patches(turns[2]!.result)).toEqual([{ salons: [] }]);
  });

  it('without consent asks for it first; a no stores nothing', () => {
    const ctx = makeCtx({ council: withDemoDistricts });
    const yes = converse([postback('sd=follow'), postback('c=yes')], { state: stateAt('salons', 'detail', { district: 'kaigan', salon: 'kaigan-kodomo' }), ctx });
    expect(yes[0]!.result.state?.step).toBe('consent');
    expect(patches(yes[1]!.result)).toEqual([expect.objectContaining({ consent: 'granted', salons: ['kaigan-kodomo'] })]);
    const no = converse([postback('sd=follow'), postback('c=no')], { state: stateAt('salons', 'detail', { district: 'kaigan', salon: 'kaigan-kodomo' }), ctx });
    expect(patches(no[1]!.result)).toEqual([]);
    expect(lineKeys(no[1]!.result)[0]).toBe('salons:notFollowed');
  });
});
