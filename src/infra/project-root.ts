import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's root folder (where its package.json is), found by walking up from this module. Works both
 * from the sources (`src/infra`) and from the production bundle (`dist/`), so data files — migrations,
 * locales, profiles, assets — resolve the same way in both.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tsunagu') return dir;
    if (path.dirname(dir) === dir) throw new Error(`project root not found above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);
