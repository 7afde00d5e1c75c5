/**
 * What a server's four-letter words print, gathered from its live state (ZooKeeperServer,
 * ServerStats, ServerCnxn, SessionTracker, DataTree, WatchManager, Leader, QuorumPeer's config).
 * src/cli/fourLetterWords.ts formats a `FourLetterInput` byte for byte as ZooKeeper 3.8.0 does;
 * `fourLetterInputOf` fills one from a `QuorumPeer`.
 *
 * Asking is a read: nothing here changes the peer (no lazy database load, no counters bumped),
 * so a four-letter word never changes the run. The asking connection is a client connection of
 * the server in real ZooKeeper — listed by stat/cons/dump, counted in "Connections:" and its one
 * packet in "Received:" — so it is added to the answer, not to the state.
 *
 * Times: the lab's elapsed clock (Time.currentElapsedTime) is simulated ms; wall-clock values
 * (est=, the dates of dump) are `config.clockOriginMs` + simulated ms.
 *
 * Not modelled (printed as the formatter's defaults): the empty expiry buckets Java's
 * ExpiryQueue keeps until they pass, connections of earlier four-letter words (their packets
 * in Received/Sent too), per-namespace read/write sizes, the leader's per-learner queue
 * summaries, and the JVM / request-pipeline metrics of mntr. Java iterates connections and
 * watchers in identity-hash order; here they come in client-id / registration order.
 */
import { javaHashOrder, javaStringHash } from '../acl/javaString.ts';
import type { QuorumPeer } from '../QuorumPeer.ts';
import type { Sid } from '../types.ts';
import { approxSize } from '../zab/ZKDatabase.ts';
import { dynamicConfig } from '../zab/Zab.ts';
import { CLIENT_IP, type ServerCnxn } from './ZooKeeperServer.ts';
import type { LatencyCounter } from './serverStats.ts';

/** Version.getFullVersion() of Debian's 3.8.0 build (the `${mvngit.commit.id}` is literal). */
export const ZOOKEEPER_VERSION = '3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC';

export const CLIENT_PORT = 2181;
export const QUORUM_PORT = 2888;
export const ELECTION_PORT = 3888;

/** NIOServerCnxnFactory's sessionlessCnxnTimeout: the connection expiry queue's interval (ms). */
export const SESSIONLESS_CNXN_TIMEOUT_MS = 10000;

export type FourLetterRole = 'leader' | 'follower' | 'observer' | 'standalone';

/** What ServerCnxn knows about a session-bearing connection (cons prints it). */
export interface ConnectionSessionInfo {
  sessionId: bigint;
  /** Last operation, as ServerCnxn.getLastOperation: "EXIS", "GETD", "CREA", "NA" … */
  lastOperation: string;
  /** When the session was established (ms since the epoch; `est=`). */
  establishedMs: number;
  /** Negotiated session timeout, ms (`to=`). */
  timeoutMs: number;
  /** Last cxid; omitted from cons when negative. */
  lastCxid: number;
  lastZxid: number;
  /** Last response time (ms since the epoch in real ZooKeeper's Time.currentElapsedTime; `lresp=`). */
  lastResponseMs: number;
  lastLatency: number;
  minLatency: number;
  avgLatency: number;
  maxLatency: number;
}

/** One client connection of the server (NIOServerCnxn). */
export interface FourLetterConnection {
  /** InetSocketAddress.toString(): `/127.0.0.1:47866`. */
  remoteAddress: string;
  /** Selector interest ops: 0 while idle/being served, 1 (OP_READ) for an established session. */
  interestOps: number;
  queued: number;
  received: number;
  sent: number;
  /** Present when the connection has a session (sessionId ≠ 0). */
  session?: ConnectionSessionInfo;
}

/** AvgMinMaxCounter (`s`) / AvgMinMaxPercentileCounter (`p`) contents. */
export interface SummaryValues {
  count: number;
  sum: number;
  min: number;
  max: number;
  p50?: number;
  p95?: number;
  p99?: number;
  p999?: number;
}

export interface ExpiryBucket<T> {
  /** When the bucket expires (ms since the epoch). */
  expireAtMs: number;
  items: T[];
}

