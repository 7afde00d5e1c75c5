import { describe, expect, it } from 'vitest';
import type { PaxosTraceEntry } from './checker.ts';
import { ballotGrid, chosenMatcher } from './grid.ts';
import { paxosConfig, type Ballot, type PaxosEvent } from './types.ts';

// a1 a2 a3 (1–3), p1 p2 (4–5), l1 (6)
const cfg = paxosConfig({ acceptors: 3, proposers: 2, learners: 1 });
const b = (round: number, proposer: number): Ballot => ({ round, proposer });
const ev = (t: number, sid: number, event: PaxosEvent): PaxosTraceEntry => ({ t, kind: 'event', sid, event });

/** p1 gets x accepted by a1 and a2 at 1.1 (a3 cut off); p2, cut off from a1, promises from a2 (reporting (1.1, x)) and a3 at 1.2. */
const trace: PaxosTraceEntry[] = [
  ev(0, 4, { kind: 'prepare', node: 'p1', ballot: b(1, 1), value: 'x' }),
  ev(10, 1, { kind: 'promise', node: 'a1', ballot: b(1, 1), to: 'p1', accepted: null, again: false }),
  ev(10, 2, { kind: 'promise', node: 'a2', ballot: b(1, 1), to: 'p1', accepted: null, again: false }),
  ev(20, 4, { kind: 'accept-sent', node: 'p1', ballot: b(1, 1), value: 'x', promises: ['a1', 'a2'] }),
  ev(30, 1, { kind: 'accepted', node: 'a1', ballot: b(1, 1), value: 'x', again: false }),
  ev(31, 2, { kind: 'accepted', node: 'a2', ballot: b(1, 1), value: 'x', again: false }),
  ev(40, 5, { kind: 'prepare', node: 'p2', ballot: b(1, 2), value: 'y' }),
  ev(50, 2, { kind: 'promise', node: 'a2', ballot: b(1, 2), to: 'p2', accepted: { ballot: b(1, 1), value: 'x' }, again: false }),
  ev(50, 3, { kind: 'promise', node: 'a3', ballot: b(1, 2), to: 'p2', accepted: null, again: false }),
  ev(60, 5, { kind: 'value-replaced', node: 'p2', ballot: b(1, 2), from: 'y', to: 'x', reportedBallot: b(1, 1), reportedBy: ['a2'] }),
  ev(60, 5, { kind: 'accept-sent', node: 'p2', ballot: b(1, 2), value: 'x', promises: ['a2', 'a3'] }),
  ev(70, 3, { kind: 'accepted', node: 'a3', ballot: b(1, 2), value: 'x', again: false }),
];

describe('ballotGrid', () => {
  it('has a row per ballot, lowest first, and a column per acceptor', () => {
    const g = ballotGrid(trace, cfg);
    expect(g.acceptors).toEqual(['a1', 'a2', 'a3']);
    expect(g.quorum).toBe(2);
    expect(g.rows.map((r) => [r.ballot, r.proposer, r.value])).toEqual([['1.1', 'p1', 'x'], ['1.2', 'p2', 'x']]);
  });

  it('marks promises, accepted values and the chosen ballot (a true majority accepted it)', () => {
    const [r11, r12] = ballotGrid(trace, cfg).rows;
    expect(r11!.cells.map((c) => [c.promised, c.accepted])).toEqual([[true, 'x'], [true, 'x'], [false, null]]);
    expect(r11!.chosen).toBe(true);
    expect(r11!.acceptedBy).toBe(2);
    // 1.2: only a3 accepted so far — not chosen (yet).
    expect(r12!.chosen).toBe(false);
    expect(r12!.cells.map((c) => c.accepted)).toEqual([null, null, 'x']);
  });

  it('greys out a cell a higher promise blocks: a3 promised 1.2 and never accepted 1.1', () => {
    const [r11, r12] = ballotGrid(trace, cfg).rows;
    expect(r11!.cells[2]!.blockedBy).toBe('1.2');
    // a2 promised 1.2 but accepted 1.1 before: an accepted cell is never "blocked".
    expect(r11!.cells[1]!.blockedBy).toBeNull();
    // a1 never heard of 1.2 (it promised only 1.1): nothing blocks 1.2 there.
    expect(r12!.cells[0]!.blockedBy).toBeNull();
  });

  it('records why a ballot proposes a value that is not its proposer\'s own (P2c)', () => {
    const r12 = ballotGrid(trace, cfg).rows[1]!;
    expect(r12.replaced).toEqual({ own: 'y', reportedBallot: '1.1', reportedBy: ['a2'] });
  });

  it('records NACKs with the higher promise they name', () => {
    const nack: PaxosTraceEntry[] = [
      ...trace,
      ev(80, 4, { kind: 'prepare', node: 'p1', ballot: b(1, 1), value: 'x' }),
      ev(90, 3, { kind: 'nack-sent', node: 'a3', ballot: b(1, 1), promised: b(1, 2), to: 'p1', refused: 'PREPARE' }),
    ];
    const c = ballotGrid(nack, cfg).rows[0]!.cells[2]!;
    expect([c.nacked, c.nackPromised]).toEqual(['PREPARE', '1.2']);
  });

  it('forgets an acceptor\'s promise when its disk is wiped: nothing blocks it any more', () => {
    const wiped: PaxosTraceEntry[] = [...trace, { t: 100, kind: 'wipe', sid: 3 }];
    expect(ballotGrid(wiped, cfg).rows[0]!.cells[2]!.blockedBy).toBeNull();
  });
});

describe('chosenMatcher', () => {
  it('matches the accepted event that completes a true majority for one ballot, counting the past', () => {
    const before = trace.slice(0, 5); // a1 accepted 1.1
    const match = chosenMatcher(before, cfg);
    expect(match(trace[5]!)).toBe(true); // a2 accepts 1.1: two of three
    expect(match(trace[6]!)).toBe(false);
    expect(match(trace[11]!)).toBe(false); // a3 alone at 1.2
  });
});
