import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { overrideMethods } from '../override-methods';

/** A FIFO lock: `run` waits its turn; `acquire` hands back a release function. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => turn);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * SQLite through Prisma's better-sqlite3 adapter (backed by Node's built-in `node:sqlite`, see
 * vendor/better-sqlite3-on-node-sqlite), with every statement serialised on the one connection: a query made
 * while a transaction is open waits until it ends. The adapter itself only serialises transactions, so without
 * this an unrelated write (a webhook's INSERT) could run inside another caller's transaction and be rolled
 * back with it.
 */
export class SerializedSqlite implements SqlDriverAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName = '@prisma/adapter-better-sqlite3 (serialised, node:sqlite)';
  private readonly inner: PrismaBetterSqlite3;

  constructor(config: { url: string; timeout?: number }) {
    this.inner = new PrismaBetterSqlite3(config);
  }

  async connect(): Promise<SqlDriverAdapter> {
    return serialise(await this.inner.connect());
  }
}

/** Changes nothing, but begins the write transaction (the migrations table exists in every migrated database). */
const TAKE_WRITE_LOCK = { sql: 'UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0', args: [], argTypes: [] };

function serialise(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q) => lock.run(() => adapter.queryRaw(q)),
    executeRaw: (q) => lock.run(() => adapter.executeRaw(q)),
    executeScript: (s) => lock.run(() => adapter.executeScript(s)),
    dispose: () => lock.run(() => adapter.dispose()),
    async startTransaction(isolationLevel) {
      // The transaction holds the lock from BEGIN until it commits or rolls back.
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      const ending = releasing(tx, release);
      try {
        // The adapter's BEGIN is deferred: a transaction that reads first and writes later would fail with
        // "database is locked" if the processing worker's connection committed in between (its snapshot is stale,
        // and SQLite does not wait in that case). A write that changes nothing takes the write lock now, as
        // BEGIN IMMEDIATE would, so the other connection's writers wait for this one instead.
        await tx.executeRaw(TAKE_WRITE_LOCK);
      } catch (e) {
        await ending.rollback().catch(() => undefined);
        throw e;
      }
      return ending;
    },
  };
  if (adapter.getConnectionInfo) wrapped.getConnectionInfo = () => adapter.getConnectionInfo!();
  return wrapped;
}

function releasing(tx: Transaction, release: () => void): Transaction {
  let done = false;
  const end = () => {
    if (!done) {
      done = true;
      release();
    }
  };
  const ending = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      end();
    }
  };
  return overrideMethods(tx, { commit: ending(() => tx.commit()), rollback: ending(() => tx.rollback()) });
}
