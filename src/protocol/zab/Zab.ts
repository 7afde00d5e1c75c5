/**
 * Zab 1.0 as ZooKeeper 3.8 implements it (ZooKeeper 3.8): the per-server state the leader and
 * learner code share, and the dispatch from QuorumPeer. Leader.ts holds Leader.lead() and the
 * LearnerHandlers; Learner.ts holds Follower/Observer (registerWithLeader, syncWithLeader,
 * processPacket).
 */
import type { PeerContext, QuorumPeer } from '../QuorumPeer.ts';
import { zkLog } from '../zkLog.ts';
import type { Sid } from '../types.ts';
import { lead, leaderOnConnectionLost, leaderOnPacket, leaderOnTimer, leaderShutdown, leaderSubmit, type LeaderState } from './Leader.ts';
import { learnerOnConnectionLost, learnerOnPacket, learnerOnTimer, learnerShutdown, learnerSubmit, learnerStart, type LearnerState } from './Learner.ts';
import type { ClientRequest, QuorumPacket } from './packets.ts';
import { applyTxn, loadDatabase, type ZKDatabase } from './ZKDatabase.ts';
import { closeAllConnections, onApplied, startServerStats } from '../server/ZooKeeperServer.ts';
import type { ProcessTxnResult } from '../datatree/types.ts';
import { initConfigNode } from '../datatree/DataTree.ts';
import type { LoggedTxn } from '../types.ts';
import { isJavaThrowable } from '../javaThrowable.ts';
import { setPeerState } from '../QuorumPeer.ts';
import { activeConfig, configText } from '../quorum/reconfig.ts';
import { activateConfig, reconfigOf } from './activate.ts';

export type { QuorumPacket, ClientRequest } from './packets.ts';

/** QuorumPeer.ZabState. NONE while LOOKING. */
export type ZabPhase = 'NONE' | 'DISCOVERY' | 'SYNCHRONIZATION' | 'BROADCAST';

/** Learner sync modes (QuorumPeer.SyncMode) plus TRUNC+DIFF as the lab names the combined case. */
export type SyncMode = 'DIFF' | 'TRUNC' | 'SNAP' | 'TRUNC+DIFF';

export interface ZabState {
  phase: ZabPhase;
  /** The in-memory database; null until first needed (loaded from disk). */
  db: ZKDatabase | null;
  leader: LeaderState | null;
  learner: LearnerState | null;
  /** True while the server answers clients (BROADCAST). */
  serving: boolean;
  /** The epoch this server is established in (leader) or synced to (learner), else -1. */
  epoch: number;
  /** The leader this server follows or observes. */
  leaderSid: Sid | null;
  /** The last sync mode this learner went through, and the modes the leader chose per learner. */
  lastSyncMode: SyncMode | null;
  /** Requests of this server's own clients waiting for their txn to be applied here. */
  clientPending: Array<{ sessionId: bigint; cxid: number }>;
  /**
   * ZooKeeperServer.State.ERROR: a critical thread died (the CommitProcessor, of an exception
   * while applying a committed txn): what killed it. The role ends at its next check
   * (Leader.lead()'s tick, the Follower's packet loop).
   */
  error: string | null;
}

export function initialZabState(): ZabState {
  return { phase: 'NONE', db: null, leader: null, learner: null, serving: false, epoch: -1, leaderSid: null, lastSyncMode: null, clientPending: [], error: null };
}

export function dbOptions(peer: QuorumPeer): { commitLogCount: number; extendedTypesEnabled: boolean } {
  return { commitLogCount: peer.config.commitLogCount, extendedTypesEnabled: peer.config.extendedTypesEnabled };
}

/** The database, loaded from disk on first use (ZKDatabase.loadDataBase). */
export function database(peer: QuorumPeer): ZKDatabase {
  if (!peer.zab.db) {
    const db = loadDatabase(peer.disk, dbOptions(peer));
    // QuorumPeer.initConfigInZKDatabase: /zookeeper/config holds the ensemble's dynamic config.
    initConfigNode(db.tree, new TextEncoder().encode(dynamicConfig(peer.config)), activeConfig(peer.config).version, peer.config.clockOriginMs + peer.now);
    peer.zab.db = db;
  }
  return peer.zab.db;
}