export interface FourLetterInput {
  // ---- what the quorum core knows
  sid: Sid;
  role: FourLetterRole;
  /** ZooKeeperServer.isRunning(): false without quorum (and while syncing). */
  serving: boolean;
  /** QuorumPeer.getDetailedPeerState(): "leading - broadcast", "following - broadcast" … */
  peerState: string;
  /** ZKDatabase's lastProcessedZxid (srvr's "Zxid"). */
  zxid: number;
  /** DataTree.getNodeCount(): the root counts twice. */
  nodeCount: number;
  /** Leader: Leader.getProposalStats (last/min/max serialized proposal size; -1 when none). */
  proposalSizes: { last: number; min: number; max: number };
  /** Leader: LearnerHandlers alive, synced followers / observers, pending syncs. */
  learners: number;
  syncedFollowers: number;
  /**
   * Leader.getNonVotingFollowers: synced followers the leader's config does not count as voters
   * (a server started with `lab add voter` before `reconfig -add`): zk_synced_non_voting_followers.
   */
  syncedNonVotingFollowers: number;
  syncedObservers: number;
  pendingSyncs: number;
  /** Observer: the sid it observes (zk_observer_master_id). */
  observerMasterId: number;
  /** Voters in the ensemble (zk_quorum_size). */
  quorumSize: number;
  /** conf: the ensemble's members, `server.N=host:quorumPort:electionPort:participant|observer`. */
  membership: string[];
  conf: FourLetterConf;
  environment: Array<[string, string]>;

  // ---- what the client-session layer knows (ServerCnxnFactory, SessionTracker, WatchManager)
  /** Every client connection, the one asking included, in the order to print them. */
  connections: FourLetterConnection[];
  /** ServerStats: packets received / sent, outstanding requests, request latency min/avg/max (ms). */
  packetsReceived: number;
  packetsSent: number;
  outstandingRequests: number;
  latency: { min: number; avg: number; max: number };
  /** dump, leader: SessionTrackerImpl's expiry buckets of session ids. */
  sessionBuckets: Array<ExpiryBucket<bigint>>;
  /** dump, learners: LearnerSessionTracker's global sessions and their timeouts. */
  globalSessions: Array<{ sessionId: bigint; timeoutMs: number }>;
  /** dump: DataTree.ephemerals, in iteration order. */
  ephemerals: Array<{ sessionId: bigint; paths: string[] }>;
  /** dump: NIOServerCnxnFactory's connection expiry buckets (remote address, session id or 0). */
  connectionBuckets: Array<ExpiryBucket<{ remoteAddress: string; sessionId: bigint }>>;
  /** Data watches (wchs/wchc/wchp), by session and by path, in iteration order. */
  dataWatchesBySession: Array<{ sessionId: bigint; paths: string[] }>;
  dataWatchesByPath: Array<{ path: string; sessionIds: bigint[] }>;
  /** Data + child watches (mntr zk_watch_count). */
  watchCount: number;
  ephemeralsCount: number;
  /** DataTree.approximateDataSize(). */
  approximateDataSize: number;
  /** Sessions the server tracks (zk_global_sessions). */
  globalSessionCount: number;

  // ---- process numbers (mntr only)
  /** ms since the server started (zk_uptime) and since the leader started leading. */
  uptimeMs: number;
  leaderUptimeMs: number;
  /** Per-namespace read/write sizes and the leader's per-learner queue stats (summary sets). */
  readPerNamespace: Array<[string, SummaryValues]>;
  writePerNamespace: Array<[string, SummaryValues]>;
  learnerHandlerQueueSize: Array<[Sid, SummaryValues]>;
  learnerHandlerQueueTimeMs: Array<[Sid, SummaryValues]>;
  /**
   * Any other mntr key (without `zk_`), e.g. `bytes_received_count`, `fsynctime` (a summary):
   * metrics of ZooKeeper's request pipeline and JVM the lab does not model print 0 unless given.
   */
  metrics: Record<string, number | string | SummaryValues>;
}

export interface FourLetterConf {
  clientPort: number;
  secureClientPort: number;
  dataDir: string;
  dataDirSize: number;
  dataLogDir: string;
  dataLogSize: number;
  tickTime: number;
  maxClientCnxns: number;
  minSessionTimeout: number;
  maxSessionTimeout: number;
  clientPortListenBacklog: number;
  initLimit: number;
  syncLimit: number;
  electionAlg: number;
  electionPort: number;
  quorumPort: number;
  /** LearnerType ordinal: 0 participant, 1 observer. */
  peerType: number;
  /** QuorumVerifier version (printed as hex). */
  version: number;
}

