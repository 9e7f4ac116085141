/**
 * The server's やさしい日本語 check of the easy-Japanese texts a settings page shows as saved (a canned reply's easy
 * version, an area's explanation …): one summary line per text, shown under its field. The browser checks as staff
 * type; this is what the saved text came to. It never refuses a save.
 */
import { savedTextCheck, type EasyJapaneseCheck } from '../shared/easy-japanese-summary';
import type { FormNode } from './schema-form';
import type { FormValues } from './settings-form';

/** `node` with the summary of each easy-Japanese text in it (`easyCheck`); as it was without a check. */
export async function withEasyChecks(check: EasyJapaneseCheck | undefined, node: FormNode): Promise<FormNode> {
  if (!check) return node;
  switch (node.kind) {
    case 'group':
      return { ...node, children: await Promise.all(node.children.map((c) => withEasyChecks(check, c))) };
    case 'list':
      return { ...node, items: await Promise.all(node.items.map(async (i) => ({ ...i, children: await Promise.all(i.children.map((c) => withEasyChecks(check, c))) }))) };
    case 'textarea': {
      if (!node.easy) return node;
      const summary = await savedTextCheck(check, [node.value]);
      return summary ? { ...node, easyCheck: summary } : node;
    }
    default:
      return node;
  }
}

/** The summaries of the saved easy-Japanese texts among `values`, by field name (`aboutEasy` …); empty ones left out. */
export async function easyChecksOf(check: EasyJapaneseCheck | undefined, values: FormValues, fields: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const summary = await savedTextCheck(check, [values[field]]);
    if (summary) out[field] = summary;
  }
  return out;
}
