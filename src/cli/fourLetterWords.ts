/**
 * Four-letter words, printed byte for byte as a ZooKeeper 3.8.0 server prints them
 * (server/command/*Command.java, ServerStats, ServerCnxn.dumpConnectionInfo, ExpiryQueue.dump,
 * DataTree.dumpEphemerals / dumpWatches, QuorumPeer's dumpConf; recordings in
 * src/protocol/testdata/real-4lw/). Pure formatting over a `FourLetterInput`: whoever answers a
 * four-letter word gathers the server's numbers into one and calls `fourLetterWord`.
 *
 * Rules worth knowing:
 *  - `ruok` answers `imok` (no newline) even without quorum; `envi` also answers always.
 *  - Every other word on a server that is not serving prints only
 *    "This ZooKeeper instance is not currently serving requests".
 *  - The connection that asks is itself a client connection of the server: it shows up in
 *    `stat`/`cons`/`dump` and counts in "Connections:" — include it in `connections`.
 *  - `wchs`/`wchc`/`wchp` list *data* watches only (3.8.0's DataTree.dumpWatches reads
 *    dataWatches); mntr's zk_watch_count counts data and child watches.
 *  - "Node count" is DataTree.nodes.size(), which holds the root twice ("" and "/").
 */
import { hex } from '../protocol/zxid.ts';
import type { Sid } from '../protocol/types.ts';
import {
  CLIENT_PORT, ELECTION_PORT, QUORUM_PORT, ZOOKEEPER_VERSION, labEnvironment,
  type ExpiryBucket, type FourLetterConnection, type FourLetterInput, type SummaryValues,
} from '../protocol/server/fourLetterInput.ts';
import { hexLong, javaDateToString } from './zkcli/format.ts';
import { LEADER_GAUGES, MNTR_METRICS } from './mntrKeys.ts';

// The input's types and the lab's constants live beside the code that fills them from a server
// (src/protocol/server/fourLetterInput.ts: fourLetterInputOf).
export type {
  ConnectionSessionInfo, ExpiryBucket, FourLetterConf, FourLetterConnection, FourLetterInput, FourLetterRole, SummaryValues,
} from '../protocol/server/fourLetterInput.ts';
export { CLIENT_PORT, ELECTION_PORT, QUORUM_PORT, ZOOKEEPER_VERSION, labEnvironment };

export const FOUR_LETTER_WORDS = ['srvr', 'stat', 'mntr', 'conf', 'cons', 'ruok', 'dump', 'wchs', 'wchc', 'wchp', 'envi'];

export const NOT_SERVING = 'This ZooKeeper instance is not currently serving requests\n';

/** What asking a server that is not running gets (nc's message, as the lab prints it). */
export function connectionRefused(sid: Sid): string {
  return `zk${sid}:${CLIENT_PORT}: Connection refused`;
}

// ------------------------------------------------------------------ Java formatting helpers

/** Double.toString for the values ZooKeeper prints (avg latencies, probabilities). */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [m, e] = x.toExponential().split('e') as [string, string];
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

/** String.hashCode. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Iteration order of a java.util.HashMap / ConcurrentHashMap holding these string keys, put in
 * this order and never removed: bucket (spread hash & (table − 1)), then insertion order. The
 * table starts at 16 and doubles whenever size exceeds 0.75 × table.
 */
