import { LANGUAGES } from '../../../src/domain/language';
// Under test: the onboarding flow (consent → language → district → topics) run through the real engine and idle handler; only the context is faked (fixed now, 10 in-memory districts, patches folded in by the kit).
import { describe, expect, it, test } from 'vitest';
import { INTEREST_TOPICS } from '../../../src/domain/council-profile';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { ResidentPatch, StepResult } from '../../../src/flows/engine/types';
import { handleIdle } from '../../../src/flows/menu/idle';
import { CONSENT_VERSION, NOW, NOW_ISO, buttonData, chipData, chipLabelKeys, converse, councilView, follow, isMainMenu, lastMessage, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, ENGINE } from './flow-test-kit';

const PERSONAL_KEYS: Array<keyof ResidentPatch> = ['districtCode', 'topics', 'onboardedAt'];

function expectFlowPrompt(result: StepResult) {
  const chips = chipData(result);
  expect(chips.length).toBeLessThanOrEqual(13);
  expect(chips).toContain('g=menu');
}

/** The literal texts shown on the district chips (district names). */
function districtLabels(result: StepResult): string[] {
  return (lastMessage(result).chips ?? []).filter((c) => c.kind === 'postback' && c.data.startsWith('d=') && c.data !== 'd=skip').map((c) => String(c.label.params?.text));
}

describe('a new friend (follow via the idle handler)', () => {
  const result = handleIdle(follow(), makeCtx(), ENGINE);

  it('starts onboarding at the consent step', () => {
    expect(result.state).toEqual({ flowId: 'onboarding', version: 1, step: 'consent', data: {}, stepStartedAt: NOW_ISO });
  });

  it('sends greeting, privacy notice and the consent question, in that order', () => {
    expect(sent(result).map((m) => m.lines.map((l) => l.key))).toEqual([
      ['onboarding:greeting'],
      ['onboarding:privacy.title', 'onboarding:privacy.summary', 'onboarding:privacy.safety'],
      ['onboarding:consent.question'],
    ]);
    expect(sent(result)[0]!.lines[0]!.params).toEqual({ council: 'つなぐ市社会福祉協議会' });
  });

  it('offers yes / no / more as buttons and the languages as chips, plus the way back', () => {
    expect(buttonData(result)).toEqual(['c=yes', 'c=no', 'c=more']);
    expect(chipData(result)).toEqual([...LANGUAGES.map((l) => `g=lang&to=${l}`), 'g=menu', 'g=cancel']);
  });

  it('writes nothing about the resident', () => {
    expect(patches(result)).toEqual([]);
  });

  it('greets in the resident\'s profile language', () => {
    const en = handleIdle(follow(), makeCtx({ resident: { language: 'en' } }), ENGINE);
    expect(sent(en)[0]!.lines[0]!.params).toEqual({ council: 'Tsunagu City Council of Social Welfare' });
  });
});

