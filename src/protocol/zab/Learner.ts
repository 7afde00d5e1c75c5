/**
 * Follower and Observer (Q/Learner.java registerWithLeader / syncWithLeader, Q/Follower.java,
 * Q/Observer.java; ZooKeeper 3.8) as event handlers. The socket read timeout is the
 * `learner.read` timer: initLimit·tickTime until NEWLEADER, syncLimit·tickTime after; any packet
 * from the leader resets it.
 */
import { activateConfig, configFromString, reconfigOf, seeConfig } from './activate.ts';
import { activeConfig, learnerTypeIn, votersOf } from '../quorum/reconfig.ts';
import { setPeerState, type PeerContext, type QuorumPeer } from '../QuorumPeer.ts';
import { zkLog, type ZkLogLine } from '../zkLog.ts';
import { hasBug, type LoggedTxn, type Sid } from '../types.ts';
import { epochOf, hex, makeZxid } from '../zxid.ts';
import type { ClientRequest, QuorumPacket } from './packets.ts';
import { loadDatabase, snapshotOf, type Snapshot } from './ZKDatabase.ts';
import { database, dbOptions, deliverCommitted, type SyncMode } from './Zab.ts';
import { onRevalidated, onSyncDone, takeTouchedSessions } from '../server/ZooKeeperServer.ts';

export type LearnerStage = 'CONNECTING' | 'WAIT_SYNC' | 'SYNCING' | 'WAIT_UPTODATE' | 'BROADCAST';

export interface LearnerState {
  leaderSid: Sid;
  stage: LearnerStage;
  /** Connection attempts so far (Learner.connectToLeader tries up to 5). */
  tries: number;
  /** Whether the current connection has carried any packet (else a close means "refused"). */
  gotPacket: boolean;
  newEpoch: number;
  snapshotNeeded: boolean;
  writeToTxnLog: boolean;
  packetsNotLogged: LoggedTxn[];
  packetsCommitted: number[];
  /** Follower in BROADCAST: logged proposals waiting for their COMMIT (FollowerZooKeeperServer.pendingTxns). */
  pendingTxns: LoggedTxn[];
  syncMode: SyncMode | null;
  /** NEWLEADER's dynamic config (reconfigEnabled), activated at UPTODATE (Learner.syncWithLeader). */
  newLeaderConfig?: string;
  /** Txns that came as COMMITANDACTIVATE / INFORMANDACTIVATE during the sync: zxid → designated leader (-1: none). */
  activations?: Record<number, number>;
  /** BUG SWITCH applyBeforeLogging: txns applied at NEWLEADER whose log write was put off. */
  logLater?: LoggedTxn[];
}

function S(peer: QuorumPeer): LearnerState {
  const s = peer.zab.learner;
  if (!s) throw new Error('not a learner');
  return s;
}

function isObserver(peer: QuorumPeer): boolean {
  return peer.learnerType === 'OBSERVER';
}

function readTimeoutMs(peer: QuorumPeer): number {
  const s = S(peer);
  const ticks = s.stage === 'WAIT_UPTODATE' || s.stage === 'BROADCAST' ? peer.config.syncLimit : peer.config.initLimit;
  return ticks * peer.config.tickTime;
}

/** followLeader / observeLeader: connect and register (FOLLOWERINFO or OBSERVERINFO). */
export function learnerStart(peer: QuorumPeer, ctx: PeerContext): void {
  const leaderSid = peer.currentVote.id;
  peer.zab.phase = 'DISCOVERY';
  peer.zab.leaderSid = leaderSid;
  peer.zab.learner = {
    leaderSid, stage: 'CONNECTING', tries: 0, gotPacket: false, newEpoch: -1, snapshotNeeded: true,
    writeToTxnLog: false, packetsNotLogged: [], packetsCommitted: [], pendingTxns: [], syncMode: null,
  };
  connect(peer, ctx);
}

function connect(peer: QuorumPeer, ctx: PeerContext): void {
  const s = S(peer);
  s.gotPacket = false;
  s.stage = 'CONNECTING';
  ctx.send(s.leaderSid, 'quorum', {
    type: isObserver(peer) ? 'OBSERVERINFO' : 'FOLLOWERINFO',
    zxid: makeZxid(peer.disk.acceptedEpoch, 0),
    learnerInfo: { sid: peer.myid, protocolVersion: 0x10000, configVersion: 0 },
  }, true);
  ctx.setTimer('learner.read', readTimeoutMs(peer));
}

