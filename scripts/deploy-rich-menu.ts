/**
 * `npm run richmenu:deploy`: publishes the main rich menu (`assets/rich-menu/main.png`) to the LINE channel
 * as the default menu and alias `main`, replacing earlier deploys. Safe to rerun.
 *
 * Env: LINE_CHANNEL_ACCESS_TOKEN (required), LINE_API_BASE_URL (default https://api.line.me),
 *      LINE_DATA_API_BASE_URL (default https://api-data.line.me).
 * Flags: --image <path> to deploy another image of the same size; --simulator exits 1 with an explanation.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deployMainRichMenu } from '../src/bot/rich-menu/deploy-rich-menu';
import { loadConfig } from '../src/config';
import { LineMessenger } from '../src/infra/line/line-messenger';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { image: { type: 'string' }, simulator: { type: 'boolean', default: false } },
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

  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const imagePath = resolve(values.image ?? `${root}/assets/rich-menu/main.png`);
  const image = await readFile(imagePath);

  const admin = new LineMessenger({
    channelAccessToken,
    apiBaseUrl: config.LINE_API_BASE_URL,
    dataApiBaseUrl: config.LINE_DATA_API_BASE_URL,
    timeoutMs: config.LINE_TIMEOUT_MS,
  });
  const { richMenuId, deletedRichMenuIds } = await deployMainRichMenu(admin, image);

  console.log(`deployed ${imagePath} as the default rich menu (alias "main"): ${richMenuId}`);
  if (deletedRichMenuIds.length > 0) console.log(`deleted older menus: ${deletedRichMenuIds.join(', ')}`);
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
