import { msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { postbackChip } from './messages';
import { clampPage } from './paging';
import { postbackValue } from './parse';
import type { InboundInput } from '../../domain/inbound-event';

/** LINE shows at most 13 quick replies; the engine adds "menu" and "cancel" to every step, which leaves 11. */
export const STEP_CHIP_ROOM = 11;

/** Options per page when a list does not fit: 8 + previous/next + "done" + menu/cancel stays within 13. */
export const OPTION_PAGE_SIZE = 8;

/**
 * Pure: the quick-reply chips of one page of `options`, followed by `extra` (e.g. "done"), so that with the
 * engine's menu and cancel chips a step never has more than LINE's 13. When every option fits beside
 * `extra`, they are all shown on one page; otherwise 8 per page, with previous/next chips sending
 * `<pageKey>=<n>`. `page` is clamped to the pages there are.
 */
export function pagedChips(options: Chip[], extra: Chip[], page: number, pageKey: string): Chip[] {
  if (options.length + extra.length <= STEP_CHIP_ROOM) return [...options, ...extra];
  return [...chipPage(options, page, pageKey), ...extra];
}

/** Pure: page `page` (clamped) of `options`, 8 at a time, with previous/next chips sending `<pageKey>=<n>` where there are more. */
export function chipPage(options: Chip[], page: number, pageKey: string): Chip[] {
  const pages = Math.ceil(options.length / OPTION_PAGE_SIZE);
  const at = clampPage(page, options.length, OPTION_PAGE_SIZE);
  const chips = options.slice(at * OPTION_PAGE_SIZE, (at + 1) * OPTION_PAGE_SIZE);
  if (at > 0) chips.push(postbackChip(msg('common:nav.previous'), `${pageKey}=${at - 1}`));
  if (at < pages - 1) chips.push(postbackChip(msg('common:nav.next'), `${pageKey}=${at + 1}`));
  return chips;
}

/** The page asked for by a previous/next tap (postback `<pageKey>=<n>`), or null. */
export function pageTap(input: InboundInput, pageKey: string): number | null {
  const v = postbackValue(input, pageKey);
  return v !== null && /^\d{1,3}$/.test(v) ? Number(v) : null;
}
