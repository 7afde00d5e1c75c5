/**
 * Atomic commit — two-phase commit (2PC) and three-phase commit (3PC) — the vocabulary:
 * configuration, process ids and names, messages, requests, replies, disk, events and state.
 *
 * One coordinator `c` and participants `p1…pN` run transactions (事务) to an all-or-nothing
 * outcome. 2PC (Gray 1978; the message names are those of Tanenbaum & van Steen, "Distributed
 * Systems", §8.5): VOTE-REQUEST, VOTE-COMMIT / VOTE-ABORT, GLOBAL-COMMIT / GLOBAL-ABORT, ACK. A
 * participant that voted yes is uncertain — it holds its locks — until it hears the outcome, and
 * may not decide alone: it asks the others (the cooperative termination protocol) and, if nobody
 * knows, stays blocked. 3PC (Skeen 1981) puts a PreCommit round between the vote and the commit
 * (CAN-COMMIT, PRE-COMMIT, DO-COMMIT) so that no state is next to both outcomes, which lets a
 * participant that times out decide alone: still uncertain → abort, pre-committed → commit. That
 * removes blocking when processes crash, and breaks atomicity when the network partitions.
 *
 * The two protocols share everything here; their differences are the few rules of rules.ts.
 */
import type { NodeContext, NodeId } from '../../sim/node.ts';

// ---------------------------------------------------------------- configuration

export type CommitVariant = '2pc' | '3pc';
export const COMMIT_VARIANTS: readonly CommitVariant[] = ['2pc', '3pc'];

/**
 * Protocol-bug switches, each breaking one rule at the place marked `BUG SWITCH <name>`:
 *  - abortOnTimeout (2PC): a participant that voted yes and hears nothing aborts on its timeout
 *    instead of asking the others and waiting — it guesses;
 *  - commitWithoutVotes: a coordinator whose vote timeout runs out commits (3PC: pre-commits)
 *    if no participant said no, instead of aborting — it counts silence as yes.
 */
export type CommitBug = 'abortOnTimeout' | 'commitWithoutVotes';
export const COMMIT_BUG_NAMES: Readonly<Record<CommitVariant, readonly CommitBug[]>> = {
  '2pc': ['abortOnTimeout', 'commitWithoutVotes'],
  '3pc': ['commitWithoutVotes'],
};

export interface CommitConfig {
  variant: CommitVariant;
  /** Participants p1…pN, 2–6 (ids 2..N+1; the coordinator c is id 1). */
  participants: number;
  seed: number | string;
  /** How long the coordinator waits for the votes (and, in 3PC, for the PreCommit ACKs). */
  voteTimeoutMs: number;
  /**
   * How long a participant that voted yes waits for the outcome before it acts alone: in 2PC it
   * asks the others (and again after every such wait); in 3PC it decides.
   */
  waitTimeoutMs: number;
  /** How often the coordinator sends a decision again to participants that have not ACKed it. */
  resendMs: number;
  bugs: CommitBug[];
}

export const COMMIT_LIMITS = {
  participants: [2, 6],
  voteTimeoutMs: [10, 600000],
  waitTimeoutMs: [10, 600000],
  resendMs: [10, 600000],
} as const satisfies Record<string, readonly [number, number]>;

export const DEFAULT_COMMIT_CONFIG: Readonly<CommitConfig> = {
  variant: '2pc',
  participants: 3,
  seed: 1,
  voteTimeoutMs: 1000,
  waitTimeoutMs: 2000,
  resendMs: 500,
  bugs: [],
};

export function commitConfig(partial: Partial<CommitConfig> = {}): CommitConfig {
  return { ...DEFAULT_COMMIT_CONFIG, bugs: [], ...partial };
}

export function validateCommitConfig(cfg: CommitConfig): string[] {
  const errors: string[] = [];
  if (!COMMIT_VARIANTS.includes(cfg.variant)) errors.push(`variant must be one of ${COMMIT_VARIANTS.join(', ')}`);
  for (const [key, [lo, hi]] of Object.entries(COMMIT_LIMITS)) {
    const v = cfg[key as keyof typeof COMMIT_LIMITS];
    if (!Number.isInteger(v) || v < lo || v > hi) errors.push(`${key} must be an integer in ${lo}..${hi}`);
  }
  const known = COMMIT_BUG_NAMES[cfg.variant] ?? [];
  for (const b of cfg.bugs) if (!known.includes(b)) errors.push(`unknown bug ${String(b)}`);
  return errors;
}

export function hasBug(cfg: CommitConfig, bug: CommitBug): boolean {
  return cfg.bugs.includes(bug);
}

// ---------------------------------------------------------------- processes

export const COORDINATOR: NodeId = 1;

export function commitIds(cfg: CommitConfig): NodeId[] {
  return Array.from({ length: cfg.participants + 1 }, (_, i) => i + 1);
}

