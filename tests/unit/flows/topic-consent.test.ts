// Under test: consent per topic in the pure engine — the question asked when a consultation area first needs a
// topic, a declined topic (details not kept, asked again only when a later consultation needs it), Settings'
// 同意の確認 (list and withdraw, with the consultation module's erasure), and the safety reply before all of it.
// Nothing is faked but the context (fixed now, the demo profile's areas); the kit folds resident patches like the runner.
import { describe, expect, it } from 'vitest';
import { CONSENT_TOPICS, currentConsents, REFERRAL_CONSENT_VERSION, TOPIC_CONSENT_VERSION, type TopicConsentRecord } from '../../../src/domain/topic-consent';
import type { ConsultationEffect } from '../../../src/flows/consultation/module-context';
import type { ResidentView } from '../../../src/flows/engine/types';
import { buttonData, chipData, converse, lineKeys, makeCtx, moduleEffects, patches, postback, run, stateAt, text } from './flow-test-kit';

const consented: Partial<ResidentView> = { consent: 'granted', onboarded: true, districtCode: 'area02', topicConsents: [] };
const intakeToUrgency = [postback('forWhom=self'), postback('d=area02'), postback('contact=phone'), text('045-000-1234'), postback('contactTime=anytime'), postback('urgency=normal')];

function drafts(turns: ReturnType<typeof converse>) {
  return turns.flatMap((t) => moduleEffects<ConsultationEffect>(t.result.effects, 'consultation').flatMap((e) => (e.type === 'submitConsultation' ? [e.draft] : [])));
}

describe('the current decision per topic', () => {
  it('is the latest row of each topic, history kept', () => {
    const rows: TopicConsentRecord[] = [
      { id: 'a', topic: 'health', decision: 'granted', version: 'v1', at: '2026-01-01T00:00:00.000Z' },
      { id: 'b', topic: 'health', decision: 'withdrawn', version: 'v1', at: '2026-02-01T00:00:00.000Z' },
      { id: 'c', topic: 'money', decision: 'declined', version: 'v1', at: '2026-01-05T00:00:00.000Z' },
    ];
    expect(currentConsents(rows).map((r) => r.id).sort()).toEqual(['b', 'c']);
  });
});

describe('asked when a consultation area first needs it', () => {
  it('an area touching health asks in plain words with big はい/いいえ buttons and a way back to the menu', () => {
    const ctx = makeCtx({ resident: consented });
    const result = run(stateAt('consultation', 'about', { category: 'elderly' }), postback('about=go'), ctx);
    expect(result.state?.step).toBe('topicConsent');
    expect(lineKeys(result)).toEqual(['consent:topic.health.title', 'consent:topic.health.kept', 'consent:ask.why', 'consent:ask.who', 'consent:ask.withdraw', 'consent:ask.question']);
    expect(buttonData(result)).toEqual(['tc=yes', 'tc=no']);
    expect(chipData(result)).toEqual(['g=menu', 'g=cancel']);
  });

  it('an area touching two topics asks about each, one at a time, each answer stored with its version', () => {
    const turns = converse([postback('menu=consult'), postback('cat=disability'), postback('about=go'), postback('tc=yes'), postback('tc=no')], { ctx: makeCtx({ resident: consented }) });
    expect(patches(turns[3]!.result)).toEqual([{ topicConsents: [{ topic: 'disability', decision: 'granted', version: TOPIC_CONSENT_VERSION }] }]);
    expect(turns[3]!.result.state?.step).toBe('topicConsent');
    expect(patches(turns[4]!.result)).toEqual([{ topicConsents: [{ topic: 'health', decision: 'declined', version: TOPIC_CONSENT_VERSION }] }]);
    expect(turns[4]!.result.state).toMatchObject({ step: 'forWhom', data: { declinedTopics: ['health'] } });
  });

  it('an area with no sensitive topic asks nothing', () => {
    const result = run(stateAt('consultation', 'about', { category: 'volunteering' }), postback('about=go'), makeCtx({ resident: consented }));
    expect(result.state?.step).toBe('forWhom');
  });

  it('a granted topic is not asked again', () => {
    const resident = { ...consented, topicConsents: [{ id: 'x', topic: 'health', decision: 'granted' as const, version: 'v', at: '2026-11-01T00:00:00.000Z' }] };
    const result = run(stateAt('consultation', 'about', { category: 'elderly' }), postback('about=go'), makeCtx({ resident }));
    expect(result.state?.step).toBe('forWhom');
  });
});

