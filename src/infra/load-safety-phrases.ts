import path from 'node:path';
import { PROJECT_ROOT } from './project-root';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { compileSafetyPhrases, SAFETY_CATEGORIES, type SafetyDetector, type SafetyPhrases } from '../domain/safety';

// JSON has no comments, so the data file documents its decisions in "$comment" fields.
const comment = z.union([z.string(), z.array(z.string())]).optional();
const entry = z.string().trim().min(1, 'Must not be empty');

const groupSchema = z.strictObject({
  $comment: comment,
  phrases: z.array(entry),
  patterns: z.array(entry).optional(),
  generic: z.array(entry).optional(),
});

const categoriesShape = Object.fromEntries(SAFETY_CATEGORIES.map((c) => [c, groupSchema])) as Record<
  (typeof SAFETY_CATEGORIES)[number],
  typeof groupSchema
>;

const safetyPhrasesSchema = z.strictObject({
  $comment: comment,
  categories: z.strictObject(categoriesShape),
  exclusions: z.strictObject({ $comment: comment, phrases: z.array(entry), patterns: z.array(entry).optional() }),
});

/**
 * Reads the safety phrase data (`config/safety-phrases.json`, see `SAFETY_PHRASES_PATH`) at `path`, validates it and compiles it
 * into a detector. Throws `DomainError('config.invalid')` whose message names `path` and every problem
 * (missing file, JSON syntax, a missing category, an unknown key, an invalid regular expression).
 * Synchronous: it runs once at boot.
 */
export function loadSafetyDetector(path: string): SafetyDetector {
  const fail = (reason: string) => new DomainError('config.invalid', `Safety phrases ${path}: ${reason}`);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (e) {
    throw fail(`syntax error: ${(e as Error).message}`);
  }
  const result = safetyPhrasesSchema.safeParse(raw, {
    error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'Required' : undefined),
  });
  if (!result.success) {
    const lines = result.error.issues.map((iss) => `- ${iss.path.map(String).join('.') || '(root)'}: ${iss.message}`);
    throw fail(`${lines.length} issue(s):\n${lines.join('\n')}`);
  }
  try {
    return compileSafetyPhrases(result.data satisfies SafetyPhrases);
  } catch (e) {
    if (e instanceof DomainError) throw fail(e.message);
    throw e;
  }
}

/** Where the project's safety phrase data lives (kept in git beside the council profiles). */
export const SAFETY_PHRASES_PATH = path.join(PROJECT_ROOT, 'config', 'safety-phrases.json');
