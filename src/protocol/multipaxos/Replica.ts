/**
 * One Multi-Paxos replica (proposer + acceptor + learner) as a pure state machine, shaped like
 * src/protocol/QuorumPeer.ts:
 *
 *   stepReplica(node, input, now) -> outputs
 *
 * Paxos Made Simple §3 ("Implementing a State Machine"): the log is a sequence of Paxos instances,
 * one per slot (日志槽 / 实例). A replica that has heard no leader for its election timeout becomes a
 * candidate and runs phase 1 ONCE for every slot from its first unchosen slot on (PREPARE{ballot,
 * fromSlot}); each acceptor answers with one PROMISE carrying what it accepted in all those slots.
 * With a majority (过半) of promises it is the leader: per slot it proposes again the value with the
 * highest ballot reported (P2c), fills every hole below the highest reported slot with a no-op, and
 * then serves each new client value with phase 2 only (ACCEPT → ACCEPTED). A value is chosen (选定) in
 * a slot when a majority ACCEPTED (ballot, slot).
 *
 * Learning: ACCEPTED goes to the leader only — the leader is the distinguished learner of Paxos Made
 * Simple §2.3 (the acceptors tell a distinguished learner, which informs the other learners when a
 * value is chosen). When a majority has ACCEPTED a slot the leader sends CHOSEN (the
 * commit) to every replica. A replica that misses CHOSEN notices from the leader's HEARTBEAT
 * (chosenUpTo above its executed watermark) and asks for it again (CATCHUP → CHOSEN). Slots may be
 * chosen out of order (slot k+1 before slot k when ACCEPTs for k are late or lost and retransmitted);
 * every replica executes strictly in order: its executed watermark is the highest slot with every
 * slot up to it chosen.
 *
 * Datagrams only (channel `mp`): every message may be lost or duplicated. Lost ACCEPT/ACCEPTED are
 * retransmitted by the leader each heartbeat; lost PREPARE/PROMISE make the candidate try again with
 * a higher ballot; lost CHOSEN are caught up; duplicates are idempotent.
 */
import type { NodeInit } from '../../sim/module.ts';
import { NodeContext, takeTimer, type NodeId, type NodeInput, type NodeOutput } from '../../sim/node.ts';
import { Rng } from '../../sim/rng.ts';
import { deepClone } from '../../sim/clone.ts';
import { compareBallots, maxBallot, sameBallot } from './ballot.ts';
import { acceptedSlotsFrom, applyMpDiskOp } from './disk.ts';
import {
  hasBug, nodeName, quorumSize, replicaIds, type Ballot, type MpChannel, type MpContext, type MpDisk, type MpDiskOp,
  type MpEvent, type MpMsg, type MpReply, type MpRequest, type MpValue, type MultiPaxosConfig, type MultiPaxosNode,
  type PromisedSlot,
} from './types.ts';

export type MpInput = NodeInput<MpMsg, MpRequest, MpChannel>;
export type MpOutput = NodeOutput<MpMsg, MpEvent, MpDiskOp, MpReply, MpChannel>;

/** Timer names. */
export const ELECTION_TIMER = 'election';
export const HEARTBEAT_TIMER = 'heartbeat';
/** At most this many CHOSEN answer one CATCHUP (the replica asks again at the next heartbeat). */
export const CATCHUP_BATCH = 32;

/**
 * The election stagger: a seeded permutation of the replicas. The replica at position k waits
 * electionTimeoutMs + k·⌊electionTimeoutMs/N⌋ (+ a small seeded jitter below a quarter of that step)
 * before it runs phase 1, so the one at position 0 normally times out first and alone — elections
 * rarely tie — and a learner can read from the seed who will lead first (and next, if it dies).
 */
export function electionOrder(cfg: MultiPaxosConfig): NodeId[] {
  const rng = new Rng(cfg.seed).child('multipaxos/election-order');
  const ids = replicaIds(cfg);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return ids;
}

