// Under test: tap-to-call links — the one helper that builds tel: URIs, the safety reply's call buttons for every
// danger with the demo profile's real helplines, LINE's URI action refusing a tel: URI whose number is lost to a
// fragment, and the profile refusing numbers a phone cannot dial. Nothing is faked (the context is built in memory).
import { describe, expect, it } from 'vitest';
import { parseCouncilProfile } from '../../src/domain/council-profile';
import { telUri } from '../../src/domain/phone';
import { SAFETY_CATEGORIES } from '../../src/domain/safety';
import { uriAction } from '../../src/bot/render/message-builder';
import { safetyReply } from '../../src/flows/handoff/safety-reply';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { errorOf } from '../helpers/domain-error';
import { makeCtx } from './flows/flow-test-kit';
import path from 'node:path';

const demoPath = path.join(PROJECT_ROOT, 'profiles', 'demo-council.yaml');

describe('telUri', () => {
  it('dials the digits: hyphens dropped, # percent-encoded so it is not read as a fragment', () => {
    expect(telUri('#8008')).toBe('tel:%238008');
    expect(telUri('0570-783-556')).toBe('tel:0570783556');
    expect(telUri('189')).toBe('tel:189');
    expect(telUri('09012345678')).toBe('tel:09012345678');
    // A phone reads the number from the URI's path: nothing may be left in a fragment.
    const url = new URL(telUri('#8008'));
    expect(url.hash).toBe('');
    expect(decodeURIComponent(url.pathname)).toBe('#8008');
  });

  it('refuses a number a phone cannot dial', () => {
    for (const bad of ['', '8008', '#80-08', '045-000-12', '045--000-1234', '1-----', 'tel:110']) expect(errorOf(() => telUri(bad)).code, bad).toBe('message.invalid');
  });
});

describe('the safety reply’s call buttons', () => {
  it('for every danger, each button dials exactly the number its label shows (the DV line #8008 included)', () => {
    const seen = new Set<string>();
    for (const category of SAFETY_CATEGORIES) {
      const [reply] = safetyReply(category, makeCtx());
      for (const chip of reply!.chips ?? []) {
        if (chip.kind !== 'uri') continue;
        const url = new URL(chip.uri);
        expect(url.protocol).toBe('tel:');
        expect(url.hash, chip.uri).toBe('');
        const dialled = decodeURIComponent(url.pathname);
        const shown = String((chip.label.params as Record<string, unknown>).phone ?? (chip.label.params as Record<string, unknown>).name).replace(/-/g, '');
        expect(dialled, chip.uri).toBe(shown);
        seen.add(chip.uri);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['tel:119', 'tel:110', 'tel:%238008', 'tel:0120279889', 'tel:0570783556']));
  });
});

describe('LINE URI actions', () => {
  it('refuse a tel: URI whose number would be read as a fragment or is missing', () => {
    expect(errorOf(() => uriAction('DV', 'tel:#8008')).code).toBe('message.invalid');
    expect(errorOf(() => uriAction('DV', 'tel:')).code).toBe('message.invalid');
    expect(uriAction('DV', 'tel:%238008')).toEqual({ type: 'uri', label: 'DV', uri: 'tel:%238008' });
  });
});

describe('phone numbers in the council profile', () => {
  const demo = () => structuredClone(loadCouncilProfile(demoPath)) as unknown as { contact: { phone: string }; emergency: { helplines: Array<{ phone: string }> } };

  it('the demo profile’s numbers all dial', () => {
    const p = loadCouncilProfile(demoPath);
    for (const phone of [p.contact.phone, ...p.emergency.helplines.map((h) => h.phone)]) expect(() => telUri(phone), phone).not.toThrow();
  });

  it('refuses numbers a phone cannot dial, naming the field', () => {
    for (const bad of ['8008', '#80-08', '#8008-', '045-000-12', '045--000-1234', '1-----', '0120-279-338-1', '+81-45-000-1200']) {
      const raw = demo();
      raw.emergency.helplines[0]!.phone = bad;
      raw.contact.phone = bad;
      const e = errorOf(() => parseCouncilProfile(raw));
      expect(e.code, bad).toBe('profile.invalid');
      expect(e.message, bad).toContain('emergency.helplines.0.phone');
      expect(e.message, bad).toContain('contact.phone');
    }
  });

  it('takes short national numbers and full Japanese numbers', () => {
    for (const good of ['#8008', '#7119', '188', '189', '045-000-1200', '0570-783-556', '090-1234-5678', '0120279338']) {
      const raw = demo();
      raw.emergency.helplines[0]!.phone = good;
      expect(() => parseCouncilProfile(raw), good).not.toThrow();
    }
  });
});
