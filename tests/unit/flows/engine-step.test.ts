// Under test: the generic engine step() in src/flows/engine/step.ts (parse failures, expiry, versions, rich-menu taps, chaining, navigation chips) with the real FLOWS; only the context is faked (fixed now, in-memory views).
import { describe, expect, it, test } from 'vitest';
import { msg } from '../../../src/domain/message-text';
import type { Chip } from '../../../src/domain/out-message';
import { postbackChip } from '../../../src/flows/common/messages';
import { parseChoice } from '../../../src/flows/common/parse';
import { begin, step, type FlowRegistry } from '../../../src/flows/engine/step';
import type { Flow } from '../../../src/flows/engine/types';
import type { InboundInput } from '../../../src/domain/inbound-event';
import { NON_TEXT_INPUTS, NOW, NOW_ISO, PHONE, TTL_MS, chipData, handoffs, isMainMenu, lastMessage, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, FLOWS, ENGINE } from './flow-test-kit';

const ALL_STEPS: Array<[string, string]> = Object.values(FLOWS).flatMap((f) => Object.keys(f.steps).map((s): [string, string] => [f.id, s]));
/** Steps that take typed text (a phone number, a description, a comment …) rather than only taps. */
const TEXT_STEPS = new Set(['consultation/phone', 'consultation/contactTime', 'consultation/description', 'survey/comment', 'events/name', 'volunteer/name', 'volunteer/requestOrg', 'volunteer/requestPlace', 'volunteer/requestNotes', 'activityReport/note', 'donate/amount', 'donate/description', 'donate/applianceKind', 'donate/name', 'donate/address', 'disasterJoin/groupName', 'disasterJoin/size', 'disasterJoin/name', 'disasterJoin/phone', 'disasterJoin/emergency', 'disasterNeed/householdName', 'disasterNeed/householdPhone', 'disasterNeed/reporterName', 'disasterNeed/address', 'disasterNeed/workOther', 'disasterNeed/phone', 'disasterNeed/notes', 'disasterFieldReport/people', 'disasterFieldReport/hours', 'disasterFieldReport/done', 'disasterFieldReport/remarks', 'disasterFieldReport/remaining', 'disasterFieldReport/safetyText', 'complaint/text', 'complaint/phone']);
/** What a text step says about a tap it cannot use: its own hint instead of "please tap". */
const TEXT_STEP_HINTS: Record<string, string> = { 'consultation/phone': 'consultation:phone.invalid', 'consultation/description': 'consultation:description.textOrPhoto', 'events/name': 'events:name.invalid', 'events/phone': 'events:phone.invalid', 'volunteer/name': 'volunteer:name.invalid', 'volunteer/phone': 'volunteer:phone.invalid', 'volunteer/requestOrg': 'volunteer:request.org.invalid', 'volunteer/requestPlace': 'volunteer:request.place.invalid', 'volunteer/requestDate': 'volunteer:request.date.invalid', 'volunteer/requestNotes': 'volunteer:request.notes.invalid', 'volunteer/requestPhone': 'volunteer:phone.invalid', 'activityReport/note': 'volunteer:report.noteInvalid', 'volunteer/enrolled': 'volunteer:enrolled.invalid', 'donate/amount': 'donate:amount.invalid', 'donate/description': 'donate:description.invalid', 'donate/foodBestBefore': 'donate:food.bestBefore.invalid', 'donate/applianceKind': 'donate:appliance.kind.invalid', 'donate/appliancePhoto': 'donate:appliance.photo.needed', 'donate/name': 'donate:name.invalid', 'donate/contact': 'donate:contact.invalid', 'donate/address': 'donate:address.invalid', 'staffConsent/consent': 'handoff:consent.notKept', 'disasterJoin/groupName': 'disaster:join.groupName.invalid', 'disasterJoin/size': 'disaster:join.size.invalid', 'disasterJoin/name': 'disaster:join.name.invalid', 'disasterJoin/phone': 'disaster:join.phone.invalid', 'disasterJoin/emergency': 'disaster:join.emergency.invalid', 'disasterJoin/enrolled': 'disaster:join.enrolled.invalid', 'disasterNeed/householdName': 'disasterNeed:householdName.invalid', 'disasterNeed/householdPhone': 'disasterNeed:phone.invalid', 'disasterNeed/reporterName': 'disasterNeed:reporterName.invalid', 'disasterNeed/address': 'disasterNeed:address.invalid', 'disasterNeed/pin': 'disasterNeed:pin.invalid', 'disasterNeed/workOther': 'disasterNeed:workOther.invalid', 'disasterNeed/photos': 'disasterNeed:photos.invalid', 'disasterNeed/phone': 'disasterNeed:phone.invalid', 'disasterNeed/notes': 'disasterNeed:notes.invalid', 'disasterFieldReport/people': 'disasterField:report.people.invalid', 'disasterFieldReport/hours': 'disasterField:report.hours.invalid', 'disasterFieldReport/done': 'disasterField:report.textInvalid', 'disasterFieldReport/remarks': 'disasterField:report.textInvalid', 'disasterFieldReport/remaining': 'disasterField:report.textInvalid', 'disasterFieldReport/safetyText': 'disasterField:report.textInvalid', 'disasterFieldReport/photos': 'disasterField:report.photos.invalid', 'complaint/text': 'complaints:text.onlyText', 'complaint/phone': 'complaints:phone.invalid' };
/** Steps that take a photo, and steps that take a LINE location. */
const PHOTO_STEPS = new Set(['consultation/description', 'donate/appliancePhoto', 'disasterNeed/photos', 'disasterFieldReport/photos']);
const LOCATION_STEPS = new Set(['volunteer/requestPlace', 'disasterNeed/pin']);

