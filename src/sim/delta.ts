/**
 * Pieces for NodeModule.diffNode / patchNode (a state sent again without what did not change):
 * arrays whose entries are never changed once in them (logs, windows of a log) and Maps whose
 * values are replaced, not changed, when they change (copy-on-write values). Both compare by identity.
 */

/** `array` as `base.slice(from, from + keep)` followed by `add`. */
export interface ArrayDelta<T> {
  from: number;
  keep: number;
  add: T[];
}

/** How `array` goes on from `base`: usually the same entries with a few new at the end (or a window moved on). */
export function arrayDelta<T>(base: readonly T[], array: readonly T[]): ArrayDelta<T> {
  const from = array.length > 0 ? base.indexOf(array[0]!) : -1;
  if (from < 0) return { from: 0, keep: 0, add: array.slice() };
  let keep = 0;
  while (from + keep < base.length && keep < array.length && base[from + keep] === array[keep]) keep++;
  return { from, keep, add: array.slice(keep) };
}

export function patchArray<T>(base: readonly T[], d: ArrayDelta<T>): T[] {
  return base.slice(d.from, d.from + d.keep).concat(d.add);
}

/** The entries of `map` set or added since `base`, the keys removed — or the whole map when its order changed. */
export type MapDelta<K, V> = { set: Array<[K, V]>; removed: K[] } | { all: Array<[K, V]> };

export function mapDelta<K, V>(base: ReadonlyMap<K, V>, map: ReadonlyMap<K, V>): MapDelta<K, V> {
  const set: Array<[K, V]> = [];
  const removed: K[] = [];
  // The patched map keeps the order of `base` and puts new keys last (Map.set): when `map` has
  // another order (a key removed and added again, a new key before an old one), send it all.
  const kept = base.keys();
  const nextKept = (): K | undefined => {
    for (let r = kept.next(); !r.done; r = kept.next()) {
      if (map.has(r.value)) return r.value;
      removed.push(r.value);
    }
    return undefined;
  };
  let expect = nextKept();
  let added = false;
  for (const [k, v] of map) {
    const b = base.get(k);
    if (b === undefined && !base.has(k)) {
      added = true;
      set.push([k, v]);
      continue;
    }
    if (added || k !== expect) return { all: [...map] };
    expect = nextKept();
    if (b !== v) set.push([k, v]);
  }
  // The keys of `base` after its last one kept are gone (every key kept was met above).
  if (nextKept() !== undefined) return { all: [...map] };
  return { set, removed };
}

export function patchMap<K, V>(base: ReadonlyMap<K, V>, d: MapDelta<K, V>): Map<K, V> {
  if ('all' in d) return new Map(d.all);
  const map = new Map(base);
  for (const k of d.removed) map.delete(k);
  for (const [k, v] of d.set) map.set(k, v);
  return map;
}
