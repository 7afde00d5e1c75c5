/** Small helpers that reproduce java.lang.String behaviour the ACL providers depend on. */

/**
 * `String.split(literal)` / `split(literal, limit)`: with limit 0 trailing empty strings are
 * removed (so `"bob:".split(":")` is `["bob"]`); a positive limit caps the number of parts.
 */
export function javaSplit(s: string, sep: string, limit = 0): string[] {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    if (limit > 0 && parts.length === limit - 1) break;
    const i = s.indexOf(sep, start);
    if (i < 0) break;
    parts.push(s.substring(start, i));
    start = i + sep.length;
  }
  parts.push(s.substring(start));
  if (limit === 0) {
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    if (parts.length === 1 && parts[0] === '' && s.length > 0) return [];
  }
  return parts;
}

/** `String.hashCode()`: s[0]*31^(n-1) + … over UTF-16 code units, 32-bit signed. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** `Integer.parseInt(s)` (radix 10): returns null where Java throws NumberFormatException. */
export function javaParseInt(s: string): number | null {
  const v = javaParseLong(s);
  if (v === null || v > 2147483647n || v < -2147483648n) return null;
  return Number(v);
}

/** `Long.parseLong(s)` (radix 10): returns null where Java throws NumberFormatException. */
export function javaParseLong(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

/**
 * Iteration order of a java.util.HashMap / ConcurrentHashMap with `bins` buckets: by bucket
 * (the spread hash `h ^ (h >>> 16)` masked to the table size), then insertion order. Treeified
 * buckets (8+ collisions) are not modelled.
 */
export function javaHashOrder<T>(items: readonly T[], hash: (t: T) => number, bins: number): T[] {
  return items
    .map((item, i) => {
      const h = hash(item);
      return { item, i, b: (h ^ (h >>> 16)) & (bins - 1) };
    })
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.item);
}
