// Under test: the settings pages drawn from the loader's schema, through app.inject — every section's page opens
// with its current values; saved unchanged it writes nothing; a helpline's number and the push budget changed reach
// the bot and the console at once; an undiallable number is refused beside its field; an item added through the
// empty group and one removed. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SETTINGS_SECTIONS } from '../../src/domain/settings/sections';
import { loginAs, pageCsrfToken, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: ConsoleLogin;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T10:00:00+09:00');
  admin = await loginAs(t.app, 'admin');
});
afterEach(async () => {
  await t?.close();
});

const get = (url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

/** The page's form fields as a browser would post them (text inputs, text areas, selects, ticked boxes). */
function formFields(html: string): Array<[string, string]> {
  const form = html.slice(html.indexOf('<form method="post" action="/console/settings/section/'));
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Array<[string, string]> = [];
  for (const m of form.matchAll(/<input type="(hidden|text|number)" (?:id="[^"]*" )?name="([^"]+)" value="([^"]*)"/g)) if (m[2] !== '_csrf') fields.push([decode(m[2] ?? ''), decode(m[3] ?? '')]);
  for (const m of form.matchAll(/<input type="checkbox" name="([^"]+)" value="([^"]*)" checked>/g)) fields.push([decode(m[1] ?? ''), decode(m[2] ?? '')]);
  for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.push([decode(m[1] ?? ''), decode(m[2] ?? '')]);
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2] ?? '');
    fields.push([decode(m[1] ?? ''), decode(selected?.[1] ?? '')]);
  }
  return fields;
}

const set = (fields: Array<[string, string]>, name: string, value: string): Array<[string, string]> => {
  expect(fields.some(([k]) => k === name), name).toBe(true);
  return fields.map(([k, v]) => [k, k === name ? value : v]);
};

describe('every section', () => {
  test('opens with its values, and saved as it is writes nothing', async () => {
    for (const section of SETTINGS_SECTIONS) {
      const page = await get(`/console/settings/section/${section}`);
      expect(page.statusCode, section).toBe(200);
      expect(pageCsrfToken(page.body)).toBeDefined();
      const saved = await postForm(t.app.server, admin, `/console/settings/section/${section}`, [...formFields(page.body), ['intent', 'save']]);
      expect(saved.statusCode, `${section}: ${saved.body.match(/<li>([^<]*)<\/li>/g)?.join(' ') ?? ''}`).toBe(303);
      const written = await t.app.db.auditLog.findFirst({ where: { action: 'settings.change' } });
      expect(written?.detail ?? null, section).toBe(null);
    }
    expect(await t.app.db.settingsVersion.count()).toBe(0);
  });
});

describe('the やさしい日本語 check on a section page', () => {
  test('marks the long easy-Japanese texts residents read, and no other field', async () => {
    const page = (await get('/console/settings/section/partners')).body;
    const marked = [...page.matchAll(/<textarea id="([^"]+)"[^>]*data-easy-japanese/g)].map((m) => m[1]!);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((name) => /\.nextEasy$/.test(name))).toBe(true);
    expect(page).toMatch(/<textarea id="[^"]*\.next"(?![^>]*data-easy-japanese)[^>]*>/);
  });
});

describe('a section changed', () => {
  test('a helpline\'s number: an undiallable one refused beside its field; a good one in the resident\'s safety reply', async () => {
    const page = await get('/console/settings/section/emergency');
    const fields = formFields(page.body);
    const bad = await postForm(t.app.server, admin, '/console/settings/section/emergency', [...set(fields, 'f.emergency.helplines.0.phone', '03-12'), ['intent', 'save']]);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('LINEのボタンからかけられる電話番号を入れてください');
    expect(await t.app.db.settingsVersion.count()).toBe(0);

    // Checked first: the safety reply a resident would get, with the new number, in every language; nothing saved.
    const suicideLine = t.app.profile.emergency.helplines.findIndex((h) => h.for?.includes('suicide'));
    const checked = await postForm(t.app.server, admin, '/console/settings/section/emergency', [...set(fields, `f.emergency.helplines.${suicideLine}.phone`, '0120-000-222'), ['intent', 'preview']]);
    expect(checked.statusCode).toBe(200);
    const reply = checked.body.slice(checked.body.indexOf('id="resident-preview"'));
    expect(reply.split('<h3>').slice(1).map((l) => l.includes('0120-000-222'))).toEqual([true, true, true]);
    expect(reply).toContain('119');
    expect(await t.app.db.settingsVersion.count()).toBe(0);

    const good = await postForm(t.app.server, admin, '/console/settings/section/emergency', [...set(fields, 'f.emergency.helplines.0.phone', '0120-000-111'), ['intent', 'save']]);
    expect(good.statusCode).toBe(303);
    expect(t.app.profile.emergency.helplines[0]?.phone).toBe('0120-000-111');
  });

  test('the push budget reaches the console\'s home at once; a canned reply added through the empty group, one removed', async () => {
    const messaging = formFields((await get('/console/settings/section/messaging')).body);
    expect((await postForm(t.app.server, admin, '/console/settings/section/messaging', [...set(messaging, 'f.messaging.monthlyPushBudget', '4321'), ['intent', 'save']])).statusCode).toBe(303);
    expect((await get('/console')).body).toContain('4321');

    const before = t.app.profile.consultation.cannedReplies;
    const fields = formFields((await get('/console/settings/section/consultation')).body);
    const blank = before.length;
    const added = await postForm(t.app.server, admin, '/console/settings/section/consultation', [
      ...set(set(fields, `f.consultation.cannedReplies.${blank}.title`, '年末年始の受付'), `f.consultation.cannedReplies.${blank}.text`, '12月29日から1月3日はお休みです。'),
      ['f.consultation.cannedReplies.0.__remove', 'on'],
      ['intent', 'save'],
    ]);
    expect(added.statusCode).toBe(303);
    const after = t.app.profile.consultation.cannedReplies;
    expect(after.map((r) => r.title)).toEqual([...before.slice(1).map((r) => r.title), '年末年始の受付']);
    const audit = await t.app.db.auditLog.findFirstOrThrow({ where: { action: 'settings.change', detail: { contains: 'cannedReplies' } } });
    expect(audit.detail).toContain('consultation.cannedReplies: [');
  });
});

describe('canned replies, a part of a section on its own page', () => {
  test('a coordinator changes them (the rest of the section kept); a counsellor may not', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await t.app.server.inject({ method: 'GET', url: '/console/settings/canned-replies', headers: { cookie: coordinator.cookie } });
    expect(page.statusCode).toBe(200);
    const fields = formFields(page.body.replace('action="/console/settings/canned-replies"', 'action="/console/settings/section/"'));
    const before = t.app.profile.consultation;
    const saved = await postForm(t.app.server, coordinator, '/console/settings/canned-replies', [...set(fields, 'f.consultation.cannedReplies.0.title', '受付のごあいさつ（年末）'), ['intent', 'save']]);
    expect(saved.statusCode).toBe(303);
    const after = t.app.profile.consultation;
    expect(after.cannedReplies[0]?.title).toBe('受付のごあいさつ（年末）');
    expect({ ...after, cannedReplies: before.cannedReplies }).toEqual(before);
    expect(await t.app.db.settingsVersion.count({ where: { section: 'consultation' } })).toBe(1);

    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await t.app.server.inject({ method: 'GET', url: '/console/settings/canned-replies', headers: { cookie: counsellor.cookie } })).statusCode).toBe(403);
    expect((await postForm(t.app.server, counsellor, '/console/settings/canned-replies', [...fields, ['intent', 'save']])).statusCode).toBe(403);
  });
});