/**
 * QuorumVerifier.toString(): one `server.N=host:quorumPort:electionPort:role` line per server, then
 * `version=0`; with reconfigEnabled the 3.5+ form with `;clientHost:clientPort` and the active
 * version (src/protocol/quorum/reconfig.ts).
 */
export function dynamicConfig(config: QuorumPeer['config']): string {
  if (config.reconfigEnabled) return configText(activeConfig(config));
  const line = (sid: number, role: string) => `server.${sid}=zk${sid}:2888:3888:${role}`;
  return [...config.voters.map((s) => line(s, 'participant')), ...config.observers.map((s) => line(s, 'observer')), 'version=0'].join('\n');
}

/** The role chosen by the election begins (QuorumPeer.run: lead / followLeader / observeLeader). */
export function startRole(peer: QuorumPeer, ctx: PeerContext): void {
  database(peer);
  startServerStats(peer, ctx.now);
  if (peer.state === 'LEADING') lead(peer, ctx);
  else learnerStart(peer, ctx);
}

/**
 * The role ends: close its connections and drop the in-memory database, which is reloaded from
 * disk for the next role (ZooKeeperServer.shutdown + loadData). Reloading gives the same tree as
 * keeping it and fast-forwarding it over the rest of the log, as ZooKeeper does — except after a
 * CommitProcessor died mid-txn (`zab.error`): that txn is half applied in memory and a replay
 * from disk would die of it again, so then the database is kept and fast-forwarded
 * (ZKDatabase.fastForwardDataBase: the half-applied create now meets NodeExists). If the
 * fast-forward throws too (a setData, which always gets that far), the server process ends — the
 * exception escapes the step and the host marks the server crashed.
 */
export function stopRole(peer: QuorumPeer, ctx: PeerContext): void {
  closeAllConnections(peer, ctx);
  ctx.cancelTimer('session.expire');
  ctx.cancelTimer('container.check');
  if (peer.zab.leader) leaderShutdown(peer, ctx);
  if (peer.zab.learner) learnerShutdown(peer, ctx);
  for (const name of Object.keys(peer.timers)) if (name.startsWith('leader.') || name.startsWith('learner.')) ctx.cancelTimer(name);
  for (const r of peer.zab.clientPending) ctx.reply({ sessionId: r.sessionId, cxid: r.cxid, zxid: -1, err: -4, type: 'error' });
  const kept = peer.zab.error !== null ? peer.zab.db : null;
  peer.zab = { ...initialZabState(), lastSyncMode: peer.zab.lastSyncMode };
  if (kept) {
    for (const t of peer.disk.log) if (t.zxid > kept.tree.lastProcessedZxid) applyTxn(kept, t, dbOptions(peer));
    peer.zab.db = kept;
  }
}

export function onQuorumPacket(peer: QuorumPeer, from: Sid, p: QuorumPacket, ctx: PeerContext): void {
  if (peer.zab.leader) {
    leaderOnPacket(peer, from, p, ctx);
    return;
  }
  if (peer.zab.learner && from === peer.zab.learner.leaderSid) {
    learnerOnPacket(peer, p, ctx);
    return;
  }
  // Nobody listens on this port for that connection: refuse it.
  ctx.disconnect(from, 'quorum');
}

export function onZabTimer(peer: QuorumPeer, name: string, ctx: PeerContext): void {
  if (name.startsWith('leader.') && peer.zab.leader) leaderOnTimer(peer, name, ctx);
  else if (name.startsWith('learner.') && peer.zab.learner) learnerOnTimer(peer, name, ctx);
}

export function onQuorumConnectionLost(peer: QuorumPeer, sid: Sid, ctx: PeerContext): void {
  if (peer.zab.leader) leaderOnConnectionLost(peer, sid, ctx);
  else if (peer.zab.learner && sid === peer.zab.learner.leaderSid) learnerOnConnectionLost(peer, ctx);
}

/**
 * A client request arriving at this server. Writes go to the leader (forwarded as REQUEST by a
 * learner). Returns false when the server is not serving (the client gets ConnectionLoss).
 */
export function submitRequest(peer: QuorumPeer, req: ClientRequest, ctx: PeerContext): boolean {
  if (!peer.zab.serving) return false;
  // Pending before it is submitted: a leader that commits at once (a one-voter ensemble) applies
  // the txn inside leaderSubmit, and the reply must find the request.
  const pending = req.request.type !== 'sync' ? { sessionId: req.sessionId, cxid: req.cxid } : null;
  if (pending) peer.zab.clientPending.push(pending);
  const ok = peer.zab.leader ? leaderSubmit(peer, req, peer.myid, ctx) : peer.zab.learner ? learnerSubmit(peer, req, ctx) : false;
  if (!ok && pending) {
    const i = peer.zab.clientPending.indexOf(pending);
    if (i >= 0) peer.zab.clientPending.splice(i, 1);
  }
  return ok;
}

