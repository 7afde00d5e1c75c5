/**
 * FastLeaderElection as ZooKeeper 3.8 runs it (Q/FastLeaderElection.java; ZooKeeper 3.8),
 * written as event handlers instead of threads:
 *
 *  - `WorkerReceiver` logic runs for every notification that arrives (`onNotification`);
 *  - the body of `lookForLeader()`'s loop runs for every notification taken off the receive
 *    queue (`processNotification`);
 *  - `recvqueue.poll(notTimeout)` returning null is the `fle.poll` timer; the finalize loop's
 *    `recvqueue.poll(finalizeWait)` is the `fle.finalize` timer.
 *
 * Everything is pure: the caller passes a `PeerContext` that collects sends and timers.
 */
import { QuorumMaj } from '../quorum/QuorumMaj.ts';
import { hasBug, LONG_MIN_VALUE, lastLoggedZxid, type ServerState, type Sid } from '../types.ts';
import { NOTIFICATION_VERSION, voteEquals, voteOf, type Notification, type Vote } from './Vote.ts';
import { setPeerState, type PeerContext, type QuorumPeer } from '../QuorumPeer.ts';
import { activeConfig, configText, type DynamicConfig } from '../quorum/reconfig.ts';
import { activateConfig, configFromString } from '../zab/activate.ts';

/** State of the election algorithm of one server (the fields of FastLeaderElection + lookForLeader's locals). */
export interface FleState {
  /** The election epoch (round). */
  logicalclock: number;
  proposedLeader: Sid;
  proposedZxid: number;
  proposedEpoch: number;
  /** Votes of the current round, by sender sid (lookForLeader's `recvset`). */
  recvset: Record<number, Vote>;
  /** Votes of servers that are already FOLLOWING/LEADING (`outofelection`). */
  outofelection: Record<number, Vote>;
  /** Current poll timeout: starts at minNotificationInterval, doubles up to the max. */
  notTimeout: number;
  /** True while lookForLeader() is running. */
  running: boolean;
  /** True inside the finalize loop (a quorum agrees; waiting finalizeWait for a better vote). */
  finalizing: boolean;
  /** Notifications received while LOOKING but before lookForLeader() started polling. */
  queued: Array<{ from: Sid; n: Notification }>;
}

export function initialFleState(): FleState {
  return {
    logicalclock: 0,
    proposedLeader: -1,
    proposedZxid: -1,
    proposedEpoch: -1,
    recvset: {},
    outofelection: {},
    notTimeout: 0,
    running: false,
    finalizing: false,
    queued: [],
  };
}

/**
 * A version-2 notification carries the sender's QuorumVerifier (ToSend's `configData`,
 * self.getQuorumVerifier().toString()) — with reconfigEnabled; without it the lab leaves it out.
 */
function qvOf(peer: QuorumPeer): { config?: string } {
  if (!peer.config.reconfigEnabled) return {};
  const d = activeConfig(peer.config);
  if (!peer.config.dynamic) return { config: configText(d) };
  let text = configTexts.get(d);
  if (text === undefined) {
    text = configText(d);
    configTexts.set(d, text);
  }
  return { config: text };
}

// Every notification carries the sender's config and parses the receiver's: both memoized (a
// config is never changed in place; activating one replaces it). Only caches, no behaviour.
const configTexts = new WeakMap<DynamicConfig, string>();
const configVersions = new Map<string, number>();

/** configFromString(text).version. */
function configVersionOf(text: string): number {
  let v = configVersions.get(text);
  if (v === undefined) {
    v = configFromString(text).version;
    if (configVersions.size >= 256) configVersions.clear();
    configVersions.set(text, v);
  }
  return v;
}

const POLL = 'fle.poll';
const FINALIZE = 'fle.finalize';

function quorum(peer: QuorumPeer): QuorumMaj {
  return new QuorumMaj(peer.config.voters);
}

function isVoter(peer: QuorumPeer, sid: Sid): boolean {
  return peer.config.voters.includes(sid);
}