export function participantIds(cfg: CommitConfig): NodeId[] {
  return commitIds(cfg).slice(1);
}

/** `c` for the coordinator, `p1` … `pN` for the participants. */
export function nodeName(_cfg: CommitConfig | null, id: NodeId): string {
  return id === COORDINATOR ? 'c' : `p${id - 1}`;
}

/** The id of `c` or `p2` (case-insensitive); null for a name that is not a process of this configuration. */
export function nodeIdOf(cfg: CommitConfig, name: string): NodeId | null {
  const w = name.trim().toLowerCase();
  if (w === 'c') return COORDINATOR;
  const m = /^p([1-9]\d*)$/.exec(w);
  if (!m) return null;
  const k = Number(m[1]);
  return k <= cfg.participants ? k + 1 : null;
}

/** A transaction's name as `begin T` takes it. */
export const TXN_NAME = /^[A-Za-z0-9_.-]{1,32}$/;

// ---------------------------------------------------------------- wire

export type Outcome = 'commit' | 'abort';
export type Vote = 'yes' | 'no';

/** The one channel: datagrams that may be lost, duplicated, or dropped on a cut link. */
export type CommitChannel = 'commit';

export type CommitMsg =
  /** Phase 1 (2PC): may T commit? */
  | { type: 'VOTE-REQUEST'; txn: string }
  /** Phase 1 (3PC): the same question, canCommit. */
  | { type: 'CAN-COMMIT'; txn: string }
  | { type: 'VOTE-COMMIT'; txn: string }
  | { type: 'VOTE-ABORT'; txn: string }
  /** 3PC phase 2: everyone voted yes; get ready to commit. */
  | { type: 'PRE-COMMIT'; txn: string }
  /** The outcome: commit (2PC GLOBAL-COMMIT, 3PC DO-COMMIT) or abort. */
  | { type: 'GLOBAL-COMMIT'; txn: string }
  | { type: 'DO-COMMIT'; txn: string }
  | { type: 'GLOBAL-ABORT'; txn: string }
  /** A participant got a PRE-COMMIT or an outcome. */
  | { type: 'ACK'; txn: string; of: 'PRE-COMMIT' | Outcome }
  /** The cooperative termination protocol: what do you know of T? */
  | { type: 'DECISION-REQUEST'; txn: string }
  /** The answer: the outcome, or the state of one that does not know it. */
  | { type: 'DECISION'; txn: string; state: Outcome | 'uncertain' | 'precommitted' };

export type CommitPacketType = CommitMsg['type'];

/**
 * What the console asks: the lab's `propose` action carries it. To the coordinator the value is a
 * transaction's name (`begin T`); to a participant `no` or `yes`, its vote on the next transaction
 * (`vote pK no`).
 */
export type CommitRequest = { type: 'propose'; value: string };

export type CommitReply =
  /** The coordinator's answer to `begin T`, once T is decided. */
  | { type: 'outcome'; txn: string; outcome: Outcome }
  | { type: 'rejected'; txn: string; reason: 'exists' | 'bad-name' | 'down' }
  | { type: 'vote'; vote: Vote };

// ---------------------------------------------------------------- disk

/** What a process logs of one transaction before it acts on it (its write-ahead log). */
export interface TxnLog {
  /** The coordinator began it (START-2PC in the log). */
  begun?: true;
  /** A participant's vote (READY for yes, and an abort for no). */
  vote?: Vote;
  /** 3PC: the coordinator sent, or the participant got, PRE-COMMIT. */
  precommit?: true;
  decision?: Outcome;
  /**
   * Coordinator: every participant ACKed the decision — the transaction is complete (the `end`
   * record of R*, Mohan, Lindsay & Obermarck 1986; Bernstein, Hadzilacos & Goodman §7.4: the
   * coordinator may forget a transaction once every participant has acknowledged its outcome).
   * A restarted coordinator sends again only decisions without it. Real logs may write it lazily
   * (not forced): lost, it costs one needless resend, never a wrong outcome.
   */
  end?: true;
}

export interface CommitDisk {
  /** Transactions in the order first logged. */
  order: string[];
  /** Per transaction: never changed in place (applyCommitDiskOp replaces an entry). */
  log: Record<string, TxnLog>;
}

export type CommitDiskOp =
  | { op: 'begin'; txn: string }
  | { op: 'vote'; txn: string; vote: Vote }
  | { op: 'precommit'; txn: string }
  | { op: 'decide'; txn: string; outcome: Outcome }
  | { op: 'end'; txn: string };

// ---------------------------------------------------------------- events

