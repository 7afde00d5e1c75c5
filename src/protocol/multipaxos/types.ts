/**
 * Multi-Paxos — the vocabulary: configuration, replica ids and names, ballots, messages, requests,
 * replies, disk, events and the replica's state. The algorithm is the one of "Paxos Made Simple"
 * (Lamport 2001) §3, "Implementing a State Machine": a sequence of separate Paxos instances (日志槽 /
 * 实例, one per slot of the log), one distinguished proposer (the leader, Chubby's Master) that runs
 * phase 1 ONCE for all instances from its first unchosen slot on — "for infinitely many instances"
 * with one short message — and then only phase 2 for each new value; holes it cannot fill with a
 * value a promise reported it fills with a no-op. "Paxos Made Live" (Chandra, Griesemer, Redstone
 * 2007) describes the same shape as engineers run it, and the lab keeps its habits: a master
 * (coordinator) that skips phase 1 while it stays master, heartbeats, and catch-up of replicas that
 * fell behind.
 *
 * Every replica is proposer + acceptor + learner (Paxos Made Simple §2.1: "a single process may act
 * as more than one agent"). The process itself lives in Replica.ts; the invariant checker in
 * checker.ts; event text in text.ts; views and `lab status` lines in view.ts.
 */
import type { NodeContext, NodeId } from '../../sim/node.ts';
import type { RngState } from '../../sim/rng.ts';

// ---------------------------------------------------------------- configuration

/**
 * Protocol-bug switches. Each breaks one rule at the place marked `BUG SWITCH <name>` in this
 * folder; presets.ts holds a schedule per switch that turns its invariant red.
 */
export type MultiPaxosBug = 'skipPhase1' | 'minorityQuorum';
export const MULTIPAXOS_BUG_NAMES: readonly MultiPaxosBug[] = ['skipPhase1', 'minorityQuorum'];

export interface MultiPaxosConfig {
  /** Number of replicas, 3–9 (ids 1..N, names r1..rN). */
  replicas: number;
  seed: number | string;
  /** How often a leader sends HEARTBEAT (and retransmits ACCEPTs no majority answered yet). */
  heartbeatMs: number;
  /**
   * How long a replica waits without hearing a leader before it runs phase 1, plus a per-replica
   * stagger derived from the seed (see `electionOrder`) so elections rarely tie.
   */
  electionTimeoutMs: number;
  bugs: MultiPaxosBug[];
}

export const DEFAULT_MULTIPAXOS_CONFIG: Readonly<MultiPaxosConfig> = {
  replicas: 5,
  seed: 1,
  heartbeatMs: 500,
  electionTimeoutMs: 1500,
  bugs: [],
};

export const MULTIPAXOS_LIMITS = {
  replicas: [3, 9],
  heartbeatMs: [10, 60000],
  electionTimeoutMs: [30, 600000],
} as const satisfies Record<string, readonly [number, number]>;

/** A full configuration from a partial one (defaults for the rest). */
export function multiPaxosConfig(partial: Partial<MultiPaxosConfig> = {}): MultiPaxosConfig {
  return { ...DEFAULT_MULTIPAXOS_CONFIG, bugs: [], ...partial };
}

/** What is wrong with a configuration (empty when it is fine). */
export function validateMultiPaxosConfig(cfg: MultiPaxosConfig): string[] {
  const errors: string[] = [];
  for (const [key, [lo, hi]] of Object.entries(MULTIPAXOS_LIMITS)) {
    const v = cfg[key as keyof typeof MULTIPAXOS_LIMITS];
    if (!Number.isInteger(v) || v < lo || v > hi) errors.push(`${key} must be an integer in ${lo}..${hi}`);
  }
  if (Number.isInteger(cfg.heartbeatMs) && Number.isInteger(cfg.electionTimeoutMs) && cfg.heartbeatMs >= cfg.electionTimeoutMs) {
    errors.push('heartbeatMs must be shorter than electionTimeoutMs');
  }
  for (const b of cfg.bugs) if (!MULTIPAXOS_BUG_NAMES.includes(b)) errors.push(`unknown bug ${String(b)}`);
  return errors;
}

export function hasBug(cfg: MultiPaxosConfig, bug: MultiPaxosBug): boolean {
  return cfg.bugs.includes(bug);
}

// ---------------------------------------------------------------- replicas

/** Every replica id: 1..N. */
export function replicaIds(cfg: MultiPaxosConfig): NodeId[] {
  return Array.from({ length: cfg.replicas }, (_, i) => i + 1);
}

/** `r1` … `rN`. */
export function nodeName(_cfg: MultiPaxosConfig | null, id: NodeId): string {
  return `r${id}`;
}

