/**
 * The loader's reasons (English, for operators reading a start-up error) in the plain Japanese the settings pages
 * show, with the field they concern named as staff know it.
 */
import type { ProfileIssue } from '../../domain/council-profile';
import { isLanguage } from '../../domain/language';
import { LANGUAGE_NAMES } from '../shared/language-names';

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
  council: '社協の名前',
  shortName: '短い名前',
  hours: '受付時間（日本語）',
  hoursEn: '受付時間（英語）',
  hoursEasy: '受付時間（やさしい日本語）',
  email: 'メールアドレス',
  address: '住所',
  websiteUrl: 'ホームページ',
  emergency: '緊急・相談窓口',
  police: '警察',
  fireAmbulance: '消防・救急',
  helplines: '相談窓口（電話）',
  for: '対象',
  districts: '地区',
  teams: '担当チーム',
  partners: 'つなぎ先の機関',
  kind: '種類',
  next: 'つないだあとの流れ（日本語）',
  nextEn: 'つないだあとの流れ（英語）',
  nextEasy: 'つないだあとの流れ（やさしい日本語）',
  businessHours: '営業時間と休日',
  timezone: 'タイムゾーン',
  weekly: '曜日ごとの受付時間',
  mon: '月曜日',
  tue: '火曜日',
  wed: '水曜日',
  thu: '木曜日',
  fri: '金曜日',
  sat: '土曜日',
  sun: '日曜日',
  open: '開く時刻',
  close: '閉じる時刻',
  holidays: '休日（1行に1日。例：2026-12-29）',
  closedRanges: '休みの期間',
  from: 'はじめの日',
  to: 'おわりの日',
  reason: '理由',
  volunteer: 'ボランティアセンター',
  skills: '活動（できること）',
  donations: '寄付',
  allocationPlans: '配分計画',
  foodRules: '食品のルール',
  minDaysToBestBefore: '賞味期限まで残り何日以上',
  accepted: '受け取る食品',
  refused: '受け取らない食品',
  slots: '受け渡しの時間',
  days: '曜日',
  consultation: '相談の返信',
  replyWithinBusinessMinutes: '最初の返信までの時間（営業時間の分）',
  urgent: 'すぐに',
  soon: 'なるべく早く',
  normal: 'ふつう',
  cannedReplies: '定型文',
  title: '題名',
  text: '本文',
  texts: 'ほかの言語の本文（ない言語の人には、やさしい日本語か日本語の本文が入ります）',
  onDutyLineUserIds: '当番の職員のLINEユーザーID',
  notify: '利用者に知らせること',
  taken: '対応を始めたとき',
  referred: 'ほかの機関につないだとき',
  closed: '対応を終えたとき',
  newsletters: '広報紙',
  cadence: '発行の時期',
  issuesPerYear: '年に何回',
  topic: '分野',
  messaging: '送信',
  monthlyPushBudget: '1か月に送れるプッシュ通知の数',
  quietHours: '送らない時間帯',
  privacy: '個人情報',
  policyUrl: 'プライバシーポリシーのURL',
  retentionNote: '保存期間の案内',
  eventRegistrantDays: '行事の申込者の情報を残す日数',
  faqQuestionDays: 'FAQの質問を残す日数',
  retention: 'データの保存期間（日）',
  disaster: '災害ボランティアセンター',
  insurance: 'ボランティア保険',
  disasterPlans: '天災が対象のプラン',
  enrolUrl: '加入の案内のURL',
  enrolPlace: '加入できる場所',
  orientation: 'オリエンテーション',
  safety: '安全のこと',
  heat: '暑さのこと',
  waitAt: '待つ場所',
  donationRule: '寄付の案内',
  lineBasicId: 'LINEのベーシックID',
  needs: 'ニーズ（困りごと）の受付',
  screening: '受けない作業のきまり',
  keywords: 'ことば（1行に1つ）',
  workKinds: '作業の種類',
  staleHours: '動きがないと知らせる時間',
  followUpDays: 'ようすを聞く日数',
  duplicateRadiusMetres: '同じ場所とみなす距離（m）',
  teamsBackBy: 'チームが戻る時刻',
  complaints: '苦情受付',
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

/**
 * The field an issue's path ends at, as staff know it (`salons.3.labelEn` → ボタンの文字（英語）); one language of a
 * `texts` map by the language's name (`cannedReplies.0.texts.vi` → 本文（ベトナム語）).
 */
export function fieldName(path: string): string {
  const names = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = names.at(-1) ?? path;
  if (names.at(-2) === 'texts' && isLanguage(last)) return `本文（${LANGUAGE_NAMES[last]}）`;
  return FIELD_NAMES[last] ?? last;
}

/** One issue as a line for the page. */
export function issueLine(issue: ProfileIssue): string {
  return `${fieldName(issue.path)}：${reasonInJapanese(issue.message)}`;
}
