import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (STACK.md, Browsers); CI installs it in `.ci/run`. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when the system Chromium the e2e tests drive is installed. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

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
