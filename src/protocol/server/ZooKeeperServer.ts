/**
 * The client side of a server (ZooKeeperServer, ServerCnxn, FinalRequestProcessor's replies,
 * the leader's SessionTracker): client connections, sessions, reads answered from this server's
 * own tree, writes handed to ZAB, watches fired when a txn is applied here — the event before the
 * reply that follows it (ZooKeeper 3.8 "Ordering", §4 Sessions).
 */
import { addAuthInfo, handleAuthentication, initialAuthInfo, type Id } from '../acl/acl.ts';
import { zkLog } from '../zkLog.ts';
import {
  exists as existsRead, getACL as getAclRead, getAllChildrenNumberRequest, getChildren as getChildrenRead,
  getData as getDataRead, getEphemeralsRequest, whoAmI as whoAmIRead, type ReadResult,
} from '../datatree/FinalRequestProcessor.ts';
import { Code } from '../datatree/KeeperException.ts';
import type { ProcessTxnResult, Request, Txn } from '../datatree/types.ts';
import { getContainerCandidates } from '../datatree/DataTree.ts';
import {
  addPersistentWatch, addWatch, createWatchManager, removeConnection, removeWatch, setWatches, triggerWatches,
  type WatchManager,
} from '../watch/WatchManager.ts';
import type { PeerContext, QuorumPeer } from '../QuorumPeer.ts';
import type { LoggedTxn, Sid } from '../types.ts';
import { PING_XID, AUTHPACKET_XID, NOTIFICATION_XID, isWriteOp, type ClientOp, type ClientPacket, type WatchesToSet } from '../client/packets.ts';
import { database, submitToLeader } from '../zab/Zab.ts';
import { addLatency, addProposalSize, lastOpOfRead, lastOpOfTxn, newCnxnStats, newServerStats, proposalSize, type CnxnStats, type ServerStats } from './serverStats.ts';

/** The address every lab client has, as the ip ACL scheme sees it (ZooKeeper 3.8). */
export const CLIENT_IP = '127.0.0.1';

export interface ServerCnxn {
  cid: number;
  /** The WatchManager's name for this connection. */
  conn: string;
  sessionId: bigint | null;
  timeOut: number;
  authInfo: Id[];
  /** Waiting for createSession to commit or for the leader to revalidate the session. */
  connecting: boolean;
  /** xids of this connection's writes (and syncs) submitted and not yet answered. */
  outstanding: number[];
  /** Requests waiting behind this connection's outstanding writes (CommitProcessor keeps session order). */
  queued: Array<{ xid: number; op: ClientOp; at?: number }>;
  /** For `cons`. */
  established: number;
  packetsReceived: number;
  packetsSent: number;
  lastZxid: number;
  lastOp: string;
  /** Response stats and last activity, for `cons` and `dump`. */
  stats: CnxnStats;
  /** Watches the client asked to re-register on reconnect, until the session is revalidated. */
  pendingWatches?: WatchesToSet | null;
}

export interface SessionTracking {
  timeout: number;
  expiresAt: number;
  closing: boolean;
  owner: Sid;
}

export interface ServerSide {
  cnxns: Record<number, ServerCnxn>;
  watches: WatchManager;
  /** The leader's SessionTracker (global sessions); null elsewhere. */
  tracker: Map<bigint, SessionTracking> | null;
  /** A learner's sessions touched since its last PING answer (sessionId → timeout). */
  touched: Map<bigint, number>;
  /** SessionTrackerImpl.nextSessionId. */
  nextSessionId: bigint | null;
  packetsReceived: number;
  packetsSent: number;
  /** ServerStats of this role's ZooKeeperServer (latency, uptime, proposal sizes). */
  stats: ServerStats;
}

export function initialServerSide(): ServerSide {
  return { cnxns: {}, watches: createWatchManager(), tracker: null, touched: new Map(), nextSessionId: null, packetsReceived: 0, packetsSent: 0, stats: newServerStats(0) };
}

/** A role begins with a new ZooKeeperServer, and so with new ServerStats (QuorumPeer.makeLeader/makeFollower/makeObserver). */
export function startServerStats(peer: QuorumPeer, now: number): void {
  peer.server.stats = newServerStats(now);
  peer.server.packetsReceived = 0;
  peer.server.packetsSent = 0;
}

/** Leader.propose measures the serialized proposal (zk_last/min/max_proposal_size). */
export function noteProposal(peer: QuorumPeer, txn: Txn): void {
  addProposalSize(peer.server.stats, proposalSize(txn));
}