export function createReplica(init: NodeInit<MultiPaxosConfig, MpDisk>): MultiPaxosNode {
  const cfg = init.config;
  const disk = deepClone(init.disk);
  return {
    id: init.myid,
    name: nodeName(cfg, init.myid),
    config: cfg,
    disk,
    role: 'follower',
    ballot: null,
    leader: null,
    leaderBallot: null,
    maxRoundSeen: disk.maxRound,
    rank: electionOrder(cfg).indexOf(init.myid),
    electionAfterMs: 0,
    phase1: null,
    inFlight: {},
    nextSlot: 1,
    chosen: {},
    executed: 0,
    pendingReplies: {},
    rng: new Rng(cfg.seed).child(`multipaxos/r${init.myid}`).save(),
    timers: {},
    nextTimerToken: 0,
    now: 0,
  };
}

/** The one entry point: feed an input, get the outputs. Mutates `node`. */
export function stepReplica(node: MultiPaxosNode, input: MpInput, now: number): MpOutput[] {
  node.now = now;
  const ctx: MpContext = new NodeContext<MpMsg, MpEvent, MpDiskOp, MpReply, MpChannel>(node, now, (op) => applyMpDiskOp(node.disk, op));
  switch (input.type) {
    case 'start':
      // A (re)started replica is a follower that knows no leader; its disk holds its promise and
      // accepted proposals, and it learns the chosen log again from the leader (CATCHUP).
      armElectionTimer(node, ctx);
      break;
    case 'message':
      onMessage(node, input.from, input.msg, ctx);
      break;
    case 'timer':
      if (!takeTimer(node, input)) break;
      if (input.name === ELECTION_TIMER) onElectionTimeout(node, ctx);
      else if (input.name === HEARTBEAT_TIMER) onHeartbeatTick(node, ctx);
      break;
    case 'connectionLost':
      // Datagrams: there are no connections to lose.
      break;
    case 'request':
      onRequest(node, input.req, ctx);
      break;
  }
  return ctx.out;
}

// ---------------------------------------------------------------- helpers

function name(node: MultiPaxosNode, id: NodeId): string {
  return nodeName(node.config, id);
}

function broadcast(node: MultiPaxosNode, msg: MpMsg, ctx: MpContext): void {
  for (const id of replicaIds(node.config)) if (id !== node.id) ctx.send(id, 'mp', msg);
}

function seeRound(node: MultiPaxosNode, round: number): void {
  if (round > node.maxRoundSeen) node.maxRoundSeen = round;
}

function electionTimeoutMs(node: MultiPaxosNode): number {
  const cfg = node.config;
  const step = Math.floor(cfg.electionTimeoutMs / cfg.replicas);
  const rng = Rng.restore(node.rng);
  const jitter = rng.int(0, Math.floor(step / 4));
  node.rng = rng.save();
  return cfg.electionTimeoutMs + node.rank * step + jitter;
}

function armElectionTimer(node: MultiPaxosNode, ctx: MpContext): void {
  node.electionAfterMs = electionTimeoutMs(node);
  ctx.setTimer(ELECTION_TIMER, node.electionAfterMs);
}

/** What the acceptor reports in a PROMISE: its accepted proposal in every slot ≥ fromSlot. */
function promisedSlots(disk: MpDisk, fromSlot: number): PromisedSlot[] {
  return acceptedSlotsFrom(disk, fromSlot).map((slot) => {
    const a = disk.accepted[slot]!;
    return { slot, ballot: a.ballot, value: a.value };
  });
}

/** The highest slot this replica knows anything of: executed, chosen or accepted. */
function highestKnownSlot(node: MultiPaxosNode): number {
  let max = node.executed;
  for (const k of Object.keys(node.chosen)) max = Math.max(max, Number(k));
  for (const k of Object.keys(node.disk.accepted)) max = Math.max(max, Number(k));
  return max;
}

// ---------------------------------------------------------------- messages

