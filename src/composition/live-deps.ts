/**
 * Console dependencies that follow the council's settings. A console module's dependencies carry what the settings
 * say (names, labels, plans, limits), but Fastify registers its routes once. So a module is given a view of its
 * dependencies instead of the object: built again when the settings' version moves (the console's request hook reads
 * the settings first), and read through at each request. Plain objects are viewed the same way down the tree, by
 * path; anything else (repositories, arrays, functions, values) is handed out from the latest build as it is.
 *
 * The routes must therefore read such values inside their handlers, not copy them when they register.
 */
export function liveDeps<T extends object>(version: () => number, build: () => T): T {
  let built = build();
  let builtAt = version();
  const root = (): unknown => {
    const now = version();
    if (now !== builtAt) {
      builtAt = now;
      built = build();
    }
    return built;
  };
  const at = (path: readonly PropertyKey[]): Record<PropertyKey, unknown> | undefined =>
    path.reduce<unknown>((o, k) => (o === null || o === undefined ? o : (o as Record<PropertyKey, unknown>)[k]), root()) as Record<PropertyKey, unknown> | undefined;
  const read = (path: readonly PropertyKey[], key: PropertyKey): unknown => {
    const parent = at(path);
    const value = parent?.[key];
    if (isPlainObject(value)) return view([...path, key]);
    if (typeof value === 'function') return (value as (...args: unknown[]) => unknown).bind(parent);
    return value;
  };
  const view = (path: readonly PropertyKey[]): object =>
    new Proxy(
      {},
      {
        get: (_target, key) => read(path, key),
        has: (_target, key) => key in (at(path) ?? {}),
        ownKeys: () => Reflect.ownKeys(at(path) ?? {}),
        getOwnPropertyDescriptor: (_target, key) => (key in (at(path) ?? {}) ? { value: read(path, key), enumerable: true, configurable: true, writable: false } : undefined),
      },
    );
  return view([]) as T;
}

function isPlainObject(v: unknown): v is object {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
