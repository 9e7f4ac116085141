// Under test: the settings flow (language, district, topics, consent give/withdraw, わたしの情報) run through the real engine; only the context is faked (fixed now, in-memory resident and council views).
import { describe, expect, it } from 'vitest';
import type { ResidentView } from '../../../src/flows/engine/types';
import { CONSENT_VERSION, NOW_ISO, buttonData, chipData, chipLabelKeys, converse, demoVolunteer, isMainMenu, lastMessage, lineKeys, makeCtx, patches, postback, run, sent, stateAt, moduleEffects } from './flow-test-kit';

const onboarded: Partial<ResidentView> = { consent: 'granted', districtCode: 'area02', topics: ['newsletters', 'disaster'], onboarded: true };
const choose = stateAt('settings', 'choose');

describe('opening settings from the rich menu', () => {
  it('asks what to change, offering withdrawal when consent is granted', () => {
    const result = run(null, postback('menu=settings'), makeCtx({ resident: onboarded }));
    expect(result.state).toEqual({ flowId: 'settings', version: 1, step: 'choose', data: {}, stepStartedAt: NOW_ISO });
    expect(lineKeys(result)).toEqual(['settings:prompt']);
    expect(buttonData(result)).toEqual(['s=language', 's=district', 's=topics', 's=consent', 's=myData', 's=consents']);
    expect(sent(result)[0]!.buttons!.map((b) => b.label.key).at(3)).toBe('settings:choice.withdraw');
    expect(chipData(result)).toEqual(['g=menu', 'g=cancel']);
  });

  it('offers giving consent when it is not granted', () => {
    const result = run(null, postback('menu=settings'), makeCtx({ resident: { consent: 'declined' } }));
    expect(sent(result)[0]!.buttons!.map((b) => b.label.key).at(3)).toBe('settings:choice.consent');
  });
});

describe('language', () => {
  it('stores the chosen language and says saved with the menu in that language', () => {
    const turns = converse([postback('s=language'), postback('lang=ja-x-easy')], { state: choose, ctx: makeCtx({ resident: onboarded }) });
    expect(turns[0]!.result.state?.step).toBe('language');
    const done = turns[1]!.result;
    expect(done.state).toBeNull();
    expect(patches(done)).toEqual([{ language: 'ja-x-easy', languageChosen: true }]);
    expect(lineKeys(done)).toEqual(['settings:saved', 'menu:prompt', 'common:callUs']);
    expect(lastMessage(done).lines.at(-1)?.params).toEqual({ phone: '045-000-1234', hours: 'へいじつ 8:30〜17:15' });
  });

  it('does not need consent', () => {
    const result = run(choose, postback('s=language'), makeCtx({ resident: { consent: 'declined' } }));
    expect(result.state?.step).toBe('language');
    expect(lineKeys(result)).not.toContain('settings:consentNeeded');
  });
});

