// Migrates one template database the way production does (WebAssembly schema engine); each test copies it instead
// of migrating again. SQLite by default (a template file); PostgreSQL when TEST_DATABASE_URL names a server
// (`postgresql://…`, a role that may create databases): a template database, which each test's database is made from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { databaseKind } from '../src/infra/prisma/database';
import { applyMigrations } from '../src/infra/prisma/migrations';
import { databasesNamed, onServer, withDatabase } from './helpers/postgres-admin';

/** Where each test's database comes from. */
export type TestDatabaseSource = { kind: 'sqlite'; templatePath: string } | { kind: 'postgresql'; serverUrl: string; template: string; prefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseSource;
  }
}

export default async function setup(project: TestProject) {
  const server = process.env.TEST_DATABASE_URL;
  if (server && databaseKind(server) === 'postgresql') {
    const prefix = `tsunagu_test_${process.pid}_`;
    const template = `${prefix}template`;
    await onServer(server, `DROP DATABASE IF EXISTS "${template}"`, `CREATE DATABASE "${template}"`);
    await applyMigrations(withDatabase(server, template));
    project.provide('testDatabase', { kind: 'postgresql', serverUrl: server, template, prefix });
    return async () => {
      for (const name of await databasesNamed(server, prefix)) await onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-test-template-'));
  const file = path.join(dir, 'template.db');
  await applyMigrations(`file:${file}`);
  project.provide('testDatabase', { kind: 'sqlite', templatePath: file });
  return () => rmSync(dir, { recursive: true, force: true });
}
