// `npm run test:postgresql`: the same suite on PostgreSQL (TEST_DATABASE_URL, a role that may create databases; see
// tests/global-setup.ts). The files listed in tests/postgresql-pending.txt are not run there yet: their code still
// has SQLite-only SQL, or they test SQLite itself.
import { readFileSync } from 'node:fs';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

if (!/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '')) {
  throw new Error('npm run test:postgresql needs TEST_DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/postgres (a role that may create databases)');
}

const pending = readFileSync(new URL('./tests/postgresql-pending.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*/, '').trim())
  .filter(Boolean);

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...pending] } }));
