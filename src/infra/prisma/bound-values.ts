/**
 * SQLite through Prisma binds at most 999 values in one statement (P2029 "The query parameter limit supported by
 * your database is exceeded": 1,001 and 5,000 ids failed on the growth bench's database, 900 passed). Lists that
 * grow with the council's data are read in slices of IN_SLICE.
 */
import { chunk } from '../../domain/broadcast';

export const IN_SLICE = 900;

/** `read` run over `ids` in slices of IN_SLICE, results joined in order. */
export async function inSlices<T, R>(ids: readonly T[], read: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const slice of chunk(ids, IN_SLICE)) out.push(...(await read(slice)));
  return out;
}
