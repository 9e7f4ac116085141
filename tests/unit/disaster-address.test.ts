// Under test: the comparison keys of typed addresses and phone numbers (normaliseAddress, normalisePhone in
// src/domain/disaster/address.ts). Pure; nothing is faked.
import { describe, expect, test } from 'vitest';
import { normaliseAddress, normalisePhone } from '../../src/domain/disaster/address';

describe('normaliseAddress', () => {
  test.each([
    ['full-width digits', '泥亀１－２－３', '泥亀1-2-3'],
    ['丁目, 番 and 号', '泥亀1丁目2番3号', '泥亀1-2-3'],
    ['番地', '泥亀1丁目2番地3', '泥亀1-2-3'],
    ['番地 without 丁目, and 番地の', '字川原25番地の3', '字川原25-3'],
    ['丁目 and a hyphen', '泥亀1丁目2-3', '泥亀1-2-3'],
    ['の', '泥亀1の2の3', '泥亀1-2-3'],
    ['a block without a house number', '泥亀1丁目2番', '泥亀1-2'],
    ['kanji numerals before 丁目', '泥亀三丁目2-3', '泥亀3-2-3'],
    ['ten and more before 丁目', '泥亀十二丁目5番', '泥亀12-5'],
    ['tens and units before 丁目', '泥亀二十三丁目5', '泥亀23-5'],
    ['a 丁目 with no number after it is kept', '港南三丁目', '港南3丁目'],
    ['spaces of every width', '横浜市 金沢区　泥亀 1丁目 2番 3号', '横浜市金沢区泥亀1-2-3'],
    ['a space between two numbers separates them', '泥亀1-2-3 101号室', '泥亀1-2-3-101号室'],
    ['a postal code with 〒', '〒236-0021 横浜市金沢区泥亀1-2-3', '横浜市金沢区泥亀1-2-3'],
    ['a postal code without 〒, with a long-vowel mark', '236ー0021 横浜市金沢区泥亀1-2-3', '横浜市金沢区泥亀1-2-3'],
    ['日本 and a postal code, as maps write them', '日本、〒236-0021 神奈川県横浜市金沢区泥亀1-2-3', '神奈川県横浜市金沢区泥亀1-2-3'],
    ['日本 before a prefecture', '日本 東京都港区芝公園4-2-8', '東京都港区芝公園4-2-8'],
    ['but not the 日本 of a place name', '日本橋本町3丁目', '日本橋本町3丁目'],
    ['every dash between digits', '1‐2-3‑4–5—6―7−8ー9ｰ10－11', '1-2-3-4-5-6-7-8-9-10-11'],
    ['a long-vowel mark in a name stays', 'コーポ泥亀1-2', 'コーポ泥亀1-2'],
    ['trailing punctuation', '泥亀1-2-3。', '泥亀1-2-3'],
    ['a building and room are kept; Latin letters in lower case', '泥亀1-2-3 Ａ棟 ２０１号室', '泥亀1-2-3a棟201号室'],
    ['ヶ as ケ', '霞ヶ関1-2', '霞ケ関1-2'],
  ])('%s: %s → %s', (_, typed, key) => {
    expect(normaliseAddress(typed)).toBe(key);
  });

  test('the same house written two ways has one key', () => {
    const a = normaliseAddress('〒236-0021 横浜市金沢区泥亀一丁目２番３号');
    const b = normaliseAddress('横浜市金沢区 泥亀1-2-3');
    expect(a).toBe(b);
  });

  test('the house next door does not', () => {
    expect(normaliseAddress('横浜市金沢区泥亀1丁目2番3号')).not.toBe(normaliseAddress('横浜市金沢区泥亀1-2-4'));
    expect(normaliseAddress('泥亀1-2-3')).not.toBe(normaliseAddress('泥亀1-23'));
  });
});

describe('normalisePhone', () => {
  test.each([
    ['hyphens', '090-1234-5678', '09012345678'],
    ['+81 instead of the leading 0', '+81 90-1234-5678', '09012345678'],
    ['81 without +', '81-90-1234-5678', '09012345678'],
    ['+81 (0)', '+81 (0)45-123-4567', '0451234567'],
    ['full-width digits and marks', '０４５－１２３－４５６７', '0451234567'],
    ['words around it', 'TEL: 045(123)4567', '0451234567'],
  ])('%s: %s → %s', (_, typed, key) => {
    expect(normalisePhone(typed)).toBe(key);
  });

  test.each([
    ['too short', '123-4567'],
    ['nine digits', '045-123-456'],
    ['an extension typed after it', '045-123-4567 内線12'],
    ['no digits', 'なし'],
    ['empty', ''],
  ])('%s: %s → null', (_, typed) => {
    expect(normalisePhone(typed)).toBeNull();
  });
});