export function learnerOnConnectionLost(peer: QuorumPeer, ctx: PeerContext): void {
  const s = S(peer);
  if (!s.gotPacket && s.stage === 'CONNECTING' && s.tries < 4) {
    // Connection refused: the leader is not listening yet. Retry after a pause.
    s.tries += 1;
    ctx.cancelTimer('learner.read');
    ctx.setTimer('learner.connect', peer.config.leaderConnectDelayDuringRetryMs);
    return;
  }
  setPeerState(peer, 'LOOKING', ctx, zkLog(s.gotPacket ? 'closedByLeader' : 'connectFailed'));
}

export function learnerShutdown(peer: QuorumPeer, ctx: PeerContext): void {
  const s = peer.zab.learner;
  if (!s) return;
  ctx.disconnect(s.leaderSid, 'quorum');
}

export function learnerOnTimer(peer: QuorumPeer, name: string, ctx: PeerContext): void {
  if (name === 'learner.connect') {
    connect(peer, ctx);
    return;
  }
  if (name === 'learner.read') {
    setPeerState(peer, 'LOOKING', ctx, zkLog('readTimeout'));
  }
}

/** A client write on a learner: forward it to the leader as REQUEST. */
export function learnerSubmit(peer: QuorumPeer, req: ClientRequest, ctx: PeerContext): boolean {
  const s = S(peer);
  if (s.stage !== 'BROADCAST') return false;
  ctx.send(s.leaderSid, 'quorum', { type: 'REQUEST', zxid: 0, request: req });
  return true;
}

function fail(peer: QuorumPeer, ctx: PeerContext, reason: ZkLogLine): void {
  setPeerState(peer, 'LOOKING', ctx, reason);
}

export function learnerOnPacket(peer: QuorumPeer, p: QuorumPacket, ctx: PeerContext): void {
  // Follower.followLeader's `while (this.isRunning()) { readPacket; processPacket }`: the
  // CommitProcessor died while this thread waited for a packet; that packet is processed, then
  // the loop ends.
  const wasRunning = peer.zab.error === null;
  onPacket(peer, p, ctx);
  if (wasRunning && peer.zab.error !== null) return; // died of this packet: the loop checks before the next one
  if (peer.zab.error !== null && peer.zab.learner) setPeerState(peer, 'LOOKING', ctx, zkLog('serverInError'));
}

function onPacket(peer: QuorumPeer, p: QuorumPacket, ctx: PeerContext): void {
  const s = S(peer);
  s.gotPacket = true;
  ctx.setTimer('learner.read', readTimeoutMs(peer));
  switch (s.stage) {
    case 'CONNECTING':
      if (p.type !== 'LEADERINFO') return fail(peer, ctx, zkLog('firstNotLeaderInfo', { type: p.type }));
      return onLeaderInfo(peer, p, ctx);
    case 'WAIT_SYNC':
      return onSyncMode(peer, p, ctx);
    case 'SYNCING':
    case 'WAIT_UPTODATE':
      return onSyncPacket(peer, p, ctx);
    case 'BROADCAST':
      return onBroadcastPacket(peer, p, ctx);
  }
}

/** registerWithLeader, after LEADERINFO: accept the new epoch and answer ACKEPOCH. */
function onLeaderInfo(peer: QuorumPeer, p: QuorumPacket, ctx: PeerContext): void {
  const s = S(peer);
  const newEpoch = epochOf(p.zxid);
  let wrapped: number;
  if (newEpoch > peer.disk.acceptedEpoch) {
    wrapped = peer.disk.currentEpoch;
    ctx.persist({ op: 'acceptedEpoch', value: newEpoch });
  } else if (newEpoch === peer.disk.acceptedEpoch) {
    wrapped = -1;
  } else {
    return fail(peer, ctx, zkLog('epochBehind', { epoch: newEpoch, accepted: peer.disk.acceptedEpoch }));
  }
  s.newEpoch = newEpoch;
  s.stage = 'WAIT_SYNC';
  peer.zab.phase = 'SYNCHRONIZATION';
  ctx.send(s.leaderSid, 'quorum', { type: 'ACKEPOCH', zxid: database(peer).tree.lastProcessedZxid, epoch: wrapped });
}

