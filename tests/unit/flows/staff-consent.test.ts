// Under test: asking for staff without consent to the privacy notice, through the real engine, flows and safety
// phrases: nothing the resident writes is forwarded for staff before they agree for that conversation; only the
// context (resident, thread, clock) is faked.
import { describe, expect, it } from 'vitest';
import type { ThreadView } from '../../../src/domain/thread';
import type { Effect, StepResult } from '../../../src/flows/engine/types';
import { ALL_LANGUAGES, buttonData, converse, handoffs, image, isMainMenu, lineKeys, location, makeCtx, patches, PHONE, postback, run, sent, stateAt, text } from './flow-test-kit';

const forwarded = (result: StepResult) => result.effects.filter((e): e is Extract<Effect, { type: 'forwardToStaff' }> => e.type === 'forwardToStaff');
const declined = makeCtx({ resident: { consent: 'declined' } });
const waiting: ThreadView = { id: 't1', owner: 'waiting', urgent: false, afterHoursNoticeOn: null, consented: false };

describe('asking for staff after declining consent', () => {
  it('hands nothing over yet: says what staff will see and keep, and asks to agree for this conversation', () => {
    const result = run(null, text('スタッフと話したい'), declined);
    expect(handoffs(result)).toEqual([]);
    expect(result.state).toMatchObject({ flowId: 'staffConsent', step: 'consent' });
    expect(lineKeys(result)).toEqual(['handoff:consent.what', 'handoff:consent.who', 'handoff:consent.question']);
    expect(buttonData(result)).toEqual(['sc=yes', 'sc=no']);
  });

  it('asks the same of a resident who never answered the privacy notice', () => {
    const result = run(null, postback('g=staff'), makeCtx({ resident: { consent: 'pending' } }));
    expect(handoffs(result)).toEqual([]);
    expect(result.state?.flowId).toBe('staffConsent');
  });

  it.each([
    ['text with a phone number', text('090-1234-5678 に電話ください')],
    ['a location', location],
    ['a photo', image],
  ])('%s before answering is not forwarded, and the resident is told it was not kept', (_what, input) => {
    const turns = converse([text('スタッフと話したい'), input], { ctx: declined });
    const result = turns[1]!.result;
    expect(forwarded(result)).toEqual([]);
    expect(handoffs(result)).toEqual([]);
    expect(result.state).toMatchObject({ flowId: 'staffConsent', step: 'consent', data: { fromFlow: null } });
    expect(lineKeys(result)[0]).toBe('handoff:consent.notKept');
    expect(lineKeys(result)).not.toContain('common:askStaff');
  });

  it('a yes hands the conversation to staff with consent for it alone (the privacy notice stays declined)', () => {
    const turns = converse([postback('menu=events'), text('スタッフと話したい'), postback('sc=yes')], { ctx: declined });
    const result = turns[2]!.result;
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: 'events', consented: true }]);
    expect(patches(result)).toEqual([]);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:handoff.requested', 'handoff:urgentNumbers']);
  });

  it.each(ALL_LANGUAGES)('a no (%s) keeps nothing, hands nothing over, and gives the phone number and hours with a button to call', (language) => {
    const turns = converse([text('スタッフと話したい'), postback('sc=no')], { ctx: makeCtx({ resident: { consent: 'declined', language } }) });
    const result = turns[1]!.result;
    expect(handoffs(result)).toEqual([]);
    expect(patches(result)).toEqual([]);
    expect(result.state).toBeNull();
    const answer = sent(result).at(-1)!;
    expect(answer.lines[0]!.key).toBe('handoff:consent.declined');
    expect(answer.lines.find((l) => l.key === 'common:callUs')?.params).toMatchObject({ phone: PHONE, hours: makeCtx().council.hours[language] });
    expect(answer.buttons).toEqual([expect.objectContaining({ kind: 'uri', uri: 'tel:0450001234' })]);
    expect(isMainMenu({ ...answer, lines: answer.lines.slice(1) })).toBe(true);
  });

  it('after a no, what they write is still not forwarded', () => {
    const turns = converse([text('スタッフと話したい'), postback('sc=no'), text('やっぱり相談したい 090-1234-5678'), image], { ctx: declined });
    for (const t of turns) expect(forwarded(t.result)).toEqual([]);
  });

  it('a danger message while being asked still reaches staff at once, as urgent', () => {
    const turns = converse([text('スタッフと話したい'), text('もう死にたい')], { ctx: declined });
    const result = turns[1]!.result;
    expect(forwarded(result).map((f) => f.message.text)).toEqual(['もう死にたい']);
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: 'staffConsent', urgent: true }]);
  });
});

describe('an open thread and what may be kept in it', () => {
  it('with consent for the conversation, messages are forwarded', () => {
    const result = run(null, text('090-1234-5678 です'), makeCtx({ resident: { consent: 'declined' }, thread: { ...waiting, consented: true } }));
    expect(forwarded(result)).toHaveLength(1);
  });

  it('without it (consent withdrawn while waiting), a message is not forwarded and the question is asked', () => {
    const result = run(null, text('090-1234-5678 です'), makeCtx({ resident: { consent: 'declined' }, thread: waiting }));
    expect(forwarded(result)).toEqual([]);
    expect(result.state).toMatchObject({ flowId: 'staffConsent', step: 'consent' });
    expect(lineKeys(result)[0]).toBe('handoff:consent.notKept');
  });

  it('the answer is taken even while staff own the thread, and agreeing covers that thread', () => {
    const result = run(stateAt('staffConsent', 'consent', { fromFlow: null }), postback('sc=yes'), makeCtx({ resident: { consent: 'declined' }, thread: { ...waiting, owner: 'staff' } }));
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: null, consented: true }]);
    expect(lineKeys(result)[0]).toBe('handoff:alreadyWaiting');
  });

  it('an urgent thread (opened by a danger message) keeps every message for staff, consent or not', () => {
    const result = run(null, image, makeCtx({ resident: { consent: 'declined' }, thread: { ...waiting, urgent: true } }));
    expect(forwarded(result)).toHaveLength(1);
  });

  it('after consent to the privacy notice, asking for staff hands off at once', () => {
    const result = run(null, text('スタッフと話したい'), makeCtx({ resident: { consent: 'granted' } }));
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: null }]);
  });
});
