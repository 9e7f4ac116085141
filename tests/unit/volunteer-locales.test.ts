// Under test: the volunteer section's words as residents read them — every button label of the volunteer flows
// and of the invitation and report notices fits LINE's 20 characters in every language (the renderer would cut it
// with "…"), and the thanks for reported hours reads right (1 hour, 2 hours, "5 hours or more"). Real locales/
// and the real i18next translator; the conversation context is faked by the flow test kit (fixed now).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTranslator, type Translator } from '../../src/bot/render/i18n';
import { LINE_LIMITS } from '../../src/bot/render/message-builder';
import { invitationNotice, reportNotice } from '../../src/bot/volunteers/notices';
import { LANGUAGES, type Language } from '../../src/domain/language';
import type { Msg } from '../../src/domain/message-text';
import type { FlowData } from '../../src/flows/engine/types';
import { FLOWS } from './flows/flow-test-kit';
import { councilView, demoVolunteer, makeCtx, postback, run, sent } from './flows/flow-test-kit';

const localesDir = join(fileURLToPath(new URL('../../', import.meta.url)), 'locales');
let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator(localesDir);
});

const graphemes = (s: string) => [...new Intl.Segmenter().segment(s)].length;

/** Flow data that makes every volunteer step show all of its labels (chosen options with ✓ included). */
const DATA_VARIANTS: FlowData[] = [
  {},
  { editing: true, draft: { skills: ['listening'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], parts: ['am', 'pm', 'evening'], plan: 'basic' }, request: { requester: 'organisation', orgName: 'X', kind: 'escort', date: '2026-12-05', part: 'any', people: 5 } },
];

/** Every volunteer:* label of the volunteer and activity-report flows' buttons and chips, in one language. */
function flowLabels(lang: Language): Array<{ where: string; label: Msg }> {
  const out: Array<{ where: string; label: Msg }> = [];
  for (const flow of [FLOWS.volunteer!, FLOWS.activityReport!]) {
    for (const [name, def] of Object.entries(flow.steps)) {
      for (const status of ['active', 'paused'] as const) {
        const ctx = makeCtx({ resident: { language: lang, consent: 'granted', onboarded: true }, volunteer: demoVolunteer({ status }) });
        for (const data of DATA_VARIANTS) {
          for (const m of def.prompt(data, ctx)) {
            for (const c of [...(m.buttons ?? []), ...(m.chips ?? [])]) if (c.label.key.startsWith('volunteer:')) out.push({ where: `${flow.id}/${name}`, label: c.label });
          }
        }
      }
    }
  }
  return out;
}

describe('volunteer button labels', () => {
  it('the flows offer the labels this test checks', () => {
    const keys = new Set(flowLabels('en').map((l) => l.label.key));
    for (const key of ['volunteer:intro.register', 'volunteer:request.who.organisation', 'volunteer:weekdayOn.wed', 'volunteer:home.resume', 'volunteer:report.noNote']) expect(keys).toContain(key);
  });

  it.each(LANGUAGES)('every label of the volunteer flows fits in 20 characters in %s', (lang) => {
    const tooLong = flowLabels(lang)
      .map(({ where, label }) => ({ where, key: label.key, text: translator.t(lang, label.key, label.params) }))
      .filter((l) => graphemes(l.text) > LINE_LIMITS.actionLabelGraphemes);
    expect(tooLong).toEqual([]);
  });

  it('the English labels reviewers found cut off now read in full', () => {
    expect(translator.t('en', 'volunteer:intro.register')).toBe('Become a volunteer');
    expect(translator.t('en', 'volunteer:request.who.organisation')).toBe('A group or facility');
  });

  it.each(LANGUAGES)('the invitation and report notices carry labels that fit in 20 characters in %s', (lang) => {
    const council = councilView();
    const r = { kind: 'escort', date: '2026-12-05', referenceNo: 'V-261124-ABCD' };
    const actions = [...(invitationNotice(translator, council, r, 'inv-1').content.actions ?? []), ...(reportNotice(translator, council, r, 'inv-1').content.actions ?? [])];
    expect(actions).toHaveLength(7);
    for (const a of actions) expect(graphemes(a.label[lang] ?? ''), `${lang} ${a.data}: ${a.label[lang]}`).toBeLessThanOrEqual(LINE_LIMITS.actionLabelGraphemes);
  });

  it('the "5" report button says "or more" in every language', () => {
    const labels = reportNotice(translator, councilView(), { kind: 'escort', date: '2026-12-05', referenceNo: 'V-261124-ABCD' }, 'inv-1').content.actions!.find((a) => a.data.endsWith('&h=5'))!.label;
    expect(labels).toEqual({ ja: '5時間以上', 'ja-x-easy': '5じかん いじょう', en: '5 hours or more', 'zh-Hans': '5小时以上', ko: '5시간 이상', vi: 'Từ 5 giờ trở lên', fil: '5 oras o higit pa', ne: '5 घण्टा वा बढी', pt: '5 horas ou mais' });
  });
});

describe('the thanks for reported hours', () => {
  const inv = { id: 'inv-1', requestId: 'req-1', status: 'accepted' as const, people: 1, accepted: 1, open: false, kind: 'escort', date: '2026-11-21', referenceNo: 'V-261101-ABCD', insured: true };
  /** What the resident reads first after tapping the `hours` button, in `lang`. */
  const thanks = (hours: number, lang: Language) => {
    const result = run(null, postback(`vr=inv-1&h=${hours}`), makeCtx({ resident: { language: lang, consent: 'granted', onboarded: true }, invitations: [inv] }));
    const line = sent(result)[0]!.lines[0]!;
    return translator.t(lang, line.key, line.params);
  };

  it('reads "1 hour", "2 hours" and "5 hours or more" in English', () => {
    expect(thanks(1, 'en')).toBe('Recorded: 1 hour. Thank you!');
    expect(thanks(2, 'en')).toBe('Recorded: 2 hours. Thank you!');
    expect(thanks(5, 'en')).toBe('Recorded: 5 hours or more. Thank you!');
  });

  it('reads the hours, and "or more" for 5, in Japanese and easy Japanese', () => {
    expect(thanks(1, 'ja')).toBe('1時間で記録しました。ありがとうございました。');
    expect(thanks(3, 'ja')).toBe('3時間で記録しました。ありがとうございました。');
    expect(thanks(5, 'ja')).toBe('5時間以上で記録しました。ありがとうございました。');
    expect(thanks(2, 'ja-x-easy')).toBe('2じかんで きろく しました。ありがとう ございました。');
    expect(thanks(5, 'ja-x-easy')).toBe('5じかん いじょうで きろく しました。ありがとう ございました。');
  });
});