/**
 * FinalRequestProcessor.updateStats, just before the response goes out: ServerStats' request
 * latency and the connection's lop / lcxid / lzxid / lresp / latencies.
 */
function updateStats(peer: QuorumPeer, cnxn: ServerCnxn, cxid: number, zxid: number, lastOp: string, arrivedAt: number, now: number): void {
  const latency = now - arrivedAt;
  addLatency(peer.server.stats.latency, latency);
  const st = cnxn.stats;
  if (cxid >= 0) st.lastCxid = cxid;
  cnxn.lastZxid = zxid;
  cnxn.lastOp = lastOp;
  st.lastResponse = now;
  st.lastLatency = latency;
  addLatency(st.latency, latency);
}

/** The arrival time of a request answered now (and forget it). */
function arrivalOf(cnxn: ServerCnxn, xid: number, now: number): number {
  const at = cnxn.stats.arrivals[xid] ?? now;
  delete cnxn.stats.arrivals[xid];
  return at;
}

function send(peer: QuorumPeer, cnxn: ServerCnxn, pkt: ClientPacket, ctx: PeerContext): void {
  cnxn.packetsSent += 1;
  cnxn.stats.touched = ctx.now;
  peer.server.packetsSent += 1;
  ctx.send(cnxn.cid, 'client', pkt);
}

/** Timeout negotiation: clamp to [2, 20] × tickTime (ZooKeeperServer.processConnectRequest). */
export function negotiateTimeout(peer: QuorumPeer, requested: number): number {
  const min = 2 * peer.config.tickTime;
  const max = 20 * peer.config.tickTime;
  return Math.min(Math.max(requested, min), max);
}

/** SessionTrackerImpl.initializeNextSessionId: ((elapsed << 24) >>> 8) | (sid << 56). */
function newSessionId(peer: QuorumPeer, now: number): bigint {
  if (peer.server.nextSessionId === null) {
    const mask = (1n << 64n) - 1n;
    const t = ((BigInt(Math.floor(now)) << 24n) & mask) >> 8n;
    peer.server.nextSessionId = t | (BigInt(peer.myid) << 56n);
  }
  const id = peer.server.nextSessionId;
  peer.server.nextSessionId = id + 1n;
  return BigInt.asIntN(64, id);
}

function roundUp(peer: QuorumPeer, t: number): number {
  const tick = peer.config.tickTime;
  return Math.ceil(t / tick) * tick;
}

/** Someone used the session: push its expiry out (leader), or remember to tell the leader (learner). */
export function touchSession(peer: QuorumPeer, sessionId: bigint, timeout: number, now: number): void {
  const tr = peer.server.tracker;
  if (tr) {
    const s = tr.get(sessionId);
    if (s && !s.closing) s.expiresAt = roundUp(peer, now + s.timeout);
  } else {
    peer.server.touched.set(sessionId, timeout);
  }
}

/** The leader starts serving: its session tracker begins with every session of the database. */
export function startSessionTracker(peer: QuorumPeer, ctx: PeerContext): void {
  const tr = new Map<bigint, SessionTracking>();
  for (const [id, timeout] of database(peer).sessions) tr.set(id, { timeout, expiresAt: roundUp(peer, ctx.now + timeout), closing: false, owner: peer.myid });
  peer.server.tracker = tr;
  peer.server.stats.leaderStartedAt = ctx.now;
  ctx.setTimer('session.expire', peer.config.tickTime);
  ctx.setTimer('container.check', peer.config.containerCheckIntervalMs);
}

/**
 * ContainerManager (leader only): every checkIntervalMs, empty containers that once had a child
 * and TTL nodes unmodified for longer than their TTL are deleted by deleteContainer requests
 * (ZooKeeper 3.8 "Container nodes", "TTL nodes").
 */
export function onContainerTimer(peer: QuorumPeer, ctx: PeerContext): void {
  if (!peer.zab.leader || !peer.zab.serving) return;
  const db = database(peer);
  for (const path of getContainerCandidates(db.tree, peer.config.clockOriginMs + ctx.now)) {
    submitToLeader(peer, { sessionId: 0n, cxid: 0, request: { type: 'deleteContainer', path }, authInfo: [] }, ctx);
  }
  ctx.setTimer('container.check', peer.config.containerCheckIntervalMs);
}

