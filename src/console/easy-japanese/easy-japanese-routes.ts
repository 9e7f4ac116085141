/**
 * What the browser check needs, served to signed-in staff: the worker script (the domain checker bundled with
 * esbuild on first request) and kuromoji's dictionary files from its npm package, which the worker fetches once and
 * the browser keeps (they never change within a release).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import type { ConsoleRoutes } from '../console-module';

export interface EasyJapaneseConsole {
  /** The project root (the worker's source lives under it). */
  projectRoot: string;
}

/** kuromoji's dictionary files: lower-case names ending in `.dat.gz`. */
const DICTIONARY_FILE = /^[a-z_]+\.dat\.gz$/;

let workerBundle: Promise<string> | null = null;

/** The worker, bundled once per process; a failed build is tried again on the next request. */
function bundleWorker(projectRoot: string): Promise<string> {
  workerBundle ??= build({
    entryPoints: [path.join(projectRoot, 'src', 'console', 'easy-japanese', 'worker', 'check-worker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // Served as UTF-8: the checker's Japanese word lists stay as they are (escaped, they would be twice the size).
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  })
    .then((r) => r.outputFiles[0]!.text)
    .catch((e: unknown) => {
      workerBundle = null;
      throw e;
    });
  return workerBundle;
}

export const easyJapaneseRoutes: ConsoleRoutes<EasyJapaneseConsole> = async (app, { deps }) => {
  const dictionary = path.join(path.dirname(createRequire(path.join(deps.projectRoot, 'package.json')).resolve('kuromoji/package.json')), 'dict');

  app.get('/console/easy-japanese/worker.js', { config: { permission: 'signedIn' } }, async (_request, reply) => {
    const body = await bundleWorker(deps.projectRoot);
    return reply.header('cache-control', 'private, max-age=3600').type('text/javascript; charset=utf-8').send(body);
  });

  app.get<{ Params: { file: string } }>('/console/easy-japanese/dict/:file', { config: { permission: 'signedIn' } }, async (request, reply) => {
    const { file } = request.params;
    if (!DICTIONARY_FILE.test(file)) return reply.code(404).send({ error: 'not found' });
    let body: Buffer;
    try {
      body = await readFile(path.join(dictionary, file));
    } catch {
      return reply.code(404).send({ error: 'not found' });
    }
    // Sent as the gzip file it is (kuromoji unpacks it itself), so no content-encoding.
    return reply.header('cache-control', 'private, max-age=604800, immutable').type('application/octet-stream').send(body);
  });
};