/** syncWithLeader: the first packet decides the mode. */
function onSyncMode(peer: QuorumPeer, p: QuorumPacket, ctx: PeerContext): void {
  const s = S(peer);
  const db = database(peer);
  if (p.type === 'DIFF') {
    s.syncMode = 'DIFF';
    s.snapshotNeeded = false;
  } else if (p.type === 'SNAP') {
    s.syncMode = 'SNAP';
    const snap = structuredClone(p.snapshot) as Snapshot;
    db.tree = snap.tree;
    db.sessions = snap.sessions;
    db.tree.lastProcessedZxid = p.zxid;
    db.committedLog = [];
    s.snapshotNeeded = true;
  } else if (p.type === 'TRUNC') {
    s.syncMode = 'TRUNC';
    // ZKDatabase.truncateLog → FileTxnSnapLog.truncateLog → FileTxnLog.truncate: only the txn log
    // is cut; snapshots are not looked at, so the database reloads from the newest snapshot even
    // when its zxid is above the TRUNC point (a learner that SNAP-synced at an epoch's NEWLEADER
    // zxid, then logged proposals that were never committed). Such a snapshot holds only
    // committed txns, all of which the new leader has. Then Learner.syncWithLeader:
    // setlastProcessedZxid(TRUNC's zxid). ("Not able to truncate the log" and the exit are for a
    // failed truncate — no txn log to cut — which the lab's disk never has.)
    ctx.persist({ op: 'truncate', zxid: p.zxid });
    peer.zab.db = loadDatabase(peer.disk, dbOptions(peer));
    peer.zab.db.tree.lastProcessedZxid = p.zxid;
    s.snapshotNeeded = true;
  } else {
    throw new Error(`Got unexpected packet from leader: ${p.type}, exiting ... `);
  }
  s.writeToTxnLog = !s.snapshotNeeded;
  s.stage = 'SYNCING';
  peer.zab.lastSyncMode = s.syncMode;
  ctx.event({ kind: 'zab', log: zkLog('syncing', { s: `zk${s.leaderSid}`, mode: p.type, zxid: hex(p.zxid) }), detail: { mode: p.type } });
}

/**
 * Applies a committed txn. A reconfig txn activates its config only when it came as
 * COMMITANDACTIVATE / INFORMANDACTIVATE (`act`, with the designated leader): Learner.syncWithLeader
 * and Follower/Observer.processPacket call processReconfig for those alone; a reconfig a DIFF
 * carries as PROPOSAL+COMMIT is only data until the NEWLEADER config is activated at UPTODATE.
 */
function applyDirect(peer: QuorumPeer, t: LoggedTxn, ctx: PeerContext, act?: { designatedLeader?: Sid }): void {
  deliverCommitted(peer, t, ctx, act?.designatedLeader, act !== undefined);
}