/** The tracker's thread, once per tick: expired sessions are closed by a closeSession txn. */
export function onSessionTimer(peer: QuorumPeer, ctx: PeerContext): void {
  const tr = peer.server.tracker;
  if (!tr) return;
  for (const [id, s] of tr) {
    if (s.closing || s.expiresAt > ctx.now) continue;
    s.closing = true;
    ctx.event({ kind: 'zab', log: zkLog('expiring', { session: `0x${BigInt.asUintN(64, id).toString(16)}`, ms: s.timeout }) });
    submitToLeader(peer, { sessionId: id, cxid: 0, request: { type: 'closeSession' }, authInfo: [] }, ctx);
  }
  ctx.setTimer('session.expire', peer.config.tickTime);
}

/** A learner's PING answer: the sessions it saw. */
export function takeTouchedSessions(peer: QuorumPeer): Array<[bigint, number]> {
  const list = [...peer.server.touched];
  peer.server.touched.clear();
  return list;
}

/** The leader hears about sessions a learner saw (PING) or forwards a request for (REQUEST). */
export function leaderTouch(peer: QuorumPeer, sessions: Array<[bigint, number]>, now: number): void {
  for (const [id, timeout] of sessions) touchSession(peer, id, timeout, now);
}

/** REVALIDATE on the leader: is the session alive? It now belongs to the asking server. */
export function revalidate(peer: QuorumPeer, sessionId: bigint, owner: Sid, now: number): boolean {
  const s = peer.server.tracker?.get(sessionId);
  if (!s || s.closing) return false;
  s.owner = owner;
  s.expiresAt = roundUp(peer, now + s.timeout);
  return true;
}

// --------------------------------------------------------------------------- connections

export function onClientPacket(peer: QuorumPeer, cid: number, pkt: ClientPacket, ctx: PeerContext): void {
  peer.server.packetsReceived += 1;
  if (pkt.type === 'ConnectRequest') {
    onConnect(peer, cid, pkt, ctx);
    return;
  }
  const cnxn = peer.server.cnxns[cid];
  if (!cnxn || pkt.type !== 'Request') return;
  if (peer.zab.error !== null) {
    // NIOServerCnxn: "ZooKeeperServer not running" (state ERROR) closes the connection.
    closeCnxn(peer, cnxn, ctx);
    return;
  }
  cnxn.packetsReceived += 1;
  cnxn.stats.touched = ctx.now;
  if (requestSize(pkt.op) > peer.config.juteMaxBuffer) {
    // "Len error …, is greater than jute.maxbuffer": the server closes the connection.
    ctx.event({ kind: 'zab', log: zkLog('lenError', { len: requestSize(pkt.op), max: peer.config.juteMaxBuffer, c: cid }) });
    closeCnxn(peer, cnxn, ctx);
    return;
  }
  if (cnxn.connecting || cnxn.sessionId === null) return;
  touchSession(peer, cnxn.sessionId, cnxn.timeOut, ctx.now);
  if (pkt.xid === PING_XID) {
    updateStats(peer, cnxn, PING_XID, database(peer).tree.lastProcessedZxid, 'PING', ctx.now, ctx.now);
    send(peer, cnxn, { type: 'Reply', xid: PING_XID, zxid: database(peer).tree.lastProcessedZxid, err: 0 }, ctx);
    return;
  }
  if (cnxn.outstanding.length > 0 && !isWriteOp(pkt.op) && pkt.op.op !== 'sync') {
    cnxn.queued.push({ xid: pkt.xid, op: pkt.op, at: ctx.now });
    return;
  }
  handleRequest(peer, cnxn, pkt.xid, pkt.op, ctx);
}

