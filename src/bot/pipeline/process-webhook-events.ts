import type { OutboundOutcome, PendingEvent, ResidentRecord } from '../../domain/stores';
import { attemptInOrder, claimedRow } from './deliver';
import { attachmentsOf, copyAttachments } from './copy-attachments';
import { apologise, markFailed } from './failed-webhook-event';
import { initialLanguage, isUnfollow, loadModuleContexts, planEvent, type EventPlan, type ProcessorDeps } from './plan-webhook-event';

/** How long a batch waits for new friends' LINE profiles before processing the rest without them. */
export const PROFILE_WAIT_MS = 300;

function carriesSafety(plan: EventPlan): boolean {
  return plan.kind === 'commit' && plan.commit.outbound.some((o) => o.safety);
}

/** The values of the promises that settled within `ms` (undefined for the others). Never rejects. */
async function settledWithin<T>(promises: Promise<T>[], ms: number): Promise<Array<T | undefined>> {
  const results: Array<T | undefined> = promises.map(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.all(promises.map((p, i) => p.then((v) => void (results[i] = v), () => undefined))), deadline]);
  clearTimeout(timer);
  return results;
}

/** Hooks the dispatcher gives a batch: when a user's sends are over, and where to claim rows and record outcomes. */
export interface BatchHooks {
  userDone(userKey: string): void;
  /** Makes the rows `attempting` durably before any call (shared with other batches); returns the ids claimed. */
  claim(ids: string[]): Promise<Set<string>>;
  recordOutcomes(outcomes: OutboundOutcome[]): Promise<void>;
}

