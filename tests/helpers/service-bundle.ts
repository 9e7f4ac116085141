import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Builds the bundle `npm start` runs into `.tmp/<name>` (a scratch folder of the project); returns its folder. */
export function buildServiceBundle(name: string): string {
  const out = path.join(ROOT, '.tmp', name);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { env: { ...process.env, TSUNAGU_BUILD_OUTDIR: out }, stdio: 'inherit' });
  return out;
}

/** A TCP port on 127.0.0.1 that was free a moment ago, for a child process to listen on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The environment of the service in production mode on `port`, with a LINE channel whose API is `lineUrl` (a fake). */
export function serviceEnv(o: { port: number; databaseUrl: string; secret: string; token: string; lineUrl: string; logLevel: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(o.port),
    HOST: '127.0.0.1',
    DATABASE_URL: o.databaseUrl,
    LINE_CHANNEL_SECRET: o.secret,
    LINE_CHANNEL_ACCESS_TOKEN: o.token,
    LINE_API_BASE_URL: o.lineUrl,
    LINE_DATA_API_BASE_URL: o.lineUrl,
    PROCESSING_MODE: 'worker',
    LOG_LEVEL: o.logLevel,
  };
}