/** getInitId / getInitLastLoggedZxid / getPeerEpoch: observers propose Long.MIN_VALUE. */
export function initialVote(peer: QuorumPeer): { id: Sid; zxid: number; epoch: number } {
  if (peer.learnerType !== 'PARTICIPANT' || !isVoter(peer, peer.myid)) {
    return { id: LONG_MIN_VALUE, zxid: LONG_MIN_VALUE, epoch: LONG_MIN_VALUE };
  }
  return { id: peer.myid, zxid: lastLoggedZxid(peer.disk), epoch: peer.disk.currentEpoch };
}

/**
 * totalOrderPredicate: does the new vote beat the current one? Higher peerEpoch, then higher
 * zxid, then higher sid. A candidate of weight 0 (not a voter) never wins.
 */
export function totalOrderPredicate(
  q: QuorumMaj,
  newId: Sid, newZxid: number, newEpoch: number,
  curId: Sid, curZxid: number, curEpoch: number,
  sidAlone = false,
): boolean {
  if (q.getWeight(newId) === 0) return false;
  // BUG SWITCH electOnSidAlone: the highest sid wins, whatever its epoch and zxid (correct:
  // peerEpoch first, then zxid, then sid — the most up-to-date server wins).
  if (sidAlone) return newId > curId;
  return newEpoch > curEpoch || (newEpoch === curEpoch && (newZxid > curZxid || (newZxid === curZxid && newId > curId)));
}

function updateProposal(fle: FleState, leader: Sid, zxid: number, epoch: number): void {
  fle.proposedLeader = leader;
  fle.proposedZxid = zxid;
  fle.proposedEpoch = epoch;
}

/** sendNotifications(): our proposal, state LOOKING, to every voter (ourselves included). */
function sendNotifications(peer: QuorumPeer, ctx: PeerContext): void {
  const f = peer.fle;
  for (const sid of peer.config.voters) {
    ctx.send(sid, 'election', {
      type: 'NOTIFICATION', state: 'LOOKING', leader: f.proposedLeader, zxid: f.proposedZxid,
      electionEpoch: f.logicalclock, peerEpoch: f.proposedEpoch, version: NOTIFICATION_VERSION, ...qvOf(peer),
    });
  }
}

function armPoll(peer: QuorumPeer, ctx: PeerContext): void {
  ctx.setTimer(POLL, peer.fle.notTimeout);
}

/** lookForLeader(): start a new round. */
export function lookForLeader(peer: QuorumPeer, ctx: PeerContext): void {
  const f = peer.fle;
  f.recvset = {};
  f.outofelection = {};
  f.notTimeout = peer.config.minNotificationInterval;
  f.running = true;
  f.finalizing = false;
  f.logicalclock += 1;
  const init = initialVote(peer);
  updateProposal(f, init.id, init.zxid, init.epoch);
  ctx.event({ kind: 'election-start', logicalclock: f.logicalclock, vote: proposalVote(peer) });
  sendNotifications(peer, ctx);
  armPoll(peer, ctx);
  // Notifications that arrived while we were LOOKING but not yet polling are in the queue.
  const queued = f.queued;
  f.queued = [];
  for (const q of queued) {
    if (!f.running) break;
    processNotification(peer, q.from, q.n, ctx);
  }
}

export function proposalVote(peer: QuorumPeer): Vote {
  const f = peer.fle;
  return { id: f.proposedLeader, zxid: f.proposedZxid, electionEpoch: f.logicalclock, peerEpoch: f.proposedEpoch, state: 'LOOKING', version: NOTIFICATION_VERSION };
}

