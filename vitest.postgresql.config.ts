// `npm run test:postgresql`: the same suite on PostgreSQL (TEST_DATABASE_URL, a role that may create databases; see
// tests/global-setup.ts). Tests of something only SQLite has (WAL, PRAGMA, query plans) say so in their names and run
// on SQLite only.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

if (!/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '')) {
  throw new Error('npm run test:postgresql needs TEST_DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/postgres (a role that may create databases)');
}

/**
 * Not yet passing on PostgreSQL (issue 20, open): two allocations racing past what is left, and the processing
 * worker's ordering and recovery tests. They run on SQLite.
 */
const NOT_YET = ['tests/integration/allocation-plan-year.test.ts', 'tests/integration/processing-worker.test.ts'];

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...NOT_YET] } }));