function onSyncPacket(peer: QuorumPeer, p: QuorumPacket, ctx: PeerContext): void {
  const s = S(peer);
  switch (p.type) {
    case 'PROPOSAL':
      if (p.txn) s.packetsNotLogged.push(p.txn);
      if (p.txn) seeReconfig(peer, p.txn);
      if (s.syncMode === 'TRUNC' && p.txn) s.syncMode = 'TRUNC+DIFF';
      peer.zab.lastSyncMode = s.syncMode;
      return;
    case 'COMMIT':
    case 'COMMITANDACTIVATE': {
      if (p.type === 'COMMITANDACTIVATE') (s.activations ??= {})[p.zxid] = p.designatedLeader ?? -1;
      if (!s.writeToTxnLog) {
        const head = s.packetsNotLogged[0];
        if (head && head.zxid === p.zxid) {
          s.packetsNotLogged.shift();
          applyDirect(peer, head, ctx, actOf(s, head.zxid));
        }
      } else {
        s.packetsCommitted.push(p.zxid);
      }
      return;
    }
    case 'INFORM':
    case 'INFORMANDACTIVATE':
      if (!p.txn) return;
      if (p.type === 'INFORMANDACTIVATE') (s.activations ??= {})[p.zxid] = p.designatedLeader ?? -1;
      if (!s.writeToTxnLog) applyDirect(peer, p.txn, ctx, actOf(s, p.zxid));
      else {
        s.packetsNotLogged.push(p.txn);
        s.packetsCommitted.push(p.zxid);
      }
      return;
    case 'NEWLEADER': {
      if (p.config !== undefined) {
        s.newLeaderConfig = p.config;
        // Learner.syncWithLeader: setLastSeenQuorumVerifier(NEWLEADER's config) — the leader's
        // last seen config replaces this server's, even one it logged and the leader truncated.
        const d = configFromString(p.config);
        if (d.version > activeConfig(peer.config).version) peer.lastSeen = d;
        else delete peer.lastSeen;
      }
      const db = database(peer);
      if (s.snapshotNeeded) {
        ctx.persist({ op: 'snapshot', zxid: db.tree.lastProcessedZxid, snapshot: snapshotOf(db), keepLogAfter: false });
      }
      s.writeToTxnLog = true;
      if (!isObserver(peer)) {
        while (s.packetsCommitted.length > 0) {
          const zxid = s.packetsCommitted.shift() as number;
          const head = s.packetsNotLogged[0];
          if (!head || head.zxid !== zxid) continue;
          s.packetsNotLogged.shift();
          // BUG SWITCH applyBeforeLogging: apply now and log only at UPTODATE — after the ACK
          // below has told the leader they are on disk (correct: log, then apply, then ACK).
          if (hasBug(peer.config, 'applyBeforeLogging')) (s.logLater ??= []).push(head);
          else ctx.persist({ op: 'append', txns: [head] });
          applyDirect(peer, head, ctx, actOf(s, head.zxid));
        }
      }
      ctx.persist({ op: 'currentEpoch', value: s.newEpoch });
      s.stage = 'WAIT_UPTODATE';
      ctx.setTimer('learner.read', readTimeoutMs(peer));
      ctx.send(s.leaderSid, 'quorum', { type: 'ACK', zxid: p.zxid });
      return;
    }
    case 'UPTODATE': {
      if (s.stage !== 'WAIT_UPTODATE') return;
      if (s.newLeaderConfig !== undefined) {
        // Learner.syncWithLeader: processReconfig(newLeaderQV) before the ACK; a config that changes
        // this server's role throws "changes proposed in reconfig" and the server looks for the
        // leader again in its new role (no designated leader: reconfigFlagClear). A new server
        // started as an observer the ensemble's config does not name becomes a non-voting
        // participant: it follows (QuorumPeer.updateLearnerType), as recorded.
        const d = configFromString(s.newLeaderConfig);
        // QuorumPeer.processReconfig(newLeaderQV, null…): a role change, or a leader that is not a
        // voter of the new config (leaderChange; reconfigFlagClear: look for the leader again).
        const newer = d.version > activeConfig(peer.config).version || !peer.config.dynamic;
        // processReconfig: leaderChange = the leader is missing from the previous or the new voters.
        const leaderGone = !peer.config.voters.includes(s.leaderSid) || !votersOf(d).includes(s.leaderSid);
        if (newer && (learnerTypeIn(d, peer.myid, peer.learnerType) !== peer.learnerType || leaderGone)) {
          delete s.newLeaderConfig;
          activateConfig(peer, d, ctx);
          fail(peer, ctx, zkLog(peer.state === 'OBSERVING' ? 'reconfigObserving' : 'reconfigFollowing'));
          return;
        }
      }
      ctx.send(s.leaderSid, 'quorum', { type: 'ACK', zxid: makeZxid(s.newEpoch, 0) });
      s.stage = 'BROADCAST';
      peer.zab.phase = 'BROADCAST';
      peer.zab.serving = true;
      peer.zab.epoch = s.newEpoch;
      peer.currentVote = { ...peer.currentVote, peerEpoch: s.newEpoch };
      ctx.event({ kind: 'zab', log: zkLog('uptodate', { epoch: s.newEpoch }) });
      if (s.newLeaderConfig !== undefined) {
        activateConfig(peer, configFromString(s.newLeaderConfig), ctx);
        delete s.newLeaderConfig;
      }
      if (s.logLater) {
        ctx.persist({ op: 'append', txns: s.logLater });
        delete s.logLater;
      }
      const notLogged = s.packetsNotLogged;
      const committed = s.packetsCommitted;
      s.packetsNotLogged = [];
      s.packetsCommitted = [];
      if (isObserver(peer)) {
        for (const t of notLogged) {
          if (committed[0] !== t.zxid) continue;
          committed.shift();
          ctx.persist({ op: 'append', txns: [t] });
          applyDirect(peer, t, ctx, actOf(s, t.zxid));
        }
      } else {
        for (const t of notLogged) logRequest(peer, t, ctx);
        const acts = s.activations ?? {};
        delete s.activations;
        for (const zxid of committed) commit(peer, zxid, ctx, acts[zxid] === undefined ? undefined : acts[zxid] === -1 ? {} : { designatedLeader: acts[zxid] });
      }
      return;
    }
    case 'PING':
      ping(peer, p, ctx);
      return;
    default:
      return;
  }
}

