import type { FlowData } from '../engine/types';

/** Pure: the page stored in a step's data (`data.page`), clamped to the pages `count` items make at `perPage` a page. */
export function pageOf(data: FlowData, count: number, perPage: number): number {
  const page = Number(data.page ?? 0);
  return Math.max(0, Math.min(Number.isInteger(page) ? page : 0, Math.ceil(count / perPage) - 1));
}
