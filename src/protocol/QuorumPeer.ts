/**
 * QuorumPeer: one ZooKeeper server as a pure state machine (the etcd-io/raft habit, docs/architecture.md).
 *
 *   stepPeer(peer, input, now) -> outputs
 *
 * Inputs are a start, a packet from another server, a timer the peer asked for, or the loss of a
 * connection. Outputs are collected, never performed: packets to send, timers to set, disk writes,
 * connections to close and events for the trace. The peer is plain data; the host may
 * structuredClone it at any time.
 */
import { activeConfig, learnerTypeIn, withConfig, type DynamicConfig } from './quorum/reconfig.ts';
import { lastSeenConfig, lastSeenOnDisk } from './zab/activate.ts';
import { initialFleState, lookForLeader, onFleTimer, onNotification, type FleState } from './election/FastLeaderElection.ts';
import { NOTIFICATION_VERSION, type Notification, type Vote } from './election/Vote.ts';
import {
  applyDiskOp, hasBug, lastLoggedZxid, type Channel, type DiskOp, type LearnerType, type PeerDisk,
  type QuorumConfig, type ServerState, type Sid,
} from './types.ts';
import { NodeContext, takeTimer, type NodeInput, type NodeOutput } from '../sim/node.ts';
import type { NodeInit } from '../sim/module.ts';
import { type ZkLogLine } from './zkLog.ts';
import { initialServerSide, onClientConnectionLost, onClientPacket, onContainerTimer, onSessionTimer, type ServerSide } from './server/ZooKeeperServer.ts';
import type { ClientPacket } from './client/packets.ts';
import { isLoadRead, type LoadRead } from './zkLoad.ts';
import { getData as getDataRead } from './datatree/FinalRequestProcessor.ts';
import {
  initialZabState, onQuorumConnectionLost, onQuorumPacket, onZabTimer, startRole, stopRole, submitRequest,
  zabView, type ClientReply, type ClientRequest, type QuorumPacket, type ZabState, type ZabView,
} from './zab/Zab.ts';

export type WireMessage = Notification | QuorumPacket | ClientPacket;

export interface QuorumPeer {
  myid: Sid;
  learnerType: LearnerType;
  config: QuorumConfig;
  /**
   * QuorumPeer.lastSeenQuorumVerifier when it is ahead of the committed one (`config.dynamic`): a
   * reconfig proposed and not yet committed (src/protocol/zab/activate.ts lastSeenConfig). Absent otherwise.
   */
  lastSeen?: DynamicConfig;
  state: ServerState;
  /** The vote this server stands by once the election is over (QuorumPeer.currentVote). */
  currentVote: Vote;
  /** The server's own view of its disk; the host keeps an identical copy from the DiskOps. */
  disk: PeerDisk;
  fle: FleState;
  zab: ZabState;
  /** Client connections, sessions and watches (ZooKeeperServer). */
  server: ServerSide;
  /** Live timers: name -> token. A timer input whose token differs is stale and ignored. */
  timers: Record<string, number>;
  nextTimerToken: number;
  /** Simulated time of the last step. */
  now: number;
}

/** The kernel's inputs (src/sim/node.ts) with ZooKeeper's packets; a request comes from a client connected to this server. */
export type PeerInput = NodeInput<WireMessage, ClientRequest, Channel>;

export type PeerEvent =
  /** A role change; a server going back to LOOKING says why, as ZooKeeper logs it. */
  | { kind: 'state'; from: ServerState | 'DOWN'; to: ServerState; reason?: ZkLogLine }
  | { kind: 'election-start'; logicalclock: number; vote: Vote }
  | { kind: 'vote-change'; logicalclock: number; vote: Vote; because: Sid }
  | { kind: 'elected'; leader: Sid; logicalclock: number; vote: Vote }
  /** One of ZooKeeper's own log lines (src/protocol/zkLog.ts), as a key and values. */
  | { kind: 'zab'; log: ZkLogLine; detail?: Record<string, number | string> }
  /** A txn was applied to this server's DataTree. */
  | { kind: 'applied'; zxid: number }
  /** The leader assigned a zxid to a new proposal. */
  | { kind: 'proposed'; zxid: number }
  /** The leader became established: a quorum ACKed its new epoch. */
  | { kind: 'established'; epoch: number }
  /** The leader chose how to synchronize a learner. */
  | { kind: 'sync'; learner: Sid; mode: string; peerLastZxid: number };

export type PeerOutput = NodeOutput<WireMessage, PeerEvent, DiskOp, ClientReply, Channel>;

/** Collects a step's outputs (the kernel's NodeContext over ZooKeeper's vocabulary). Passed to every handler of the protocol. */
export class PeerContext extends NodeContext<WireMessage, PeerEvent, DiskOp, ClientReply, Channel> {
  constructor(peer: QuorumPeer, now: number) {
    super(peer, now, (op) => applyDiskOp(peer.disk, op));
  }
}

