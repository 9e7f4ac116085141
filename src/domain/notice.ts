import type { BroadcastContent } from './broadcast';

/**
 * A personal notice to one resident (a place after all, the places filled, a donation received …), sent by the
 * broadcast engine: text per language, and a title for the console's list of sends.
 */
export interface Notice {
  title: string;
  content: BroadcastContent;
}