/** The batch could not be written; `events` are those it held (none of them was written). */
class BatchNotWritten extends Error {
  constructor(
    readonly events: PendingEvent[],
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Processes the oldest pending event of several users together: residents and flow states are loaded in bulk,
 * each event is planned by the pure step function, and every commit is written in ONE transaction. Sends then
 * run per user in order, users in parallel; each user is released as soon as their sends are done. If the
 * batch cannot be written (one event breaks a constraint, say), every event is processed again on its own — the
 * same path with a batch of one —, so one bad event never costs the others their answer. Resolves once the
 * batch is committed.
 */
export async function processBatch(deps: ProcessorDeps, events: PendingEvent[], hooks: BatchHooks): Promise<void> {
  try {
    await run(deps, events, hooks, { alone: false });
  } catch (e) {
    if (!(e instanceof BatchNotWritten)) throw e;
    deps.logger.warn({ events: e.events.length, err: e.message }, 'batch commit failed; processing its events one by one');
    await Promise.all(
      e.events.map(async (stored) => {
        await processAlone(deps, stored, hooks);
        hooks.userDone(stored.userKey);
      }),
    );
  }
}

/**
 * Processes one event as a batch of one and waits for its sends. Any failure is mapped here: the event is marked
 * failed with the error and the resident gets one apology. Returns false only when even that bookkeeping failed
 * (the database is unreachable).
 */
export async function processAlone(deps: ProcessorDeps, stored: PendingEvent, hooks: Omit<BatchHooks, 'userDone'>): Promise<boolean> {
  try {
    await (await run(deps, [stored], { ...hooks, userDone: () => {} }, { alone: true })).sent;
    return true;
  } catch (error) {
    const err = error instanceof BatchNotWritten ? error.cause : error;
    deps.logger.error({ eventId: stored.id, err: err instanceof Error ? err.message : String(err) }, 'event processing failed');
    const marked = await markFailed(deps, stored, err);
    if (marked === 'unreachable') return false;
    // An event another instance processed meanwhile (its commit was refused here) is owed nothing more.
    if (marked === 'marked') await apologise(deps, stored);
    return true;
  }
}

/**
 * The one processing path. Loads, plans and commits `events` in one transaction (throws `BatchNotWritten` when
 * that fails), then sends per user; `sent` settles when every send is over. `alone`: one event, processed to the
 * end here — a new friend's profile is awaited, and a planning failure is thrown to the caller —; in a batch a
 * late profile or a planning failure moves that event to a path of its own.
 */
async function run(deps: ProcessorDeps, events: PendingEvent[], hooks: BatchHooks, opts: { alone: boolean }): Promise<{ sent: Promise<unknown> }> {
  let batch = events;
  const now = deps.clock.now();
  let residents = await deps.conversations.findResidents(batch.map((e) => e.userKey));
  const newcomers = batch.filter((e) => !residents.has(e.userKey) && !isUnfollow(e));
  if (newcomers.length) {
    // A new friend's language comes from their LINE profile. In a batch, lookups that have not answered within a
    // short wait leave the batch and are processed on their own, so one slow lookup holds up no one else.
    const lookups = newcomers.map((e) => ({ e, language: initialLanguage(deps, e.userKey) }));
    const answered = opts.alone ? await Promise.all(lookups.map((l) => l.language)) : await settledWithin(lookups.map((l) => l.language), PROFILE_WAIT_MS);
    const late = lookups.filter((_, i) => answered[i] === undefined);
    const lateEvents = new Set(late.map((l) => l.e));
    batch = batch.filter((e) => !lateEvents.has(e));
    for (const { e, language } of late) {
      void language
        .then((lang) => deps.conversations.createResidents([{ lineUserId: e.userKey, language: lang }], deps.clock.now()))
        .then(() => processAlone(deps, e, hooks), (err) => deps.logger.error({ eventId: e.id, err: String(err) }, 'could not create resident'))
        .finally(() => hooks.userDone(e.userKey));
    }
    const ready = lookups.flatMap((l, i) => (answered[i] === undefined ? [] : [{ lineUserId: l.e.userKey, language: answered[i]! }]));
    if (ready.length) residents = new Map([...residents, ...(await deps.conversations.createResidents(ready, now))]);
  }
  const residentIds = [...residents.values()].map((r) => r.id);
  const states = await deps.conversations.loadFlowStates(residentIds);
  const threads = await deps.conversations.loadThreads(residentIds);
  const contexts = await loadModuleContexts(
    deps.modules,
    batch.flatMap((stored) => {
      const r = residents.get(stored.userKey);
      return r ? [{ stored, state: states.get(r.id) ?? null, residentId: r.id }] : [];
    }),
    now,
  );

  const plans: Array<{ stored: PendingEvent; plan: EventPlan }> = [];
  const broken: PendingEvent[] = [];
  for (const stored of batch) {
    const resident: ResidentRecord | null = residents.get(stored.userKey) ?? null;
    try {
      plans.push({ stored, plan: planEvent(deps, stored, resident, resident ? (states.get(resident.id) ?? null) : null, now, resident ? (threads.get(resident.id) ?? null) : null, contexts) });
    } catch (e) {
      if (opts.alone) throw e;
      broken.push(stored);
    }
  }

  const commits = plans.flatMap(({ plan }) => (plan.kind === 'commit' ? [plan.commit] : []));
  try {
    await deps.conversations.commitMany(commits);
  } catch (error) {
    throw new BatchNotWritten(batch, error);
  }
  // Planning failures are programming errors for one event: processed alone, it is marked failed with an apology.
  for (const stored of broken) {
    void processAlone(deps, stored, hooks).finally(() => hooks.userDone(stored.userKey));
  }
  for (const { plan } of plans) if (plan.kind === 'skip') await deps.events.markSkipped(plan.eventId, now, plan.redactedPayload);

  // Every row is `attempting` in the database before its first call; rows a failed claim left `pending` are
  // resumed by the outbox schedule. Users whose sends carry a safety reply start first.
  const outboundIds = plans.flatMap(({ plan }) => (plan.kind === 'commit' ? plan.commit.outbound.map((o) => o.id) : []));
  const claimed = outboundIds.length
    ? await hooks.claim(outboundIds).catch((e: unknown) => {
        deps.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not claim outbound rows; the outbox schedule will send them');
        return new Set<string>();
      })
    : new Set<string>();
  const safetyFirst = [...plans].sort((a, b) => Number(carriesSafety(b.plan)) - Number(carriesSafety(a.plan)));
  const sending = safetyFirst.map(async ({ stored, plan }) => {
    try {
      const rows = plan.kind === 'commit' ? plan.commit.outbound.filter((o) => claimed.has(o.id)).map((o) => claimedRow(o, now)) : [];
      const outcomes = await attemptInOrder(deps, rows, plan.kind === 'commit' ? plan.followed : undefined);
      // Unrecorded outcomes leave rows `attempting`; they are resumed when their lease passes or at the next start.
      if (outcomes.length) await hooks.recordOutcomes(outcomes).catch((e) => deps.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not record delivery outcomes'));
      if (plan.kind === 'commit') await copyAttachments(deps, attachmentsOf(plan.commit));
    } finally {
      hooks.userDone(stored.userKey);
    }
  });
  // Sending goes on after the batch is committed; failures are recorded per row, never thrown.
  return { sent: Promise.allSettled(sending) };
}