/** A request from one of this server's client connections, on its way to the leader. */
export function submitToLeader(peer: QuorumPeer, req: ClientRequest, ctx: PeerContext): boolean {
  if (!peer.zab.serving) return false;
  if (peer.zab.leader) return leaderSubmit(peer, req, peer.myid, ctx);
  if (peer.zab.learner) return learnerSubmit(peer, req, ctx);
  return false;
}

export interface ZabView {
  phase: ZabPhase;
  serving: boolean;
  epoch: number;
  leaderSid: Sid | null;
  /** The DataTree's last processed zxid (what srvr prints as Zxid). */
  lastProcessedZxid: number;
  /** Highest committed zxid this server knows of. */
  lastCommittedZxid: number;
  nodeCount: number;
  lastSyncMode: SyncMode | null;
  /** Leader only: outstanding proposals and who ACKed them. */
  outstanding: Array<{ zxid: number; acks: Sid[] }>;
  /** Leader only: each learner's handler stage and the sync mode chosen for it. */
  learners: Array<{ sid: Sid; stage: string; syncMode: SyncMode | null; synced: boolean }>;
}

/**
 * What the UI and `lab status` show of a server's ZAB state. With `prev` (the same server's last
 * view, see QuorumPeer's peerView): the parts equal to it are its own objects, and an unchanged view is `prev`.
 */
export function zabView(peer: QuorumPeer, prev?: ZabView): ZabView {
  const z = peer.zab;
  const db = z.db;
  const L = z.leader;
  const lastProcessedZxid = db ? db.tree.lastProcessedZxid : 0;
  const lastCommittedZxid = L ? L.lastCommitted : db ? db.tree.lastProcessedZxid : 0;
  const nodeCount = db ? db.tree.nodes.size : 0;
  const outstanding = prev !== undefined && sameOutstanding(prev.outstanding, L) ? prev.outstanding
    : L ? L.outstanding.map((p, i) => (prev !== undefined && sameProposal(prev.outstanding[i], p) ? prev.outstanding[i]! : { zxid: p.zxid, acks: [...p.acks] })) : [];
  const learners = prev !== undefined && sameLearners(prev.learners, L) ? prev.learners
    : L ? Object.values(L.handlers).map((h) => ({ sid: h.sid, stage: h.stage, syncMode: h.syncMode, synced: L.tick <= h.tickOfNextAckDeadline })) : [];
  if (
    prev !== undefined && prev.phase === z.phase && prev.serving === z.serving && prev.epoch === z.epoch &&
    prev.leaderSid === z.leaderSid && prev.lastProcessedZxid === lastProcessedZxid &&
    prev.lastCommittedZxid === lastCommittedZxid && prev.nodeCount === nodeCount &&
    prev.lastSyncMode === z.lastSyncMode && prev.outstanding === outstanding && prev.learners === learners
  ) {
    return prev;
  }
  return {
    phase: z.phase,
    serving: z.serving,
    epoch: z.epoch,
    leaderSid: z.leaderSid,
    lastProcessedZxid,
    lastCommittedZxid,
    nodeCount,
    lastSyncMode: z.lastSyncMode,
    outstanding,
    learners,
  };
}

/** The leader's outstanding proposals (none without a leader) are what `seen` shows. */
function sameOutstanding(seen: ZabView['outstanding'], L: LeaderState | null): boolean {
  const list = L ? L.outstanding : [];
  if (seen.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) if (!sameProposal(seen[i], list[i]!)) return false;
  return true;
}

function sameProposal(a: ZabView['outstanding'][number] | undefined, p: { zxid: number; acks: Sid[] }): boolean {
  if (a === undefined || a.zxid !== p.zxid || a.acks.length !== p.acks.length) return false;
  for (let j = 0; j < p.acks.length; j++) if (a.acks[j] !== p.acks[j]) return false;
  return true;
}

