/**
 * Reading posted form fields and query parameters as @fastify/formbody and Fastify's query parser give them: a
 * field sent once is a string, one sent several times an array. Pure.
 */

/** One value of a form field or query parameter (the first when it repeats), trimmed, or ''. */
export function one(v: unknown): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
}

/** Every value of a repeated form field, trimmed, without blanks and repeats. */
export function many(v: unknown): string[] {
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(all.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean))];
}

/** A textarea's text with its line breaks as `\n` (browsers post `\r\n`). */
export function lines(v: unknown): string {
  return one(v).replace(/\r\n?/g, '\n');
}
