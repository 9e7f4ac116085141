// Under test: the console's login and logout in a real Chromium over http://127.0.0.1 against the real app
// (listening on a free port, temp SQLite file): the redirect to the login page, the form, the session cookie
// the browser keeps (no Secure flag on loopback http), the landing page and logout. Faked: the clock
// (FakeClock) and the LINE messenger (unused).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, TEST_PASSWORD } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

describeInBrowser('console login (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'yoshida', displayName: '吉田 さくら', teams: ['anshin'] });
    await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // Tablet-sized: the console is used on tablets at the counter as well as on desktops.
    browser = await launchBrowser({ viewport: { width: 820, height: 1180 } });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('a counsellor signs in through the page, sees the landing page, and signs out', { timeout: 60_000 }, async () => {
    await screenshotOnFailure(page, 'console-login', async () => {
      await page.goto(`${base}/console`);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');

      // A wrong password first: the form comes back with the error announced.
      await page.getByLabel('ログインID').fill('yoshida');
      await page.getByLabel('パスワード').fill('not the password');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('ログインIDまたはパスワードが正しくありません');

      await page.getByLabel('パスワード').fill(TEST_PASSWORD);
      await page.getByLabel('パスワード').press('Enter');
      await page.getByRole('heading', { name: 'ようこそ、吉田 さくらさん' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console');
      const banner = page.getByRole('banner');
      await expect(banner.innerText()).resolves.toContain('吉田 さくら');
      await expect(banner.innerText()).resolves.toContain('相談員');
      await expect(page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).getAttribute('aria-current')).resolves.toBe('page');
      // A counsellor's menu has no audit log.
      expect(await page.getByRole('link', { name: '監査ログ' }).count()).toBe(0);

      const cookies = await browser.context.cookies(`${base}/console`);
      const session = cookies.find((c) => c.name === 'tsunagu_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console', secure: false });
      expect(await t.app.db.staffSession.count()).toBe(1);

      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/login');
      expect((await browser.context.cookies(`${base}/console`)).some((c) => c.name === 'tsunagu_session')).toBe(false);
      expect(await t.app.db.staffSession.count()).toBe(0);

      // Signed out: the console sends the browser back to the login page.
      await page.goto(`${base}/console`);
      expect(new URL(page.url()).pathname).toBe('/console/login');
    });
  });
});
