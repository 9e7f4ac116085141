/** Paging of long lists: the window a store reads and what it returns. */

/** A page of a list: skip `offset` rows, then take at most `limit`. */
export interface Page {
  offset: number;
  limit: number;
}

/** One page of a list's rows and how many rows the list's filter matches in all. */
export interface Paged<R> {
  rows: R[];
  total: number;
}