/** The id of `r3` (case-insensitive); null for a name that is not a replica of this configuration. */
export function nodeIdOf(cfg: MultiPaxosConfig, name: string): NodeId | null {
  const m = /^r([1-9]\d*)$/i.exec(name.trim());
  if (!m) return null;
  const k = Number(m[1]);
  return k <= cfg.replicas ? k : null;
}

/**
 * A majority: ⌊N/2⌋+1 of the CONFIGURED replicas (never of the live ones), so any two quorums
 * share a replica (Paxos Made Simple §2.2, "过半").
 */
export function trueQuorum(cfg: MultiPaxosConfig): number {
  return Math.floor(cfg.replicas / 2) + 1;
}

/** The quorum the replicas use for promises (phase 1) and for ACCEPTED (phase 2). */
export function quorumSize(cfg: MultiPaxosConfig): number {
  // BUG SWITCH minorityQuorum: a quorum is ⌊N/2⌋ replicas — r1 and r2 of five "are a quorum" — so
  // two quorums need not share a replica and each side of a partition can choose its own value in
  // the same slot (correct: ⌊N/2⌋+1, a majority, as trueQuorum says).
  if (hasBug(cfg, 'minorityQuorum')) return Math.max(1, Math.floor(cfg.replicas / 2));
  return trueQuorum(cfg);
}

// ---------------------------------------------------------------- ballots and values

/**
 * A proposal number (提案编号): a round and the id of the replica that issued it, compared
 * lexicographically, so no two replicas ever issue the same number (Paxos Made Simple §2.5:
 * "different proposers choose their numbers from disjoint sets of numbers"). Printed `round.replica` (`3.2`).
 */
export interface Ballot {
  readonly round: number;
  readonly replica: NodeId;
}

/** A slot's value: a client's string, or `null` — the no-op a new leader fills a hole with (§3). */
export type MpValue = string | null;

/** What an acceptor accepted in one slot. */
export interface AcceptedSlot {
  readonly ballot: Ballot;
  readonly value: MpValue;
}

/** One slot an acceptor reports in a PROMISE. */
export interface PromisedSlot {
  readonly slot: number;
  readonly ballot: Ballot;
  readonly value: MpValue;
}

// ---------------------------------------------------------------- wire, requests, replies

/** The one channel: datagrams that may be lost, duplicated or dropped on a cut link. */
export type MpChannel = 'mp';

export type MpMsg =
  /** Phase 1a, once for every slot ≥ fromSlot (the leader's first unchosen slot). */
  | { type: 'PREPARE'; ballot: Ballot; fromSlot: number }
  /** Phase 1b: the promise, with what the acceptor accepted in every slot ≥ fromSlot, and how far it knows the log is chosen. */
  | { type: 'PROMISE'; ballot: Ballot; fromSlot: number; accepted: PromisedSlot[]; chosenUpTo: number }
  /** A refusal of a PREPARE, ACCEPT or HEARTBEAT for `ballot`: the replica knows the higher `promised`. */
  | { type: 'NACK'; ballot: Ballot; promised: Ballot }
  /** Phase 2a for one slot. */
  | { type: 'ACCEPT'; ballot: Ballot; slot: number; value: MpValue }
  /** Phase 2b, to the leader only (the leader is the distinguished learner; it then sends CHOSEN). */
  | { type: 'ACCEPTED'; ballot: Ballot; slot: number }
  /** The commit: `value` is chosen in `slot` (to every replica, and in answer to CATCHUP). */
  | { type: 'CHOSEN'; slot: number; value: MpValue }
  /** The leader is alive; its log is chosen (and executed) up to `chosenUpTo`. */
  | { type: 'HEARTBEAT'; ballot: Ballot; chosenUpTo: number }
  /** A lagging replica asks for the chosen values of the slots ≥ fromSlot. */
  | { type: 'CATCHUP'; fromSlot: number };

export type MpPacketType = MpMsg['type'];

/** What the console asks a replica: `propose x` (to the leader) or `propose r2 x`. */
export type MpRequest = { type: 'propose'; value: string };

/**
 * The answer to a `propose`:
 *  - `redirect` at once from a replica that is not the leader (leader: the one it follows, or null);
 *  - `chosen` from the leader that put the value in `slot`, once it knows the slot is chosen with it;
 *  - `not-chosen` from that same replica if it learns the slot was chosen with another value
 *    (it lost leadership before a majority accepted, and the next leader filled the slot).
 * A leader that crashes before knowing never answers (the value may still be chosen later: it is
 * then in the log although the client heard nothing, and a client that retries may put it in twice).
 */
export type MpReply =
  | { type: 'redirect'; value: string; leader: string | null }
  | { type: 'chosen'; slot: number; value: string }
  | { type: 'not-chosen'; slot: number; value: string; chosen: MpValue };

