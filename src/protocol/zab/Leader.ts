/**
 * Leader.lead() and the LearnerHandlers (Q/Leader.java, Q/LearnerHandler.java; ZooKeeper 3.8)
 * as event handlers. Each blocking wait of the Java code is a stage plus a timer:
 *
 *   DISCOVERY        getEpochToPropose: a quorum of FOLLOWERINFO (acceptedEpochs) fixes
 *                    newEpoch = max + 1 → LEADERINFO;  waitForEpochAck: a quorum of ACKEPOCH
 *                    (a follower ahead of the leader is refused) → currentEpoch = newEpoch.
 *   SYNCHRONIZATION  per learner syncFollower → DIFF / TRUNC / SNAP (+ PROPOSAL/COMMIT pairs),
 *                    NEWLEADER; waitForNewLeaderAck: a quorum of ACKs → startZkServer.
 *   BROADCAST        UPTODATE; PROPOSAL → ACK quorum → COMMIT / INFORM; PING every tickTime/2;
 *                    "Not sufficient followers synced" → shut down and look again.
 */
import type { Id } from '../acl/acl.ts';
import { zkLog } from '../zkLog.ts';
import { commitPendingChanges, emptyPendingChanges, prepRequest, type PendingChanges } from '../datatree/PrepRequestProcessor.ts';
import type { Txn } from '../datatree/types.ts';
import { QuorumMaj } from '../quorum/QuorumMaj.ts';
import { setPeerState, type PeerContext, type QuorumPeer } from '../QuorumPeer.ts';
import { hasBug, type LoggedTxn, type Sid } from '../types.ts';
import { counterOf, epochOf, makeZxid } from '../zxid.ts';
import type { ClientRequest, QuorumPacket } from './packets.ts';
import { approxSize, snapshotOf } from './ZKDatabase.ts';
import { database, deliverCommitted, type SyncMode } from './Zab.ts';
import { activateConfig, lastSeenConfig, seeConfig } from './activate.ts';
import { activeConfig, configText, prepareReconfig, votersOf, type DynamicConfig } from '../quorum/reconfig.ts';
import type { PrepConfig } from '../datatree/types.ts';
import { leaderTouch, noteProposal, onSyncDone, revalidate, startSessionTracker } from '../server/ZooKeeperServer.ts';

export type HandlerStage =
  | 'WAIT_EPOCH'          // FOLLOWERINFO received, waiting for the epoch quorum
  | 'WAIT_ACKEPOCH'       // LEADERINFO sent
  | 'WAIT_ELECTION'       // ACKEPOCH received, waiting for the epoch-ack quorum
  | 'WAIT_NEWLEADER_ACK'  // sync packets and NEWLEADER sent
  | 'WAIT_STARTUP'        // NEWLEADER acked, leader not yet serving
  | 'RUNNING';            // UPTODATE sent

export interface LearnerHandler {
  sid: Sid;
  learnerType: 'PARTICIPANT' | 'OBSERVER';
  stage: HandlerStage;
  lastAcceptedEpoch: number;
  peerLastZxid: number;
  /** LearnerHandler.tickOfNextAckDeadline: refreshed by every packet from the learner. */
  tickOfNextAckDeadline: number;
  /** In forwardingFollowers / observingLearners: receives new proposals or INFORMs. */
  forwarding: boolean;
  syncMode: SyncMode | null;
  /** SyncLimitCheck: proposals sent and not yet ACKed (zxid, sent at). */
  unacked: Array<[number, number]>;
}

export interface Proposal {
  zxid: number;
  txn: LoggedTxn;
  acks: Sid[];
  /** The server whose client sent the request. */
  origin: Sid;
  /** A reconfig: the new config's voters, whose quorum must ACK too (Proposal.qvAcksetPairs). */
  newVoters?: Sid[];
}

export interface LeaderState {
  epoch: number;
  waitingForNewEpoch: boolean;
  connectingFollowers: Sid[];
  electingFollowers: Sid[];
  electionFinished: boolean;
  newLeaderAcks: Sid[];
  quorumFormed: boolean;
  started: boolean;
  summary: { currentEpoch: number; lastZxid: number };
  handlers: Record<number, LearnerHandler>;
  tick: number;
  tickSkip: boolean;
  /** zk.getZxid(): the last zxid handed out. */
  lastProposed: number;
  lastCommitted: number;
  outstanding: Proposal[];
  pending: PendingChanges;
  /** sync requests waiting for the proposal that was last when they arrived. */
  pendingSyncs: Array<{ req: ClientRequest; origin: Sid; after: number }>;
  /** A reconfig made another server the designated leader: this one commits nothing more (allowedToCommit = false). */
  handOverTo?: Sid;
}

const PROTOCOL_VERSION = 0x10000;

function q(peer: QuorumPeer): QuorumMaj {
  return new QuorumMaj(peer.config.voters);
}

function isParticipant(peer: QuorumPeer, sid: Sid): boolean {
  return peer.config.voters.includes(sid);
}

