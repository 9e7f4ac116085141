// Under test: what the disaster module sends, rendered with the real locales/ translator in every language — during
// a drill every message of the module starts with 【訓練】 (its flows' questions, their error lines, its gates'
// answers), outside a drill none does, and every button and quick-reply label it offers fits LINE's 20 characters.
// Only the context is faked (the demo centre, a member with an offered place, at a fixed now).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTranslator, type Translator } from '../../../src/bot/render/i18n';
import { countGraphemes, LINE_LIMITS } from '../../../src/bot/render/message-builder';
import { DRILL_MARK } from '../../../src/domain/disaster/centre';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { Language } from '../../../src/domain/language';
import type { Msg } from '../../../src/domain/message-text';
import type { OutMessage } from '../../../src/domain/out-message';
import { PROJECT_ROOT } from '../../../src/infra/project-root';
import { ALL_LANGUAGES, converse, demoCentre, demoMember, disasterRunning, follow, image, location, makeCtx, postback, sent, text, type Turn } from './flow-test-kit';

const picked = (data: string, date: string): InboundInput => ({ kind: 'postback', data, params: { date } });
const offered = { id: 'a-sat', dayId: 'day-sat', date: '2026-11-28', status: 'chosen' as const, position: 1, replyBy: new Date('2026-11-27T18:00:00+09:00'), checkedInAt: null };
const todays = { id: 'a-today', dayId: 'day-today', date: '2026-11-24', status: 'reconfirmed' as const, position: 1, replyBy: null, checkedInAt: null };

/** Conversations covering every question, answer and error of the module, as a resident of an affected district. */
function conversations(drill: boolean, language: Language): Turn[][] {
  const centre = demoCentre({ drill });
  const resident = { consent: 'granted' as const, onboarded: true, districtCode: 'kaigan', language };
  const newcomer = makeCtx({ resident: { ...resident, consent: 'pending' }, disaster: disasterRunning({ centre }) });
  const member = makeCtx({ resident, disaster: disasterRunning({ centre, member: demoMember({ cover: { plan: null, enrolledOn: null } }), applications: [offered, todays] }) });
  const needer = makeCtx({ resident, disaster: disasterRunning({ centre, needs: [{ id: 'need-1', referenceNo: 'N-261120-ABCD', status: 'done', scheduledOn: '2026-11-28', relation: 'self', householdName: null, address: '海岸町1-2-3', location: null }, { id: 'need-2', referenceNo: 'N-261121-EFGH', status: 'scheduled', scheduledOn: '2026-11-28', relation: 'self', householdName: null, address: '海岸町1-2-3', location: null }] }) });
  return [
    converse(
      [
        text('メニュー'), postback('dz=join'), postback('c=more'), postback('c=yes'), text('x'), postback('dzk=group'), postback('dzk=x'), text('港ボランティア会'), text('たくさん'), postback('dzn=4'), text('山田 太郎'),
        postback('dzo=local'), postback('dzs=mud'), postback('dzs=done'), picked('dzd=date', '2027-01-01'), postback('dzd=done'), picked('dzd=date', '2026-11-28'), postback('dzd=done'),
        text('電話'), text('090-1234-5678'), text('妻'), text('山田 花子 090-2222-3333'), postback('dzi=basic'), picked('dze=date', '2030-01-01'), picked('dze=date', '2026-06-01'),
        postback('dzc=fix'), postback('dzf=origin'), postback('dzo=outside'), postback('dzc=yes'),
      ],
      { ctx: newcomer },
    ),
    converse([postback('dz=join'), postback('dzp=day-sun'), postback('dzp=done'), postback('dz=apply'), postback('dzp=done'), postback('dzp=day-sun'), postback('dzp=done')], { ctx: member }),
    converse([postback('dz=mine'), postback('dz=desk'), postback('dz=main'), postback('dz=ok&a=a-sat'), postback('dz=cancel&a=a-sat'), postback('dz=release&a=a-sat'), postback('dz=ok&a=nope')], { ctx: member }),
    converse([text('受付 TODAY123'), text('受付 SAT11280'), text('受付 ZZZZ0000'), text('受付'), postback('dz=entry'), postback('dzc=no')], { ctx: member }),
    converse([postback('menu=donate')], { ctx: member }),
    converse(
      [
        postback('dz=need'), postback('c=yes'), text('x'), postback('dnr=family'), text('山田 ハナ'), text('電話'), postback('dns=householdPhone'), text('佐藤 次郎'), postback('dns=address'), text('x'), location,
        postback('dnd=done'), postback('dnd=partial'), postback('dnd=done'), postback('dnw=done'), postback('dnw=other'), postback('dnw=done'), text('屋根と2階の片付け'), postback('dnx=wall_removal'), postback('dnx=done'),
        text('x'), image, image, image, postback('dnh=elderly'), postback('dnh=done'), picked('dnt=date', '2027-01-01'), picked('dnt=date', '2026-11-28'), postback('dnt=done'),
        postback('dnc=phone'), text('電話'), text('090-1234-5678'), text('駐車場なし'), postback('dnk=fix'), postback('dnz=relation'), postback('dnr=self'), postback('dnk=yes'),
      ],
      { ctx: newcomer },
    ),
    converse([postback('dz=need'), postback('dnk=no')], { ctx: needer }),
    // 「状況」 is the core's わたしの申し込み now: its need entries carry the mark (tests/unit/flows/disaster-need.test.ts).
    converse([postback('dz=needs'), postback('dn=fine&n=need-1'), postback('dn=more&n=need-1'), postback('dnr=self'), postback('dn=talk&n=need-1')], { ctx: needer }),
    converse([postback('dz=needs')], { ctx: member }),
    converse([follow()], { ctx: makeCtx({ resident: { language }, disaster: disasterRunning({ centre }) }) }),
  ];
}

/** The module's own messages of a turn: a core flow a gate starts (onboarding, donations) speaks for itself after the module's first line. */
function modulesMessages(turn: Turn): OutMessage[] {
  const messages = sent(turn.result);
  const intoCore = turn.result.state && !turn.result.state.flowId.startsWith('disaster');
  return intoCore ? messages.slice(0, 1) : messages;
}

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator(path.join(PROJECT_ROOT, 'locales'));
});

const render = (lang: Language, m: Msg) => translator.t(lang, m.key, m.params);

describe.each(ALL_LANGUAGES)('in %s', (lang) => {
  it('during a drill every message the module sends starts with the drill mark', () => {
    const turns = conversations(true, lang).flat();
    const messages = turns.flatMap(modulesMessages);
    expect(messages.length).toBeGreaterThan(50);
    for (const m of messages) expect(render(lang, m.lines[0]!)).toMatch(new RegExp(`^${DRILL_MARK}`));
  });

  it('outside a drill no message carries the mark', () => {
    const messages = conversations(false, lang).flat().flatMap(modulesMessages);
    for (const m of messages) for (const line of m.lines) expect(render(lang, line)).not.toContain(DRILL_MARK);
  });

  it(`every button and quick-reply label fits LINE's ${LINE_LIMITS.actionLabelGraphemes} characters`, () => {
    const labels = conversations(false, lang)
      .flat()
      .flatMap((t) => sent(t.result))
      .flatMap((m) => [...(m.buttons ?? []), ...(m.chips ?? [])])
      .map((c) => render(lang, c.label));
    expect(labels.length).toBeGreaterThan(30);
    const long = labels.filter((l) => countGraphemes(l) > LINE_LIMITS.actionLabelGraphemes);
    expect(long).toEqual([]);
  });
});