function onMessage(node: MultiPaxosNode, from: NodeId, msg: MpMsg, ctx: MpContext): void {
  switch (msg.type) {
    case 'PREPARE': onPrepare(node, from, msg, ctx); break;
    case 'PROMISE': onPromise(node, from, msg, ctx); break;
    case 'NACK': onNack(node, from, msg, ctx); break;
    case 'ACCEPT': onAccept(node, from, msg, ctx); break;
    case 'ACCEPTED': onAccepted(node, from, msg.ballot, msg.slot, ctx); break;
    case 'CHOSEN': learn(node, msg.slot, msg.value, null, [], ctx); break;
    case 'HEARTBEAT': onHeartbeat(node, from, msg, ctx); break;
    case 'CATCHUP': onCatchup(node, from, msg.fromSlot, ctx); break;
  }
}

/** The acceptor refuses `packet` for `ballot`: it names the highest ballot it knows (promised or followed). */
function nack(node: MultiPaxosNode, to: NodeId, packet: 'PREPARE' | 'ACCEPT' | 'HEARTBEAT', ballot: Ballot, ctx: MpContext): void {
  const promised = maxBallot(node.disk.promised, node.leaderBallot)!;
  ctx.send(to, 'mp', { type: 'NACK', ballot, promised });
  ctx.event({ kind: 'nack', node: node.name, to: name(node, to), packet, ballot, promised });
}

/** A leader or candidate saw a higher ballot: it becomes a follower (Paxos Made Simple §3: a new leader was chosen). */
function stepDown(node: MultiPaxosNode, higher: Ballot, from: NodeId, ctx: MpContext): void {
  const was = node.role === 'leader' ? 'leader' : 'candidate';
  ctx.event({ kind: 'stepped-down', node: node.name, ballot: node.ballot!, higher, from: name(node, from), was });
  node.role = 'follower';
  node.ballot = null;
  node.phase1 = null;
  node.inFlight = {};
  if (node.leader === node.id) {
    node.leader = null;
    node.leaderBallot = null;
  }
  ctx.cancelTimer(HEARTBEAT_TIMER);
  armElectionTimer(node, ctx);
}

/** A follower follows the sender of a HEARTBEAT or ACCEPT whose ballot is at least the leader's it knows. */
function followLeader(node: MultiPaxosNode, leader: NodeId, ballot: Ballot, ctx: MpContext): boolean {
  if (node.role !== 'follower' || compareBallots(ballot, node.leaderBallot) < 0) return false;
  if (node.leader !== leader || !sameBallot(node.leaderBallot, ballot)) {
    ctx.event({ kind: 'follow', node: node.name, leader: name(node, leader), ballot });
  }
  node.leader = leader;
  node.leaderBallot = ballot;
  return true;
}

// ---------------------------------------------------------------- phase 1

