// Under test: every button and quick-reply label offered by the サロン・行事 (events and salons), 寄付・寄贈
// (donate) and 設定 (settings) sections, and by the main menu, fits LINE's 20-character label limit in every
// language — the renderer would otherwise cut it with "…". The labels are not listed by hand: they are collected
// by walking the real flows through the real engine, from each menu section, tapping every button offered and
// trying a few typed answers, a photo and a date at each step, until no new state appears. Only the context is
// faked (the demo profile, with more salons and events for paging, residents with and without consent and
// places); labels are rendered with the real locales/ translator. The last block checks that texts pointing to
// the events menu name its buttons as they are labelled.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { councilView as realCouncilView } from '../../../src/bot/render/council-view';
import { createTranslator, type Translator } from '../../../src/bot/render/i18n';
import { LINE_LIMITS, countGraphemes } from '../../../src/bot/render/message-builder';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { Msg } from '../../../src/domain/message-text';
import type { Chip } from '../../../src/domain/out-message';
import type { FlowContext, FlowState } from '../../../src/flows/engine/types';
import { loadCouncilProfile } from '../../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../../src/infra/project-root';
import { ALL_LANGUAGES, applyPatch, demoEvents, image, makeCtx, patches, postback, run, sent, text } from './flow-test-kit';

/** The namespaces whose labels this test holds to the limit (the sections walked below and the main menu). */
const NAMESPACES = ['events', 'salons', 'donate', 'settings', 'menu'];
/** The flows walked; leaving them (to the menu, or another section) ends a path. */
const FLOWS = ['events', 'salons', 'donate', 'settings'];
const SECTIONS = ['menu=events', 'menu=donate', 'menu=settings'];
/** Answers tried at every step besides its buttons: a name, phone numbers, an amount, goods, an address, a photo. */
const TRIES: InboundInput[] = [text('山田 花子'), text('0451234567'), text('10000'), text('タオル 10枚'), text('横浜市中区1-2-3'), image];
/** A step is expanded at most this often per starting context and kind of data, so loops that add items (food) stay bounded. */
const PER_STEP = 25;

const council = realCouncilView(loadCouncilProfile(path.join(PROJECT_ROOT, 'profiles', 'demo-council.yaml')));
/** The demo council with six more salons in 海岸地区, so its list has pages. */
const crowded = { ...council, salons: [...council.salons, ...Array.from({ length: 6 }, (_, i) => ({ ...council.salons[0]!, code: `extra-${i}` }))] };
/** Six events, the resident registered for each, so both lists have pages. */
const sixEvents = (() => {
  const upcoming = Array.from({ length: 6 }, (_, i) => ({ ...demoEvents().upcoming[0]!, id: `ev-${i}` }));
  return { upcoming, mine: upcoming.map((e) => ({ eventId: e.id, status: 'registered' as const, position: null })) };
})();
const wanted = [{ name: 'お米', note: '5kgまで' }];
const residents: Array<FlowContext['resident'] | Partial<FlowContext['resident']>> = [
  {},
  { consent: 'granted', onboarded: true, districtCode: 'kaigan' },
  { consent: 'granted', onboarded: true, districtCode: 'shiomidai', salons: ['shiomidai-cafe'] },
];
const places = [
  [],
  [
    { eventId: 'ev-course', status: 'registered' as const, position: null },
    { eventId: 'ev-festival', status: 'waitlisted' as const, position: 1 },
  ],
];

/** What a tap on `chip` sends, or null for chips that leave the walked sections (menu, cancel, staff, links). */
function inputOf(chip: Chip, tr: Translator): InboundInput | null {
  switch (chip.kind) {
    case 'postback':
      return /^(g|menu)=/.test(chip.data) ? null : postback(chip.data);
    case 'datePicker':
      return { kind: 'postback', data: chip.data, params: { date: '2027-06-30' } };
    case 'text':
      return text(tr.t('ja', chip.text.key, chip.text.params));
    case 'uri':
      return null;
    case 'location':
      return { kind: 'location', messageId: 'msg-loc', latitude: 35.44, longitude: 139.64 };
  }
}

