/** Command-line options of `npm run bench:webhook` (`npm run bench:webhook -- --help`). */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Seconds per measured phase. */
  duration: number;
  /** Offered events/s, one measured phase each, in this order. */
  rates: number[];
  /** Warm-up seconds and rate (not measured, its own users). */
  warmup: number;
  warmupRate: number;
  /** Distinct LINE user ids, cycled through by the measured events. */
  users: number;
  /** Seconds to wait after a phase's last request for its replies; later ones count as unanswered. */
  grace: number;
  /** autocannon instances per phase, started 1/lanes s apart, so the per-second bursts of autocannon's rate limiter interleave. */
  lanes: number;
  /** Requests/s per connection; connections = rate / connRate (a connection has one request in flight). */
  connRate: number;
  /** autocannon request timeout, seconds. */
  timeout: number;
  skipPeer: boolean;
  skipTsunagu: boolean;
  /** Where the raw output goes; null = do not save. */
  out: string | null;
  /** Hard limit for the whole run, seconds; past it everything is killed. */
  maxRun: number;
  /** Where Tsunagu keeps its data: its own SQLite file, or (also) a fresh PostgreSQL database per instance count. */
  database: 'sqlite' | 'postgresql';
  /** With PostgreSQL: how many instances share the database, one measured run each (webhooks spread round-robin). */
  instances: number[];
  /** With PostgreSQL: the server (a role that may create databases), from --postgres-url or BENCH_POSTGRES_URL. */
  postgresUrl: string;
}

/** The local role the project's machines have (docs/operations.md, "Databases"). */
export const DEFAULT_POSTGRES_URL = 'postgresql://tsunagu:tsunagu@127.0.0.1:5432/postgres';

const HELP = `npm run bench:webhook [-- options]

  --duration <s>      seconds per measured phase                    (default 10)
  --rates <list>      events/s per phase, comma-separated           (default 500,1000,1500)
  --warmup <s>        warm-up seconds before the phases (0 = none)  (default 3)
  --warmup-rate <n>   warm-up events/s                              (default 200)
  --users <n>         distinct user ids cycled by the events        (default 5000)
  --grace <s>         wait for replies after a phase's last request (default 10)
  --lanes <n>         staggered autocannon instances per phase      (default 100)
  --conn-rate <n>     requests/s per connection                     (default 2)
  --timeout <s>       request timeout                               (default 10)
  --skip-peer         measure Tsunagu only
  --skip-tsunagu      measure the SDK echo peer only
  --out <file>        raw output file (default bench/results/webhook-<date>.txt)
  --no-save           do not write the raw output file
  --max-run <s>       kill everything and exit 1 after this long    (default 420; 1200 with PostgreSQL)
  --database <kind>   sqlite, or postgresql: Tsunagu on SQLite (one instance) and then on a fresh PostgreSQL
                      database per --instances count, for comparison (the SDK peer is skipped)  (default sqlite)
  --instances <list>  with postgresql: instance counts, one run each; webhooks go round-robin  (default 1,2,3)
  --postgres-url <u>  with postgresql: the server, a role that may create databases
                      (default BENCH_POSTGRES_URL, else ${DEFAULT_POSTGRES_URL})`;

export function parseOptions(argv: string[], defaultOut: string): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10' },
      rates: { type: 'string', default: '500,1000,1500' },
      warmup: { type: 'string', default: '3' },
      'warmup-rate': { type: 'string', default: '200' },
      users: { type: 'string', default: '5000' },
      grace: { type: 'string', default: '10' },
      lanes: { type: 'string', default: '100' },
      'conn-rate': { type: 'string', default: '2' },
      timeout: { type: 'string', default: '10' },
      'skip-peer': { type: 'boolean', default: false },
      'skip-tsunagu': { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-save': { type: 'boolean', default: false },
      'max-run': { type: 'string' },
      database: { type: 'string', default: 'sqlite' },
      instances: { type: 'string', default: '1,2,3' },
      'postgres-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const int = integerOption;
  if (values.database !== 'sqlite' && values.database !== 'postgresql') throw new Error(`--database must be sqlite or postgresql (got ${values.database})`);
  const postgres = values.database === 'postgresql';
  const options: BenchOptions = {
    duration: int('duration', values.duration, 1),
    rates: values.rates.split(',').map((r) => int('rates', r.trim(), 1)),
    warmup: int('warmup', values.warmup, 0),
    warmupRate: int('warmup-rate', values['warmup-rate'], 1),
    users: int('users', values.users, 1),
    grace: int('grace', values.grace, 0),
    lanes: int('lanes', values.lanes, 1),
    connRate: int('conn-rate', values['conn-rate'], 1),
    timeout: int('timeout', values.timeout, 1),
    skipPeer: values['skip-peer'] || postgres,
    skipTsunagu: values['skip-tsunagu'],
    out: values['no-save'] ? null : (values.out ?? defaultOut),
    maxRun: int('max-run', values['max-run'] ?? (postgres ? '1200' : '420'), 10),
    database: values.database,
    instances: values.instances.split(',').map((n) => int('instances', n.trim(), 1)),
    postgresUrl: values['postgres-url'] ?? process.env.BENCH_POSTGRES_URL ?? DEFAULT_POSTGRES_URL,
  };
  if (postgres && !/^postgres(ql)?:\/\//.test(options.postgresUrl)) throw new Error(`--postgres-url must be a postgresql:// URL (got ${options.postgresUrl})`);
  if (options.skipPeer && options.skipTsunagu) throw new Error('--skip-peer and --skip-tsunagu leave nothing to measure');
  return options;
}

/** An option that must be an integer ≥ `min`; throws a message naming it otherwise. */
export function integerOption(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${raw})`);
  return n;
}
