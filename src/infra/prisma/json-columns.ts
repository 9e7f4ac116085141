/** The strings of a JSON-array text column (topics, teams …); anything malformed reads as an empty list. */
export function stringArray(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
