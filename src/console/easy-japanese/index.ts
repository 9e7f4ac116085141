/**
 * The やさしい日本語 check where staff write for residents: any `<textarea data-easy-japanese>` on a console page gets,
 * as staff type, its findings underlined with suggestions, a score, and buttons that add readings (漢字(かんじ)).
 * The check runs in the browser, in a worker holding kuromoji and its dictionary, both served by this module from
 * the npm packages (nothing is fetched from elsewhere); the same checker runs on the server when a text is saved
 * (`EasyJapaneseCheck` in ../shared/easy-japanese-summary.ts, used by the pages that save such texts). Staff may
 * send anyway.
 */
import type { ConsoleModule } from '../console-module';
import { easyJapaneseRoutes, type EasyJapaneseConsole } from './easy-japanese-routes';

export type { EasyJapaneseConsole };

export const easyJapaneseModule: ConsoleModule<EasyJapaneseConsole> = {
  id: 'easy-japanese',
  dir: 'src/console/easy-japanese',
  routes: easyJapaneseRoutes,
  assets: { 'kuromoji.js': 'node_modules/kuromoji/build/kuromoji.js' },
};