/**
 * The voters of the last seen config while a reconfig is in flight (its version ahead of the
 * committed one), else null: then Leader.lead's newLeaderProposal and its synced-followers check
 * need a quorum of these as well (Proposal.addQuorumVerifier(self.getLastSeenQuorumVerifier())).
 */
function pendingVoters(peer: QuorumPeer): Sid[] | null {
  if (!peer.config.reconfigEnabled) return null;
  const seen = lastSeenConfig(peer);
  return seen.version > activeConfig(peer.config).version ? votersOf(seen) : null;
}

function L(peer: QuorumPeer): LeaderState {
  const l = peer.zab.leader;
  if (!l) throw new Error('not leading');
  return l;
}

function initLimitMs(peer: QuorumPeer): number {
  return peer.config.initLimit * peer.config.tickTime;
}

/** Leader.lead(): DISCOVERY begins; the leader contributes its own acceptedEpoch. */
export function lead(peer: QuorumPeer, ctx: PeerContext): void {
  const db = database(peer);
  peer.zab.phase = 'DISCOVERY';
  peer.zab.leaderSid = peer.myid;
  peer.zab.leader = {
    epoch: -1,
    waitingForNewEpoch: true,
    connectingFollowers: [],
    electingFollowers: [],
    electionFinished: false,
    newLeaderAcks: [],
    quorumFormed: false,
    started: false,
    summary: { currentEpoch: peer.disk.currentEpoch, lastZxid: db.tree.lastProcessedZxid },
    handlers: {},
    tick: 0,
    tickSkip: true,
    lastProposed: db.tree.lastProcessedZxid,
    lastCommitted: db.tree.lastProcessedZxid,
    outstanding: [],
    pending: emptyPendingChanges(),
    pendingSyncs: [],
  };
  ctx.event({ kind: 'zab', log: zkLog('discovery') });
  ctx.setTimer('leader.epoch', initLimitMs(peer));
  getEpochToPropose(peer, peer.myid, peer.disk.acceptedEpoch, ctx);
}

/** getEpochToPropose: collect acceptedEpochs until a quorum (with the leader) has connected. */
function getEpochToPropose(peer: QuorumPeer, sid: Sid, lastAcceptedEpoch: number, ctx: PeerContext): void {
  const l = L(peer);
  if (!l.waitingForNewEpoch) return;
  if (lastAcceptedEpoch >= l.epoch) l.epoch = lastAcceptedEpoch + 1;
  if (isParticipant(peer, sid) && !l.connectingFollowers.includes(sid)) l.connectingFollowers.push(sid);
  if (l.connectingFollowers.includes(peer.myid) && q(peer).containsQuorum(l.connectingFollowers)) {
    l.waitingForNewEpoch = false;
    ctx.cancelTimer('leader.epoch');
    ctx.persist({ op: 'acceptedEpoch', value: l.epoch });
    l.lastProposed = makeZxid(l.epoch, 0);
    ctx.event({ kind: 'zab', log: zkLog('newEpoch', { epoch: l.epoch, sids: l.connectingFollowers.join(', ') }), detail: { epoch: l.epoch } });
    for (const h of Object.values(l.handlers)) if (h.stage === 'WAIT_EPOCH') sendLeaderInfo(peer, h, ctx);
    // The leader's own waitForEpochAck.
    ctx.setTimer('leader.epochAck', initLimitMs(peer));
    waitForEpochAck(peer, peer.myid, l.summary, ctx);
  }
}

function sendLeaderInfo(peer: QuorumPeer, h: LearnerHandler, ctx: PeerContext): void {
  const l = L(peer);
  h.stage = 'WAIT_ACKEPOCH';
  ctx.send(h.sid, 'quorum', { type: 'LEADERINFO', zxid: makeZxid(l.epoch, 0), epoch: PROTOCOL_VERSION });
}

function isMoreRecentThan(a: { currentEpoch: number; lastZxid: number }, b: { currentEpoch: number; lastZxid: number }): boolean {
  return a.currentEpoch > b.currentEpoch || (a.currentEpoch === b.currentEpoch && a.lastZxid > b.lastZxid);
}

/** waitForEpochAck. Returns false when the learner was refused (it is ahead of the leader). */
function waitForEpochAck(peer: QuorumPeer, sid: Sid, ss: { currentEpoch: number; lastZxid: number }, ctx: PeerContext): boolean {
  const l = L(peer);
  if (l.electionFinished) return true;
  if (ss.currentEpoch !== -1) {
    if (isMoreRecentThan(ss, l.summary)) {
      ctx.event({ kind: 'zab', log: zkLog('followerAhead', { epoch: l.summary.currentEpoch, zxid: l.summary.lastZxid }) });
      return false;
    }
    if (ss.lastZxid !== -1 && isParticipant(peer, sid) && !l.electingFollowers.includes(sid)) l.electingFollowers.push(sid);
  }
  if (l.electingFollowers.includes(peer.myid) && q(peer).containsQuorum(l.electingFollowers)) {
    l.electionFinished = true;
    ctx.cancelTimer('leader.epochAck');
    // The leader is established in this epoch (Zab.tla's epochLeader).
    ctx.persist({ op: 'currentEpoch', value: l.epoch });
    peer.zab.phase = 'SYNCHRONIZATION';
    peer.zab.epoch = l.epoch;
    ctx.event({ kind: 'established', epoch: l.epoch });
    // The leader's own waitForNewLeaderAck.
    ctx.setTimer('leader.newLeaderAck', initLimitMs(peer));
    waitForNewLeaderAck(peer, peer.myid, makeZxid(l.epoch, 0), ctx);
    for (const h of Object.values(l.handlers)) if (h.stage === 'WAIT_ELECTION') syncLearner(peer, h, ctx);
  }
  return true;
}

