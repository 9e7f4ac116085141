/**
 * `npm run db:copy-to-postgresql -- <sqlite file> <postgresql URL>`: copies a council's SQLite database into a new,
 * empty PostgreSQL database (migrated first), every table in one transaction, and checks the row counts. The
 * service may keep running on the SQLite file meanwhile; what it writes after the copy began is not copied, so stop it
 * (or stop taking webhooks) for the switch-over. See docs/operations.md.
 */
import { existsSync } from 'node:fs';
import { copySqliteToPostgres } from '../src/infra/postgresql/copy-from-sqlite';
import { databaseKind } from '../src/infra/prisma/database';

const [file, url] = process.argv.slice(2);
if (!file || !url || !existsSync(file) || !/^postgres(ql)?:\/\//.test(url)) {
  console.error('usage: npm run db:copy-to-postgresql -- data/tsunagu.db postgresql://USER:PASSWORD@HOST:5432/DB   (an empty database)');
  process.exit(2);
}
databaseKind(url);
const started = performance.now();
const report = await copySqliteToPostgres(file, url, (line) => console.log(line));
const rows = report.tables.reduce((n, t) => n + t.rows, 0);
console.log(`Copied ${rows} rows in ${report.tables.length} tables in ${((performance.now() - started) / 1000).toFixed(1)} s; row counts checked.`);