describe('a declined topic', () => {
  const turns = converse([postback('menu=consult'), postback('cat=elderly'), postback('about=go'), postback('tc=no'), ...intakeToUrgency, postback('confirm=send')], { ctx: makeCtx({ resident: consented }) });

  it('says plainly what happens, offers phone or a visit only, skips the written details and still sends the consultation', () => {
    expect(lineKeys(turns[3]!.result)).toContain('consent:ask.declined');
    const contact = turns.find((t) => t.result.state?.step === 'contact')!;
    expect(buttonData(contact.result)).toEqual(['contact=phone', 'contact=visit']);
    expect(lineKeys(contact.result)).toContain('consultation:contact.byVoice');
    const atUrgency = turns.findIndex((t) => t.input.kind === 'postback' && t.input.data === 'urgency=normal');
    expect(turns[atUrgency]!.result.state?.step).toBe('confirm');
    expect(lineKeys(turns[atUrgency]!.result)).toContain('consultation:summary.descriptionNotKept');
    const [draft] = drafts(turns);
    expect(draft).toMatchObject({ categoryCode: 'elderly', description: '', photoMessageIds: [], contactMethod: 'phone' });
    expect(lineKeys(turns.at(-1)!.result)).toContain('consultation:done.notKept');
  });

  it('is not asked again in an area that does not need it, and asked again in one that does', () => {
    const declined = { ...consented, topicConsents: [{ id: 'd', topic: 'health', decision: 'declined' as const, version: 'v', at: '2026-11-01T00:00:00.000Z' }] };
    expect(run(stateAt('consultation', 'about', { category: 'volunteering' }), postback('about=go'), makeCtx({ resident: declined })).state?.step).toBe('forWhom');
    expect(run(stateAt('consultation', 'about', { category: 'elderly' }), postback('about=go'), makeCtx({ resident: declined })).state?.step).toBe('topicConsent');
    // Onboarding and the menu never ask it.
    const menu = run(null, postback('menu=settings'), makeCtx({ resident: declined }));
    expect(lineKeys(menu).some((k) => k.startsWith('consent:topic'))).toBe(false);
  });

  it('a danger message at the question gets the safety reply, nothing stored', () => {
    const result = run(stateAt('consultation', 'topicConsent', { category: 'elderly', askTopics: ['health'] }), text('死にたい'), makeCtx({ resident: consented }));
    expect(result.effects.some((e) => e.type === 'safetyAlert')).toBe(true);
    expect(patches(result)).toEqual([]);
  });
});