export type PeerInit = NodeInit<QuorumConfig, PeerDisk>;

export function createPeer(init: PeerInit): QuorumPeer {
  const disk = structuredClone(init.disk);
  // QuorumPeerConfig: a zoo.cfg.dynamic written by an activated reconfig wins over the static members
  const config = disk.dynamicConfig ? withConfig(init.config, disk.dynamicConfig) : init.config;
  const learnerType: LearnerType = learnerTypeIn(activeConfig(config), init.myid, config.observers.includes(init.myid) ? 'OBSERVER' : 'PARTICIPANT');
  // zoo.cfg.dynamic.next: a reconfig this server logged and never saw committed is its last seen config.
  const lastSeen = config.reconfigEnabled ? lastSeenOnDisk(disk.log, activeConfig(config)) : undefined;
  return {
    myid: init.myid,
    learnerType,
    config,
    ...(lastSeen ? { lastSeen } : {}),
    state: 'LOOKING',
    currentVote: {
      id: init.myid, zxid: lastLoggedZxid(disk), electionEpoch: 0, peerEpoch: disk.currentEpoch,
      state: 'LOOKING', version: NOTIFICATION_VERSION,
    },
    disk,
    fle: initialFleState(),
    zab: initialZabState(),
    server: initialServerSide(),
    timers: {},
    nextTimerToken: 0,
    now: 0,
  };
}

/** The one entry point: feed an input, get the outputs. Mutates `peer`. */
export function stepPeer(peer: QuorumPeer, input: PeerInput, now: number): PeerOutput[] {
  peer.now = now;
  const ctx = new PeerContext(peer, now);
  switch (input.type) {
    case 'start':
      // BUG SWITCH forgetAcceptedEpoch: the acceptedEpoch file is lost at every restart
      // (correct: it survives a crash, so no epoch a server accepted is ever proposed again).
      if (hasBug(peer.config, 'forgetAcceptedEpoch') && peer.disk.acceptedEpoch !== 0) ctx.persist({ op: 'acceptedEpoch', value: 0 });
      ctx.event({ kind: 'state', from: 'DOWN', to: 'LOOKING' });
      peer.state = 'LOOKING';
      lookForLeader(peer, ctx);
      break;
    case 'message':
      if (input.channel === 'election') {
        if (input.msg.type === 'NOTIFICATION') onNotification(peer, input.from, input.msg, ctx);
      } else if (input.channel === 'client') {
        onClientPacket(peer, input.from, input.msg as ClientPacket, ctx);
      } else {
        onQuorumPacket(peer, input.from, input.msg as QuorumPacket, ctx);
      }
      break;
    case 'timer': {
      if (!takeTimer(peer, input)) break;
      if (!onFleTimer(peer, input.name, ctx)) {
        if (input.name === 'observer.electionDelay') lookForLeader(peer, ctx);
        else if (input.name === 'session.expire') onSessionTimer(peer, ctx);
        else if (input.name === 'container.check') onContainerTimer(peer, ctx);
        else onZabTimer(peer, input.name, ctx);
      }
      break;
    }
    case 'connectionLost':
      if (input.channel === 'quorum') onQuorumConnectionLost(peer, input.peer, ctx);
      else if (input.channel === 'client') onClientConnectionLost(peer, input.peer);
      break;
    case 'request':
      // A load client's read: served here from this server's tree (FinalRequestProcessor's getData).
      if (isLoadRead(input.req)) {
        serveLoadRead(peer, input.req, ctx);
        break;
      }
      if (!submitRequest(peer, input.req, ctx)) {
        ctx.reply({ sessionId: input.req.sessionId, cxid: input.req.cxid, zxid: -1, err: -4, type: 'error' });
      }
      break;
  }
  return ctx.out;
}

/** A load client's getData, answered from this server's own DataTree (ConnectionLoss while it is not serving). */
function serveLoadRead(peer: QuorumPeer, req: LoadRead, ctx: PeerContext): void {
  const db = peer.zab.db;
  if (!peer.zab.serving || !db) {
    ctx.reply({ sessionId: req.sessionId, cxid: req.cxid, zxid: -1, err: -4, type: 'error' });
    return;
  }
  const r = getDataRead(db.tree, req.request.path, [], false);
  ctx.reply({ sessionId: req.sessionId, cxid: req.cxid, zxid: db.tree.lastProcessedZxid, err: r.ok ? 0 : r.code, type: 'getData' });
}

/**
 * setPeerState: the election chose a role, or a role ended (back to LOOKING, as
 * QuorumPeer.run's `finally { updateServerState() }` does). Starting LOOKING starts the next
 * election at once, except that an observer first waits observer.election.DelayMs.
 */
