/** Pure helper: the value `map` holds for `key`, made once with `make` and kept there when it had none. */
export function memoized<K, V>(map: Map<K, V>, key: K, make: (key: K) => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make(key)));
  return v;
}
