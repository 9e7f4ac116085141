// Under test: the consultation intake flow run through the real engine (areas from the demo profile, the real
// business-hours arithmetic for the promised reply time); only the context is faked (fixed now, in-memory views).
import type { ConsultationEffect } from '../../../src/flows/consultation/module-context';
import { describe, expect, it } from 'vitest';
import { CONSENT_TOPICS, TOPIC_CONSENT_VERSION } from '../../../src/domain/topic-consent';
import type { ConsultationDraft } from '../../../src/domain/consultation';
import { countGraphemes } from '../../../src/domain/graphemes';
import type { ResidentView } from '../../../src/flows/engine/types';
import { buttonData, chipData, converse, image, isMainMenu, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, type Turn, moduleEffects } from './flow-test-kit';

/** Every sensitive topic agreed earlier, so the intake asks no topic question. */
const allTopics = CONSENT_TOPICS.map((topic) => ({ id: `tc-${topic}`, topic, decision: 'granted' as const, version: TOPIC_CONSENT_VERSION, at: '2026-11-01T00:00:00.000Z' }));
const granted: Partial<ResidentView> = { consent: 'granted', onboarded: true, districtCode: 'area02', topicConsents: allTopics };

function drafts(turns: Turn[]): ConsultationDraft[] {
  return turns.flatMap((t) => moduleEffects<ConsultationEffect>(t.result.effects, 'consultation').flatMap((e) => (e.type === 'submitConsultation' ? [e.draft] : [])));
}

/** Taps through a whole consultation for a resident who already consented. */
const fullIntake = [
  postback('menu=consult'),
  postback('cat=livelihood_loan'),
  postback('about=go'),
  postback('forWhom=family'),
  postback('d=area03'),
  postback('contact=phone'),
  text('０４５ー０００ー１２３４'),
  postback('contactTime=weekday_pm'),
  postback('urgency=soon'),
  text('母の年金だけでは家賃が払えません。'),
  image,
  text('先月から困っています。'),
  postback('desc=done'),
];

describe('choosing an area', () => {
  it('the menu tap lists the first five areas as big buttons with a way to the rest', () => {
    const result = run(null, postback('menu=consult'), makeCtx({ resident: granted }));
    expect(result.state?.flowId).toBe('consultation');
    expect(buttonData(result)).toEqual(['cat=anshin_center', 'cat=guardianship', 'cat=livelihood_loan', 'cat=food_hardship', 'cat=small_disaster_aid', 'catpage=1']);
  });

  it('pages through all thirteen areas and back to the first page', () => {
    const turns = converse([postback('menu=consult'), postback('catpage=1'), postback('catpage=2'), postback('catpage=0')], { ctx: makeCtx({ resident: granted }) });
    const pages = turns.map((t) => buttonData(t.result).filter((d) => d.startsWith('cat=')));
    expect(new Set(pages.slice(0, 3).flat()).size).toBe(13);
    expect(pages[3]).toEqual(pages[0]);
  });

  it('in English every area button has a label LINE shows whole, and the area page gives the full name', () => {
    const ctx = makeCtx({ resident: { ...granted, language: 'en' } });
    const turns = converse([postback('menu=consult'), postback('catpage=1'), postback('catpage=2')], { ctx });
    const labels = turns.flatMap((t) => sent(t.result).flatMap((m) => m.buttons ?? [])).filter((b) => b.kind === 'postback' && b.data.startsWith('cat=')).map((b) => String(b.label.params?.text));
    expect(labels).toHaveLength(13);
    for (const label of labels) expect(countGraphemes(label), label).toBeLessThanOrEqual(20);
    const about = run(stateAt('consultation', 'category'), postback('cat=anshin_center'), ctx);
    expect(sent(about)[0]!.lines[0]!.params?.text).toBe('Help with money management and services (Anshin Center)');
  });

  it('shows the explanation and what to prepare before offering to consult', () => {
    const result = run(stateAt('consultation', 'category'), postback('cat=guardianship'), makeCtx({ resident: granted }));
    expect(lineKeys(result)).toEqual(['common:literal', 'consultation:about.body', 'consultation:about.prepare']);
    expect(sent(result)[0]!.lines[1]!.params?.about).toContain('成年後見');
    expect(buttonData(result)).toEqual(['about=go', 'about=other']);
  });
});

