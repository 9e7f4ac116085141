import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The Prisma CLI insists on a native schema engine even for `generate`, which does not run it. Where the
// engine could not be downloaded (no route to Prisma's binary host), point it at an existing file so
// `generate` works; migrations then go through `npm run db:migrate` (the WebAssembly engine).
// Where the real engine is installed, nothing is overridden and `prisma migrate` works as usual.
const enginesDir = path.join(import.meta.dirname, 'node_modules', '@prisma', 'engines');
const hasNativeEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeEngine) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/tsunagu.db' },
});