function onElectionTimeout(node: MultiPaxosNode, ctx: MpContext): void {
  if (node.role === 'leader') return;
  const cfg = node.config;
  // A round above every round this replica has used, promised or seen: (round, id) is new.
  const round = Math.max(node.maxRoundSeen, node.disk.maxRound, node.disk.promised?.round ?? 0) + 1;
  ctx.persist({ op: 'round', round });
  seeRound(node, round);
  const ballot: Ballot = { round, replica: node.id };
  ctx.event({
    kind: 'election-timeout', node: node.name, ballot, afterMs: node.electionAfterMs,
    lastLeader: node.leader === null ? null : name(node, node.leader),
  });
  node.leader = null;
  node.leaderBallot = null;
  node.ballot = ballot;
  // Its own acceptor promises first (a local step, never a message to itself).
  ctx.persist({ op: 'promise', ballot });

  if (hasBug(cfg, 'skipPhase1')) {
    // BUG SWITCH skipPhase1: the new leader takes over with its higher ballot at once, without
    // phase 1: it never learns what a majority accepted and proposes from the slot after the
    // highest it knows itself — so it can put a new value in a slot that is already chosen, which a
    // majority accepts (its ballot is higher than their promises) (correct: PREPARE to all, wait for
    // a majority of PROMISEs, re-propose in each slot the value with the highest ballot reported
    // and fill the holes with no-ops — Paxos Made Simple §3).
    node.role = 'leader';
    node.phase1 = null;
    node.leader = node.id;
    node.leaderBallot = ballot;
    node.nextSlot = highestKnownSlot(node) + 1;
    ctx.event({
      kind: 'leader', node: node.name, ballot, promises: [], fromSlot: node.nextSlot, reproposed: [], noops: [],
      nextSlot: node.nextSlot, skippedPhase1: true,
    });
    startLeading(node, ctx);
    return;
  }

  node.role = 'candidate';
  const fromSlot = node.executed + 1;
  const own = promisedSlots(node.disk, fromSlot);
  node.phase1 = { fromSlot, promises: { [node.id]: { accepted: own, chosenUpTo: node.executed } } };
  ctx.event({ kind: 'prepare', node: node.name, ballot, fromSlot });
  broadcast(node, { type: 'PREPARE', ballot, fromSlot }, ctx);
  ctx.event({ kind: 'promise', node: node.name, to: node.name, ballot, fromSlot, slots: own.map((a) => a.slot) });
  // If no majority promises in time, it tries again with a higher ballot.
  armElectionTimer(node, ctx);
  maybeWinPhase1(node, ctx);
}

function onPrepare(node: MultiPaxosNode, from: NodeId, msg: Extract<MpMsg, { type: 'PREPARE' }>, ctx: MpContext): void {
  // P1a: promise only a ballot at least as high as every ballot promised (equal: a duplicate PREPARE).
  if (compareBallots(msg.ballot, node.disk.promised) < 0) {
    nack(node, from, 'PREPARE', msg.ballot, ctx);
    return;
  }
  seeRound(node, msg.ballot.round);
  const wasFollower = node.role === 'follower';
  if (!wasFollower && compareBallots(msg.ballot, node.ballot) > 0) stepDown(node, msg.ballot, from, ctx);
  if (compareBallots(msg.ballot, node.disk.promised) > 0) ctx.persist({ op: 'promise', ballot: msg.ballot });
  // A higher ballot is being prepared: the leader it followed is being replaced.
  if (node.role === 'follower' && node.leader !== null && compareBallots(msg.ballot, node.leaderBallot) > 0) node.leader = null;
  const accepted = promisedSlots(node.disk, msg.fromSlot);
  ctx.send(from, 'mp', { type: 'PROMISE', ballot: msg.ballot, fromSlot: msg.fromSlot, accepted, chosenUpTo: node.executed });
  ctx.event({ kind: 'promise', node: node.name, to: name(node, from), ballot: msg.ballot, fromSlot: msg.fromSlot, slots: accepted.map((a) => a.slot) });
  // Give the candidate time to win before running for leader itself.
  if (wasFollower) armElectionTimer(node, ctx);
}

function onPromise(node: MultiPaxosNode, from: NodeId, msg: Extract<MpMsg, { type: 'PROMISE' }>, ctx: MpContext): void {
  if (node.role !== 'candidate' || node.phase1 === null || !sameBallot(msg.ballot, node.ballot)) return;
  node.phase1.promises[from] = { accepted: msg.accepted, chosenUpTo: msg.chosenUpTo };
  maybeWinPhase1(node, ctx);
}

function onNack(node: MultiPaxosNode, from: NodeId, msg: Extract<MpMsg, { type: 'NACK' }>, ctx: MpContext): void {
  seeRound(node, msg.promised.round);
  if (node.role === 'follower' || !sameBallot(msg.ballot, node.ballot)) return;
  if (compareBallots(msg.promised, node.ballot) <= 0) return;
  stepDown(node, msg.promised, from, ctx);
}

