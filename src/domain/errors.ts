/** Closed set of domain error codes. Expected user mistakes are results, not these. */
export type DomainErrorCode =
  | 'config.invalid'
  | 'profile.invalid'
  | 'message.invalid'
  | 'flow.unknown'
  | 'resident.notFound'
  | 'thread.transition'
  | 'thread.notFound';

/** The one coded error type domain code throws. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
