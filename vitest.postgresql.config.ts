// `npm run test:postgresql`: the same suite on PostgreSQL (TEST_DATABASE_URL, a role that may create databases; see
// tests/global-setup.ts). Tests of something only SQLite has (WAL, PRAGMA, query plans) say so in their names and run
// on SQLite only.
import base from './vitest.config';

if (!/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '')) {
  throw new Error('npm run test:postgresql needs TEST_DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/postgres (a role that may create databases)');
}

export default base;
