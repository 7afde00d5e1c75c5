/**
 * What a learner of Paxos needs to see, as pure data built from the trace (the views draw it; the
 * lab's store builds it incrementally): the ballot × acceptor grid — for every ballot seen, what
 * each acceptor did with it (promised, accepted a value, refused with a NACK) and which cells a
 * higher promise has blocked for good (P1a: an acceptor never accepts below its promise) — and
 * which (ballot, value) is CHOSEN, i.e. accepted by a true majority, apart from what each learner
 * has learned. Nothing here decides anything in a run.
 */
import type { NodeId } from '../../sim/node.ts';
import { ballotKey, compareBallots, formatBallot } from './ballot.ts';
import type { ChosenProposal, PaxosTraceEntry } from './checker.ts';
import { nodeName, trueQuorum, type Ballot, type PaxosConfig, type PaxosEvent } from './types.ts';

/** One acceptor's dealings with one ballot. */
export interface BallotCell {
  acceptor: string;
  /** It promised this ballot (PROMISE sent). */
  promised: boolean;
  /** The value it accepted at this ballot, or null. */
  accepted: string | null;
  /** It refused this ballot's PREPARE or ACCEPT with a NACK (which one), or null. */
  nacked: 'PREPARE' | 'ACCEPT' | null;
  /** The higher ballot its NACK named, or null. */
  nackPromised: string | null;
  /**
   * Its promise is now higher than this ballot and it has not accepted it: it never will (P1a).
   * The ballot the promise is for, or null.
   */
  blockedBy: string | null;
}

export interface BallotRow {
  /** `2.1` */
  ballot: string;
  round: number;
  /** The proposer that issued it (p1 …). */
  proposer: string;
  /** The value sent in its ACCEPT (phase 2), or null while only phase 1 was seen. */
  value: string | null;
  /** P2c replaced the proposer's own value with this ballot's value. */
  replaced: { own: string; reportedBallot: string; reportedBy: string[] } | null;
  cells: BallotCell[];
  /** How many acceptors accepted it. */
  acceptedBy: number;
  /** A true majority accepted it: its value is chosen. */
  chosen: boolean;
}

export interface BallotGrid {
  acceptors: string[];
  /** Lowest ballot first. */
  rows: BallotRow[];
  /** ⌊N/2⌋+1 of the configured acceptors. */
  quorum: number;
}

interface RowState {
  ballot: Ballot;
  value: string | null;
  replaced: BallotRow['replaced'];
  cells: Map<NodeId, { promised: boolean; accepted: string | null; nacked: 'PREPARE' | 'ACCEPT' | null; nackPromised: Ballot | null }>;
}

/** Reads a run's trace entry by entry (each once) and gives the grid and what is chosen. */
export class BallotGridBuilder {
  private readonly rows = new Map<string, RowState>();
  /** Each acceptor's promise as its events tell it (a wipe or a restart without its disk forgets). */
  private readonly promise = new Map<NodeId, Ballot | null>();
  private readonly votes = new Map<string, Set<NodeId>>();
  readonly chosen: ChosenProposal[] = [];
  private version = 0;

  constructor(private readonly cfg: PaxosConfig) {}

  /** Changes seen so far (a cheap "did anything change" for callers). */
  get changes(): number {
    return this.version;
  }

  private isAcceptor(id: NodeId): boolean {
    return id >= 1 && id <= this.cfg.acceptors;
  }

  private row(b: Ballot): RowState {
    const key = ballotKey(b);
    let r = this.rows.get(key);
    if (!r) {
      r = { ballot: b, value: null, replaced: null, cells: new Map() };
      this.rows.set(key, r);
    }
    return r;
  }

  private cell(b: Ballot, acceptor: NodeId) {
    const r = this.row(b);
    let c = r.cells.get(acceptor);
    if (!c) {
      c = { promised: false, accepted: null, nacked: null, nackPromised: null };
      r.cells.set(acceptor, c);
    }
    return c;
  }

  private raise(acceptor: NodeId, b: Ballot): void {
    if (compareBallots(b, this.promise.get(acceptor) ?? null) > 0) this.promise.set(acceptor, b);
  }

  feed(e: PaxosTraceEntry, index: number): void {
    if (e.kind === 'wipe' && this.isAcceptor(e.sid)) {
      this.promise.set(e.sid, null);
      this.version += 1;
      return;
    }
    if (e.kind !== 'event') return;
    if (this.onEvent(e.sid, e.event, e.t, index)) this.version += 1;
  }

