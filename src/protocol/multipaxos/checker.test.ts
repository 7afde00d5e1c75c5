/**
 * The Multi-Paxos checker on hand-made traces: each invariant goes red on the smallest trace that
 * breaks it, stays green on its near miss, reports each broken fact once, and reads the trace
 * incrementally.
 */
import { describe, expect, test } from 'vitest';
import type { Violation } from '../../sim/module.ts';
import type { NodeId } from '../../sim/node.ts';
import { createMultiPaxosChecker, multiPaxosChosen, type MultiPaxosTraceEntry } from './checker.ts';
import { emptyMpDisk } from './disk.ts';
import { MULTIPAXOS_INVARIANTS } from './invariants.ts';
import { createReplica } from './Replica.ts';
import { multiPaxosConfig, type Ballot, type MpEvent, type MpValue, type MultiPaxosNode } from './types.ts';

const cfg3 = multiPaxosConfig({ replicas: 3, seed: 1 });
const cfg5 = multiPaxosConfig({ replicas: 5, seed: 1 });
const b = (round: number, replica: number): Ballot => ({ round, replica });
const r = (id: number) => `r${id}`;

function event(t: number, sid: NodeId, e: MpEvent): MultiPaxosTraceEntry {
  return { t, kind: 'event', sid, event: e };
}
const accepted = (t: number, sid: NodeId, slot: number, ballot: Ballot, value: MpValue) =>
  event(t, sid, { kind: 'accepted', node: r(sid), slot, ballot, value, leader: r(ballot.replica) });
const chosen = (t: number, sid: NodeId, slot: number, value: MpValue) =>
  event(t, sid, { kind: 'chosen', node: r(sid), slot, value, ballot: null, by: [] });
const executed = (t: number, sid: NodeId, slot: number, value: MpValue) =>
  event(t, sid, { kind: 'executed', node: r(sid), slot, value });
const promise = (t: number, sid: NodeId, ballot: Ballot) =>
  event(t, sid, { kind: 'promise', node: r(sid), to: r(ballot.replica), ballot, fromSlot: 1, slots: [] });
const propose = (t: number, sid: NodeId, value: string): MultiPaxosTraceEntry => ({ t, kind: 'request', sid, req: { type: 'propose', value } });

/** Runs a checker over a trace, one entry per call (as after every step), with optional live nodes. */
function check(trace: MultiPaxosTraceEntry[], cfg = cfg3, nodes: Record<number, MultiPaxosNode> = {}): Violation[] {
  const checker = createMultiPaxosChecker(cfg);
  const out: Violation[] = [];
  const ids = Array.from({ length: cfg.replicas }, (_, i) => i + 1);
  for (let i = 1; i <= trace.length; i++) {
    out.push(...checker.check({ now: trace[i - 1]!.t, trace: trace.slice(0, i), ids, node: (id) => nodes[id] }));
  }
  return out;
}

const names = (vs: Violation[]) => vs.map((v) => v.invariant);

describe('SlotAgreement', () => {
  test('two values each accepted by a true majority in one slot', () => {
    const vs = check([
      propose(0, 1, 'a'), propose(0, 3, 'b'),
      accepted(1, 1, 1, b(1, 1), 'a'), accepted(2, 2, 1, b(1, 1), 'a'),
      accepted(3, 3, 1, b(2, 3), 'b'), accepted(4, 2, 1, b(2, 3), 'b'),
    ]);
    expect(names(vs)).toEqual(['SlotAgreement']);
    expect(vs[0]).toMatchObject({ t: 4, traceIndex: 5, servers: [1, 2, 3] });
    expect(vs[0]!.message).toBe('Slot 1 has two chosen values: a (accepted by r1,r2 at ballot 1.1) and b (accepted by r2,r3 at ballot 2.3).');
  });

  test('the same value chosen again at a higher ballot (a re-proposal) is fine', () => {
    expect(check([
      propose(0, 1, 'a'),
      accepted(1, 1, 1, b(1, 1), 'a'), accepted(2, 2, 1, b(1, 1), 'a'),
      accepted(3, 3, 1, b(2, 3), 'a'), accepted(4, 2, 1, b(2, 3), 'a'),
    ])).toEqual([]);
  });

  test('a minority accepting another value is not a choice, whatever the bug switch says', () => {
    const trace = [
      propose(0, 1, 'x'), propose(0, 3, 'y'),
      accepted(1, 1, 1, b(1, 1), 'x'), accepted(2, 2, 1, b(1, 1), 'x'),
      accepted(3, 3, 1, b(2, 3), 'y'), accepted(4, 4, 1, b(2, 3), 'y'), accepted(5, 5, 1, b(2, 3), 'y'),
    ];
    expect(check(trace, cfg5)).toEqual([]);
    expect(check(trace, { ...cfg5, bugs: ['minorityQuorum'] })).toEqual([]);
    const c = multiPaxosChosen(trace, cfg5);
    expect([...c.keys()]).toEqual([1]);
    expect(c.get(1)!.map((x) => [x.value, x.replicas])).toEqual([['y', [3, 4, 5]]]);
  });

  test('duplicate accepted events of one replica count once', () => {
    expect(multiPaxosChosen([accepted(1, 1, 1, b(1, 1), 'a'), accepted(2, 1, 1, b(1, 1), 'a'), accepted(3, 1, 1, b(1, 1), 'a')], cfg5).size).toBe(0);
  });
});

