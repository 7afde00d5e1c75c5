/**
 * Basic (single-decree) Paxos — the vocabulary: configuration, process ids and names, ballots,
 * messages, requests, replies, disk and events. The algorithm is the one of "Paxos Made Simple"
 * (Lamport 2001) §2: Proposers, Acceptors and Learners agree on one value through a prepare
 * phase (phase 1) and an accept phase (phase 2), with quorums of acceptors (过半, a majority).
 *
 * The process itself lives in PaxosNode.ts (acceptor.ts, proposer.ts, learner.ts hold the three
 * roles' handlers); the invariant checker in checker.ts; the text of the events in text.ts.
 */
import type { NodeContext, NodeId } from '../../sim/node.ts';
import type { RngState } from '../../sim/rng.ts';

// ---------------------------------------------------------------- configuration

/**
 * Protocol-bug switches (the bug museum, bugs.ts). Each breaks one rule at the place marked
 * `BUG SWITCH <name>` in this folder.
 */
export type PaxosBug = 'forgetPromise' | 'ignoreAcceptedValues' | 'minorityQuorum' | 'sameBallot';
export const PAXOS_BUG_NAMES: readonly PaxosBug[] = ['forgetPromise', 'ignoreAcceptedValues', 'minorityQuorum', 'sameBallot'];

/**
 * How a proposer that abandoned a ballot tries again (Paxos Made Simple §2.4, "Progress"):
 *  - immediate: at once, with a higher ballot — two proposers can then preempt each other forever;
 *  - backoff: after a random delay from its own seeded generator, growing with each failure;
 *  - leader: a distinguished proposer — the lowest-indexed proposer not recently preempted by a
 *    lower-indexed one retries; the others stand back until that one has been silent for a while.
 */
export type RetryPolicy = 'immediate' | 'backoff' | 'leader';
export const RETRY_POLICIES: readonly RetryPolicy[] = ['immediate', 'backoff', 'leader'];

export interface PaxosConfig {
  /** Number of acceptors, 1–9 (ids 1..N). */
  acceptors: number;
  /** Number of proposers, 1–3 (ids N+1..N+P). */
  proposers: number;
  /** Number of learners, 1–3 (ids N+P+1..N+P+L). */
  learners: number;
  seed: number | string;
  retry: RetryPolicy;
  /** How long a proposer waits in a phase before it gives the ballot up and retries (ms). */
  retryTimeoutMs: number;
  bugs: PaxosBug[];
}

export const DEFAULT_PAXOS_CONFIG: Readonly<PaxosConfig> = {
  acceptors: 3,
  proposers: 2,
  learners: 1,
  seed: 1,
  retry: 'backoff',
  retryTimeoutMs: 1000,
  bugs: [],
};

export const PAXOS_LIMITS = {
  acceptors: [1, 9],
  proposers: [1, 3],
  learners: [1, 3],
  retryTimeoutMs: [10, 60000],
} as const satisfies Record<string, readonly [number, number]>;

/** A full configuration from a partial one (defaults for the rest). */
export function paxosConfig(partial: Partial<PaxosConfig> = {}): PaxosConfig {
  return { ...DEFAULT_PAXOS_CONFIG, bugs: [], ...partial };
}

/** What is wrong with a configuration (empty when it is fine). */
export function validatePaxosConfig(cfg: PaxosConfig): string[] {
  const errors: string[] = [];
  for (const [key, [lo, hi]] of Object.entries(PAXOS_LIMITS)) {
    const v = cfg[key as keyof typeof PAXOS_LIMITS];
    if (!Number.isInteger(v) || v < lo || v > hi) errors.push(`${key} must be an integer in ${lo}..${hi}`);
  }
  if (!RETRY_POLICIES.includes(cfg.retry)) errors.push(`retry must be one of ${RETRY_POLICIES.join(', ')}`);
  for (const b of cfg.bugs) if (!PAXOS_BUG_NAMES.includes(b)) errors.push(`unknown bug ${String(b)}`);
  return errors;
}

export function hasBug(cfg: PaxosConfig, bug: PaxosBug): boolean {
  return cfg.bugs.includes(bug);
}

// ---------------------------------------------------------------- processes

export type PaxosRole = 'acceptor' | 'proposer' | 'learner';
export const PAXOS_ROLES: readonly PaxosRole[] = ['acceptor', 'proposer', 'learner'];

/** Every process id: acceptors 1..N, proposers N+1..N+P, learners N+P+1..N+P+L. */
export function paxosIds(cfg: PaxosConfig): NodeId[] {
  const n = cfg.acceptors + cfg.proposers + cfg.learners;
  return Array.from({ length: n }, (_, i) => i + 1);
}

