/**
 * StatsTrack: the text stored in quota nodes, e.g. `count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1`
 * (ZooKeeper 3.8 quota notes), with Java's `long` values. Parsing is `new StatsTrack(byte[])`
 * to the letter, exceptions included: text that is not `key=long` pairs throws what Java throws
 * (recorded on 3.8.0: src/cli/testdata/conformance/60-…64-quota-*), and the caller decides who
 * dies of it — zkCli prints a stack trace and exits, a server's CommitProcessor stops.
 * Formatting keeps Java HashMap semantics where it shows: count and bytes first, the others sorted.
 */
import { JavaThrowable } from '../javaThrowable.ts';
import { javaParseLong, javaSplit } from '../acl/javaString.ts';

export type StatsTrack = Map<string, bigint>;

export type StatsKey = 'count' | 'bytes' | 'countHardLimit' | 'byteHardLimit';

/** StatsTrack.java lines in 3.8.0: `this(new String(stat, UTF_8))` and the `stats.put(...)` loop. */
const FRAME_BYTES = 'org.apache.zookeeper.StatsTrack.<init>(StatsTrack.java:57)';
const FRAME_PARSE = 'org.apache.zookeeper.StatsTrack.<init>(StatsTrack.java:74)';

/** `Pattern.compile("[,;]+").split(s)`: a leading empty part is kept, trailing empty parts dropped. */
function splitPairs(s: string): string[] {
  const re = /[,;]+/g;
  const parts: string[] = [];
  let index = 0;
  let matched = false;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    matched = true;
    parts.push(s.substring(index, m.index));
    index = m.index + m[0].length;
  }
  if (!matched) return [s];
  parts.push(s.substring(index));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function arrayIndex(i: number, length: number): JavaThrowable {
  return new JavaThrowable('java.lang.ArrayIndexOutOfBoundsException', `Index ${i} out of bounds for length ${length}`, [FRAME_PARSE, FRAME_BYTES]);
}

/** `new StatsTrack(String)`: an empty or null text is no stats at all. */
export function parseStatsTrack(text: string | null): StatsTrack {
  const stats: StatsTrack = new Map();
  if (text === null || text.length === 0) return stats;
  for (const pair of splitPairs(text)) {
    const kv = javaSplit(pair, '=');
    if (kv.length < 1) throw arrayIndex(0, kv.length);
    if (kv.length < 2) throw arrayIndex(1, kv.length);
    const v = kv[1] === '' ? '-1' : (kv[1] as string);
    const n = javaParseLong(v);
    // Long.parseLong's NumberFormatException (an IllegalArgumentException; its frames never print:
    // the quota commands catch it and print the message)
    if (n === null) throw new JavaThrowable('java.lang.NumberFormatException', `For input string: "${v}"`, [FRAME_PARSE, FRAME_BYTES]);
    stats.set(kv[0] as string, n);
  }
  return stats;
}

/** `new StatsTrack(byte[])`, what every reader of a quota node calls: null data is a NullPointerException. */
export function parseStatsTrackBytes(data: Uint8Array | null): StatsTrack {
  if (data === null) {
    throw new JavaThrowable('java.lang.NullPointerException', 'Cannot read the array length because "bytes" is null', [
      'java.base/java.lang.String.<init>(String.java:1387)', FRAME_BYTES,
    ]);
  }
  return parseStatsTrack(new TextDecoder().decode(data));
}

/** getCount() and friends: -1 when the key is absent. */
export function statsGet(st: StatsTrack, key: StatsKey): bigint {
  return st.get(key) ?? -1n;
}

/** `getCount() + diff` in Java `long` arithmetic (wraps around). */
export function statsAdd(st: StatsTrack, key: StatsKey, diff: number | bigint): void {
  st.set(key, BigInt.asIntN(64, statsGet(st, key) + BigInt(diff)));
}

export function formatStatsTrack(st: StatsTrack): string {
  const keys = [...st.keys()].filter((k) => k !== 'count' && k !== 'bytes');
  let s = 'count=' + statsGet(st, 'count') + ',bytes=' + statsGet(st, 'bytes');
  if (keys.length > 0) {
    s += '=';
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) s += ';' + k + '=' + String(st.get(k));
  }
  return s;
}

/** Quotas: /zookeeper/quota/<path>/zookeeper_limits and …/zookeeper_stats. */
export const Quotas = {
  procZookeeper: '/zookeeper',
  quotaZookeeper: '/zookeeper/quota',
  configZookeeper: '/zookeeper/config',
  limitNode: 'zookeeper_limits',
  statNode: 'zookeeper_stats',
  quotaPath: (path: string): string => '/zookeeper/quota' + path,
  limitPath: (path: string): string => '/zookeeper/quota' + path + '/zookeeper_limits',
  statPath: (path: string): string => '/zookeeper/quota' + path + '/zookeeper_stats',
  trimQuotaPath: (quotaPath: string): string => quotaPath.substring('/zookeeper/quota'.length),
} as const;
