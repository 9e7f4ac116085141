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
  afterAll?(db: Db, items: Array<{ data: unknown; c: StepCommit }>): Array<Promise<unknown>>;
}
