/**
 * The invariants of Basic Paxos, checked from outside the processes after every batch (the VOPR
 * habit of src/protocol/checkers/invariants.ts). They read only the trace and the acceptors' states,
 * keep a cursor into the trace (each call costs O(new entries) plus O(acceptors)) and report a
 * violation naming the invariant, the moment, the processes and one sentence of why.
 *
 * "Chosen" is the truth of Paxos Made Simple §2.2, whatever the processes believe: a value is
 * chosen when a TRUE quorum (⌊N/2⌋+1 of the configured acceptors, even under the minorityQuorum
 * switch) has accepted the same ballot with it — counted from the acceptors' `accepted` events,
 * and once chosen it stays chosen.
 *
 *  - Agreement: at most one value is chosen (the safety requirement "only a single value is chosen").
 *  - Validity: a chosen value was proposed ("only a value that has been proposed may be chosen").
 *  - LearnerConsistency: a learner learns only a chosen value ("a process never learns that a
 *    value has been chosen unless it actually has been").
 *  - PromiseMonotonic: an acceptor's promised ballot never decreases, it never accepts below its
 *    promise (P1a), and its accepted ballot never decreases. A restart without stable storage
 *    (the forgetPromise switch) or a wiped disk breaks it — on purpose: §2.2 asks acceptors to
 *    remember.
 */
import type { InvariantInfo, ProtocolChecker, Violation } from '../../sim/module.ts';
import type { NodeId } from '../../sim/node.ts';
import type { TraceEntryOf } from '../../sim/trace.ts';
import { compareBallots, formatBallot } from './ballot.ts';
import {
  acceptorIds, nodeIdOf, nodeName, trueQuorum, type Ballot, type PaxosConfig, type PaxosEvent, type PaxosMsg,
  type PaxosDisk, type PaxosNode, type PaxosReply, type PaxosRequest,
} from './types.ts';

export type PaxosTraceEntry = TraceEntryOf<PaxosMsg, PaxosEvent, PaxosRequest, PaxosReply>;

export type PaxosInvariant = 'Agreement' | 'Validity' | 'LearnerConsistency' | 'PromiseMonotonic';

export const PAXOS_INVARIANTS: readonly InvariantInfo[] = [
  {
    name: 'Agreement',
    en: 'At most one value is chosen: every ballot a majority of acceptors accepted carries the same value.',
    zh: '至多只有一个 value 被选定：凡被过半 Acceptor 接受的编号，其提案的 value 都相同。',
  },
  {
    name: 'Validity',
    en: 'Only a value that was proposed can be chosen.',
    zh: '只有被提出过的 value 才能被选定。',
  },
  {
    name: 'LearnerConsistency',
    en: 'A learner learns a value only if it has actually been chosen.',
    zh: 'Learner 只会学习到真正被选定的 value。',
  },
  {
    name: 'PromiseMonotonic',
    en: "An acceptor's promised and accepted ballots never decrease, and it never accepts a proposal below its promise.",
    zh: 'Acceptor 承诺的编号和接受的编号只增不减，它也绝不接受编号低于其承诺的提案。',
  },
];

/** A value chosen at a ballot: a true quorum of acceptors accepted (ballot, value). */
export interface ChosenProposal {
  value: string;
  ballot: Ballot;
  /** The acceptors that had accepted it when it became chosen (a true quorum). */
  acceptors: NodeId[];
  t: number;
  traceIndex: number;
}

/**
 * Counts accepted proposals per (ballot, value) from the acceptors' `accepted` events and reports
 * each (ballot, value) the moment a true quorum has accepted it.
 */
class ChosenTracker {
  private readonly votes = new Map<string, Set<NodeId>>();
  readonly chosen: ChosenProposal[] = [];

  constructor(private readonly quorum: number) {}

