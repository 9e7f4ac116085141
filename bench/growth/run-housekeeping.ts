/**
 * The daily housekeeping, once, in a process of its own: `tsx bench/growth/run-housekeeping.ts` with the service's
 * environment (DATABASE_URL …). It builds the processing side exactly as the service's worker does and calls
 * `runHousekeeping()` — the same jobs the worker runs at 03:30 and at start — so the bench knows when the run begins
 * and ends while the service, on the same SQLite file, acknowledges webhooks. Prints one JSON line:
 * `{ "startedAt": <bench clock ms>, "finishedAt": …, "errors": n }`.
 */
import path from 'node:path';
import { createTranslator } from '../../src/bot/render/i18n';
import { buildProcessing } from '../../src/composition/processing';
import { loadConfigOrExit } from '../../src/config';
import { openDatabase } from '../../src/infra/prisma/database';
import { LineMessenger } from '../../src/infra/line/line-messenger';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { relayLogger } from '../../src/infra/relay-logger';
import { randomIds, systemClock } from '../../src/infra/system';
import { benchNow } from '../webhook/fake-protocol';

const config = loadConfigOrExit(process.env);
let errors = 0;
const logger = relayLogger('warn', (record) => {
  errors++;
  console.error(JSON.stringify(record).slice(0, 400));
});
const db = await openDatabase(config.DATABASE_URL);
const processing = buildProcessing({
  config,
  db,
  messenger: new LineMessenger({
    channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN ?? '',
    apiBaseUrl: config.LINE_API_BASE_URL,
    dataApiBaseUrl: config.LINE_DATA_API_BASE_URL,
    timeoutMs: config.LINE_TIMEOUT_MS,
    logger,
  }),
  translator: await createTranslator(path.join(PROJECT_ROOT, 'locales')),
  profile: loadCouncilProfile(path.resolve(PROJECT_ROOT, config.COUNCIL_PROFILE)),
  clock: systemClock,
  ids: randomIds,
  logger,
});
const startedAt = benchNow();
await processing.runHousekeeping();
const finishedAt = benchNow();
await db.$disconnect();
console.log(JSON.stringify({ startedAt, finishedAt, errors }));
process.exit(0);
