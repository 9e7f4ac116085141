/** What staff read for each rule: one short line of plain Japanese (the finding's `message`). */
import type { EasyJapaneseRule } from '../types';

/** Each rule's name for staff. */
export const RULE_NAMES: Readonly<Record<EasyJapaneseRule, string>> = {
  longSentence: '長い文',
  kanjiWithoutReading: 'ふりがなのない漢字',
  kanjiDensity: '漢字が多い文',
  honorific: '尊敬語・謙譲語',
  doubleNegative: '二重否定',
  katakanaLoanword: 'カタカナのことば',
  difficultWord: 'むずかしいことば',
};

export const MESSAGES = {
  longSentence: (chars: number, max: number) => `文が長いです（${chars}字）。${max}字くらいまでにして、1つの文で1つのことを伝えましょう。`,
  manyClauses: (joints: number) => `1つの文に「〜て、〜ので、〜が」などのつながりが${joints}つあります。文を分けましょう。`,
  kanjiWithoutReading: '常用漢字ではない漢字です。ふりがなを（　）に書くか、ひらがなにしましょう。',
  kanjiDensity: (percent: number) => `漢字が多い文です（${percent}%）。ひらがなにするか、ふりがなをつけましょう。`,
  honorific: '尊敬語・謙譲語は外国人にはわかりにくいです。「です・ます」で書きましょう。',
  doubleNegative: '「〜ない」が2回あって、意味がわかりにくいです。「〜ない」を使わない形にしましょう。',
  obligation: '「〜なければなりません」は「〜ない」が2回あってわかりにくいです。',
  katakanaLoanword: 'カタカナのことば（外来語）はわかりにくいことがあります。日本語のことばにしましょう。',
  difficultWord: 'むずかしいことばです。やさしいことばにしましょう。',
} as const satisfies Record<EasyJapaneseRule | 'manyClauses' | 'obligation', unknown>;
