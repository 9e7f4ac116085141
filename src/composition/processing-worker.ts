/**
 * The processing worker thread: processes stored events with its own SQLite connection and event loop, so
 * the main thread's only work per event is to verify, store and acknowledge the webhook. Driven by
 * `ProcessingWorkerHost` through messages (see `WorkerRequest`).
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config';
import { createTranslator } from '../bot/render/i18n';
import { openDatabase } from '../infra/prisma/database';
import { LineMessenger } from '../infra/line/line-messenger';
import { loadCouncilProfile } from '../infra/load-council-profile';
import { PROJECT_ROOT } from '../infra/project-root';
import type { WorkerData, WorkerReply, WorkerRequest } from '../infra/processing-worker-host';
import { relayLogger } from '../infra/relay-logger';
import { randomIds, systemClock } from '../infra/system';
import { buildProcessing } from './processing';
import { startSchedules } from './schedules';

const port = parentPort;
if (!port) throw new Error('processing-worker must run as a worker thread');
const { config, lineBaseUrl, accessToken } = workerData as WorkerData;
const c: Config = config;
const reply = (m: WorkerReply) => port.postMessage(m);
// Written by the main thread's logger (JSON, or readable at a terminal), in order with the replies below.
const logger = relayLogger(c.LOG_LEVEL, (record) => reply({ t: 'log', record }));
const db = await openDatabase(c.DATABASE_URL);
const processing = buildProcessing({
  config: c,
  db,
  messenger: new LineMessenger({
    channelAccessToken: accessToken,
    apiBaseUrl: lineBaseUrl ?? c.LINE_API_BASE_URL,
    dataApiBaseUrl: lineBaseUrl ?? c.LINE_DATA_API_BASE_URL,
    timeoutMs: c.LINE_TIMEOUT_MS,
    logger,
  }),
  translator: await createTranslator(path.join(PROJECT_ROOT, 'locales')),
  profile: loadCouncilProfile(path.resolve(PROJECT_ROOT, c.COUNCIL_PROFILE)),
  clock: systemClock,
  ids: randomIds,
  logger,
});

// The worker exists only in production (server.ts), so it also runs the broadcast schedule beside event processing.
const schedules = startSchedules(processing, db, systemClock, logger);

port.on('message', (m: WorkerRequest) => {
  switch (m.t) {
    case 'enqueue':
      processing.queue.enqueue(m.events);
      break;
    case 'recover':
      processing.recover().then(
        () => reply({ t: 'done', id: m.id }),
        (e: unknown) => reply({ t: 'failed', id: m.id, error: e instanceof Error ? e.message : String(e) }),
      );
      break;
    case 'idle':
      void processing.queue.whenIdle().then(() => reply({ t: 'done', id: m.id }));
      break;
    case 'close':
      schedules.stop();
      processing.queue.close();
      void processing.queue
        .whenIdle()
        .then(() => db.$disconnect())
        .then(() => reply({ t: 'done', id: m.id }));
      break;
  }
});
reply({ t: 'ready' });