function promptKeys(flowId: string, stepName: string, ctx = makeCtx()): string[] {
  const def = FLOWS[flowId]!.steps[stepName]!;
  return def.prompt({}, ctx).flatMap((m) => m.lines.map((l) => l.key));
}

describe('parse failures keep the step and re-prompt', () => {
  it('covers every step of every registered flow', () => {
    expect(ALL_STEPS).toEqual(
      expect.arrayContaining([
        ['onboarding', 'consent'],
        ['onboarding', 'language'],
        ['onboarding', 'district'],
        ['onboarding', 'topics'],
        ['settings', 'choose'],
        ['settings', 'withdraw'],
      ]),
    );
  });

  describe.each(ALL_STEPS)('%s / %s', (flowId, stepName) => {
    const before = stateAt(flowId, stepName, {}, { ageMs: 10 * 60_000 });

    it.each<[string, InboundInput]>([
      ['an unknown postback', postback('x=1')],
      ['a stale postback of another step', postback(stepName === 'withdraw' ? 'c=yes' : 'w=yes')],
      ...(TEXT_STEPS.has(`${flowId}/${stepName}`) ? [] : [['free text', text('こんにちは')] as [string, InboundInput]]),
    ])("%s gets common:pleaseTap (or the step's own hint) and the same question again; typed words also get the way to a person", (_what, input) => {
      const result = run(before, input);
      expect(result.state).toEqual({ ...before, stepStartedAt: NOW_ISO });
      // Not at the question whether staff may keep what is written: that step says the words were not kept.
      const help = input.kind === 'text' && flowId !== 'staffConsent' ? ['common:askStaff'] : [];
      expect(lineKeys(result)).toEqual([TEXT_STEP_HINTS[`${flowId}/${stepName}`] ?? 'common:pleaseTap', ...help, ...promptKeys(flowId, stepName)]);
      expect(chipData(result)).toContain('g=menu');
      expect(patches(result)).toEqual([]);
      expect(handoffs(result)).toEqual([]);
    });

    // Only a step that takes taps alone answers with the general media hint; a step that takes text, a photo or a
    // location keeps its own error, which says what it needs (a video at the photo step is not "no photos here").
    it.each(NON_TEXT_INPUTS.filter(([what]) => !(PHOTO_STEPS.has(`${flowId}/${stepName}`) && what === 'image') && !(LOCATION_STEPS.has(`${flowId}/${stepName}`) && what === 'location')))("%s gets common:mediaHint (or the step's own hint) and the same question again", (_what, input) => {
      const result = run(before, input);
      expect(result.state).toEqual({ ...before, stepStartedAt: NOW_ISO });
      expect(lineKeys(result)).toEqual([TEXT_STEP_HINTS[`${flowId}/${stepName}`] ?? 'common:mediaHint', ...promptKeys(flowId, stepName)]);
      expect(patches(result)).toEqual([]);
    });
  });

  it('re-asks the same district page the resident was on', () => {
    const before = stateAt('onboarding', 'district', { districtPage: 1 });
    const result = run(before, text('わかりません'));
    expect(result.state?.data).toEqual({ districtPage: 1 });
    expect(chipData(result)).toEqual(['d=area09', 'd=area10', 'dpage=0', 'd=skip', 'g=menu', 'g=cancel', 'g=staff']);
  });
});

