// Under test: handleIdle (src/flows/menu/idle.ts), directly and through the engine with no saved state; only the context is faked (fixed now, in-memory resident and council views).
import { describe, expect, it, test } from 'vitest';
import type { InboundInput } from '../../../src/domain/inbound-event';
import { handleIdle } from '../../../src/flows/menu/idle';
import { NON_TEXT_INPUTS, NOW_ISO, councilView, isMainMenu, lastMessage, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, follow, FLOWS, ENGINE } from './flow-test-kit';

describe('text while idle', () => {
  it.each(['こんにちは', '相談したいです', 'hello'])('%j gets the menu with common:idleText', (said) => {
    const result = handleIdle(text(said), makeCtx(), ENGINE);
    expect(result.state).toBeNull();
    expect(sent(result)).toHaveLength(1);
    expect(lineKeys(result)).toEqual(['common:idleText', 'menu:prompt', 'common:callUs']);
    expect(isMainMenu(lastMessage(result))).toBe(true);
    expect(patches(result)).toEqual([]);
  });

  it('the menu\'s call-us line carries the council phone and hours in the resident\'s language', () => {
    const result = handleIdle(text('hi'), makeCtx({ resident: { language: 'en' } }), ENGINE);
    expect(lastMessage(result).lines.at(-1)).toEqual({ key: 'common:callUs', params: { phone: '045-000-1234', hours: 'Weekdays 8:30-17:15' } });
  });
});

describe('follow', () => {
  it('a new friend starts onboarding at consent', () => {
    const result = handleIdle(follow(), makeCtx(), ENGINE);
    expect(result.state).toMatchObject({ flowId: 'onboarding', step: 'consent', stepStartedAt: NOW_ISO });
    expect(lineKeys(result)[0]).toBe('onboarding:greeting');
  });

  it('an onboarded resident who follows again is welcomed back with the menu, not onboarded again', () => {
    const result = handleIdle(follow(true), makeCtx({ resident: { consent: 'granted', onboarded: true, language: 'en' } }), ENGINE);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['menu:welcomeBack', 'menu:prompt', 'common:callUs']);
    expect(lastMessage(result).lines[0]!.params).toEqual({ council: 'Tsunagu City Council of Social Welfare' });
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('a resident who declined consent is not asked again on follow; they get the menu', () => {
    const result = handleIdle(follow(true), makeCtx({ resident: { consent: 'declined' } }), ENGINE);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['menu:welcomeBack', 'menu:prompt', 'common:callUs']);
    expect(lineKeys(result)).not.toContain('onboarding:consent.question');
  });

  it('without an onboarding flow registered, a new friend gets the menu', () => {
    const result = handleIdle(follow(), makeCtx(), { ...ENGINE, flows: { settings: FLOWS.settings! } });
    expect(result.state).toBeNull();
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  // A follow (block then unblock) while a flow state is still fresh goes to the idle handler, not the step's parser.
  test('a follow in the middle of a flow is not answered with common:pleaseTap', () => {
    const result = run(stateAt('onboarding', 'district'), follow(true), makeCtx({ resident: { consent: 'granted' } }));
    expect(lineKeys(result)).not.toContain('common:pleaseTap');
  });
});

describe('menu taps while idle', () => {
  it('menu=settings starts the settings flow', () => {
    const result = handleIdle(postback('menu=settings'), makeCtx(), ENGINE);
    expect(result.state).toMatchObject({ flowId: 'settings', step: 'choose', data: {} });
  });

  it('menu=consult starts the consultation flow at the choice of area', () => {
    const result = handleIdle(postback('menu=consult'), makeCtx(), ENGINE);
    expect(result.state).toMatchObject({ flowId: 'consultation', step: 'category', data: {} });
  });

  it('menu=volunteer starts the volunteer flow: register or ask for help', () => {
    const result = handleIdle(postback('menu=volunteer'), makeCtx(), ENGINE);
    expect(result.state).toMatchObject({ flowId: 'volunteer', step: 'intro', data: {} });
  });

  it('menu=donate starts the donation flow: consent first for a resident who has not agreed, else what to give', () => {
    expect(handleIdle(postback('menu=donate'), makeCtx(), ENGINE).state).toMatchObject({ flowId: 'donate', step: 'consent', data: {} });
    expect(handleIdle(postback('menu=donate'), makeCtx({ resident: { consent: 'granted' } }), ENGINE).state).toMatchObject({ flowId: 'donate', step: 'kind', data: {} });
  });

  it('menu=donate says the section is not ready, with the menu, when the council profile has no donations section', () => {
    const result = handleIdle(postback('menu=donate'), makeCtx({ council: { ...councilView(), donations: null } }), ENGINE);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['menu:notReady.donate', 'menu:prompt', 'common:callUs']);
  });

  it.each(['menu=bazaar', 'c=yes', 't=done', 'd=area01', 's=district'])('a stale or unknown postback %s gets common:staleButton and the menu, changing nothing', (data) => {
    const result = handleIdle(postback(data), makeCtx(), ENGINE);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:staleButton', 'menu:prompt', 'common:callUs']);
    expect(patches(result)).toEqual([]);
  });
});

describe('other inputs while idle', () => {
  it.each(NON_TEXT_INPUTS)('%s gets common:mediaHint with the menu', (_what, input) => {
    const result = handleIdle(input, makeCtx(), ENGINE);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:mediaHint', 'menu:prompt', 'common:callUs']);
  });

  it.each<[string, InboundInput]>([
    ['unfollow', { kind: 'unfollow' }],
    ['unsend', { kind: 'unsend', messageId: 'm9' }],
    ['ignored', { kind: 'ignored', lineType: 'beacon' }],
  ])('%s sends nothing and changes nothing', (_what, input) => {
    expect(handleIdle(input, makeCtx(), ENGINE)).toEqual({ state: null, effects: [] });
  });

  it('the engine with no state defers to the idle handler unchanged', () => {
    for (const input of [text('こんにちは'), postback('menu=donate'), follow(), ...NON_TEXT_INPUTS.map(([, i]) => i)]) {
      expect(run(null, input)).toEqual(handleIdle(input, makeCtx(), ENGINE));
    }
  });
});
