/**
 * `target` with some methods replaced: the overrides answer for their names, every other method is called on
 * `target` itself (bound, so private fields keep working) and other properties read through.
 */
export function overrideMethods<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.hasOwn(overrides, prop)) return (overrides as Record<PropertyKey, unknown>)[prop];
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}