/** Environment.list() with the lab's honest values in place of the JVM's and the OS's. */
export function labEnvironment(sid: Sid): Array<[string, string]> {
  return [
    ['zookeeper.version', ZOOKEEPER_VERSION],
    ['host.name', `zk${sid}`],
    ['java.version', 'lab (TypeScript)'],
    ['java.vendor', 'ZooKeeper Lab'],
    ['java.home', '<none>'],
    ['java.class.path', 'zookeeper-lab'],
    ['java.library.path', '<none>'],
    ['java.io.tmpdir', '<none>'],
    ['java.compiler', '<NA>'],
    ['os.name', 'browser'],
    ['os.arch', 'wasm-free'],
    ['os.version', 'simulated'],
    ['user.name', 'zookeeper'],
    ['user.home', '<none>'],
    ['user.dir', '/'],
    ['os.memory.free', '0MB'],
    ['os.memory.max', '0MB'],
    ['os.memory.total', '0MB'],
  ];
}

/** The connection that asks (a `nc zkN 2181` of its own). */
export interface FourLetterAsker {
  /** Its port on the client side: the server sees it as `/127.0.0.1:<port>`. */
  port: number;
}

/** What `lab 4lw` asks from: a port no lab client gets (those are 40000 + client id, i.e. 41001 …). */
export const FOUR_LETTER_ASKER: FourLetterAsker = { port: 40000 };

/** The address a lab client's connection has on the server: deterministic, from its client id. */
export function clientAddress(cid: number): string {
  return `/${CLIENT_IP}:${40000 + cid}`;
}

// ------------------------------------------------------------------ Java iteration orders

/** Buckets of a HashMap (resize when size > 0.75 × table) or ConcurrentHashMap (when size ≥ 0.75 × table). */
function tableSize(entries: number, concurrent: boolean): number {
  let n = 16;
  while (concurrent ? entries >= n * 0.75 : entries > n * 0.75) n *= 2;
  return n;
}

/** Long.hashCode. */
function longHash(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, u ^ (u >> 32n)));
}

function stringHashOrder(items: readonly string[]): string[] {
  return javaHashOrder(items, javaStringHash, tableSize(items.length, false));
}

// ------------------------------------------------------------------ the input

function roleOf(peer: QuorumPeer): FourLetterRole {
  switch (peer.state) {
    case 'LEADING': return 'leader';
    case 'FOLLOWING': return 'follower';
    case 'OBSERVING': return 'observer';
    default: return 'standalone';
  }
}

/** QuorumPeer.getDetailedPeerState: "<state> - <zab state>", lower case. */
function detailedPeerState(peer: QuorumPeer): string {
  const phase = peer.zab.phase;
  return `${peer.state.toLowerCase()} - ${phase === 'NONE' ? 'election' : phase.toLowerCase()}`;
}

/** ServerCnxn.getMinLatency / getAvgLatency (long division) / getMaxLatency. */
function cnxnLatency(c: LatencyCounter): { min: number; avg: number; max: number } {
  return c.count === 0 ? { min: 0, avg: 0, max: 0 } : { min: c.min, avg: Math.floor(c.total / c.count), max: c.max };
}

/** AvgMinMaxCounter.getMin / getAvg (4 decimals, half up) / getMax. */
function serverLatency(c: LatencyCounter): { min: number; avg: number; max: number } {
  return c.count === 0 ? { min: 0, avg: 0, max: 0 } : { min: c.min, avg: Math.round((c.total / c.count) * 1e4) / 1e4, max: c.max };
}

/** ExpiryQueue.roundToNextInterval. */
function roundToNextInterval(t: number, interval: number): number {
  return (Math.floor(t / interval) + 1) * interval;
}

function connectionOf(peer: QuorumPeer, c: ServerCnxn): FourLetterConnection {
  const conn: FourLetterConnection = {
    remoteAddress: clientAddress(c.cid),
    // Receiving is disabled while the session is being set up (processConnectRequest → disableRecv).
    interestOps: c.connecting ? 0 : 1,
    queued: c.outstanding.length + c.queued.length,
    received: c.packetsReceived,
    sent: c.packetsSent,
  };
  if (c.sessionId !== null && c.sessionId !== 0n) {
    const lat = cnxnLatency(c.stats.latency);
    conn.session = {
      sessionId: c.sessionId,
      lastOperation: c.lastOp,
      establishedMs: peer.config.clockOriginMs + c.established,
      timeoutMs: c.timeOut,
      lastCxid: c.stats.lastCxid,
      lastZxid: c.lastZxid,
      lastResponseMs: c.stats.lastResponse,
      lastLatency: c.stats.lastLatency,
      minLatency: lat.min,
      avgLatency: lat.avg,
      maxLatency: lat.max,
    };
  }
  return conn;
}

