/**
 * Small helpers for multi-row SQL that runs unchanged on SQLite and PostgreSQL: `$n` placeholders,
 * quoted identifiers, `ON CONFLICT … DO UPDATE`, `CASE` per row. Used where one statement per batch
 * replaces one Prisma call per row on the hot path.
 */

/**
 * Collects positional parameters and hands out `$n` placeholders. Build the fragments in the order they
 * appear in the SQL text: SQLite numbers `$n` parameters by first appearance, not by their digits.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** A parenthesised row of placeholders. */
  row(values: unknown[]): string {
    return `(${values.map((v) => this.add(v)).join(', ')})`;
  }
  /** A `CASE "key" WHEN … THEN … END` choosing a value per key. */
  caseOf(keyColumn: string, pairs: Array<[unknown, unknown]>): string {
    return `CASE "${keyColumn}" ${pairs.map(([k, v]) => `WHEN ${this.add(k)} THEN ${this.add(v)}`).join(' ')} END`;
  }
  /** A list of placeholders for `IN (…)`. */
  list(values: unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}
