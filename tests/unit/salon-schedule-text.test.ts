// Under test: salons in plain Japanese for the console — the usual schedule in words, dates, what a change does and
// the notice prefilled for a salon's followers — and the checks on a change staff post (called-off, extra and
// noted sessions), plus which values may prefill the broadcast form. Pure; no I/O.
import { describe, expect, it } from 'vitest';
import { prefillValues } from '../../src/console/broadcasts/broadcast-routes';
import { parseSalonChangeForm, type ChangeContext } from '../../src/console/salons/salon-form';
import { changeNotice, describeChange, describeSchedule, jaTimeRange } from '../../src/console/salons/salon-text';
import { jaDay } from '../../src/console/shared/ja-dates';

describe('describeSchedule', () => {
  it('says the usual schedule as councils write it', () => {
    expect(describeSchedule({ rule: { kind: 'weekly', weekday: 'tue' }, start: '10:00', end: '12:00' })).toBe('毎週 火曜 10:00〜12:00');
    expect(describeSchedule({ rule: { kind: 'weekly', weekday: 'wed', everyNWeeks: 2, anchor: '2026-11-18' }, start: '13:30', end: '15:00' })).toBe('隔週 水曜 13:30〜15:00');
    expect(describeSchedule({ rule: { kind: 'weekly', weekday: 'thu', everyNWeeks: 3, anchor: '2026-11-19' }, start: '09:30', end: '11:00' })).toBe('3週ごと 木曜 9:30〜11:00');
    expect(describeSchedule({ rule: { kind: 'monthlyNth', weekday: 'tue', nth: [4, 2] }, start: '10:00', end: '12:00' })).toBe('毎月 第2・第4 火曜 10:00〜12:00');
    expect(describeSchedule({ rule: { kind: 'monthlyNth', weekday: 'fri', nth: [-1] }, start: '17:00', end: '19:00' })).toBe('毎月 最終 金曜 17:00〜19:00');
    expect(describeSchedule({ rule: { kind: 'monthlyNth', weekday: 'sun', nth: [-1, 1] }, start: '10:00', end: '11:00' })).toBe('毎月 第1・最終 日曜 10:00〜11:00');
    expect(describeSchedule({ rule: { kind: 'monthlyDay', day: 15 }, start: '10:00', end: '12:00' })).toBe('毎月 15日 10:00〜12:00');
  });

  it('every other week without an anchor week meets every week, and says so', () => {
    expect(describeSchedule({ rule: { kind: 'weekly', weekday: 'mon', everyNWeeks: 2 }, start: '10:00', end: '12:00' })).toBe('毎週 月曜 10:00〜12:00');
  });
});

describe('dates, changes and notices', () => {
  const salon = { name: '海岸いきいきサロン', place: '海岸地区センター 2階 和室', contact: '海岸地区社協 サロン係 045-000-1301', schedule: { start: '10:00', end: '12:00' } };

  it('writes dates with the weekday and times without a leading zero', () => {
    expect(jaDay('2026-12-08')).toBe('12月8日(火)');
    expect(jaDay('2027-01-01')).toBe('1月1日(金)');
    expect(jaTimeRange('09:05', '10:00')).toBe('9:05〜10:00');
  });

  it('says what a change does', () => {
    expect(describeChange({ kind: 'cancelled', start: null, end: null, note: null }, salon.schedule)).toBe('お休み');
    expect(describeChange({ kind: 'extra', start: '13:00', end: '15:00', note: null }, salon.schedule)).toBe('臨時の回 13:00〜15:00');
    expect(describeChange({ kind: 'note', start: null, end: null, note: '場所が公民館2階に変わります' }, salon.schedule)).toBe('お知らせ:場所が公民館2階に変わります');
  });

  it('words the notice for each kind of change, with the salon contact', () => {
    const off = changeNotice(salon, { kind: 'cancelled', date: '2026-12-08', start: null, end: null, note: null });
    expect(off.title).toBe('海岸いきいきサロン 12月8日(火) お休み');
    expect(off.text).toBe('【お休みのお知らせ】海岸いきいきサロンは、12月8日(火)の回をお休みします。\nお問い合わせ:海岸地区社協 サロン係 045-000-1301');
    const extra = changeNotice(salon, { kind: 'extra', date: '2026-12-15', start: '13:00', end: '15:00', note: null });
    expect(extra.text).toContain('【臨時の回】海岸いきいきサロンは、12月15日(火) 13:00〜15:00に臨時の回をひらきます。');
    expect(extra.text).toContain('場所:海岸地区センター 2階 和室');
    const note = changeNotice(salon, { kind: 'note', date: '2026-12-08', start: null, end: null, note: '場所が公民館2階に変わります' });
    expect(note.text).toContain('【お知らせ】海岸いきいきサロンの12月8日(火)の回について:場所が公民館2階に変わります');
    for (const n of [off, extra, note]) expect(n.title.length).toBeLessThanOrEqual(100);
  });
});