/** How a process came to its decision. */
export type DecisionSource =
  /** coordinator: every participant voted yes (3PC: and the PreCommit round ended). */
  | 'votes'
  /** coordinator: a participant voted no. */
  | 'no-vote'
  /** coordinator: the votes did not all come in time. */
  | 'vote-timeout'
  /** coordinator (3PC): not every PRE-COMMIT was ACKed in time; all voted yes, so it commits. */
  | 'ack-timeout'
  /** coordinator: restarted with T begun and undecided in its log. */
  | 'recovery'
  /** participant: the coordinator told it. */
  | 'coordinator'
  /** participant: another participant that knew the outcome told it (termination protocol). */
  | 'peer'
  /** participant: it voted no, so it aborts at once. */
  | 'own-no'
  /** participant: asked about T before it voted, it aborts T and will vote no. */
  | 'unilateral'
  /** participant: its wait for the outcome ran out and it decided alone (3PC; 2PC only with abortOnTimeout). */
  | 'timeout';

export type CommitEvent =
  | { kind: 'begin'; node: string; txn: string; participants: string[] }
  | { kind: 'voted'; node: string; txn: string; vote: Vote; armed: boolean }
  /** `vote pK no|yes`: the participant's vote on the next transaction. */
  | { kind: 'vote-armed'; node: string; vote: Vote }
  | { kind: 'vote-timeout'; node: string; txn: string; missing: string[] }
  /** 3PC coordinator: every vote is yes; PRE-COMMIT sent. Participant: PRE-COMMIT received. */
  | { kind: 'precommit'; node: string; txn: string }
  | { kind: 'decided'; node: string; txn: string; outcome: Outcome; source: DecisionSource; from: string | null }
  /** A participant that voted yes waited `afterMs` in vain and asks the others (termination protocol). */
  | { kind: 'ask'; node: string; txn: string; afterMs: number; asked: string[]; state: 'uncertain' | 'precommitted'; attempt: number }
  /** The coordinator has every ACK of T's outcome. */
  | { kind: 'completed'; node: string; txn: string; outcome: Outcome }
  /** A process restarted and read its log: transactions still open. */
  | { kind: 'recovered'; node: string; open: string[] };

export type CommitEventKind = CommitEvent['kind'];

// ---------------------------------------------------------------- state

/** What a participant knows of a transaction. */
export type ParticipantState = 'uncertain' | 'precommitted' | 'committed' | 'aborted';

export interface ParticipantTxn {
  state: ParticipantState;
  vote: Vote | null;
  /** It restarted with T open in its log: it asks, it never decides alone (its timer restarted). */
  recovering: boolean;
  /** How many times it has asked the others (termination protocol). */
  asks: number;
}

export type CoordinatorPhase = 'voting' | 'precommit' | 'committed' | 'aborted';

export interface CoordinatorTxn {
  phase: CoordinatorPhase;
  /** Votes received, by participant id. */
  votes: Record<number, Vote>;
  /**
   * Participants that ACKed the current round: PRE-COMMIT while pre-committing, then the
   * coordinator's own outcome — an ACK counts only for the round and the outcome it answers.
   */
  acks: NodeId[];
  /**
   * Participants whose ACK named the other outcome: they decided otherwise on their own (3PC
   * across a partition). They never count as ACKs and are not sent the outcome again.
   */
  contrary: NodeId[];
  /** `begin T` waits for its answer (memory only: a restarted coordinator answers nobody). */
  replyPending: boolean;
}

export interface CommitNode {
  id: NodeId;
  name: string;
  config: CommitConfig;
  disk: CommitDisk;
  /** Coordinator: its transactions. */
  coord: Record<string, CoordinatorTxn>;
  /** Participant: its transactions. */
  part: Record<string, ParticipantTxn>;
  /** Participant: its vote on the next VOTE-REQUEST (`vote pK no`); yes by default. */
  nextVote: Vote;
  timers: Record<string, number>;
  nextTimerToken: number;
  now: number;
}

export type CommitContext = NodeContext<CommitMsg, CommitEvent, CommitDiskOp, CommitReply, CommitChannel>;

// ---------------------------------------------------------------- view

export interface CommitTxnView {
  txn: string;
  /** Coordinator: its phase; participant: its state. */
  state: CoordinatorPhase | ParticipantState;
  vote: Vote | null;
  decision: Outcome | null;
  /** Participant: voted yes, outcome unknown — its locks are held. */
  locks: boolean;
  /** Participant: asking the others, nobody knows (2PC's blocking). */
  blocked: boolean;
  /** Coordinator: `p1:yes p2:-` … and ACKs so far. */
  votes?: string;
  acks?: number;
  /** Coordinator: participants that ACKed the other outcome (`p3`), if any. */
  contrary?: string[];
}

export interface CommitView {
  id: NodeId;
  name: string;
  role: 'coordinator' | 'participant';
  variant: CommitVariant;
  nextVote: Vote;
  /** The most recent transactions (the last VIEW_TXNS), oldest first. */
  txns: CommitTxnView[];
}
