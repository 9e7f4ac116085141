// Under test: the engine's safety gate and staff gate (danger messages, messages while staff own the thread,
// the once-a-day out-of-hours notice) with the real phrase data and the demo profile's hours; the context is faked.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTranslator, type Translator } from '../../../src/bot/render/i18n';
import { LANGUAGE_INFO, type Language } from '../../../src/domain/language';
import type { Effect, StepResult } from '../../../src/flows/engine/types';
import type { ThreadView } from '../../../src/domain/thread';
import { PROJECT_ROOT } from '../../../src/infra/project-root';
import { ALL_LANGUAGES, image, lineKeys, location, makeCtx, postback, run, sent, stateAt, sticker, text } from './flow-test-kit';

const OPEN = new Date('2026-11-24T01:00:00Z'); // Tue 10:00 JST, open
const NIGHT = new Date('2026-11-24T13:00:00Z'); // Tue 22:00 JST, closed; opens Wed 8:45
// The resident (consent to the privacy notice pending) agreed that staff keep this conversation.
const waiting: ThreadView = { id: 't1', owner: 'waiting', urgent: false, afterHoursNoticeOn: null, consented: true };
const withStaff: ThreadView = { ...waiting, owner: 'staff' };

function ofType<T extends Effect['type']>(effects: Effect[], type: T): Array<Extract<Effect, { type: T }>> {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

describe('a message that signals danger', () => {
  it('before consent, while idle: calm reply with 119/110 and helplines, urgent hand-off, alert and the message kept', () => {
    const result = run(null, text('もう死にたい'), makeCtx({ resident: { consent: 'pending' } }));
    expect(ofType(result.effects, 'requestHandoff')).toEqual([{ type: 'requestHandoff', fromFlow: null, urgent: true }]);
    expect(ofType(result.effects, 'safetyAlert')).toEqual([{ type: 'safetyAlert', category: 'suicide' }]);
    expect(ofType(result.effects, 'forwardToStaff')[0]!.message).toMatchObject({ kind: 'text', text: 'もう死にたい' });
    expect(lineKeys(result)).toEqual(expect.arrayContaining(['handoff:safety.lead.suicide', 'handoff:safety.emergency', 'handoff:safety.helpline', 'handoff:safety.staffTold']));
    const uris = (sent(result)[0]!.chips ?? []).map((c) => (c.kind === 'uri' ? c.uri : ''));
    expect(uris).toEqual(expect.arrayContaining(['tel:119', 'tel:110', 'tel:0570783556']));
    expect(ofType(result.effects, 'updateResident')).toEqual([]);
  });

  it('in the middle of a flow keeps the flow state, so nothing entered is lost', () => {
    const state = stateAt('consultation', 'description', { category: 'elderly', description: ['一人暮らしです'] });
    const result = run(state, text('夫に毎日殴られています'), makeCtx({ resident: { consent: 'granted' } }));
    expect(result.state).toEqual(state);
    expect(ofType(result.effects, 'safetyAlert')[0]!.category).toBe('domestic_violence');
    expect(ofType(result.effects, 'requestHandoff')[0]).toMatchObject({ fromFlow: 'consultation', urgent: true });
  });

  it('while staff own the thread, it still alerts (the bot stays silent otherwise)', () => {
    const result = run(null, text('I want to kill myself'), makeCtx({ thread: withStaff }));
    expect(ofType(result.effects, 'safetyAlert')).toHaveLength(1);
    expect(lineKeys(result)).toContain('handoff:safety.staffTold');
  });

  it('in English, the helplines come with their hours in English', () => {
    const result = run(null, text('I want to kill myself'), makeCtx({ resident: { language: 'en' } }));
    const hours = sent(result).flatMap((m) => m.lines).filter((l) => l.key === 'handoff:safety.helpline').map((l) => String(l.params?.hours));
    expect(hours.length).toBeGreaterThan(0);
    for (const h of hours) expect(h).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it.each(['en', 'zh-Hans', 'ko', 'vi', 'fil', 'ne', 'pt'] as const)('in %s, the foreign-language line that serves it comes first, named as speaking it', (lang) => {
    const result = run(null, text('もう死にたい'), makeCtx({ resident: { language: lang } }));
    const helplines = sent(result).flatMap((m) => m.lines).filter((l) => l.key.startsWith('handoff:safety.helpline'));
    expect(helplines[0]).toMatchObject({ key: 'handoff:safety.helplineInLanguage', params: { phone: '0120-279-338', language: LANGUAGE_INFO[lang].endonym } });
    expect(helplines.length).toBeLessThanOrEqual(3);
    expect(helplines.slice(1).map((l) => l.key)).not.toContain('handoff:safety.helplineInLanguage');
    // いのちの電話 (Japanese only) is still there for suicide.
    expect(helplines.map((l) => l.params?.phone)).toContain('0570-783-556');
  });

  it.each(['ja', 'ja-x-easy'] as const)('in %s, no foreign-language line is offered', (lang) => {
    const result = run(null, text('もう死にたい'), makeCtx({ resident: { language: lang } }));
    const keys = sent(result).flatMap((m) => m.lines).map((l) => l.key);
    expect(keys).toContain('handoff:safety.helpline');
    expect(keys).not.toContain('handoff:safety.helplineInLanguage');
  });

  it('for child abuse in Vietnamese, 189 stays and the Vietnamese general line is added before it', () => {
    const result = run(null, text('近所の子どもが毎晩叩かれて泣いている'), makeCtx({ resident: { language: 'vi' } }));
    const phones = sent(result).flatMap((m) => m.lines).filter((l) => l.key.startsWith('handoff:safety.helpline')).map((l) => l.params?.phone);
    expect(phones).toEqual(['0120-279-338', '189']);
  });

  it('an idiom such as 死ぬほど嬉しい is not danger', () => {
    const result = run(null, text('死ぬほど嬉しい'), makeCtx());
    expect(ofType(result.effects, 'safetyAlert')).toEqual([]);
  });
});

describe('while staff own the conversation', () => {
  it.each([
    ['text', text('こんにちは'), 'text'],
    ['image', image, 'image'],
    ['sticker', sticker, 'sticker'],
    ['location', location, 'location'],
  ] as const)('a %s goes to staff and the bot sends nothing during business hours', (_name, input, kind) => {
    const result = run(null, input, makeCtx({ thread: withStaff, now: OPEN }));
    expect(ofType(result.effects, 'forwardToStaff')[0]!.message.kind).toBe(kind);
    expect(sent(result)).toEqual([]);
  });

  it('even typed menu words go to staff', () => {
    const result = run(null, text('メニュー'), makeCtx({ thread: withStaff, now: OPEN }));
    expect(ofType(result.effects, 'forwardToStaff')).toHaveLength(1);
    expect(sent(result)).toEqual([]);
  });

  it('outside business hours the resident is told once a day when staff will answer', () => {
    const first = run(null, text('夜分にすみません'), makeCtx({ thread: withStaff, now: NIGHT }));
    expect(ofType(first.effects, 'afterHoursNotice')).toEqual([{ type: 'afterHoursNotice', on: '2026-11-24' }]);
    const notice = sent(first)[0]!.lines[0]!;
    expect(notice.key).toBe('handoff:afterHours');
    expect(notice.params?.opens).toBe(Date.parse('2026-11-24T23:45:00Z'));
    const second = run(null, text('もう一通'), makeCtx({ thread: { ...withStaff, afterHoursNoticeOn: '2026-11-24' }, now: NIGHT }));
    expect(sent(second)).toEqual([]);
    expect(ofType(second.effects, 'forwardToStaff')).toHaveLength(1);
  });
});

describe('while waiting for staff', () => {
  it('free text goes to staff; the menu still answers', () => {
    const forwarded = run(null, text('よろしくお願いします'), makeCtx({ thread: waiting, now: OPEN }));
    expect(ofType(forwarded.effects, 'forwardToStaff')).toHaveLength(1);
    const menu = run(null, text('メニュー'), makeCtx({ thread: waiting, now: OPEN }));
    expect(ofType(menu.effects, 'forwardToStaff')).toEqual([]);
    expect(lineKeys(menu)).toContain('menu:prompt');
  });

  it('a running flow keeps its answers instead of forwarding them', () => {
    const state = stateAt('consultation', 'phone', { category: 'elderly', contact: 'phone' });
    const result = run(state, text('045-000-1234'), makeCtx({ thread: waiting, resident: { consent: 'granted' }, now: OPEN }));
    expect(ofType(result.effects, 'forwardToStaff')).toEqual([]);
    expect(result.state?.step).toBe('contactTime');
  });

  it('asking for staff again says they are already connected', () => {
    const result = run(null, postback('g=staff'), makeCtx({ thread: waiting, now: OPEN }));
    expect(ofType(result.effects, 'requestHandoff')).toEqual([]);
    expect(lineKeys(result)).toEqual(['handoff:alreadyWaiting', 'handoff:urgentNumbers']);
  });
});

describe('asking for staff', () => {
  it('outside business hours hands off and says honestly when staff will answer', () => {
    const result = run(null, postback('g=staff'), makeCtx({ now: NIGHT, resident: { consent: 'granted' } }));
    expect(ofType(result.effects, 'requestHandoff')).toHaveLength(1);
    expect(lineKeys(result)).toEqual(['common:handoff.requested', 'handoff:afterHoursAsked', 'handoff:urgentNumbers']);
    expect(ofType(result.effects, 'afterHoursNotice')).toEqual([{ type: 'afterHoursNotice', on: '2026-11-24' }]);
  });

  it('during business hours hands off without the notice', () => {
    const result = run(null, postback('g=staff'), makeCtx({ now: OPEN, resident: { consent: 'granted' } }));
    expect(lineKeys(result)).toEqual(['common:handoff.requested', 'handoff:urgentNumbers']);
  });
});

describe('typing スタッフと話したい while waiting', () => {
  it('gets the already-connected answer rather than being forwarded silently', () => {
    const result = run(null, text('スタッフと話したい'), makeCtx({ thread: waiting, now: OPEN }));
    expect(lineKeys(result)).toEqual(['handoff:alreadyWaiting', 'handoff:urgentNumbers']);
  });
});

describe('flows and staff', () => {
  it('no flow starts while staff own the conversation; the tap gets a short note', () => {
    const result = run(null, postback('menu=consult'), makeCtx({ thread: withStaff, now: OPEN }));
    expect(result.state).toBeNull();
    expect(lineKeys(result)).toEqual(['handoff:withStaff']);
  });

  it('after a danger message, later words reach staff even though the interrupted flow is kept', () => {
    const state = stateAt('onboarding', 'consent');
    const result = run(state, text('もう誰にも話せない'), makeCtx({ thread: { ...waiting, urgent: true }, now: OPEN }));
    expect(ofType(result.effects, 'forwardToStaff')).toHaveLength(1);
    expect(result.state).toEqual(state);
    expect(sent(result)).toEqual([]);
  });
});

describe('an urgent thread waiting for staff', () => {
  it('answers a menu tap with the note instead of starting a flow', () => {
    const result = run(stateAt('onboarding', 'consent'), postback('menu=consult'), makeCtx({ thread: { ...waiting, urgent: true }, now: OPEN }));
    expect(result.state).toMatchObject({ flowId: 'onboarding', step: 'consent' });
    expect(lineKeys(result)).toEqual(['handoff:withStaff']);
  });
});

describe('what asking for staff says', () => {
  let tr: Translator;
  beforeAll(async () => {
    tr = await createTranslator(path.join(PROJECT_ROOT, 'locales'));
  });
  /** Everything the resident reads, rendered in `lang`. */
  const read = (result: StepResult, lang: Language) => sent(result).flatMap((m) => m.lines.map((l) => tr.t(lang, l.key, l.params))).join('\n');
  /** Words that would tell the resident their messages have already reached staff. */
  const DELIVERED: Record<Language, RegExp> = {
    ja: /届いて|届きました/,
    'ja-x-easy': /とどいて|とどきました/,
    en: /reached|received|have got/i,
    'zh-Hans': /已收到|已送达|已转达/,
    ko: /전달되었|받았습니다|도착했/,
    vi: /đã nhận được|đã đến/i,
    fil: /natanggap na|nakarating na/i,
    ne: /प्राप्त भयो|पुगिसक्यो|पुग्यो/,
    pt: /recebemos|recebida|chegou/i,
  };

  it.each(ALL_LANGUAGES.flatMap((lang) => [[lang, 'open', OPEN], [lang, 'closed', NIGHT]] as Array<[Language, string, Date]>))('%s, %s: 119 and 110 appear once each, and nothing says a message reached staff before one was sent', (lang, _when, now) => {
    const result = run(null, postback('g=staff'), makeCtx({ now, resident: { consent: 'granted', language: lang } }));
    const words = read(result, lang);
    expect(words.match(/119/g)).toHaveLength(1);
    expect(words.match(/110/g)).toHaveLength(1);
    expect(words).not.toMatch(DELIVERED[lang]);
  });

  it.each(ALL_LANGUAGES)('%s, closed: asking again while waiting repeats when staff answer and the numbers once, without claiming delivery', (lang) => {
    const result = run(null, postback('g=staff'), makeCtx({ now: NIGHT, thread: waiting, resident: { consent: 'granted', language: lang } }));
    const words = read(result, lang);
    expect(lineKeys(result)).toContain('handoff:alreadyWaiting');
    expect(words.match(/119/g)).toHaveLength(1);
    expect(words).not.toMatch(DELIVERED[lang]);
  });
});