function maybeWinPhase1(node: MultiPaxosNode, ctx: MpContext): void {
  const p1 = node.phase1;
  if (node.role !== 'candidate' || p1 === null) return;
  if (Object.keys(p1.promises).length < quorumSize(node.config)) return;
  becomeLeader(node, ctx);
}

/**
 * A quorum promised: the candidate leads. Paxos Made Simple §3: for every slot from its first
 * unchosen one up to the highest slot any promise reported, it proposes the value with the highest
 * ballot reported there (P2c, per instance) or, if none was, a no-op; new values go above.
 */
function becomeLeader(node: MultiPaxosNode, ctx: MpContext): void {
  const p1 = node.phase1!;
  const ballot = node.ballot!;
  node.phase1 = null;
  node.role = 'leader';
  node.leader = node.id;
  node.leaderBallot = ballot;
  ctx.cancelTimer(ELECTION_TIMER);

  const best = new Map<number, { ballot: Ballot; value: MpValue; by: NodeId[] }>();
  let maxSlot = node.executed;
  let catchupFrom: NodeId | null = null;
  let bestChosenUpTo = node.executed;
  const promisers = Object.keys(p1.promises).map(Number).sort((a, b) => a - b);
  for (const id of promisers) {
    const p = p1.promises[id]!;
    for (const e of p.accepted) {
      if (e.slot < p1.fromSlot) continue;
      maxSlot = Math.max(maxSlot, e.slot);
      const cur = best.get(e.slot);
      const c = cur === undefined ? 1 : compareBallots(e.ballot, cur.ballot);
      if (c > 0) best.set(e.slot, { ballot: e.ballot, value: e.value, by: [id] });
      else if (c === 0 && cur !== undefined) cur.by.push(id);
    }
    if (id !== node.id && p.chosenUpTo > bestChosenUpTo) {
      bestChosenUpTo = p.chosenUpTo;
      catchupFrom = id;
    }
  }
  for (const k of Object.keys(node.chosen)) maxSlot = Math.max(maxSlot, Number(k));

  const reproposed: number[] = [];
  const noops: number[] = [];
  for (let s = p1.fromSlot; s <= maxSlot; s++) {
    if (node.chosen[s] !== undefined) continue;
    if (best.has(s)) reproposed.push(s);
    else noops.push(s);
  }
  node.nextSlot = maxSlot + 1;
  ctx.event({
    kind: 'leader', node: node.name, ballot, promises: promisers.map((id) => name(node, id)), fromSlot: p1.fromSlot,
    reproposed, noops, nextSlot: node.nextSlot, skippedPhase1: false,
  });
  startLeading(node, ctx);
  for (let s = p1.fromSlot; s <= maxSlot; s++) {
    if (node.chosen[s] !== undefined) continue;
    const b = best.get(s);
    if (b !== undefined) {
      ctx.event({ kind: 'reproposed', node: node.name, slot: s, value: b.value, from: b.ballot, reportedBy: b.by.map((id) => name(node, id)) });
      propose(node, s, b.value, ctx);
    } else {
      ctx.event({ kind: 'noop-filled', node: node.name, slot: s });
      propose(node, s, null, ctx);
    }
  }
  // A promise showed a longer chosen prefix than its own: learn it from that replica.
  if (catchupFrom !== null) ctx.send(catchupFrom, 'mp', { type: 'CATCHUP', fromSlot: node.executed + 1 });
}

// ---------------------------------------------------------------- phase 2

function startLeading(node: MultiPaxosNode, ctx: MpContext): void {
  broadcast(node, { type: 'HEARTBEAT', ballot: node.ballot!, chosenUpTo: node.executed }, ctx);
  ctx.setTimer(HEARTBEAT_TIMER, node.config.heartbeatMs);
}