describe('a question typed in the middle of a flow', () => {
  it('says that a person can help and how — the staff button and the phone number — and asks the question again', () => {
    const before = stateAt('consultation', 'forWhom', { category: 'elderly' });
    const result = run(before, text('費用はかかりますか?'), makeCtx({ resident: { consent: 'granted' } }));
    expect(result.state).toEqual({ ...before, stepStartedAt: NOW_ISO });
    const help = sent(result).flatMap((m) => m.lines).find((l) => l.key === 'common:askStaff');
    expect(help?.params).toMatchObject({ phone: PHONE, hours: '平日 8:30〜17:15' });
    expect(chipData(result)).toContain('g=staff');
    expect(lineKeys(result)).toEqual(expect.arrayContaining(promptKeys('consultation', 'forWhom')));
    expect(handoffs(result)).toEqual([]);
  });

  it('a typed answer a text step cannot read gets the same help beside its own hint', () => {
    const before = stateAt('consultation', 'phone', { category: 'elderly', contact: 'phone' });
    const result = run(before, text('電話番号はどこに書けばいいですか'), makeCtx({ resident: { consent: 'granted' } }));
    expect(lineKeys(result).slice(0, 2)).toEqual(['consultation:phone.invalid', 'common:askStaff']);
    expect(chipData(result)).toContain('g=staff');
  });

  it('a tap that is no longer valid gets no such line', () => {
    const result = run(stateAt('consultation', 'forWhom', { category: 'elderly' }), postback('x=1'), makeCtx({ resident: { consent: 'granted' } }));
    expect(lineKeys(result)).not.toContain('common:askStaff');
  });
});

describe('media at a step that takes media', () => {
  const video: InboundInput = { kind: 'media', mediaType: 'video', messageId: 'msg-6', fromLine: true };
  const file: InboundInput = { kind: 'media', mediaType: 'file', messageId: 'msg-7', fromLine: true };
  const sticker: InboundInput = { kind: 'sticker', messageId: 'msg-4' };

  it.each<[string, InboundInput]>([['video', video], ['file', file], ['sticker', sticker]])('a %s at the appliance photo step asks for a photo again, not "photos cannot be received here"', (_what, input) => {
    const before = stateAt('donate', 'appliancePhoto', { offer: { kind: 'appliance' } });
    const result = run(before, input, makeCtx({ resident: { consent: 'granted', onboarded: true } }));
    expect(result.state).toEqual({ ...before, stepStartedAt: NOW_ISO });
    expect(lineKeys(result)).toEqual(['donate:appliance.photo.needed', ...promptKeys('donate', 'appliancePhoto')]);
    expect(lineKeys(result)).not.toContain('common:mediaHint');
  });

  it('a video at a step that takes only taps still gets the media hint', () => {
    const result = run(stateAt('volunteer', 'intro'), video);
    expect(lineKeys(result)[0]).toBe('common:mediaHint');
  });
});