describe('consent before the first personal question', () => {
  it('asks for consent when it is missing, then about the area’s topic, and continues to "for whom" after two yeses', () => {
    const turns = converse([postback('menu=consult'), postback('cat=elderly'), postback('about=go'), postback('c=yes'), postback('tc=yes')]);
    expect(lineKeys(turns[2]!.result)).toContain('consultation:consentNeeded');
    expect(turns[2]!.result.state?.step).toBe('consent');
    expect(patches(turns[3]!.result)).toEqual([expect.objectContaining({ consent: 'granted' })]);
    expect(turns[3]!.result.state?.step).toBe('topicConsent');
    expect(lineKeys(turns[3]!.result)).toContain('consent:topic.health.title');
    expect(patches(turns[4]!.result)).toEqual([{ topicConsents: [{ topic: 'health', decision: 'granted', version: TOPIC_CONSENT_VERSION }] }]);
    expect(turns[4]!.result.state?.step).toBe('forWhom');
  });

  it('a no ends the intake with the phone number and stores nothing personal', () => {
    const turns = converse([postback('menu=consult'), postback('cat=elderly'), postback('about=go'), postback('c=no')]);
    const last = turns[3]!.result;
    expect(last.state).toBeNull();
    expect(lineKeys(last)).toContain('consultation:noConsent');
    expect(patches(last)).toEqual([]);
    expect(isMainMenu(sent(last).at(-1))).toBe(true);
  });
});

describe('the district', () => {
  const atForWhom = stateAt('consultation', 'forWhom', { category: 'elderly' });

  it('uses the district given at onboarding, says why this consultation asks, and offers to change it', () => {
    const result = run(atForWhom, postback('forWhom=self'), makeCtx({ resident: granted }));
    expect(result.state?.step).toBe('district');
    const lines = sent(result).flatMap((m) => m.lines);
    expect(lines.find((l) => l.key === 'common:district.known')?.params).toEqual({ district: '第2地区' });
    expect(lineKeys(result)).toContain('consultation:district.why');
    expect(lineKeys(result)).not.toContain('onboarding:district.why');
    expect(buttonData(result)).toEqual(['d=area02', 'dchange=1']);
    const kept = run(result.state, postback('d=area02'), makeCtx({ resident: granted }));
    expect(kept.state).toMatchObject({ step: 'contact', data: { district: 'area02' } });
  });

  it('changing it lists every district, and the one chosen is used for this consultation only', () => {
    const turns = converse([postback('forWhom=self'), postback('dchange=1'), postback('d=area05')], { state: atForWhom, ctx: makeCtx({ resident: granted }) });
    expect(chipData(turns[1]!.result)).toEqual(expect.arrayContaining(['d=area01', 'd=area05', 'd=skip']));
    expect(lineKeys(turns[1]!.result)).toContain('consultation:district.why');
    expect(turns[2]!.result.state).toMatchObject({ step: 'contact', data: { district: 'area05' } });
    expect(patches(turns[2]!.result)).toEqual([]);
  });

  it('without a known district, lists them with the reason for this consultation', () => {
    const result = run(atForWhom, postback('forWhom=self'), makeCtx({ resident: { ...granted, districtCode: null } }));
    expect(lineKeys(result)).toEqual(['onboarding:district.prompt', 'consultation:district.why']);
    expect(chipData(result)).toContain('d=skip');
  });

  it('fixing the district from the summary lists them', () => {
    const result = run(stateAt('consultation', 'fix', { category: 'elderly', district: 'area02' }), postback('fix=district'), makeCtx({ resident: granted }));
    expect(chipData(result)).toEqual(expect.arrayContaining(['d=area01', 'd=skip']));
    expect(lineKeys(result)).not.toContain('common:district.known');
  });
});

