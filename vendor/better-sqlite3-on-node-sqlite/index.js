// better-sqlite3's API surface used by @prisma/adapter-better-sqlite3, implemented on node:sqlite.
// Why: libsql's native client leaks memory on every statement (measured: ~2–10 KB each, never reclaimed),
// and real better-sqlite3 needs a native compile. node:sqlite ships with Node 24, leaks nothing, and its
// statements can be reused, so prepared statements are cached by SQL text.
import { DatabaseSync } from 'node:sqlite';

const STATEMENT_CACHE_SIZE = 256;
const DOLLAR_PARAM = /\$(\d+)/g;

/** A prepared statement with its bound arguments, as better-sqlite3's `Statement` after `bind()`. */
class Statement {
  #stmt;
  #args = [];
  #named;
  #raw = false;

  constructor(stmt, named) {
    this.#stmt = stmt;
    this.#named = named;
  }

  /** True when the statement returns rows (SELECT, PRAGMA, … RETURNING). */
  get reader() {
    return this.#stmt.columns().length > 0;
  }

  bind(args) {
    this.#args = args;
    return this;
  }

  columns() {
    return this.#stmt.columns().map((c) => ({ name: c.name, column: c.column, table: c.table, database: c.database, type: c.type }));
  }

  raw(on = true) {
    this.#raw = on;
    return this;
  }

  run() {
    const r = this.#stmt.run(...this.#params());
    return { changes: Number(r.changes), lastInsertRowid: r.lastInsertRowid };
  }

  all() {
    this.#stmt.setReturnArrays(this.#raw);
    return this.#stmt.all(...this.#params());
  }

  // node:sqlite binds `$1`-style parameters only by name (and then in any order); `?` positionally.
  #params() {
    if (!this.#named) return this.#args;
    const named = {};
    this.#args.forEach((value, i) => (named[`$${i + 1}`] = value));
    return [named];
  }
}

/** A database connection, as better-sqlite3's `Database`. */
export default class Database {
  #db;
  #cache = new Map();
  #safeIntegers = false;

  constructor(filename, options = {}) {
    this.#db = new DatabaseSync(filename, { timeout: options.timeout ?? 5000 });
  }

  defaultSafeIntegers(on = true) {
    this.#safeIntegers = on;
    return this;
  }

  prepare(sql) {
    let entry = this.#cache.get(sql);
    if (entry) {
      this.#cache.delete(sql);
    } else {
      const stmt = this.#db.prepare(sql);
      stmt.setReadBigInts(this.#safeIntegers);
      entry = { stmt, named: DOLLAR_PARAM.test(sql) };
      DOLLAR_PARAM.lastIndex = 0;
      if (this.#cache.size >= STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value);
    }
    this.#cache.set(sql, entry);
    return new Statement(entry.stmt, entry.named);
  }

  exec(sql) {
    this.#db.exec(sql);
    return this;
  }

  close() {
    this.#cache.clear();
    if (this.#db.isOpen) this.#db.close();
    return this;
  }

  get open() {
    return this.#db.isOpen;
  }

  get inTransaction() {
    return this.#db.isTransaction;
  }
}