export function javaHashOrder<T>(entries: ReadonlyArray<readonly [string, T]>): Array<[string, T]> {
  let n = 16;
  while (entries.length > n * 0.75) n *= 2;
  const bucket = (k: string): number => {
    const h = javaStringHash(k);
    return ((h ^ (h >>> 16)) & 0x7fffffff) & (n - 1);
  };
  return entries
    .map((e, i) => ({ e, i, b: bucket(e[0]) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => [x.e[0], x.e[1]]);
}

// ------------------------------------------------------------------ the words

/** ServerStats.toString. */
function serverStats(i: FourLetterInput): string {
  return [
    `Latency min/avg/max: ${i.latency.min}/${javaDouble(i.latency.avg)}/${i.latency.max}`,
    `Received: ${i.packetsReceived}`,
    `Sent: ${i.packetsSent}`,
    `Connections: ${i.connections.length}`,
    `Outstanding: ${i.outstandingRequests}`,
    `Zxid: ${hex(i.zxid)}`,
    `Mode: ${i.role}`,
    '',
  ].join('\n');
}

/** ServerCnxn.dumpConnectionInfo. */
export function connectionInfo(c: FourLetterConnection, brief: boolean): string {
  let s = ` ${c.remoteAddress}[${c.interestOps === 0 ? '0' : c.interestOps.toString(16)}](queued=${c.queued},recved=${c.received},sent=${c.sent}`;
  const x = c.session;
  if (!brief && x && x.sessionId !== 0n) {
    s += `,sid=${hexLong(x.sessionId)},lop=${x.lastOperation},est=${x.establishedMs},to=${x.timeoutMs}`;
    if (x.lastCxid >= 0) s += `,lcxid=${hexLong(x.lastCxid)}`;
    s += `,lzxid=${hexLong(x.lastZxid)},lresp=${x.lastResponseMs},llat=${x.lastLatency},minlat=${x.minLatency},avglat=${x.avgLatency},maxlat=${x.maxLatency}`;
  }
  return s + ')';
}

function srvrOrStat(i: FourLetterInput, stat: boolean): string {
  let out = `Zookeeper version: ${ZOOKEEPER_VERSION}\n`;
  if (stat) {
    out += 'Clients:\n';
    for (const c of i.connections) out += connectionInfo(c, true) + '\n';
    out += '\n';
  }
  out += serverStats(i);
  out += `Node count: ${i.nodeCount}\n`;
  if (i.role === 'leader') {
    const p = i.proposalSizes;
    out += `Proposal sizes last/min/max: ${p.last}/${p.min}/${p.max}\n`;
  }
  return out;
}

/** ExpiryQueue.dump, after its caller's prefix ("Session " / "Connections "). */
function expiryQueue<T>(buckets: Array<ExpiryBucket<T>>, show: (t: T) => string): string {
  const total = buckets.reduce((n, b) => n + b.items.length, 0);
  let out = `Sets (${buckets.length})/(${total}):\n`;
  for (const b of [...buckets].sort((x, y) => x.expireAtMs - y.expireAtMs)) {
    out += `${b.items.length} expire at ${javaDateToString(b.expireAtMs)}:\n`;
    for (const t of b.items) out += `\t${show(t)}\n`;
  }
  return out;
}

function dump(i: FourLetterInput): string {
  let out = 'SessionTracker dump:\n';
  if (i.role === 'leader' || i.role === 'standalone') {
    out += 'Session ' + expiryQueue(i.sessionBuckets, (id) => hexLong(id));
  } else {
    // LearnerSessionTracker.dumpSessions (local sessions disabled): sorted by session id.
    out += `Global Sessions(${i.globalSessions.length}):\n`;
    for (const s of [...i.globalSessions].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0))) {
      out += `${hexLong(s.sessionId)}\t${s.timeoutMs}ms\n`;
    }
  }
  out += 'ephemeral nodes dump:\n';
  out += `Sessions with Ephemerals (${i.ephemerals.length}):\n`;
  for (const e of i.ephemerals) {
    out += `${hexLong(e.sessionId)}:\n`;
    for (const p of e.paths) out += `\t${p}\n`;
  }
  out += 'Connections dump:\n';
  out += 'Connections ' + expiryQueue(i.connectionBuckets, (c) => `ip: ${c.remoteAddress} sessionId: ${hexLong(c.sessionId)}`);
  return out;
}

