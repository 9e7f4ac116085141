/**
 * The translators' tool: `npm run locales:report [-- --lang vi] [-- --details]` lists, per language, the strings that
 * are missing, outdated (their Japanese changed since they were translated), left over or not yet recorded;
 * `npm run locales:mark -- <language> [namespace:key …]` records that a language's strings (all, or those named) are
 * translated from today's Japanese, in locales/translated-from.json. Exits 1 from `report` when a string is missing, so
 * it can gate a release; outdated strings are reported, not refused (the old translation still reads).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readLocaleFiles } from '../src/bot/render/i18n';
import { markTranslated, translationStatus, type TranslatedFrom } from '../src/bot/render/translation-status';
import { LANGUAGE_INFO, LANGUAGES, isLanguage } from '../src/domain/language';
import { PROJECT_ROOT } from '../src/infra/project-root';

// TSUNAGU_LOCALES_DIR: another copy of locales/ (the tool's own test works on one).
const localesDir = process.env.TSUNAGU_LOCALES_DIR ?? path.join(PROJECT_ROOT, 'locales');
const recordPath = path.join(localesDir, 'translated-from.json');
const readRecord = (): TranslatedFrom => JSON.parse(readFileSync(recordPath, 'utf8')) as TranslatedFrom;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { lang: { type: 'string' }, details: { type: 'boolean', default: false } } });
const [command, ...rest] = positionals;
const files = readLocaleFiles(localesDir);

if (command === 'mark') {
  const [language, ...keys] = rest;
  if (!isLanguage(language) || language === 'ja') {
    console.error(`usage: npm run locales:mark -- <language> [namespace:key …]   (language: ${LANGUAGES.filter((l) => l !== 'ja').join(', ')})`);
    process.exit(2);
  }
  const next = markTranslated(files, language, readRecord(), keys.length ? keys : undefined);
  writeFileSync(recordPath, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`${language}: ${Object.keys(next[language] ?? {}).length} strings recorded as translated from today's Japanese`);
} else if (command === 'report') {
  const languages = values.lang ? [values.lang] : [...LANGUAGES];
  const status = translationStatus(files, languages, readRecord());
  console.log('language        missing  outdated  left-over  unrecorded');
  for (const s of status) {
    const name = `${s.language} (${isLanguage(s.language) ? LANGUAGE_INFO[s.language].endonym : '?'})`;
    console.log(`${name.padEnd(16)}${String(s.missing.length).padStart(7)}${String(s.outdated.length).padStart(10)}${String(s.extra.length).padStart(11)}${String(s.unrecorded.length).padStart(12)}`);
  }
  for (const s of status) {
    const any = s.missing.length + s.outdated.length + s.extra.length + s.unrecorded.length;
    if (!any || (!values.details && !values.lang)) continue;
    console.log(`\n== ${s.language}`);
    for (const k of s.missing) console.log(`missing    ${k}`);
    for (const o of s.outdated) console.log(`outdated   ${o.key}\n  日本語 now: ${o.japanese.replace(/\n/g, ' | ')}\n  ${s.language} still: ${o.current.replace(/\n/g, ' | ')}`);
    for (const k of s.extra) console.log(`left-over  ${k}`);
    for (const k of s.unrecorded) console.log(`unrecorded ${k}`);
  }
  if (status.some((s) => s.missing.length)) process.exitCode = 1;
} else {
  console.error('usage: npm run locales:report [-- --lang <language>] [-- --details]  |  npm run locales:mark -- <language> [namespace:key …]');
  process.exit(2);
}