  private onEvent(sid: NodeId, ev: PaxosEvent, t: number, index: number): boolean {
    const acceptor = this.isAcceptor(sid);
    switch (ev.kind) {
      case 'prepare':
        this.row(ev.ballot);
        return true;
      case 'accept-sent':
        this.row(ev.ballot).value = ev.value;
        return true;
      case 'value-replaced':
        this.row(ev.ballot).replaced = { own: ev.from, reportedBallot: formatBallot(ev.reportedBallot), reportedBy: [...ev.reportedBy] };
        return true;
      case 'promise':
        if (!acceptor) return false;
        this.cell(ev.ballot, sid).promised = true;
        this.raise(sid, ev.ballot);
        return true;
      case 'nack-sent': {
        if (!acceptor) return false;
        const c = this.cell(ev.ballot, sid);
        c.nacked = ev.refused;
        c.nackPromised = ev.promised;
        return true;
      }
      case 'accepted': {
        if (!acceptor) return false;
        this.cell(ev.ballot, sid).accepted = ev.value;
        this.raise(sid, ev.ballot);
        const key = `${ballotKey(ev.ballot)}\u0000${ev.value}`;
        let set = this.votes.get(key);
        if (!set) this.votes.set(key, (set = new Set()));
        if (!set.has(sid)) {
          set.add(sid);
          if (set.size === trueQuorum(this.cfg)) {
            this.chosen.push({ value: ev.value, ballot: ev.ballot, acceptors: [...set].sort((a, b) => a - b), t, traceIndex: index });
          }
        }
        return true;
      }
      case 'forgot':
        if (!acceptor) return false;
        this.promise.set(sid, null);
        return true;
      default:
        return false;
    }
  }

  grid(): BallotGrid {
    const acceptors = Array.from({ length: this.cfg.acceptors }, (_, i) => i + 1);
    const quorum = trueQuorum(this.cfg);
    const rows = [...this.rows.values()]
      .sort((a, b) => compareBallots(a.ballot, b.ballot))
      .map((r): BallotRow => {
        const cells = acceptors.map((a): BallotCell => {
          const c = r.cells.get(a);
          const p = this.promise.get(a) ?? null;
          const accepted = c?.accepted ?? null;
          const blocked = accepted === null && compareBallots(p, r.ballot) > 0;
          return {
            acceptor: nodeName(this.cfg, a),
            promised: c?.promised ?? false,
            accepted,
            nacked: c?.nacked ?? null,
            nackPromised: c?.nackPromised ? formatBallot(c.nackPromised) : null,
            blockedBy: blocked ? formatBallot(p) : null,
          };
        });
        const acceptedBy = cells.filter((c) => c.accepted !== null).length;
        const byValue = new Map<string, number>();
        for (const c of cells) if (c.accepted !== null) byValue.set(c.accepted, (byValue.get(c.accepted) ?? 0) + 1);
        return {
          ballot: formatBallot(r.ballot),
          round: r.ballot.round,
          proposer: proposerName(this.cfg, r.ballot.proposer),
          value: r.value,
          replaced: r.replaced,
          cells,
          acceptedBy,
          chosen: [...byValue.values()].some((n) => n >= quorum),
        };
      });
    return { acceptors: acceptors.map((a) => nodeName(this.cfg, a)), rows, quorum };
  }
}

/** `p2` for proposer index 2 (a ballot's proposer part), or `p2?` when the configuration has no such proposer. */
function proposerName(cfg: PaxosConfig, index: number): string {
  return index >= 1 && index <= cfg.proposers ? nodeName(cfg, cfg.acceptors + index) : `p${index}`;
}

/** The ballot × acceptor grid of a whole trace (what BallotGridBuilder gives after reading it). */
export function ballotGrid(trace: readonly PaxosTraceEntry[], cfg: PaxosConfig): BallotGrid {
  const b = new BallotGridBuilder(cfg);
  trace.forEach((e, i) => b.feed(e, i));
  return b.grid();
}

/**
 * A matcher for "the next moment a value becomes chosen": the acceptor's `accepted` event that
 * completes a true majority for one (ballot, value), counting what the trace already holds.
 */
export function chosenMatcher(trace: readonly PaxosTraceEntry[], cfg: PaxosConfig): (e: PaxosTraceEntry) => boolean {
  const b = new BallotGridBuilder(cfg);
  trace.forEach((e, i) => b.feed(e, i));
  let index = trace.length;
  return (e) => {
    const before = b.chosen.length;
    b.feed(e, index++);
    return b.chosen.length > before;
  };
}
