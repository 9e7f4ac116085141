// The PostgreSQL schema, derived from the one schema source (prisma/schema.prisma): the same models with
// PostgreSQL as the provider and the client generated beside SQLite's. Written by `node scripts/postgres-schema.mjs`
// (run by scripts/ensure-setup.mjs before generating the clients) to prisma/postgresql/schema.prisma, which is not
// edited by hand and not committed.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SQLITE_SCHEMA = path.join(root, 'prisma', 'schema.prisma');
export const POSTGRES_SCHEMA = path.join(root, 'prisma', 'postgresql', 'schema.prisma');

/** The schema text for PostgreSQL: provider and client output changed, everything else as written. */
export function postgresSchema(sqliteSchema) {
  const provider = /datasource db \{\s*provider = "sqlite"\s*\}/;
  const output = /output\s*=\s*"\.\.\/src\/generated\/prisma"/;
  if (!provider.test(sqliteSchema) || !output.test(sqliteSchema)) throw new Error('prisma/schema.prisma: expected the sqlite datasource and the client output ../src/generated/prisma');
  return (
    '// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: edit that file, not this one.\n' +
    sqliteSchema.replace(provider, 'datasource db {\n  provider = "postgresql"\n}').replace(output, 'output       = "../../src/generated/prisma-pg"')
  );
}

/** Writes prisma/postgresql/schema.prisma when it differs; returns whether it changed. */
export function writePostgresSchema() {
  const text = postgresSchema(readFileSync(SQLITE_SCHEMA, 'utf8'));
  let old = '';
  try {
    old = readFileSync(POSTGRES_SCHEMA, 'utf8');
  } catch {}
  if (old === text) return false;
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, text);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(writePostgresSchema() ? `wrote ${path.relative(root, POSTGRES_SCHEMA)}` : `${path.relative(root, POSTGRES_SCHEMA)} is up to date`);
}
