/** Command-line options of `npm run bench:disaster` (`npm run bench:disaster -- --help`). */
import { parseArgs } from 'node:util';
import { integerOption } from '../webhook/options';

export const PHASES = ['apply', 'draw', 'check-in'] as const;
export type Phase = (typeof PHASES)[number];

export interface DisasterBenchOptions {
  phases: Phase[];
  /** Pool members applying for one date through LINE, and over how many seconds they start. */
  applicants: number;
  applySeconds: number;
  /** An applicant's pause between seeing a reply and the next tap, ms. */
  think: number;
  /** The drawn date: applicants, places, timed job runs, timed pure draws. */
  drawApplicants: number;
  places: number;
  jobRuns: number;
  draws: number;
  /** Confirmed volunteers checking in, spread evenly over `checkInSeconds`. */
  checkIns: number;
  checkInSeconds: number;
  /** Ordinary first messages from new friends at the check-in pace, before it: the run's own peer. */
  baseline: number;
  /** Seconds an answer may take before it counts as missing. */
  grace: number;
  /** Hard limit for the whole run, seconds. */
  maxRun: number;
}

const HELP = `npm run bench:disaster [-- options]

  --phases <list>          which phases, comma-separated                       (default apply,draw,check-in)
  --applicants <n>         pool members applying for one date through LINE     (default 5000)
  --apply-seconds <s>      applicants start evenly over this long              (default 90)
  --think <ms>             pause between a reply and the applicant's next tap  (default 1000)
  --draw-applicants <n>    applicants of the drawn date                        (default 10000)
  --places <n>             its places                                          (default 500)
  --job-runs <n>           draw job runs against the database, one date each  (default 5)
  --draws <n>              pure draws timed after 3 warm-up draws              (default 11)
  --check-ins <n>          confirmed volunteers checking in by LINE            (default 500)
  --check-in-seconds <s>   their check-ins spread evenly over this long        (default 60; the issue's
                           10 minutes is --check-in-seconds 600)
  --baseline <n>           ordinary first messages at the check-in pace first  (default 200; 0 = none)
  --grace <s>              an answer later than this counts as missing         (default 30)
  --max-run <s>            kill everything and exit 1 after this long          (default 900)`;

export function parseOptions(argv: string[]): DisasterBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      phases: { type: 'string', default: PHASES.join(',') },
      applicants: { type: 'string', default: '5000' },
      'apply-seconds': { type: 'string', default: '90' },
      think: { type: 'string', default: '1000' },
      'draw-applicants': { type: 'string', default: '10000' },
      places: { type: 'string', default: '500' },
      'job-runs': { type: 'string', default: '5' },
      draws: { type: 'string', default: '11' },
      'check-ins': { type: 'string', default: '500' },
      'check-in-seconds': { type: 'string', default: '60' },
      baseline: { type: 'string', default: '200' },
      grace: { type: 'string', default: '30' },
      'max-run': { type: 'string', default: '900' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const int = integerOption;
  const phases = values.phases.split(',').map((p) => p.trim());
  for (const p of phases) if (!(PHASES as readonly string[]).includes(p)) throw new Error(`--phases: unknown phase ${p} (${PHASES.join(', ')})`);
  return {
    phases: phases as Phase[],
    applicants: int('applicants', values.applicants, 1),
    applySeconds: int('apply-seconds', values['apply-seconds'], 1),
    think: int('think', values.think, 0),
    drawApplicants: int('draw-applicants', values['draw-applicants'], 1),
    places: int('places', values.places, 0),
    jobRuns: int('job-runs', values['job-runs'], 0),
    draws: int('draws', values.draws, 1),
    checkIns: int('check-ins', values['check-ins'], 1),
    checkInSeconds: int('check-in-seconds', values['check-in-seconds'], 1),
    baseline: int('baseline', values.baseline, 0),
    grace: int('grace', values.grace, 1),
    maxRun: int('max-run', values['max-run'], 10),
  };
}