describe('a whole intake', () => {
  const turns = converse([...fullIntake, postback('confirm=send')], { ctx: makeCtx({ resident: granted }) });

  it('collects the description over several messages and a photo, then shows the summary', () => {
    const summary = turns[12]!.result;
    expect(summary.state?.step).toBe('confirm');
    expect(lineKeys(summary)).toEqual(expect.arrayContaining(['consultation:summary.title', 'consultation:summary.forWhom.family', 'consultation:summary.contactPhone', 'consultation:summary.urgency.soon']));
    const description = sent(summary)[0]!.lines.find((l) => l.key === 'consultation:summary.description');
    expect(description?.params).toEqual({ text: '母の年金だけでは家賃が払えません。\n先月から困っています。', photos: 1 });
  });

  it('submits one consultation routed to the area team, hands the thread off and gives a reference number and reply time', () => {
    const [draft] = drafts(turns);
    expect(draft).toMatchObject({
      categoryCode: 'livelihood_loan',
      teamCode: 'livelihood',
      forWhom: 'family',
      districtCode: 'area03',
      contactMethod: 'phone',
      phone: '0450001234',
      contactTime: 'weekday_pm',
      urgency: 'soon',
      photoMessageIds: ['msg-2'],
    });
    expect(draft!.referenceNo).toMatch(/^S-\d{6}-[2-9A-Z]{4}$/);
    const last = turns.at(-1)!.result;
    expect(last.state).toBeNull();
    expect(last.effects).toContainEqual({ type: 'requestHandoff', fromFlow: 'consultation', urgent: false, teamCode: 'livelihood' });
    expect(lineKeys(last).slice(0, 3)).toEqual(['consultation:done.received', 'consultation:done.by.phone', 'consultation:done.meanwhile']);
    expect(sent(last)[0]!.lines[0]!.params?.ref).toBe(draft!.referenceNo);
  });

  it('promises a reply one business day later, skipping the weekend (Friday 16:00 JST → Monday 16:00 JST)', () => {
    const friday = new Date('2026-11-27T07:00:00Z'); // Fri 16:00 JST; hours 8:45–17:15; "soon" = 510 business minutes
    const t = converse([...fullIntake, postback('confirm=send')], { ctx: makeCtx({ resident: granted, now: friday }), gapMs: 0 });
    const [draft] = drafts(t);
    expect(draft!.replyDueAt).toBe('2026-11-30T07:00:00.000Z');
    expect(sent(t.at(-1)!.result)[0]!.lines[1]!.params?.due).toBe(Date.parse('2026-11-30T07:00:00.000Z'));
  });
});

describe('fixing answers from the summary', () => {
  it('changes one answer and comes straight back to the summary', () => {
    const turns = converse([...fullIntake, postback('confirm=fix'), postback('fix=urgency'), postback('urgency=urgent'), postback('confirm=send')], { ctx: makeCtx({ resident: granted }) });
    expect(turns[13]!.result.state?.step).toBe('fix');
    expect(turns[15]!.result.state?.step).toBe('confirm');
    expect(lineKeys(turns[15]!.result)).toContain('consultation:summary.urgency.urgent');
    const [draft] = drafts(turns);
    expect(draft).toMatchObject({ urgency: 'urgent', forWhom: 'family', phone: '0450001234' });
  });

  it('rewriting the description starts it afresh', () => {
    const turns = converse([...fullIntake, postback('confirm=fix'), postback('fix=description'), text('書き直しました。'), postback('desc=done')], { ctx: makeCtx({ resident: granted }) });
    const description = sent(turns.at(-1)!.result)[0]!.lines.find((l) => l.key === 'consultation:summary.description');
    expect(description?.params).toEqual({ text: '書き直しました。', photos: 0 });
  });
});

describe('bad input keeps the answers', () => {
  it('an unreadable phone number asks again and keeps the state', () => {
    const state = stateAt('consultation', 'phone', { category: 'elderly', forWhom: 'self', contact: 'phone' });
    const result = run(state, text('わかりません'), makeCtx({ resident: granted }));
    expect(result.state?.data).toEqual(state.data);
    expect(lineKeys(result)[0]).toBe('consultation:phone.invalid');
  });

  it('finishing the description without any text asks for text first', () => {
    const state = stateAt('consultation', 'description', { category: 'elderly', photos: ['p1'] });
    const result = run(state, postback('desc=done'), makeCtx({ resident: granted }));
    expect(result.state?.step).toBe('description');
    expect(lineKeys(result)[0]).toBe('consultation:description.empty');
  });

  it('every step offers the way back to the menu', () => {
    const turns = converse(fullIntake, { ctx: makeCtx({ resident: granted }) });
    for (const t of turns.slice(0, -1)) {
      const chips = (sent(t.result).at(-1)?.chips ?? []).map((c) => (c.kind === 'postback' ? c.data : ''));
      expect(chips).toContain('g=menu');
    }
  });

  it('the saved state survives structuredClone', () => {
    const turns = converse(fullIntake, { ctx: makeCtx({ resident: granted }) });
    const state = turns.at(-1)!.result.state;
    expect(structuredClone(state)).toEqual(state);
  });
});

describe('a very long description', () => {
  it('refuses text past the limit, keeps what was written, and the summary stays within LINE limits', () => {
    const long = 'あ'.repeat(3000);
    const turns = converse([...fullIntake.slice(0, 9), text(long), text(long), postback('desc=done')], { ctx: makeCtx({ resident: granted }) });
    expect(lineKeys(turns[10]!.result)[0]).toBe('consultation:description.tooLong');
    expect(turns[10]!.result.state?.data.description).toEqual([long]);
    const summary = sent(turns[11]!.result)[0]!.lines.find((l) => l.key === 'consultation:summary.description');
    expect(String(summary?.params?.text).length).toBeLessThanOrEqual(801);
  });
});
