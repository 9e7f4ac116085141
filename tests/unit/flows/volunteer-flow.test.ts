// Under test: the volunteer section (register after consent with skills, days, times and insurance; the summary
// with fixes; a registered volunteer's pause, resume, edit and leaving) through the real engine; only the context
// is faked (fixed now: Tue 24 Nov 2026 10:00 JST, fiscal year 2026).
import { describe, expect, it } from 'vitest';
import { renderOutMessages } from '../../../src/bot/render/render-message';
import { insuranceCovers } from '../../../src/domain/volunteer';
import type { CouncilView, Effect, FlowState, StepResult } from '../../../src/flows/engine/types';
import { buttonData, chipData, localized, converse, councilView, demoVolunteer, isMainMenu, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, moduleEffects } from './flow-test-kit';
import type { VolunteerEffect, VolunteersContext } from '../../../src/flows/volunteer/module-context';

const granted = { consent: 'granted' as const, onboarded: true };
const ownEffects = (effects: Effect[]) => moduleEffects<VolunteerEffect>(effects, 'volunteers');
const volunteerEffects = (effects: Effect[]) => ownEffects(effects).filter((e) => e.type === 'saveVolunteer' || e.type === 'setVolunteerStatus');
const datePicked = (date: string) => ({ kind: 'postback' as const, data: 've=date', params: { date } });
const saved = (effects: Effect[]) => (volunteerEffects(effects).find((e) => e.type === 'saveVolunteer') as Extract<VolunteerEffect, { type: 'saveVolunteer' }> | undefined)?.volunteer;
/** Renders what a result sends, the way LINE gets it (with a translator that returns the key): throws where LINE would refuse. */
const rendered = (result: StepResult) => renderOutMessages(sent(result), (key) => key);

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

  it('on 1 April (Japan time) the enrolment date picker is still valid for LINE, and only 1 April itself is accepted', () => {
    const aprilFirst = makeCtx({ resident: granted, now: new Date('2026-03-31T15:30:00Z') }); // 1 Apr 2026, 00:30 JST
    const asked = run(stateAt('volunteer', 'insurance', { draft: { name: 'A' } }, { ageMs: 0 }), postback('vi=basic'), aprilFirst);
    expect(asked.state?.step).toBe('enrolled');
    const picker = sent(asked)[0]!.buttons!.find((b) => b.kind === 'datePicker');
    expect(picker).toMatchObject({ max: '2026-04-01', initial: '2026-04-01' });
    expect(picker).not.toHaveProperty('min');
    // The renderer applies LINE's rule (max after min); it threw "max must be after min" here before.
    const line = JSON.stringify(rendered(asked));
    expect(line).toMatch(/"type":"datetimepicker","label":"[^"]+","data":"ve=date","mode":"date","initial":"2026-04-01","max":"2026-04-01"}/);
    const state = asked.state;
    for (const date of ['2026-03-31', '2026-04-02']) expect(lineKeys(run(state, datePicked(date), aprilFirst))[0]).toBe('volunteer:enrolled.invalid');
    expect(run(state, datePicked('2026-04-01'), aprilFirst).state).toMatchObject({ step: 'confirm', data: { draft: { plan: 'basic', enrolledOn: '2026-04-01', insuranceYear: 2026 } } });
  });

  it('on any other day the picker runs from 1 April to today', () => {
    const asked = run(stateAt('volunteer', 'insurance', { draft: { name: 'A' } }), postback('vi=disaster'), makeCtx({ resident: granted }));
    expect(sent(asked)[0]!.buttons!.find((b) => b.kind === 'datePicker')).toMatchObject({ min: '2026-04-01', max: '2026-11-24', initial: '2026-11-24' });
    expect(() => rendered(asked)).not.toThrow();
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

  it('sees their registration with change, pause and leave, and can ask for help too', () => {
    const result = run(null, postback('menu=volunteer'), ctx());
    expect(result.state?.step).toBe('home');
    expect(lineKeys(result).slice(0, 2)).toEqual(['volunteer:home.active', 'volunteer:summary.name']);
    expect(buttonData(result)).toEqual(['vh=edit', 'vh=pause', 'vh=leave', 'vh=request']);
  });

  it('asks for help like anyone else and sends the request, the registration untouched', () => {
    const turns = converse(
      [
        postback('menu=volunteer'), postback('vh=request'), postback('rq=person'), postback('rk=heavy_work'), postback('d=area03'), postback('rw=skip'),
        { kind: 'postback', data: 'rd=date', params: { date: '2026-12-05' } }, postback('rp=am'), postback('rn=1'), postback('rx=skip'), postback('rc=line'), postback('ry=send'),
      ],
      { ctx: ctx() },
    );
    expect(turns[1]!.result.state?.step).toBe('requestWho');
    const done = turns.at(-1)!.result;
    expect(ownEffects(done.effects).filter((e) => e.type === 'submitVolunteerRequest')).toEqual([
      expect.objectContaining({ request: expect.objectContaining({ kind: 'heavy_work', date: '2026-12-05', people: 1 }) }),
    ]);
    expect(turns.flatMap((t) => volunteerEffects(t.result.effects))).toEqual([]);
  });

  it('a paused volunteer can ask for help too', () => {
    expect(buttonData(run(null, postback('menu=volunteer'), ctx({ status: 'paused' })))).toContain('vh=request');
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

  it("last year's insurance is shown with its own year and is not saved as this year's when the details are edited", () => {
    const lastYear = { insurance: { fiscalYear: 2025, plan: 'basic' as const, enrolledOn: '2025-06-01' } };
    const home = run(null, postback('menu=volunteer'), ctx(lastYear));
    expect(sent(home)[0]!.lines).toContainEqual({ key: 'volunteer:summary.insured.basic', params: { year: 2025 } });
    const turns = converse([postback('vh=edit'), postback('vf=skills'), postback('vs=reading'), postback('vs=done'), postback('vc=yes')], { state: stateAt('volunteer', 'home'), ctx: ctx(lastYear) });
    expect(sent(turns[3]!.result)[0]!.lines).toContainEqual({ key: 'volunteer:summary.insured.basic', params: { year: 2025 } });
    const volunteer = saved(turns[4]!.result.effects)!;
    expect(volunteer.insurance).toEqual({ fiscalYear: 2025, plan: 'basic', enrolledOn: '2025-06-01' });
    // Matching asks whether the insurance covers the request's date: last year's does not.
    expect(insuranceCovers(volunteer.insurance, '2026-12-05')).toBe(false);
    expect(lineKeys(turns[4]!.result)).toContain('volunteer:confirm.insuranceAdvice');
  });

  it("answering the insurance question again while editing makes it this year's", () => {
    const lastYear = { insurance: { fiscalYear: 2025, plan: 'basic' as const, enrolledOn: '2025-06-01' } };
    const turns = converse([postback('vh=edit'), postback('vf=insurance'), postback('vi=disaster'), datePicked('2026-10-01'), postback('vc=yes')], { state: stateAt('volunteer', 'home'), ctx: ctx(lastYear) });
    expect(sent(turns[3]!.result)[0]!.lines).toContainEqual({ key: 'volunteer:summary.insured.disaster', params: { year: 2026 } });
    const volunteer = saved(turns[4]!.result.effects)!;
    expect(volunteer.insurance).toEqual({ fiscalYear: 2026, plan: 'disaster', enrolledOn: '2026-10-01' });
    expect(insuranceCovers(volunteer.insurance, '2026-12-05', true)).toBe(true);
    expect(lineKeys(turns[4]!.result)).not.toContain('volunteer:confirm.insuranceAdvice');
  });

  it("this year's insurance is kept as it was when other details are edited", () => {
    const turns = converse([postback('vh=edit'), postback('vf=name'), text('山田 はな'), postback('vc=yes')], { state: stateAt('volunteer', 'home'), ctx: ctx() });
    expect(saved(turns[3]!.result.effects)).toMatchObject({ name: '山田 はな', insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-05-01' } });
  });

  it('editing the details of a paused registration keeps it paused; an active one stays active', () => {
    const edit = [postback('vh=edit'), postback('vf=skills'), postback('vs=reading'), postback('vs=done'), postback('vc=yes')];
    const paused = converse(edit, { state: stateAt('volunteer', 'home'), ctx: ctx({ status: 'paused' }) });
    expect(saved(paused[4]!.result.effects)).toMatchObject({ skills: ['listening', 'reading'], status: 'paused' });
    const active = converse(edit, { state: stateAt('volunteer', 'home'), ctx: ctx() });
    expect(saved(active[4]!.result.effects)).toMatchObject({ status: 'active' });
  });

  it('leaves after confirming; one who left can register again', () => {
    const left = run(stateAt('volunteer', 'leave'), postback('vl=yes'), ctx());
    expect(volunteerEffects(left.effects)).toEqual([{ type: 'setVolunteerStatus', status: 'left' }]);
    expect(run(stateAt('volunteer', 'leave'), postback('vl=no'), ctx()).state?.step).toBe('home');
    expect(run(null, postback('menu=volunteer'), ctx({ status: 'left' })).state?.step).toBe('intro');
  });
});

describe('asking for help', () => {
  const requestEffects = (effects: Effect[]) => ownEffects(effects).filter((e) => e.type === 'submitVolunteerRequest');

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
    const reference = (requestEffects(done.effects)[0] as Extract<VolunteerEffect, { type: 'submitVolunteerRequest' }>).request.referenceNo;
    expect(sent(done)[0]!.lines[0]).toEqual({ key: 'volunteer:request.confirm.received', params: { referenceNo: reference } });
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it("uses the requester's known district, says why a request asks for it, and offers to change it", () => {
    const ctx = makeCtx({ resident: { ...granted, districtCode: 'area04' } });
    const turns = converse([postback('menu=volunteer'), postback('vo=request'), postback('rq=person'), postback('rk=escort')], { ctx });
    const ask = turns[3]!.result;
    expect(ask.state?.step).toBe('requestDistrict');
    expect(sent(ask).flatMap((m) => m.lines).find((l) => l.key === 'common:district.known')?.params).toEqual({ district: '第4地区' });
    expect(lineKeys(ask)).toContain('volunteer:request.districtWhy');
    expect(lineKeys(ask)).not.toContain('onboarding:district.why');
    expect(buttonData(ask)).toEqual(['d=area04', 'dchange=1']);
    const changed = converse([postback('dchange=1'), postback('d=area07')], { state: ask.state, ctx });
    expect(changed[1]!.result.state).toMatchObject({ step: 'requestPlace', data: { request: { district: 'area07' } } });
  });

  it('an organisation gives its name; a date today or too far ahead is refused', () => {
    const ctx = makeCtx({ resident: granted });
    expect(run(stateAt('volunteer', 'requestWho'), postback('rq=organisation'), ctx).state?.step).toBe('requestOrg');
    const state = stateAt('volunteer', 'requestDate', { request: {} });
    for (const date of ['2026-11-24', '2027-02-23']) expect(lineKeys(run(state, { kind: 'postback', data: 'rd=date', params: { date } }, ctx))[0]).toBe('volunteer:request.date.invalid');
    expect(run(state, { kind: 'postback', data: 'rd=date', params: { date: '2027-02-22' } }, ctx).state?.step).toBe('requestPart');
  });

  it('a summary sent after its date has come closer than tomorrow asks for the date again, then returns to the summary', () => {
    // The clock is 24 November: a request for the 24th (chosen yesterday) can no longer be sent as it is.
    const request = { requester: 'person', kind: 'listening', district: null, date: '2026-11-24', part: 'am', people: 1, notes: null, phone: null };
    const ctx = makeCtx({ resident: granted });
    const sentLate = run(stateAt('volunteer', 'requestConfirm', { request }), postback('ry=send'), ctx);
    expect(requestEffects(sentLate.effects)).toEqual([]);
    expect(sentLate.state).toMatchObject({ step: 'requestDate', data: { fixing: true } });
    expect(lineKeys(sentLate).slice(0, 2)).toEqual(['volunteer:request.date.passed', 'volunteer:request.date.prompt']);
    const turns = converse([{ kind: 'postback', data: 'rd=date', params: { date: '2026-11-26' } }, postback('rp=am')], { state: sentLate.state, ctx });
    expect(turns[1]!.result.state).toMatchObject({ step: 'requestConfirm', data: { request: { date: '2026-11-26' } } });
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
  const invitation = (overrides: Partial<VolunteersContext['invitations'][number]> = {}): VolunteersContext['invitations'][number] => ({
    id: 'inv-1', requestId: 'req-1', status: 'invited', people: 2, accepted: 1, open: true, kind: 'escort', date: '2026-12-05', referenceNo: 'V-261124-ABCD', insured: true, ...overrides,
  });
  const answer = (data: string, inv = invitation(), state: FlowState | null = null) => run(state, postback(data), makeCtx({ resident: granted, invitations: [inv] }));
  const answers = (effects: Effect[]) => ownEffects(effects).filter((e) => e.type === 'answerInvitation');

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

describe('a council with many volunteer skills', () => {
  /** A council with `n` skills `s01`…`sNN`. */
  const withSkills = (n: number): CouncilView => ({
    ...councilView(),
    volunteerSkills: Array.from({ length: n }, (_, i) => {
      const code = `s${String(i + 1).padStart(2, '0')}`;
      const name = localized(`技能${i + 1}`, `Skill ${i + 1}`, `ぎのう${i + 1}`);
      return { code, name, label: name };
    }),
  });
  const skillChips = (data: string[]) => data.filter((d) => d.startsWith('vs=s'));
  const kindChips = (data: string[]) => data.filter((d) => d.startsWith('rk=s'));

  it.each([10, 11, 12, 13, 20])('with %i skills every page of the skills step fits LINE, keeps "done", menu and cancel, and all skills can be reached', (n) => {
    const ctx = makeCtx({ resident: granted, council: withSkills(n) });
    let result = run(stateAt('volunteer', 'district', { draft: {} }), postback('d=skip'), ctx);
    const seen: string[] = [];
    for (let page = 0; page < 5; page++) {
      expect(result.state?.step).toBe('skills');
      const data = chipData(result);
      expect(data.length).toBeLessThanOrEqual(13);
      expect(data).toEqual(expect.arrayContaining(['vs=done', 'g=menu', 'g=cancel']));
      expect(() => rendered(result)).not.toThrow();
      seen.push(...skillChips(data));
      const next = data.find((d) => /^vspage=\d+$/.test(d) && Number(d.split('=')[1]) > page);
      if (!next) break;
      result = run(result.state, postback(next), ctx);
    }
    expect(seen).toEqual(withSkills(n).volunteerSkills.map((s) => `vs=${s.code}`));
  });

  it('a skill chosen on the second page is kept, shown with ✓ there, and saved after "done"', () => {
    const ctx = makeCtx({ resident: granted, council: withSkills(13) });
    const turns = converse([postback('vspage=1'), postback('vs=s12'), postback('vspage=0'), postback('vs=s01'), postback('vs=done')], { state: stateAt('volunteer', 'skills', { draft: {} }), ctx });
    expect(chipData(turns[0]!.result)).toEqual(['vs=s09', 'vs=s10', 'vs=s11', 'vs=s12', 'vs=s13', 'vspage=0', 'vs=done', 'g=menu', 'g=cancel']);
    expect(sent(turns[1]!.result)[0]!.chips!.find((c) => c.kind === 'postback' && c.data === 'vs=s12')!.label).toEqual({ key: 'common:literal', params: { text: '✓ 技能12' } });
    expect(turns[1]!.result.state?.data).toMatchObject({ skillsPage: 1 });
    expect(turns[4]!.result.state).toMatchObject({ step: 'days', data: { draft: { skills: ['s12', 's01'] } } });
    expect(turns[4]!.result.state?.data).not.toHaveProperty('skillsPage');
  });

  it('the ten skills of the demo profile stay on one page, with no paging chips', () => {
    const result = run(stateAt('volunteer', 'district', { draft: {} }), postback('d=skip'), makeCtx({ resident: granted }));
    expect(chipData(result)).toHaveLength(13);
    expect(chipData(result).filter((d) => d.startsWith('vspage='))).toEqual([]);
    expect(chipData(result).slice(-3)).toEqual(['vs=done', 'g=menu', 'g=cancel']);
  });

  it.each([11, 12, 13, 20])('with %i skills every page of "what kind of help" fits LINE, keeps menu and cancel, and all kinds can be reached', (n) => {
    const ctx = makeCtx({ resident: granted, council: withSkills(n) });
    let result = run(stateAt('volunteer', 'requestWho', { request: {} }), postback('rq=person'), ctx);
    const seen: string[] = [];
    for (let page = 0; page < 5; page++) {
      expect(result.state?.step).toBe('requestKind');
      const data = chipData(result);
      expect(data.length).toBeLessThanOrEqual(13);
      expect(data).toEqual(expect.arrayContaining(['g=menu', 'g=cancel']));
      expect(() => rendered(result)).not.toThrow();
      seen.push(...kindChips(data));
      const next = data.find((d) => /^rkpage=\d+$/.test(d) && Number(d.split('=')[1]) > page);
      if (!next) break;
      result = run(result.state, postback(next), ctx);
    }
    expect(seen).toEqual(withSkills(n).volunteerSkills.map((s) => `rk=${s.code}`));
    const chosen = run(result.state, postback(`rk=s${String(n).padStart(2, '0')}`), ctx);
    expect(chosen.state).toMatchObject({ step: 'requestDistrict', data: { request: { kind: `s${String(n).padStart(2, '0')}` } } });
    expect(chosen.state?.data).not.toHaveProperty('kindPage');
  });
});

describe('reporting hours after an activity', () => {
  const accepted: VolunteersContext['invitations'][number] = { id: 'inv-1', requestId: 'req-1', status: 'accepted', people: 1, accepted: 1, open: false, kind: 'escort', date: '2026-11-21', referenceNo: 'V-261101-ABCD', insured: true };
  const ctx = makeCtx({ resident: granted, volunteer: demoVolunteer(), invitations: [accepted, { ...accepted, id: 'inv-2', referenceNo: 'V-261101-EFGH' }] });
  const reports = (effects: Effect[]) => ownEffects(effects).filter((e) => e.type === 'reportActivity');

  it('when idle, the hours are recorded and a short note is asked for', () => {
    const result = run(null, postback('vr=inv-1&h=3'), ctx);
    expect(reports(result.effects)).toEqual([{ type: 'reportActivity', invitationId: 'inv-1', hours: 3 }]);
    expect(lineKeys(result)).toEqual(['volunteer:report.recorded', 'volunteer:report.notePrompt']);
    expect(sent(result)[0]!.lines[0]).toEqual({ key: 'volunteer:report.recorded', params: { count: 3 } });
    expect(result.state).toMatchObject({ flowId: 'activityReport', step: 'note', data: { invitationId: 'inv-1' } });
  });

  it('"5 or more" is recorded as 5 and thanked as "5 hours or more"', () => {
    const result = run(null, postback('vr=inv-1&h=5'), ctx);
    expect(reports(result.effects)).toEqual([{ type: 'reportActivity', invitationId: 'inv-1', hours: 5 }]);
    expect(sent(result)[0]!.lines[0]).toEqual({ key: 'volunteer:report.recordedMany', params: { count: 5 } });
  });

  it('in the middle of another form, the hours are recorded and the form asks its question again with every answer kept', () => {
    const form = stateAt('volunteer', 'requestNotes', { request: { requester: 'person', kind: 'escort', district: 'area02', date: '2026-12-05', part: 'pm', people: 2 } });
    const result = run(form, postback('vr=inv-1&h=2'), ctx);
    expect(result.state).toEqual(form);
    expect(reports(result.effects)).toEqual([{ type: 'reportActivity', invitationId: 'inv-1', hours: 2 }]);
    expect(lineKeys(result)).toEqual(['volunteer:report.recorded', 'volunteer:request.notes.prompt']);
    expect(chipData(result)).toEqual(expect.arrayContaining(['g=menu', 'g=cancel']));
    // The form goes on from where it was.
    const next = run(result.state, text('車いすです'), ctx);
    expect(next.state).toMatchObject({ step: 'requestPhone', data: { request: { people: 2, notes: '車いすです' } } });
  });

  it('a report the volunteer cannot make in the middle of a form also keeps the form', () => {
    const form = stateAt('consultation', 'description', { description: ['母の物忘れが増えて'] });
    const result = run(form, postback('vr=other&h=2'), ctx);
    expect(result.state).toEqual(form);
    expect(reports(result.effects)).toEqual([]);
    expect(lineKeys(result)[0]).toBe('volunteer:report.unknown');
  });

  it('while a note for one report is still unasked, hours for another activity ask the note for that one', () => {
    const pending = stateAt('activityReport', 'note', { invitationId: 'inv-1' });
    const result = run(pending, postback('vr=inv-2&h=1'), ctx);
    expect(reports(result.effects)).toEqual([{ type: 'reportActivity', invitationId: 'inv-2', hours: 1 }]);
    expect(result.state).toMatchObject({ flowId: 'activityReport', step: 'note', data: { invitationId: 'inv-2' } });
  });

  it('after an expired form, the hours start the note as when idle', () => {
    const old = stateAt('volunteer', 'name', { draft: {} }, { ageMs: 31 * 60_000 });
    expect(run(old, postback('vr=inv-1&h=4'), ctx).state).toMatchObject({ flowId: 'activityReport', step: 'note' });
  });
});