function onConnect(peer: QuorumPeer, cid: number, pkt: Extract<ClientPacket, { type: 'ConnectRequest' }>, ctx: PeerContext): void {
  if (!peer.zab.serving) {
    // "ZooKeeperServer not running": the connection is closed at once.
    ctx.disconnect(cid, 'client');
    return;
  }
  // ZooKeeperServer.processConnectRequest: a client that has seen a newer zxid than this server
  // must not read older state here — refused, it tries its next server (CLIENT_ZXID_AHEAD).
  // (The lab numbers clients from 1001: c1 is 1001.)
  const lastProcessed = database(peer).tree.lastProcessedZxid;
  if (pkt.lastZxidSeen > lastProcessed) {
    ctx.event({ kind: 'zab', log: zkLog('refusingSession', { c: `c${cid - 1000}`, seen: `0x${pkt.lastZxidSeen.toString(16)}`, last: `0x${lastProcessed.toString(16)}` }) });
    ctx.disconnect(cid, 'client');
    return;
  }
  const timeOut = negotiateTimeout(peer, pkt.timeOut);
  const cnxn: ServerCnxn = {
    cid, conn: `c${cid}`, sessionId: null, timeOut, authInfo: initialAuthInfo(CLIENT_IP), connecting: true,
    outstanding: [], queued: [], established: ctx.now, packetsReceived: 1, packetsSent: 0, lastZxid: -1, lastOp: 'NA',
    stats: newCnxnStats(ctx.now),
  };
  peer.server.cnxns[cid] = cnxn;
  if (pkt.sessionId === 0n) {
    const sessionId = newSessionId(peer, ctx.now);
    cnxn.sessionId = sessionId;
    submitToLeader(peer, { sessionId, cxid: 0, request: { type: 'createSession', timeOut }, authInfo: [] }, ctx);
    return;
  }
  cnxn.sessionId = pkt.sessionId;
  cnxn.pendingWatches = pkt.watches;
  if (peer.zab.leader) {
    finishSessionInit(peer, cnxn, revalidate(peer, pkt.sessionId, peer.myid, ctx.now), ctx);
  } else if (peer.zab.learner) {
    ctx.send(peer.zab.learner.leaderSid, 'quorum', { type: 'REVALIDATE', zxid: 0, revalidate: { sessionId: pkt.sessionId, timeout: timeOut } });
  }
}

/** The leader's answer to REVALIDATE, on a learner. */
export function onRevalidated(peer: QuorumPeer, sessionId: bigint, valid: boolean, ctx: PeerContext): void {
  for (const cnxn of Object.values(peer.server.cnxns)) {
    if (cnxn.connecting && cnxn.sessionId === sessionId) finishSessionInit(peer, cnxn, valid, ctx);
  }
}

/** ZooKeeperServer.finishSessionInit: answer the ConnectRequest; an invalid session gets timeOut 0. */
function finishSessionInit(peer: QuorumPeer, cnxn: ServerCnxn, valid: boolean, ctx: PeerContext): void {
  cnxn.connecting = false;
  if (!valid || cnxn.sessionId === null) {
    send(peer, cnxn, { type: 'ConnectResponse', timeOut: 0, sessionId: 0n }, ctx);
    closeCnxn(peer, cnxn, ctx);
    return;
  }
  send(peer, cnxn, { type: 'ConnectResponse', timeOut: cnxn.timeOut, sessionId: cnxn.sessionId }, ctx);
  const w = cnxn.pendingWatches;
  delete cnxn.pendingWatches;
  if (w) {
    const db = database(peer);
    const fired = setWatches(peer.server.watches, db.tree, {
      relativeZxid: w.relativeZxid, dataWatches: w.data, existWatches: w.exist, childWatches: w.child,
      persistentWatches: w.persistent, persistentRecursiveWatches: w.persistentRecursive,
    }, cnxn.conn);
    for (const n of fired) send(peer, cnxn, { type: 'WatcherEvent', eventType: n.type, path: n.path }, ctx);
  }
}

export function onClientConnectionLost(peer: QuorumPeer, cid: number): void {
  const cnxn = peer.server.cnxns[cid];
  if (!cnxn) return;
  removeConnection(peer.server.watches, cnxn.conn);
  delete peer.server.cnxns[cid];
}

function closeCnxn(peer: QuorumPeer, cnxn: ServerCnxn, ctx: PeerContext): void {
  removeConnection(peer.server.watches, cnxn.conn);
  delete peer.server.cnxns[cnxn.cid];
  ctx.disconnect(cnxn.cid, 'client');
}

/** The server leaves BROADCAST: every client connection is closed (clients see Disconnected). */
export function closeAllConnections(peer: QuorumPeer, ctx: PeerContext): void {
  for (const cnxn of Object.values(peer.server.cnxns)) ctx.disconnect(cnxn.cid, 'client');
  peer.server.cnxns = {};
  peer.server.watches = createWatchManager();
  peer.server.tracker = null;
  peer.server.touched.clear();
}

// --------------------------------------------------------------------------- requests

/** Roughly what the request's serialized packet weighs: its data plus path and header. */
function requestSize(op: ClientOp): number {
  const data = 'data' in op && op.data ? op.data.length : 0;
  const path = 'path' in op && typeof op.path === 'string' ? op.path.length : 0;
  const multi = op.op === 'multi' ? op.ops.reduce((n, o) => n + ('data' in o && o.data ? o.data.length : 0) + o.path.length + 16, 0) : 0;
  return 4 + 4 + 4 + path + 4 + data + multi + 32;
}