/** WorkerReceiver: every notification that arrives on the election port. */
export function onNotification(peer: QuorumPeer, from: Sid, n: Notification, ctx: PeerContext): void {
  const f = peer.fle;
  // WorkerReceiver: "check if there is a new config" — a LOOKING server that hears of a newer
  // config adopts it (processReconfig(rqv, null, null, false)) and restarts the election under it
  // ("restarting leader election"); the notification itself is dropped. How a server started with
  // a stale zoo.cfg (`lab add` after the ensemble changed) learns the members that elect.
  if (n.config !== undefined && peer.config.reconfigEnabled) {
    if (configVersionOf(n.config) > activeConfig(peer.config).version && peer.state === 'LOOKING') {
      activateConfig(peer, configFromString(n.config), ctx);
      ctx.cancelTimer(POLL);
      ctx.cancelTimer(FINALIZE);
      lookForLeader(peer, ctx);
      return;
    }
  }
  if (!isVoter(peer, from)) {
    // Our own notification while we are no voter: sendNotifications sent it when we were one, and
    // the config that dropped us came with an election restart (the processReconfig above), whose
    // new QuorumCnxManager (QuorumPeer.createElectionAlgorithm) discards the old one's recvQueue,
    // where a message to ourselves waits (QuorumCnxManager.toSend: mySid == sid → addToRecvQueue).
    // Answering it would answer ourselves again, forever, at the same instant.
    if (from === peer.myid) return;
    // A non-voter (observer) asked: answer at once with our current vote and state.
    const cur = peer.currentVote;
    ctx.send(from, 'election', {
      type: 'NOTIFICATION', state: peer.state, leader: cur.id, zxid: cur.zxid,
      electionEpoch: f.logicalclock, peerEpoch: cur.peerEpoch, version: NOTIFICATION_VERSION, ...qvOf(peer),
    });
    return;
  }
  if (peer.state === 'LOOKING') {
    if (n.state === 'LOOKING' && n.electionEpoch < f.logicalclock) {
      // Help a sender that is behind: send it our proposal for the current round.
      ctx.send(from, 'election', {
        type: 'NOTIFICATION', state: 'LOOKING', leader: f.proposedLeader, zxid: f.proposedZxid,
        electionEpoch: f.logicalclock, peerEpoch: f.proposedEpoch, version: NOTIFICATION_VERSION, ...qvOf(peer),
      });
    }
    if (f.running) processNotification(peer, from, n, ctx);
    else f.queued.push({ from, n });
    return;
  }
  if (n.state === 'LOOKING') {
    // Not LOOKING ourselves: tell the looking server who we follow (or that we lead).
    const cur = peer.currentVote;
    ctx.send(from, 'election', {
      type: 'NOTIFICATION', state: peer.state, leader: cur.id, zxid: cur.zxid,
      electionEpoch: cur.electionEpoch, peerEpoch: cur.peerEpoch, version: NOTIFICATION_VERSION, ...qvOf(peer),
    });
  }
}

/** One pass of lookForLeader's loop body for a notification taken off the queue. */
function processNotification(peer: QuorumPeer, from: Sid, n: Notification, ctx: PeerContext): void {
  const f = peer.fle;
  const q = quorum(peer);
  if (f.finalizing) {
    // The finalize loop: a better vote puts us back into the main loop; anything else is consumed.
    if (totalOrderPredicate(q, n.leader, n.zxid, n.peerEpoch, f.proposedLeader, f.proposedZxid, f.proposedEpoch, hasBug(peer.config, 'electOnSidAlone'))) {
      f.finalizing = false;
      ctx.cancelTimer(FINALIZE);
    } else {
      ctx.setTimer(FINALIZE, peer.config.minNotificationInterval);
      return;
    }
  }
  if (isVoter(peer, from) && isVoter(peer, n.leader)) {
    switch (n.state) {
      case 'LOOKING':
        if (lookingNotification(peer, from, n, ctx, q)) return;
        break;
      case 'OBSERVING':
        break;
      case 'FOLLOWING':
      case 'LEADING': {
        const end = receivedFollowingNotification(peer, from, n, q);
        if (end) {
          finish(peer, end, ctx);
          return;
        }
        break;
      }
    }
  }
  armPoll(peer, ctx);
}