describe('consent', () => {
  const atConsent = stateAt('onboarding', 'consent');

  it('c=more shows the details and asks again, staying at consent', () => {
    const result = run(atConsent, postback('c=more'));
    expect(result.state).toEqual({ ...atConsent, stepStartedAt: NOW_ISO });
    expect(sent(result)[0]!.lines).toEqual([
      { key: 'onboarding:privacy.details.kept' },
      { key: 'onboarding:privacy.details.rights', params: { phone: '045-000-1234' } },
    ]);
    expect(lastMessage(result).lines.map((l) => l.key)).toEqual(['onboarding:consent.question']);
    expect(buttonData(result)).toEqual(['c=yes', 'c=no', 'c=more']);
    expect(patches(result)).toEqual([]);
  });

  it('c=no records the refusal and ends with the main menu', () => {
    const result = run(atConsent, postback('c=no'));
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([{ consent: 'declined', consentVersion: CONSENT_VERSION, consentAt: NOW_ISO }]);
    expect(lineKeys(result)).toEqual(['onboarding:consent.declined', 'menu:prompt', 'common:callUs']);
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('c=yes records consent with version and ctx.now, then asks the language', () => {
    const result = run(atConsent, postback('c=yes'));
    expect(patches(result)).toEqual([{ consent: 'granted', consentVersion: CONSENT_VERSION, consentAt: NOW_ISO }]);
    expect(result.state).toEqual({ flowId: 'onboarding', version: 1, step: 'language', data: {}, stepStartedAt: NOW_ISO });
    expect(lineKeys(result)).toEqual(['onboarding:consent.thanks', 'common:language.prompt']);
    expect(chipData(result)).toEqual([...LANGUAGES.map((l) => `lang=${l}`), 'g=menu', 'g=cancel']);
  });

  it('consentAt is the context time, not the wall clock', () => {
    const later = new Date('2030-01-02T03:04:05.000Z');
    const state = { ...atConsent, stepStartedAt: new Date(later.getTime() - 1000).toISOString() };
    expect(patches(run(state, postback('c=yes'), makeCtx({ now: later })))).toEqual([
      { consent: 'granted', consentVersion: CONSENT_VERSION, consentAt: '2030-01-02T03:04:05.000Z' },
    ]);
  });

  it('nothing personal is patched before c=yes, whatever the resident sends first', () => {
    const probing: InboundInput[] = [
      follow(),
      postback('c=more'),
      postback('d=area01'),
      postback('dpage=1'),
      postback('t=disaster'),
      postback('t=done'),
      postback('lang=en'),
      text('第1地区'),
      postback('g=lang&to=en'),
      postback('g=lang'),
      text('こんにちは'),
      postback('c=more'),
    ];
    const turns = converse(probing);
    expect(turns.at(-1)!.result.state?.step).toBe('consent');
    for (const turn of turns) {
      for (const p of patches(turn.result)) {
        for (const key of PERSONAL_KEYS) expect(p).not.toHaveProperty(key);
        expect(p).not.toHaveProperty('consent');
      }
    }
    // Then a no: still nothing personal.
    const [no] = converse([postback('c=no')], { state: turns.at(-1)!.result.state });
    expect(patches(no!.result)).toEqual([{ consent: 'declined', consentVersion: CONSENT_VERSION, consentAt: NOW_ISO }]);
  });

  it('switching language at the consent step re-asks consent in the new language', () => {
    const result = run(atConsent, postback('g=lang&to=en'));
    expect(patches(result)).toEqual([{ language: 'en', languageChosen: true }]);
    expect(result.state?.step).toBe('consent');
    expect(lineKeys(result)).toContain('onboarding:consent.question');
    expect(buttonData(result)).toEqual(['c=yes', 'c=no', 'c=more']);
  });

  // The privacy notice is part of the consent prompt, so switching language shows it again in that language.
  test('after switching language at consent, the privacy notice is shown again in the new language', () => {
    const result = run(atConsent, postback('g=lang&to=en'));
    expect(lineKeys(result)).toEqual(expect.arrayContaining(['onboarding:privacy.title', 'onboarding:privacy.summary', 'onboarding:privacy.safety']));
  });
});

describe('language', () => {
  it('lang=en stores the language and asks the district with English district names', () => {
    const result = run(stateAt('onboarding', 'language'), postback('lang=en'));
    expect(patches(result)).toEqual([{ language: 'en', languageChosen: true }]);
    expect(result.state).toMatchObject({ step: 'district', data: {} });
    expect(lineKeys(result)).toEqual(['onboarding:district.prompt', 'onboarding:district.why']);
    // The context passed in still says Japanese: the prompt must use the context after the patch.
    expect(districtLabels(result)).toEqual(['District 1', 'District 2', 'District 3', 'District 4', 'District 5', 'District 6', 'District 7', 'District 8']);
  });

  it('lang=ja-x-easy gives easy-Japanese district names', () => {
    const result = run(stateAt('onboarding', 'language'), postback('lang=ja-x-easy'));
    expect(districtLabels(result)[0]).toBe('だい1ちく');
  });

  it('refuses a language the bot does not speak', () => {
    const result = run(stateAt('onboarding', 'language'), postback('lang=fr'));
    expect(result.state?.step).toBe('language');
    expect(lineKeys(result)[0]).toBe('common:pleaseTap');
    expect(patches(result)).toEqual([]);
  });
});

describe('district', () => {
  const page0 = stateAt('onboarding', 'district');

  it('first page: 8 districts, next, skip and the way back, within 13 chips', () => {
    const result = run(stateAt('onboarding', 'language'), postback('lang=ja'));
    expect(chipData(result)).toEqual(['d=area01', 'd=area02', 'd=area03', 'd=area04', 'd=area05', 'd=area06', 'd=area07', 'd=area08', 'dpage=1', 'd=skip', 'g=menu', 'g=cancel']);
    expect(chipLabelKeys(result).slice(8, 10)).toEqual(['common:nav.next', 'common:nav.skip']);
  });

  it('dpage=1 shows the rest with previous and skip', () => {
    const result = run(page0, postback('dpage=1'));
    expect(result.state).toMatchObject({ step: 'district', data: { districtPage: 1 }, stepStartedAt: NOW_ISO });
    expect(chipData(result)).toEqual(['d=area09', 'd=area10', 'dpage=0', 'd=skip', 'g=menu', 'g=cancel']);
    expect(chipLabelKeys(result)[2]).toBe('common:nav.previous');
    expect(patches(result)).toEqual([]);
  });

  it('dpage=0 goes back to the first page', () => {
    const result = run(stateAt('onboarding', 'district', { districtPage: 1 }), postback('dpage=0'));
    expect(chipData(result).slice(0, 2)).toEqual(['d=area01', 'd=area02']);
  });

  it('a page past the end shows the last page', () => {
    const result = run(page0, postback('dpage=99'));
    expect(chipData(result)).toEqual(['d=area09', 'd=area10', 'dpage=0', 'd=skip', 'g=menu', 'g=cancel']);
  });

  it('a middle page with previous and next still fits 13 chips with g=menu', () => {
    const ctx = makeCtx({ council: councilView(20) });
    const result = run(stateAt('onboarding', 'district'), postback('dpage=1'), ctx);
    expect(chipData(result)).toEqual(['d=area09', 'd=area10', 'd=area11', 'd=area12', 'd=area13', 'd=area14', 'd=area15', 'd=area16', 'dpage=0', 'dpage=2', 'd=skip', 'g=menu', 'g=cancel']);
  });

  it('a council with few districts has a single page without previous/next', () => {
    const result = run(stateAt('onboarding', 'language'), postback('lang=ja'), makeCtx({ council: councilView(3) }));
    expect(chipData(result)).toEqual(['d=area01', 'd=area02', 'd=area03', 'd=skip', 'g=menu', 'g=cancel']);
  });

  it('d=<code> stores the district and asks the topics', () => {
    const result = run(stateAt('onboarding', 'district', { districtPage: 1 }), postback('d=area10'));
    expect(patches(result)).toEqual([{ districtCode: 'area10' }]);
    expect(result.state).toMatchObject({ step: 'topics' });
    expect(lineKeys(result)).toEqual(['onboarding:topics.prompt', 'onboarding:topics.how']);
  });

  it('d=skip stores no district', () => {
    const result = run(page0, postback('d=skip'));
    expect(patches(result)).toEqual([{ districtCode: null }]);
    expect(result.state?.step).toBe('topics');
  });

  it('refuses a district code the council does not have', () => {
    const result = run(page0, postback('d=area11'));
    expect(result.state?.step).toBe('district');
    expect(lineKeys(result)[0]).toBe('common:pleaseTap');
    expect(patches(result)).toEqual([]);
  });

  it.each([
    ['Japanese name', '第3地区', 'area03'],
    ['English name', 'District 3', 'area03'],
    ['easy-Japanese name', 'だい3ちく', 'area03'],
    ['full-width digits and spaces', ' 第３地区 ', 'area03'],
    ['a district on the second page', '第10地区', 'area10'],
  ])('accepts a typed %s', (_what, typed, code) => {
    const result = run(page0, text(typed));
    expect(patches(result)).toEqual([{ districtCode: code }]);
    expect(result.state?.step).toBe('topics');
  });
});

describe('topics', () => {
  const atTopics = stateAt('onboarding', 'topics');

  it('starts with nothing selected, then done', () => {
    const result = run(stateAt('onboarding', 'district'), postback('d=skip'));
    expect(chipData(result)).toEqual(['t=newsletters', 't=salons_events', 't=volunteering', 't=disaster', 't=done', 'g=menu', 'g=cancel']);
    expect(chipLabelKeys(result).slice(0, 4)).toEqual(INTEREST_TOPICS.map((t) => `common:topic.${t}.off`));
  });

  it('a tap toggles a topic on and shows it checked', () => {
    const result = run(atTopics, postback('t=volunteering'));
    expect(result.state).toMatchObject({ step: 'topics', data: { topics: ['volunteering'] } });
    expect(chipLabelKeys(result).slice(0, 4)).toEqual(['common:topic.newsletters.off', 'common:topic.salons_events.off', 'common:topic.volunteering.on', 'common:topic.disaster.off']);
    expect(patches(result)).toEqual([]);
  });

  it('keeps INTEREST_TOPICS order whatever the tap order, and a second tap turns a topic off', () => {
    const turns = converse([postback('t=disaster'), postback('t=newsletters'), postback('t=volunteering'), postback('t=disaster')], { state: atTopics });
    expect(turns.map((t) => t.result.state?.data.topics)).toEqual([
      ['disaster'],
      ['newsletters', 'disaster'],
      ['newsletters', 'volunteering', 'disaster'],
      ['newsletters', 'volunteering'],
    ]);
  });

  it('t=done stores the topics and onboardedAt and shows the menu', () => {
    const result = run(stateAt('onboarding', 'topics', { topics: ['salons_events', 'disaster'] }), postback('t=done'));
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([{ topics: ['salons_events', 'disaster'], onboardedAt: NOW_ISO }]);
    expect(lineKeys(result)).toEqual(['onboarding:done', 'menu:prompt', 'common:callUs']);
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('t=done with nothing selected stores an empty list', () => {
    expect(patches(run(atTopics, postback('t=done')))).toEqual([{ topics: [], onboardedAt: NOW_ISO }]);
  });

  it('ignores junk in stored topics', () => {
    const result = run(stateAt('onboarding', 'topics', { topics: ['disaster', 42, null] }), postback('t=done'));
    expect(patches(result)).toEqual([{ topics: ['disaster'], onboardedAt: NOW_ISO }]);
  });

  it('refuses an unknown topic', () => {
    const result = run(atTopics, postback('t=gardening'));
    expect(result.state).toMatchObject({ step: 'topics', data: {} });
    expect(lineKeys(result)[0]).toBe('common:pleaseTap');
  });
});

describe('the whole conversation', () => {
  const inputs: InboundInput[] = [
    follow(),
    postback('c=more'),
    postback('c=yes'),
    postback('lang=en'),
    postback('dpage=1'),
    postback('d=area09'),
    postback('t=volunteering'),
    postback('t=newsletters'),
    postback('t=done'),
  ];
  const turns = converse(inputs, { gapMs: 60_000 });

  it('visits consent, consent, language, district ×2, topics ×3 and ends', () => {
    expect(turns.map((t) => t.result.state?.step ?? null)).toEqual(['consent', 'consent', 'language', 'district', 'district', 'topics', 'topics', 'topics', null]);
  });

  it('every prompt has at most 13 chips and a way back to the menu', () => {
    for (const t of turns.slice(0, -1)) expectFlowPrompt(t.result);
  });

  it('stores exactly consent, language, district, then topics with onboardedAt', () => {
    const at = (i: number) => new Date(NOW.getTime() + i * 60_000).toISOString();
    expect(turns.flatMap((t) => patches(t.result))).toEqual([
      { consent: 'granted', consentVersion: CONSENT_VERSION, consentAt: at(2) },
      { language: 'en', languageChosen: true },
      { districtCode: 'area09' },
      { topics: ['newsletters', 'volunteering'], onboardedAt: at(8) },
    ]);
  });

  it('after the language patch the district page labels stay English', () => {
    expect(districtLabels(turns[4]!.result)).toEqual(['District 9', 'District 10']);
  });

  it('ends with the main menu in English (opening hours in English)', () => {
    const last = lastMessage(turns.at(-1)!.result);
    expect(isMainMenu(last)).toBe(true);
    expect(last.lines.at(-1)?.params).toEqual({ phone: '045-000-1234', hours: 'Weekdays 8:30-17:15' });
  });
});
