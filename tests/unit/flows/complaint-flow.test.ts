// Under test: the complaint flow (menu 苦情・ご意見) through the real engine — complaint or opinion, topic, text, the
// way to reply (anonymous needs no consent; LINE or phone asks the existing consent step, and a "no" sends it
// anonymously), the summary, the effect with its K- reference number, cancelling at every step, the safety reply for
// danger words, and a profile without a complaints section. Only the context is faked (fixed now; the demo profile's
// complaints section). The last block renders every message with the real translator in every language.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/bot/render/i18n';
import { renderOutMessages } from '../../../src/bot/render/render-message';
import type { ComplaintEffect } from '../../../src/flows/complaints/module-context';
import type { Effect } from '../../../src/flows/engine/types';
import { PROJECT_ROOT } from '../../../src/infra/project-root';
import { ALL_LANGUAGES, buttonData, chipData, converse, image, isMainMenu, lineKeys, makeCtx, moduleEffects, patches, postback, run, sent, stateAt, text, type Turn } from './flow-test-kit';

const granted = { consent: 'granted' as const, onboarded: true };
const submitted = (effects: Effect[]): ComplaintEffect[] => moduleEffects<ComplaintEffect>(effects, 'complaints');
const last = (turns: Turn[]) => turns.at(-1)!.result;
const START = [postback('menu=complaints'), postback('cpk=complaint'), postback('cpt=staff'), text('窓口で長く待たされました')];

describe('starting', () => {
  it('says who handles complaints (from the profile) and asks complaint or opinion, before any consent', () => {
    const r = run(null, postback('menu=complaints'));
    expect(r.state).toMatchObject({ flowId: 'complaint', step: 'kind' });
    expect(lineKeys(r).slice(0, 3)).toEqual(['complaints:intro', 'complaints:handlers.responsible', 'complaints:handlers.committee']);
    expect(sent(r)[0]!.lines[1]!.params).toEqual({ title: '事務局長', members: '青木 一郎、村上 和子', phone: '045-000-1200' });
    expect(buttonData(r)).toEqual(['cpk=complaint', 'cpk=opinion']);
    expect(chipData(r)).toEqual(['g=menu', 'g=cancel']);
  });

  it('lists the six topics, then asks for the text (an opinion is asked as one)', () => {
    const turns = converse([postback('menu=complaints'), postback('cpk=opinion')]);
    expect(buttonData(last(turns))).toEqual(['cpt=consultation', 'cpt=volunteer', 'cpt=donation', 'cpt=events', 'cpt=staff', 'cpt=other']);
    const t = run(last(turns).state, postback('cpt=events'));
    expect(lineKeys(t)[0]).toBe('complaints:text.promptOpinion');
  });

  it('without a complaints section in the profile, asks residents to call and shows the menu', () => {
    const ctx = makeCtx();
    const r = run(null, postback('menu=complaints'), { ...ctx, modules: { ...ctx.modules, complaints: { info: null } } });
    expect(r.state).toBeNull();
    expect(lineKeys(r)[0]).toBe('menu:notReady.complaints');
    expect(isMainMenu(sent(r).at(-1))).toBe(true);
  });
});

describe('the text', () => {
  it('takes only words, up to 1000 characters', () => {
    const state = stateAt('complaint', 'text', { complaint: { kind: 'complaint', topic: 'staff' } });
    expect(lineKeys(run(state, image))[0]).toBe('complaints:text.onlyText');
    const long = run(state, text('あ'.repeat(1001)));
    expect(long.state?.step).toBe('text');
    expect(sent(long)[0]!.lines[0]).toEqual({ key: 'complaints:text.tooLong', params: { max: 1000, length: 1001 } });
    expect(run(state, text('あ'.repeat(1000))).state?.step).toBe('way');
  });

  it('a danger message gets the safety reply, nothing else, and no complaint', () => {
    const r = run(stateAt('complaint', 'text', { complaint: { kind: 'complaint', topic: 'staff' } }), text('もう死にたい'));
    expect(r.effects.some((e) => e.type === 'safetyAlert')).toBe(true);
    expect(lineKeys(r)).toContain('handoff:safety.emergency');
    expect(lineKeys(r).some((k) => k.startsWith('complaints:'))).toBe(false);
    expect(submitted(r.effects)).toEqual([]);
  });
});

