/**
 * Phase 1 — applications: pool members apply for one activity date through LINE, as a member does it: 手伝いたい on
 * the disaster rich menu (`dz=join`), the date's button (`dzp=<day id>`), then 申し込む (`dzp=done`). Each tap is one
 * signed webhook; the next tap follows its reply (after `think` ms). Applicants start evenly over `seconds`.
 */
import { PhaseEvents } from '../webhook/load';
import { CpuMeter, type LaunchedService } from '../webhook/processes';
import type { ReplyTracker } from '../webhook/replies';
import { int } from '../webhook/report';
import type { PhaseStats } from '../webhook/stats';
import { answersPerPerson, count, coresLine, latencyLine, readOnly, span, statsOf, storedEvents } from './figures';
import { paced, type LineUsers } from './taps';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ApplicationsRun {
  applicants: number;
  /** First tap sent → last 申し込む sent, and → its answer, seconds. */
  postedSeconds: number;
  answeredSeconds: number;
  taps: PhaseStats[];
  /** The 申し込む tap's figures. */
  apply: PhaseStats;
  perPerson: ReturnType<typeof answersPerPerson>;
  /** Applicants whose three taps were not all answered in time (they stopped tapping). */
  stopped: number;
  stored: { rows: number; members: number; events: ReturnType<typeof storedEvents> };
  lines: string[];
}

export async function runApplications(o: {
  line: LineUsers;
  replies: ReplyTracker;
  service: LaunchedService;
  fakePid: number;
  dbPath: string;
  dayId: string;
  users: string[];
  seconds: number;
  think: number;
  grace: number;
}): Promise<ApplicationsRun> {
  const n = o.users.length;
  const blank = () => Array.from({ length: n }, () => '');
  const taps = [
    { said: 'dz=join', events: new PhaseEvents('手伝いたい (menu)', o.users, blank()) },
    { said: `dzp=${o.dayId}`, events: new PhaseEvents('the date', o.users, blank()) },
    { said: 'dzp=done', events: new PhaseEvents('申し込む (apply)', o.users, blank()) },
  ];
  for (const t of taps) o.replies.addPhase(t.events);
  let stopped = 0;

  o.service.sampler.mark();
  const cpu = new CpuMeter({ service: o.service.pid, fake: o.fakePid });
  await paced(n, (o.seconds * 1000) / n, async (a) => {
    await o.line.issue(...taps.map((t): [PhaseEvents, number] => [t.events, a]));
    for (const [k, t] of taps.entries()) {
      if (k > 0 && o.think > 0) await sleep(o.think);
      const status = await o.line.send(t.events, a, t.said);
      if (status < 200 || status >= 300 || !(await o.line.answer(t.events, a, o.grace * 1000))) {
        stopped++;
        return;
      }
    }
  });
  const used = cpu.read();
  o.service.sampler.sample();
  await o.line.allAnswered(taps[2]!.events, 1000);

  const all = taps.map((t) => t.events);
  const { firstSend, lastSend, lastAnswer } = span(...all);
  const applySpan = span(taps[2]!.events);
  const seconds = (lastSend - firstSend) / 1000;
  const stats = taps.map((t) => statsOf(t.events, seconds));
  const perPerson = answersPerPerson(o.replies, o.users, ...all);

  const db = readOnly(o.dbPath);
  let stored: ApplicationsRun['stored'];
  try {
    stored = {
      rows: count(db, 'SELECT COUNT(*) AS n FROM "DayApplication" WHERE "dayId" = ?', o.dayId),
      members: count(db, 'SELECT COUNT(DISTINCT "memberId") AS n FROM "DayApplication" WHERE "dayId" = ? AND "status" = \'applied\'', o.dayId),
      events: storedEvents(db, ...all),
    };
  } finally {
    db.close();
  }
  const run: ApplicationsRun = {
    applicants: n,
    postedSeconds: (applySpan.lastSend - firstSend) / 1000,
    answeredSeconds: (lastAnswer - firstSend) / 1000,
    taps: stats,
    apply: stats[2]!,
    perPerson,
    stopped,
    stored,
    lines: [],
  };
  run.lines = [
    `── 1. Applications: ${int(n)} pool members apply for one date through the webhook ${'─'.repeat(20)}`,
    `  posted      ${int(stats.reduce((s, t) => s + t.sent, 0))} taps (3 a person; applicants started evenly over ${o.seconds} s, ${o.think} ms between a reply and the next tap):`,
    `              first tap → last 申し込む sent ${run.postedSeconds.toFixed(1)} s, → its answer ${run.answeredSeconds.toFixed(1)} s (target: within 180 s)`,
    ...stats.map((s) => latencyLine(s, o.grace)),
    `  stored      ${int(stored.rows)}/${int(n)} applications for the date (${int(stored.members)} distinct members, status applied); webhook events stored ${int(stored.events.stored)}/${int(stored.events.sent)}, done ${int(stored.events.done)}`,
    `  answered    ${int(perPerson.complete)}/${int(n)} applicants got each of their 3 taps answered once; missing ${int(perPerson.missing)}${stopped ? ` (${int(stopped)} stopped: a tap unanswered after ${o.grace} s)` : ''};` +
      ` answered twice ${int(perPerson.repeated)}; pushes to applicants ${int(perPerson.pushes)}`,
    `  resources   service RSS peak ${o.service.sampler.sincePeak.toFixed(1)} MB · ${coresLine(used.cores)}`,
  ];
  return run;
}