function toRequest(op: ClientOp): Request | { type: 'sync'; path: string } | null {
  switch (op.op) {
    case 'create':
      return { type: 'create', path: op.path, data: op.data, acl: op.acl, mode: op.mode, ...(op.ttl > 0 ? { ttl: op.ttl } : {}) };
    case 'delete':
      return { type: 'delete', path: op.path, version: op.version };
    case 'setData':
      return { type: 'setData', path: op.path, data: op.data, version: op.version };
    case 'setACL':
      return { type: 'setACL', path: op.path, acl: op.acl, version: op.version };
    case 'multi':
      return { type: 'multi', ops: op.ops };
    case 'closeSession':
      return { type: 'closeSession' };
    case 'reconfig':
      // ReconfigRequest (ZooKeeperAdmin.reconfigure); disabled by default in 3.8 (an error txn).
      return { type: 'reconfig', joiningServers: op.joiningServers ?? null, leavingServers: op.leavingServers ?? null, newMembers: op.newMembers ?? null, curConfigId: op.curConfigId ?? -1 };
    case 'sync':
      return { type: 'sync', path: op.path };
    default:
      return null;
  }
}

function handleRequest(peer: QuorumPeer, cnxn: ServerCnxn, xid: number, op: ClientOp, ctx: PeerContext, arrivedAt = ctx.now): void {
  const sessionId = cnxn.sessionId as bigint;
  const req = toRequest(op);
  if (req) {
    cnxn.outstanding.push(xid);
    cnxn.stats.arrivals[xid] = arrivedAt;
    submitToLeader(peer, { sessionId, cxid: xid, request: req, authInfo: cnxn.authInfo }, ctx);
    return;
  }
  const db = database(peer);
  const reply = (r: ReadResult<unknown>): void => {
    if (r.watch) addWatch(peer.server.watches, r.watch.table, r.watch.path, cnxn.conn);
    updateStats(peer, cnxn, xid, db.tree.lastProcessedZxid, lastOpOfRead(op.op), arrivedAt, ctx.now);
    send(peer, cnxn, r.ok ? { type: 'Reply', xid, zxid: db.tree.lastProcessedZxid, err: 0, result: r.value } : { type: 'Reply', xid, zxid: db.tree.lastProcessedZxid, err: r.code }, ctx);
  };
  switch (op.op) {
    case 'getData':
      return reply(getDataRead(db.tree, op.path, cnxn.authInfo, op.watch));
    case 'getConfig':
      return reply(getDataRead(db.tree, '/zookeeper/config', cnxn.authInfo, op.watch));
    case 'exists':
      return reply(existsRead(db.tree, op.path, op.watch));
    case 'getChildren':
      return reply(getChildrenRead(db.tree, op.path, cnxn.authInfo, op.watch));
    case 'getACL':
      return reply(getAclRead(db.tree, op.path, cnxn.authInfo));
    case 'getAllChildrenNumber':
      return reply(getAllChildrenNumberRequest(db.tree, op.path, cnxn.authInfo));
    case 'getEphemerals':
      return reply(getEphemeralsRequest(db.tree, sessionId, op.prefixPath));
    case 'whoAmI':
      return reply(whoAmIRead(cnxn.authInfo));
    case 'addWatch':
      addPersistentWatch(peer.server.watches, op.path, cnxn.conn, op.mode);
      return reply({ ok: true, value: null });
    case 'removeWatches': {
      const removed = removeWatch(peer.server.watches, op.path, op.type, cnxn.conn);
      return reply(removed ? { ok: true, value: null } : { ok: false, code: Code.NOWATCHER });
    }
    case 'auth': {
      const text = op.auth === null ? null : new TextDecoder().decode(op.auth);
      const ids = handleAuthentication(op.scheme, text, CLIENT_IP, { superDigest: peer.config.superDigest ?? null });
      if (ids === null) {
        // AUTHFAILED, then the server closes the connection.
        send(peer, cnxn, { type: 'Reply', xid: AUTHPACKET_XID, zxid: db.tree.lastProcessedZxid, err: Code.AUTHFAILED }, ctx);
        closeCnxn(peer, cnxn, ctx);
        return;
      }
      cnxn.authInfo = addAuthInfo(cnxn.authInfo, ids);
      send(peer, cnxn, { type: 'Reply', xid: AUTHPACKET_XID, zxid: db.tree.lastProcessedZxid, err: 0 }, ctx);
      return;
    }
    default:
      return;
  }
}