describe('district and topics need consent first', () => {
  it.each(['pending', 'declined'] as const)('s=district with consent %s goes to the consent question with the notice', (consent) => {
    const result = run(choose, postback('s=district'), makeCtx({ resident: { consent } }));
    expect(result.state).toMatchObject({ step: 'consent', data: { after: 'district', topics: [] } });
    expect(lineKeys(result)).toEqual([
      'settings:consentNeeded',
      'onboarding:privacy.title',
      'onboarding:privacy.summary',
      'onboarding:privacy.safety',
      'onboarding:consent.question',
    ]);
    expect(buttonData(result)).toEqual(['c=yes', 'c=no', 'c=more']);
    expect(patches(result)).toEqual([]);
  });

  it('c=yes records consent and continues to the district the resident asked for', () => {
    const turns = converse([postback('s=district'), postback('c=yes'), postback('d=area05')], { state: choose, ctx: makeCtx({ resident: { consent: 'declined' } }) });
    const granted = turns[1]!.result;
    expect(patches(granted)).toEqual([{ consent: 'granted', consentVersion: CONSENT_VERSION, consentAt: turns[1]!.ctx.now.toISOString() }]);
    expect(granted.state?.step).toBe('district');
    expect(lineKeys(granted)).toEqual(['onboarding:consent.thanks', 'onboarding:district.prompt', 'onboarding:district.why']);
    const saved = turns[2]!.result;
    expect(saved.state).toBeNull();
    expect(patches(saved)).toEqual([{ districtCode: 'area05' }]);
    expect(lineKeys(saved)).toEqual(['settings:saved', 'menu:prompt', 'common:callUs']);
  });

  it('c=yes continues to topics when topics were asked for', () => {
    const turns = converse([postback('s=topics'), postback('c=yes')], { state: choose, ctx: makeCtx({ resident: { consent: 'pending' } }) });
    expect(turns[1]!.result.state?.step).toBe('topics');
  });

  it('c=no keeps everything as it was and ends with the menu', () => {
    const turns = converse([postback('s=topics'), postback('c=no')], { state: choose, ctx: makeCtx({ resident: { consent: 'declined' } }) });
    const result = turns[1]!.result;
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([]);
    expect(lineKeys(result)).toEqual(['settings:consentKeptOff', 'menu:prompt', 'common:callUs']);
  });

  it('c=more shows the details and stays at consent', () => {
    const state = stateAt('settings', 'consent', { after: 'district', topics: [] });
    const result = run(state, postback('c=more'));
    expect(result.state).toMatchObject({ step: 'consent', data: { after: 'district' } });
    expect(lineKeys(result)[0]).toBe('onboarding:privacy.details.kept');
    expect(patches(result)).toEqual([]);
  });

  it('with consent granted, s=district goes straight to the district', () => {
    const result = run(choose, postback('s=district'), makeCtx({ resident: onboarded }));
    expect(result.state).toMatchObject({ step: 'district' });
    expect(lineKeys(result)).toEqual(['onboarding:district.prompt', 'onboarding:district.why']);
    expect(chipData(result)).toContain('d=skip');
    expect(chipData(result)).toContain('g=menu');
  });

  it('d=skip clears the stored district', () => {
    const result = run(stateAt('settings', 'district', { after: 'district' }), postback('d=skip'), makeCtx({ resident: onboarded }));
    expect(patches(result)).toEqual([{ districtCode: null }]);
  });
});

describe('topics', () => {
  it('starts with the resident\'s current topics selected', () => {
    const result = run(choose, postback('s=topics'), makeCtx({ resident: onboarded }));
    expect(result.state).toMatchObject({ step: 'topics', data: { topics: ['newsletters', 'disaster'] } });
    expect(chipLabelKeys(result).slice(0, 4)).toEqual(['common:topic.newsletters.on', 'common:topic.salons_events.off', 'common:topic.volunteering.off', 'common:topic.disaster.on']);
  });

  it('toggling and done stores the new list only', () => {
    const turns = converse([postback('s=topics'), postback('t=newsletters'), postback('t=salons_events'), postback('t=done')], { state: choose, ctx: makeCtx({ resident: onboarded }) });
    const done = turns.at(-1)!.result;
    expect(done.state).toBeNull();
    expect(turns.flatMap((t) => patches(t.result))).toEqual([{ topics: ['salons_events', 'disaster'] }]);
    expect(lineKeys(done)).toEqual(['settings:saved', 'menu:prompt', 'common:callUs']);
  });

  it('done without changes stores the same topics (no onboardedAt is touched)', () => {
    const turns = converse([postback('s=topics'), postback('t=done')], { state: choose, ctx: makeCtx({ resident: onboarded }) });
    expect(patches(turns[1]!.result)).toEqual([{ topics: ['newsletters', 'disaster'] }]);
  });
});

