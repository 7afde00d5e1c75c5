import { describe, expect, it } from 'vitest';
import type { KernelTraceEntry } from '../sim/simulation.ts';
import { stateEntries } from './processState.ts';
import { mergeProcessCards, ReplyReader } from './protocolSync.ts';
import type { ProcessCard } from './protocolSlice.ts';

const reply = (t: number, sid: number, value: string): KernelTraceEntry => ({ t, kind: 'reply', sid, reply: { type: 'chosen', value } });
const other = (t: number): KernelTraceEntry => ({ t, kind: 'timer', sid: 1, name: 'x' });

describe('ReplyReader', () => {
  const text = (sid: number, r: unknown) => `p${sid}: ${(r as { value: string }).value}`;

  it('prints each reply once, in trace order, reading only what is new', () => {
    const r = new ReplyReader(text);
    const trace: KernelTraceEntry[] = [other(0), reply(5, 1, 'x')];
    expect(r.read(trace)).toEqual(['p1: x']);
    expect(r.read(trace)).toEqual([]);
    trace.push(other(6), reply(7, 2, 'x'));
    expect(r.read(trace)).toEqual(['p2: x']);
  });

  it('does not print a replayed past again after a rewind, but prints another branch\'s replies', () => {
    const r = new ReplyReader(text);
    r.read([other(0), reply(5, 1, 'x')]);
    // The rewind's new world replays the same past: nothing new.
    expect(r.read([other(0), reply(5, 1, 'x')])).toEqual([]);
    // Another branch: a different reply at the same place is printed.
    expect(r.read([other(0), reply(5, 1, 'y')])).toEqual(['p1: y']);
    // Back to the first branch: its reply was printed already.
    expect(r.read([other(0), reply(5, 1, 'x')])).toEqual([]);
  });
});

describe('mergeProcessCards', () => {
  const card = (sid: number, role: string): ProcessCard => ({ sid, name: `a${sid}`, up: true, crashReason: null, role, fields: [{ label: 'card.promised', value: '1.1' }], summary: '' });

  it('keeps the identity of unchanged cards and says when nothing changed', () => {
    const prev = { 1: card(1, 'acceptor'), 2: card(2, 'acceptor') };
    expect(mergeProcessCards(prev, [card(1, 'acceptor'), card(2, 'acceptor')])).toBeNull();
    const next = mergeProcessCards(prev, [card(1, 'acceptor'), card(2, 'DOWN')])!;
    expect(next[1]).toBe(prev[1]);
    expect(next[2]!.role).toBe('DOWN');
  });
});

describe('stateEntries', () => {
  it('shows plain data as key/value rows: small objects on one line, lists joined, nested objects nested', () => {
    const rows = stateEntries({
      id: 2,
      name: 'a2',
      config: { acceptors: 3 },
      rng: { s: [1, 2] },
      disk: { promised: { round: 1, proposer: 2 }, accepted: null, round: 0 },
      promises: [{ from: 1, accepted: null }, { from: 2, accepted: null }],
      timers: {},
      names: ['a1', 'a3'],
    });
    expect(rows.map((r) => r.key)).toEqual(['id', 'name', 'disk', 'promises', 'timers', 'names']);
    expect(rows.find((r) => r.key === 'disk')).toEqual({ key: 'disk', rows: [
      { key: 'promised', text: 'round=1 proposer=2' },
      { key: 'accepted', text: '—' },
      { key: 'round', text: '0' },
    ] });
    expect(rows.find((r) => r.key === 'promises')?.text).toBe('from=1 accepted=— · from=2 accepted=—');
    expect(rows.find((r) => r.key === 'timers')?.text).toBe('{}');
    expect(rows.find((r) => r.key === 'names')?.text).toBe('a1, a3');
  });
});
