/**
 * The Proposer (Paxos Made Simple §2.2 "Phase 1 / Phase 2", §2.4 "Progress").
 *
 *  - Phase 1: pick a ballot n higher than any it has used or seen, PREPARE n to every acceptor,
 *    wait for PROMISEs for n from a quorum (过半的 Acceptor).
 *  - Phase 2: propose the value of the highest-numbered proposal reported in those promises —
 *    P2c ("the value of the highest-numbered proposal among the responses") — or, if none was
 *    reported, its own value; ACCEPT (n, v) to every acceptor. When a quorum ACCEPTED n, v is
 *    chosen (选定) and the proposer knows it.
 *  - A NACK for n (an acceptor promised a higher ballot) or its phase timer (retryTimeoutMs)
 *    makes it abandon n and retry with a higher ballot, as the config's retry policy says. It
 *    keeps retrying until it knows a chosen value — not necessarily its own.
 *
 * Ballots: round = 1 + the highest round it has seen (in promises and NACKs) or used (on disk, so
 * a restarted proposer never reuses a ballot); the proposer part is its index 1..P.
 */
import { Rng } from '../../sim/rng.ts';
import type { NodeId } from '../../sim/node.ts';
import { compareAs, sameBallot } from './ballot.ts';
import {
  acceptorIds, hasBug, nodeName, proposerId, quorumSize, roleIndex, type AcceptedProposal, type PaxosConfig,
  type PaxosContext, type PaxosMsg, type PaxosNode, type PromiseHeld, type ProposerState, type RetryReason,
} from './types.ts';

/** The timer of the current phase: when it fires, the ballot is given up. */
export const PHASE_TIMER = 'phase';
/** The timer of a delayed retry (backoff, or standing back under the leader policy). */
export const RETRY_TIMER = 'retry';

export function createProposerState(cfg: PaxosConfig, id: NodeId): ProposerState {
  return {
    index: roleIndex(cfg, id),
    value: null,
    waiting: 0,
    phase: 'idle',
    ballot: null,
    maxRoundSeen: 0,
    promises: [],
    proposal: null,
    acceptedBy: [],
    chosen: null,
    failures: 0,
    rng: new Rng(`${cfg.seed}:${id}`).save(),
    preemptedByLeaderAt: null,
    preemptedByLeader: null,
  };
}

function state(node: PaxosNode): ProposerState {
  if (node.proposer === null) throw new Error(`${node.name} is not a proposer`);
  return node.proposer;
}

/**
 * `propose v`: start a ballot now, unless one is in progress or a retry is pending (then v
 * replaces the pending value, used if phase 2 is free to choose). Once the proposer knows a
 * chosen value it answers at once with it.
 */
export function onPropose(node: PaxosNode, value: string, ctx: PaxosContext): void {
  const p = state(node);
  ctx.event({ kind: 'propose', node: node.name, value });
  if (p.chosen !== null) {
    ctx.reply({ type: 'chosen', value: p.chosen.value, ballot: p.chosen.ballot });
    return;
  }
  p.value = value;
  p.waiting += 1;
  if (p.phase === 'idle' && node.timers[RETRY_TIMER] === undefined) {
    p.failures = 0;
    startBallot(node, ctx);
  }
}

/** Phase 1a: a new ballot, PREPARE to every acceptor. */
function startBallot(node: PaxosNode, ctx: PaxosContext): void {
  const p = state(node);
  const cfg = node.config;
  const round = 1 + Math.max(p.maxRoundSeen, node.disk.round);
  ctx.persist({ op: 'round', round });
  const ballot = { round, proposer: p.index };
  p.ballot = ballot;
  p.phase = 'prepare';
  p.promises = [];
  p.proposal = null;
  p.acceptedBy = [];
  ctx.event({ kind: 'prepare', node: node.name, ballot, value: p.value ?? '' });
  for (const a of acceptorIds(cfg)) ctx.send(a, 'paxos', { type: 'PREPARE', ballot });
  ctx.setTimer(PHASE_TIMER, cfg.retryTimeoutMs);
}