/** Phase 2 for one slot: ACCEPT to every replica; its own acceptor accepts at once. */
function propose(node: MultiPaxosNode, slot: number, value: MpValue, ctx: MpContext): void {
  const ballot = node.ballot!;
  node.inFlight[slot] = { value, acks: [], sentAt: node.now };
  ctx.event({ kind: 'accept-sent', node: node.name, slot, ballot, value, again: false });
  broadcast(node, { type: 'ACCEPT', ballot, slot, value }, ctx);
  if (compareBallots(ballot, node.disk.promised) >= 0) {
    ctx.persist({ op: 'accept', slot, ballot, value });
    ctx.event({ kind: 'accepted', node: node.name, slot, ballot, value, leader: node.name });
    onAccepted(node, node.id, ballot, slot, ctx);
  }
}

function onAccept(node: MultiPaxosNode, from: NodeId, msg: Extract<MpMsg, { type: 'ACCEPT' }>, ctx: MpContext): void {
  // P1a: accept unless a higher ballot was promised.
  if (compareBallots(msg.ballot, node.disk.promised) < 0) {
    nack(node, from, 'ACCEPT', msg.ballot, ctx);
    return;
  }
  seeRound(node, msg.ballot.round);
  const wasFollower = node.role === 'follower';
  if (!wasFollower && compareBallots(msg.ballot, node.ballot) > 0) stepDown(node, msg.ballot, from, ctx);
  const cur = node.disk.accepted[msg.slot];
  // A duplicate ACCEPT is answered again but changes nothing.
  if (cur === undefined || !sameBallot(cur.ballot, msg.ballot) || cur.value !== msg.value) {
    ctx.persist({ op: 'accept', slot: msg.slot, ballot: msg.ballot, value: msg.value });
    ctx.event({ kind: 'accepted', node: node.name, slot: msg.slot, ballot: msg.ballot, value: msg.value, leader: name(node, from) });
  }
  ctx.send(from, 'mp', { type: 'ACCEPTED', ballot: msg.ballot, slot: msg.slot });
  if (followLeader(node, from, msg.ballot, ctx) && wasFollower) armElectionTimer(node, ctx);
}

function onAccepted(node: MultiPaxosNode, from: NodeId, ballot: Ballot, slot: number, ctx: MpContext): void {
  if (node.role !== 'leader' || !sameBallot(ballot, node.ballot)) return;
  const f = node.inFlight[slot];
  if (f === undefined) return;
  if (!f.acks.includes(from)) f.acks.push(from);
  if (f.acks.length < quorumSize(node.config)) return;
  // A quorum accepted (ballot, slot): the value is chosen. Tell everyone (the commit).
  delete node.inFlight[slot];
  broadcast(node, { type: 'CHOSEN', slot, value: f.value }, ctx);
  learn(node, slot, f.value, ballot, f.acks.slice().sort((a, b) => a - b), ctx);
}

/**
 * The learner marks `slot` chosen and executes every chosen slot that now continues the executed
 * prefix, in order. `ballot`/`by`: the quorum the leader counted (null/[] for a CHOSEN message).
 */
function learn(node: MultiPaxosNode, slot: number, value: MpValue, ballot: Ballot | null, by: NodeId[], ctx: MpContext): void {
  // Chosen values never change: the first learned is kept (a second, different one can only come
  // from a bug switch; the checker reports it).
  if (node.chosen[slot] !== undefined || slot <= node.executed) return;
  node.chosen[slot] = value;
  delete node.inFlight[slot];
  if (node.role === 'leader' && slot >= node.nextSlot) node.nextSlot = slot + 1;
  ctx.event({ kind: 'chosen', node: node.name, slot, value, ballot, by: by.map((id) => name(node, id)) });
  if (ballot !== null && slot > node.executed + 1) {
    // Multi-Paxos allows it (each slot is its own instance); ZAB's primary order never does.
    ctx.event({ kind: 'chosen-out-of-order', node: node.name, slot, waitingFor: node.executed + 1 });
  }
  for (;;) {
    const next = node.chosen[node.executed + 1];
    if (next === undefined) break;
    node.executed++;
    ctx.event({ kind: 'executed', node: node.name, slot: node.executed, value: next });
  }
  const asked = node.pendingReplies[slot];
  if (asked !== undefined) {
    delete node.pendingReplies[slot];
    if (value === asked) ctx.reply({ type: 'chosen', slot, value: asked });
    else ctx.reply({ type: 'not-chosen', slot, value: asked, chosen: value });
  }
}

