/**
 * The invariants of Multi-Paxos (invariants.ts), checked from outside the replicas after every
 * batch (the VOPR habit of src/protocol/checkers/invariants.ts). They read only the trace and the
 * replicas' disks, keep a cursor into the trace (each call costs O(new entries) plus O(replicas))
 * and report a violation naming the invariant, the moment, the replicas and one sentence of why.
 * Each broken fact is reported once.
 *
 * "Chosen" is the truth of Paxos Made Simple, per slot, whatever the replicas believe: a value is
 * chosen in slot s when a TRUE majority (⌊N/2⌋+1 of the configured replicas, even under the
 * minorityQuorum switch) has accepted the same (ballot, s) with it — counted from the `accepted`
 * events — and once chosen it stays chosen.
 *
 *  - SlotAgreement: per slot at most one value is ever chosen.
 *  - Validity: a chosen value (truly chosen, or marked chosen by a replica) other than a no-op was
 *    proposed by a `propose` request.
 *  - ExecutedPrefix: a replica executes slot s only right after s−1 (from 1 after each start, as
 *    execution is in memory), and no two replicas execute different values in one slot — so any
 *    two executed sequences agree on their common prefix.
 *  - LearnerConsistency: a replica never marks a slot chosen (`chosen` event) with a value other
 *    than the one truly chosen there (checked when both are known, whichever comes first).
 *  - PromiseMonotonic: per replica, the promised ballot (promise and accepted events, and its disk)
 *    never decreases and nothing is accepted below it. A wiped disk starts afresh.
 */
import type { ProtocolChecker, Violation } from '../../sim/module.ts';
import type { NodeId } from '../../sim/node.ts';
import type { TraceEntryOf } from '../../sim/trace.ts';
import { compareBallots, formatBallot, formatValue } from './ballot.ts';
import { MULTIPAXOS_INVARIANTS, type MultiPaxosInvariant } from './invariants.ts';
import {
  type MpDisk,
  nodeName, trueQuorum, type Ballot, type MpEvent, type MpMsg, type MpReply, type MpRequest, type MpValue,
  type MultiPaxosConfig, type MultiPaxosNode,
} from './types.ts';

export type MultiPaxosTraceEntry = TraceEntryOf<MpMsg, MpEvent, MpRequest, MpReply>;

/** A value truly chosen in a slot: a majority accepted (ballot, slot) with it. */
export interface SlotChoice {
  slot: number;
  value: MpValue;
  ballot: Ballot;
  /** The replicas that had accepted it when it became chosen (a true majority). */
  replicas: NodeId[];
  t: number;
  traceIndex: number;
}

/**
 * Counts accepted proposals per (slot, ballot, value) from the `accepted` events and reports each
 * the moment a true majority has accepted it.
 */
class ChoiceTracker {
  private readonly votes = new Map<string, Set<NodeId>>();
  /** Per slot, the distinct values chosen there, in the order they became chosen. */
  readonly bySlot = new Map<number, SlotChoice[]>();

  constructor(private readonly majority: number) {}

  feed(e: MultiPaxosTraceEntry, index: number): SlotChoice | null {
    if (e.kind !== 'event' || e.event.kind !== 'accepted') return null;
    const ev = e.event;
    const key = `${ev.slot}|${formatBallot(ev.ballot)}|${ev.value === null ? '\u0000' : `=${ev.value}`}`;
    let set = this.votes.get(key);
    if (!set) this.votes.set(key, (set = new Set()));
    if (set.has(e.sid)) return null;
    set.add(e.sid);
    if (set.size !== this.majority) return null;
    const c: SlotChoice = { slot: ev.slot, value: ev.value, ballot: ev.ballot, replicas: [...set].sort((a, b) => a - b), t: e.t, traceIndex: index };
    const list = this.bySlot.get(ev.slot) ?? [];
    if (!list.some((x) => x.value === c.value)) {
      list.push(c);
      this.bySlot.set(ev.slot, list);
      return c;
    }
    return null;
  }
}

