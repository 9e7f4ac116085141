// Under test: the real locales/ tree (complete and consistent across languages, every msg() key in
// src/ present in Japanese), the locale-check functions on small broken fixtures, and the i18next
// translator. Nothing is faked; fixtures for the translator are written to a temporary folder.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTranslator, readLocaleFiles } from '../../src/bot/render/i18n';
import {
  checkLocales,
  checkUsedKeys,
  findMessageKeys,
  flattenMessages,
  interpolationVariables,
  type LocaleFiles,
} from '../../src/bot/render/locale-check';
import { LANGUAGES, type Language } from '../../src/domain/language';

const root = fileURLToPath(new URL('../../', import.meta.url));
const localesDir = join(root, 'locales');
const messages = (problems: { message: string }[]) => problems.map((p) => p.message);

describe('the real locales/ tree', () => {
  const files = readLocaleFiles(localesDir);

  it('has a common namespace in Japanese', () => {
    expect(Object.keys(files.ja ?? {})).toContain('common');
  });

  it('has the same namespaces, keys and variables in every language, and no empty messages', () => {
    expect(messages(checkLocales(files, LANGUAGES))).toEqual([]);
  });

  it('has a Japanese message for every key passed to msg() in src/', () => {
    const used = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => {
        const path = join(root, 'src', f);
        return findMessageKeys(readFileSync(path, 'utf8')).map((key) => ({ key, where: relative(root, path) }));
      });
    expect(messages(checkUsedKeys(used, files.ja ?? {}, 'ja'))).toEqual([]);
  });

  it('renders a message with interpolation in every language', async () => {
    // Pick any Japanese message with variables, so this test does not pin specific wording.
    const withVars = Object.entries(files.ja ?? {})
      .flatMap(([ns, tree]) => [...flattenMessages(tree)].map(([key, value]) => ({ key: `${ns}:${key}`, value })))
      .find((m) => typeof m.value === 'string' && interpolationVariables(m.value).length > 0);
    if (!withVars) return;
    const vars = interpolationVariables(withVars.value as string);
    const params = Object.fromEntries(vars.map((v, i) => [v, v === 'count' ? 2 : `«${v}${i}»`]));
    const translator = await createTranslator(localesDir);
    for (const lang of LANGUAGES) {
      const text = translator.t(lang, withVars.key.replace(/_(?:zero|one|two|few|many|other)$/, ''), params);
      expect(text, `${lang} ${withVars.key}`).not.toMatch(/\{\{/);
      for (const v of vars.filter((v) => v !== 'count')) expect(text).toContain(String(params[v]));
    }
  });
});

describe('checkLocales', () => {
  /** The languages of these small fixtures. */
  const FIXTURE_LANGUAGES = ['ja', 'ja-x-easy', 'en'];
  const good: LocaleFiles = {
    ja: { common: { hello: 'こんにちは、{{name}}さん', menu: { title: 'メニュー' }, items_other: '{{count}}件' } },
    'ja-x-easy': { common: { hello: 'こんにちは、{{name}}さん', menu: { title: 'めにゅー' }, items_other: '{{count}}こ' } },
    en: {
      common: { hello: 'Hello, {{name}}', menu: { title: 'Menu' }, items_one: 'one item', items_other: '{{count}} items' },
    },
  };
  const broken = (mutate: (f: LocaleFiles) => void): LocaleFiles => {
    const copy = structuredClone(good);
    mutate(copy);
    return copy;
  };

  it('accepts consistent locales, including languages with different plural forms', () => {
    expect(checkLocales(good, FIXTURE_LANGUAGES)).toEqual([]);
  });

  it('reports a namespace file missing in one language', () => {
    const files = broken((f) => {
      f.ja!.flows = { start: '開始' };
      f.en!.flows = { start: 'Start' };
    });
    expect(checkLocales(files, FIXTURE_LANGUAGES)).toEqual([
      expect.objectContaining({ kind: 'missingNamespace', lang: 'ja-x-easy', namespace: 'flows' }),
    ]);
  });

  it('reports a key missing in one language, nested or not', () => {
    const files = broken((f) => {
      delete (f.en!.common as { menu: Record<string, string> }).menu.title;
      (f['ja-x-easy']!.common as Record<string, string>).extra = 'よぶん';
    });
    const problems = checkLocales(files, FIXTURE_LANGUAGES);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'missingKey', lang: 'en', key: 'menu.title' }),
        expect.objectContaining({ kind: 'missingKey', lang: 'ja', key: 'extra' }),
        expect.objectContaining({ kind: 'missingKey', lang: 'en', key: 'extra' }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('reports mismatched interpolation variables', () => {
    const files = broken((f) => {
      (f.en!.common as Record<string, string>).hello = 'Hello, {{userName}}';
    });
    expect(messages(checkLocales(files, FIXTURE_LANGUAGES))).toEqual([
      'en: common:hello uses {userName} but ja uses {name}',
    ]);
  });

  it('reports empty and non-string values', () => {
    const files = broken((f) => {
      (f.ja!.common as Record<string, unknown>).hello = '  ';
      (f['ja-x-easy']!.common as Record<string, unknown>).hello = 42;
    });
    const kinds = checkLocales(files, FIXTURE_LANGUAGES).map((p) => `${p.kind} ${p.lang}`);
    expect(kinds).toContain('emptyValue ja');
    expect(kinds).toContain('notString ja-x-easy');
  });
});

describe('interpolationVariables', () => {
  it('reads plain, unescaped and formatted placeholders', () => {
    expect(interpolationVariables('{{ b }} {{- a}} {{n, number}} {{b}}')).toEqual(['a', 'b', 'n']);
  });
});

describe('findMessageKeys and checkUsedKeys', () => {
  const source = `
    return reply(msg('menu:title'), msg("common:hello", { name }), msg(\`flows.start\`));
    const dynamic = msg(\`menu:\${section}\`); // cannot be checked statically
    notmsg('x:y');
  `;

  it('finds keys passed as string literals to msg()', () => {
    expect(findMessageKeys(source)).toEqual(['menu:title', 'common:hello', 'flows.start']);
  });

  it('reports used keys missing in the language, defaulting to the common namespace', () => {
    const ja = { common: { hello: 'こんにちは', items_other: '{{count}}件' }, menu: { title: 'メニュー' } };
    const used = [...findMessageKeys(source), 'common:items', 'menu:missing'].map((key) => ({ key, where: 'x.ts' }));
    expect(messages(checkUsedKeys(used, ja, 'ja'))).toEqual([
      "x.ts: msg('flows.start') has no ja message",
      "x.ts: msg('menu:missing') has no ja message",
    ]);
  });
});

describe('createTranslator', () => {
  const fixture: Partial<Record<Language, Record<string, unknown>>> = {
    ja: {
      common: { greet: '{{name}}さん、こんにちは', items_other: '{{count}}件', onlyJa: '日本語のみ' },
      menu: { title: 'メニュー' },
    },
    'ja-x-easy': { common: { greet: '{{name}}さん、こんにちは(やさしい)', items_other: '{{count}}こ' }, menu: { title: 'めにゅー' } },
    en: { common: { greet: 'Hello, {{name}}', items_one: 'one item', items_other: '{{count}} items' }, menu: { title: 'Menu' } },
  };
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  for (const [lang, namespaces] of Object.entries(fixture)) writeFileSync(join(dir, `${lang}.json`), JSON.stringify(namespaces));

  it('renders a key with interpolation in each language, without HTML escaping', async () => {
    const tr = await createTranslator(dir);
    expect(tr.languages).toEqual(LANGUAGES);
    expect(tr.t('ja', 'greet', { name: '山田&田中' })).toBe('山田&田中さん、こんにちは');
    expect(tr.t('ja-x-easy', 'common:greet', { name: 'やまだ' })).toBe('やまださん、こんにちは(やさしい)');
    expect(tr.t('en', 'common:greet', { name: '<Yamada>' })).toBe('Hello, <Yamada>');
  });

  it('uses namespaces, plurals, and a fixed-language renderer', async () => {
    const tr = await createTranslator(dir);
    expect(tr.t('en', 'menu:title')).toBe('Menu');
    expect(tr.t('en', 'items', { count: 1 })).toBe('one item');
    expect(tr.t('en', 'items', { count: 3 })).toBe('3 items');
    expect(tr.t('ja', 'items', { count: 3 })).toBe('3件');
    const easy = tr.forLanguage('ja-x-easy');
    expect(easy('menu:title')).toBe('めにゅー');
  });

  it('interpolates a parameter named like an i18next option instead of obeying it', async () => {
    const tr = await createTranslator(dir);
    expect(tr.t('en', 'common:greet', { name: 'Aiko', lng: 'ja' })).toBe('Hello, Aiko');
  });

  it('falls back to Japanese for a missing key and reports it', async () => {
    const missing: string[] = [];
    const tr = await createTranslator(dir, { onMissingKey: (lang, key) => missing.push(`${lang} ${key}`) });
    expect(tr.t('en', 'onlyJa')).toBe('日本語のみ');
    expect(tr.t('en', 'items', { count: 2 })).toBe('2 items');
    expect(missing).toEqual(['en onlyJa']);
  });

  it('names a language file that is not an object of namespaces', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'locales-bad-'));
    writeFileSync(join(bad, 'en.json'), '["common"]');
    await expect(createTranslator(bad)).rejects.toThrow(/en\.json: expected an object of namespaces/);
    writeFileSync(join(bad, 'en.json'), '{"common": {');
    await expect(createTranslator(bad)).rejects.toThrow(/en\.json/);
  });

  it('names a missing locales folder', async () => {
    await expect(createTranslator(join(dir, 'nope'))).rejects.toThrow(/nope/);
  });
});
