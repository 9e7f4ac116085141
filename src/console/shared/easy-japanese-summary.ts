import { RULE_NAMES, type EasyJapaneseReport, type EasyJapaneseRule } from '../../domain/easy-japanese';

/** Checks a text on the server (the kuromoji tokenizer of src/infra, built on first use). */
export type EasyJapaneseCheck = (text: string) => Promise<EasyJapaneseReport>;

/**
 * One line for staff about a saved text: its score and how many places each rule found, e.g.
 * 「やさしい日本語チェック 72点:長い文 1・むずかしいことば 2(このまま送ることもできます)」; null for an empty text.
 */
export function easyJapaneseSummary(report: EasyJapaneseReport | null): string | null {
  if (!report || report.sentences.count === 0) return null;
  if (report.findings.length === 0) return `やさしい日本語チェック ${report.score}点:直すところは見つかりませんでした`;
  const counts = new Map<EasyJapaneseRule, number>();
  for (const f of report.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const parts = [...counts].map(([rule, n]) => `${RULE_NAMES[rule]} ${n}`);
  return `やさしい日本語チェック ${report.score}点:${parts.join('・')}(このまま送ることもできます)`;
}

/**
 * The summary of the server's check of saved easy-Japanese texts (a title and a description are checked as one text,
 * a line each); null when no check is given or there is no such text. A failed check is said, not thrown: a save never
 * depends on it.
 */
export async function savedTextCheck(check: EasyJapaneseCheck | undefined, texts: ReadonlyArray<string | undefined>): Promise<string | null> {
  const text = texts.filter((t): t is string => Boolean(t?.trim())).join('\n');
  if (!check || !text) return null;
  try {
    return easyJapaneseSummary(await check(text));
  } catch {
    return 'やさしい日本語チェックを使えませんでした(保存はできています)';
  }
}