/** ZooKeeperServer.dumpConf + QuorumPeer's part (QuorumZooKeeperServer.dumpConf). */
function conf(i: FourLetterInput): string {
  const c = i.conf;
  const lines = [
    `clientPort=${c.clientPort}`,
    `secureClientPort=${c.secureClientPort}`,
    `dataDir=${c.dataDir}`,
    `dataDirSize=${c.dataDirSize}`,
    `dataLogDir=${c.dataLogDir}`,
    `dataLogSize=${c.dataLogSize}`,
    `tickTime=${c.tickTime}`,
    `maxClientCnxns=${c.maxClientCnxns}`,
    `minSessionTimeout=${c.minSessionTimeout}`,
    `maxSessionTimeout=${c.maxSessionTimeout}`,
    `clientPortListenBacklog=${c.clientPortListenBacklog}`,
    `serverId=${i.sid}`,
    `initLimit=${c.initLimit}`,
    `syncLimit=${c.syncLimit}`,
    `electionAlg=${c.electionAlg}`,
    `electionPort=${c.electionPort}`,
    `quorumPort=${c.quorumPort}`,
    `peerType=${c.peerType}`,
    'membership: ',
    ...i.membership,
  ];
  // QuorumMaj.toString ends with "version=" + hex, and dumpConf prints it without a newline.
  return lines.join('\n') + `\nversion=${c.version.toString(16)}`;
}

function watches(i: FourLetterInput, word: 'wchs' | 'wchc' | 'wchp'): string {
  let out = '';
  if (word === 'wchs') {
    const total = i.dataWatchesBySession.reduce((n, s) => n + s.paths.length, 0);
    out += `${i.dataWatchesBySession.length} connections watching ${i.dataWatchesByPath.length} paths\nTotal watches:${total}`;
  } else if (word === 'wchp') {
    for (const p of i.dataWatchesByPath) {
      out += `${p.path}\n`;
      for (const s of p.sessionIds) out += `\t${hexLong(s)}\n`;
    }
  } else {
    for (const s of i.dataWatchesBySession) {
      out += `${hexLong(s.sessionId)}\n`;
      for (const p of s.paths) out += `\t${p}\n`;
    }
  }
  return out + '\n';
}

function summaryLines(name: string, s: SummaryValues | undefined, percentiles: boolean): string[] {
  const v = s ?? { count: 0, sum: 0, min: 0, max: 0 };
  const avg = v.count === 0 ? 0 : Math.round((v.sum / v.count) * 1e4) / 1e4;
  const lines = [
    `zk_avg_${name}\t${javaDouble(avg)}`,
    `zk_min_${name}\t${v.count === 0 ? 0 : v.min}`,
    `zk_max_${name}\t${v.count === 0 ? 0 : v.max}`,
    `zk_cnt_${name}\t${v.count}`,
    `zk_sum_${name}\t${v.sum}`,
  ];
  if (percentiles) {
    lines.push(`zk_p50_${name}\t${v.p50 ?? 0}`, `zk_p95_${name}\t${v.p95 ?? 0}`, `zk_p99_${name}\t${v.p99 ?? 0}`, `zk_p999_${name}\t${v.p999 ?? 0}`);
  }
  return lines;
}

/** mntr values the input carries as structured fields; everything else comes from `metrics` or is 0. */
function knownValue(i: FourLetterInput, key: string): number | string | undefined {
  switch (key) {
    case 'ephemerals_count': return i.ephemeralsCount;
    case 'num_alive_connections': return i.connections.length;
    case 'avg_latency': return javaDouble(i.latency.avg);
    case 'min_latency': return i.latency.min;
    case 'max_latency': return i.latency.max;
    case 'outstanding_requests': return i.outstandingRequests;
    case 'znode_count': return i.nodeCount;
    case 'global_sessions': return i.globalSessionCount;
    case 'packets_sent': return i.packetsSent;
    case 'packets_received': return i.packetsReceived;
    case 'connection_drop_probability': return '0.0';
    case 'watch_count': return i.watchCount;
    case 'approximate_data_size': return i.approximateDataSize;
    case 'uptime': return i.uptimeMs;
    case 'quorum_size': return i.quorumSize;
    case 'min_proposal_size': return i.proposalSizes.min;
    case 'max_proposal_size': return i.proposalSizes.max;
    case 'last_proposal_size': return i.proposalSizes.last;
    case 'synced_followers': return i.syncedFollowers;
    case 'synced_non_voting_followers': return i.syncedNonVotingFollowers;
    case 'synced_observers': return i.syncedObservers;
    case 'pending_syncs': return i.pendingSyncs;
    case 'leader_uptime': return i.leaderUptimeMs;
    case 'learners': return i.learners;
    // BufferStats of client responses: -1 until the first response
    case 'last_client_response_size':
    case 'min_client_response_size':
    case 'max_client_response_size':
      return -1;
    default: return undefined;
  }
}