function waitForNewLeaderAck(peer: QuorumPeer, sid: Sid, zxid: number, ctx: PeerContext): void {
  const l = L(peer);
  if (l.quorumFormed) return;
  if (zxid !== makeZxid(l.epoch, 0)) return;
  // Proposal.addAck: an ACK counts for each config in which the server votes; hasAllQuorums: a
  // quorum of the committed config and, with a reconfig in flight, of the last seen one too.
  const pending = pendingVoters(peer);
  if ((isParticipant(peer, sid) || pending?.includes(sid)) && !l.newLeaderAcks.includes(sid)) l.newLeaderAcks.push(sid);
  const acks = l.newLeaderAcks;
  if (acks.includes(peer.myid) && q(peer).containsQuorum(acks) && (pending === null || new QuorumMaj(pending).containsQuorum(acks))) {
    l.quorumFormed = true;
    ctx.cancelTimer('leader.newLeaderAck');
    startZkServer(peer, ctx);
  }
}

/**
 * The config the leader establishes its epoch with (what NEWLEADER carries,
 * LearnerHandler's learnerMaster.getQuorumVerifierBytes() = the last seen config): a reconfig it
 * saw proposed and not committed — the new leader finishes it (ZOOKEEPER-1324) — else its
 * committed one, where a version-0 one gets version newEpoch<<32.
 */
function firstEpochConfig(peer: QuorumPeer, l: LeaderState): DynamicConfig {
  const seen = lastSeenConfig(peer);
  const cur = activeConfig(peer.config);
  if (seen.version > cur.version) return seen;
  return cur.version === 0 ? { ...cur, version: makeZxid(l.epoch, 0) } : cur;
}

/** startZkServer: serving begins; lastProcessedZxid = newEpoch<<32 (what srvr shows). */
function startZkServer(peer: QuorumPeer, ctx: PeerContext): void {
  const l = L(peer);
  const db = database(peer);
  const zxid = makeZxid(l.epoch, 0);
  l.lastCommitted = zxid;
  l.started = true;
  db.tree.lastProcessedZxid = zxid;
  peer.currentVote = { ...peer.currentVote, peerEpoch: l.epoch };
  peer.zab.phase = 'BROADCAST';
  peer.zab.serving = true;
  if (peer.config.reconfigEnabled) {
    // Leader.startZkServer: processReconfig(lastSeenQV, getDesignatedLeader(newLeaderProposal)); a
    // leader the finished reconfig left out of the voters commits nothing more
    // (allowedToCommit = false) and hands over as tryToCommit's does.
    const pending = pendingVoters(peer);
    activateConfig(peer, firstEpochConfig(peer, l), ctx);
    if (pending !== null && !pending.includes(peer.myid)) {
      const designated = [...l.newLeaderAcks].filter((s) => pending.includes(s)).sort((a, b) => a - b)[0];
      if (designated !== undefined) {
        l.handOverTo = designated;
        peer.currentVote = { ...peer.currentVote, id: designated };
      }
    }
  }
  ctx.event({ kind: 'zab', log: zkLog('quorumOfSupporters', { sids: l.newLeaderAcks.join(',') }) });
  startSessionTracker(peer, ctx);
  for (const h of Object.values(l.handlers)) if (h.stage === 'WAIT_STARTUP') sendUpToDate(peer, h, ctx);
  ctx.setTimer('leader.tick', Math.floor(peer.config.tickTime / 2));
}

function sendUpToDate(peer: QuorumPeer, h: LearnerHandler, ctx: PeerContext): void {
  h.stage = 'RUNNING';
  ctx.send(h.sid, 'quorum', { type: 'UPTODATE', zxid: -1 });
}

// ------------------------------------------------------------------------- learner connections