/** The LOOKING case. Returns true when the finalize wait has started (no poll re-arm). */
function lookingNotification(peer: QuorumPeer, from: Sid, n: Notification, ctx: PeerContext, q: QuorumMaj): boolean {
  const f = peer.fle;
  const init = initialVote(peer);
  if (init.zxid === -1 || n.zxid === -1) return false;
  if (n.electionEpoch > f.logicalclock) {
    f.logicalclock = n.electionEpoch;
    f.recvset = {};
    if (totalOrderPredicate(q, n.leader, n.zxid, n.peerEpoch, init.id, init.zxid, init.epoch, hasBug(peer.config, 'electOnSidAlone'))) {
      updateProposal(f, n.leader, n.zxid, n.peerEpoch);
    } else {
      updateProposal(f, init.id, init.zxid, init.epoch);
    }
    ctx.event({ kind: 'vote-change', logicalclock: f.logicalclock, vote: proposalVote(peer), because: from });
    sendNotifications(peer, ctx);
  } else if (n.electionEpoch < f.logicalclock) {
    return false;
  } else if (totalOrderPredicate(q, n.leader, n.zxid, n.peerEpoch, f.proposedLeader, f.proposedZxid, f.proposedEpoch, hasBug(peer.config, 'electOnSidAlone'))) {
    updateProposal(f, n.leader, n.zxid, n.peerEpoch);
    ctx.event({ kind: 'vote-change', logicalclock: f.logicalclock, vote: proposalVote(peer), because: from });
    sendNotifications(peer, ctx);
  }
  f.recvset[from] = { ...voteOf(n), state: 'LOOKING' };
  if (hasQuorumFor(q, f.recvset, proposalVote(peer))) {
    f.finalizing = true;
    ctx.cancelTimer(POLL);
    ctx.setTimer(FINALIZE, peer.config.minNotificationInterval);
    return true;
  }
  return false;
}

function hasQuorumFor(q: QuorumMaj, votes: Record<number, Vote>, vote: Vote): boolean {
  const acks: Sid[] = [];
  for (const [sid, v] of Object.entries(votes)) if (voteEquals(vote, v)) acks.push(Number(sid));
  return q.containsQuorum(acks);
}

/** checkLeader: we only follow a leader whose own LEADING notification we hold (or ourselves in this round). */
function checkLeader(peer: QuorumPeer, votes: Record<number, Vote>, leader: Sid, electionEpoch: number): boolean {
  if (leader !== peer.myid) {
    const v = votes[leader];
    return v !== undefined && v.state === 'LEADING';
  }
  return peer.fle.logicalclock === electionEpoch;
}

/** receivedFollowingNotification (also used for LEADING): join an ensemble that already has a leader. */
function receivedFollowingNotification(peer: QuorumPeer, from: Sid, n: Notification, q: QuorumMaj): Vote | null {
  const f = peer.fle;
  const v = voteOf(n);
  if (n.electionEpoch === f.logicalclock) {
    f.recvset[from] = v;
    if (hasQuorumFor(q, f.recvset, v) && checkLeader(peer, f.recvset, n.leader, n.electionEpoch)) {
      return { ...v, state: 'LOOKING' };
    }
  }
  f.outofelection[from] = v;
  if (hasQuorumFor(q, f.outofelection, v) && checkLeader(peer, f.outofelection, n.leader, n.electionEpoch)) {
    f.logicalclock = n.electionEpoch;
    return { ...v, state: 'LOOKING' };
  }
  return null;
}

/** Poll timeouts: resend (manager.haveDelivered) and back off; finalize wait elapsed: done. */
export function onFleTimer(peer: QuorumPeer, name: string, ctx: PeerContext): boolean {
  const f = peer.fle;
  if (name === POLL) {
    if (!f.running || f.finalizing) return true;
    sendNotifications(peer, ctx);
    f.notTimeout = Math.min(f.notTimeout * 2, peer.config.maxNotificationInterval);
    armPoll(peer, ctx);
    return true;
  }
  if (name === FINALIZE) {
    if (!f.running || !f.finalizing) return true;
    finish(peer, { ...proposalVote(peer) }, ctx);
    return true;
  }
  return false;
}

/** setPeerState + leaveInstance: the election is over. */
function finish(peer: QuorumPeer, end: Vote, ctx: PeerContext): void {
  const f = peer.fle;
  f.running = false;
  f.finalizing = false;
  f.queued = [];
  ctx.cancelTimer(POLL);
  ctx.cancelTimer(FINALIZE);
  const next: ServerState = end.id === peer.myid ? 'LEADING' : peer.learnerType === 'PARTICIPANT' ? 'FOLLOWING' : 'OBSERVING';
  peer.currentVote = { ...end, electionEpoch: end.electionEpoch };
  ctx.event({ kind: 'elected', leader: end.id, logicalclock: f.logicalclock, vote: end });
  setPeerState(peer, next, ctx);
}
