import type { UnitOfWork } from '../../domain/unit-of-work';
import type { Db, Tx } from './database';

/**
 * A unit of work on Prisma's interactive transaction: `repositories` builds the repositories the work gets, bound
 * to the transaction's client. Statements on the one SQLite connection are serialised (`serialized-sqlite.ts`), so
 * nothing of another caller lands inside the transaction.
 */
export class PrismaUnitOfWork<Repositories> implements UnitOfWork<Repositories> {
  constructor(
    private readonly db: Db,
    private readonly repositories: (tx: Tx) => Repositories,
  ) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.$transaction((tx) => work(this.repositories(tx)));
  }
}
