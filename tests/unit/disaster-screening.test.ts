// Under test: screening a need against what volunteers may not do (screenNeed and the default rules in
// src/domain/disaster/screening.ts). Pure; nothing is faked.
import { describe, expect, test } from 'vitest';
import { DEFAULT_SCREENING_RULES, screenNeed, type ScreenedNeed, type ScreeningRule } from '../../src/domain/disaster/screening';

const rules = DEFAULT_SCREENING_RULES;
const codes = (need: Partial<ScreenedNeed>, with_: readonly ScreeningRule[] = rules) => screenNeed({ workKinds: [], text: '', ...need }, with_).map((r) => r.code);

describe('screenNeed', () => {
  test('a rule the resident ticked', () => {
    expect(codes({ cannotDo: ['wall_removal'], text: '泥出しをお願いします' })).toEqual(['wall_removal']);
  });

  test('a keyword in the text', () => {
    expect(codes({ text: '瓦がずれて雨が入ります' })).toEqual(['roof']);
    expect(codes({ text: 'ガスのにおいがします' })).toEqual(['licensed_trade']);
  });

  test('keywords are found in full-width, half-width and spaced writing', () => {
    expect(codes({ text: '２階の家具を下ろしたい' })).toEqual(['upper_floor']);
    expect(codes({ text: 'ﾕﾝﾎﾞで土砂をどけてほしい' })).toEqual(['licensed_trade']);
    expect(codes({ text: 'ブルー シートを張りたい' })).toEqual(['roof']);
  });

  test('Latin keywords ignore case, in the text and in the rule', () => {
    const diy = [{ code: 'diy', name: 'DIY', keywords: ['ＤＩＹ'], referral: '…' }];
    expect(codes({ text: 'diyで直した棚' }, diy)).toEqual(['diy']);
  });

  test('「2階建ての1階」 raises the second-floor rule: matching is generous and staff decide', () => {
    expect(codes({ text: '2階建ての1階の泥出し' })).toEqual(['upper_floor']);
  });

  test('a cut supply is not a licensed trade: bare 電気 and 水道 are not keywords', () => {
    expect(codes({ workKinds: ['mud', 'cleaning'], text: '電気は使えますが水道が止まっています。床下の泥出しをお願いします' })).toEqual([]);
  });

  test('each rule once, in the profile\'s order, however many ways it is raised', () => {
    expect(codes({ cannotDo: ['licensed_trade', 'roof', 'roof'], text: '屋根の瓦と2階の配管、ブルーシート' })).toEqual(['roof', 'upper_floor', 'licensed_trade']);
  });

  test('a rule may be raised by the work asked for', () => {
    const noTrucks = [...rules, { code: 'no_trucks', name: '運搬', keywords: [], workKinds: ['transport' as const], referral: '市の臨時ごみ置き場へ…' }];
    expect(codes({ workKinds: ['furniture'] }, noTrucks)).toEqual([]);
    expect(codes({ workKinds: ['furniture', 'transport'] }, noTrucks)).toEqual(['no_trucks']);
  });

  test('an unknown ticked code and an empty keyword raise nothing', () => {
    expect(codes({ cannotDo: ['nope'], text: '床下の泥出し' }, [{ code: 'x', name: 'x', keywords: [' '], referral: 'x' }])).toEqual([]);
  });

  test('returns the rules themselves, with their referral', () => {
    const [roof] = screenNeed({ workKinds: [], text: '屋根' }, rules);
    expect(roof).toBe(rules[0]);
    expect(roof!.referral).toContain('工務店');
  });
});