/** Every slot's truly chosen value(s) in a trace (more than one only if SlotAgreement broke). */
export function multiPaxosChosen(trace: readonly MultiPaxosTraceEntry[], cfg: MultiPaxosConfig): Map<number, SlotChoice[]> {
  const t = new ChoiceTracker(trueQuorum(cfg));
  trace.forEach((e, i) => t.feed(e, i));
  return t.bySlot;
}

interface Mark {
  sid: NodeId;
  value: MpValue;
  t: number;
  traceIndex: number;
}

export function createMultiPaxosChecker(cfg: MultiPaxosConfig): ProtocolChecker<MultiPaxosNode, MultiPaxosTraceEntry> {
  const name = (id: NodeId) => nodeName(cfg, id);
  const names = (ids: readonly NodeId[]) => ids.map(name).join(',');
  const v = formatValue;
  const tracker = new ChoiceTracker(trueQuorum(cfg));
  const proposed = new Set<string>();
  /** Learner marks not yet compared with a true choice, per slot. */
  const marks = new Map<number, Mark[]>();
  /** The first value executed in each slot, and by whom. */
  const firstExec = new Map<number, { sid: NodeId; value: MpValue }>();
  /** Per replica, the last slot executed since it started. */
  const lastExec = new Map<NodeId, number>();
  /** Per replica, the highest ballot promised (or accepted) so far. */
  const promised = new Map<NodeId, Ballot>();
  const reported = new Set<string>();
  let cursor = 0;

  function report(out: Violation[], key: string, invariant: MultiPaxosInvariant, t: number, traceIndex: number, servers: NodeId[], message: string): void {
    if (reported.has(key)) return;
    reported.add(key);
    out.push({ invariant, t, traceIndex, servers: [...new Set(servers)].sort((a, b) => a - b), message });
  }

  function checkMark(m: Mark, slot: number, c: SlotChoice, t: number, traceIndex: number, out: Violation[]): void {
    if (m.value === c.value) return;
    report(out, `LC|${slot}|${m.sid}`, 'LearnerConsistency', t, traceIndex, [m.sid, ...c.replicas],
      `${name(m.sid)} marked slot ${slot} chosen with ${v(m.value)}, but the value chosen there is ${v(c.value)} (accepted by ${names(c.replicas)} at ballot ${formatBallot(c.ballot)}).`);
  }

  function onChoice(c: SlotChoice, out: Violation[]): void {
    if (c.value !== null && !proposed.has(c.value)) {
      report(out, `V|${c.slot}|${c.value}`, 'Validity', c.t, c.traceIndex, c.replicas,
        `${c.value} is chosen in slot ${c.slot} (accepted by ${names(c.replicas)} at ballot ${formatBallot(c.ballot)}) but no client ever proposed ${c.value}.`);
    }
    const all = tracker.bySlot.get(c.slot)!;
    const first = all[0]!;
    if (first !== c) {
      report(out, `SA|${c.slot}|${all.length}`, 'SlotAgreement', c.t, c.traceIndex, [...first.replicas, ...c.replicas],
        `Slot ${c.slot} has two chosen values: ${v(first.value)} (accepted by ${names(first.replicas)} at ballot ${formatBallot(first.ballot)}) and ${v(c.value)} (accepted by ${names(c.replicas)} at ballot ${formatBallot(c.ballot)}).`);
      return;
    }
    const pending = marks.get(c.slot);
    if (pending) {
      marks.delete(c.slot);
      for (const m of pending) checkMark(m, c.slot, c, c.t, c.traceIndex, out);
    }
  }

  function onPromiseLike(sid: NodeId, ballot: Ballot, what: string, t: number, traceIndex: number, out: Violation[], acceptOf?: { slot: number; value: MpValue }): void {
    const prev = promised.get(sid) ?? null;
    if (compareBallots(ballot, prev) < 0) {
      const msg = acceptOf
        ? `${name(sid)} accepted ${v(acceptOf.value)} in slot ${acceptOf.slot} at ballot ${formatBallot(ballot)}, below its promise ${formatBallot(prev)}.`
        : `${name(sid)} ${what} ballot ${formatBallot(ballot)} after promising the higher ${formatBallot(prev)}.`;
      report(out, `PM|${sid}|${traceIndex}`, 'PromiseMonotonic', t, traceIndex, [sid], msg);
      return;
    }
    promised.set(sid, ballot);
  }

  function onEvent(sid: NodeId, ev: MpEvent, t: number, traceIndex: number, out: Violation[]): void {
    switch (ev.kind) {
      case 'promise':
        onPromiseLike(sid, ev.ballot, 'promised', t, traceIndex, out);
        break;
      case 'accepted':
        onPromiseLike(sid, ev.ballot, 'accepted', t, traceIndex, out, { slot: ev.slot, value: ev.value });
        break;
      case 'chosen': {
        if (ev.value !== null && !proposed.has(ev.value)) {
          report(out, `VM|${ev.slot}|${ev.value}`, 'Validity', t, traceIndex, [sid],
            `${name(sid)} marked ${ev.value} chosen in slot ${ev.slot} but no client ever proposed ${ev.value}.`);
        }
        const m: Mark = { sid, value: ev.value, t, traceIndex };
        const c = tracker.bySlot.get(ev.slot)?.[0];
        if (c) checkMark(m, ev.slot, c, t, traceIndex, out);
        else {
          const list = marks.get(ev.slot) ?? [];
          list.push(m);
          marks.set(ev.slot, list);
        }
        break;
      }
      case 'executed': {
        const last = lastExec.get(sid) ?? 0;
        if (ev.slot !== last + 1) {
          report(out, `EO|${sid}|${ev.slot}`, 'ExecutedPrefix', t, traceIndex, [sid],
            `${name(sid)} executed slot ${ev.slot} right after slot ${last}, out of order.`);
        }
        lastExec.set(sid, ev.slot);
        const first = firstExec.get(ev.slot);
        if (!first) firstExec.set(ev.slot, { sid, value: ev.value });
        else if (first.value !== ev.value) {
          report(out, `EP|${ev.slot}|${sid}`, 'ExecutedPrefix', t, traceIndex, [first.sid, sid],
            `${name(sid)} executed ${v(ev.value)} in slot ${ev.slot} but ${name(first.sid)} executed ${v(first.value)} there: their executed logs disagree.`);
        }
        break;
      }
      default:
        break;
    }
  }

  return {
    invariants: MULTIPAXOS_INVARIANTS,
    check(view) {
      const out: Violation[] = [];
      for (; cursor < view.trace.length; cursor++) {
        const e = view.trace[cursor]!;
        switch (e.kind) {
          case 'request':
            if (e.req.type === 'propose') proposed.add(e.req.value);
            break;
          case 'start':
          case 'crash':
            lastExec.delete(e.sid);
            break;
          case 'wipe':
            promised.delete(e.sid);
            lastExec.delete(e.sid);
            break;
          case 'event': {
            onEvent(e.sid, e.event, e.t, cursor, out);
            const c = tracker.feed(e, cursor);
            if (c) onChoice(c, out);
            break;
          }
          default:
            break;
        }
      }
      // The disks: a promise never goes down (it is raised by promise and accept events, seen above).
      const at = view.trace.length - 1;
      for (const id of view.ids) {
        // The host's copy of the disk where the checker has it (the page), else the process's own.
        const disk = view.disk ? (view.disk(id) as MpDisk | undefined) : view.node(id)?.disk;
        if (!disk) continue;
        const prev = promised.get(id) ?? null;
        if (compareBallots(disk.promised, prev) < 0) {
          report(out, `PMD|${id}|${formatBallot(disk.promised)}|${formatBallot(prev)}`, 'PromiseMonotonic', view.now, at, [id],
            `${name(id)}'s disk holds promise ${formatBallot(disk.promised)}, below the ballot ${formatBallot(prev)} it promised before.`);
        } else if (disk.promised !== null) {
          promised.set(id, disk.promised);
        }
      }
      return out;
    },
  };
}

