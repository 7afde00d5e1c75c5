/**
 * The iteration order of a java.util.HashSet<String>, as plain data. ZooKeeper lists a session's
 * ephemerals from a HashSet, so `getEphemerals` and the order closeSession deletes them in (and so
 * the order other clients see NodeDeleted events, ZooKeeper 3.8) follow the hash buckets.
 *
 * A HashMap iterates bucket by bucket, each bucket in insertion order; resizing splits buckets
 * without reordering them. So the order is always "stable sort by bucket index". (Treeified
 * buckets — 8+ colliding keys — are not modelled.)
 */
import { javaHashOrder, javaStringHash } from '../acl/javaString.ts';

export interface JavaHashSet {
  /** Members in Java iteration order. */
  items: string[];
  /** Table size (a power of two). */
  capacity: number;
}

function resort(set: JavaHashSet): void {
  set.items = javaHashOrder(set.items, javaStringHash, set.capacity);
}

/** `new HashSet<>()` (initial capacity 16). */
export function newJavaHashSet(initialCapacity = 16): JavaHashSet {
  let cap = 1;
  while (cap < initialCapacity) cap *= 2;
  return { items: [], capacity: cap };
}

export function javaHashSetAdd(set: JavaHashSet, s: string): boolean {
  if (set.items.includes(s)) return false;
  set.items.push(s);
  while (set.items.length > set.capacity * 0.75) set.capacity *= 2;
  resort(set);
  return true;
}

export function javaHashSetRemove(set: JavaHashSet, s: string): boolean {
  const i = set.items.indexOf(s);
  if (i < 0) return false;
  set.items.splice(i, 1);
  return true;
}

/** `HashSet.clone()`: the copy is sized for its current size, then refilled in iteration order. */
export function javaHashSetClone(set: JavaHashSet): JavaHashSet {
  const s = set.items.length;
  const t = Math.floor(s / 0.75 + 1);
  let cap = 1;
  while (cap < t) cap *= 2;
  const copy: JavaHashSet = { items: [...set.items], capacity: cap };
  resort(copy);
  return copy;
}
