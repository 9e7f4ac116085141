/**
 * Screening a need against what a centre's volunteers may not do (roof work, the second floor and above, removing
 * walls, work for a licensed trade): the rules come from the council profile, each with where to turn instead.
 * A match is a question for staff, not a refusal: the rules match generously, so 「2階建ての1階」 matches the
 * second-floor rule — a needless look costs staff a minute, a missed one sends volunteers up a ladder. Pure.
 */
import type { WorkKind } from './needs';

/** One thing volunteers may not do, as the profile words it. */
export interface ScreeningRule {
  /** Stable code, also what a form's "cannot do" tick stores. */
  code: string;
  /** What the rule is about, in Japanese (屋根の上の作業). */
  name: string;
  /** Words that raise the rule when the need's text holds one; compared after NFKC, ignoring spaces and Latin case. */
  keywords: string[];
  /** Work kinds that raise the rule whenever asked for (a centre with no trucks might screen `transport`). */
  workKinds?: WorkKind[] | undefined;
  /** Where to turn instead, in Japanese, told to the resident and read by staff. */
  referral: string;
}

/** What of a need screening reads. */
export interface ScreenedNeed {
  workKinds: WorkKind[];
  /** Codes of the rules the resident (or staff) ticked on the form. */
  cannotDo?: string[];
  /** The need's notes and "other" text. */
  text: string;
}

/**
 * Pure: the rules the need raises — ticked, asking for one of the rule's work kinds, or holding one of its
 * keywords — each once, in the profile's order.
 */
export function screenNeed(need: ScreenedNeed, rules: readonly ScreeningRule[]): ScreeningRule[] {
  const text = comparable(need.text);
  const ticked = new Set(need.cannotDo ?? []);
  return rules.filter(
    (r) =>
      ticked.has(r.code) ||
      (r.workKinds ?? []).some((k) => need.workKinds.includes(k)) ||
      r.keywords.some((k) => {
        const word = comparable(k);
        return word !== '' && text.includes(word);
      }),
  );
}

function comparable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * What volunteers may not do, where a council's profile lists nothing else: roof work, the second floor and
 * above, removing walls, work for a licensed trade. Keywords leave out bare 電気 and 水道, which residents use
 * to say a supply is cut (電気は使えます), but keep bare ガス: a smell of gas must reach staff.
 */
export const DEFAULT_SCREENING_RULES: readonly ScreeningRule[] = [
  {
    code: 'roof',
    name: '屋根の上の作業',
    keywords: ['屋根', '瓦', 'ブルーシート', '雨漏り', '雨どい', '雨樋'],
    referral: '屋根の工事は、工務店や屋根の業者にご相談ください。市の住宅相談窓口でも業者を案内しています。',
  },
  {
    code: 'upper_floor',
    name: '2階以上の作業',
    keywords: ['2階', '二階', '3階', '三階'],
    referral: '2階以上の作業は、安全のためボランティアではお受けしていません。ご家族や、引越し業者・便利屋にご相談ください。1階の作業はお受けできます。',
  },
  {
    code: 'wall_removal',
    name: '壁の撤去',
    keywords: ['壁', '解体', '取り壊し'],
    referral: '壁を壊す・外す作業は家の強さに関わるため、工務店や大工さんにご相談ください。家の解体は、市の公費解体の窓口が受け付けることがあります。',
  },
  {
    code: 'licensed_trade',
    name: '資格が必要な工事(電気・ガス・水道・重機)',
    keywords: ['電気工事', '配線', '漏電', '分電盤', 'ブレーカー', 'ガス', '給湯器', '水道管', '水道工事', '配管', '水漏れ', '漏水', '重機', 'ユンボ', 'ショベルカー', 'パワーショベル'],
    referral:
      '電気・ガス・水道の工事と重機を使う作業は、資格のある業者の仕事です。電気は電力会社か電気工事店、ガスはガス会社、水道は市の指定工事店にご相談ください。重機が要る量の土砂は市の窓口へ。ガスのにおいがするときは、火を使わず、すぐにガス会社へ連絡してください。',
  },
];