export function leaderOnPacket(peer: QuorumPeer, from: Sid, p: QuorumPacket, ctx: PeerContext): void {
  const l = L(peer);
  if (p.type === 'FOLLOWERINFO' || p.type === 'OBSERVERINFO') {
    const h: LearnerHandler = {
      sid: from,
      learnerType: p.type === 'OBSERVERINFO' ? 'OBSERVER' : 'PARTICIPANT',
      stage: 'WAIT_EPOCH',
      lastAcceptedEpoch: epochOf(p.zxid),
      peerLastZxid: -1,
      tickOfNextAckDeadline: l.tick + peer.config.initLimit + peer.config.syncLimit,
      forwarding: false,
      syncMode: null,
      unacked: [],
    };
    if (l.handlers[from]) endHandler(l, from); // the learner's new connection replaces the old handler
    l.handlers[from] = h;
    if (l.waitingForNewEpoch) getEpochToPropose(peer, from, h.lastAcceptedEpoch, ctx);
    if (!l.waitingForNewEpoch && h.stage === 'WAIT_EPOCH') sendLeaderInfo(peer, h, ctx);
    return;
  }
  const h = l.handlers[from];
  if (!h) {
    ctx.disconnect(from, 'quorum');
    return;
  }
  h.tickOfNextAckDeadline = l.tick + peer.config.syncLimit;
  switch (p.type) {
    case 'ACKEPOCH': {
      if (h.stage !== 'WAIT_ACKEPOCH') return;
      h.peerLastZxid = p.zxid;
      h.stage = 'WAIT_ELECTION';
      if (!waitForEpochAck(peer, from, { currentEpoch: p.epoch ?? -1, lastZxid: p.zxid }, ctx)) {
        closeHandler(peer, h, ctx);
        return;
      }
      if (l.electionFinished && h.stage === 'WAIT_ELECTION') syncLearner(peer, h, ctx);
      return;
    }
    case 'ACK':
      if (h.stage === 'WAIT_NEWLEADER_ACK') {
        if (p.zxid !== makeZxid(l.epoch, 0)) return;
        waitForNewLeaderAck(peer, from, p.zxid, ctx);
        if (l.started) sendUpToDate(peer, h, ctx);
        else h.stage = 'WAIT_STARTUP';
        return;
      }
      // e[0], not a destructuring `([z])`: that goes through the array iterator for every entry.
      h.unacked = h.unacked.filter((e) => e[0] > p.zxid);
      processAck(peer, from, p.zxid, ctx);
      return;
    case 'PING':
      if (p.sessions) leaderTouch(peer, p.sessions, ctx.now);
      return;
    case 'REQUEST':
      if (!p.request || !peer.zab.serving) return;
      leaderTouch(peer, [[p.request.sessionId, 0]], ctx.now);
      propose(peer, p.request, from, ctx);
      return;
    case 'REVALIDATE': {
      if (!p.revalidate) return;
      const valid = peer.zab.serving && revalidate(peer, p.revalidate.sessionId, from, ctx.now);
      ctx.send(from, 'quorum', { type: 'REVALIDATE', zxid: 0, revalidate: { sessionId: p.revalidate.sessionId, valid } });
      return;
    }
    default:
      return;
  }
}

/**
 * A LearnerHandler ends: syncs it forwarded and the leader holds are answered into the dead
 * handler (`r.fh.queuePacket`), i.e. nowhere — never to the learner's next connection, which
 * would read a SYNC where it expects DIFF/SNAP/TRUNC and exit.
 */
function endHandler(l: LeaderState, sid: Sid): void {
  delete l.handlers[sid];
  l.pendingSyncs = l.pendingSyncs.filter((s) => s.origin !== sid);
}

export function leaderOnConnectionLost(peer: QuorumPeer, sid: Sid, ctx: PeerContext): void {
  const l = L(peer);
  if (!l.handlers[sid]) return;
  endHandler(l, sid);
  ctx.event({ kind: 'zab', log: zkLog('learnerHandlerEnded', { s: `zk${sid}` }) });
}

function closeHandler(peer: QuorumPeer, h: LearnerHandler, ctx: PeerContext): void {
  endHandler(L(peer), h.sid);
  ctx.disconnect(h.sid, 'quorum');
}

/** Leader.shutdown: close every learner connection. */
export function leaderShutdown(peer: QuorumPeer, ctx: PeerContext): void {
  const l = peer.zab.leader;
  if (!l) return;
  for (const h of Object.values(l.handlers)) ctx.disconnect(h.sid, 'quorum');
  l.handlers = {};
}

// ------------------------------------------------------------------------- synchronization

export interface SyncInput {
  peerLastZxid: number;
  lastProcessedZxid: number;
  /** The committed-log window (ZKDatabase.committedLog). */
  committedLog: LoggedTxn[];
  /** ZKDatabase.getProposalsFromTxnLog(peerLastZxid, limit) — [] when unavailable or too big. */
  txnLogFrom: (peerLastZxid: number) => LoggedTxn[];
  txnLogSyncEnabled: boolean;
}

export interface SyncDecision {
  /** DIFF / TRUNC op packet and PROPOSAL+COMMIT pairs to queue (empty when needSnap). */
  packets: QuorumPacket[];
  needSnap: boolean;
  /** The zxid the learner will have once the queued packets are applied (for startForwarding). */
  currentZxid: number;
  mode: SyncMode;
}

/**
 * LearnerHandler.syncFollower + queueCommittedProposals (ZooKeeper 3.8 "syncFollower
 * decision"), as a pure function of the leader's committed-log window and the learner's last zxid.
 */
