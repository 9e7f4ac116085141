import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, test } from 'vitest';

/** Debian's Chromium (STACK.md, Browsers); CI installs it in `.ci/run`. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** What the browser tests do on this machine: run them, skip them, or fail because they cannot run. */
export type BrowserTestMode = 'run' | 'skip' | 'fail';

/**
 * With Chromium installed the browser tests run. Without it they are skipped on a developer's machine, but
 * fail when `ci` (the `CI` variable) has any non-empty value, so a CI run cannot pass with them silently unrun.
 */
export function browserTestMode(chromiumInstalled: boolean, ci: string | undefined): BrowserTestMode {
  if (chromiumInstalled) return 'run';
  return ci ? 'fail' : 'skip';
}

/** This machine's mode, decided once from the installed Chromium and `CI`. */
export const BROWSER_TEST_MODE = browserTestMode(existsSync(CHROMIUM_PATH), process.env.CI);

const MISSING = `${CHROMIUM_PATH} is not installed (apt-get install chromium; .ci/run installs it)`;

/**
 * `describe` for a suite that drives Chromium: runs it; or skips it, saying why in its title; or — in CI
 * without Chromium — replaces it with one failing test that says what is missing, without starting anything.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (BROWSER_TEST_MODE === 'run') describe(name, body);
  else if (BROWSER_TEST_MODE === 'skip') describe.skip(`${name} — SKIPPED: ${MISSING}`, body);
  else
    describe(name, () => {
      test('Chromium is installed', () => {
        throw new Error(`Browser tests cannot run: ${MISSING}. CI is set, so they fail instead of being skipped.`);
      });
    });
}

/** Where failure screenshots go (gitignored; CI keeps the folder as an artifact). */
export const TEST_RESULTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A Chromium with a fresh profile and one page. `close()` also deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches the system Chromium headless with STACK.md's flags and a fresh `--user-data-dir` (Playwright
 * passes it for a persistent context), so no state leaks between tests. Phone-sized viewport by default.
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'tsunagu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: options.viewport ?? { width: 420, height: 860 },
    locale: options.locale ?? 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `test-results/<name>.png`; returns its path (or undefined if that failed). */
export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  const file = path.join(TEST_RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return undefined;
  }
}

/** Runs `body`; if it throws, saves a screenshot named after the test and rethrows. */
export async function screenshotOnFailure<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const file = await saveScreenshot(page, name);
    if (file && error instanceof Error) error.message += `\n(screenshot: ${file})`;
    throw error;
  }
}

/** The real app listening on a free local port, and Chromium on a tablet-sized page to open its console with. */
export async function openAppInBrowser(server: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown } }): Promise<{ base: string; browser: TestBrowser; page: Page }> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address() as { port?: number } | null;
  const base = `http://127.0.0.1:${address?.port ?? 0}`;
  const browser = await launchBrowser({ viewport: { width: 1024, height: 1366 } });
  return { base, browser, page: browser.page };
}