export function setPeerState(peer: QuorumPeer, next: ServerState, ctx: PeerContext, reason?: ZkLogLine): void {
  const prev = peer.state;
  if (prev !== 'LOOKING') stopRole(peer, ctx);
  peer.state = next;
  ctx.event(reason ? { kind: 'state', from: prev, to: next, reason } : { kind: 'state', from: prev, to: next });
  if (next === 'LOOKING') {
    if (peer.learnerType === 'OBSERVER' && prev === 'OBSERVING') {
      ctx.setTimer('observer.electionDelay', peer.config.observerElectionDelayMs);
    } else {
      lookForLeader(peer, ctx);
    }
    return;
  }
  startRole(peer, ctx);
}

/** A small summary of a server for the UI and `lab status` (no big arrays). */
export interface PeerView {
  myid: Sid;
  learnerType: LearnerType;
  state: ServerState;
  currentVote: Vote;
  logicalclock: number;
  proposal: { leader: Sid; zxid: number; peerEpoch: number } | null;
  acceptedEpoch: number;
  currentEpoch: number;
  lastLoggedZxid: number;
  zab: ZabView;
  /**
   * reconfigEnabled: the committed config's version (getQuorumVerifier) and the last seen one's
   * (getLastSeenQuorumVerifier; larger while a reconfig is in flight). Absent otherwise.
   */
  configVersions?: { committed: number; lastSeen: number };
  /**
   * A participant its own config does not count as a voter (QuorumPeer.updateLearnerType's
   * "non-voting participant": a server started with `lab add voter` before `reconfig -add`, or a
   * removed one). As a follower it syncs and serves, and its ACKs count for no quorum
   * (Leader.getNonVotingFollowers).
   */
  nonVoting?: true;
}

/**
 * Each live peer's last view. The kernel asks for a view after every step, and most steps (an
 * ACK at the leader, a PING at a follower) leave most of it as it was: the parts that are equal to
 * the last view's are that view's own objects (views are never changed once made), and an
 * unchanged view is the last one itself — no garbage per step for the collector.
 */
const lastViews = new WeakMap<QuorumPeer, { view: PeerView; vote: Vote }>();

export function peerView(peer: QuorumPeer): PeerView {
  const last = lastViews.get(peer);
  const prev = last?.view;
  // A vote is replaced, never changed in place: the same object is the same vote.
  const currentVote = last !== undefined && (last.vote === peer.currentVote || shallowEqual(last.view.currentVote, peer.currentVote))
    ? last.view.currentVote
    : { ...peer.currentVote };
  const view = buildPeerView(peer, prev, currentVote);
  if (last === undefined) lastViews.set(peer, { view, vote: peer.currentVote });
  else {
    last.view = view;
    last.vote = peer.currentVote;
  }
  return view;
}

function buildPeerView(peer: QuorumPeer, prev: PeerView | undefined, currentVote: Vote): PeerView {
  const f = peer.fle;
  const p = prev?.proposal;
  const proposal = !f.running ? null
    : p && p.leader === f.proposedLeader && p.zxid === f.proposedZxid && p.peerEpoch === f.proposedEpoch ? p
    : { leader: f.proposedLeader, zxid: f.proposedZxid, peerEpoch: f.proposedEpoch };
  const acceptedEpoch = peer.disk.acceptedEpoch;
  const currentEpoch = peer.disk.currentEpoch;
  const lastLogged = lastLoggedZxid(peer.disk);
  const zab = zabView(peer, prev?.zab);
  let configVersions: PeerView['configVersions'];
  if (peer.config.reconfigEnabled) {
    const committed = activeConfig(peer.config).version;
    const lastSeen = lastSeenConfig(peer).version;
    const c = prev?.configVersions;
    configVersions = c && c.committed === committed && c.lastSeen === lastSeen ? c : { committed, lastSeen };
  }
  const nonVoting = peer.learnerType === 'PARTICIPANT' && !peer.config.voters.includes(peer.myid);
  if (
    prev !== undefined && prev.myid === peer.myid && prev.learnerType === peer.learnerType && prev.state === peer.state &&
    prev.currentVote === currentVote && prev.logicalclock === f.logicalclock && prev.proposal === proposal &&
    prev.acceptedEpoch === acceptedEpoch && prev.currentEpoch === currentEpoch && prev.lastLoggedZxid === lastLogged &&
    prev.zab === zab && prev.configVersions === configVersions && (prev.nonVoting === true) === nonVoting
  ) {
    return prev;
  }
  // Built field by field (no spreads), in the same key order.
  const view: PeerView = {
    myid: peer.myid,
    learnerType: peer.learnerType,
    state: peer.state,
    currentVote,
    logicalclock: f.logicalclock,
    proposal,
    acceptedEpoch,
    currentEpoch,
    lastLoggedZxid: lastLogged,
    zab,
  };
  if (configVersions !== undefined) view.configVersions = configVersions;
  if (nonVoting) view.nonVoting = true;
  return view;
}

/** Same own keys with the same values (a view's copy of a plain-data record). */
function shallowEqual(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in y) {
    if (!Object.hasOwn(x, k) || x[k] !== y[k]) return false;
    n += 1;
  }
  for (const _k in x) n -= 1;
  return n === 0;
}