/**
 * A txn was applied on this server: fire this server's watches (events first), answer the
 * client that sent it if it is connected here, finish a pending connect, and close the
 * connections of a session that ended.
 */
export function onApplied(peer: QuorumPeer, t: LoggedTxn, result: ProcessTxnResult, ctx: PeerContext): boolean {
  const txn = t.txn as Txn;
  const multi = result.multiResult;
  const all = multi ? [...result.triggers, ...multi.flatMap((r) => r.triggers)] : result.triggers;
  const notices = triggerWatches(peer.server.watches, all);
  // Every server applies every txn; most have no watch it fires (no connection map to build then).
  if (notices.length > 0) {
    const byConn = new Map<string, ServerCnxn>();
    for (const c of Object.values(peer.server.cnxns)) byConn.set(c.conn, c);
    for (const n of notices) {
      const c = byConn.get(n.conn);
      if (c) send(peer, c, { type: 'WatcherEvent', eventType: n.type, path: n.path }, ctx);
    }
  }
  const tr = peer.server.tracker;
  if (tr && txn.record.type === 'createSession') {
    tr.set(txn.clientId, { timeout: txn.record.timeOut, expiresAt: roundUp(peer, ctx.now + txn.record.timeOut), closing: false, owner: peer.myid });
  }
  if (tr && txn.record.type === 'closeSession') tr.delete(txn.clientId);
  let answered = false;
  for (const c of Object.values(peer.server.cnxns)) {
    if (c.sessionId !== txn.clientId) continue;
    if (txn.record.type === 'createSession' && c.connecting) {
      updateStats(peer, c, txn.cxid, t.zxid, 'SESS', c.established, ctx.now);
      finishSessionInit(peer, c, true, ctx);
      answered = true;
      continue;
    }
    const i = c.outstanding.indexOf(txn.cxid);
    if (i >= 0) {
      c.outstanding.splice(i, 1);
      // FinalRequestProcessor, OpCode.reconfig: lastOp = "RECO"
      const lastOp = txn.record.type === 'setData' && txn.record.reconfig === true ? 'RECO' : lastOpOfTxn(txn.record.type);
      updateStats(peer, c, txn.cxid, t.zxid, lastOp, arrivalOf(c, txn.cxid, ctx.now), ctx.now);
      // FinalRequestProcessor, OpCode.reconfig: GetDataResponse(the active QuorumVerifier's text, stat)
      const reply = txn.record.type === 'setData' && txn.record.reconfig === true && result.err === 0
        ? { ...result, data: txn.record.data } : result;
      send(peer, c, { type: 'Reply', xid: txn.cxid, zxid: t.zxid, err: result.err, result: reply }, ctx);
      answered = true;
    }
    if (txn.record.type === 'closeSession') closeCnxn(peer, c, ctx);
    else flushQueued(peer, c, ctx);
  }
  return answered;
}

/** sync's answer (Leader.processSync → SYNC → the learner's CommitProcessor): reply in order. */
export function onSyncDone(peer: QuorumPeer, sessionId: bigint, xid: number, ctx: PeerContext): boolean {
  // FinalRequestProcessor: every reply header carries this server's last processed zxid — for a
  // sync too, the zxid up to which this server has now caught up (not the leader's).
  const zxid = database(peer).tree.lastProcessedZxid;
  for (const c of Object.values(peer.server.cnxns)) {
    if (c.sessionId !== sessionId) continue;
    const i = c.outstanding.indexOf(xid);
    if (i < 0) continue;
    c.outstanding.splice(i, 1);
    updateStats(peer, c, xid, zxid, 'SYNC', arrivalOf(c, xid, ctx.now), ctx.now);
    send(peer, c, { type: 'Reply', xid, zxid, err: 0 }, ctx);
    flushQueued(peer, c, ctx);
    return true;
  }
  return false;
}

function flushQueued(peer: QuorumPeer, c: ServerCnxn, ctx: PeerContext): void {
  while (c.outstanding.length === 0 && c.queued.length > 0 && peer.server.cnxns[c.cid] === c) {
    const next = c.queued.shift()!;
    handleRequest(peer, c, next.xid, next.op, ctx, next.at ?? ctx.now);
  }
}

export { NOTIFICATION_XID };