// ---------------------------------------------------------------- disk

/**
 * Stable storage (Paxos Made Simple §2.2/§2.5: an acceptor remembers its promise and what it
 * accepted in every instance even if it fails and restarts). A replica also keeps the highest round
 * it has used, so it never issues a ballot twice. Chosen slots are NOT kept: they are not needed for
 * safety, and a restarted replica learns them again by CATCHUP (or, as leader, by phase 1).
 */
export interface MpDisk {
  /** The highest ballot promised (null: none). Accepting a ballot also promises it. */
  promised: Ballot | null;
  /** Per slot (key: slot number), the highest-ballot proposal accepted there. */
  accepted: Record<number, AcceptedSlot>;
  /** The highest round this replica has used for its own ballots. */
  maxRound: number;
}

export type MpDiskOp =
  | { op: 'promise'; ballot: Ballot }
  /** Accepting (ballot, value) in a slot also promises ballot (if higher). */
  | { op: 'accept'; slot: number; ballot: Ballot; value: MpValue }
  | { op: 'round'; round: number };

// ---------------------------------------------------------------- events

export type MpRole = 'leader' | 'candidate' | 'follower';
export const MULTIPAXOS_ROLES: readonly MpRole[] = ['leader', 'candidate', 'follower'];

/**
 * What the replicas report for the trace, the event log and the checker. `node` is the name of the
 * replica that reports (r2); other replicas are named too; ballots are data.
 */
export type MpEvent =
  /** No leader heard for `afterMs` (or phase 1 got no majority in time): phase 1 with `ballot`. */
  | { kind: 'election-timeout'; node: string; ballot: Ballot; afterMs: number; lastLeader: string | null }
  /** PREPARE `ballot` sent to every replica, one phase 1 for every slot ≥ fromSlot. */
  | { kind: 'prepare'; node: string; ballot: Ballot; fromSlot: number }
  /** An acceptor promised `ballot` to `to`, reporting what it accepted in `slots` (≥ fromSlot). */
  | { kind: 'promise'; node: string; to: string; ballot: Ballot; fromSlot: number; slots: number[] }
  /** An acceptor refused `packet` for `ballot` from `to`: it knows the higher `promised`. */
  | { kind: 'nack'; node: string; to: string; packet: 'PREPARE' | 'ACCEPT' | 'HEARTBEAT'; ballot: Ballot; promised: Ballot }
  /**
   * Became leader with `ballot` (a quorum promised; with skipPhase1 without asking): re-proposes
   * `reproposed`, fills `noops` with no-ops, new values go to `nextSlot` on.
   */
  | { kind: 'leader'; node: string; ballot: Ballot; promises: string[]; fromSlot: number; reproposed: number[]; noops: number[]; nextSlot: number; skippedPhase1: boolean }
  /** P2c per slot: the highest ballot a promise reported in `slot` was `from`, with `value`: it is proposed again. */
  | { kind: 'reproposed'; node: string; slot: number; value: MpValue; from: Ballot; reportedBy: string[] }
  /** No promise reported anything in `slot` below the highest reported slot: a no-op fills the hole. */
  | { kind: 'noop-filled'; node: string; slot: number }
  /** ACCEPT (ballot, slot, value) sent to every replica that has not answered (again: a retransmission). */
  | { kind: 'accept-sent'; node: string; slot: number; ballot: Ballot; value: MpValue; again: boolean }
  /** An acceptor accepted (ballot, value) in `slot`, proposed by `leader` (itself, for the leader's own). */
  | { kind: 'accepted'; node: string; slot: number; ballot: Ballot; value: MpValue; leader: string }
  /**
   * The replica marks `slot` chosen with `value`: at the leader because a quorum ACCEPTED `ballot`
   * (`by`), at another replica because a CHOSEN told it (ballot null, by empty).
   */
  | { kind: 'chosen'; node: string; slot: number; value: MpValue; ballot: Ballot | null; by: string[] }
  /** At the leader: `slot` is chosen while `waitingFor` (an earlier slot) is not — execution waits. */
  | { kind: 'chosen-out-of-order'; node: string; slot: number; waitingFor: number }
  /** The replica's state machine executes `slot` (all slots below it are executed). */
  | { kind: 'executed'; node: string; slot: number; value: MpValue }
  /** A leader or candidate saw `higher` (from `from`) above its own `ballot` and became a follower. */
  | { kind: 'stepped-down'; node: string; ballot: Ballot; higher: Ballot; from: string; was: 'leader' | 'candidate' }
  /** The replica follows `leader` (a HEARTBEAT or ACCEPT with `ballot` ≥ its promise). */
  | { kind: 'follow'; node: string; leader: string; ballot: Ballot }
  /** A `propose` reached a replica that is not the leader: it names the leader it follows (or none). */
  | { kind: 'redirect'; node: string; value: string; leader: string | null };