function mntr(i: FourLetterInput): string {
  const lines = [`zk_version\t${ZOOKEEPER_VERSION}`, `zk_server_state\t${i.role}`];
  if (i.role !== 'standalone') lines.push(`zk_peer_state\t${i.peerState}`);
  if (i.role === 'observer') lines.push(`zk_observer_master_id\t${i.observerMasterId}`);
  const keys: Array<readonly ['v' | 's' | 'p', string]> = [];
  for (const m of MNTR_METRICS) {
    keys.push(m);
    if (i.role === 'leader') {
      let after = m[1];
      for (let g = LEADER_GAUGES.find(([a]) => a === after); g; g = LEADER_GAUGES.find(([a]) => a === after)) {
        keys.push(['v', g[1]]);
        after = g[1];
      }
    }
  }
  for (const [kind, name] of keys) {
    const given = i.metrics[name];
    if (kind === 'v') {
      const v = given !== undefined && typeof given !== 'object' ? given : knownValue(i, name) ?? 0;
      lines.push(`zk_${name}\t${typeof v === 'number' && !Number.isInteger(v) ? javaDouble(v) : v}`);
    } else {
      lines.push(...summaryLines(name, typeof given === 'object' ? given : undefined, kind === 'p'));
    }
  }
  // Summary sets: basic ones (learner_handler_qp_size, read/write_per_namespace), then the
  // percentile one (learner_handler_qp_time_ms); keys inside a set in ConcurrentHashMap order.
  const set = (entries: Array<[string, SummaryValues]>, suffix: string, percentiles: boolean): void => {
    for (const [k, s] of javaHashOrder(entries)) lines.push(...summaryLines(`${k}_${suffix}`, s, percentiles));
  };
  set(i.learnerHandlerQueueSize.map(([sid, s]) => [String(sid), s]), 'learner_handler_qp_size', false);
  set(i.readPerNamespace, 'read_per_namespace', false);
  set(i.writePerNamespace, 'write_per_namespace', false);
  set(i.learnerHandlerQueueTimeMs.map(([sid, s]) => [String(sid), s]), 'learner_handler_qp_time_ms', true);
  return lines.join('\n') + '\n';
}

/** The reply of a four-letter word, exactly as the server writes it to the socket. */
export function fourLetterWord(word: string, input: FourLetterInput): string {
  switch (word) {
    case 'ruok':
      return 'imok';
    case 'envi':
      return 'Environment:\n' + input.environment.map(([k, v]) => `${k}=${v}\n`).join('');
    default:
      break;
  }
  if (!FOUR_LETTER_WORDS.includes(word)) return '';
  if (!input.serving) return NOT_SERVING;
  switch (word) {
    case 'srvr':
      return srvrOrStat(input, false);
    case 'stat':
      return srvrOrStat(input, true);
    case 'mntr':
      return mntr(input);
    case 'conf':
      return conf(input);
    case 'cons':
      return input.connections.map((c) => connectionInfo(c, false) + '\n').join('') + '\n';
    case 'dump':
      return dump(input);
    case 'wchs':
    case 'wchc':
    case 'wchp':
      return watches(input, word);
    default:
      return '';
  }
}

// ------------------------------------------------------------------ the lab's own values

/** `server.N=zkN:2888:3888:participant` lines (QuorumServer.toString without client address). */
export function membershipLines(voters: Sid[], observers: Sid[]): string[] {
  return [...voters.map((s) => [s, 'participant'] as const), ...observers.map((s) => [s, 'observer'] as const)]
    .sort((a, b) => a[0] - b[0])
    .map(([s, t]) => `server.${s}=zk${s}:${QUORUM_PORT}:${ELECTION_PORT}:${t}`);
}