describe('anonymous', () => {
  it('needs no consent: sent with no contact, not linked, with a K- number and who handles it', () => {
    const turns = converse([...START, postback('cpw=none'), postback('cpc=send')]);
    const way = turns[4]!.result;
    expect(way.state?.step).toBe('confirm');
    expect(lineKeys(way)).toEqual(['complaints:confirm.title', 'complaints:summary.kind.complaint', 'complaints:summary.topic.staff', 'complaints:summary.text', 'complaints:summary.anonymous']);
    const done = last(turns);
    expect(done.state).toBeNull();
    expect(patches(done)).toEqual([]);
    expect(submitted(done.effects)).toEqual([
      { type: 'submitComplaint', named: false, complaint: { referenceNo: expect.stringMatching(/^K-261124-[2-9A-Z]{4}$/), kind: 'complaint', topic: 'staff', text: '窓口で長く待たされました', contact: 'none', phone: null } },
    ]);
    expect(lineKeys(done).slice(0, 4)).toEqual(['complaints:confirm.received', 'complaints:confirm.reply.none', 'complaints:handlers.responsible', 'complaints:handlers.committee']);
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it('the summary does not repeat the words (kept messages must not tie them to the LINE id)', () => {
    const turns = converse([...START, postback('cpw=none')]);
    expect(JSON.stringify(sent(last(turns)))).not.toContain('窓口で長く待たされました');
  });
});

describe('named', () => {
  it('LINE reply without consent asks the consent step; a yes records consent and sends it linked', () => {
    const turns = converse([...START, postback('cpw=line'), postback('c=yes'), postback('cpc=send')]);
    expect(turns[4]!.result.state?.step).toBe('consent');
    expect(patches(turns[5]!.result)).toEqual([expect.objectContaining({ consent: 'granted' })]);
    const [effect] = submitted(last(turns).effects);
    expect(effect).toMatchObject({ named: true, complaint: { contact: 'line', phone: null } });
    expect(lineKeys(last(turns))[1]).toBe('complaints:confirm.reply.line');
  });

  it('a "no" to consent sends it anonymously, saying no reply is possible', () => {
    const turns = converse([...START, postback('cpw=line'), postback('c=no'), postback('cpc=send')]);
    expect(lineKeys(turns[5]!.result)[0]).toBe('complaints:consentDeclined');
    expect(patches(turns[5]!.result)).toEqual([]);
    expect(submitted(last(turns).effects)[0]).toMatchObject({ named: false, complaint: { contact: 'none', phone: null } });
  });

  it('a phone reply asks the number (as typed on a phone); a resident who agreed before is not asked again', () => {
    const turns = converse([...START, postback('cpw=phone'), text('abc'), text('０９０ー１２３４ー５６７８'), postback('cpc=send')], { ctx: makeCtx({ resident: granted }) });
    expect(lineKeys(turns[5]!.result)[0]).toBe('complaints:phone.invalid');
    expect(turns[6]!.result.state?.step).toBe('confirm');
    expect(submitted(last(turns).effects)[0]).toMatchObject({ named: true, complaint: { contact: 'phone', phone: '09012345678' } });
  });
});

describe('stopping', () => {
  it('「やめる」 on the summary stores nothing', () => {
    const done = last(converse([...START, postback('cpw=none'), postback('cpc=stop')]));
    expect(done.state).toBeNull();
    expect(submitted(done.effects)).toEqual([]);
    expect(lineKeys(done)[0]).toBe('complaints:confirm.stopped');
  });

  it.each(['kind', 'topic', 'text', 'way', 'phone', 'consent', 'confirm'])('cancel at %s ends the form with nothing stored', (step) => {
    const r = run(stateAt('complaint', step, { complaint: { kind: 'complaint', topic: 'staff', text: 'x', contact: 'line' } }), postback('g=cancel'));
    expect(r.state).toBeNull();
    expect(submitted(r.effects)).toEqual([]);
  });
});

describe('wording', () => {
  it('every message of the flow renders in every language without a missing key', async () => {
    const missing: string[] = [];
    const translator = await createTranslator(path.join(PROJECT_ROOT, 'locales'), { onMissingKey: (lang, key) => missing.push(`${lang} ${key}`) });
    const turns = [
      ...converse([...START, postback('cpw=phone'), text('090-1234-5678'), postback('c=yes'), postback('cpc=send')]),
      ...converse([...START, postback('cpw=none'), postback('cpc=send')]),
    ];
    for (const lang of ALL_LANGUAGES) {
      for (const t of turns) {
        const rendered = JSON.stringify(renderOutMessages(sent(t.result), translator.forLanguage(lang)));
        expect(rendered).not.toMatch(/complaints:|\{\{/);
      }
    }
    expect(missing).toEqual([]);
  });
});
