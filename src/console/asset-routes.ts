/**
 * The console's static files: the shell's `src/console/public/` (stylesheet, the status-focus script) and each
 * console module's `public/` folder, all served under `/console/assets/<file>` (the CSP allows only
 * same-origin scripts and styles). Public, so the login page is styled.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * A plain file name with a served extension (inner dots allowed, as in `chart.umd.min.js`, never two in a row): no
 * folders, so nothing outside the folders can be named.
 */
const FILE = /^[A-Za-z0-9][\w-]*(\.[\w-]+)*\.(css|js|svg|png)$/;

export interface AssetOptions {
  projectRoot: string;
  /** The folders served, relative to the project root; a folder that does not exist is skipped. */
  folders: readonly string[];
  /**
   * Single files served by name besides the folders' (a library's built file, e.g. chart.js's
   * `node_modules/chart.js/dist/chart.umd.min.js`), name → path relative to the project root.
   */
  files?: Readonly<Record<string, string>>;
}

/** Which folder serves each file name; throws when two folders have a file of the same name. */
function filesIn(root: string, folders: readonly string[], single: Readonly<Record<string, string>>): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, file] of Object.entries(single)) {
    if (!FILE.test(name)) throw new Error(`Console asset name ${name} is not a plain file name`);
    files.set(name, path.join(root, file));
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(path.join(root, folder));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => FILE.test(n))) {
      const other = files.get(name);
      if (other) throw new Error(`Console asset ${name} is in both ${path.relative(root, other)} and ${folder}`);
      files.set(name, path.join(root, folder, name));
    }
  }
  return files;
}

export const assetRoutes: FastifyPluginAsync<AssetOptions> = async (app, { projectRoot, folders, files: single = {} }) => {
  const files = filesIn(projectRoot, folders, single);
  const cache = new Map<string, Buffer>();

  app.get<{ Params: { file: string } }>('/console/assets/:file', { config: { permission: 'public' } }, async (request, reply) => {
    const { file } = request.params;
    const where = FILE.test(file) ? files.get(file) : undefined;
    if (!where) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(file);
    if (!body) {
      try {
        body = await readFile(where);
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