export function acceptorIds(cfg: PaxosConfig): NodeId[] {
  return Array.from({ length: cfg.acceptors }, (_, i) => i + 1);
}

export function proposerIds(cfg: PaxosConfig): NodeId[] {
  return Array.from({ length: cfg.proposers }, (_, i) => cfg.acceptors + i + 1);
}

export function learnerIds(cfg: PaxosConfig): NodeId[] {
  return Array.from({ length: cfg.learners }, (_, i) => cfg.acceptors + cfg.proposers + i + 1);
}

export function roleOf(cfg: PaxosConfig, id: NodeId): PaxosRole {
  if (!Number.isInteger(id) || id < 1 || id > cfg.acceptors + cfg.proposers + cfg.learners) {
    throw new RangeError(`no Paxos process ${id}`);
  }
  if (id <= cfg.acceptors) return 'acceptor';
  if (id <= cfg.acceptors + cfg.proposers) return 'proposer';
  return 'learner';
}

/** A process's index within its role: a2 → 2, p1 → 1, l1 → 1. */
export function roleIndex(cfg: PaxosConfig, id: NodeId): number {
  const role = roleOf(cfg, id);
  if (role === 'acceptor') return id;
  if (role === 'proposer') return id - cfg.acceptors;
  return id - cfg.acceptors - cfg.proposers;
}

const ROLE_LETTER: Record<PaxosRole, string> = { acceptor: 'a', proposer: 'p', learner: 'l' };

/** `a1…aN`, `p1…pP`, `l1…lL`. */
export function nodeName(cfg: PaxosConfig, id: NodeId): string {
  return `${ROLE_LETTER[roleOf(cfg, id)]}${roleIndex(cfg, id)}`;
}

/** The id of `a2`, `p1`, `l1` … (case-insensitive); null for a name that is not a process. */
export function nodeIdOf(cfg: PaxosConfig, name: string): NodeId | null {
  const m = /^([apl])([1-9]\d*)$/i.exec(name.trim());
  if (!m) return null;
  const k = Number(m[2]);
  const letter = m[1]!.toLowerCase();
  if (letter === 'a') return k <= cfg.acceptors ? k : null;
  if (letter === 'p') return k <= cfg.proposers ? cfg.acceptors + k : null;
  return k <= cfg.learners ? cfg.acceptors + cfg.proposers + k : null;
}

/** The process id of proposer number `index` (the proposer part of a ballot). */
export function proposerId(cfg: PaxosConfig, index: number): NodeId {
  return cfg.acceptors + index;
}

/**
 * The number of acceptors that make a quorum: ⌊N/2⌋+1 of the CONFIGURED acceptors (never of the
 * live ones), so any two quorums share an acceptor (Paxos Made Simple §2.2: "a majority").
 */
export function trueQuorum(cfg: PaxosConfig): number {
  return Math.floor(cfg.acceptors / 2) + 1;
}

/** The quorum the processes use: the true one, unless a bug switch breaks it. */
export function quorumSize(cfg: PaxosConfig): number {
  // BUG SWITCH minorityQuorum: a quorum is ⌊N/2⌋ acceptors, a minority (at least 1), so two
  // quorums need not share an acceptor (correct: ⌊N/2⌋+1, a majority, as trueQuorum says).
  if (hasBug(cfg, 'minorityQuorum')) return Math.max(1, Math.floor(cfg.acceptors / 2));
  return trueQuorum(cfg);
}

// ---------------------------------------------------------------- ballots

/**
 * A proposal number (提案编号), Paxos Made Simple §2.2 "proposals are numbered": a round and the
 * index (1..P) of the proposer that issued it, so no two proposers ever issue the same number.
 * Printed `round.proposer` (`2.1`). `null` is "no ballot".
 */
export interface Ballot {
  readonly round: number;
  readonly proposer: number;
}

/** A proposal an acceptor has accepted: its ballot and value. */
export interface AcceptedProposal {
  readonly ballot: Ballot;
  readonly value: string;
}

// ---------------------------------------------------------------- wire, requests, replies

/** The one channel: datagrams that may be lost, duplicated or dropped on a cut link. */
export type PaxosChannel = 'paxos';

export type PaxosMsg =
  /** Phase 1a: a proposer asks the acceptors to promise `ballot`. */
  | { type: 'PREPARE'; ballot: Ballot }
  /** Phase 1b: the promise, with the highest-numbered proposal the acceptor has accepted (or null). */
  | { type: 'PROMISE'; ballot: Ballot; accepted: AcceptedProposal | null }
  /** Phase 2a: a proposer asks the acceptors to accept (ballot, value). */
  | { type: 'ACCEPT'; ballot: Ballot; value: string }
  /** Phase 2b: an acceptor accepted (ballot, value); sent to that ballot's proposer and to every learner. */
  | { type: 'ACCEPTED'; ballot: Ballot; value: string }
  /** A refusal of a PREPARE or ACCEPT for `ballot`: the acceptor has promised the higher `promised`. */
  | { type: 'NACK'; ballot: Ballot; promised: Ballot };

