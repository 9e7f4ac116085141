/** What a staff account use case answers: done, or why not (expected refusals are results, not exceptions). */
export type StaffAccountResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; code: 'notFound' | 'loginTaken' | 'lastAdmin' | 'self' };

/** The successful result. */
export function done<T>(value: T): StaffAccountResult<T> {
  return { ok: true, value };
}

/** A refusal with its code. */
export function refused<T>(code: 'notFound' | 'loginTaken' | 'lastAdmin' | 'self'): StaffAccountResult<T> {
  return { ok: false, code };
}
