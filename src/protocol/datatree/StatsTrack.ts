/**
 * StatsTrack: the text stored in quota nodes, e.g. `count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1`
 * (ZOOKEEPER.md §1.3 quota notes). Keys keep Java HashMap semantics where it shows: count and
 * bytes first, the others sorted.
 */
export type StatsTrack = Map<string, number>;

export function parseStatsTrack(text: string | null): StatsTrack {
  const stats: StatsTrack = new Map();
  if (text === null || text.length === 0) return stats;
  for (const pair of text.split(/[,;]+/)) {
    if (pair === '') continue;
    const kv = pair.split('=');
    // Java's split drops trailing empty strings
    while (kv.length > 1 && kv[kv.length - 1] === '') kv.pop();
    const k = kv[0] ?? '';
    const v = kv[1];
    stats.set(k, v === undefined || v === '' ? -1 : Number(v));
  }
  return stats;
}

export function statsGet(st: StatsTrack, key: 'count' | 'bytes' | 'countHardLimit' | 'byteHardLimit'): number {
  return st.get(key) ?? -1;
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
