// The simulator page as a person uses it, for browser tests: users made and switched in the side panel (wide
// window), taps on chips, message buttons and rich menu tiles, typed text, a map pin, a photo, the date picker and
// the QR reader.
// Every step waits for what the bot is expected to show first, so a tap never lands on an older message's button.
import type { Locator, Page } from 'playwright-core';

/** Long enough for a bot reply through webhook → queue → LINE adapter → fake → SSE, on a slow CI machine. */
export const STEP_MS = 15_000;

export class SimulatorPage {
  constructor(readonly page: Page) {}

  log(): Locator {
    return this.page.locator('#chat-log');
  }

  /** Adds `name` as a new friend and walks the onboarding: consent, 日本語, the district, the topics as offered. */
  async onboard(name: string, district = '海岸地区社会福祉協議会'): Promise<void> {
    await this.newFriend(name);
    await this.botSays('この内容に同意いただけますか');
    await this.tap('同意する');
    await this.tapChip('日本語');
    await this.botSays('お住まいの地区を選んでください');
    await this.tapChip(district);
    await this.botSays('知りたい情報を選んでください');
    await this.tapChip('決定');
    await this.botSays('登録が終わりました');
  }

  /** The chip with exactly this label among the latest message's quick replies. */
  chip(name: string | RegExp): Locator {
    return this.page.locator('#quick-replies').getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Waits until a bot bubble containing `text` is on screen. */
  async botSays(text: string): Promise<Locator> {
    const bubble = this.log().locator('.row-bot .msg').filter({ hasText: text }).last();
    await bubble.waitFor({ timeout: STEP_MS });
    return bubble;
  }

  /** Taps a quick-reply chip. */
  async tapChip(name: string | RegExp): Promise<void> {
    await this.chip(name).waitFor({ timeout: STEP_MS });
    await this.chip(name).click();
  }

  /** Taps the newest button with this label in the bot's messages (Flex, template). */
  async tap(name: string): Promise<void> {
    const button = this.log().locator('.row-bot').getByRole('button', { name, exact: true }).last();
    await button.waitFor({ timeout: STEP_MS });
    await button.click();
  }

  /** Taps a tile of the rich menu shown, opening the menu bar first if the keyboard is up. */
  async tapMenu(name: string): Promise<void> {
    await (await this.openMenu()).getByRole('button', { name, exact: true }).click();
  }

  /** Shows the rich menu as a resident would: from the keyboard, or by opening its bar. */
  private async openMenu(): Promise<Locator> {
    const menu = this.page.locator('#rich-menu');
    if (!(await menu.isVisible())) {
      const toMenu = this.page.locator('#to-menu');
      if (await toMenu.isVisible()) await toMenu.click();
      if (!(await menu.isVisible())) await this.page.locator('#chat-bar').click();
    }
    return menu;
  }

  /** The names of the rich menu's tiles now shown (drawn in its image; named for screen readers). */
  async menuTiles(): Promise<string[]> {
    return (await this.openMenu()).getByRole('button').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label') ?? t.textContent ?? ''));
  }

  /** Sends typed text from the keyboard bar. */
  async type(text: string): Promise<void> {
    const input = this.page.getByLabel('メッセージ');
    if (!(await input.isVisible())) await this.page.getByRole('button', { name: '文字入力に切り替える' }).click();
    await input.fill(text);
    await input.press('Enter');
  }

  /** Taps a date picker button in the bot's messages and picks `date` (YYYY-MM-DD). */
  async pickDate(button: string, date: string): Promise<void> {
    await this.tap(button);
    const dialog = this.page.locator('#datetime-dialog');
    await dialog.waitFor({ timeout: STEP_MS });
    await this.page.getByLabel('日付').fill(date);
    await dialog.getByRole('button', { name: '決定' }).click();
  }

  /** Reads a QR code's contents with the simulator's reader (pasted: there is no camera); returns the text typed in. */
  async scanQr(contents: string): Promise<string> {
    await this.page.getByRole('button', { name: 'QRコードを読み取る' }).click();
    const dialog = this.page.locator('#scan-dialog');
    await this.page.getByLabel('QRコードの中身').fill(contents);
    await dialog.getByRole('button', { name: '開く' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: STEP_MS });
    // The dialog's close event opens the link after the click returns: wait for the message it types.
    const input = this.page.getByLabel('メッセージ');
    await input.evaluate((el, ms) => new Promise<void>((resolve) => {
      const until = Date.now() + ms;
      const check = () => ((el as unknown as { value: string }).value || Date.now() > until ? resolve() : setTimeout(check, 20));
      check();
    }), STEP_MS);
    return input.inputValue();
  }

  /**
   * Sends a map pin from LINE's location picker: through the quick-reply chip `chip` when the bot offers one, else
   * the keyboard bar's button; fills the simulator's small form and waits for the user's location bubble.
   */
  async sendLocation(loc: { title?: string; address: string; latitude: number; longitude: number }, chip?: string): Promise<void> {
    const bubbles = this.log().locator('.row-user .msg-location');
    const before = await bubbles.count();
    if (chip) await this.tapChip(chip);
    else {
      const button = this.page.locator('#attach-location');
      if (!(await button.isVisible())) await this.page.getByRole('button', { name: '文字入力に切り替える' }).click();
      await button.click();
    }
    const dialog = this.page.locator('#location-dialog');
    await dialog.waitFor({ timeout: STEP_MS });
    await dialog.getByLabel('場所の名前(任意)').fill(loc.title ?? '');
    await dialog.getByLabel('住所').fill(loc.address);
    await dialog.getByLabel('緯度').fill(String(loc.latitude));
    await dialog.getByLabel('経度').fill(String(loc.longitude));
    await dialog.getByRole('button', { name: '送信' }).click();
    await bubbles.nth(before).waitFor({ timeout: STEP_MS });
  }

  /** Sends a photo as LINE does (uploaded to the fake's content store, then an image message); waits for its bubble. */
  async sendImage(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const bubbles = this.log().locator('.row-user .msg-image');
    const before = await bubbles.count();
    await this.page.locator('#image-input').setInputFiles(file);
    await bubbles.nth(before).waitFor({ timeout: STEP_MS });
  }

  /** Presses send with what is typed in. */
  async send(): Promise<void> {
    await this.page.getByRole('button', { name: '送信', exact: true }).click();
  }

  /** Makes a LINE user in the side panel, adds the account as a friend and waits for the greeting; returns its id. */
  async newFriend(displayName: string): Promise<void> {
    await this.page.getByLabel('表示名').fill(displayName);
    await this.page.getByLabel('LINEの言語設定').selectOption('ja');
    await this.page.getByRole('button', { name: 'ユーザーを作成', exact: true }).click();
    await this.page.locator('#current-user-label').filter({ hasText: displayName }).waitFor({ timeout: STEP_MS });
    await this.page.locator('#gate').getByRole('button', { name: '友だち追加' }).click();
    await this.botSays('友だち追加ありがとうございます');
  }

  /** Switches the chat to another user of the panel. */
  async switchTo(displayName: string): Promise<void> {
    await this.page.locator('#user-list').getByRole('button', { name: new RegExp(displayName) }).click();
    await this.page.locator('#current-user-label').filter({ hasText: displayName }).waitFor({ timeout: STEP_MS });
  }
}