describe('expiry is checked lazily against stepStartedAt', () => {
  it('drops a state older than ttlMs and leads the reply with common:expired', () => {
    const old = stateAt('onboarding', 'district', {}, { ageMs: TTL_MS + 1 });
    const result = run(old, text('こんにちは'));
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:expired', 'common:idleText', 'menu:prompt', 'common:callUs']);
    expect(sent(result)).toHaveLength(1);
  });

  it('does not apply a late answer to an expired question', () => {
    const old = stateAt('onboarding', 'consent', {}, { ageMs: TTL_MS + 1 });
    const result = run(old, postback('c=yes'));
    expect(result.state).toBeNull();
    expect(patches(result)).toEqual([]);
    expect(lineKeys(result)[0]).toBe('common:expired');
    expect(lineKeys(result)).toContain('common:staleButton');
  });

  it('still runs a global intent after expiry, with the expiry notice first', () => {
    const old = stateAt('settings', 'choose', {}, { ageMs: TTL_MS * 10 });
    const result = run(old, text('スタッフと話したい'), makeCtx({ resident: { consent: 'granted' } }));
    expect(result.state).toBeNull();
    // The old flow is gone, so the hand-off does not claim to come from it.
    expect(handoffs(result)).toEqual([{ type: 'requestHandoff', fromFlow: null }]);
    expect(lineKeys(result)).toEqual(['common:expired', 'common:handoff.requested', 'handoff:urgentNumbers']);
  });

  it('a rich-menu tap after expiry opens the section with the expiry notice first', () => {
    const old = stateAt('onboarding', 'topics', {}, { ageMs: TTL_MS + 1 });
    const result = run(old, postback('menu=settings'));
    expect(result.state).toMatchObject({ flowId: 'settings', step: 'choose' });
    expect(lineKeys(result)[0]).toBe('common:expired');
  });

  it('treats a state exactly ttlMs old as still valid', () => {
    const edge = stateAt('onboarding', 'consent', {}, { ageMs: TTL_MS });
    const result = run(edge, postback('c=yes'));
    expect(result.state).toMatchObject({ flowId: 'onboarding', step: 'language' });
    expect(lineKeys(result)).not.toContain('common:expired');
    expect(patches(result)).toEqual([{ consent: 'granted', consentVersion: 'privacy-2026-04', consentAt: NOW_ISO }]);
  });

  it('uses the context ttl, not a constant', () => {
    const state = stateAt('onboarding', 'consent', {}, { ageMs: 2 * 60_000 });
    expect(run(state, postback('c=more'), makeCtx({ ttlMs: 60_000 })).state).toBeNull();
    expect(run(state, postback('c=more'), makeCtx({ ttlMs: 3 * 60_000 })).state?.step).toBe('consent');
  });
});