describe('Settings → 同意の確認', () => {
  const rows: TopicConsentRecord[] = [
    { id: 'h', topic: 'health', decision: 'granted', version: 'v', at: '2026-11-01T00:00:00.000Z' },
    { id: 'm', topic: 'money', decision: 'declined', version: 'v', at: '2026-11-02T00:00:00.000Z' },
    { id: 'r', topic: 'referral:minsei', decision: 'granted', version: 'v', at: '2026-11-03T00:00:00.000Z' },
  ];
  const ctx = makeCtx({ resident: { ...consented, topicConsents: rows } });

  it('lists each topic given, declined or not asked with the date, and offers to withdraw what was given', () => {
    const turns = converse([postback('menu=settings'), postback('s=consents')], { ctx });
    const list = turns[1]!.result;
    expect(list.state).toMatchObject({ flowId: 'consents', step: 'list' });
    expect(lineKeys(list)).toEqual([
      'consent:review.title',
      'consent:review.general.granted',
      'consent:review.status.granted',
      'consent:review.status.notAsked',
      'consent:review.status.declined',
      'consent:review.status.notAsked',
      'consent:review.referral.granted',
      'consent:review.canWithdraw',
    ]);
    expect(buttonData(list)).toEqual(['tw=health', 'tw=referrals', 'tw=done']);
  });

  it('referral consents are withdrawn from their own list; the consequence names the body and its phone', () => {
    const turns = converse([postback('menu=settings'), postback('s=consents'), postback('tw=referrals'), postback('tw=referral:minsei'), postback('twc=yes')], { ctx });
    expect(buttonData(turns[2]!.result)).toEqual(['tw=referral:minsei', 'tw=done']);
    expect(lineKeys(turns[3]!.result)).toEqual(['consent:withdraw.referral.deletes', 'consent:withdraw.confirm']);
    expect(patches(turns[4]!.result)).toEqual([{ topicConsents: [{ topic: 'referral:minsei', decision: 'withdrawn', version: REFERRAL_CONSENT_VERSION }] }]);
    expect(moduleEffects(turns[4]!.result.effects, 'consultation')).toEqual([]);
  });

  it('with every topic and many referrals given, no message has more than six buttons', () => {
    const many: TopicConsentRecord[] = [
      ...CONSENT_TOPICS.map((topic) => ({ id: topic, topic, decision: 'granted' as const, version: 'v', at: '2026-11-01T00:00:00.000Z' })),
      ...['houkatsu_kaigan', 'careplaza_sakura', 'minsei', 'seikatsu_shien'].map((p) => ({ id: p, topic: `referral:${p}`, decision: 'granted' as const, version: 'v', at: '2026-11-01T00:00:00.000Z' })),
    ];
    const turns = converse([postback('menu=settings'), postback('s=consents'), postback('tw=referrals')], { ctx: makeCtx({ resident: { ...consented, topicConsents: many } }) });
    for (const t of turns) expect(buttonData(t.result).length).toBeLessThanOrEqual(6);
    expect(buttonData(turns[1]!.result)).toEqual(['tw=disability', 'tw=family', 'tw=health', 'tw=money', 'tw=referrals', 'tw=done']);
  });

  it('withdrawing health says what is deleted and what stays, then stores the withdrawal and erases the open consultations’ details', () => {
    const turns = converse([postback('menu=settings'), postback('s=consents'), postback('tw=health'), postback('twc=yes')], { ctx });
    expect(lineKeys(turns[2]!.result)).toEqual(['consent:withdraw.topic.health', 'consultation:topicWithdrawal.warn', 'consent:withdraw.stays', 'consent:withdraw.confirm']);
    const done = turns[3]!.result;
    expect(patches(done)).toEqual([{ topicConsents: [{ topic: 'health', decision: 'withdrawn', version: TOPIC_CONSENT_VERSION }] }]);
    expect(moduleEffects<ConsultationEffect>(done.effects, 'consultation')).toEqual([{ type: 'forgetDetails', categories: ['elderly', 'disability', 'hikikomori'] }]);
    expect(lineKeys(done)).toContain('consultation:topicWithdrawal.done');
    expect(done.state).toBeNull();
  });

  it('"no" keeps the consent and writes nothing', () => {
    const turns = converse([postback('menu=settings'), postback('s=consents'), postback('tw=health'), postback('twc=no')], { ctx });
    expect(patches(turns[3]!.result)).toEqual([]);
    expect(lineKeys(turns[3]!.result)).toContain('consent:withdraw.kept');
  });
});

describe('withdrawing the general consent', () => {
  it('withdraws every topic and referral consent given, and erases the open consultations’ details under those topics', () => {
    const rows: TopicConsentRecord[] = [
      { id: 'h', topic: 'health', decision: 'granted', version: 'v', at: '2026-11-01T00:00:00.000Z' },
      { id: 'm', topic: 'money', decision: 'declined', version: 'v', at: '2026-11-02T00:00:00.000Z' },
      { id: 'r', topic: 'referral:minsei', decision: 'granted', version: 'v', at: '2026-11-03T00:00:00.000Z' },
    ];
    const turns = converse([postback('menu=settings'), postback('s=consent'), postback('w=yes')], { ctx: makeCtx({ resident: { ...consented, topicConsents: rows } }) });
    expect(lineKeys(turns[1]!.result)).toContain('consent:withdraw.withGeneral');
    const done = turns[2]!.result;
    expect(patches(done)[0]).toMatchObject({
      consent: 'declined',
      topicConsents: [
        { topic: 'health', decision: 'withdrawn', version: TOPIC_CONSENT_VERSION },
        { topic: 'referral:minsei', decision: 'withdrawn', version: REFERRAL_CONSENT_VERSION },
      ],
    });
    expect(moduleEffects<ConsultationEffect>(done.effects, 'consultation')).toEqual([{ type: 'forgetDetails', categories: ['elderly', 'disability', 'hikikomori'] }]);
  });

  it('says nothing more when no topic was given', () => {
    const turns = converse([postback('menu=settings'), postback('s=consent'), postback('w=yes')], { ctx: makeCtx({ resident: consented }) });
    expect(lineKeys(turns[1]!.result)).not.toContain('consent:withdraw.withGeneral');
    expect(patches(turns[2]!.result)[0]).not.toHaveProperty('topicConsents');
  });
});