export function decideSync(input: SyncInput): SyncDecision {
  const packets: QuorumPacket[] = [];
  const { peerLastZxid, lastProcessedZxid } = input;
  const isPeerNewEpochZxid = counterOf(peerLastZxid) === 0;
  let currentZxid = peerLastZxid;
  let needSnap = true;
  let needOpPacket = true;
  let maxCommitted = input.committedLog[input.committedLog.length - 1]?.zxid ?? lastProcessedZxid;
  let minCommitted = input.committedLog[0]?.zxid ?? lastProcessedZxid;
  if (input.committedLog.length === 0) {
    minCommitted = lastProcessedZxid;
    maxCommitted = lastProcessedZxid;
  }
  let opType: 'DIFF' | 'TRUNC' | null = null;

  const queueCommitted = (log: LoggedTxn[], peerZxid: number, maxZxid: number | null, lastCommittedZxid: number): number => {
    let queuedZxid = peerZxid;
    let prevProposalZxid = -1;
    for (const t of log) {
      const packetZxid = t.zxid;
      if (maxZxid !== null && packetZxid > maxZxid) break;
      if (packetZxid < peerZxid) {
        prevProposalZxid = packetZxid;
        continue;
      }
      if (needOpPacket) {
        if (packetZxid === peerZxid) {
          packets.push({ type: 'DIFF', zxid: lastCommittedZxid });
          opType = 'DIFF';
          needOpPacket = false;
          continue;
        }
        if (isPeerNewEpochZxid) {
          packets.push({ type: 'DIFF', zxid: lastCommittedZxid });
          opType = 'DIFF';
          needOpPacket = false;
        } else if (packetZxid > peerZxid) {
          // The learner has a txn we never committed. Within one epoch: truncate to the
          // previous proposal and send the rest (TRUNC+DIFF); across epochs: give up → SNAP.
          if (epochOf(packetZxid) !== epochOf(peerZxid)) return queuedZxid;
          packets.push({ type: 'TRUNC', zxid: prevProposalZxid });
          opType = 'TRUNC';
          needOpPacket = false;
        }
      }
      if (packetZxid <= queuedZxid) continue;
      packets.push({ type: 'PROPOSAL', zxid: packetZxid, txn: t });
      packets.push({ type: 'COMMIT', zxid: packetZxid });
      queuedZxid = packetZxid;
    }
    if (needOpPacket && isPeerNewEpochZxid) {
      packets.push({ type: 'DIFF', zxid: lastCommittedZxid });
      opType = 'DIFF';
      needOpPacket = false;
    }
    return queuedZxid;
  };

  if (lastProcessedZxid === peerLastZxid) {
    packets.push({ type: 'DIFF', zxid: peerLastZxid });
    opType = 'DIFF';
    needOpPacket = false;
    needSnap = false;
  } else if (peerLastZxid > maxCommitted && !isPeerNewEpochZxid) {
    packets.push({ type: 'TRUNC', zxid: maxCommitted });
    opType = 'TRUNC';
    currentZxid = maxCommitted;
    needOpPacket = false;
    needSnap = false;
  } else if (maxCommitted >= peerLastZxid && minCommitted <= peerLastZxid) {
    currentZxid = queueCommitted(input.committedLog, peerLastZxid, null, maxCommitted);
    needSnap = false;
  } else if (peerLastZxid < minCommitted && input.txnLogSyncEnabled) {
    const fromLog = input.txnLogFrom(peerLastZxid);
    if (fromLog.length > 0) {
      currentZxid = queueCommitted(fromLog, peerLastZxid, minCommitted, maxCommitted);
      if (currentZxid < minCommitted) {
        // A gap between the end of the txn log and the start of the committed log.
        currentZxid = peerLastZxid;
        packets.length = 0;
        needOpPacket = true;
      } else {
        currentZxid = queueCommitted(input.committedLog, currentZxid, null, maxCommitted);
        needSnap = false;
      }
    }
  }
  if (needSnap) currentZxid = lastProcessedZxid;
  if (needOpPacket && !needSnap) needSnap = true;
  if (needSnap) return { packets: [], needSnap, currentZxid: lastProcessedZxid, mode: 'SNAP' };
  const hasTxns = packets.some((p) => p.type === 'PROPOSAL');
  const mode: SyncMode = opType === 'TRUNC' ? (hasTxns ? 'TRUNC+DIFF' : 'TRUNC') : 'DIFF';
  return { packets, needSnap, currentZxid, mode };
}