describe('Validity', () => {
  test('a chosen value nobody proposed', () => {
    const vs = check([accepted(1, 1, 1, b(1, 1), 'ghost'), accepted(2, 2, 1, b(1, 1), 'ghost')]);
    expect(names(vs)).toEqual(['Validity']);
    expect(vs[0]!.message).toBe('ghost is chosen in slot 1 (accepted by r1,r2 at ballot 1.1) but no client ever proposed ghost.');
  });

  test('a no-op needs no proposal; a learner marking an unproposed value is caught too', () => {
    expect(check([accepted(1, 1, 1, b(1, 1), null), accepted(2, 2, 1, b(1, 1), null), chosen(3, 3, 1, null)])).toEqual([]);
    expect(names(check([chosen(3, 3, 4, 'ghost')]))).toEqual(['Validity']);
  });
});

describe('LearnerConsistency', () => {
  test('a replica marks a value chosen, and later another value is truly chosen there', () => {
    const vs = check([
      propose(0, 1, 'x'), propose(0, 3, 'y'),
      chosen(1, 1, 1, 'x'),
      accepted(2, 3, 1, b(2, 3), 'y'), accepted(3, 2, 1, b(2, 3), 'y'),
    ]);
    expect(names(vs)).toEqual(['LearnerConsistency']);
    expect(vs[0]).toMatchObject({ traceIndex: 4, servers: [1, 2, 3] });
    expect(vs[0]!.message).toBe('r1 marked slot 1 chosen with x, but the value chosen there is y (accepted by r2,r3 at ballot 2.3).');
  });

  test('a replica marks a value other than the one already chosen', () => {
    const vs = check([
      propose(0, 1, 'x'), propose(0, 3, 'y'),
      accepted(2, 3, 1, b(2, 3), 'y'), accepted(3, 2, 1, b(2, 3), 'y'),
      chosen(4, 2, 1, 'y'), chosen(5, 1, 1, 'x'),
    ]);
    expect(names(vs)).toEqual(['LearnerConsistency']);
    expect(vs[0]!.servers).toContain(1);
  });
});

describe('ExecutedPrefix', () => {
  test('two replicas execute different values in one slot', () => {
    const vs = check([propose(0, 1, 'a'), propose(0, 1, 'b'), executed(1, 1, 1, 'a'), executed(2, 2, 1, 'b'), executed(3, 3, 1, 'a')]);
    expect(names(vs)).toEqual(['ExecutedPrefix']);
    expect(vs[0]!.message).toBe('r2 executed b in slot 1 but r1 executed a there: their executed logs disagree.');
  });

  test('a replica executes out of order; after a restart it starts again from slot 1', () => {
    expect(names(check([executed(1, 1, 2, 'a')]))).toEqual(['ExecutedPrefix']);
    expect(check([
      executed(1, 1, 1, 'a'), executed(2, 1, 2, 'b'),
      { t: 3, kind: 'crash', sid: 1, reason: 'killed' }, { t: 4, kind: 'start', sid: 1 },
      executed(5, 1, 1, 'a'), executed(6, 1, 2, 'b'), executed(7, 1, 3, null),
    ])).toEqual([]);
  });
});

describe('PromiseMonotonic', () => {
  test('a promise below an earlier one, and an accept below the promise', () => {
    const vs = check([promise(1, 2, b(3, 1)), promise(2, 2, b(2, 3)), accepted(3, 2, 4, b(1, 1), null)]);
    expect(names(vs)).toEqual(['PromiseMonotonic', 'PromiseMonotonic']);
    expect(vs[0]!.message).toBe('r2 promised ballot 2.3 after promising the higher 3.1.');
    expect(vs[1]!.message).toBe('r2 accepted no-op in slot 4 at ballot 1.1, below its promise 3.1.');
  });

  test('accepting raises the promise; a wipe starts afresh', () => {
    expect(names(check([accepted(1, 2, 1, b(4, 1), null), promise(2, 2, b(3, 3))]))).toEqual(['PromiseMonotonic']);
    expect(check([promise(1, 2, b(3, 1)), { t: 2, kind: 'wipe', sid: 2 }, promise(3, 2, b(1, 3))])).toEqual([]);
  });

  test("a live replica's disk promise below what it promised before", () => {
    const node = createReplica({ myid: 2, config: cfg3, disk: emptyMpDisk() });
    node.disk.promised = b(1, 1);
    const vs = check([promise(1, 2, b(3, 1)), { t: 2, kind: 'action', text: 'look' }], cfg3, { 2: node });
    expect(names(vs)).toEqual(['PromiseMonotonic']);
    expect(vs[0]!.message).toBe("r2's disk holds promise 1.1, below the ballot 3.1 it promised before.");
  });
});

describe('the checker', () => {
  test('lists its invariants with en and zh lines', () => {
    const checker = createMultiPaxosChecker(cfg3);
    expect(checker.invariants.map((i) => i.name)).toEqual(['SlotAgreement', 'Validity', 'ExecutedPrefix', 'LearnerConsistency', 'PromiseMonotonic']);
    expect(checker.invariants).toBe(MULTIPAXOS_INVARIANTS);
    for (const i of checker.invariants) {
      expect(i.en).toMatch(/\.$/);
      expect(i.zh).toMatch(/。$/);
    }
  });

  test('is incremental: a fact is reported once, and a call without new entries finds nothing', () => {
    const checker = createMultiPaxosChecker(cfg3);
    const trace = [accepted(1, 1, 1, b(1, 1), 'ghost'), accepted(2, 2, 1, b(1, 1), 'ghost')];
    const view = { now: 2, trace, ids: [1, 2, 3], node: () => undefined };
    expect(names(checker.check(view))).toEqual(['Validity']);
    expect(checker.check(view)).toEqual([]);
    trace.push(accepted(3, 3, 1, b(1, 1), 'ghost'));
    expect(checker.check(view)).toEqual([]);
  });
});
