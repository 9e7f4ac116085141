// Under test: the council profile schema, its error messages, localizedName and the file loader.
// Nothing is faked; the loader reads the real demo profile and temporary files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { councilView } from '../../src/bot/render/council-view';
import { localizedName, parseCouncilProfile, type CouncilProfile } from '../../src/domain/council-profile';
import { countGraphemes } from '../../src/domain/graphemes';
import { LANGUAGES } from '../../src/domain/language';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { errorOf } from '../helpers/domain-error';

const demoPath = fileURLToPath(new URL('../../profiles/demo-council.yaml', import.meta.url));
const demo = (): CouncilProfile => loadCouncilProfile(demoPath);


describe('demo profile', () => {
  it('parses, with the shape the bot relies on', () => {
    const p = demo();
    expect(p.council.shortName).toBe('みなと区社協');
    expect(p.districts).toHaveLength(10);
    expect(p.emergency.police).toBe('110');
    expect(p.emergency.fireAmbulance).toBe('119');
    expect(p.emergency.helplines.map((h) => h.phone)).toEqual(
      expect.arrayContaining(['0570-783-556', '0120-279-338', '189', '#8008']),
    );
    expect(p.messaging.monthlyPushBudget).toBe(5000);
    expect(p.businessHours.weekly.mon).toEqual([{ open: '08:45', close: '17:15' }]);
    expect(p.businessHours.holidays).toEqual(expect.arrayContaining(['2026-05-06', '2026-12-29', '2027-01-03']));
  });

  it('covers the consultation services the bot must route', () => {
    const codes = demo().consultationCategories.map((c) => c.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'anshin_center',
        'livelihood_loan',
        'food_hardship',
        'mobility_info',
        'guardianship',
        'elderly',
        'childcare',
        'disability',
        'hikikomori',
        'small_disaster_aid',
        'other',
      ]),
    );
  });

  it('round-trips through JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    const path = join(dir, 'council.json');
    writeFileSync(path, JSON.stringify(demo()));
    expect(loadCouncilProfile(path)).toEqual(demo());
  });
});

describe('parseCouncilProfile refusals', () => {
  it('lists every issue with its field path in one error', () => {
    const broken = structuredClone(demo()) as unknown as {
      council: { name?: string };
      districts: { code: string }[];
      consultationCategories: { team: string }[];
      businessHours: { weekly: { tue: { open: string }[] } };
    };
    delete broken.council.name;
    broken.districts[3]!.code = broken.districts[0]!.code;
    broken.consultationCategories[2]!.team = 'no-such-team';
    broken.businessHours.weekly.tue[0]!.open = '25:00';

    const err = errorOf(() => parseCouncilProfile(broken));
    expect(err.code).toBe('profile.invalid');
    expect(err.message).toContain('council.name: Required');
    expect(err.message).toContain('districts.3.code: Duplicate code "kaigan"');
    expect(err.message).toContain('consultationCategories.2.team: Unknown team "no-such-team"');
    expect(err.message).toMatch(/businessHours\.weekly\.tue\.0\.open: Expected a time HH:MM/);
    // An invalid time must not also produce a misleading "close must be after open".
    expect(err.message).not.toContain('close must be after open');
  });

  it('names a missing nested field as Required, as in districts.3.code', () => {
    const broken = structuredClone(demo()) as unknown as { districts: { code?: string }[] };
    delete broken.districts[3]!.code;
    expect(errorOf(() => parseCouncilProfile(broken)).message).toContain('districts.3.code: Required');
  });

  it('refuses bad codes, wrong emergency numbers, unknown topics, typos in keys and reversed hours', () => {
    const p = structuredClone(demo()) as unknown as Record<string, any>;
    p.districts[0].code = 'Kaigan Ward';
    p.emergency.police = '911';
    p.newsletters[0].topic = 'gossip';
    p.council.nameEN = 'typo';
    p.businessHours.weekly.wed = [{ open: '17:00', close: '09:00' }];
    p.businessHours.holidays.push('2026-02-30');
    const message = errorOf(() => parseCouncilProfile(p)).message;
    expect(message).toContain('districts.0.code:');
    expect(message).toContain('emergency.police:');
    expect(message).toContain('newsletters.0.topic:');
    expect(message).toMatch(/council: Unrecognized key: "nameEN"/);
    expect(message).toContain('businessHours.weekly.wed.0.close: close must be after open');
    expect(message).toMatch(/businessHours\.holidays\.\d+: Not a real calendar date/);
  });

  it('refuses data that is not an object without crashing', () => {
    for (const raw of [null, 'council', [], 42]) {
      expect(errorOf(() => parseCouncilProfile(raw)).message).toContain('(root):');
    }
  });
});