  /** Feeds one trace entry; returns the proposal it made chosen, if any. */
  feed(e: PaxosTraceEntry, index: number, isAcceptor: (id: NodeId) => boolean): ChosenProposal | null {
    if (e.kind !== 'event' || e.event.kind !== 'accepted' || !isAcceptor(e.sid)) return null;
    const ev = e.event;
    const key = `${ev.ballot.round}.${ev.ballot.proposer}\u0000${ev.value}`;
    let set = this.votes.get(key);
    if (!set) this.votes.set(key, (set = new Set()));
    if (set.has(e.sid)) return null;
    set.add(e.sid);
    if (set.size !== this.quorum) return null;
    const c: ChosenProposal = { value: ev.value, ballot: ev.ballot, acceptors: [...set].sort((a, b) => a - b), t: e.t, traceIndex: index };
    this.chosen.push(c);
    return c;
  }
}

/** The first value chosen in a trace (a true quorum accepted one ballot with it), or null. */
export function paxosChosen(trace: readonly PaxosTraceEntry[], cfg: PaxosConfig): ChosenProposal | null {
  return paxosChosenAll(trace, cfg)[0] ?? null;
}

/** Every (ballot, value) chosen in a trace, in the order they became chosen. */
export function paxosChosenAll(trace: readonly PaxosTraceEntry[], cfg: PaxosConfig): ChosenProposal[] {
  const tracker = new ChosenTracker(trueQuorum(cfg));
  trace.forEach((e, i) => tracker.feed(e, i, (id) => id >= 1 && id <= cfg.acceptors));
  return tracker.chosen;
}

/** The line `lab status` prints: `chosen: x (ballot 2.1)` or `chosen: none`. */
export function chosenLine(trace: readonly PaxosTraceEntry[], cfg: PaxosConfig): string {
  const c = paxosChosen(trace, cfg);
  return c === null ? 'chosen: none' : `chosen: ${c.value} (ballot ${formatBallot(c.ballot)})`;
}

interface AcceptorTrack {
  promised: Ballot | null;
  accepted: Ballot | null;
}

