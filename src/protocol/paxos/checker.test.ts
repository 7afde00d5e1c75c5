import { describe, expect, it } from 'vitest';
import type { NodeId } from '../../sim/node.ts';
import { chosenLine, createPaxosChecker, PAXOS_INVARIANTS, paxosChosen, paxosChosenAll, type PaxosTraceEntry } from './checker.ts';
import { createNode } from './PaxosNode.ts';
import { emptyPaxosDisk, paxosConfig, paxosIds, type Ballot, type PaxosConfig, type PaxosDisk, type PaxosNode } from './types.ts';

const b = (round: number, proposer: number): Ballot => ({ round, proposer });
const name = (id: NodeId) => `a${id}`;

const propose = (sid: NodeId, value: string, t = 0): PaxosTraceEntry => ({ t, kind: 'request', sid, req: { type: 'propose', value } });
const accepted = (sid: NodeId, ballot: Ballot, value: string, t = 0): PaxosTraceEntry => ({ t, kind: 'event', sid, event: { kind: 'accepted', node: name(sid), ballot, value, again: false } });
const promised = (sid: NodeId, ballot: Ballot, t = 0): PaxosTraceEntry => ({ t, kind: 'event', sid, event: { kind: 'promise', node: name(sid), ballot, to: 'p1', accepted: null, again: false } });
const learned = (sid: NodeId, ballot: Ballot, value: string, acceptors: string[], t = 0): PaxosTraceEntry => ({
  t, kind: 'event', sid, event: { kind: 'learned', node: 'l1', ballot, value, acceptors, previous: null },
});

/** A checker fed a growing trace, entry by entry, as the kernel would after each batch. */
function harness(cfg: PaxosConfig, nodes: Map<NodeId, PaxosNode> = new Map()) {
  const checker = createPaxosChecker(cfg);
  const trace: PaxosTraceEntry[] = [];
  return {
    trace,
    checker,
    feed(...entries: PaxosTraceEntry[]) {
      trace.push(...entries);
      return checker.check({ now: trace.at(-1)?.t ?? 0, trace, ids: paxosIds(cfg), node: (id) => nodes.get(id) });
    },
  };
}