describe('loadCouncilProfile', () => {
  it('names the path of a missing file', () => {
    const err = errorOf(() => loadCouncilProfile('/nowhere/council.yaml'));
    expect(err.code).toBe('config.invalid');
    expect(err.message).toContain('/nowhere/council.yaml');
    expect(err.message).toContain('not found');
  });

  it('names the path of a syntax error and of invalid content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'council: [unclosed\n');
    expect(errorOf(() => loadCouncilProfile(bad)).message).toContain(bad);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '{}');
    const err = errorOf(() => loadCouncilProfile(empty));
    expect(err.code).toBe('profile.invalid');
    expect(err.message).toContain(empty);
    expect(err.message).toContain('districts: Required');
  });

  it('refuses other extensions', () => {
    expect(errorOf(() => loadCouncilProfile('council.toml')).message).toContain('.yaml');
  });
});

describe('localizedName', () => {
  const item = { name: '海岸地区', nameEn: 'Kaigan District', nameEasy: 'かいがん ちく' };

  it('picks the variant for the language', () => {
    expect(localizedName(item, 'ja')).toBe('海岸地区');
    expect(localizedName(item, 'en')).toBe('Kaigan District');
    expect(localizedName(item, 'ja-x-easy')).toBe('かいがん ちく');
  });

  it('falls back to the Japanese name', () => {
    expect(localizedName({ name: '海岸地区' }, 'en')).toBe('海岸地区');
    expect(localizedName({ name: '海岸地区' }, 'ja-x-easy')).toBe('海岸地区');
  });
});