/** Walks every section from every starting context; returns each label shown with where it was seen. */
function collectLabels(tr: Translator): Map<string, { label: Msg; at: string }> {
  const labels = new Map<string, { label: Msg; at: string }>();
  const expanded = new Map<string, number>();
  const seen = new Set<string>();
  const queue: Array<{ root: number; state: FlowState | null; ctx: FlowContext; input: InboundInput }> = [];
  const roots: FlowContext[] = [];
  for (const resident of residents) {
    for (const mine of places) {
      roots.push(makeCtx({ resident, council, events: demoEvents(mine), wanted }));
    }
  }
  roots.push(makeCtx({ resident: residents[1], council: crowded, events: sixEvents }));
  roots.forEach((ctx, root) => {
    for (const section of SECTIONS) queue.push({ root, state: null, ctx, input: postback(section) });
  });
  while (queue.length > 0) {
    const { root, state, ctx, input } = queue.shift()!;
    const result = run(state, input, ctx);
    const at = result.state ? `${result.state.flowId}/${result.state.step}` : 'menu';
    const chips = sent(result).flatMap((m) => [...(m.buttons ?? []), ...(m.chips ?? [])]);
    for (const c of chips) if (!labels.has(JSON.stringify(c.label))) labels.set(JSON.stringify(c.label), { label: c.label, at });
    const next = result.state;
    if (!next || !FLOWS.includes(next.flowId)) continue;
    const resident = patches(result).reduce(applyPatch, ctx.resident);
    const key = JSON.stringify([root, next.flowId, next.step, next.data, resident]);
    if (seen.has(key)) continue;
    seen.add(key);
    const kind = JSON.stringify([root, next.flowId, next.step, (next.data.offer as { kind?: string } | undefined)?.kind, resident.consent]);
    const count = expanded.get(kind) ?? 0;
    if (count >= PER_STEP) continue;
    expanded.set(kind, count + 1);
    const after = { ...ctx, resident };
    const inputs = [...chips.flatMap((c) => inputOf(c, tr) ?? []), ...TRIES];
    for (const i of inputs) queue.push({ root, state: next, ctx: after, input: i });
  }
  return labels;
}

describe('button and quick-reply labels', () => {
  let tr: Translator;
  let labels: Map<string, { label: Msg; at: string }>;
  beforeAll(async () => {
    tr = await createTranslator(path.join(PROJECT_ROOT, 'locales'));
    labels = collectLabels(tr);
  });

  it('the walk reaches the buttons that only some situations offer (so a miss would show here)', () => {
    const keys = new Set([...labels.values()].map((l) => l.label.key));
    for (const key of [
      'menu:section.events',
      'menu:staff',
      'events:choose.salons',
      'events:list.more',
      'events:mine.more',
      'salons:more',
      'events:detail.waitlist',
      'events:confirm.yesWaitlist',
      'events:detail.cancel',
      'events:detail.leaveWaitlist',
      'salons:unfollow',
      'salons:otherDistrict',
      'settings:withdraw.yes',
      'settings:choice.consent',
      'donate:food.bestBefore.pick',
      'donate:fix.appliancePhoto',
      'donate:purpose.general',
    ]) {
      expect(keys, key).toContain(key);
    }
  });

  it(`every label from the locale files is at most ${LINE_LIMITS.actionLabelGraphemes} characters in every language`, () => {
    const tooLong: string[] = [];
    for (const { label, at } of labels.values()) {
      if (!NAMESPACES.includes(label.key.split(':')[0]!)) continue;
      for (const lang of ALL_LANGUAGES) {
        const rendered = tr.t(lang, label.key, label.params);
        if (countGraphemes(rendered) > LINE_LIMITS.actionLabelGraphemes) tooLong.push(`${lang} ${label.key} (${at}): "${rendered}" is ${countGraphemes(rendered)}`);
      }
    }
    expect(tooLong).toEqual([]);
  });
});

describe('texts that send people to a button', () => {
  it('name the サロン・行事 menu button and 申し込んだ行事 exactly as they are labelled, in every language', async () => {
    const tr = await createTranslator(path.join(PROJECT_ROOT, 'locales'));
    const params = { title: '手話入門講座', start: Date.parse('2026-12-05T04:30:00Z'), place: '福祉センター' };
    for (const lang of ALL_LANGUAGES) {
      const section = tr.t(lang, 'menu:section.events');
      const mine = tr.t(lang, 'events:choose.mine');
      for (const key of ['events:done.howToCancel', 'events:notice.promoted', 'events:notice.reminder', 'settings:withdraw.confirm']) {
        const rendered = tr.t(lang, key, params);
        expect(rendered, `${lang} ${key}`).toContain(section);
        expect(rendered, `${lang} ${key}`).toContain(mine);
      }
    }
  });
});
