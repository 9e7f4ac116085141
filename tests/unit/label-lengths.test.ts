// Under test: every button and quick-reply label the bot draws from locales/ fits LINE's 20 characters in every
// language (the renderer would otherwise cut it with "…"). The label keys are not listed by hand: they are found in
// src/ where a message key is given as a label (postbackChip(msg('…')), label: msg('…'), labelOn: msg('…')), and a
// key written as a template (`consultation:${key}.${v}`) stands for every key of that shape whose Japanese fits a
// button. The flows' own walk (tests/unit/flows/button-labels.test.ts) checks the rendered labels of the menu's
// sections. Counted both in grapheme clusters (LINE_LIMITS) and in code points: LINE does not say how it counts
// Devanagari vowel signs, and the stricter count is the safe one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocaleFiles } from '../../src/bot/render/i18n';
import { flattenMessages, pluralBase } from '../../src/bot/render/locale-check';
import { countGraphemes, LINE_LIMITS } from '../../src/bot/render/message-builder';
import { LANGUAGES } from '../../src/domain/language';
import { PROJECT_ROOT } from '../../src/infra/project-root';

/** Where src/ names a message key as a label. */
const LABEL_SITES = [/postbackChip\(\s*msg\(\s*[`'"]([^`'"]+)[`'"]/g, /\blabel(?:On)?:\s*(?:\([^)]*\)\s*=>\s*)?msg\(\s*[`'"]([^`'"]+)[`'"]/g];
/** Keys a template site matches that are texts, not buttons (the template reaches only its choice keys). */
const NOT_LABELS = [/\.(prompt|intro|title|note|why|body|page)$/, /^consultation\.(description|summary)\./];
/** A `{{variable}}` counts as this many characters (a phone number or a count with its unit). */
const VARIABLE_WIDTH = 6;

const files = readLocaleFiles(path.join(PROJECT_ROOT, 'locales'));
const flat: Record<string, Map<string, unknown>> = Object.fromEntries(
  LANGUAGES.map((l) => [l, new Map<string, unknown>(Object.entries(files[l] ?? {}).flatMap(([ns, tree]) => [...flattenMessages(tree)].map(([k, v]) => [`${ns}.${k}`, v] as [string, unknown])))]),
);

function labelSites(): Set<string> {
  const sources = readdirSync(path.join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const keys = new Set<string>();
  for (const f of sources) {
    const text = readFileSync(path.join(PROJECT_ROOT, 'src', f), 'utf8');
    for (const site of LABEL_SITES) for (const m of text.matchAll(site)) if (m[1] !== 'common:literal') keys.add(m[1]!);
  }
  return keys;
}

/** The locale keys (`namespace.path`) a label site names: itself, or every key of a template's shape. */
function keysOf(site: string): string[] {
  const dotted = site.includes(':') ? site.replace(':', '.') : `common.${site}`;
  if (!site.includes('${')) return [...flat.ja!.keys()].filter((k) => pluralBase(k) === dotted);
  const shape = new RegExp(`^${dotted.replace(/\./g, '\\.').replace(/\$\{[^}]*\}/g, '[^.]+')}$`);
  return [...flat.ja!.keys()].filter((k) => {
    const v = flat.ja!.get(k);
    return shape.test(pluralBase(k)) && typeof v === 'string' && countGraphemes(v) <= LINE_LIMITS.actionLabelGraphemes && !NOT_LABELS.some((r) => r.test(pluralBase(k)));
  });
}

const shown = (label: string) => label.replace(/\{\{[^}]+\}\}/g, 'x'.repeat(VARIABLE_WIDTH));

describe('button labels in every language', () => {
  const sites = labelSites();
  const keys = [...new Set([...sites].flatMap(keysOf))].sort();

  it('are found in src/ (the scan still sees the flows)', () => {
    expect(sites.size).toBeGreaterThan(150);
    for (const known of ['common:nav.menu', 'consent:ask.yes', 'consultation:about.go']) expect(sites).toContain(known);
    expect(keys).toEqual(expect.arrayContaining(['consultation.forWhom.neighbour', 'volunteer.weekday.mon', 'common.nav.menu']));
  });

  it.each([...LANGUAGES])('%s: every label has at most 20 characters', (lang) => {
    const long = keys.flatMap((k) => {
      const v = flat[lang]!.get(k);
      if (typeof v !== 'string') return [`${k}: missing`];
      const s = shown(v);
      return countGraphemes(s) > LINE_LIMITS.actionLabelGraphemes || [...s].length > LINE_LIMITS.actionLabelGraphemes ? [`${k} = ${v} (${countGraphemes(s)} characters, ${[...s].length} code points)`] : [];
    });
    expect(long).toEqual([]);
  });
});
