// Under test: the translators' report (src/bot/render/translation-status.ts) on small fixtures — a missing string, one
// whose Japanese changed after it was translated, a left-over, an unrecorded one, plural forms under one key — and
// marking; then the real locales/ tree with its record: every language has every string, each recorded as translated
// from a Japanese text (what is outdated is for the report, not a failure). Also the CLI end to end on a copy.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocaleFiles } from '../../src/bot/render/i18n';
import { fingerprint, markTranslated, messagesByKey, translationStatus, type TranslatedFrom } from '../../src/bot/render/translation-status';
import { LANGUAGES } from '../../src/domain/language';
import { PROJECT_ROOT } from '../../src/infra/project-root';

const files = {
  ja: { common: { hello: 'こんにちは', bye: 'さようなら', items_other: '{{count}}件', gone: '消えた' } },
  vi: { common: { hello: 'Xin chào', bye: 'Tạm biệt', items_other: '{{count}} mục', old: 'cũ' } },
  fil: { common: { hello: 'Kumusta', bye: 'Paalam', items_one: '{{count}} item', items_other: '{{count}} items', gone: 'wala na' } },
};

describe('translationStatus', () => {
  it('finds missing, outdated, left-over and unrecorded strings per language', () => {
    let recorded: TranslatedFrom = {};
    recorded = markTranslated(files, 'vi', recorded);
    recorded = markTranslated(files, 'fil', recorded, ['common:hello', 'common:items']);
    // Japanese changes after the translations were made.
    const changed = { ...files, ja: { common: { ...files.ja.common, bye: 'またね' } } };
    const [vi, fil] = translationStatus(changed, ['ja', 'vi', 'fil'], recorded);
    expect(vi).toEqual({ language: 'vi', missing: ['common:gone'], outdated: [{ key: 'common:bye', japanese: 'bye=またね', current: 'bye=Tạm biệt' }], extra: ['common:old'], unrecorded: [] });
    expect(fil).toEqual({ language: 'fil', missing: [], outdated: [], extra: [], unrecorded: ['common:bye', 'common:gone'] });
  });

  it('records plural forms under their base key, and drops marks of keys Japanese no longer has', () => {
    expect([...messagesByKey(files.fil).keys()]).toEqual(['common:hello', 'common:bye', 'common:items', 'common:gone']);
    const marked = markTranslated(files, 'vi', { vi: { 'common:removed': 'abc' } });
    expect(marked.vi).toEqual({ 'common:bye': fingerprint('bye=さようなら'), 'common:hello': fingerprint('hello=こんにちは'), 'common:items': fingerprint('items_other={{count}}件') });
  });
});

describe('the real locales/ and its record', () => {
  const real = readLocaleFiles(path.join(PROJECT_ROOT, 'locales'));
  const recorded = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'locales', 'translated-from.json'), 'utf8')) as TranslatedFrom;

  it.each(LANGUAGES.filter((l) => l !== 'ja'))('%s has every string, each recorded as translated from a Japanese text (npm run locales:mark)', (lang) => {
    const [status] = translationStatus(real, [lang], recorded);
    expect(status!.missing).toEqual([]);
    expect(status!.extra).toEqual([]);
    expect(status!.unrecorded).toEqual([]);
  });

  it('the CLI reports a changed Japanese string as outdated in every language, and marking one language clears it there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'locales-cli-'));
    cpSync(path.join(PROJECT_ROOT, 'locales'), path.join(dir, 'locales'), { recursive: true });
    const ja = JSON.parse(readFileSync(path.join(dir, 'locales', 'ja.json'), 'utf8'));
    ja.menu.prompt = `${ja.menu.prompt}(変更)`;
    writeFileSync(path.join(dir, 'locales', 'ja.json'), JSON.stringify(ja));
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'locales.ts'), ...args], { cwd: PROJECT_ROOT, env: { ...process.env, TSUNAGU_LOCALES_DIR: path.join(dir, 'locales') }, encoding: 'utf8' });
    const before = run('report');
    expect(before).toMatch(/^vi \(Tiếng Việt\)\s+0\s+1\s+0\s+0$/m);
    expect(before).toMatch(/^ne \(नेपाली\)\s+0\s+1\s+0\s+0$/m);
    expect(run('report', '--lang', 'vi')).toContain('outdated   menu:prompt');
    run('mark', 'vi', 'menu:prompt');
    expect(run('report')).toMatch(/^vi \(Tiếng Việt\)\s+0\s+0\s+0\s+0$/m);
    expect(run('report')).toMatch(/^pt \(Português\)\s+0\s+1\s+0\s+0$/m);
  });
});
