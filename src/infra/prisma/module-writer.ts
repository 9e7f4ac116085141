import type { StepCommit } from '../../domain/stores';
import type { Db } from './database';

/**
 * A feature module's statements in the step's transaction: what `each` commit's write asks for (after the engine's
 * own statements: residents, threads), then, once every commit of the batch is written, `afterAll` (e.g. requests
 * whose places the batch's answers filled). Statements are Prisma calls on `db`, collected, not awaited: the
 * caller runs them all in one transaction.
 */
export interface ModuleWriter {
  module: string;
  each?(db: Db, data: unknown, c: StepCommit): Array<Promise<unknown>>;
  /**
   * Work that must read the rows as it finds them (a use case in its own unit of work), run before the batch's
   * statements. It must be safe to run again: an event whose batch is not written is processed again.
   */
  before?(db: Db, data: unknown, c: StepCommit): Promise<void>;
  afterAll?(db: Db, items: Array<{ data: unknown; c: StepCommit }>): Array<Promise<unknown>>;
}