export function onPromise(node: PaxosNode, from: NodeId, msg: Extract<PaxosMsg, { type: 'PROMISE' }>, ctx: PaxosContext): void {
  const p = state(node);
  p.maxRoundSeen = Math.max(p.maxRoundSeen, msg.ballot.round, msg.accepted?.ballot.round ?? 0);
  if (p.phase !== 'prepare' || !sameBallot(msg.ballot, p.ballot)) return; // late or duplicate
  const i = p.promises.findIndex((x) => x.from === from);
  if (i >= 0) p.promises[i] = { from, accepted: msg.accepted };
  else p.promises.push({ from, accepted: msg.accepted });
  if (p.promises.length >= quorumSize(node.config)) startAccept(node, ctx);
}

/**
 * The highest-numbered proposal reported in a set of promises (by the order the processes use)
 * and the acceptors that reported that very proposal.
 */
export function highestReported(cfg: PaxosConfig, promises: readonly PromiseHeld[]): { proposal: AcceptedProposal; from: NodeId[] } | null {
  let best: AcceptedProposal | null = null;
  for (const x of promises) {
    if (x.accepted !== null && (best === null || compareAs(cfg, x.accepted.ballot, best.ballot) > 0)) best = x.accepted;
  }
  if (best === null) return null;
  const b = best;
  const from = promises.filter((x) => x.accepted !== null && sameBallot(x.accepted.ballot, b.ballot) && x.accepted.value === b.value).map((x) => x.from);
  return { proposal: b, from };
}

/** Phase 2a: a quorum promised; choose the value (P2c) and ACCEPT it everywhere. */
function startAccept(node: PaxosNode, ctx: PaxosContext): void {
  const p = state(node);
  const cfg = node.config;
  const ballot = p.ballot!;
  const own = p.value ?? '';
  let value = own;
  const highest = highestReported(cfg, p.promises);
  // BUG SWITCH ignoreAcceptedValues: P2c is off — phase 2 always proposes the proposer's own
  // value, ignoring the proposals the promises reported (correct: the value of the
  // highest-numbered one of them, so a value that may have been chosen is proposed again).
  if (highest !== null && !hasBug(cfg, 'ignoreAcceptedValues')) {
    value = highest.proposal.value;
    if (value !== own) {
      ctx.event({
        kind: 'value-replaced', node: node.name, ballot, from: own, to: value,
        reportedBallot: highest.proposal.ballot, reportedBy: highest.from.map((a) => nodeName(cfg, a)),
      });
    }
  }
  p.phase = 'accept';
  p.proposal = value;
  p.acceptedBy = [];
  ctx.event({ kind: 'accept-sent', node: node.name, ballot, value, promises: p.promises.map((x) => nodeName(cfg, x.from)) });
  for (const a of acceptorIds(cfg)) ctx.send(a, 'paxos', { type: 'ACCEPT', ballot, value });
  ctx.setTimer(PHASE_TIMER, cfg.retryTimeoutMs);
}

export function onAccepted(node: PaxosNode, from: NodeId, msg: Extract<PaxosMsg, { type: 'ACCEPTED' }>, ctx: PaxosContext): void {
  const p = state(node);
  if (p.phase !== 'accept' || !sameBallot(msg.ballot, p.ballot)) return; // late or duplicate
  if (!p.acceptedBy.includes(from)) p.acceptedBy.push(from);
  if (p.acceptedBy.length < quorumSize(node.config)) return;
  // A quorum accepted (n, v): v is chosen, and this proposer knows it.
  const chosen = { ballot: msg.ballot, value: msg.value };
  p.phase = 'done';
  p.chosen = chosen;
  p.value = null;
  p.failures = 0;
  ctx.cancelTimer(PHASE_TIMER);
  ctx.cancelTimer(RETRY_TIMER);
  ctx.event({
    kind: 'chosen-known', node: node.name, ballot: chosen.ballot, value: chosen.value,
    acceptors: [...p.acceptedBy].sort((a, b) => a - b).map((a) => nodeName(node.config, a)),
  });
  for (; p.waiting > 0; p.waiting--) ctx.reply({ type: 'chosen', value: chosen.value, ballot: chosen.ballot });
}

