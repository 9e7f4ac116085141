import { LANGUAGES } from '../../../src/domain/language';
// Under test: detectGlobalIntent and the engine's handling of menu / cancel / restart / staff / language in every step of every flow in FLOWS and while idle; only the context is faked (fixed now, in-memory views).
import { describe, expect, it } from 'vitest';
import type { InboundInput } from '../../../src/domain/inbound-event';
import { detectGlobalIntent, GLOBAL_INTENT_WORDS } from '../../../src/flows/engine/global-intents';
import { NON_TEXT_INPUTS, NOW_ISO, chipData, dataOf, demoMember, demoTeam, disasterRunning, follow, handoffs, isMainMenu, lastMessage, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, FLOWS } from './flow-test-kit';

const ALL_STEPS: Array<[string, string]> = Object.values(FLOWS).flatMap((f) => Object.keys(f.steps).map((s): [string, string] => [f.id, s]));

const MENU_INPUTS: Array<[string, InboundInput]> = [
  ['メニュー', text('メニュー')],
  ['menu', text('menu')],
  ['ＭＥＮＵ (full width)', text('ＭＥＮＵ')],
  ['" メニュー " (spaces)', text(' メニュー ')],
  ['"　メニュー　" (ideographic spaces)', text('　メニュー　')],
  ['ﾒﾆｭｰ (half-width kana)', text('ﾒﾆｭｰ')],
  ['Main Menu', text('Main Menu')],
  ['g=menu', postback('g=menu')],
];
const CANCEL_INPUTS: Array<[string, InboundInput]> = [
  ['やめる', text('やめる')],
  ['ＳＴＯＰ', text('ＳＴＯＰ')],
  ['g=cancel', postback('g=cancel')],
];
const RESTART_INPUTS: Array<[string, InboundInput]> = [
  ['最初から', text('最初から')],
  ['最初から。', text('最初から。')],
  ['g=restart', postback('g=restart')],
];
const STAFF_INPUTS: Array<[string, InboundInput]> = [
  ['スタッフと話したい', text('スタッフと話したい')],
  ['スタッフと話したい！ (full-width !)', text('スタッフと話したい！')],
  ['Talk to staff', text('Talk to staff')],
  ['g=staff', postback('g=staff')],
];

describe('detectGlobalIntent', () => {
  it.each([
    ['ＭＥＮＵ', 'menu'],
    [' メニュー ', 'menu'],
    ['ﾒﾆｭｰ', 'menu'],
    ['さいしょから', 'restart'],
    ['Restart', 'restart'],
    ['キャンセル', 'cancel'],
    ['ｷｬﾝｾﾙ', 'cancel'],
    ['人と話したい', 'staff'],
    ['ｽﾀｯﾌ', 'staff'],
    ['言語', 'language'],
  ])('reads %j as %s', (said, type) => {
    expect(detectGlobalIntent(text(said))).toEqual({ type });
  });

  it.each(['メニューを見たい', 'こんにちは', '第1地区', 'menus', ''])('does not read %j as an intent', (said) => {
    expect(detectGlobalIntent(text(said))).toBeNull();
  });

  it('reads language postbacks with and without a valid target', () => {
    expect(detectGlobalIntent(postback('g=lang'))).toEqual({ type: 'language' });
    expect(detectGlobalIntent(postback('g=lang&to=ja-x-easy'))).toEqual({ type: 'language', to: 'ja-x-easy' });
    expect(detectGlobalIntent(postback('g=lang&to=fr'))).toEqual({ type: 'language' });
  });

  it('ignores other postbacks and non-text inputs', () => {
    expect(detectGlobalIntent(postback('g=dance'))).toBeNull();
    expect(detectGlobalIntent(postback('menu=settings'))).toBeNull();
    expect(detectGlobalIntent(postback('c=yes'))).toBeNull();
    expect(detectGlobalIntent(follow())).toBeNull();
    for (const [, input] of NON_TEXT_INPUTS) expect(detectGlobalIntent(input)).toBeNull();
  });

  it('has no word that two intents share after normalisation', () => {
    const norm = (w: string) => w.normalize('NFKC').toLowerCase().replace(/[\s。、.!！?？]/g, '');
    const all = Object.values(GLOBAL_INTENT_WORDS).flatMap((ws) => [...new Set(ws.map(norm))]);
    expect(new Set(all).size).toBe(all.length);
  });
});

/** Flows that start only in a context of their own: the disaster centre's, while one runs (applying once in its pool). */
const START_CONTEXTS: Record<string, ReturnType<typeof makeCtx>> = {
  disasterJoin: makeCtx({ disaster: disasterRunning() }),
  disasterApply: makeCtx({ disaster: disasterRunning({ member: demoMember() }) }),
  disasterNeed: makeCtx({ disaster: disasterRunning() }),
  disasterFieldReport: makeCtx({ disaster: disasterRunning({ teams: [demoTeam()] }) }),
};

