// Under test: the canned replies' settings page (/console/settings/canned-replies, drawn from the loader's schema by
// schema-form.ts) with a reply's other languages (`texts`): each language has its own text box named for it, a
// Vietnamese text typed there is saved and shown again, and boxes left empty save no map. The real app through
// app.inject on a temp database. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let coordinator: ConsoleLogin;

beforeEach(async () => {
  t = await createTestApp();
  coordinator = await loginAs(t.app, 'coordinator');
});
afterEach(async () => {
  await t?.close();
});

const URL = '/console/settings/canned-replies';
const page = () => t.app.server.inject({ method: 'GET', url: URL, headers: { cookie: coordinator.cookie } });
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The page's form fields as a browser posts them (hidden and text inputs, text areas), with each box's label. */
function formFields(html: string): Array<[string, string]> {
  const form = html.slice(html.indexOf(`<form method="post" action="${URL}"`));
  const fields: Array<[string, string]> = [];
  for (const m of form.matchAll(/<input type="(hidden|text|number)" (?:id="[^"]*" )?name="([^"]+)" value="([^"]*)"/g)) if (m[2] !== '_csrf') fields.push([decode(m[2] ?? ''), decode(m[3] ?? '')]);
  for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.push([decode(m[1] ?? ''), decode(m[2] ?? '')]);
  return fields;
}

const set = (fields: Array<[string, string]>, name: string, value: string): Array<[string, string]> => {
  expect(fields.some(([k]) => k === name), name).toBe(true);
  return fields.map(([k, v]) => [k, k === name ? value : v]);
};

describe('a canned reply\'s other languages on its settings page', () => {
  test('each language has a labelled text box; a Vietnamese text is saved and shown again; empty boxes save no map', async () => {
    const first = await page();
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<textarea id="f.consultation.cannedReplies.0.texts.vi" name="f.consultation.cannedReplies.0.texts.vi"');
    expect(first.body).toContain('<legend>ほかの言語の本文（ない言語の人には、やさしい日本語か日本語の本文が入ります）</legend>');
    expect(first.body).toContain('<label for="f.consultation.cannedReplies.0.texts.vi">本文（ベトナム語）</label>');
    expect(first.body).toContain('<label for="f.consultation.cannedReplies.0.texts.ja-x-easy">本文（やさしい日本語）</label>');
    // Japanese is the reply's own text: no second box for it.
    expect(first.body).not.toContain('cannedReplies.0.texts.ja"');

    const before = t.app.profile.consultation.cannedReplies;
    const vietnamese = 'Cảm ơn bạn đã liên hệ.\nChúng tôi sẽ trả lời sớm.';
    const saved = await postForm(t.app.server, coordinator, URL, [...set(formFields(first.body), 'f.consultation.cannedReplies.0.texts.vi', vietnamese), ['intent', 'save']]);
    expect(saved.statusCode).toBe(303);

    const after = t.app.profile.consultation.cannedReplies;
    expect(after[0]).toEqual({ ...before[0], texts: { vi: vietnamese } });
    // The replies whose boxes stayed empty have no map (nothing but the one text changed).
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after.slice(1).every((r) => !('texts' in r) || r.texts === undefined)).toBe(true);
    expect(await t.app.db.settingsVersion.count({ where: { section: 'consultation' } })).toBe(1);

    const again = await page();
    expect(formFields(again.body)).toContainEqual(['f.consultation.cannedReplies.0.texts.vi', vietnamese]);
  });

  test('a Vietnamese box of spaces only counts as empty: no map, no new version', async () => {
    const fields = formFields((await page()).body);
    const posted = await postForm(t.app.server, coordinator, URL, [...set(fields, 'f.consultation.cannedReplies.1.texts.vi', '   '), ['intent', 'save']]);
    // Spaces only are an empty box, as for every optional text of the form: nothing changes and nothing is refused.
    expect(posted.statusCode).toBe(303);
    expect(t.app.profile.consultation.cannedReplies[1]?.texts).toBeUndefined();
    expect(await t.app.db.settingsVersion.count({ where: { section: 'consultation' } })).toBe(0);
  });
});

describe('the やさしい日本語 check of a saved canned reply', () => {
  test('the page shows, under a reply\'s saved easy-Japanese text, what the server\'s check found in it; the other boxes get none', async () => {
    const easyBox = 'f.consultation.cannedReplies.0.texts.ja-x-easy';
    const first = await page();
    expect(first.body).toMatch(new RegExp(`<textarea id="${easyBox.replace(/\./g, '\\.')}"[^>]*data-easy-japanese`));
    expect(first.body).not.toContain('class="hint easy-check"');

    const hard = 'お問い合わせの際は、担当者が至急ご連絡いたします。';
    const saved = await postForm(t.app.server, coordinator, URL, [...set(formFields(first.body), easyBox, hard), ['intent', 'save']]);
    expect(saved.statusCode).toBe(303);
    expect(t.app.profile.consultation.cannedReplies[0]?.texts).toEqual({ 'ja-x-easy': hard });

    const html = (await page()).body;
    const checks = [...html.matchAll(/<p class="hint easy-check">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/^やさしい日本語チェック \d+点:/);
    expect(checks[0]).toContain('尊敬語・謙譲語');
    expect(checks[0]).toContain('むずかしいことば');
    // It sits under that reply's easy-Japanese box.
    const box = html.indexOf(`<textarea id="${easyBox}"`);
    expect(box).toBeGreaterThan(0);
    expect(html.indexOf('class="hint easy-check"', box) - box).toBeLessThan(html.slice(box).indexOf('</div>'));
  });
});