/**
 * Every number the four-letter words print, from the server's state at simulated time `now`,
 * as asked over `asker`'s connection. Pure: `peer` is only read.
 */
export function fourLetterInputOf(peer: QuorumPeer, now: number, asker: FourLetterAsker = FOUR_LETTER_ASKER): FourLetterInput {
  const cfg = peer.config;
  const origin = cfg.clockOriginMs;
  const z = peer.zab;
  // Never database(peer): it would load the database, and asking must change nothing.
  const db = z.db;
  const tree = db?.tree ?? null;
  const srv = peer.server;
  const L = z.leader;
  const sid = peer.myid;

  // ---- connections: the clients' (by client id), then the asking one
  const cnxns = Object.values(srv.cnxns).sort((a, b) => a.cid - b.cid);
  const askerAddress = `/${CLIENT_IP}:${asker.port}`;
  const connections = [
    ...cnxns.map((c) => connectionOf(peer, c)),
    { remoteAddress: askerAddress, interestOps: 0, queued: 0, received: 1, sent: 0 },
  ];

  // NIOServerCnxnFactory's expiry queue: touched at every read/write, for the session timeout
  // (sessionlessCnxnTimeout until a session is set up), rounded up to the queue's interval.
  const connectionBuckets = new Map<number, Array<{ remoteAddress: string; sessionId: bigint }>>();
  const addCnxn = (expireAt: number, remoteAddress: string, sessionId: bigint): void => {
    const list = connectionBuckets.get(expireAt) ?? [];
    list.push({ remoteAddress, sessionId });
    connectionBuckets.set(expireAt, list);
  };
  for (const c of cnxns) {
    addCnxn(roundToNextInterval(c.stats.touched + c.timeOut, SESSIONLESS_CNXN_TIMEOUT_MS), clientAddress(c.cid), c.sessionId ?? 0n);
  }
  addCnxn(roundToNextInterval(now + SESSIONLESS_CNXN_TIMEOUT_MS, SESSIONLESS_CNXN_TIMEOUT_MS), askerAddress, 0n);

  // ---- sessions: the leader's tracker (expiry buckets), every server's database (global sessions)
  const sessionBuckets = new Map<number, bigint[]>();
  for (const [id, s] of srv.tracker ?? []) {
    if (s.closing) continue; // expired: taken off the expiry queue
    const list = sessionBuckets.get(s.expiresAt) ?? [];
    list.push(id);
    sessionBuckets.set(s.expiresAt, list);
  }
  const globalSessions = [...(db?.sessions ?? [])].map(([sessionId, timeoutMs]) => ({ sessionId, timeoutMs }));

  // ---- ephemerals: DataTree.ephemerals is a ConcurrentHashMap<Long, HashSet<String>>
  const ephEntries = [...(tree?.ephemerals ?? [])];
  const ephemerals = javaHashOrder(ephEntries, ([id]) => longHash(id), tableSize(ephEntries.length, true))
    .map(([sessionId, set]) => ({ sessionId, paths: [...set.items] }));

  // ---- watches: data watches for wchs/wchc/wchp, data + child for mntr
  const sessionOfConn = new Map<string, bigint>();
  for (const c of cnxns) sessionOfConn.set(c.conn, c.sessionId ?? 0n);
  const dw = srv.watches.dataWatches;
  const dataWatchesBySession = [...dw.watch2Paths].map(([conn, paths]) => ({
    sessionId: sessionOfConn.get(conn) ?? 0n,
    paths: stringHashOrder([...paths]),
  }));
  const byPath = [...dw.watchTable].map(([path, conns]) => ({ path, sessionIds: conns.map((c) => sessionOfConn.get(c) ?? 0n) }));
  const dataWatchesByPath = javaHashOrder(byPath, (e) => javaStringHash(e.path), tableSize(byPath.length, false));
  let watchCount = 0;
  for (const t of [srv.watches.dataWatches, srv.watches.childWatches]) for (const list of t.watchTable.values()) watchCount += list.length;

  // ---- the tree
  let approximateDataSize = 0;
  for (const [path, node] of tree?.nodes ?? []) approximateDataSize += path.length + (node.data?.length ?? 0);
  // DataTree.nodes holds the root a second time, as "".
  approximateDataSize += tree?.nodes.get('/')?.data?.length ?? 0;
  const ephemeralsCount = ephemerals.reduce((n, e) => n + e.paths.length, 0);

  // ---- outstanding requests: this server's clients' requests not yet answered
  let outstandingRequests = z.clientPending.length;
  for (const c of cnxns) outstandingRequests += c.outstanding.length + c.queued.length;

  // ---- leader
  const handlers = L ? Object.values(L.handlers) : [];
  const pendingSyncs = L ? new Set(L.pendingSyncs.filter((s) => s.origin !== sid).map((s) => s.after)).size : 0;

  // ---- conf
  const configLines = dynamicConfig(cfg).split('\n');
  const versionLine = configLines.find((l) => l.startsWith('version=')) ?? 'version=0';
  const dataDir = `/var/lib/zookeeper/zk${sid}/version-2`;
  // dataDir and dataLogDir are one directory: its size is the snapshot's plus the log's.
  const dirSize = (peer.disk.snapshot === null ? 0 : approxSize(peer.disk.snapshot)) + peer.disk.log.reduce((n, t) => n + approxSize(t.txn) + 32, 0);

  return {
    sid,
    role: roleOf(peer),
    serving: z.serving,
    peerState: detailedPeerState(peer),
    zxid: tree?.lastProcessedZxid ?? 0,
    nodeCount: tree ? tree.nodes.size + 1 : 0,
    proposalSizes: { ...srv.stats.proposalSizes },
    learners: handlers.length,
    syncedFollowers: handlers.filter((h) => h.forwarding && h.learnerType === 'PARTICIPANT').length,
    syncedNonVotingFollowers: handlers.filter((h) => h.forwarding && h.learnerType === 'PARTICIPANT' && !cfg.voters.includes(h.sid)).length,
    syncedObservers: handlers.filter((h) => h.forwarding && h.learnerType === 'OBSERVER').length,
    pendingSyncs,
    observerMasterId: z.leaderSid ?? -1,
    quorumSize: cfg.voters.length,
    membership: configLines.filter((l) => l.startsWith('server.')),
    conf: {
      clientPort: CLIENT_PORT,
      secureClientPort: -1,
      dataDir,
      dataDirSize: dirSize,
      dataLogDir: dataDir,
      dataLogSize: dirSize,
      tickTime: cfg.tickTime,
      maxClientCnxns: 60,
      minSessionTimeout: 2 * cfg.tickTime,
      maxSessionTimeout: 20 * cfg.tickTime,
      clientPortListenBacklog: -1,
      initLimit: cfg.initLimit,
      syncLimit: cfg.syncLimit,
      electionAlg: 3,
      electionPort: ELECTION_PORT,
      quorumPort: QUORUM_PORT,
      peerType: peer.learnerType === 'OBSERVER' ? 1 : 0,
      version: parseInt(versionLine.slice('version='.length), 16) || 0,
    },
    environment: labEnvironment(sid),
    connections,
    // The asking connection's own packet is already counted; its answer is not sent yet.
    packetsReceived: srv.packetsReceived + 1,
    packetsSent: srv.packetsSent,
    outstandingRequests,
    latency: serverLatency(srv.stats.latency),
    sessionBuckets: [...sessionBuckets].map(([t, items]) => ({ expireAtMs: origin + t, items })),
    globalSessions,
    ephemerals,
    connectionBuckets: [...connectionBuckets].map(([t, items]) => ({ expireAtMs: origin + t, items })),
    dataWatchesBySession,
    dataWatchesByPath,
    watchCount,
    ephemeralsCount,
    approximateDataSize,
    globalSessionCount: db?.sessions.size ?? 0,
    uptimeMs: now - srv.stats.startedAt,
    leaderUptimeMs: srv.stats.leaderStartedAt === null ? 0 : now - srv.stats.leaderStartedAt,
    readPerNamespace: [],
    writePerNamespace: [],
    learnerHandlerQueueSize: [],
    learnerHandlerQueueTimeMs: [],
    metrics: {},
  };
}
