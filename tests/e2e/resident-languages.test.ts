// Under test: a resident in each of the six newer languages, in a real Chromium on the simulator page, driving the
// real app (signed webhooks, flows, SQLite) by taps only: a LINE profile in that language, onboarding, a
// consultation, an event registration and a danger message. Every text expected and every label tapped is read from
// `locales/<lang>.json` (or, for council-written text, from the profile as the bot picks it), never written here.
// Faked: the clock (Tue 24 Nov 2026 10:00 JST) and LINE (the app's fake Messaging API, which validates every call).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { localizedLabel, localizedName } from '../../src/domain/council-profile';
import { textIn, type EventText } from '../../src/domain/event-registration';
import { LANGUAGE_INFO, type Language } from '../../src/domain/language';
import { LINE_LIMITS, truncateGraphemes } from '../../src/bot/render/message-builder';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { startSimulatorApp, type SimulatorApp } from '../helpers/simulator-app';
import { SimulatorPage } from '../helpers/simulator-page';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Each language with a tag a LINE profile would carry for it, and a resident's name. The simulator page's language
 * list offers the tags of the first three and of Portuguese; Filipino and Nepali are made through the simulator's API.
 */
const RESIDENTS: ReadonlyArray<{ lang: Language; tag: string; name: string }> = [
  { lang: 'zh-Hans', tag: 'zh-Hans', name: '王 芳' },
  { lang: 'ko', tag: 'ko', name: '김 민지' },
  { lang: 'vi', tag: 'vi', name: 'Nguyễn Thị Lan' },
  { lang: 'fil', tag: 'fil', name: 'Maria Santos' },
  { lang: 'ne', tag: 'ne-NP', name: 'सीता श्रेष्ठ' },
  { lang: 'pt', tag: 'pt-BR', name: 'Ana Souza' },
];

/** Used only when `tests/fixtures/safety-messages.json` has no danger message in the language yet. */
const FALLBACK_DANGER: Partial<Record<Language, string>> = {
  'zh-Hans': '我不想活了',
  ko: '죽고 싶어요',
  vi: 'tôi muốn chết',
  fil: 'gusto ko nang mamatay',
  ne: 'म मर्न चाहन्छु',
  pt: 'quero morrer',
};

interface SafetyFixture {
  text: string;
  lang: string;
  expected: string | null;
}

/** A danger message in `lang`: the first fixture with that language and a category, else the fallback (suicide). */
function dangerMessage(lang: Language): { text: string; category: string; fromFixture: boolean } {
  const fixtures = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/safety-messages.json'), 'utf8')) as SafetyFixture[];
  const found = fixtures.find((f) => f.lang === lang && f.expected !== null);
  if (found) return { text: found.text, category: found.expected!, fromFixture: true };
  return { text: FALLBACK_DANGER[lang]!, category: 'suicide', fromFixture: false };
}

const locales = new Map<Language, Record<string, unknown>>();