/** Runs the sync decision for one learner, sends its packets, startForwarding, then NEWLEADER. */
function syncLearner(peer: QuorumPeer, h: LearnerHandler, ctx: PeerContext): void {
  const l = L(peer);
  const db = database(peer);
  const d = decideSync({
    peerLastZxid: h.peerLastZxid,
    lastProcessedZxid: db.tree.lastProcessedZxid,
    committedLog: db.committedLog,
    txnLogFrom: (z) => txnLogFrom(peer, z),
    txnLogSyncEnabled: peer.config.snapshotSizeFactor > 0,
  });
  h.syncMode = d.mode;
  h.forwarding = true;
  ctx.event({ kind: 'sync', learner: h.sid, mode: d.mode, peerLastZxid: h.peerLastZxid });
  // SNAP is written straight to the socket, ahead of anything queued.
  if (d.needSnap) ctx.send(h.sid, 'quorum', { type: 'SNAP', zxid: db.tree.lastProcessedZxid, snapshot: snapshotOf(db) });
  for (const p of d.packets) {
    // BUG SWITCH skipTrunc: send DIFF where the rule says TRUNC, so the learner keeps txns the
    // leader never committed (correct: TRUNC first, so its log ends where the leader's does).
    if (p.type === 'TRUNC' && hasBug(peer.config, 'skipTrunc')) ctx.send(h.sid, 'quorum', { type: 'DIFF', zxid: p.zxid });
    else ctx.send(h.sid, 'quorum', p);
  }
  // startForwarding: proposals still outstanding that the learner will not have.
  if (l.lastProposed > d.currentZxid && h.learnerType === 'PARTICIPANT') {
    for (const prop of l.outstanding) {
      if (prop.zxid <= d.currentZxid) continue;
      ctx.send(h.sid, 'quorum', { type: 'PROPOSAL', zxid: prop.zxid, txn: prop.txn });
      h.unacked.push([prop.zxid, ctx.now]);
    }
  }
  // Leader.lead: with reconfigEnabled a version-0 config gets the NEWLEADER zxid as its version,
  // and NEWLEADER carries the leader's config to the learner.
  //
  // Once the leader serves (l.started), a reconfig in flight is a broadcast proposal like any other:
  // the learner gets it by startForwarding's PROPOSAL (so it is only its last seen config) and its
  // COMMITANDACTIVATE later, and NEWLEADER carries the committed config. (3.8 sends the last seen
  // one here too, so a learner joining mid-reconfig activated a config no quorum had committed,
  // and its election notifications spread it — found by the reconfig soak, seed 149.)
  const newLeaderConfig = l.started ? activeConfig(peer.config) : firstEpochConfig(peer, l);
  ctx.send(h.sid, 'quorum', peer.config.reconfigEnabled
    ? { type: 'NEWLEADER', zxid: makeZxid(l.epoch, 0), config: configText(newLeaderConfig) }
    : { type: 'NEWLEADER', zxid: makeZxid(l.epoch, 0) });
  h.stage = 'WAIT_NEWLEADER_ACK';
}

/**
 * ZKDatabase.getProposalsFromTxnLog: the txns of the on-disk log from peerLastZxid on — empty
 * unless the log holds peerLastZxid itself, or when sending them would exceed
 * snapshotSizeFactor × the snapshot's size.
 */
function txnLogFrom(peer: QuorumPeer, peerLastZxid: number): LoggedTxn[] {
  const log = peer.disk.log;
  const startIdx = log.findIndex((t) => t.zxid >= peerLastZxid);
  if (startIdx < 0 || log[startIdx]!.zxid !== peerLastZxid) return [];
  const slice = log.slice(startIdx);
  const limit = approxSize(database(peer).tree) * peer.config.snapshotSizeFactor;
  let size = 0;
  for (const t of slice) {
    size += approxSize(t.txn) + 32;
    if (size > limit) return [];
  }
  return slice;
}

// ------------------------------------------------------------------------- broadcast

/** A write submitted to the leader by one of its own clients. */
export function leaderSubmit(peer: QuorumPeer, req: ClientRequest, origin: Sid, ctx: PeerContext): boolean {
  if (!peer.zab.serving) return false;
  propose(peer, req, origin, ctx);
  return true;
}