// ---------------------------------------------------------------- heartbeats, catch-up, requests

function onHeartbeatTick(node: MultiPaxosNode, ctx: MpContext): void {
  if (node.role !== 'leader' || node.ballot === null) return;
  const ballot = node.ballot;
  broadcast(node, { type: 'HEARTBEAT', ballot, chosenUpTo: node.executed }, ctx);
  // Retransmit ACCEPTs a majority has not answered for a heartbeat, to the replicas that have not.
  const slots = Object.keys(node.inFlight).map(Number).sort((a, b) => a - b);
  for (const slot of slots) {
    const f = node.inFlight[slot]!;
    if (node.now - f.sentAt < node.config.heartbeatMs) continue;
    f.sentAt = node.now;
    ctx.event({ kind: 'accept-sent', node: node.name, slot, ballot, value: f.value, again: true });
    for (const id of replicaIds(node.config)) {
      if (id !== node.id && !f.acks.includes(id)) ctx.send(id, 'mp', { type: 'ACCEPT', ballot, slot, value: f.value });
    }
  }
  ctx.setTimer(HEARTBEAT_TIMER, node.config.heartbeatMs);
}

function onHeartbeat(node: MultiPaxosNode, from: NodeId, msg: Extract<MpMsg, { type: 'HEARTBEAT' }>, ctx: MpContext): void {
  // A leader below the promise (or below the leader it follows) is stale: tell it so.
  if (compareBallots(msg.ballot, maxBallot(node.disk.promised, node.leaderBallot)) < 0) {
    nack(node, from, 'HEARTBEAT', msg.ballot, ctx);
    return;
  }
  seeRound(node, msg.ballot.round);
  const wasFollower = node.role === 'follower';
  if (!wasFollower) {
    if (compareBallots(msg.ballot, node.ballot) <= 0) return;
    stepDown(node, msg.ballot, from, ctx);
  }
  followLeader(node, from, msg.ballot, ctx);
  if (wasFollower) armElectionTimer(node, ctx);
  // Behind the leader's chosen prefix (a CHOSEN was lost, or it restarted): ask for what it missed.
  if (msg.chosenUpTo > node.executed) ctx.send(from, 'mp', { type: 'CATCHUP', fromSlot: node.executed + 1 });
}

/** Any replica answers CATCHUP with the chosen values it knows from fromSlot on (up to CATCHUP_BATCH). */
function onCatchup(node: MultiPaxosNode, from: NodeId, fromSlot: number, ctx: MpContext): void {
  const slots = Object.keys(node.chosen).map(Number).filter((s) => s >= fromSlot).sort((a, b) => a - b);
  for (const slot of slots.slice(0, CATCHUP_BATCH)) {
    ctx.send(from, 'mp', { type: 'CHOSEN', slot, value: node.chosen[slot] as MpValue });
  }
}

function onRequest(node: MultiPaxosNode, req: MpRequest, ctx: MpContext): void {
  if (req.type !== 'propose' || typeof req.value !== 'string') return;
  if (node.role === 'leader' && node.ballot !== null) {
    // Phase 2 only: the leader's phase 1 already covers every fresh slot.
    const slot = node.nextSlot++;
    node.pendingReplies[slot] = req.value;
    propose(node, slot, req.value, ctx);
    return;
  }
  const leader = node.role === 'follower' && node.leader !== null ? name(node, node.leader) : null;
  ctx.event({ kind: 'redirect', node: node.name, value: req.value, leader });
  ctx.reply({ type: 'redirect', value: req.value, leader });
}
