// Under test: two-factor sign-in in a real Chromium over http://127.0.0.1 against the real app (free port, temp
// SQLite file): an enrolled admin creates a counsellor on /console/staff; the counsellor signs in with the
// password, sets up an authenticator (the test reads the setup key from the page and computes codes with otpauth
// at the app's clock), sees the recovery codes, signs out, signs in again with password and code and reaches the
// inbox; a wrong code is refused; a recovery code works once and not twice. Faked: the clock (FakeClock, moved
// 30 s between sign-ins, as a real one would between codes) and the LINE messenger (unused).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage, totpAt } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PASSWORD = 'a long first password 2026';

describeInBrowser('two-factor sign-in (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ CONSOLE_SECRET_KEY: 'an-e2e-test-key-of-at-least-thirty-two-chars' });
    await createStaff(t.app.db, { role: 'admin', loginId: 'kanri', displayName: '管理 花子' });
    await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser({ viewport: { width: 1100, height: 1000 } });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signOut = async () => {
    await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
  };

  const password = async (loginId: string) => {
    await page.goto(`${base}/console/inbox`);
    await page.getByLabel('ログインID').fill(loginId);
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: 'ログインの確認' }).waitFor();
  };

  const code = async (value: string) => {
    await page.getByLabel('確認コード').fill(value);
    await page.getByRole('button', { name: '確認する' }).click();
  };

  test('an admin creates a counsellor, who enrols, signs in with a code, and uses a recovery code once', { timeout: 90_000 }, async () => {
    await screenshotOnFailure(page, 'console-two-factor', async () => {
      // The admin (enrolled) signs in with password and code, and creates the counsellor.
      await signInThroughPage(page, `${base}/console/staff/new`, 'kanri', '職員アカウントを作る');
      await page.getByLabel('ログインID').fill('yamamoto');
      await page.getByLabel('名前(画面に出ます)').fill('山本 ゆい');
      await page.getByLabel('役割').selectOption('counsellor');
      await page.getByLabel('最初のパスワード(12文字以上)').fill(PASSWORD);
      await page.getByLabel('最初のパスワード(もう一度)').fill(PASSWORD);
      await page.getByRole('button', { name: '作る' }).click();
      await page.getByRole('heading', { name: '職員アカウント:山本 ゆい' }).waitFor();
      await signOut();

      // The counsellor signs in with the password alone (not enrolled yet) and sets up the authenticator.
      await page.goto(`${base}/console/inbox`);
      await page.getByLabel('ログインID').fill('yamamoto');
      await page.getByLabel('パスワード').fill(PASSWORD);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: '受信箱' }).waitFor();
      await page.getByRole('link', { name: '二段階認証' }).click();
      await page.getByRole('heading', { name: '二段階認証の設定' }).waitFor();
      await expect(page.getByRole('img', { name: '認証アプリで読み取るQRコード' }).getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
      const secret = (await page.locator('#tf-secret').innerText()).replace(/\s/g, '');
      await page.getByLabel('確認コード(6桁)').fill(totpAt(t.clock.now(), secret));
      await page.getByRole('button', { name: '設定する' }).click();
      await page.getByRole('heading', { name: '予備コード' }).waitFor();
      const recovery = await page.locator('.recovery-codes code').allInnerTexts();
      expect(recovery).toHaveLength(10);
      await page.getByRole('link', { name: '控えたので、ホームへ進む' }).click();
      await signOut();

      // Password, then a wrong code (refused), then the right one: the inbox.
      t.clock.advance(30_000);
      await password('yamamoto');
      await code('000000');
      await expect(page.getByRole('alert').innerText()).resolves.toContain('コードが正しくありません');
      await code(totpAt(t.clock.now(), secret));
      await page.getByRole('heading', { name: '受信箱' }).waitFor();
      await signOut();

      // A recovery code instead of the code: once, and not twice.
      await password('yamamoto');
      await code(recovery[0] as string);
      await page.getByRole('heading', { name: '受信箱' }).waitFor();
      await signOut();
      await password('yamamoto');
      await code(recovery[0] as string);
      await expect(page.getByRole('alert').innerText()).resolves.toContain('コードが正しくありません');
      expect(new URL(page.url()).pathname).toBe('/console/login/code');

      const member = await t.app.db.staffUser.findUniqueOrThrow({ where: { loginId: 'yamamoto' } });
      const actions = (await t.app.db.auditLog.findMany({ where: { staffId: member.id } })).map((r) => r.action);
      expect(actions.filter((a) => a === 'login.success')).toHaveLength(3);
      expect(actions).toEqual(expect.arrayContaining(['staff.twoFactor.enrol', 'staff.twoFactor.recoveryUsed', 'login.failure']));
      const audit = JSON.stringify(await t.app.db.auditLog.findMany());
      expect(audit).not.toContain(secret);
      for (const c of recovery) expect(audit).not.toContain(c);
    });
  });
});
