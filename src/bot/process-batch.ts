import type { OutboundOutcome, PendingEvent, ResidentRecord } from '../domain/stores';
import { attemptInOrder, claimedRow } from './deliver';
import { attachmentsOf, copyAttachments } from './copy-attachments';
import { processSafely } from './event-worker';
import { initialLanguage, isUnfollow, loadEvents, planEvent, type EventPlan, type ProcessorDeps } from './process-event';

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

/**
 * Processes the oldest pending event of several users together: residents and flow states are loaded in bulk,
 * each event is planned by the pure step function, and every commit is written in ONE transaction. Sends then
 * run per user in order, users in parallel; each user is released as soon as their sends are done. If the
 * batch cannot be written (one event breaks a constraint, say), every event is processed again on its own,
 * so one bad event never costs the others their answer. Resolves once the batch is committed.
 */
export async function processBatch(deps: ProcessorDeps, events: PendingEvent[], hooks: BatchHooks): Promise<void> {
  let batch = events;
  const now = deps.clock.now();
  const userKeys = batch.map((e) => e.userKey);
  let residents = await deps.conversations.findResidents(userKeys);
  const newcomers = batch.filter((e) => !residents.has(e.userKey) && !isUnfollow(e));
  if (newcomers.length) {
    // A new friend's language comes from their LINE profile. Lookups that have not answered within a short
    // wait leave the batch and are processed on their own, so one slow lookup holds up no one else.
    const lookups = newcomers.map((e) => ({ e, language: initialLanguage(deps, e.userKey) }));
    const answered = await settledWithin(lookups.map((l) => l.language), PROFILE_WAIT_MS);
    const late = lookups.filter((_, i) => answered[i] === undefined);
    const lateEvents = new Set(late.map((l) => l.e));
    batch = batch.filter((e) => !lateEvents.has(e));
    for (const { e, language } of late) {
      void language
        .then((lang) => deps.conversations.createResidents([{ lineUserId: e.userKey, language: lang }], deps.clock.now()))
        .then(() => processSafely(deps, e), (err) => deps.logger.error({ eventId: e.id, err: String(err) }, 'could not create resident'))
        .finally(() => hooks.userDone(e.userKey));
    }
    const ready = lookups.flatMap((l, i) => (answered[i] === undefined ? [] : [{ lineUserId: l.e.userKey, language: answered[i]! }]));
    if (ready.length) residents = new Map([...residents, ...(await deps.conversations.createResidents(ready, now))]);
  }
  const residentIds = [...residents.values()].map((r) => r.id);
  const states = await deps.conversations.loadFlowStates(residentIds);
  const threads = await deps.conversations.loadThreads(residentIds);
  const calendar = await loadEvents(deps, batch.flatMap((stored) => {
    const r = residents.get(stored.userKey);
    return r ? [{ stored, state: states.get(r.id) ?? null, residentId: r.id }] : [];
  }), now);

  const plans: Array<{ stored: PendingEvent; plan: EventPlan }> = [];
  const broken: PendingEvent[] = [];
  for (const stored of batch) {
    const resident: ResidentRecord | null = residents.get(stored.userKey) ?? null;
    try {
      plans.push({ stored, plan: planEvent(deps, stored, resident, resident ? (states.get(resident.id) ?? null) : null, now, resident ? (threads.get(resident.id) ?? null) : null, calendar) });
    } catch {
      broken.push(stored);
    }
  }

  const commits = plans.flatMap(({ plan }) => (plan.kind === 'commit' ? [plan.commit] : []));
  try {
    await deps.conversations.commitMany(commits);
  } catch (error) {
    deps.logger.warn({ events: commits.length, err: error instanceof Error ? error.message : String(error) }, 'batch commit failed; processing its events one by one');
    await Promise.all(batch.map(async (stored) => {
      await processSafely(deps, stored);
      hooks.userDone(stored.userKey);
    }));
    return;
  }
  // Planning failures are programming errors for one event: the single path marks them failed and apologises.
  for (const stored of broken) await processSafely(deps, stored);
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
  for (const stored of broken) hooks.userDone(stored.userKey);
  // Sending goes on after the batch is committed; failures are recorded per row, never thrown.
  void Promise.allSettled(sending);
}