describe('stored states the engine no longer understands', () => {
  it('restarts a flow whose saved version differs, with common:flowUpdated first', () => {
    const stale = stateAt('onboarding', 'topics', { topics: ['disaster'] }, { version: FLOWS.onboarding!.version + 1 });
    const result = run(stale, postback('t=done'));
    expect(result.state).toEqual({ flowId: 'onboarding', version: FLOWS.onboarding!.version, step: 'consent', data: {}, stepStartedAt: NOW_ISO });
    expect(lineKeys(result)[0]).toBe('common:flowUpdated');
    expect(lineKeys(result)).toContain('onboarding:consent.question');
    // The old answer (t=done) must not be applied to the restarted flow.
    expect(patches(result)).toEqual([]);
  });

  it('restarts settings at its first step on a version mismatch', () => {
    const result = run(stateAt('settings', 'withdraw', {}, { version: 0 }), postback('w=yes'));
    expect(result.state).toMatchObject({ flowId: 'settings', step: 'choose', version: FLOWS.settings!.version });
    expect(patches(result)).toEqual([]);
    expect(lineKeys(result)[0]).toBe('common:flowUpdated');
  });

  it('drops a state of an unknown flow with common:flowGone and shows the menu', () => {
    const result = run(stateAt('bazaar', 'pick', {}, { version: 3 }), text('こんにちは'));
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:flowGone', 'common:idleText', 'menu:prompt', 'common:callUs']);
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  it('an unknown flow plus g=menu gives flowGone then the plain menu', () => {
    const result = run(stateAt('bazaar', 'pick', {}, { version: 3 }), postback('g=menu'));
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['common:flowGone', 'menu:prompt', 'common:callUs']);
  });

  it('restarts the flow when the saved step no longer exists', () => {
    const result = run(stateAt('onboarding', 'birthday', { year: 1950 }), text('1950'));
    expect(result.state).toEqual({ flowId: 'onboarding', version: 1, step: 'consent', data: {}, stepStartedAt: NOW_ISO });
    expect(lineKeys(result)[0]).toBe('common:flowUpdated');
  });

  // Global intents work even when the saved state is from an older flow version.
  test('a global intent still works when the saved state is from another version (staff request)', () => {
    const result = run(stateAt('settings', 'choose', {}, { version: 0 }), text('スタッフと話したい'), makeCtx({ resident: { consent: 'granted' } }));
    expect(handoffs(result)).toHaveLength(1);
    expect(result.state).toBeNull();
  });

  test('メニュー with an outdated saved state opens the menu instead of restarting the flow', () => {
    const result = run(stateAt('onboarding', 'district', {}, { version: 0 }), text('メニュー'));
    expect(result.state).toBeNull();
    expect(isMainMenu(lastMessage(result))).toBe(true);
  });

  test('a rich-menu tap with an outdated saved state opens that section', () => {
    const result = run(stateAt('onboarding', 'district', {}, { version: 0 }), postback('menu=consult'));
    expect(result.state).toMatchObject({ flowId: 'consultation', step: 'category' });
    expect(lineKeys(result)).toEqual(['consultation:category.prompt']);
  });

  // Expiry is checked before the version: an old, expired state is dropped, not restarted.
  test('an expired state from another version is dropped as expired, not restarted', () => {
    const result = run(stateAt('settings', 'choose', {}, { version: 0, ageMs: 30 * 24 * 3600_000 }), text('こんにちは'));
    expect(result.state).toBeNull();
    expect(lineKeys(result)[0]).toBe('common:expired');
  });
});

describe('rich-menu taps in the middle of a flow', () => {
  it('menu=settings during onboarding leaves onboarding and opens settings', () => {
    const result = run(stateAt('onboarding', 'district', { districtPage: 1 }), postback('menu=settings'));
    expect(result.state).toEqual({ flowId: 'settings', version: 1, step: 'choose', data: {}, stepStartedAt: NOW_ISO });
    expect(lineKeys(result)).toEqual(['settings:prompt']);
    expect(patches(result)).toEqual([]);
  });

  it('menu=consult during onboarding leaves onboarding and starts a consultation', () => {
    const result = run(stateAt('onboarding', 'consent'), postback('menu=consult'));
    expect(result.state).toMatchObject({ flowId: 'consultation', step: 'category' });
  });

  it('menu=donate during onboarding leaves onboarding and starts a donation offer, consent first', () => {
    const result = run(stateAt('onboarding', 'consent'), postback('menu=donate'));
    expect(result.state).toMatchObject({ flowId: 'donate', step: 'consent', data: {} });
    expect(lineKeys(result).slice(0, 2)).toEqual(['donate:intro', 'donate:consentNeeded']);
    expect(patches(result)).toEqual([]);
  });

  it('menu=settings during settings starts settings afresh', () => {
    const result = run(stateAt('settings', 'topics', { after: 'topics', topics: ['disaster'] }), postback('menu=settings'));
    expect(result.state).toMatchObject({ step: 'choose', data: {} });
  });
});

describe('engine mechanics (with small probe flows)', () => {
  const twelve: Chip[] = Array.from({ length: 12 }, (_, i) => postbackChip(msg('common:literal', { text: `#${i}` }), `p=${i}`));
  const probe: Flow = {
    id: 'probe',
    version: 7,
    start: () => ({ to: 'ask', data: { n: 0 } }),
    steps: {
      ask: {
        prompt: (data, ctx) => [{ lines: [msg('common:literal', { text: `${ctx.resident.language}:${String(data.n)}` })], chips: [postbackChip(msg('common:nav.menu'), 'g=menu')] }],
        parse: (input) => parseChoice(input, 'p', ['lang', 'full', 'over', 'chain', 'bad'] as const),
        next: (v, data) => {
          if (v === 'lang') return { to: 'ask', data: { n: Number(data.n) + 1 }, effects: [{ type: 'updateResident', patch: { language: 'en' } }] };
          if (v === 'full') return { to: 'twelve', data };
          if (v === 'over') return { to: 'thirteen', data };
          if (v === 'bad') return { to: 'nowhere', data };
          return { end: true, messages: [{ lines: [msg('settings:saved')] }], then: { flow: 'settings' } };
        },
      },
      twelve: { prompt: () => [{ lines: [msg('common:literal', { text: '12' })], chips: twelve }], parse: () => ({ ok: false, error: msg('common:pleaseTap') }), next: () => ({ end: true }) },
      thirteen: {
        prompt: () => [{ lines: [msg('common:literal', { text: '13' })], chips: [...twelve, postbackChip(msg('common:nav.skip'), 'p=skip')] }],
        parse: () => ({ ok: false, error: msg('common:pleaseTap') }),
        next: () => ({ end: true }),
      },
    },
  };
  const registry: FlowRegistry = { ...FLOWS, probe };
  const at = (s: string) => ({ flowId: 'probe', version: 7, step: s, data: { n: 0 }, stepStartedAt: new Date(NOW.getTime() - 1000).toISOString() });

  it('does not add a second g=menu chip when the step already offers one', () => {
    const result = begin(probe, makeCtx());
    expect(chipData(result)).toEqual(['g=menu', 'g=cancel']);
  });

  it('prompts the next step in the context after the step\'s own resident patches', () => {
    const result = step({ ...ENGINE, flows: registry }, at('ask'), postback('p=lang'), makeCtx());
    expect(patches(result)).toEqual([{ language: 'en' }]);
    expect(lastMessage(result).lines[0]).toEqual({ key: 'common:literal', params: { text: 'en:1' } });
    // Effects come before the reply so the runner writes, then sends.
    expect(result.effects.map((e) => e.type)).toEqual(['updateResident', 'send']);
  });

  it('adds only g=menu when one chip of room is left, and nothing when the step uses all 13', () => {
    const twelveResult = step({ ...ENGINE, flows: registry }, at('ask'), postback('p=full'), makeCtx());
    expect(chipData(twelveResult)).toHaveLength(13);
    expect(chipData(twelveResult).at(-1)).toBe('g=menu');
    const thirteenResult = step({ ...ENGINE, flows: registry }, at('ask'), postback('p=over'), makeCtx());
    expect(chipData(thirteenResult)).toHaveLength(13);
    expect(chipData(thirteenResult)).not.toContain('g=menu');
  });

  it('ending with then: { flow } starts that flow after the closing messages', () => {
    const result = step({ ...ENGINE, flows: registry }, at('ask'), postback('p=chain'), makeCtx());
    expect(result.state).toMatchObject({ flowId: 'settings', step: 'choose', stepStartedAt: NOW_ISO });
    expect(lineKeys(result)).toEqual(['settings:saved', 'settings:prompt']);
  });

  it('throws a programming error when a step names a step that does not exist', () => {
    expect(() => step({ ...ENGINE, flows: registry }, at('ask'), postback('p=bad'), makeCtx())).toThrow(/probe has no step nowhere/);
  });

  it('the version of the running flow is what gets saved', () => {
    expect(begin(probe, makeCtx()).state).toMatchObject({ flowId: 'probe', version: 7, step: 'ask', data: { n: 0 } });
  });
});
