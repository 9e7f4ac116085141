// Migrates one template SQLite database the way production does (WebAssembly schema engine); each test
// file copies it instead of migrating again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/infra/sqlite/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDbPath: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-test-template-'));
  const file = path.join(dir, 'template.db');
  await applyMigrations(`file:${file}`);
  project.provide('templateDbPath', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
