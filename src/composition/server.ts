import { loadConfigOrExit, isSimulatorMode } from '../config';
import { buildApp } from './app';
import { LineMessenger } from '../infra/line/line-messenger';
import { logFormatFor, openLogOutput } from '../infra/log-output';
import { SIMULATOR_ACCESS_TOKEN } from '../simulator/simulator-line';
import { deploySimulatorRichMenu, loopbackBaseUrl } from '../simulator/deploy-simulator-rich-menu';
import { startBanner } from './start-banner';

/**
 * Starts the service: validates the environment, migrates, listens, resumes unfinished work, then prints where
 * it serves — last, so the banner is not buried under start-up log lines. Logs are readable at a terminal and
 * JSON lines otherwise.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const output = await openLogOutput(logFormatFor(process.stdout));
  const app = await buildApp({ config, logStream: output.stream });
  // Drill (a council's set-up drill, and the crash test): SIGUSR2 makes the service lose its processing worker
  // as an out-of-memory crash would; it is restarted and recovers what was in flight from the database. Heard
  // from before the server listens, since unheard the signal would end the whole process; a drill that comes
  // while the service is still starting waits until it is ready.
  const ready = Promise.withResolvers<void>();
  process.on('SIGUSR2', () => {
    void ready.promise.then(() => {
      app.server.log.warn('drill: ending the processing worker abruptly');
      return app.crashWorker();
    });
  });
  await app.server.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://${config.HOST}:${port}`;
  if (app.simulator) {
    // The fake LINE API is served by this same server; deploy the real menus to it, as `richmenu:deploy` would.
    const local = loopbackBaseUrl(app.server.server.address());
    try {
      await deploySimulatorRichMenu(new LineMessenger({ channelAccessToken: SIMULATOR_ACCESS_TOKEN, apiBaseUrl: local, dataApiBaseUrl: local, timeoutMs: config.LINE_TIMEOUT_MS }));
    } catch (e) {
      app.server.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'simulator: rich menu not deployed');
    }
  }
  if (config.PROCESSING_MODE === 'worker') await app.useWorker(app.simulator ? loopbackBaseUrl(app.server.server.address()) : undefined);
  await app.recover();
  if (config.PROCESSING_MODE === 'inline') app.startBroadcastSchedule();

  const stop = async (signal: string) => {
    app.server.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  output.print(startBanner(base, isSimulatorMode(config)));
  ready.resolve();
}

await main();