/** PrepRequestProcessor + Leader.propose + the leader's own log-then-ACK. */
function propose(peer: QuorumPeer, req: ClientRequest, origin: Sid, ctx: PeerContext): void {
  const l = L(peer);
  if (req.request.type === 'sync') {
    processSync(peer, req, origin, ctx);
    return;
  }
  if (counterOf(l.lastProposed) >= 0xffffffff) {
    setPeerState(peer, 'LOOKING', ctx, zkLog('rollover'));
    return;
  }
  const zxid = l.lastProposed + 1;
  l.lastProposed = zxid;
  const db = database(peer);
  let proposedConfig: DynamicConfig | null = null;
  const prepConfig: PrepConfig = !peer.config.reconfigEnabled ? {} : {
    reconfigEnabled: true,
    reconfig: (r, txZxid) => {
      const out = prepareReconfig(r, {
        lastSeen: lastSeenConfig(peer),
        activeVersion: activeConfig(peer.config).version,
        // Leader.isQuorumSynced: the leader and its synced forwardingFollowers
        synced: [peer.myid, ...Object.values(l.handlers).filter((h) => h.forwarding && h.learnerType === 'PARTICIPANT' && h.tickOfNextAckDeadline >= l.tick).map((h) => h.sid)],
        leaderSid: peer.myid,
      }, txZxid);
      if (!out.ok) return out;
      proposedConfig = out.next;
      return { ok: true, text: configText(out.next) };
    },
  };
  const txn: Txn = prepRequest(
    { tree: db.tree, pending: l.pending },
    req.request,
    { sessionId: req.sessionId, cxid: req.cxid, authInfo: req.authInfo as Id[] },
    zxid,
    peer.config.clockOriginMs + ctx.now,
    prepConfig,
  );
  const reconfigTo: DynamicConfig | null = txn.record.type === 'setData' && txn.record.reconfig === true ? proposedConfig : null;
  const logged: LoggedTxn = { zxid, time: txn.time, txn };
  noteProposal(peer, txn);
  ctx.event({ kind: 'proposed', zxid });
  const prop: Proposal = { zxid, txn: logged, acks: [], origin };
  if (reconfigTo) {
    // Leader.propose: a reconfig becomes the last seen config; it needs a quorum of the old and the new voters
    seeConfig(peer, reconfigTo);
    prop.newVoters = votersOf(reconfigTo);
  }
  l.outstanding.push(prop);
  // BUG SWITCH countObserverAcks: observers get the PROPOSAL too (so they can ACK it).
  const toObservers = hasBug(peer.config, 'countObserverAcks');
  for (const h of Object.values(l.handlers)) {
    if (!h.forwarding || (h.learnerType !== 'PARTICIPANT' && !toObservers)) continue;
    ctx.send(h.sid, 'quorum', { type: 'PROPOSAL', zxid, txn: logged });
    h.unacked.push([zxid, ctx.now]);
  }
  // SyncRequestProcessor logs it, then AckRequestProcessor acks for the leader itself.
  ctx.persist({ op: 'append', txns: [logged] });
  processAck(peer, peer.myid, zxid, ctx);
}

/** Leader.processAck + tryToCommit: commit in zxid order once a quorum of voters has ACKed. */
function processAck(peer: QuorumPeer, sid: Sid, zxid: number, ctx: PeerContext): void {
  const l = L(peer);
  if (counterOf(zxid) === 0) return;
  if (zxid <= l.lastCommitted) return;
  const p = l.outstanding.find((x) => x.zxid === zxid);
  if (!p) return;
  if (!p.acks.includes(sid)) p.acks.push(sid);
  tryToCommit(peer, p, ctx);
}

function tryToCommit(peer: QuorumPeer, p: Proposal, ctx: PeerContext): boolean {
  const l = L(peer);
  if (l.handOverTo !== undefined) return false;
  if (l.outstanding.some((x) => x.zxid === p.zxid - 1)) return false;
  // BUG SWITCH commitWithoutQuorum: commit on the leader's own ACK (correct: a quorum of voters).
  // BUG SWITCH countObserverAcks: every ACK counts towards the majority, observers' too
  // (correct: QuorumMaj counts voters only).
  // BUG SWITCH reconfigWithoutOldQuorum: a reconfig commits on a quorum of the new config alone
  // (correct: Proposal.hasAllQuorums — a quorum of the old AND of the new config, Leader.processAck).
  const quorate = hasBug(peer.config, 'commitWithoutQuorum')
    || (p.newVoters !== undefined && hasBug(peer.config, 'reconfigWithoutOldQuorum'))
    || (hasBug(peer.config, 'countObserverAcks') ? p.acks.length > q(peer).half : q(peer).containsQuorum(p.acks));
  if (!quorate) return false;
  if (p.newVoters && !new QuorumMaj(p.newVoters).containsQuorum(p.acks)) return false;
  l.outstanding = l.outstanding.filter((x) => x !== p);
  l.lastCommitted = p.zxid;
  // Leader.commitAndActivate / inform(AndActivate): a committed reconfig is sent as
  // COMMITANDACTIVATE to followers and INFORMANDACTIVATE to observers.
  const activate = p.newVoters !== undefined;
  const designatedLeader = p.newVoters !== undefined ? getDesignatedLeader(peer, p, p.newVoters) : peer.myid;
  for (const h of Object.values(l.handlers)) {
    if (!h.forwarding) continue;
    if (h.learnerType === 'PARTICIPANT') {
      ctx.send(h.sid, 'quorum', activate ? { type: 'COMMITANDACTIVATE', zxid: p.zxid, designatedLeader } : { type: 'COMMIT', zxid: p.zxid });
    } else {
      ctx.send(h.sid, 'quorum', activate ? { type: 'INFORMANDACTIVATE', zxid: p.zxid, txn: p.txn, designatedLeader } : { type: 'INFORM', zxid: p.zxid, txn: p.txn });
    }
  }
  deliverCommitted(peer, p.txn, ctx);
  commitPendingChanges(l.pending, p.zxid);
  releasePendingSyncs(peer, ctx);
  if (activate && designatedLeader !== peer.myid) {
    // Leader.tryToCommit: "this leader is not the designated leader anymore" (allowedToCommit =
    // false). The followers close their connections (so that they all get the COMMITANDACTIVATE
    // first); when the leader's tick finds too few synced followers, QuorumPeer.updateServerState
    // (reconfigFlag) makes it follow the designated leader, without an election.
    l.handOverTo = designatedLeader;
    peer.currentVote = { ...peer.currentVote, id: designatedLeader, zxid: p.zxid };
  }
  return true;
}

