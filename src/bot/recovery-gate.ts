import type { PendingEvent } from '../domain/stores';

/** The part of the dispatcher the gate feeds. */
export interface EventQueue {
  enqueue(events: PendingEvent[]): void;
  whenIdle(): Promise<void>;
}

/**
 * Holds new events back until recovery has read what was pending, so no event is processed twice.
 *
 * Webhooks are answered (and their events stored) from the moment the server listens, while recovery is still
 * reading the events a previous run left pending. Without the gate an event could reach the dispatcher twice:
 * once from its webhook and once from recovery's read, after the first copy had already been taken (the
 * dispatcher only merges copies that are both still queued). Here, events arriving before `open` wait in
 * memory; `open` hands the dispatcher the pending ones and the held ones in one call, which merges them, and
 * from then on events pass straight through. The events stay `pending` in the database while they wait, so a
 * crash loses nothing.
 */
export class RecoveryGate implements EventQueue {
  private held: PendingEvent[] | undefined = [];

  constructor(private readonly queue: EventQueue) {}

  get isOpen(): boolean {
    return this.held === undefined;
  }

  enqueue(events: PendingEvent[]): void {
    if (this.held) this.held.push(...events);
    else this.queue.enqueue(events);
  }

  /** Queues what recovery found pending together with what arrived meanwhile, and lets later events through. */
  open(pending: PendingEvent[]): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.queue.enqueue([...pending, ...held]);
  }

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }
}