export function createPaxosChecker(cfg: PaxosConfig): ProtocolChecker<PaxosNode, PaxosTraceEntry> {
  const name = (id: NodeId) => nodeName(cfg, id);
  const names = (ids: readonly NodeId[]) => ids.map(name).join(',');
  const isAcceptor = (id: NodeId) => id >= 1 && id <= cfg.acceptors;
  const tracker = new ChosenTracker(trueQuorum(cfg));
  const proposed = new Set<string>();
  const track = new Map<NodeId, AcceptorTrack>(acceptorIds(cfg).map((id) => [id, { promised: null, accepted: null }]));
  let cursor = 0;

  function onChosen(c: ChosenProposal, out: Violation[]): void {
    const at = `ballot ${formatBallot(c.ballot)} by ${names(c.acceptors)}`;
    if (!proposed.has(c.value)) {
      out.push({ invariant: 'Validity', t: c.t, traceIndex: c.traceIndex, servers: c.acceptors, message: `${c.value} chosen at ${at} but no proposer was ever asked to propose ${c.value}` });
    }
    const other = tracker.chosen.find((x) => x !== c && x.value !== c.value);
    if (other) {
      out.push({
        invariant: 'Agreement', t: c.t, traceIndex: c.traceIndex,
        servers: [...new Set([...other.acceptors, ...c.acceptors])].sort((a, b) => a - b),
        message: `${other.value} chosen at ballot ${formatBallot(other.ballot)} by ${names(other.acceptors)} and ${c.value} chosen at ${at}`,
      });
    }
  }

  function onEvent(sid: NodeId, ev: PaxosEvent, t: number, traceIndex: number, out: Violation[]): void {
    const tr = track.get(sid);
    const v = (message: string, servers: NodeId[] = [sid]) => out.push({ invariant: 'PromiseMonotonic', t, traceIndex, servers, message });
    if (ev.kind === 'promise' && tr) {
      if (compareBallots(ev.ballot, tr.promised) < 0) v(`${name(sid)} promised ballot ${formatBallot(ev.ballot)} after promising ${formatBallot(tr.promised)}`);
      tr.promised = ev.ballot;
    } else if (ev.kind === 'accepted' && tr) {
      if (compareBallots(ev.ballot, tr.promised) < 0) v(`${name(sid)} accepted (${formatBallot(ev.ballot)}, ${ev.value}) below its promise of ballot ${formatBallot(tr.promised)}`);
      else if (compareBallots(ev.ballot, tr.accepted) < 0) v(`${name(sid)} accepted ballot ${formatBallot(ev.ballot)} after accepting ${formatBallot(tr.accepted)}`);
      tr.promised = ev.ballot;
      tr.accepted = ev.ballot;
    } else if (ev.kind === 'forgot' && tr) {
      if (tr.promised !== null) v(`${name(sid)} restarted and forgot its promise of ballot ${formatBallot(tr.promised)}${tr.accepted ? ` and its accepted ballot ${formatBallot(tr.accepted)}` : ''}`);
      tr.promised = null;
      tr.accepted = null;
    } else if (ev.kind === 'learned') {
      const chosen = tracker.chosen.some((c) => c.value === ev.value);
      if (!chosen) {
        const accepted = ev.acceptors.map((a) => nodeIdOf(cfg, a)).filter((a): a is NodeId => a !== null);
        out.push({
          invariant: 'LearnerConsistency', t, traceIndex, servers: [sid, ...accepted],
          message: `${name(sid)} learned ${ev.value} (ballot ${formatBallot(ev.ballot)}, from ${ev.acceptors.join(',')}) but ${ev.value} is not chosen: a majority is ${trueQuorum(cfg)} of ${cfg.acceptors} acceptors`,
        });
      }
    }
  }

  /** A live acceptor's state behind what it promised or accepted (a restart without its disk, a wipe). */
  function checkStates(disk: (id: NodeId) => PaxosDisk | undefined, t: number, traceIndex: number, out: Violation[]): void {
    for (const [id, tr] of track) {
      const d = disk(id);
      if (!d) continue;
      const { promised, accepted } = d;
      if (compareBallots(promised, tr.promised) < 0) {
        out.push({ invariant: 'PromiseMonotonic', t, traceIndex, servers: [id], message: `${name(id)}'s promised ballot went back from ${formatBallot(tr.promised)} to ${formatBallot(promised)}` });
      } else if (compareBallots(accepted?.ballot ?? null, tr.accepted) < 0) {
        out.push({ invariant: 'PromiseMonotonic', t, traceIndex, servers: [id], message: `${name(id)}'s accepted ballot went back from ${formatBallot(tr.accepted)} to ${formatBallot(accepted?.ballot ?? null)}` });
      }
      tr.promised = promised;
      tr.accepted = accepted?.ballot ?? null;
    }
  }

  return {
    invariants: PAXOS_INVARIANTS,
    check(view) {
      const out: Violation[] = [];
      const { trace } = view;
      // A rewind replaces the run, and its caller makes a new checker (as src/store/invariants.ts
      // does for ZooKeeper); a shorter trace given to this one is read from its end, never again from 0.
      if (cursor > trace.length) cursor = trace.length;
      for (; cursor < trace.length; cursor++) {
        const e = trace[cursor]!;
        if (e.kind === 'request' && e.req.type === 'propose') proposed.add(e.req.value);
        if (e.kind !== 'event') continue;
        onEvent(e.sid, e.event, e.t, cursor, out);
        const c = tracker.feed(e, cursor, isAcceptor);
        if (c) onChosen(c, out);
      }
      checkStates((id) => (view.disk ? (view.disk(id) as PaxosDisk | undefined) : view.node(id)?.disk), view.now, trace.length - 1, out);
      return out;
    },
  };
}
