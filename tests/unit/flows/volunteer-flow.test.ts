// Under test: the volunteer section (register after consent with skills, days, times and insurance; the summary
// with fixes; a registered volunteer's pause, resume, edit and leaving) through the real engine; only the context
// is faked (fixed now: Tue 24 Nov 2026 10:00 JST, fiscal year 2026).
import { describe, expect, it } from 'vitest';
import type { Effect, FlowContext, FlowState } from '../../../src/flows/engine/types';
import { buttonData, chipData, converse, demoVolunteer, isMainMenu, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text } from './flow-test-kit';

const granted = { consent: 'granted' as const, onboarded: true };
const volunteerEffects = (effects: Effect[]) => effects.filter((e) => e.type === 'saveVolunteer' || e.type === 'setVolunteerStatus');
const datePicked = (date: string) => ({ kind: 'postback' as const, data: 've=date', params: { date } });

describe('registering', () => {
  it('asks consent first, then every question, and saves the registration from the summary', () => {
    const turns = converse(
      [
        postback('menu=volunteer'), postback('vo=register'), postback('c=yes'), text('山田　花子'), text('０９０－１２３４－５６７８'), postback('d=area02'),
        postback('vs=listening'), postback('vs=sign_language'), postback('vs=done'), postback('vd=tue'), postback('vd=sat'), postback('vd=done'),
        postback('vt=am'), postback('vt=pm'), postback('vt=done'), postback('vi=disaster'), datePicked('2026-05-01'), postback('vc=yes'),
      ],
    );
    expect(buttonData(turns[0]!.result)).toEqual(['vo=register', 'vo=request']);
    expect(lineKeys(turns[1]!.result)[0]).toBe('volunteer:consentNeeded');
    expect(patches(turns[2]!.result)[0]).toMatchObject({ consent: 'granted' });
    const summary = sent(turns[16]!.result)[0]!;
    expect(summary.lines.map((l) => l.key)).toEqual([
      'volunteer:confirm.title', 'volunteer:summary.name', 'volunteer:summary.phone', 'volunteer:summary.district', 'volunteer:summary.skills', 'volunteer:summary.when',
      'volunteer:weekday.tue', 'volunteer:weekday.sat', 'volunteer:part.am', 'volunteer:part.pm', 'volunteer:summary.insured.disaster',
    ]);
    const done = turns[17]!.result;
    expect(done.state).toBeNull();
    expect(volunteerEffects(done.effects)).toEqual([
      {
        type: 'saveVolunteer',
        volunteer: {
          name: '山田 花子', phone: '09012345678', districtCode: 'area02', skills: ['listening', 'sign_language'],
          availability: { tue: ['am', 'pm'], sat: ['am', 'pm'] }, insurance: { fiscalYear: 2026, plan: 'disaster', enrolledOn: '2026-05-01' }, status: 'active',
        },
      },
    ]);
    expect(lineKeys(done)[0]).toBe('volunteer:confirm.registered');
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it('a tapped option shows ✓ and a second tap removes it; "done" needs at least one', () => {
    const ctx = makeCtx({ resident: granted });
    const turns = converse([postback('vs=escort'), postback('vs=escort'), postback('vs=done')], { state: stateAt('volunteer', 'skills', { draft: {} }), ctx });
    expect(sent(turns[0]!.result)[0]!.chips!.find((c) => c.kind === 'postback' && c.data === 'vs=escort')!.label).toEqual({ key: 'common:literal', params: { text: '✓ 送迎・付き添い' } });
    expect(turns[1]!.result.state?.data).toEqual({ draft: { skills: [] } });
    expect(lineKeys(turns[2]!.result)[0]).toBe('volunteer:chooseOne');
    expect(turns[2]!.result.state?.step).toBe('skills');
    expect(chipData(turns[0]!.result)).toContain('vs=done');
  });

  it('without insurance the registration is saved uninsured, with advice on where to enrol', () => {
    const result = run(stateAt('volunteer', 'insurance', { draft: { name: 'A', skills: ['listening'], days: ['mon'], parts: ['am'] } }), postback('vi=none'), makeCtx({ resident: granted }));
    expect(result.state?.step).toBe('confirm');
    const done = run(result.state, postback('vc=yes'), makeCtx({ resident: granted }));
    expect(volunteerEffects(done.effects)[0]).toMatchObject({ type: 'saveVolunteer', volunteer: { insurance: null } });
    expect(lineKeys(done)).toContain('volunteer:confirm.insuranceAdvice');
  });

  it('an enrolment date outside this fiscal year, or in the future, is refused; "I don\'t know" counts the whole year', () => {
    const state = stateAt('volunteer', 'enrolled', { draft: { plan: 'basic' } });
    for (const date of ['2026-03-31', '2026-11-25']) {
      const wrong = run(state, datePicked(date), makeCtx({ resident: granted }));
      expect(lineKeys(wrong)[0]).toBe('volunteer:enrolled.invalid');
    }
    expect(run(state, datePicked('2026-04-01'), makeCtx({ resident: granted })).state?.data).toMatchObject({ draft: { enrolledOn: '2026-04-01' } });
    expect(run(state, postback('ve=unknown'), makeCtx({ resident: granted })).state?.data).toMatchObject({ draft: { enrolledOn: null } });
  });

  it('fixing the days goes through the times of day too, then back to the summary', () => {
    const draft = { name: 'A', skills: ['listening'], days: ['mon'], parts: ['am'], plan: 'none' };
    const turns = converse([postback('vc=fix'), postback('vf=days'), postback('vd=fri'), postback('vd=done'), postback('vt=evening'), postback('vt=done')], { state: stateAt('volunteer', 'confirm', { draft }), ctx: makeCtx({ resident: granted }) });
    expect(turns.map((t) => t.result.state?.step)).toEqual(['fix', 'days', 'days', 'parts', 'parts', 'confirm']);
    expect(turns[5]!.result.state?.data).toMatchObject({ draft: { days: ['mon', 'fri'], parts: ['am', 'evening'] } });
  });

  it('declining consent registers nothing', () => {
    const result = run(stateAt('volunteer', 'consent'), postback('c=no'), makeCtx());
    expect(volunteerEffects(result.effects)).toEqual([]);
    expect(patches(result)).toEqual([]);
    expect(lineKeys(result)[0]).toBe('volunteer:consentDeclined');
  });
});

describe('a registered volunteer', () => {
  const ctx = (overrides = {}) => makeCtx({ resident: granted, volunteer: demoVolunteer(overrides) });

  it('sees their registration with change, pause and leave', () => {
    const result = run(null, postback('menu=volunteer'), ctx());
    expect(result.state?.step).toBe('home');
    expect(lineKeys(result).slice(0, 2)).toEqual(['volunteer:home.active', 'volunteer:summary.name']);
    expect(buttonData(result)).toEqual(['vh=edit', 'vh=pause', 'vh=leave']);
  });

  it('pauses and resumes', () => {
    const paused = run(stateAt('volunteer', 'home'), postback('vh=pause'), ctx());
    expect(volunteerEffects(paused.effects)).toEqual([{ type: 'setVolunteerStatus', status: 'paused' }]);
    const resumed = run(stateAt('volunteer', 'home'), postback('vh=pause'), ctx({ status: 'paused' }));
    expect(volunteerEffects(resumed.effects)).toEqual([{ type: 'setVolunteerStatus', status: 'active' }]);
    expect(lineKeys(resumed)[0]).toBe('volunteer:home.resumedNow');
  });

  it('edits from their current details and saves the change', () => {
    const turns = converse([postback('vh=edit'), postback('vf=skills'), postback('vs=reading'), postback('vs=done'), postback('vc=yes')], { state: stateAt('volunteer', 'home'), ctx: ctx() });
    expect(turns[0]!.result.state?.data).toMatchObject({ editing: true, draft: { name: '山田 花子', days: ['sat'], parts: ['am'], plan: 'basic', enrolledOn: '2026-05-01' } });
    expect(lineKeys(turns[3]!.result)[0]).toBe('volunteer:confirm.titleEdit');
    expect(volunteerEffects(turns[4]!.result.effects)[0]).toMatchObject({ type: 'saveVolunteer', volunteer: { skills: ['listening', 'reading'], availability: { sat: ['am'] } } });
    expect(lineKeys(turns[4]!.result)[0]).toBe('volunteer:confirm.changed');
  });

  it('leaves after confirming; one who left can register again', () => {
    const left = run(stateAt('volunteer', 'leave'), postback('vl=yes'), ctx());
    expect(volunteerEffects(left.effects)).toEqual([{ type: 'setVolunteerStatus', status: 'left' }]);
    expect(run(stateAt('volunteer', 'leave'), postback('vl=no'), ctx()).state?.step).toBe('home');
    expect(run(null, postback('menu=volunteer'), ctx({ status: 'left' })).state?.step).toBe('intro');
  });
});

describe('asking for help', () => {
  const requestEffects = (effects: Effect[]) => effects.filter((e) => e.type === 'submitVolunteerRequest');

  it('asks consent first, then who, what, where (a LINE location), when, how many, notes and contact, and sends it with a reference number', () => {
    const turns = converse([
      postback('menu=volunteer'), postback('vo=request'), postback('c=yes'), postback('rq=person'), postback('rk=escort'), postback('d=area03'),
      { kind: 'location', messageId: 'm1', latitude: 35.44, longitude: 139.64, address: '横浜市港区海岸通1-2' },
      { kind: 'postback', data: 'rd=date', params: { date: '2026-12-05' } }, postback('rp=pm'), postback('rn=2'), text('車いすです。病院までの付き添い'), postback('rc=line'), postback('ry=send'),
    ]);
    expect(lineKeys(turns[1]!.result)[0]).toBe('volunteer:request.consentNeeded');
    expect(turns[2]!.result.state?.step).toBe('requestWho');
    const summary = sent(turns[11]!.result)[0]!.lines.map((l) => l.key);
    expect(summary).toEqual([
      'volunteer:request.confirm.title', 'volunteer:request.summary.person', 'volunteer:request.summary.kind', 'volunteer:summary.district', 'volunteer:request.summary.address',
      'volunteer:request.summary.date', 'volunteer:part.pm', 'volunteer:request.summary.people', 'volunteer:request.summary.notes', 'volunteer:summary.lineOnly',
    ]);
    const done = turns[12]!.result;
    expect(requestEffects(done.effects)).toEqual([
      {
        type: 'submitVolunteerRequest',
        request: {
          referenceNo: expect.stringMatching(/^V-261124-[2-9A-Z]{4}$/), requesterType: 'person', orgName: null, kind: 'escort', districtCode: 'area03',
          address: '横浜市港区海岸通1-2', location: { latitude: 35.44, longitude: 139.64, address: '横浜市港区海岸通1-2' }, date: '2026-12-05', part: 'pm', people: 2,
          notes: '車いすです。病院までの付き添い', phone: null,
        },
      },
    ]);
    const reference = (requestEffects(done.effects)[0] as Extract<Effect, { type: 'submitVolunteerRequest' }>).request.referenceNo;
    expect(sent(done)[0]!.lines[0]).toEqual({ key: 'volunteer:request.confirm.received', params: { referenceNo: reference } });
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it('an organisation gives its name; a date today or too far ahead is refused', () => {
    const ctx = makeCtx({ resident: granted });
    expect(run(stateAt('volunteer', 'requestWho'), postback('rq=organisation'), ctx).state?.step).toBe('requestOrg');
    const state = stateAt('volunteer', 'requestDate', { request: {} });
    for (const date of ['2026-11-24', '2027-02-23']) expect(lineKeys(run(state, { kind: 'postback', data: 'rd=date', params: { date } }, ctx))[0]).toBe('volunteer:request.date.invalid');
    expect(run(state, { kind: 'postback', data: 'rd=date', params: { date: '2027-02-22' } }, ctx).state?.step).toBe('requestPart');
  });

  it('fixing the number of people returns to the summary; stopping sends nothing', () => {
    const request = { requester: 'person', kind: 'listening', district: null, date: '2026-12-01', part: 'any', people: 1, notes: null, phone: null };
    const ctx = makeCtx({ resident: granted });
    const turns = converse([postback('ry=fix'), postback('rf=requestPeople'), postback('rn=4')], { state: stateAt('volunteer', 'requestConfirm', { request }), ctx });
    expect(turns[2]!.result.state).toMatchObject({ step: 'requestConfirm', data: { request: { people: 4 } } });
    const stopped = run(stateAt('volunteer', 'requestConfirm', { request }), postback('ry=stop'), ctx);
    expect(requestEffects(stopped.effects)).toEqual([]);
    expect(lineKeys(stopped)[0]).toBe('volunteer:request.confirm.stopped');
  });
});

describe('answering an invitation', () => {
  const invitation = (overrides: Partial<FlowContext['invitations'][number]> = {}): FlowContext['invitations'][number] => ({
    id: 'inv-1', requestId: 'req-1', status: 'invited', people: 2, accepted: 1, open: true, kind: 'escort', date: '2026-12-05', referenceNo: 'V-261124-ABCD', ...overrides,
  });
  const answer = (data: string, inv = invitation(), state: FlowState | null = null) => run(state, postback(data), makeCtx({ resident: granted, invitations: [inv] }));
  const answers = (effects: Effect[]) => effects.filter((e) => e.type === 'answerInvitation');

  it('accepting takes a place while one is left; when none is, the volunteer is told the places are filled', () => {
    const taken = answer('va=accept&i=inv-1');
    expect(answers(taken.effects)).toEqual([{ type: 'answerInvitation', invitationId: 'inv-1', answer: 'accept', expected: 'accepted' }]);
    expect(lineKeys(taken)).toEqual(['volunteer:invitation.accepted']);
    const full = answer('va=accept&i=inv-1', invitation({ accepted: 2 }));
    expect(answers(full.effects)).toEqual([{ type: 'answerInvitation', invitationId: 'inv-1', answer: 'accept', expected: 'filled' }]);
    expect(lineKeys(full)).toEqual(['volunteer:invitation.filled']);
  });

  it('declining is recorded; a second tap on an answered invitation changes nothing and says so', () => {
    expect(answers(answer('va=decline&i=inv-1').effects)).toEqual([{ type: 'answerInvitation', invitationId: 'inv-1', answer: 'decline', expected: 'declined' }]);
    const again = answer('va=accept&i=inv-1', invitation({ status: 'declined' }));
    expect(answers(again.effects)).toEqual([]);
    expect(lineKeys(again)).toEqual(['volunteer:invitation.already.declined']);
    expect(lineKeys(answer('va=accept&i=other'))).toEqual(['volunteer:invitation.unknown']);
  });

  it('in the middle of a flow the answer is taken and the flow asks its question again, state kept', () => {
    const state = stateAt('events', 'choose');
    const result = answer('va=accept&i=inv-1', invitation(), state);
    expect(result.state).toEqual(state);
    expect(lineKeys(result)).toEqual(['volunteer:invitation.accepted', 'events:choose.prompt']);
  });
});