/** The leader's learner handlers (none without a leader), in Object.values order, are what `seen` shows. */
function sameLearners(seen: ZabView['learners'], L: LeaderState | null): boolean {
  if (!L) return seen.length === 0;
  // Object.values, not for-in: for-in spells each numeric key as a string.
  const handlers = Object.values(L.handlers);
  if (handlers.length !== seen.length) return false;
  for (let i = 0; i < handlers.length; i++) {
    const h = handlers[i]!;
    const a = seen[i]!;
    if (a.sid !== h.sid || a.stage !== h.stage || a.syncMode !== h.syncMode || a.synced !== (L.tick <= h.tickOfNextAckDeadline)) return false;
  }
  return true;
}

/** What a server tells its client once a write (or sync) it submitted has been applied. */
export interface ClientReply {
  sessionId: bigint;
  cxid: number;
  zxid: number;
  err: number;
  type: string;
  result?: ProcessTxnResult;
}

/**
 * CommitProcessor + FinalRequestProcessor: apply a committed txn to this server's tree; if one of
 * this server's own clients sent it, answer that client. A Java exception while applying (data in
 * a quota stat node that is not a StatsTrack) kills the CommitProcessor: "Severe unrecoverable
 * error", the server is in state ERROR, applies nothing more and answers nobody; the role ends at
 * its next check (ZooKeeperCriticalThread, ZooKeeperServerListenerImpl).
 */
export function deliverCommitted(peer: QuorumPeer, t: LoggedTxn, ctx: PeerContext, designatedLeader?: Sid, activate = true): ProcessTxnResult | null {
  if (peer.zab.error !== null) return null;
  const db = database(peer);
  let result: ProcessTxnResult;
  try {
    result = applyTxn(db, t, dbOptions(peer));
  } catch (e) {
    if (!isJavaThrowable(e)) throw e;
    peer.zab.error = e.toString();
    peer.zab.serving = false;
    ctx.event({ kind: 'zab', log: zkLog('commitProcessorDied', { sid: peer.myid, error: e.toString() }) });
    return null;
  }
  // Leader.processReconfig / Follower COMMITANDACTIVATE / Observer INFORMANDACTIVATE: the reconfig
  // is activated as it commits, before the client's answer (which carries the new config).
  // Only these activate: applying a reconfig txn otherwise (a learner's sync: DIFF's COMMIT, SNAP) just
  // writes /zookeeper/config; the NEWLEADER config activates at UPTODATE (Learner.syncWithLeader).
  const next = result.err === 0 && activate ? reconfigOf(t) : null;
  const roleChange = next !== null && activateConfig(peer, next, ctx);
  // QuorumPeer.processReconfig → updateVote(designatedLeader): a learner told that another server
  // leads the new config changes its vote.
  let leaderChange = false;
  if (next !== null && designatedLeader !== undefined && peer.state !== 'LEADING' && designatedLeader !== peer.currentVote.id) {
    peer.currentVote = { ...peer.currentVote, id: designatedLeader, zxid: t.zxid };
    leaderChange = true;
  }
  const majorChange = roleChange || leaderChange;
  if (majorChange && (peer.state === 'FOLLOWING' || peer.state === 'OBSERVING')) {
    // Follower COMMITANDACTIVATE: "changes proposed in reconfig" is thrown right after the commit
    // is queued, so the server shuts down before FinalRequestProcessor answers (the client sees
    // ConnectionLoss, as recorded); it comes back in its new role without an election
    // (QuorumPeer.updateServerState with reconfigFlag: LEADING if the vote is its own).
    ctx.event({ kind: 'applied', zxid: t.zxid });
    const i = peer.zab.clientPending.findIndex((r) => r.sessionId === result.clientId && r.cxid === result.cxid);
    if (i >= 0) peer.zab.clientPending.splice(i, 1);
    setPeerState(peer, peer.currentVote.id === peer.myid ? 'LEADING' : peer.learnerType === 'OBSERVER' ? 'OBSERVING' : 'FOLLOWING', ctx);
    return result;
  }
  onApplied(peer, t, result, ctx);
  const i = peer.zab.clientPending.findIndex((r) => r.sessionId === result.clientId && r.cxid === result.cxid);
  if (i >= 0) {
    peer.zab.clientPending.splice(i, 1);
    ctx.reply({ sessionId: result.clientId, cxid: result.cxid, zxid: result.zxid, err: result.err, type: result.type, result });
  }
  ctx.event({ kind: 'applied', zxid: t.zxid });
  return result;
}
