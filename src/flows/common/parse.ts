import type { InboundInput } from '../../domain/inbound-event';
import { msg } from '../../domain/message-text';
import type { Parsed } from '../engine/types';

/** Reads `key` from a postback's `k=v&…` data, or null when the input is not such a postback. */
export function postbackValue(input: InboundInput, key: string): string | null {
  if (input.kind !== 'postback') return null;
  return new URLSearchParams(input.data).get(key);
}

/** Parses a postback choice among `allowed` values; anything else asks the user to tap a button. */
export function parseChoice<T extends string>(input: InboundInput, key: string, allowed: readonly T[]): Parsed<T> {
  const v = postbackValue(input, key);
  if (v !== null && (allowed as readonly string[]).includes(v)) return { ok: true, value: v as T };
  return { ok: false, error: msg('common:pleaseTap') };
}
