import { DomainError } from '../../src/domain/errors';

/** The DomainError thrown by `fn`, so a test can assert its code and every line of its message. */
export function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}
