import type { FlowData } from '../engine/types';

/** Pure: `page` as a page of `count` items at `perPage` a page — 0 unless a whole number, and within the pages there are. */
export function clampPage(page: unknown, count: number, perPage: number): number {
  const n = Number(page ?? 0);
  return Math.max(0, Math.min(Number.isInteger(n) ? n : 0, Math.ceil(count / perPage) - 1));
}

/** Pure: the page stored in a step's data (`data.page`), clamped to the pages `count` items make at `perPage` a page. */
export function pageOf(data: FlowData, count: number, perPage: number): number {
  return clampPage(data.page, count, perPage);
}
