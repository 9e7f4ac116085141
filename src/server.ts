import { loadConfigOrExit, isSimulatorMode } from './config';
import { buildApp } from './app';
import { LineMessenger } from './infra/line-messenger';
import { SIMULATOR_ACCESS_TOKEN } from './infra/simulator-line';
import { deploySimulatorRichMenu, loopbackBaseUrl } from './simulator/deploy-simulator-rich-menu';

/** Starts the service: validates the environment, migrates, listens, then resumes unfinished work. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const app = await buildApp({ config });
  // Drill (a council's set-up drill, and the crash test): SIGUSR2 makes the service lose its processing worker
  // as an out-of-memory crash would; it is restarted and recovers what was in flight from the database. Installed
  // before the service listens, so the signal never meets Node's default (which ends the process).
  process.on('SIGUSR2', () => {
    app.server.log.warn('drill: ending the processing worker abruptly');
    void app.crashWorker();
  });
  await app.server.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://${config.HOST}:${port}`;
  console.log(`Tsunagu is running: ${base}`);
  console.log(`  health:  ${base}/healthz   readiness: ${base}/readyz`);
  console.log(`  webhook: ${base}/webhook`);
  console.log(`  console: ${base}/console   (create a staff account: npm run staff:create -- --login <id> --name <名前> --role admin)`);
  if (isSimulatorMode(config)) console.log('  LINE:    no channel configured (simulator mode)');
  if (app.simulator) {
    // The fake LINE API is served by this same server; deploy the real main menu to it, as `richmenu:deploy` would.
    const local = loopbackBaseUrl(app.server.server.address());
    try {
      await deploySimulatorRichMenu(new LineMessenger({ channelAccessToken: SIMULATOR_ACCESS_TOKEN, apiBaseUrl: local, dataApiBaseUrl: local, timeoutMs: config.LINE_TIMEOUT_MS }));
    } catch (e) {
      console.error(`  simulator: rich menu not deployed: ${e instanceof Error ? e.message : String(e)}`);
    }
    console.log(`  simulator: ${base}/simulator`);
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
}

await main();
