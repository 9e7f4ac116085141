/**
 * The daily housekeeping, once, in a process of its own: `tsx bench/growth/run-housekeeping.ts` with the service's
 * environment (DATABASE_URL …). It builds the processing side exactly as the service's worker does and calls
 * `runHousekeeping()` — the same jobs the worker runs at 03:30 and at start — so the bench knows when the run begins
 * and ends while the service, on the same SQLite file, acknowledges webhooks. Prints one JSON line:
 * `{ "startedAt": <bench clock ms>, "finishedAt": …, "errors": n, "record": "<its HousekeepingRun row as JSON>" }`
 * (`record` only when the run wrote one).
 *
 * `--days-ahead N` (default 0): the run's clock is N days ahead of the system clock, so rows of the seeded history
 * pass their keeping period as they would after N more days (bench/growth/steady.ts). Only the processing side's
 * clock moves; the service beside it keeps the system clock.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTranslator } from '../../src/bot/render/i18n';
import { buildProcessing } from '../../src/composition/processing';
import { loadConfigOrExit } from '../../src/config';
import { openDatabase } from '../../src/infra/prisma/database';
import { LineMessenger } from '../../src/infra/line/line-messenger';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { relayLogger } from '../../src/infra/relay-logger';
import { randomIds, systemClock } from '../../src/infra/system';
import type { Clock } from '../../src/domain/ports';
import { benchNow } from '../webhook/fake-protocol';
import { integerOption } from '../webhook/options';

const { values } = parseArgs({ args: process.argv.slice(2), options: { 'days-ahead': { type: 'string', default: '0' } }, strict: true });
const daysAhead = integerOption('days-ahead', values['days-ahead'], 0);
const DAY_MS = 86_400_000;
/** The system clock, `daysAhead` days on. */
const clock: Clock = daysAhead === 0 ? systemClock : { now: () => new Date(systemClock.now().getTime() + daysAhead * DAY_MS) };

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
  clock,
  ids: randomIds,
  logger,
});
const startedAt = benchNow();
const since = clock.now();
await processing.runHousekeeping();
const finishedAt = benchNow();
// The run's own record (a schema without the table has none to read).
const row = await db.housekeepingRun.findFirst({ where: { startedAt: { gte: since } }, orderBy: { startedAt: 'desc' } }).catch(() => null);
await db.$disconnect();
console.log(JSON.stringify({ startedAt, finishedAt, errors, ...(row ? { record: JSON.stringify(row) } : {}) }));
process.exit(0);