describe('parseSalonChangeForm', () => {
  // Tue 24 Nov 2026 10:30 JST; sessions on 24 Nov, 8 Dec and an extra one staff added on 15 Dec.
  const ctx: ChangeContext = {
    now: new Date('2026-11-24T10:30:00+09:00'),
    sessionDates: ['2026-11-24', '2026-12-08', '2026-12-15'],
    extraDates: ['2026-12-15'],
    meetsOn: (d) => ['2026-11-24', '2026-12-08', '2026-12-15', '2027-01-12'].includes(d),
  };
  const parse = (body: Record<string, string>) => parseSalonChangeForm(body, ctx);
  const error = (body: Record<string, string>) => {
    const r = parse(body);
    return r.ok ? null : r.error;
  };

  it('takes a cancellation of an upcoming session, an extra session and a note', () => {
    expect(parse({ kind: 'cancelled', date: '2026-12-08' })).toEqual({ ok: true, change: { kind: 'cancelled', date: '2026-12-08', start: null, end: null, note: null } });
    expect(parse({ kind: 'extra', date: '2026-12-01', start: '13:00', end: '15:00' })).toEqual({ ok: true, change: { kind: 'extra', date: '2026-12-01', start: '13:00', end: '15:00', note: null } });
    expect(parse({ kind: 'note', date: '2026-11-24', note: '  場所が公民館2階に変わります ' })).toEqual({ ok: true, change: { kind: 'note', date: '2026-11-24', start: null, end: null, note: '場所が公民館2階に変わります' } });
  });

  it('refuses a cancellation or note off the list of upcoming sessions, and a cancelled extra session', () => {
    expect(error({ kind: 'cancelled', date: '' })).toBe('お休みにする回を選んでください');
    expect(error({ kind: 'cancelled', date: '2026-12-01' })).toContain('これからの回の中から');
    expect(error({ kind: 'cancelled', date: '2026-12-15' })).toContain('臨時の回です');
    expect(error({ kind: 'note', date: '2026-11-17', note: 'x' })).toContain('これからの回の中から');
    expect(error({ kind: 'note', date: '2026-12-08', note: '   ' })).toBe('お知らせの文を入力してください');
    expect(error({ kind: 'note', date: '2026-12-08', note: 'あ'.repeat(201) })).toBe('お知らせは200文字までにしてください');
    expect(parse({ kind: 'note', date: '2026-12-08', note: 'あ'.repeat(200) }).ok).toBe(true);
  });

  it('refuses an extra session with bad times, in the past, too far ahead, or on a day the salon already meets', () => {
    expect(error({ kind: 'extra', date: '2026-12-01', start: '15:00', end: '13:00' })).toBe('終わる時刻は、始まる時刻より後にしてください');
    expect(error({ kind: 'extra', date: '2026-12-01', start: '13:00', end: '13:00' })).toBe('終わる時刻は、始まる時刻より後にしてください');
    expect(error({ kind: 'extra', date: '2026-12-01', start: '', end: '13:00' })).toBe('臨時の回の始まる時刻を入れてください');
    expect(error({ kind: 'extra', date: '2026-11-23', start: '13:00', end: '15:00' })).toContain('過ぎています');
    expect(error({ kind: 'extra', date: '2026-11-25', start: '10:00', end: '12:00' })).toBeNull();
    expect(error({ kind: 'extra', date: '2026-02-30', start: '10:00', end: '12:00' })).toContain('ない日付');
    expect(error({ kind: 'extra', date: '2028-01-10', start: '10:00', end: '12:00' })).toContain('1年先まで');
    expect(error({ kind: 'extra', date: '2027-01-12', start: '13:00', end: '15:00' })).toContain('もう回があります');
  });

  it('refuses a form of no known kind', () => {
    const r = parse({ kind: 'moved', date: '2026-12-08' });
    expect(r).toEqual({ ok: false, kind: null, error: expect.stringContaining('変更の種類') });
  });
});

describe('prefillValues (the broadcast form opened from another page)', () => {
  const exists = (code: string) => code === 'kaigan-ikiiki';

  it('opens an announcement to everyone by default', () => {
    expect(prefillValues({}, exists)).toEqual({ values: { kind: 'announcement', everyone: 'on' }, error: null });
  });

  it('takes a salon notice with its title and text, not to everyone', () => {
    expect(prefillValues({ salon: 'kaigan-ikiiki', kind: 'salon_notice', title: '件名', textJa: '本文' }, exists)).toEqual({
      values: { kind: 'salon_notice', title: '件名', textJa: '本文', salon: 'kaigan-ikiiki' },
      error: null,
    });
  });

  it('takes only known fields, a known kind and a salon that exists', () => {
    expect(prefillValues({ kind: 'bogus', everyone: 'on', urgent: 'on', override: 'on', scheduledAt: '2026-01-01T00:00', textJa: ['a', 'b'] }, exists)).toEqual({ values: { kind: 'announcement', everyone: 'on' }, error: null });
    expect(prefillValues({ title: 'x'.repeat(101) }, exists).values.title).toBeUndefined();
    const unknown = prefillValues({ salon: 'nowhere', kind: 'salon_notice' }, exists);
    expect(unknown.values).toEqual({ kind: 'salon_notice' });
    expect(unknown.error).toContain('サロンが見つかりませんでした');
  });
});