/** What the console asks a proposer: `propose p1 x`. */
export type PaxosRequest = { type: 'propose'; value: string };

/**
 * The answer to a `propose`: none until the proposer knows a chosen value (a quorum ACCEPTED one
 * of its ballots), then `chosen` (not necessarily the value it was asked to propose). A `propose`
 * to an acceptor or a learner is `rejected` at once; so is one to a process that is down (the
 * kernel asks the module's refuseRequest).
 */
export type PaxosReply =
  | { type: 'chosen'; value: string; ballot: Ballot }
  | { type: 'rejected'; reason: 'not-a-proposer' | 'down' };

// ---------------------------------------------------------------- disk

/**
 * Stable storage (Paxos Made Simple §2.2: "an acceptor must remember this information even if it
 * fails and then restarts"). Acceptors keep their promise and accepted proposal; proposers the
 * highest round they have used, so a restarted proposer never issues a ballot twice. Learners
 * keep nothing.
 */
export interface PaxosDisk {
  promised: Ballot | null;
  accepted: AcceptedProposal | null;
  round: number;
}

export type PaxosDiskOp =
  | { op: 'promise'; ballot: Ballot }
  /** Accepting (ballot, value) also promises ballot. */
  | { op: 'accept'; ballot: Ballot; value: string }
  | { op: 'round'; round: number }
  /** Only the forgetPromise bug writes this: the promise and accepted proposal are gone. */
  | { op: 'forget' };

export function emptyPaxosDisk(): PaxosDisk {
  return { promised: null, accepted: null, round: 0 };
}

export function applyPaxosDiskOp(disk: PaxosDisk, op: PaxosDiskOp): void {
  switch (op.op) {
    case 'promise':
      disk.promised = op.ballot;
      break;
    case 'accept':
      disk.accepted = { ballot: op.ballot, value: op.value };
      disk.promised = op.ballot;
      break;
    case 'round':
      disk.round = Math.max(disk.round, op.round);
      break;
    case 'forget':
      disk.promised = null;
      disk.accepted = null;
      break;
  }
}

// ---------------------------------------------------------------- events

/** Why a proposer gave a ballot up. */
export type RetryReason = 'nack' | 'timeout';

/**
 * What the processes report for the trace, the event log and the checker. `node` is the name of
 * the process that reports (a2, p1, l1); other processes are named too; ballots are data.
 */
export type PaxosEvent =
  /** A proposer was asked to propose `value`. */
  | { kind: 'propose'; node: string; value: string }
  /** Phase 1 starts: PREPARE `ballot` to every acceptor. */
  | { kind: 'prepare'; node: string; ballot: Ballot; value: string }
  /** An acceptor promised `ballot` to `to` (again: a repeated PREPARE of the ballot it had promised). */
  | { kind: 'promise'; node: string; ballot: Ballot; to: string; accepted: AcceptedProposal | null; again: boolean }
  /** An acceptor refused a PREPARE or ACCEPT for `ballot` because it had promised `promised`. */
  | { kind: 'nack-sent'; node: string; ballot: Ballot; promised: Ballot; to: string; refused: 'PREPARE' | 'ACCEPT' }
  /** A proposer got a NACK for its current ballot: acceptor `by` had promised a higher one. */
  | { kind: 'preempted'; node: string; ballot: Ballot; promised: Ballot; by: string }
  /** Phase 2 starts: a quorum promised `ballot`; ACCEPT (ballot, value) to every acceptor. */
  | { kind: 'accept-sent'; node: string; ballot: Ballot; value: string; promises: string[] }
  /**
   * P2c at work: phase 2 proposes `to`, the value of the highest-numbered proposal (`reportedBallot`)
   * that acceptors `reportedBy` reported in their promises, instead of the proposer's own `from`.
   */
  | { kind: 'value-replaced'; node: string; ballot: Ballot; from: string; to: string; reportedBallot: Ballot; reportedBy: string[] }
  /** An acceptor accepted (ballot, value) (again: a repeated ACCEPT of what it had accepted). */
  | { kind: 'accepted'; node: string; ballot: Ballot; value: string; again: boolean }
  /** A proposer saw a quorum ACCEPTED its ballot: it knows `value` is chosen. */
  | { kind: 'chosen-known'; node: string; ballot: Ballot; value: string; acceptors: string[] }
  /** A learner saw a quorum ACCEPTED one ballot (previous: what it had learned before, if different). */
  | { kind: 'learned'; node: string; ballot: Ballot; value: string; acceptors: string[]; previous: string | null }
  /** A proposer gave `ballot` up and tries again after `delay` ms (0: at once). */
  | { kind: 'retry'; node: string; ballot: Ballot; reason: RetryReason; delay: number }
  /** Retry policy `leader`: the proposer waits `delay` ms because `leader` preempted it recently. */
  | { kind: 'stand-back'; node: string; ballot: Ballot; leader: string; delay: number }
  /** BUG SWITCH forgetPromise: an acceptor restarted without its promise and accepted proposal. */
  | { kind: 'forgot'; node: string; promised: Ballot | null; accepted: AcceptedProposal | null };

