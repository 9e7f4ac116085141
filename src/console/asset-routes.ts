/**
 * The console's static files from `src/console/public/` (stylesheet, and any scripts or images pages add:
 * the CSP allows only same-origin scripts and styles). Public, so the login page is styled.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ConsoleDeps } from './console-deps';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A plain file name with a served extension: no folders, so nothing outside the folder can be named. */
const FILE = /^[A-Za-z0-9][\w-]*\.(css|js|svg|png)$/;

export const assetRoutes: FastifyPluginAsync<ConsoleDeps> = async (app, { projectRoot }) => {
  const dir = path.join(projectRoot, 'src', 'console', 'public');
  const cache = new Map<string, Buffer>();

  app.get<{ Params: { file: string } }>('/console/assets/:file', { config: { permission: 'public' } }, async (request, reply) => {
    const { file } = request.params;
    if (!FILE.test(file)) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(file);
    if (!body) {
      try {
        body = await readFile(path.join(dir, file));
      } catch {
        return reply.code(404).send({ error: 'not found' });
      }
      cache.set(file, body);
    }
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream')
      .send(body);
  });
};
