/**
 * What a feature module contributes to event processing, besides its conversation part (`FlowModule`): it loads the
 * context its steps read — only for residents whose event may reach it — and turns its effects into the data its
 * statement writer stores in the step's transaction (wording any notices there, in every language).
 */
import type { FlowModule } from '../../flows/engine/module';

/** A module's part of one step's commit, before the module id is added. */
export interface PlannedWrite {
  data: unknown;
  /** LINE message ids of content (photos) to copy, as a consultation's photos are. */
  attachments?: string[];
}

/** What a module's planner is given for one step. */
export interface PlanInput {
  residentId: string;
  /** What the module loaded for this resident (undefined when the event could not reach it). */
  context: unknown;
  now: Date;
}

export interface PipelineModule {
  flow: FlowModule;
  /**
   * Also load the context for these: core flows whose steps read it (settings, for withdrawing consent), or every
   * event of a batch (`allEvents`) for a module whose gates answer inputs that carry none of its keys (a typed code,
   * the menu intent, a follow). Such a module's `load` runs for every batch, so it should cost one indexed query a
   * batch while it has nothing to say.
   */
  alsoFor?: { flows?: string[]; allEvents?: boolean };
  /**
   * Loads the context for the residents of a batch whose event may reach the module; returns each one's. `asking`:
   * those of them who asked for わたしの申し込み — a module with `flow.myRequests` adds their open items to their
   * context (its query runs only when someone asks). `typedOrTapped`: those of them whose event is a typed text or a
   * tap carrying one of the module's postback keys — a module reached by every event (`allEvents`) can build what only
   * such inputs read (the FAQ's tokenizer and index) for them alone.
   */
  load?(residentIds: string[], now: Date, asking: readonly string[], typedOrTapped: readonly string[]): Promise<(residentId: string) => unknown>;
  /** Turns the module's effects of one step into the data its writer stores, or null for nothing to store. */
  plan?(effects: unknown[], input: PlanInput): PlannedWrite | null;
}