/** Japanese script: hiragana, katakana or kanji. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('button labels (LINE shows 20 characters)', () => {
  type Raw = Record<string, any>;
  const raw = (): Raw => structuredClone(demo()) as unknown as Raw;

  it('a choice whose label LINE would cut fails at load, naming the field to add, in every list', () => {
    const p = raw();
    p.consultationCategories[0] = { code: 'anshin_center', team: 'anshin', about: 'a', prepare: 'p', name: 'あんしんセンター(日常生活自立支援・金銭管理)', nameEn: 'Help with money management and services (Anshin Center)', nameEasy: 'お金の かんり' };
    p.districts[0].nameEn = 'Minato-Honcho District Council';
    delete p.districts[0].labelEn;
    p.volunteer.skills[0] = { code: 'listening', name: '傾聴・話し相手', nameEn: 'Listening and company', nameEasy: 'はなしを きく' };
    p.donations.slots[0].labelEasy = 'へいじつの ごぜん 9じから 12じまで もってくる';
    const message = errorOf(() => parseCouncilProfile(p)).message;
    expect(message).toMatch(/consultationCategories\.0\.label: .*"あんしんセンター\(日常生活自立支援・金銭管理\)" has 23 characters; LINE shows 20/);
    expect(message).toMatch(/consultationCategories\.0\.labelEn: .*has 55 characters/);
    expect(message).not.toMatch(/consultationCategories\.0\.labelEasy/);
    expect(message).toMatch(/districts\.0\.labelEn:/);
    // A chosen skill is shown with "✓ " in front, so its label has 18 characters at most.
    expect(message).toMatch(/volunteer\.skills\.0\.labelEn: .*has 21 characters; LINE shows 18/);
    expect(message).toMatch(/donations\.slots\.0\.labelEasy:/);
  });

  it('counts characters as LINE does (grapheme clusters): twenty family emoji fit', () => {
    const p = raw();
    p.districts[0].label = '👨‍👩‍👧'.repeat(20);
    expect(() => parseCouncilProfile(p)).not.toThrow();
    p.districts[0].label = '👨‍👩‍👧'.repeat(21);
    expect(errorOf(() => parseCouncilProfile(p)).message).toContain('districts.0.label:');
  });

  it('in the demo profile every choice has a label that fits in every language, and names stay whole for text', () => {
    const v = councilView(demo());
    const lists = {
      categories: v.categories,
      districts: v.districts,
      salons: v.salons,
      skills: v.volunteerSkills,
      purposes: v.donations!.plans.flatMap((p) => p.purposes),
      food: [...v.donations!.food.accepted, ...v.donations!.food.refused],
      slots: v.donations!.slots,
    };
    const tooLong = Object.entries(lists).flatMap(([list, items]) =>
      items.flatMap((item) => LANGUAGES.filter((l) => countGraphemes(item.label[l]) > (list === 'skills' ? 18 : 20)).map((l) => `${list} ${item.code} ${l}: ${item.label[l]}`)),
    );
    expect(tooLong).toEqual([]);
    const anshin = v.categories.find((c) => c.code === 'anshin_center')!;
    expect(anshin.name.en).toBe('Help with money management and services (Anshin Center)');
    expect(anshin.label.en).not.toMatch(/…$/);
  });
});

describe('hours in every language', () => {
  it("the office hours and every helpline's hours have English and easy-Japanese text", () => {
    const v = councilView(demo());
    expect(v.hours.en).not.toMatch(JAPANESE);
    expect(v.hours['ja-x-easy']).not.toBe(v.hours.ja);
    for (const h of v.emergency.helplines) {
      expect(h.hours.en, h.name.en).not.toMatch(JAPANESE);
      expect(h.hours.ja, h.name.ja).toMatch(JAPANESE);
    }
  });

  it('falls back to the easy-Japanese hours, then the Japanese, where a language is not given', () => {
    const p = structuredClone(demo()) as unknown as Record<string, any>;
    delete p.contact.hoursEn;
    expect(councilView(parseCouncilProfile(p)).hours.en).toBe(p.contact.hoursEasy);
    delete p.contact.hoursEasy;
    const view = councilView(parseCouncilProfile(p));
    expect(view.hours.en).toBe(p.contact.hours);
    expect(view.hours['ja-x-easy']).toBe(p.contact.hours);
  });

  it('gives the languages the profile has no fields for its easy-Japanese text (their staff-text fallback)', () => {
    const v = councilView(demo());
    for (const lang of ['zh-Hans', 'ko', 'vi', 'fil', 'ne', 'pt'] as const) {
      expect(v.hours[lang], lang).toBe(v.hours['ja-x-easy']);
      expect(v.districts[0]!.label[lang], lang).toBe(v.districts[0]!.label['ja-x-easy']);
    }
  });
});

describe('disaster needs settings', () => {
  const withNeeds = (needs: unknown) => {
    const p = structuredClone(demo()) as unknown as Record<string, any>;
    if (needs === undefined) delete p.disaster.needs;
    else p.disaster.needs = needs;
    return p;
  };

  it('default to the four screening rules, 48 hours, 7 days and 50 m when absent', () => {
    const needs = parseCouncilProfile(withNeeds(undefined)).disaster!.needs;
    expect(needs.screening.map((r) => r.code)).toEqual(['roof', 'upper_floor', 'wall_removal', 'licensed_trade']);
    expect(needs).toMatchObject({ staleHours: 48, followUpDays: 7, duplicateRadiusMetres: 50 });
    expect(parseCouncilProfile(withNeeds({ staleHours: 24 })).disaster!.needs).toEqual({ ...needs, staleHours: 24 });
  });

  it('the demo profile writes out exactly the defaults, for councils to edit', () => {
    expect(demo().disaster!.needs).toEqual(parseCouncilProfile(withNeeds(undefined)).disaster!.needs);
  });

  it('refuses a repeated rule code, an unknown work kind and hours out of range', () => {
    const rule = { code: 'roof', name: '屋根', keywords: ['屋根'], referral: '業者へ' };
    const message = errorOf(() => parseCouncilProfile(withNeeds({ screening: [rule, { ...rule, workKinds: ['roofing'] }], staleHours: 0 }))).message;
    expect(message).toContain('disaster.needs.screening.1.code: Duplicate code "roof"');
    expect(message).toContain('disaster.needs.screening.1.workKinds.0:');
    expect(message).toContain('disaster.needs.staleHours:');
  });
});

describe('consultation notices setting', () => {
  const withNotify = (notify: unknown) => {
    const p = structuredClone(demo()) as unknown as Record<string, any>;
    if (notify === undefined) delete p.consultation.notify;
    else p.consultation.notify = notify;
    return p;
  };

  it('tells every change when absent; a council keeps one silent; the demo writes out the defaults', () => {
    expect(parseCouncilProfile(withNotify(undefined)).consultation.notify).toEqual({ taken: true, referred: true, closed: true });
    expect(parseCouncilProfile(withNotify({ closed: false })).consultation.notify).toEqual({ taken: true, referred: true, closed: false });
    expect(demo().consultation.notify).toEqual({ taken: true, referred: true, closed: true });
  });

  it('refuses a value that is not true or false, and a change it does not know', () => {
    const message = errorOf(() => parseCouncilProfile(withNotify({ taken: 'yes', opened: true }))).message;
    expect(message).toContain('consultation.notify.taken:');
    expect(message).toContain('opened');
  });
});

describe('consent topics and partners', () => {
  it('marks which areas touch which topics, and lists the partner bodies with what happens next in every language', () => {
    const p = demo();
    expect(p.consultationCategories.find((c) => c.code === 'livelihood_loan')?.consentTopics).toEqual(['money']);
    expect(p.consultationCategories.find((c) => c.code === 'volunteering')?.consentTopics).toEqual([]);
    expect(p.partners.map((x) => x.kind)).toEqual(expect.arrayContaining(['地域包括支援センター', 'ケアプラザ', '民生委員', '生活支援課']));
    const view = councilView(p).partners!.find((x) => x.code === 'houkatsu_kaigan')!;
    for (const lang of LANGUAGES) expect(view.next[lang]).not.toBe('');
  });

  it('refuses an unknown topic, an unknown partner kind and a partner code used twice', () => {
    const raw = structuredClone(demo()) as unknown as { consultationCategories: Array<Record<string, unknown>>; partners: Array<Record<string, unknown>> };
    raw.consultationCategories[0]!.consentTopics = ['religion'];
    raw.partners[0]!.kind = '友人';
    raw.partners.push({ ...raw.partners[1]! });
    const message = errorOf(() => parseCouncilProfile(raw)).message;
    expect(message).toContain('consultationCategories.0.consentTopics.0');
    expect(message).toContain('partners.0.kind');
    expect(message).toMatch(/partners.*houkatsu_kaigan|partners.*careplaza_sakura|Duplicate|twice|unique/i);
  });
});
