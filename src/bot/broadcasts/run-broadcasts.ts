import { BATCH_LEASE_MS, callStart, dueAction, eventsOf, isTargeted, withRegistrants, targetsPersonally, MULTICAST_MAX_RECIPIENTS, type Audience, type BatchOutcome, type BroadcastRecord, type BroadcastStore, type PendingBatch, type QuietHours, type Targeting } from '../../domain/broadcast';
import { staffTextFor, staffTextNote, type Language } from '../../domain/language';
import type { LineMessage } from '../../domain/line-message';
import { msg } from '../../domain/message-text';
import { LineApiError, type Clock, type IdGenerator, type Logger, type Messenger } from '../../domain/ports';
import type { Chip, OutMessage } from '../../domain/out-message';
import { plainText } from '../../domain/plain-text';
import { truncateUtf16 } from '../render/message-builder';

/** What the broadcast engine needs. */
export interface BroadcastDeps {
  broadcasts: BroadcastStore;
  messenger: Messenger;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  quietHours: QuietHours;
  /** A send due longer ago than this (the service was down) is marked missed instead of sent late. */
  staleAfterMs: number;
  /** Renders flow-level messages in a language (the bot's renderer). */
  render(messages: OutMessage[], language: Language): LineMessage[];
  /** Multicast calls per second (LINE allows 200). */
  callsPerSecond: number;
  /** Multicast calls in flight at once. */
  concurrency: number;
  /** Waits (a port so tests need no real time). */
  sleep(ms: number): Promise<void>;
  /** This instance, as the holder of the batches it claims (one id per process; several instances share a send). */
  owner: string;
}

/** Calls whose outcomes are recorded together (a crash loses at most these records; their resends are dropped by LINE). */
const RECORD_EVERY = 20;

/** Batches claimed at once beyond the calls in flight: a few, so another instance can share a large send. */
const CLAIM_AHEAD = 4;

/** LINE failures after which a batch is tried again (same retry key) on the next run, rather than given up. */
const RETRYABLE = new Set(['server', 'network', 'rateLimited']);

/**
 * Runs every broadcast that is due at `now`, and resumes any left half-sent by a crash: a due broadcast's
 * recipients and batches (with retry keys) are fixed in one transaction, then each batch is multicast with its
 * stored key, paced to `callsPerSecond`. After a crash the same batches go again with the same keys, so LINE
 * drops the ones it had accepted and every recipient gets the message exactly once. Never throws for LINE
 * failures: a batch that failed temporarily stays pending for the next run. A row that cannot be read is marked
 * failed with its reason, and the run goes on with the others.
 *
 * Several instances may run this at once: one of them starts a send (the others leave it), and each batch is
 * claimed by one instance, a few at a time, for {@link BATCH_LEASE_MS}; batches held by an instance that died are
 * taken over, with the same retry keys, once their lease has passed.
 */
export async function runDueBroadcasts(deps: BroadcastDeps): Promise<void> {
  const now = deps.clock.now();
  for (const b of await deps.broadcasts.due(now)) {
    if (b.status === 'unreadable') {
      // One broken row must not hold up every other send (it once stopped them all, every minute).
      deps.logger.error({ broadcastId: b.id, reason: b.reason }, 'broadcast row cannot be read; marked failed');
      await deps.broadcasts.markFailed(b.id, b.reason, now);
      continue;
    }
    if (b.status === 'scheduled') {
      const action = dueAction(b, now, deps.quietHours, deps.staleAfterMs);
      if (action === 'wait') continue;
      if (action === 'missed') {
        deps.logger.warn({ broadcastId: b.id }, 'broadcast was due too long ago; marked missed');
        await deps.broadcasts.markMissed(b.id, now);
        continue;
      }
      const recipients = await recipientsFor(deps.broadcasts, b.targeting);
      // Another instance started it first: its batches are theirs to claim on this run (and ours on the next).
      if (!(await deps.broadcasts.start(b.id, recipients, MULTICAST_MAX_RECIPIENTS, () => deps.ids.uuid(), now))) continue;
    }
    await sendPending(deps, b);
    const counts = await deps.broadcasts.finish(b.id, deps.clock.now());
    if (counts) deps.logger.info({ broadcastId: b.id, ...counts }, 'broadcast finished');
  }
}

/** Who a targeting reaches now: followers only, with events' registrants looked up. Also the console's estimate. */
export async function recipientsFor(store: Pick<BroadcastStore, 'audience' | 'registrants'>, t: Targeting): Promise<Audience[]> {
  const events = eventsOf(t);
  const targeting = events.length ? withRegistrants(t, await store.registrants(events)) : t;
  return (await store.audience(targetsPersonally(targeting))).filter((a) => isTargeted(targeting, a));
}