/** The string at `ns:dotted.key` in `locales/<lang>.json`, with `{{name}}` filled from `vars` (others left as they are). */
function tr(lang: Language, key: string, vars: Record<string, string | number> = {}): string {
  let file = locales.get(lang);
  if (!file) {
    file = JSON.parse(readFileSync(path.join(ROOT, 'locales', `${lang}.json`), 'utf8')) as Record<string, unknown>;
    locales.set(lang, file);
  }
  const [ns, dotted] = key.split(':') as [string, string];
  let value: unknown = file[ns];
  for (const part of dotted.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`locales/${lang}.json has no ${key}`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The longest part of a text between placeholders and line breaks: what to look for in a bubble. */
function fragment(text: string): string {
  const parts = text.split(/\{\{[^}]*\}\}|\$t\([^)]*\)|\n/).map((p) => p.trim());
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Labels LINE would have shown cut (the bot shortens them to 20 graphemes); reported at the end. */
const cutLabels = new Set<string>();

/** A button or chip label as the bot renders it (cut to LINE's limit with an ellipsis). */
function label(lang: Language, text: string): string {
  const shown = truncateGraphemes(text, LINE_LIMITS.actionLabelGraphemes);
  if (shown !== text) cutLabels.add(`${lang}: ${text}`);
  return shown;
}

/** Every text the fake LINE API delivered to `userId`: text messages and Flex alt texts (the bubble's whole text). */
function sentTexts(sim: SimulatorApp, userId: string): string[] {
  return sim.state
    .delivered(userId)
    .flatMap((d) => d.messages as Array<{ type: string; text?: string; altText?: string }>)
    .map((m) => (m.type === 'text' ? (m.text ?? '') : (m.altText ?? '')));
}

const EVENT_TITLE: EventText = { ja: '手話入門講座', 'ja-x-easy': 'はじめての しゅわ' };
const EVENT_DESCRIPTION: EventText = { ja: '初めての方向けの手話講座です。', 'ja-x-easy': 'はじめての 人の ための しゅわの こうざです。' };

describeInBrowser('residents in each newer language, from their LINE profile to a safety reply (Chromium)', () => {
  let sim: SimulatorApp;
  let browser: TestBrowser;
  let page: Page;
  let line: SimulatorPage;
  let eventId: string;
  const clock = new FakeClock('2026-11-24T10:00:00+09:00');
  const userIds = new Map<Language, string>();

  beforeAll(async () => {
    sim = await startSimulatorApp({ clock });
    // An event with a place left: a Japanese and an easy-Japanese title, as staff write most of them.
    const event = await sim.app.db.councilEvent.create({
      data: {
        title: JSON.stringify(EVENT_TITLE),
        description: JSON.stringify(EVENT_DESCRIPTION),
        place: '福祉センター 2階',
        startsAt: new Date('2026-12-05T13:30:00+09:00'),
        endsAt: new Date('2026-12-05T15:30:00+09:00'),
        capacity: 20,
        deadline: new Date('2026-12-01T17:00:00+09:00'),
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
    });
    eventId = event.id;
    browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
    page = browser.page;
    line = new SimulatorPage(page);
    await page.goto(`${sim.base}/simulator`);
    await page.locator('body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    if (cutLabels.size) console.warn(`labels cut to ${LINE_LIMITS.actionLabelGraphemes} graphemes:\n${[...cutLabels].join('\n')}`);
    await browser?.close();
    await sim?.close();
  });

  /**
   * A LINE user with profile language `tag`: from the page's form when it lists the tag, else from the simulator's
   * API (the page keeps its users in its own storage, so the new one is added there and the page reloaded).
   */
  async function newUser(r: (typeof RESIDENTS)[number]): Promise<string> {
    const offered = await page.locator('#new-user-lang option').evaluateAll((options, tag) => options.some((o) => o.getAttribute('value') === tag), r.tag);
    if (offered) {
      await page.getByLabel('表示名').fill(r.name);
      await page.getByLabel('LINEの言語設定').selectOption(r.tag);
      await page.getByRole('button', { name: 'ユーザーを作成', exact: true }).click();
    } else {
      await page.evaluate(
        async ({ name, tag }) => {
          const res = await fetch('/simulator/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ displayName: name, language: tag }) });
          if (res.status !== 201) throw new Error(`POST /simulator/api/users: ${res.status}`);
          const { user } = (await res.json()) as { user: { userId: string; displayName: string; language: string } };
          const key = 'tsunagu-simulator:v1';
          const saved = JSON.parse(localStorage.getItem(key) ?? '{}') as { users?: unknown[]; currentId?: string };
          saved.users = [...(saved.users ?? []), { userId: user.userId, displayName: user.displayName, language: user.language, status: 'new' }];
          saved.currentId = user.userId;
          localStorage.setItem(key, JSON.stringify(saved));
        },
        { name: r.name, tag: r.tag },
      );
      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor();
    }
    await page.locator('#current-user-label').filter({ hasText: r.name }).waitFor();
    const friend = sim.state.friends().find((f) => f.displayName === r.name);
    expect(friend).toMatchObject({ language: r.tag, blocked: false });
    return friend!.userId;
  }

  for (const r of RESIDENTS) {
    const { lang } = r;
    const t = (key: string, vars?: Record<string, string | number>) => tr(lang, key, vars);
    const says = (key: string, vars?: Record<string, string | number>) => line.botSays(fragment(t(key, vars)));
    const tap = (key: string) => line.tap(label(lang, t(key)));
    const tapChip = (key: string) => line.tapChip(label(lang, t(key)));

    test(`${lang}: follows with a ${r.tag} profile, onboards, consults and registers for an event, all in ${LANGUAGE_INFO[lang].staffName}`, { timeout: 120_000 }, async () => {
      const profile = sim.app.profile;
      const district = profile.districts.find((d) => d.code === 'kaigan')!;
      // An area with no sensitive topic, so no topic consent is asked.
      const category = profile.consultationCategories.find((c) => c.code === 'small_disaster_aid')!;
      const description = `${r.name} — ${LANGUAGE_INFO[lang].endonym}`;
      let userId = '';

      await screenshotOnFailure(page, `resident-languages-${lang}`, async () => {
        userId = await newUser(r);
        userIds.set(lang, userId);

        // Follow: the greeting and the consent question in the profile's language.
        await page.locator('#gate').getByRole('button', { name: '友だち追加' }).click();
        await says('onboarding:greeting');
        await says('onboarding:consent.question');
        await tap('onboarding:consent.yes');
        await line.botSays(t('common:language.prompt').split('\n').at(-1)!);
        await line.tapChip(LANGUAGE_INFO[lang].endonym);
        await says('onboarding:district.prompt');
        await line.tapChip(label(lang, localizedLabel(district, lang)));
        await says('onboarding:topics.prompt');
        await tapChip('common:topic.salons_events.off');
        await line.chip(label(lang, t('common:topic.salons_events.on'))).waitFor();
        await tapChip('common:nav.done');
        await says('onboarding:done');

        // A consultation: menu → area → its explanation → for whom → district → contact → when → urgency → text → send.
        await tapChip('menu:section.consult');
        await says('consultation:category.prompt');
        await line.tap(label(lang, localizedLabel(category, lang)));
        await tap('consultation:about.go');
        await says('consultation:forWhom.prompt');
        await tap('consultation:forWhom.self');
        await says('common:district.known');
        await tap('common:district.keep');
        await says('consultation:contact.prompt');
        await tap('consultation:contact.line');
        await says('consultation:contactTime.prompt');
        await tap('consultation:contactTime.anytime');
        await says('consultation:urgency.prompt');
        await tap('consultation:urgency.normal');
        await says('consultation:description.prompt');
        await line.type(description);
        await says('consultation:description.added', { count: 1 });
        await tap('consultation:description.done');
        await says('consultation:confirm.prompt');
        await tap('consultation:confirm.send');
        await says('consultation:done.received');

        // An event: menu → salons & events → events → the event (its title falls back to easy Japanese, with a note
        // saying so in the resident's language) → register → name → no phone → confirm.
        await tapChip('menu:section.events');
        await says('events:choose.prompt');
        await tap('events:choose.list');
        await says('events:list.title');
        await line.tap(label(lang, textIn(EVENT_TITLE, lang)));
        await says('common:staffText.inEasy');
        await tap('events:detail.register');
        await says('events:name.prompt');
        await line.type(r.name);
        await says('events:phone.prompt');
        await tap('events:phone.skip');
        await says('events:confirm.title');
        await tap('events:confirm.yes');
        await says('events:done.registered');
      });

      // What the database holds: the resident as onboarded, the consultation and the registration.
      const db = sim.app.db;
      const resident = await db.resident.findUniqueOrThrow({ where: { lineUserId: userId } });
      expect(resident).toMatchObject({ language: lang, languageChosen: true, consent: 'granted', districtCode: 'kaigan', followed: true });
      expect(JSON.parse(resident.topics)).toEqual(['salons_events']);
      const consultations = await db.consultation.findMany({ where: { residentId: resident.id } });
      expect(consultations).toHaveLength(1);
      expect(consultations[0]).toMatchObject({ categoryCode: 'small_disaster_aid', forWhom: 'self', districtCode: 'kaigan', contactMethod: 'line', contactTime: 'anytime', urgency: 'normal', description, status: 'new' });
      const registrations = await db.eventRegistration.findMany({ where: { residentId: resident.id } });
      expect(registrations).toHaveLength(1);
      expect(registrations[0]).toMatchObject({ eventId, status: 'registered', name: r.name, phone: null });

      // What LINE delivered, whole: the greeting with the council's name as the bot gives it in this language, the
      // receipt with the reference number, and the registration.
      await sim.app.queue.whenIdle();
      const sent = sentTexts(sim, userId);
      expect(sent[0]).toBe(t('onboarding:greeting', { council: localizedName(profile.council, lang) }));
      expect(sent.some((s) => s.startsWith(t('consultation:done.received', { ref: consultations[0]!.referenceNo })))).toBe(true);
      expect(sent.some((s) => s.startsWith(t('events:done.registered')))).toBe(true);
      expect(sim.state.requests.filter((q) => q.status >= 400)).toEqual([]);
    });

    test(`${lang}: a danger message written in it gets the safety reply in it, with 119 and 110`, { timeout: 60_000 }, async () => {
      const userId = userIds.get(lang);
      expect(userId, 'the resident of the previous test').toBeDefined();
      const danger = dangerMessage(lang);
      if (!danger.fromFixture) console.warn(`${lang}: no danger message in tests/fixtures/safety-messages.json yet; used 「${danger.text}」`);
      const emergency = t('handoff:safety.emergency', { fire: '119', police: '110' });

      await screenshotOnFailure(page, `resident-languages-${lang}-danger`, async () => {
        await line.type(danger.text);
        await says(`handoff:safety.lead.${danger.category}`);
        await line.botSays(emergency);
      });

      await sim.app.queue.whenIdle();
      const reply = sentTexts(sim, userId!).at(-1) ?? '';
      expect(reply.startsWith(t(`handoff:safety.lead.${danger.category}`))).toBe(true);
      expect(reply).toContain(emergency);
      expect(reply).toMatch(/119[\s\S]*110/);
      const resident = await sim.app.db.resident.findUniqueOrThrow({ where: { lineUserId: userId! } });
      const alerts = await sim.app.db.safetyAlert.findMany({ where: { residentId: resident.id } });
      expect(alerts.map((a) => a.category)).toEqual([danger.category]);
    });
  }
});
