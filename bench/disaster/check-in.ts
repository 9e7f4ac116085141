/**
 * Phase 3 — check-in: volunteers with a reconfirmed place today (insured) send the reception poster's message,
 * 「受付 CODE」, one each, spread evenly over the window; each answer is the orientation as a free reply. Before it,
 * the run's own peer: ordinary first messages from new friends (the webhook bench's event, answered with the
 * consent question) at the same pace, so the noise of this machine at this moment is visible beside the figure.
 */
import { checkInText } from '../../src/domain/disaster/check-in';
import { PhaseEvents } from '../webhook/load';
import { CpuMeter, type LaunchedService } from '../webhook/processes';
import type { ReplyTracker } from '../webhook/replies';
import { int } from '../webhook/report';
import type { PhaseStats } from '../webhook/stats';
import { answersPerPerson, count, coresLine, latencyLine, readOnly, span, statsOf, storedEvents } from './figures';
import { paced, type LineUsers } from './taps';

interface Stream {
  stats: PhaseStats;
  perPerson: ReturnType<typeof answersPerPerson>;
  cores: ReturnType<CpuMeter['read']>['cores'];
  rssPeakMB: number;
  events: PhaseEvents;
}

interface StreamSetup {
  line: LineUsers;
  replies: ReplyTracker;
  service: LaunchedService;
  fakePid: number;
  grace: number;
}

/** Each of `users` says `said` once, the i-th at i × `spacingMs`; figures once all are answered (or the grace is over). */
async function stream(o: StreamSetup, label: string, users: string[], said: string, spacingMs: number): Promise<Stream> {
  const events = new PhaseEvents(label, users, users.map(() => ''));
  o.replies.addPhase(events);
  o.service.sampler.mark();
  const cpu = new CpuMeter({ service: o.service.pid, fake: o.fakePid });
  await paced(users.length, spacingMs, async (i) => {
    await o.line.issue([events, i]);
    await o.line.send(events, i, said);
  });
  const used = cpu.read();
  await o.line.allAnswered(events, o.grace * 1000);
  o.service.sampler.sample();
  const { firstSend, lastSend } = span(events);
  return {
    stats: statsOf(events, Math.max((lastSend - firstSend) / 1000, 0.001), used.cores),
    perPerson: answersPerPerson(o.replies, users, events),
    cores: used.cores,
    rssPeakMB: o.service.sampler.sincePeak,
    events,
  };
}

export interface CheckInRun {
  volunteers: number;
  seconds: number;
  checkIn: PhaseStats;
  baseline?: PhaseStats;
  perPerson: ReturnType<typeof answersPerPerson>;
  checkedIn: number;
  lines: string[];
}

export async function runCheckIn(
  o: StreamSetup & { dbPath: string; dayId: string; code: string; volunteers: string[]; seconds: number; newFriends: string[] },
): Promise<CheckInRun> {
  const spacing = (o.seconds * 1000) / o.volunteers.length;
  const perMinute = (o.volunteers.length / o.seconds) * 60;
  const lines = [
    `── 3. Check-in: ${int(o.volunteers.length)} volunteers send 「${checkInText(o.code)}」 over ${o.seconds} s (${perMinute.toFixed(0)}/min; the issue's 10 minutes is ${(o.volunteers.length / 10).toFixed(0)}/min) ${'─'.repeat(4)}`,
  ];
  let baseline: Stream | undefined;
  if (o.newFriends.length) {
    baseline = await stream(o, 'peer: こんにちは', o.newFriends, 'こんにちは', spacing);
    lines.push(`  peer        ${int(o.newFriends.length)} first messages from new friends at the same pace, just before (answered with the consent question):`, latencyLine(baseline.stats, o.grace));
  }
  const run = await stream(o, '受付 CODE', o.volunteers, checkInText(o.code), spacing);
  const db = readOnly(o.dbPath);
  let checkedIn: number;
  let events: ReturnType<typeof storedEvents>;
  try {
    checkedIn = count(db, 'SELECT COUNT(*) AS n FROM "DayApplication" WHERE "dayId" = ? AND "checkedInAt" IS NOT NULL AND "checkedInBy" = \'line\'', o.dayId);
    events = storedEvents(db, run.events);
  } finally {
    db.close();
  }
  lines.push(
    `  check-in    first → last message ${((span(run.events).lastSend - span(run.events).firstSend) / 1000).toFixed(1)} s:`,
    latencyLine(run.stats, o.grace),
    `              target: answer p99 < 1 s (a free reply: LINE's reply token)`,
    `  answered    ${int(run.perPerson.complete)}/${int(o.volunteers.length)} volunteers answered once; missing ${int(run.perPerson.missing)}; answered twice ${int(run.perPerson.repeated)}; pushes to them ${int(run.perPerson.pushes)}`,
    `  stored      ${int(checkedIn)}/${int(o.volunteers.length)} applications checked in by LINE; webhook events stored ${int(events.stored)}/${int(events.sent)}, done ${int(events.done)}`,
    `  resources   service RSS peak ${run.rssPeakMB.toFixed(1)} MB · ${coresLine(run.cores)}`,
  );
  return {
    volunteers: o.volunteers.length,
    seconds: o.seconds,
    checkIn: run.stats,
    ...(baseline ? { baseline: baseline.stats } : {}),
    perPerson: run.perPerson,
    checkedIn,
    lines,
  };
}
