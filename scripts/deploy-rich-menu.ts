/**
 * `npm run richmenu:deploy`: publishes the main rich menu (`assets/rich-menu/main.png`) to the LINE channel as the
 * default menu and alias `main`, and the disaster menu (`assets/rich-menu/disaster.png`) beside it under alias
 * `disaster`, replacing earlier deploys. Safe to rerun.
 *
 * Env: LINE_CHANNEL_ACCESS_TOKEN (required), LINE_API_BASE_URL (default https://api.line.me),
 *      LINE_DATA_API_BASE_URL (default https://api-data.line.me).
 * Flags: --image <path> / --disaster-image <path> to deploy other images of the same size; --default disaster
 * while a disaster volunteer centre is running (the disaster menu stays the default); --simulator exits 1 with an
 * explanation.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deployRichMenus } from '../src/bot/rich-menu/deploy-rich-menu';
import { loadConfig } from '../src/config';
import { LineMessenger } from '../src/infra/line/line-messenger';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { image: { type: 'string' }, 'disaster-image': { type: 'string' }, default: { type: 'string', default: 'main' }, simulator: { type: 'boolean', default: false } },
  });
  const config = loadConfig(process.env);
  const channelAccessToken = config.LINE_CHANNEL_ACCESS_TOKEN;
  if (values.simulator || !channelAccessToken) {
    console.error(
      [
        values.simulator
          ? 'richmenu:deploy: --simulator has no LINE channel to deploy a rich menu to.'
          : 'richmenu:deploy: LINE_CHANNEL_ACCESS_TOKEN is not set.',
        'Set LINE_CHANNEL_ACCESS_TOKEN to the channel access token (LINE Developers Console → Messaging API).',
        'To try it against a fake LINE API, also set LINE_API_BASE_URL and LINE_DATA_API_BASE_URL.',
        'Nothing was changed.',
      ].join('\n'),
    );
    return 1;
  }

  if (values.default !== 'main' && values.default !== 'disaster') {
    console.error(`richmenu:deploy: --default must be main or disaster, not ${values.default}. Nothing was changed.`);
    return 1;
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const imagePath = resolve(values.image ?? `${root}/assets/rich-menu/main.png`);
  const disasterImagePath = resolve(values['disaster-image'] ?? `${root}/assets/rich-menu/disaster.png`);

  const admin = new LineMessenger({
    channelAccessToken,
    apiBaseUrl: config.LINE_API_BASE_URL,
    dataApiBaseUrl: config.LINE_DATA_API_BASE_URL,
    timeoutMs: config.LINE_TIMEOUT_MS,
  });
  const { main, disaster } = await deployRichMenus(admin, { main: await readFile(imagePath), disaster: await readFile(disasterImagePath) }, values.default);

  console.log(`deployed ${imagePath} as the main rich menu (alias "main"): ${main.richMenuId}`);
  console.log(`deployed ${disasterImagePath} as the disaster rich menu (alias "disaster"): ${disaster.richMenuId}`);
  console.log(`default menu: ${values.default}`);
  const deleted = [...main.deletedRichMenuIds, ...disaster.deletedRichMenuIds];
  if (deleted.length > 0) console.log(`deleted older menus: ${deleted.join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // LineApiError and DomainError messages carry no token or body, so they are safe to print.
    console.error(`richmenu:deploy failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
