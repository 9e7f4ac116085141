// Runs before `npm start` and `npm test` (their `pre` scripts), on whatever Node the machine has.
// Makes a fresh clone usable with no other step: installs dependencies (which bring Node 24 as the
// `node` package, first on the PATH of every npm script) and generates the Prisma client.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const at = (...p) => path.join(root, ...p);
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_update_notifier: 'false' } });

const installedMarker = at('node_modules', '.package-lock.json');
if (!existsSync(at('node_modules', '.bin', 'node')) || mtime(at('package-lock.json')) > mtime(installedMarker)) {
  console.log('[setup] installing dependencies (first run or package-lock.json changed)…');
  run('npm', existsSync(at('package-lock.json')) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}

const node24 = at('node_modules', '.bin', 'node');
// One schema source; the PostgreSQL schema is derived from it (scripts/postgres-schema.mjs) and each gets its client.
const { writePostgresSchema, POSTGRES_SCHEMA } = await import('./postgres-schema.mjs');
writePostgresSchema();
for (const [schema, client] of [
  [at('prisma', 'schema.prisma'), at('src', 'generated', 'prisma', 'client.ts')],
  [POSTGRES_SCHEMA, at('src', 'generated', 'prisma-pg', 'client.ts')],
]) {
  if (!existsSync(client) || mtime(schema) > mtime(client)) {
    console.log(`[setup] generating the Prisma client for ${path.relative(root, schema)}…`);
    run(node24, [at('node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', schema]);
  }
}

const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
if (!/^v2[4-9]\./.test(version)) {
  console.error(`[setup] expected Node 24+ from node_modules/.bin/node, got ${version}`);
  process.exit(1);
}
