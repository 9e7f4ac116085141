/** Figures of the webhook phases: latency per kind of tap, answers per person, and what the database holds. */
import { DatabaseSync } from 'node:sqlite';
import type { PhaseEvents } from '../webhook/load';
import type { CoresUsed } from '../webhook/processes';
import type { ReplyTracker } from '../webhook/replies';
import { int, ms } from '../webhook/report';
import { phaseStats, type PhaseStats } from '../webhook/stats';

const NO_CPU: CoresUsed = { service: NaN, fake: NaN, load: NaN, other: NaN };

/** The webhook bench's figures of one kind of event sent over `seconds`. */
export function statsOf(events: PhaseEvents, seconds: number, cpu: CoresUsed = NO_CPU, rssPeakMB = NaN): PhaseStats {
  return phaseStats(events, { label: events.label, rate: events.n / seconds, duration: seconds, connections: 0, lanes: 0, backlogAtStart: 0, rssPeakMB, cpu });
}

/** One line: a kind of event, its acknowledgement and answer latency, answered and errors. */
export function latencyLine(s: PhaseStats, grace: number): string {
  const errors = s.non2xx + s.timeouts + s.connectionErrors + s.noResponse;
  return (
    `  ${s.label.padEnd(18)} ack p50 ${ms(s.ack.p50)} p99 ${ms(s.ack.p99)} max ${ms(s.ack.max)} · answer p50 ${ms(s.e2e.p50, grace)} p99 ${ms(s.e2e.p99, grace)} max ${ms(s.e2e.max, grace)}` +
    ` · answered ${int(s.answered)}/${int(s.sent)}${s.answeredByPush ? ` (${int(s.answeredByPush)} by push)` : ''}${errors ? ` · ${int(errors)} not acknowledged` : ''}`
  );
}

/** The events' first and last send, and last answer (bench clock, ms). */
export function span(...all: PhaseEvents[]): { firstSend: number; lastSend: number; lastAnswer: number } {
  let firstSend = Infinity;
  let lastSend = -Infinity;
  let lastAnswer = -Infinity;
  for (const ev of all) {
    for (let i = 0; i < ev.n; i++) {
      const s = ev.sendAt[i] as number;
      if (Number.isNaN(s)) continue;
      firstSend = Math.min(firstSend, s);
      lastSend = Math.max(lastSend, s);
      const a = ev.answerAt[i] as number;
      if (!Number.isNaN(a)) lastAnswer = Math.max(lastAnswer, a);
    }
  }
  return { firstSend, lastSend, lastAnswer };
}

/**
 * Answers per person over their events (the same index in each of `all`, one person per index): how many people got
 * every event answered, how many missed one, and deliveries beyond one per event — a reply with a reply token LINE had
 * already accepted (LINE refuses it, but the service tried), or a push to them.
 */
export function answersPerPerson(replies: ReplyTracker, users: string[], ...all: PhaseEvents[]): { complete: number; missing: number; repeated: number; pushes: number } {
  let complete = 0;
  for (let i = 0; i < users.length; i++) if (all.every((ev) => !Number.isNaN(ev.answerAt[i] as number))) complete++;
  let pushes = 0;
  for (const user of new Set(users)) pushes += replies.pushesTo.get(user) ?? 0;
  const repeated = all.reduce((sum, ev) => sum + (replies.answeredTwiceIn.get(ev) ?? 0), 0);
  return { complete, missing: users.length - complete, repeated, pushes };
}

/** How many of the events' webhookEventIds the service stored, and processed (`done`). */
export function storedEvents(db: DatabaseSync, ...all: PhaseEvents[]): { sent: number; stored: number; done: number } {
  const status = new Map<string, string>();
  for (const row of db.prepare('SELECT id, status FROM "WebhookEvent"').all() as Array<{ id: string; status: string }>) status.set(String(row.id), String(row.status));
  let sent = 0;
  let stored = 0;
  let done = 0;
  for (const ev of all) {
    for (const id of ev.webhookEventIds) {
      if (id === undefined) continue;
      sent++;
      const s = status.get(id);
      if (s !== undefined) stored++;
      if (s === 'done') done++;
    }
  }
  return { sent, stored, done };
}

/** The service's SQLite file, read-only, through the library it uses itself. */
export function readOnly(dbPath: string): DatabaseSync {
  return new DatabaseSync(dbPath, { readOnly: true });
}

/** A count from the service's database. */
export function count(db: DatabaseSync, sql: string, ...params: string[]): number {
  return Number((db.prepare(sql).get(...params) as { n: number } | undefined)?.n ?? 0);
}

/** CPU cores as a short phrase. */
export function coresLine(c: CoresUsed): string {
  return `CPU (cores) service ${c.service.toFixed(2)} · fake LINE ${c.fake.toFixed(2)} · bench ${c.load.toFixed(2)} · rest of the machine ${c.other.toFixed(2)}${c.other > 0.25 ? ' (busy: figures may be disturbed)' : ''}`;
}