describe('consent from settings', () => {
  it('withdrawing asks for confirmation first', () => {
    const result = run(choose, postback('s=consent'), makeCtx({ resident: onboarded }));
    expect(result.state?.step).toBe('withdraw');
    expect(lineKeys(result)).toEqual(['settings:withdraw.deletes', 'settings:withdraw.confirm']);
    expect(buttonData(result)).toEqual(['w=yes', 'w=no']);
    expect(patches(result)).toEqual([]);
  });

  it('w=yes declines consent and deletes district, topics and onboardedAt, and erases any volunteer registration', () => {
    const result = run(stateAt('settings', 'withdraw'), postback('w=yes'), makeCtx({ resident: onboarded }));
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([{ consent: 'declined', consentAt: NOW_ISO, districtCode: null, topics: [], salons: [], onboardedAt: null }]);
    expect(moduleEffects(result.effects, 'volunteers').filter((e) => e.type === 'eraseVolunteer')).toHaveLength(1);
    expect(lineKeys(result)).toEqual(['settings:withdraw.done', 'settings:withdraw.doneKept', 'menu:prompt', 'common:callUs']);
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('a volunteer is told their registration ends and what stays; one already erased is not told again', () => {
    const asked = run(choose, postback('s=consent'), makeCtx({ resident: onboarded, volunteer: demoVolunteer() }));
    expect(lineKeys(asked)).toEqual(['settings:withdraw.deletes', 'settings:withdraw.volunteer', 'settings:withdraw.confirm']);
    const done = run(stateAt('settings', 'withdraw'), postback('w=yes'), makeCtx({ resident: onboarded, volunteer: demoVolunteer({ status: 'paused' }) }));
    expect(lineKeys(done).slice(0, 3)).toEqual(['settings:withdraw.done', 'settings:withdraw.doneVolunteer', 'settings:withdraw.doneKept']);
    const erased = run(stateAt('settings', 'withdraw'), postback('w=yes'), makeCtx({ resident: onboarded, volunteer: demoVolunteer({ name: '', status: 'left' }) }));
    expect(lineKeys(erased)).not.toContain('settings:withdraw.doneVolunteer');
    expect(moduleEffects(erased.effects, 'volunteers').filter((e) => e.type === 'eraseVolunteer')).toHaveLength(1);
  });

  it('w=no changes nothing', () => {
    const result = run(stateAt('settings', 'withdraw'), postback('w=no'), makeCtx({ resident: onboarded }));
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([]);
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('giving consent from settings records it and returns to the choice, now offering withdrawal', () => {
    const turns = converse([postback('s=consent'), postback('c=yes')], { state: choose, ctx: makeCtx({ resident: { consent: 'declined' } }) });
    expect(turns[0]!.result.state).toMatchObject({ step: 'consent', data: { after: 'choose' } });
    expect(lineKeys(turns[0]!.result)).toContain('onboarding:privacy.summary');
    const granted = turns[1]!.result;
    expect(patches(granted)).toEqual([{ consent: 'granted', consentVersion: CONSENT_VERSION, consentAt: turns[1]!.ctx.now.toISOString() }]);
    expect(granted.state?.step).toBe('choose');
    // The choice is prompted in the context after the patch.
    expect(sent(granted).at(-1)!.buttons!.map((b) => b.label.key).at(3)).toBe('settings:choice.withdraw');
  });
});

describe('わたしの情報', () => {
  it('explains that staff will call (nothing over LINE), asks see or erase, and records the request with the phone in the reply', () => {
    const turns = converse([postback('s=myData'), postback('md=see')], { state: choose, ctx: makeCtx({ resident: { consent: 'declined' } }) });
    const asked = turns[0]!.result;
    expect(asked.state?.step).toBe('myData');
    expect(lineKeys(asked)).toEqual(['settings:myData.explain', 'settings:myData.ask']);
    expect(buttonData(asked)).toEqual(['md=see', 'md=erase']);
    expect(chipData(asked)).toEqual(['g=menu', 'g=cancel']);
    const done = turns[1]!.result;
    expect(done.state).toBeNull();
    expect(done.effects.filter((e) => e.type === 'requestData')).toEqual([{ type: 'requestData', kind: 'see' }]);
    expect(lineKeys(done).slice(0, 2)).toEqual(['settings:myData.done.see', 'settings:myData.call']);
    expect(sent(done)[0]!.lines[1]?.params).toEqual({ phone: '045-000-1234' });
  });

  it('records nothing when cancelled, and asks again on anything but a choice', () => {
    const asked = stateAt('settings', 'myData');
    expect(run(asked, postback('g=cancel'), makeCtx()).effects.some((e) => e.type === 'requestData')).toBe(false);
    const again = run(asked, postback('md=all'), makeCtx());
    expect(again.state?.step).toBe('myData');
    expect(again.effects.some((e) => e.type === 'requestData')).toBe(false);
  });
});
