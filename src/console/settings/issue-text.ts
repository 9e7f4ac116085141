/**
 * The loader's reasons (English, for operators reading a start-up error) in the plain Japanese the settings pages
 * show, with the field they concern named as staff know it.
 */
import type { ProfileIssue } from '../../domain/council-profile';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  code: 'コード',
  name: '名前（日本語）',
  nameEn: '名前（英語）',
  nameEasy: '名前（やさしい日本語）',
  label: 'ボタンの文字（日本語）',
  labelEn: 'ボタンの文字（英語）',
  labelEasy: 'ボタンの文字（やさしい日本語）',
  team: '担当チーム',
  about: '説明（日本語）',
  aboutEn: '説明（英語）',
  aboutEasy: '説明（やさしい日本語）',
  prepare: '用意するもの（日本語）',
  prepareEn: '用意するもの（英語）',
  prepareEasy: '用意するもの（やさしい日本語）',
  district: '地区',
  place: '場所',
  fee: '参加費',
  bring: '持ち物',
  accessibility: 'バリアフリーの情報',
  contact: '問い合わせ先',
  start: '始まる時刻',
  end: '終わる時刻',
  phone: '電話番号',
  budgetYen: '予算（円）',
  fiscalYear: '年度',
  purposes: '使いみち',
};

const REASONS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Button label "(.*)" has (\d+) characters; LINE shows (\d+)/s, (m) => `ボタンの文字「${m[1]}」は${m[2]}文字です。LINEのボタンには${m[3]}文字までしか出ません。${m[3]}文字以内の短いボタンの文字を入れてください。`],
  [/^Must not be empty/, () => '空にはできません。'],
  [/^Required/, () => '入力してください。'],
  [/^Expected a phone number/, () => 'LINEのボタンからかけられる電話番号を入れてください（例：045-000-1234、0120-279-338、189、#8008）。'],
  [/^Expected a time HH:MM/, () => '時刻は 09:30 のように、半角で入れてください。'],
  [/^Expected a date YYYY-MM-DD/, () => '日付は 2026-04-01 のように、半角で入れてください。'],
  [/^Not a real calendar date/, () => 'その日付はありません。'],
  [/^Expected a code/, () => 'コードは半角の英小文字・数字・「_」「-」で、32文字までにしてください。'],
  [/^Duplicate code "(.*)"/, (m) => `コード「${m[1]}」は、もう使われています。別のコードにしてください。`],
  [/^Duplicate plan for fiscal year/, () => 'その年度の計画は、もうあります。'],
  [/^Unknown team "(.*)"/, (m) => `担当チーム「${m[1]}」はありません。`],
  [/^close must be after open/, () => '終わる時刻は、始まる時刻より後にしてください。'],
  [/^Too small: expected number to be >=(\d+)/, (m) => `${m[1]}以上の数にしてください。`],
  [/^Too big: expected array to have <=(\d+)/, (m) => `${m[1]}個までにしてください。`],
  [/^At most 5 purposes/, () => '使いみちは5つまでにしてください（LINEのボタンは「おまかせ」とあわせて6つまでです）。'],
  [/^Invalid input: expected number/, () => '半角の数字で入れてください。'],
];

/** The issue's reason in Japanese (the loader's own words when there is no translation). */
export function reasonInJapanese(message: string): string {
  for (const [pattern, say] of REASONS) {
    const m = message.match(pattern);
    if (m) return say(m);
  }
  return message;
}

/** The field an issue's path ends at, as staff know it (`salons.3.labelEn` → ボタンの文字（英語）). */
export function fieldName(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? path;
  return FIELD_NAMES[last] ?? last;
}

/** One issue as a line for the page. */
export function issueLine(issue: ProfileIssue): string {
  return `${fieldName(issue.path)}：${reasonInJapanese(issue.message)}`;
}
