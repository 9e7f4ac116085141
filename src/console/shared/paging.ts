/** Paging of the console's long lists: the page number from the query string and the pager a list's view shows. */
import { one } from './form-fields';

/** The page asked for (from 1); anything else is the first page. */
export function parsePageNumber(query: Record<string, unknown>): number {
  const v = one(query.page);
  return /^[1-9]\d{0,5}$/.test(v) ? Number(v) : 1;
}

/** The rows shown (from–to, counted from 1) of how many match, and links to the pages before and after (null at either end). */
export interface Pager {
  total: number;
  from: number;
  to: number;
  page: number;
  pages: number;
  prevHref: string | null;
  nextHref: string | null;
}

/** How many pages `total` rows make (at least one) and the page to show: one past the end shows the last. */
export function pageAt(total: number, size: number, asked: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(asked, pages);
  return { page, pages, offset: (page - 1) * size };
}

/** The pager of page `page` of `pages` showing `shown` rows of `total`; `hrefOf(n)` links to page n. */
export function pagerOf(o: { total: number; page: number; pages: number; size: number; shown: number; hrefOf: (n: number) => string }): Pager {
  const from = o.shown ? (o.page - 1) * o.size + 1 : 0;
  return { total: o.total, from, to: from ? from + o.shown - 1 : 0, page: o.page, pages: o.pages, prevHref: o.page > 1 ? o.hrefOf(o.page - 1) : null, nextHref: o.page < o.pages ? o.hrefOf(o.page + 1) : null };
}