export function onNack(node: PaxosNode, from: NodeId, msg: Extract<PaxosMsg, { type: 'NACK' }>, ctx: PaxosContext): void {
  const p = state(node);
  const cfg = node.config;
  p.maxRoundSeen = Math.max(p.maxRoundSeen, msg.promised.round);
  const current = (p.phase === 'prepare' || p.phase === 'accept') && sameBallot(msg.ballot, p.ballot);
  if (!current || compareAs(cfg, msg.promised, p.ballot) <= 0) return; // stale or duplicate
  if (msg.promised.proposer < p.index) {
    p.preemptedByLeaderAt = ctx.now;
    p.preemptedByLeader = msg.promised.proposer;
  }
  ctx.event({ kind: 'preempted', node: node.name, ballot: p.ballot!, promised: msg.promised, by: nodeName(cfg, from) });
  abandon(node, 'nack', ctx);
}

export function onProposerTimer(node: PaxosNode, name: string, ctx: PaxosContext): void {
  const p = state(node);
  if (name === PHASE_TIMER) {
    if (p.phase === 'prepare' || p.phase === 'accept') abandon(node, 'timeout', ctx);
  } else if (name === RETRY_TIMER) {
    if (p.phase !== 'idle' || p.chosen !== null || p.value === null) return;
    const wait = standBackMs(node);
    if (wait > 0) standBack(node, wait, ctx);
    else startBallot(node, ctx);
  }
}

/** Gives the current ballot up and retries as the retry policy says. */
function abandon(node: PaxosNode, reason: RetryReason, ctx: PaxosContext): void {
  const p = state(node);
  const cfg = node.config;
  const ballot = p.ballot!;
  ctx.cancelTimer(PHASE_TIMER);
  p.phase = 'idle';
  p.promises = [];
  p.acceptedBy = [];
  p.failures += 1;
  if (cfg.retry === 'leader') {
    const wait = standBackMs(node);
    if (wait > 0) {
      standBack(node, wait, ctx);
      return;
    }
  }
  const delay = cfg.retry === 'backoff' ? backoffMs(p, cfg.retryTimeoutMs) : 0;
  ctx.event({ kind: 'retry', node: node.name, ballot, reason, delay });
  if (delay === 0) startBallot(node, ctx);
  else ctx.setTimer(RETRY_TIMER, delay);
}

/**
 * Backoff: uniform in [0, min(T·2^(k-1), 8T)] after the k-th consecutive failure, drawn from the
 * proposer's own generator.
 */
function backoffMs(p: ProposerState, timeoutMs: number): number {
  const cap = Math.min(timeoutMs * 2 ** Math.min(p.failures - 1, 30), 8 * timeoutMs);
  const rng = Rng.restore(p.rng);
  const delay = rng.int(0, Math.round(cap));
  p.rng = rng.save();
  return delay;
}

/**
 * Retry policy `leader` (§2.4: "a distinguished proposer must be selected as the only one to try
 * issuing proposals"): a proposer preempted by a lower-indexed proposer's ballot within the last
 * 2·retryTimeoutMs stands back until that proposer has been silent so long; the lowest-indexed
 * proposer that has not been so preempted retries at once. Returns how long to stand back (0: none).
 */
function standBackMs(node: PaxosNode): number {
  const p = state(node);
  if (node.config.retry !== 'leader' || p.preemptedByLeaderAt === null) return 0;
  return Math.max(0, p.preemptedByLeaderAt + 2 * node.config.retryTimeoutMs - node.now);
}

function standBack(node: PaxosNode, wait: number, ctx: PaxosContext): void {
  const p = state(node);
  const leader = nodeName(node.config, proposerId(node.config, p.preemptedByLeader ?? 1));
  ctx.event({ kind: 'stand-back', node: node.name, ballot: p.ballot!, leader, delay: wait });
  ctx.setTimer(RETRY_TIMER, wait);
}