/**
 * Leader.getDesignatedLeader: the leader itself if it is a voter of the new config; else the
 * first (HashSet order: the lowest id) voter of the new config that ACKed the reconfig.
 */
function getDesignatedLeader(peer: QuorumPeer, p: Proposal, newVoters: Sid[]): Sid {
  if (newVoters.includes(peer.myid)) return peer.myid;
  const candidates = p.acks.filter((s) => newVoters.includes(s) && s !== peer.myid).sort((a, b) => a - b);
  return candidates[0] ?? peer.myid;
}

/**
 * Leader.processSync: answer at once when nothing is outstanding, else when the last proposal
 * outstanding now commits.
 */
function processSync(peer: QuorumPeer, req: ClientRequest, origin: Sid, ctx: PeerContext): void {
  const l = L(peer);
  if (l.outstanding.length === 0) {
    answerSync(peer, req, origin, ctx);
    return;
  }
  l.pendingSyncs.push({ req, origin, after: l.lastProposed });
}

function releasePendingSyncs(peer: QuorumPeer, ctx: PeerContext): void {
  const l = L(peer);
  const ready = l.pendingSyncs.filter((s) => s.after <= l.lastCommitted);
  l.pendingSyncs = l.pendingSyncs.filter((s) => s.after > l.lastCommitted);
  for (const s of ready) answerSync(peer, s.req, s.origin, ctx);
}

function answerSync(peer: QuorumPeer, req: ClientRequest, origin: Sid, ctx: PeerContext): void {
  if (origin === peer.myid) {
    if (!onSyncDone(peer, req.sessionId, req.cxid, ctx)) ctx.reply({ sessionId: req.sessionId, cxid: req.cxid, zxid: database(peer).tree.lastProcessedZxid, err: 0, type: 'sync' });
  }
  // Leader.sendSync: `new QuorumPacket(Leader.SYNC, 0, null, null)` — the zxid field is 0.
  else ctx.send(origin, 'quorum', { type: 'SYNC', zxid: 0, request: req });
}

// ------------------------------------------------------------------------- liveness

export function leaderOnTimer(peer: QuorumPeer, name: string, ctx: PeerContext): void {
  const l = L(peer);
  switch (name) {
    case 'leader.epoch':
      setPeerState(peer, 'LOOKING', ctx, zkLog('epochTimeout'));
      return;
    case 'leader.epochAck':
      setPeerState(peer, 'LOOKING', ctx, zkLog('epochAckTimeout'));
      return;
    case 'leader.newLeaderAck':
      setPeerState(peer, 'LOOKING', ctx, zkLog('waitingForQuorum', { sids: l.newLeaderAcks.join(',') }));
      return;
    case 'leader.tick': {
      // Leader.lead()'s loop: every tickTime/2; the tick advances every other round.
      if (!l.tickSkip) l.tick += 1;
      const synced: Sid[] = [peer.myid];
      for (const h of Object.values(l.handlers)) if (l.tick <= h.tickOfNextAckDeadline) synced.push(h.sid);
      const voters = synced.filter((s) => isParticipant(peer, s));
      // SyncedLearnerTracker with the last seen config too while a reconfig is in flight.
      const pending = pendingVoters(peer);
      const syncedPending = pending === null || new QuorumMaj(pending).containsQuorum(synced);
      // "check leader running status": a critical thread died (Zab.ts deliverCommitted)
      if (peer.zab.error !== null) {
        setPeerState(peer, 'LOOKING', ctx, zkLog('internalError'));
        return;
      }
      if (!l.tickSkip && l.handOverTo !== undefined && !q(peer).containsQuorum(voters)) {
        setPeerState(peer, 'FOLLOWING', ctx);
        return;
      }
      if (!l.tickSkip && (!q(peer).containsQuorum(voters) || !syncedPending)) {
        setPeerState(peer, 'LOOKING', ctx, zkLog('notSufficientSynced', { sids: voters.join(',') }));
        return;
      }
      l.tickSkip = !l.tickSkip;
      const limitMs = peer.config.syncLimit * peer.config.tickTime;
      for (const h of Object.values(l.handlers)) {
        if (h.stage === 'WAIT_EPOCH' || h.stage === 'WAIT_ACKEPOCH' || h.stage === 'WAIT_ELECTION') continue;
        const oldest = h.unacked[0];
        if (oldest && ctx.now - oldest[1] > limitMs) {
          ctx.event({ kind: 'zab', log: zkLog('txnTimeout', { s: `zk${h.sid}` }) });
          closeHandler(peer, h, ctx);
          continue;
        }
        ctx.send(h.sid, 'quorum', { type: 'PING', zxid: l.lastProposed });
      }
      ctx.setTimer('leader.tick', Math.floor(peer.config.tickTime / 2));
      return;
    }
  }
}
