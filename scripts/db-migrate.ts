/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the SQLite file under ./data/).
 * The service also does this at start. Equivalent to `prisma migrate deploy` where the native engine exists.
 */
import { loadConfig } from '../src/config';
import { applyMigrations } from '../src/infra/prisma/migrations';
import { ensureDatabaseDir } from '../src/infra/prisma/database';

const config = loadConfig(process.env);
ensureDatabaseDir(config.DATABASE_URL);
const applied = await applyMigrations(config.DATABASE_URL);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
