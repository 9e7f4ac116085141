// A separate process that runs the broadcast engine once against the database and LINE API named in its
// environment, then exits: the crash test kills it with SIGKILL in the middle of a send and starts another.
import { buildApp } from '../../src/composition/app';
import { loadConfig } from '../../src/config';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PROCESSING_MODE: 'inline' });
const app = await buildApp({ config, skipMigrations: true, logger: false });
await app.runBroadcasts();
await app.close();
process.exit(0);
