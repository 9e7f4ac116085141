import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseCouncilProfile, type CouncilProfile } from '../domain/council-profile';
import { DomainError } from '../domain/errors';

/**
 * Reads a council profile from a `.yaml`/`.yml` or `.json` file and validates it. Throws
 * `DomainError('config.invalid')` when the file is missing, unreadable or has another extension, and
 * `DomainError('profile.invalid')` when its syntax or content is wrong; every message names `path`.
 * Read synchronously because it runs once at boot, before the server listens.
 */
export function loadCouncilProfile(path: string): CouncilProfile {
  const ext = extname(path).toLowerCase();
  if (ext !== '.yaml' && ext !== '.yml' && ext !== '.json') {
    throw new DomainError('config.invalid', `Council profile ${path}: expected a .yaml, .yml or .json file`);
  }

  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read (${(e as Error).message})`;
    throw new DomainError('config.invalid', `Council profile ${path}: ${reason}`);
  }

  let raw: unknown;
  try {
    raw = ext === '.json' ? JSON.parse(source) : parseYaml(source);
  } catch (e) {
    throw new DomainError('profile.invalid', `Council profile ${path}: syntax error: ${(e as Error).message}`);
  }

  try {
    return parseCouncilProfile(raw);
  } catch (e) {
    if (e instanceof DomainError) throw new DomainError(e.code, `Council profile ${path}: ${e.message}`);
    throw e;
  }
}