export type PaxosEventKind = PaxosEvent['kind'];

// ---------------------------------------------------------------- process state

export type ProposerPhase = 'idle' | 'prepare' | 'accept' | 'done';

/** A promise a proposer holds for its current ballot. */
export interface PromiseHeld {
  from: NodeId;
  accepted: AcceptedProposal | null;
}

export interface ProposerState {
  /** The proposer's index 1..P: the proposer part of its ballots. */
  index: number;
  /** The value it was asked to propose (kept until it knows a chosen value). */
  value: string | null;
  /** `propose` requests not answered yet. */
  waiting: number;
  phase: ProposerPhase;
  ballot: Ballot | null;
  /** The highest round seen in promises and NACKs (the highest round used is on disk). */
  maxRoundSeen: number;
  /** Promises for the current ballot (phase 1), one per acceptor. */
  promises: PromiseHeld[];
  /** The value sent in phase 2 of the current ballot. */
  proposal: string | null;
  /** Acceptors that ACCEPTED the current ballot (phase 2). */
  acceptedBy: NodeId[];
  /** The chosen value, once a quorum ACCEPTED one of its ballots. */
  chosen: AcceptedProposal | null;
  /** Consecutive abandoned ballots (the backoff grows with them). */
  failures: number;
  /** Its own generator, seeded from `${seed}:${id}` (a state, not a Rng: the node is plain data). */
  rng: RngState;
  /** Retry policy `leader`: when a lower-indexed proposer's ballot last preempted it. */
  preemptedByLeaderAt: number | null;
  /** Retry policy `leader`: which proposer that was (its index). */
  preemptedByLeader: number | null;
}

/** ACCEPTED messages a learner has seen for one ballot. */
export interface BallotVotes {
  ballot: Ballot;
  value: string;
  from: NodeId[];
}

export interface LearnerState {
  /** Per ballot (key `round.proposer`), the acceptors that ACCEPTED it. */
  votes: Record<string, BallotVotes>;
  learned: AcceptedProposal | null;
}

/** One Paxos process as plain structured-clonable data. */
export interface PaxosNode {
  id: NodeId;
  name: string;
  role: PaxosRole;
  config: PaxosConfig;
  /** The process's own view of its disk; the host keeps an identical copy from the disk ops. */
  disk: PaxosDisk;
  /** Live timers: name -> token (the kernel's TimerState). */
  timers: Record<string, number>;
  nextTimerToken: number;
  /** Simulated time of the last step. */
  now: number;
  proposer: ProposerState | null;
  learner: LearnerState | null;
}

/** What a step's handlers write their outputs to. */
export type PaxosContext = NodeContext<PaxosMsg, PaxosEvent, PaxosDiskOp, PaxosReply, PaxosChannel>;

// ---------------------------------------------------------------- view

/** A small summary of a process for the ring cards and `lab status`. */
export type PaxosView =
  | { role: 'acceptor'; name: string; promised: Ballot | null; accepted: AcceptedProposal | null }
  | {
    role: 'proposer';
    name: string;
    /** The value it was asked to propose, still pending (null when idle or done). */
    value: string | null;
    ballot: Ballot | null;
    phase: ProposerPhase;
    /** The value of its phase 2 (own or taken over by P2c), if in phase 2 or done. */
    proposal: string | null;
    /** Acceptors whose promise it holds for the current ballot. */
    promises: string[];
    /** The highest-numbered accepted proposal reported in those promises, and who reported it. */
    highestAccepted: { ballot: Ballot; value: string; from: string[] } | null;
    /** Acceptors that ACCEPTED the current ballot. */
    acceptedBy: string[];
    chosen: AcceptedProposal | null;
  }
  | { role: 'learner'; name: string; learned: AcceptedProposal | null };