export type MpEventKind = MpEvent['kind'];

export const MULTIPAXOS_EVENT_KINDS: readonly MpEventKind[] = [
  'election-timeout', 'prepare', 'promise', 'nack', 'leader', 'reproposed', 'noop-filled', 'accept-sent',
  'accepted', 'chosen', 'chosen-out-of-order', 'executed', 'stepped-down', 'follow', 'redirect',
];

// ---------------------------------------------------------------- replica state

/** A promise a candidate holds for its ballot. */
export interface PromiseHeld {
  accepted: PromisedSlot[];
  chosenUpTo: number;
}

/** A slot the leader has sent ACCEPT for and not yet seen chosen. */
export interface InFlight {
  value: MpValue;
  /** Replicas that ACCEPTED it (the leader itself included). */
  acks: NodeId[];
  /** When ACCEPT was last sent (a retransmission happens a heartbeat later). */
  sentAt: number;
}

/** One replica as plain structured-clonable data. */
export interface MultiPaxosNode {
  id: NodeId;
  name: string;
  config: MultiPaxosConfig;
  /** The replica's own view of its disk; the host keeps an identical copy from the disk ops. */
  disk: MpDisk;
  role: MpRole;
  /** Its own ballot while candidate or leader (null as follower). */
  ballot: Ballot | null;
  /** The leader it follows (itself when leading), and that leader's ballot. */
  leader: NodeId | null;
  leaderBallot: Ballot | null;
  /** The highest round seen anywhere (promises, NACKs, heartbeats); the highest used is on disk. */
  maxRoundSeen: number;
  /** Its place in the election stagger (0: times out first); see electionOrder. */
  rank: number;
  /** How long the election timer now running was set for (for the election-timeout event). */
  electionAfterMs: number;
  /** Candidate: the slot its phase 1 covers from, and the promises held (by replica id). */
  phase1: { fromSlot: number; promises: Record<number, PromiseHeld> } | null;
  /** Leader: slots sent in ACCEPT and not known chosen yet. */
  inFlight: Record<number, InFlight>;
  /** Leader: the next fresh slot for a client's value. */
  nextSlot: number;
  /** Learner: the slots this replica knows chosen, with their values (memory only). */
  chosen: Record<number, MpValue>;
  /** Executed watermark: every slot ≤ it is chosen and executed (chosen-up-to, contiguous). */
  executed: number;
  /** Values this replica put in slots as leader for a `propose`, to answer when the slot is chosen. */
  pendingReplies: Record<number, string>;
  /** Its own generator (a state, not a Rng: the node is plain data). */
  rng: RngState;
  /** Live timers: name -> token (the kernel's TimerState). */
  timers: Record<string, number>;
  nextTimerToken: number;
  /** Simulated time of the last step. */
  now: number;
}

/** What a step's handlers write their outputs to. */
export type MpContext = NodeContext<MpMsg, MpEvent, MpDiskOp, MpReply, MpChannel>;

// ---------------------------------------------------------------- view

/** One slot as a replica sees it, for the slot grid. */
export interface MultiPaxosSlotView {
  slot: number;
  /** What its acceptor accepted there (ballot printed `3.2`), or null. */
  accepted: { ballot: string; value: MpValue } | null;
  /** What it knows chosen there (`{ value: null }` is a chosen no-op), or null. */
  chosen: { value: MpValue } | null;
  executed: boolean;
  /** The leader sent ACCEPT and waits for a majority. */
  inFlight: boolean;
}

/** A small summary of a replica for the ring cards, the slot grid and `lab status`. */
export interface MultiPaxosView {
  id: NodeId;
  name: string;
  role: MpRole;
  /** Its own ballot as candidate or leader (`3.2`), else null. */
  ballot: string | null;
  /** The highest ballot it promised (`3.2`), or null. */
  promised: string | null;
  /** The leader it follows (itself when leading), or null. */
  leader: string | null;
  leaderBallot: string | null;
  /** The slots in `slots` run from here (the last 64 executed slots, then everything above). */
  windowFrom: number;
  slots: MultiPaxosSlotView[];
  /** The highest slot its acceptor accepted anything in (0: none). */
  highestAccepted: number;
  /** The highest slot it knows chosen (0: none); above `chosenUpTo` when slots were chosen out of order. */
  highestChosen: number;
  /** Every slot ≤ this is chosen (contiguous); equal to `executed`, as chosen slots execute at once in order. */
  chosenUpTo: number;
  executed: number;
  /** Leader: the next fresh slot; else null. */
  nextSlot: number | null;
  /** Leader: slots waiting for a majority of ACCEPTED. */
  inFlight: number;
}
