/**
 * A message the user reads, as a locale key with parameters. Flows and domain code return these;
 * only the bot renders them with a translator fixed to the recipient's language.
 */
export interface Msg {
  key: string;
  params?: Record<string, string | number>;
}

/** Shorthand constructor for a `Msg`. */
export function msg(key: string, params?: Record<string, string | number>): Msg {
  return params ? { key, params } : { key };
}