describe.each(ALL_STEPS)('global intents in %s / %s', (flowId, stepName) => {
  const state = stateAt(flowId, stepName, stepName === 'topics' ? { topics: ['disaster'] } : {});
  const flow = FLOWS[flowId]!;

  it.each(MENU_INPUTS)('%s → no state and the main menu', (_what, input) => {
    const result = run(state, input);
    expect(result.state).toBeNull();
    expect(sent(result)).toHaveLength(1);
    expect(lineKeys(result)).toEqual(['menu:prompt', 'common:callUs']);
    expect(isMainMenu(lastMessage(result))).toBe(true);
    expect(patches(result)).toEqual([]);
    expect(handoffs(result)).toEqual([]);
  });

  it.each(CANCEL_INPUTS)('%s → no state, common:cancelled and the menu', (_what, input) => {
    const result = run(state, input);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:cancelled', 'menu:prompt', 'common:callUs']);
    expect(patches(result)).toEqual([]);
  });

  it.each(RESTART_INPUTS)('%s → the flow again from its first step', (_what, input) => {
    const ctx = START_CONTEXTS[flowId] ?? makeCtx();
    const first = flow.start(ctx);
    if (!('to' in first)) throw new Error(`${flowId} does not start with a step`);
    const result = run(state, input, ctx);
    expect(result.state).toEqual({ flowId, version: flow.version, step: first.to, data: first.data, stepStartedAt: NOW_ISO });
    expect(patches(result)).toEqual([]);
    expect(chipData(result)).toContain('g=menu');
  });

  it.each(STAFF_INPUTS)('%s after consent → a hand-off request from this flow and no state', (_what, input) => {
    const result = run(state, input, makeCtx({ resident: { consent: 'granted' } }));
    expect(result.state).toBeNull();
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: flowId }]);
    expect(result.effects[0]).toEqual({ type: 'requestHandoff', fromFlow: flowId });
    expect(lineKeys(result)).toEqual(['common:handoff.requested', 'handoff:urgentNumbers']);
    expect(patches(result)).toEqual([]);
  });

  it.each(STAFF_INPUTS)('%s without consent → no hand-off yet: the question whether staff may keep this conversation, which remembers this flow', (_what, input) => {
    const result = run(state, input);
    expect(handoffs(result)).toEqual([]);
    expect(result.state).toMatchObject({ flowId: 'staffConsent', step: 'consent', data: { fromFlow: flowId === 'staffConsent' ? null : flowId } });
    expect(patches(result)).toEqual([]);
  });

  it('g=lang shows the language chips and keeps the state', () => {
    const result = run(state, postback('g=lang'));
    expect(result.state).toEqual(state);
    expect(lineKeys(result)).toEqual(['common:language.prompt']);
    expect(chipData(result)).toEqual(LANGUAGES.map((l) => `g=lang&to=${l}`));
    expect(patches(result)).toEqual([]);
  });

  it('g=lang&to=ja-x-easy patches the language and re-asks the current step in easy Japanese', () => {
    const result = run(state, postback('g=lang&to=ja-x-easy'));
    expect(patches(result)).toEqual([{ language: 'ja-x-easy', languageChosen: true }]);
    expect(result.state).toEqual({ ...state, stepStartedAt: NOW_ISO });
    const again = flow.steps[stepName]!.prompt(state.data, makeCtx({ resident: { language: 'ja-x-easy' } }));
    expect(lineKeys(result)).toEqual(['common:language.changed', ...again.flatMap((m) => m.lines.map((l) => l.key))]);
    expect(chipData(result)).toEqual(expect.arrayContaining(again.flatMap((m) => dataOf(m.chips))));
    expect(chipData(result)).toContain('g=menu');
  });
});

describe('global intents while idle', () => {
  it.each(MENU_INPUTS)('%s → the main menu', (_what, input) => {
    const result = run(null, input);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['menu:prompt', 'common:callUs']);
  });

  it.each(CANCEL_INPUTS)('%s → the menu without claiming something was cancelled', (_what, input) => {
    const result = run(null, input);
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['menu:prompt', 'common:callUs']);
  });

  it.each(RESTART_INPUTS)('%s → the menu (nothing to restart)', (_what, input) => {
    const result = run(null, input);
    expect(result.state).toBeNull();
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it.each(STAFF_INPUTS)('%s after consent → a hand-off request with no flow', (_what, input) => {
    const result = run(null, input, makeCtx({ resident: { consent: 'granted' } }));
    expect(result.state).toBeNull();
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: null }]);
  });

  it('g=lang shows the language chips', () => {
    const result = run(null, postback('g=lang'));
    expect(result.state).toBeNull();
    expect(chipData(result)).toEqual(LANGUAGES.map((l) => `g=lang&to=${l}`));
  });

  it('g=lang&to=en patches the language and shows the menu with the English opening hours', () => {
    const result = run(null, postback('g=lang&to=en'));
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([{ language: 'en', languageChosen: true }]);
    expect(lineKeys(result)).toEqual(['common:language.changed', 'menu:prompt', 'common:callUs']);
    expect(lastMessage(result).lines.at(-1)?.params).toEqual({ phone: '045-000-1234', hours: 'Weekdays 8:30-17:15' });
  });

  it('typing 言語 shows the language chips rather than guessing a language', () => {
    const result = run(null, text('言語'));
    expect(patches(result)).toEqual([]);
    expect(chipData(result)).toEqual(LANGUAGES.map((l) => `g=lang&to=${l}`));
  });
});
