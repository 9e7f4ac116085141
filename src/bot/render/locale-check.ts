/**
 * Consistency checks over locale files, as pure functions over parsed JSON so they can be tested
 * with small broken fixtures. `tests/unit/locales.test.ts` runs them on the real `locales/` tree.
 */

/** Parsed locale files: language → namespace (file name without `.json`) → nested messages. */
export type LocaleFiles = Record<string, Record<string, unknown>>;

/** What kind of inconsistency was found. */
export type LocaleProblemKind =
  | 'missingNamespace'
  | 'missingKey'
  | 'variableMismatch'
  | 'emptyValue'
  | 'notString'
  | 'unknownUsedKey';

/** One inconsistency, with a readable `message` for test output. */
export interface LocaleProblem {
  kind: LocaleProblemKind;
  lang: string;
  namespace: string;
  key?: string;
  message: string;
}

/** The namespace used when a key has no `ns:` prefix (matches the translator's `defaultNS`). */
export const DEFAULT_NAMESPACE = 'common';

// i18next stores plural forms as `key_one`, `key_other`…; languages legitimately differ in which
// forms they have (Japanese only `_other`), so keys are compared by their base.
const PLURAL_SUFFIX = /_(?:ordinal_)?(?:zero|one|two|few|many|other)$/;

/** The key without an i18next plural suffix: `items_one` → `items`. */
export function pluralBase(key: string): string {
  return key.replace(PLURAL_SUFFIX, '');
}

/** Flattens nested messages into dotted key paths (`a.b.c`) mapped to their leaf values. */
export function flattenMessages(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    if (prefix) out.set(prefix, tree);
    return out;
  }
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [p, leaf] of flattenMessages(v, path)) out.set(p, leaf);
    } else {
      out.set(path, v);
    }
  }
  return out;
}

/**
 * Names of `{{variable}}` placeholders in a message, sorted and unique. Handles i18next's
 * unescaped `{{- name}}` and formatted `{{name, number}}` forms.
 */
export function interpolationVariables(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*-?\s*([^{},]+?)\s*(?:,[^{}]*)?\}\}/g)) {
    if (m[1]) names.add(m[1]);
  }
  return [...names].sort();
}

/** Base key → union of the variables of its plural forms, for one namespace of one language. */
function variablesByBaseKey(messages: Map<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, value] of messages) {
    const base = pluralBase(key);
    const vars = out.get(base) ?? new Set<string>();
    if (typeof value === 'string') for (const v of interpolationVariables(value)) vars.add(v);
    out.set(base, vars);
  }
  return out;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const show = (s: Set<string>) => `{${[...s].sort().join(', ')}}`;

/**
 * Compares every language in `languages` against the others: a namespace file missing in one
 * language, a key present in one language but not another, different `{{variables}}` for the same
 * key, empty strings and non-string leaves. An empty list means the locales are consistent.
 */
export function checkLocales(files: LocaleFiles, languages: readonly string[]): LocaleProblem[] {
  const problems: LocaleProblem[] = [];
  const namespaces = [...new Set(languages.flatMap((l) => Object.keys(files[l] ?? {})))].sort();

  for (const ns of namespaces) {
    const present = languages.filter((l) => files[l]?.[ns] !== undefined);
    for (const lang of languages.filter((l) => !present.includes(l))) {
      problems.push({
        kind: 'missingNamespace',
        lang,
        namespace: ns,
        message: `${lang}: namespace file ${ns}.json is missing (present in ${present.join(', ')})`,
      });
    }

    const flat = new Map(present.map((l) => [l, flattenMessages(files[l]?.[ns])] as const));
    for (const [lang, messages] of flat) {
      for (const [key, value] of messages) {
        if (typeof value !== 'string') {
          problems.push({
            kind: 'notString',
            lang,
            namespace: ns,
            key,
            message: `${lang}: ${ns}:${key} is ${Array.isArray(value) ? 'an array' : typeof value}, expected a string`,
          });
        } else if (value.trim() === '') {
          problems.push({ kind: 'emptyValue', lang, namespace: ns, key, message: `${lang}: ${ns}:${key} is empty` });
        }
      }
    }

    const vars = new Map([...flat].map(([l, m]) => [l, variablesByBaseKey(m)] as const));
    const allKeys = [...new Set([...vars.values()].flatMap((m) => [...m.keys()]))].sort();
    for (const key of allKeys) {
      const having = present.filter((l) => vars.get(l)?.has(key));
      for (const lang of present.filter((l) => !having.includes(l))) {
        problems.push({
          kind: 'missingKey',
          lang,
          namespace: ns,
          key,
          message: `${lang}: ${ns}:${key} is missing (present in ${having.join(', ')})`,
        });
      }
      const [first, ...rest] = having;
      const expected = first === undefined ? undefined : vars.get(first)?.get(key);
      if (first === undefined || !expected) continue;
      for (const lang of rest) {
        const actual = vars.get(lang)?.get(key) ?? new Set<string>();
        if (!sameSet(expected, actual)) {
          problems.push({
            kind: 'variableMismatch',
            lang,
            namespace: ns,
            key,
            message: `${lang}: ${ns}:${key} uses ${show(actual)} but ${first} uses ${show(expected)}`,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * Message keys passed as string literals to `msg(...)` in TypeScript source. Keys built at run time
 * (with `${}`) cannot be checked statically and are skipped; so is anything with spaces, which no
 * key has, so that prose mentioning msg() is not mistaken for a call.
 */
export function findMessageKeys(source: string): string[] {
  const keys: string[] = [];
  for (const m of source.matchAll(/\bmsg\(\s*(?:'([^'\\$\s]+)'|"([^"\\$\s]+)"|`([^`\\$\s]+)`)/g)) {
    const key = m[1] ?? m[2] ?? m[3];
    if (key) keys.push(key);
  }
  return keys;
}

/** Splits `ns:key.path` into namespace and key; a key without `ns:` belongs to `DEFAULT_NAMESPACE`. */
export function splitKey(key: string): { namespace: string; key: string } {
  const i = key.indexOf(':');
  return i < 0 ? { namespace: DEFAULT_NAMESPACE, key } : { namespace: key.slice(0, i), key: key.slice(i + 1) };
}

/**
 * Every message key of one language as `ns:key.path`, plus the base of each plural form
 * (`ns:items` for `ns:items_other`), so a lookup matches what i18next would resolve.
 */
export function messageKeySet(namespaces: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  for (const [ns, tree] of Object.entries(namespaces)) {
    for (const k of flattenMessages(tree).keys()) {
      keys.add(`${ns}:${k}`);
      keys.add(`${ns}:${pluralBase(k)}`);
    }
  }
  return keys;
}

/** `key` with its namespace made explicit: `menu.title` → `common:menu.title`. */
export function qualifiedKey(key: string): string {
  const { namespace, key: path } = splitKey(key);
  return `${namespace}:${path}`;
}

/**
 * Reports every used key missing from `lang`'s namespaces. `used` pairs each key with where it was
 * found (a file path), which is echoed in the message.
 */
export function checkUsedKeys(
  used: readonly { key: string; where: string }[],
  namespaces: Record<string, unknown>,
  lang: string,
): LocaleProblem[] {
  const known = messageKeySet(namespaces);
  return used
    .filter((u) => !known.has(qualifiedKey(u.key)))
    .map((u) => ({
      kind: 'unknownUsedKey' as const,
      lang,
      namespace: splitKey(u.key).namespace,
      key: splitKey(u.key).key,
      message: `${u.where}: msg('${u.key}') has no ${lang} message`,
    }));
}