async function sendPending(deps: BroadcastDeps, b: BroadcastRecord): Promise<void> {
  const rendered = new Map<Language, LineMessage[]>();
  const messagesFor = (language: Language) => {
    let m = rendered.get(language);
    if (!m) {
      const link = b.content.link;
      const buttons: Chip[] = [
        ...(link ? [{ kind: 'uri' as const, label: msg('common:readMore'), uri: link }] : []),
        ...(b.content.actions ?? []).map((a) => ({ kind: 'postback' as const, label: msg('common:literal', { text: a.label[language]?.trim() || a.label.ja }), data: a.data })),
      ];
      // Texts stored before control characters were dropped at the edge (a volunteer's name in a notice) are cleaned here.
      const { text, from } = staffTextFor(b.content, language);
      const note = staffTextNote(language, from);
      const out: OutMessage = { lines: [...(note ? [note] : []), msg('common:literal', { text: plainText(text) })], ...(buttons.length ? { buttons } : {}) };
      const image: LineMessage[] = b.content.image ? [{ type: 'image', originalContentUrl: b.content.image, previewImageUrl: b.content.image }] : [];
      const place = b.content.location;
      const location: LineMessage[] = place ? [{ type: 'location', title: truncateUtf16(place.title, 100), address: truncateUtf16(place.address, 100), latitude: place.latitude, longitude: place.longitude }] : [];
      rendered.set(language, (m = [...image, ...deps.render([out], language), ...location]));
    }
    return m;
  };
  const firstAt = deps.clock.now().getTime();
  const starts: number[] = [];
  // Outcomes are recorded a few calls at a time (one transaction each); see BroadcastStore.batchesDone.
  const done: Array<{ batch: PendingBatch; outcome: BatchOutcome; at: Date }> = [];
  const record = () => deps.broadcasts.batchesDone(done.splice(0), deps.owner);
  // Batches claimed and not yet sent; those released to retry later are not claimed again on this run.
  const queue: PendingBatch[] = [];
  const retryLater: string[] = [];
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  const claim = async () => {
    const now = deps.clock.now();
    const limit = Math.max(1, deps.concurrency) + CLAIM_AHEAD;
    const got = await deps.broadcasts.claimBatches(b.id, { owner: deps.owner, now, leaseUntil: new Date(now.getTime() + BATCH_LEASE_MS), limit, except: retryLater });
    if (!got.length) exhausted = true;
    queue.push(...got);
  };
  const next = async (): Promise<PendingBatch | undefined> => {
    while (!queue.length && !exhausted) {
      // One claim at a time: workers that find the queue empty wait for the same one.
      claiming ??= claim().finally(() => (claiming = undefined));
      await claiming;
    }
    return queue.shift();
  };
  let calls = 0;
  const worker = async () => {
    for (let batch = await next(); batch; batch = await next()) {
      const k = calls++;
      // Pacing: an even schedule that catches up after a stall, never more than the limit in a sliding second.
      const at = callStart(k, deps.clock.now().getTime(), firstAt, starts, deps.callsPerSecond);
      if (at > deps.clock.now().getTime()) await deps.sleep(at - deps.clock.now().getTime());
      starts[k] = deps.clock.now().getTime();
      const outcome = await sendBatch(deps, batch, messagesFor(batch.language));
      if (outcome.status === 'retry') retryLater.push(batch.id);
      done.push({ batch, outcome, at: deps.clock.now() });
      // When the claimed batches run out each outcome is recorded at once, so a send finishes (and its leases are
      // given up) as soon as its last call is answered.
      if (done.length >= RECORD_EVERY || !queue.length) await record();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  await record();
}

/** Sends one batch with its stored retry key; never throws (LINE failures become outcomes). */
async function sendBatch(deps: BroadcastDeps, batch: PendingBatch, messages: LineMessage[]): Promise<BatchOutcome> {
  if (batch.unreadable) {
    deps.logger.error({ broadcastId: batch.broadcastId, batchId: batch.id, reason: batch.unreadable }, 'broadcast batch cannot be read; marked failed');
    return { status: 'failed', error: batch.unreadable };
  }
  if (batch.lineUserIds.length === 0) return { status: 'sent', requestId: undefined };
  try {
    const receipt = await deps.messenger.multicast(batch.lineUserIds, messages, batch.retryKey);
    return { status: 'sent', requestId: receipt.requestId };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const retry = e instanceof LineApiError ? RETRYABLE.has(e.kind) : true;
    deps.logger.warn({ broadcastId: batch.broadcastId, batchId: batch.id, retry, err: error }, 'multicast failed');
    return retry ? { status: 'retry', error } : { status: 'failed', error };
  }
}
