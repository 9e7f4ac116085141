/**
 * A form as a page's parser gives it: the value, or its first problem in the words staff read. A use case that must
 * refuse some acts before it looks at the form (an event already called off) takes the form this way.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