describe('the checker', () => {
  const cfg = paxosConfig(); // 3 acceptors: a majority is 2

  it('lists its invariants with a line in each language', () => {
    expect(createPaxosChecker(cfg).invariants.map((i) => i.name)).toEqual(['Agreement', 'Validity', 'LearnerConsistency', 'PromiseMonotonic']);
    for (const i of PAXOS_INVARIANTS) {
      expect(i.en).toMatch(/\.$/);
      expect(i.zh).toMatch(/。$/);
    }
  });

  it('Agreement: a second value chosen by another majority, in one sentence naming both', () => {
    const h = harness(cfg);
    expect(h.feed(propose(4, 'x'), propose(5, 'y'), accepted(1, b(1, 1), 'x', 10), accepted(2, b(1, 1), 'x', 11))).toEqual([]);
    expect(h.feed(accepted(2, b(2, 2), 'y', 20))).toEqual([]);
    const v = h.feed(accepted(3, b(2, 2), 'y', 21));
    expect(v).toEqual([{
      invariant: 'Agreement', t: 21, traceIndex: 5, servers: [1, 2, 3],
      message: 'x chosen at ballot 1.1 by a1,a2 and y chosen at ballot 2.2 by a2,a3',
    }]);
    expect(paxosChosenAll(h.trace, cfg).map((c) => c.value)).toEqual(['x', 'y']);
    expect(paxosChosen(h.trace, cfg)).toMatchObject({ value: 'x', ballot: b(1, 1), acceptors: [1, 2], t: 11, traceIndex: 3 });
  });

  it('a value chosen again at a higher ballot, or accepted by more acceptors, is no violation', () => {
    const h = harness(cfg);
    h.feed(propose(4, 'x'), accepted(1, b(1, 1), 'x'), accepted(2, b(1, 1), 'x'), accepted(3, b(1, 1), 'x'));
    expect(h.feed(accepted(2, b(2, 2), 'x'), accepted(3, b(2, 2), 'x'), accepted(1, b(3, 1), 'x'))).toEqual([]);
    expect(chosenLine(h.trace, cfg)).toBe('chosen: x (ballot 1.1)');
    expect(chosenLine([], cfg)).toBe('chosen: none');
  });

  it('counts the TRUE majority of the configured acceptors, whatever the bug switches say', () => {
    const minority = paxosConfig({ bugs: ['minorityQuorum'] });
    const h = harness(minority);
    expect(h.feed(propose(4, 'x'), accepted(1, b(1, 1), 'x'))).toEqual([]);
    expect(paxosChosen(h.trace, minority)).toBeNull();
    // Only acceptors count: an `accepted` event from another process is not a vote.
    expect(paxosChosen([accepted(1, b(1, 1), 'x'), accepted(4, b(1, 1), 'x')], cfg)).toBeNull();
    // Duplicates of one acceptor count once.
    expect(paxosChosen([accepted(1, b(1, 1), 'x'), accepted(1, b(1, 1), 'x')], cfg)).toBeNull();
  });

  it('Validity: a chosen value nobody proposed', () => {
    const h = harness(cfg);
    const v = h.feed(propose(4, 'x'), accepted(1, b(1, 1), 'z'), accepted(3, b(1, 1), 'z'));
    expect(v).toEqual([expect.objectContaining({ invariant: 'Validity', servers: [1, 3], message: 'z chosen at ballot 1.1 by a1,a3 but no proposer was ever asked to propose z' })]);
  });

  it('LearnerConsistency: a learner learning what no majority accepted', () => {
    const h = harness(cfg);
    h.feed(propose(4, 'x'), accepted(1, b(1, 1), 'x'));
    const v = h.feed(learned(6, b(1, 1), 'x', ['a1']));
    expect(v).toEqual([expect.objectContaining({
      invariant: 'LearnerConsistency', servers: [6, 1],
      message: 'l1 learned x (ballot 1.1, from a1) but x is not chosen: a majority is 2 of 3 acceptors',
    })]);
    expect(h.feed(accepted(2, b(1, 1), 'x'), learned(6, b(1, 1), 'x', ['a1', 'a2']))).toEqual([]);
  });

  it('PromiseMonotonic: a lower promise, an accept below the promise, a lower accept', () => {
    const h = harness(cfg);
    expect(h.feed(promised(1, b(2, 1)), promised(1, b(2, 1)))).toEqual([]);
    expect(h.feed(promised(1, b(1, 2)))).toEqual([expect.objectContaining({ invariant: 'PromiseMonotonic', servers: [1], message: 'a1 promised ballot 1.2 after promising 2.1' })]);
    const h2 = harness(cfg);
    h2.feed(propose(4, 'x'), promised(2, b(3, 1)));
    expect(h2.feed(accepted(2, b(2, 2), 'x'))).toEqual([expect.objectContaining({ message: 'a2 accepted (2.2, x) below its promise of ballot 3.1' })]);
  });

  it('PromiseMonotonic: reads the acceptors\' states too (a restart without the disk)', () => {
    const nodes = new Map<NodeId, PaxosNode>();
    const h = harness(cfg, nodes);
    const boot = (disk: PaxosDisk) => nodes.set(1, createNode({ myid: 1, config: cfg, disk }));
    boot({ promised: b(2, 1), accepted: null, round: 0 });
    expect(h.feed(promised(1, b(2, 1)))).toEqual([]);
    boot(emptyPaxosDisk()); // a wiped disk, restarted
    expect(h.feed({ t: 5, kind: 'start', sid: 1 })).toEqual([{
      invariant: 'PromiseMonotonic', t: 5, traceIndex: 1, servers: [1], message: "a1's promised ballot went back from 2.1 to none",
    }]);
    // Reported once: the checker follows the state from there.
    expect(h.feed({ t: 6, kind: 'action', text: 'run 1ms' })).toEqual([]);
  });

  it('is incremental: each call reads only the entries added since the last one', () => {
    const h = harness(cfg);
    h.feed(propose(4, 'x'), propose(5, 'y'), accepted(1, b(1, 1), 'x'), accepted(2, b(1, 1), 'x'), accepted(2, b(2, 2), 'y'), accepted(3, b(2, 2), 'y'));
    expect(h.checker.check({ now: 0, trace: h.trace, ids: paxosIds(cfg), node: () => undefined })).toEqual([]);
    // Entries are read once: a trace whose old entries were replaced is not read again.
    const tampered = h.trace.map(() => ({ t: 0, kind: 'action', text: 'x' }) as PaxosTraceEntry);
    expect(h.checker.check({ now: 0, trace: tampered, ids: paxosIds(cfg), node: () => undefined })).toEqual([]);
  });
});