function actOf(s: LearnerState, zxid: number): { designatedLeader?: Sid } | undefined {
  const d = s.activations?.[zxid];
  return d === undefined ? undefined : d === -1 ? {} : { designatedLeader: d };
}

/** Follower.processPacket / syncWithLeader: a reconfig PROPOSAL's config becomes the last seen one (setLastSeenQuorumVerifier). */
function seeReconfig(peer: QuorumPeer, t: LoggedTxn): void {
  if (!peer.config.reconfigEnabled) return;
  const d = reconfigOf(t);
  if (d) seeConfig(peer, d);
}

/** FollowerZooKeeperServer.logRequest: log, then ACK once it is on disk. */
function logRequest(peer: QuorumPeer, t: LoggedTxn, ctx: PeerContext): void {
  const s = S(peer);
  s.pendingTxns.push(t);
  ctx.persist({ op: 'append', txns: [t] });
  ctx.send(s.leaderSid, 'quorum', { type: 'ACK', zxid: t.zxid });
}

/** FollowerZooKeeperServer.commit: the COMMIT must match the oldest pending txn. */
function commit(peer: QuorumPeer, zxid: number, ctx: PeerContext, act?: { designatedLeader?: Sid }): void {
  const s = S(peer);
  const head = s.pendingTxns[0];
  if (!head) {
    ctx.event({ kind: 'zab', log: zkLog('commitUnseen', { zxid: hex(zxid) }) });
    return;
  }
  if (head.zxid !== zxid) {
    throw new Error(`Committing zxid ${hex(zxid)} but next pending txn ${hex(head.zxid)}`);
  }
  s.pendingTxns.shift();
  applyDirect(peer, head, ctx, act);
}

/** Learner.ping: answer with the sessions this server touched. */
function ping(peer: QuorumPeer, _p: QuorumPacket, ctx: PeerContext): void {
  ctx.send(S(peer).leaderSid, 'quorum', { type: 'PING', zxid: database(peer).tree.lastProcessedZxid, sessions: takeTouchedSessions(peer) });
}

function onBroadcastPacket(peer: QuorumPeer, p: QuorumPacket, ctx: PeerContext): void {
  switch (p.type) {
    case 'PROPOSAL':
      // BUG SWITCH countObserverAcks: an observer ACKs the PROPOSAL (correct: it never gets one).
      if (isObserver(peer) && p.txn && hasBug(peer.config, 'countObserverAcks')) {
        ctx.send(S(peer).leaderSid, 'quorum', { type: 'ACK', zxid: p.zxid });
        return;
      }
      if (isObserver(peer) || !p.txn) return;
      seeReconfig(peer, p.txn);
      logRequest(peer, p.txn, ctx);
      return;
    case 'COMMIT':
    case 'COMMITANDACTIVATE':
      if (isObserver(peer)) return;
      commit(peer, p.zxid, ctx, p.type === 'COMMITANDACTIVATE' ? { designatedLeader: p.designatedLeader } : undefined);
      return;
    case 'INFORM':
    case 'INFORMANDACTIVATE':
      if (!isObserver(peer) || !p.txn) return;
      ctx.persist({ op: 'append', txns: [p.txn] });
      applyDirect(peer, p.txn, ctx, p.type === 'INFORMANDACTIVATE' ? { designatedLeader: p.designatedLeader } : undefined);
      return;
    case 'PING':
      ping(peer, p, ctx);
      return;
    case 'SYNC':
      if (p.request && !onSyncDone(peer, p.request.sessionId, p.request.cxid, ctx)) {
        ctx.reply({ sessionId: p.request.sessionId, cxid: p.request.cxid, zxid: database(peer).tree.lastProcessedZxid, err: 0, type: 'sync' });
      }
      return;
    case 'REVALIDATE':
      if (p.revalidate) onRevalidated(peer, p.revalidate.sessionId, p.revalidate.valid === true, ctx);
      return;
    default:
      return;
  }
}
