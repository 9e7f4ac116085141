import type { FlowData, Transition } from '../engine/types';

/**
 * A form filled in over several steps and summed up on a summary step where any answer can be changed: the
 * answers live in the flow data under `key`; after a fix, the flow goes back to `summaryStep`.
 */
export function formDraft<D extends object>(key: string, summaryStep: string) {
  const draftOf = (data: FlowData): Partial<D> => (data[key] ?? {}) as Partial<D>;
  return {
    /** The answers so far. */
    draftOf,
    /** The data with some answers changed. */
    withDraft: (data: FlowData, patch: Partial<D>): FlowData => ({ ...data, [key]: { ...draftOf(data), ...patch } }),
    /** After an answer: back to the summary when fixing one, else on to `to`. */
    onward: (to: string, data: FlowData): Transition => (data.fixing ? { to: summaryStep, data: { ...data, fixing: false } } : { to, data }),
  };
}
