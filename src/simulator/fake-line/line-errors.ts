/**
 * LINE's error answers as the fake gives them. Wording follows LINE's reference and status-code pages where
 * they print it; where they do not (marked "not published"), the text is ours and only the status is LINE's.
 */
import type { LineErrorBody, LineErrorDetail } from './types';

/** Exact error messages, shared by the routes and by tests that assert them. */
export const LINE_ERROR = {
  unauthorized: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
  invalidReplyToken: 'Invalid reply token',
  rateLimited: 'The API rate limit has been exceeded. Try again later.',
  monthlyLimit: 'You have reached your monthly limit.',
  retryKeyAccepted: 'The retry key is already accepted',
  notFound: 'Not found',
  /** Not published: LINE documents only the 400 for a retry key on an endpoint that does not take one. */
  retryKeyNotAllowed: 'The retry key header cannot be used with this API',
  /** Not published. */
  retryKeyInvalid: 'The retry key must be a UUID in hexadecimal format',
  /** Not published: LINE documents only the 413 status for bodies over its limit. */
  tooLarge: 'The request body is too large',
  unsupportedMediaType: 'Unsupported Media Type',
  /** LINE's text carries "(line: X, column: Y)"; the fake leaves the position out. */
  notJson: 'The request body could not be parsed as JSON',
  internal: 'An error occurred in the LINE Platform',
} as const;

/**
 * A refusal LINE would answer with; thrown from validators and handlers and turned into the HTTP answer by
 * the plugin's error handler, so handlers read top to bottom without early-return plumbing.
 */
export class LineRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: LineErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.message}`);
    this.name = 'LineRefusal';
  }
}

/** LINE's 400 for invalid request bodies: a count in `message`, the particulars in `details`. */
export function invalidBody(details: LineErrorDetail[]): LineRefusal {
  return new LineRefusal(400, { message: `The request body has ${details.length} error(s)`, details });
}

/** Throws LINE's 400 if there are any details. */
export function refuseIfInvalid(details: LineErrorDetail[]): void {
  if (details.length > 0) throw invalidBody(details);
}

/** LINE's 404 body for unknown users, menus, aliases and content. */
export function notFound(): LineRefusal {
  return new LineRefusal(404, { message: LINE_ERROR.notFound });
}
