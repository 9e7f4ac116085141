/**
 * The council's settings as a profile file: exported from the settings in effect (for version control, or to start
 * another council), and read back from a file staff paste or upload. The export holds every section the loader
 * reads, defaults filled in; the FAQ's entries as the file had them (staff edit those in the FAQ pages).
 */
import { parse as parseYaml, stringify } from 'yaml';
import type { CouncilProfile } from '../domain/council-profile';

/** The settings as YAML, with a header naming when and from which version they were exported. */
export function exportProfileYaml(profile: CouncilProfile, at: Date, stamp: number): string {
  const header = [
    '# つなぐ: 社協の設定（プロファイル）',
    `# 書き出し: ${at.toISOString()}（設定の版 ${stamp}）`,
    '# このファイルを COUNCIL_PROFILE にするか、設定画面の「ファイルから読み込む」で読み込めます。',
  ].join('\n');
  return `${header}\n${stringify(profile, { lineWidth: 0 })}`;
}

/** Reads a profile file's text (YAML, or JSON, which YAML reads too); throws a message with the line on bad syntax. */
export function readProfileText(text: string): unknown {
  return parseYaml(text, { prettyErrors: true });
}
