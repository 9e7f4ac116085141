import { loadConfig, ConfigError, isSimulatorMode } from './config';
import { buildApp } from './app';

/** Starts the service: validates the environment, migrates, listens, then resumes unfinished work. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp({ config });
  await app.server.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://${config.HOST}:${port}`;
  console.log(`Tsunagu is running: ${base}`);
  console.log(`  health:  ${base}/healthz   readiness: ${base}/readyz`);
  console.log(`  webhook: ${base}/webhook`);
  if (isSimulatorMode(config)) console.log('  LINE:    no channel configured (simulator mode)');
  await app.recover();

  const stop = async (signal: string) => {
    app.server.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
