/** Paging of the console's long lists: the page number from the query string and the pager a list's view shows. */
import type { Page, Paged } from '../../domain/paging';
import { one } from './form-fields';

/** The page asked for (from 1) in the query's `key`; anything else is the first page. */
export function parsePageNumber(query: Record<string, unknown>, key = 'page'): number {
  const v = one(query[key]);
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

/**
 * Page `asked` of a list of `size` rows a page, read by `read` (one page and the filter's count); a page past the
 * end (rows gone meanwhile) reads the last one instead. `hrefOf(n)` links to page n with the list's filter.
 */
export async function readPage<R>(asked: number, size: number, read: (page: Page) => Promise<Paged<R>>, hrefOf: (n: number) => string): Promise<{ rows: R[]; pager: Pager }> {
  const first = await read({ offset: (asked - 1) * size, limit: size });
  const { page, pages, offset } = pageAt(first.total, size, asked);
  const { rows, total } = page === asked ? first : await read({ offset, limit: size });
  return { rows, pager: pagerOf({ total, page, pages, size, shown: rows.length, hrefOf }) };
}

/** `path` with the filter `params` (empty ones left out) and the page (left out for the first), as a link. */
export function listHref(path: string, params: Record<string, string>, page = 1): string {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
