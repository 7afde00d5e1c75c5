import { describe, expect, it } from 'vitest';
import { PAXOS_BUGS, PAXOS_DUELING } from './bugs.ts';
import { PAXOS_INVARIANTS } from './checker.ts';
import { eventText, PAXOS_TEXT_EN, PAXOS_TEXT_ZH } from './text.ts';
import { TestNet } from './testNet.test-helper.ts';
import { PAXOS_ROLES, RETRY_POLICIES, type Ballot, type PaxosEvent } from './types.ts';

const b = (round: number, proposer: number): Ballot => ({ round, proposer });

/** One event of every kind and variant. */
const SAMPLES: PaxosEvent[] = [
  { kind: 'propose', node: 'p1', value: 'x' },
  { kind: 'prepare', node: 'p1', ballot: b(2, 1), value: 'x' },
  { kind: 'promise', node: 'a2', ballot: b(2, 1), to: 'p1', accepted: { ballot: b(1, 2), value: 'y' }, again: false },
  { kind: 'promise', node: 'a2', ballot: b(2, 1), to: 'p1', accepted: null, again: false },
  { kind: 'promise', node: 'a2', ballot: b(2, 1), to: 'p1', accepted: null, again: true },
  { kind: 'nack-sent', node: 'a1', ballot: b(1, 1), promised: b(1, 2), to: 'p1', refused: 'PREPARE' },
  { kind: 'nack-sent', node: 'a1', ballot: b(1, 1), promised: b(1, 2), to: 'p1', refused: 'ACCEPT' },
  { kind: 'preempted', node: 'p1', ballot: b(1, 1), promised: b(1, 2), by: 'a1' },
  { kind: 'accept-sent', node: 'p1', ballot: b(2, 1), value: 'y', promises: ['a1', 'a2'] },
  { kind: 'value-replaced', node: 'p1', ballot: b(2, 1), from: 'x', to: 'y', reportedBallot: b(1, 2), reportedBy: ['a2'] },
  { kind: 'accepted', node: 'a1', ballot: b(2, 1), value: 'y', again: false },
  { kind: 'accepted', node: 'a1', ballot: b(2, 1), value: 'y', again: true },
  { kind: 'chosen-known', node: 'p1', ballot: b(2, 1), value: 'y', acceptors: ['a1', 'a2'] },
  { kind: 'learned', node: 'l1', ballot: b(2, 1), value: 'y', acceptors: ['a1', 'a2'], previous: null },
  { kind: 'learned', node: 'l1', ballot: b(2, 1), value: 'y', acceptors: ['a1', 'a2'], previous: 'x' },
  { kind: 'retry', node: 'p1', ballot: b(2, 1), reason: 'nack', delay: 0 },
  { kind: 'retry', node: 'p1', ballot: b(2, 1), reason: 'nack', delay: 412 },
  { kind: 'retry', node: 'p1', ballot: b(2, 1), reason: 'timeout', delay: 0 },
  { kind: 'retry', node: 'p1', ballot: b(2, 1), reason: 'timeout', delay: 412 },
  { kind: 'stand-back', node: 'p2', ballot: b(3, 2), leader: 'p1', delay: 1500 },
  { kind: 'forgot', node: 'a1', promised: b(1, 1), accepted: { ballot: b(1, 1), value: 'x' } },
  { kind: 'forgot', node: 'a1', promised: b(1, 1), accepted: null },
];

const placeholders = (template: string) => [...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))].sort();
const render = (dict: Readonly<Record<string, string>>, ev: PaxosEvent) => {
  const { key, values = {} } = eventText(ev);
  return dict[key]!.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
};

describe('event text', () => {
  it('gives every event a key both dictionaries have, with exactly the values its templates use', () => {
    const keys = new Set<string>();
    for (const ev of SAMPLES) {
      const { key, values = {} } = eventText(ev);
      keys.add(key);
      expect(key).toMatch(/^paxos\.ev\.[a-zA-Z]+$/);
      for (const dict of [PAXOS_TEXT_EN, PAXOS_TEXT_ZH]) {
        expect(dict[key], key).toBeDefined();
        expect(placeholders(dict[key]!), key).toEqual(Object.keys(values).sort());
      }
      expect(values.node).toBe(ev.node);
    }
    expect(keys.size).toBe(SAMPLES.length);
    // And the dictionaries hold no event sentence that no event uses.
    expect(Object.keys(PAXOS_TEXT_EN).filter((k) => k.startsWith('paxos.ev.')).sort()).toEqual([...keys].sort());
  });

  it('reads naturally in both languages', () => {
    expect(render(PAXOS_TEXT_EN, SAMPLES[2]!)).toBe('a2 promises ballot 2.1 to p1 and reports the proposal it has accepted: (1.2, y)');
    expect(render(PAXOS_TEXT_ZH, SAMPLES[2]!)).toBe('a2 向 p1 承诺编号 2.1，并告知它已接受的提案 (1.2, y)');
    expect(render(PAXOS_TEXT_EN, SAMPLES[9]!)).toBe('p1 must propose y in ballot 2.1, not its own x: a2 reported having accepted y at ballot 1.2, the highest-numbered proposal among the promises (P2c)');
    expect(render(PAXOS_TEXT_ZH, SAMPLES[12]!)).toBe('p1 得知 y 已被选定：a1,a2 接受了编号 2.1，达到 quorum');
    expect(render(PAXOS_TEXT_EN, SAMPLES[16]!)).toBe('p1 gives up ballot 2.1 and will retry with a higher ballot in 412 ms');
  });

  it('uses the Chinese notes\' terms', () => {
    const zh = Object.values(PAXOS_TEXT_ZH).join('\n');
    for (const term of ['提案', '编号', '承诺', '接受', '选定', '过半', 'Proposer', 'Acceptor', 'Learner']) expect(zh).toContain(term);
  });

  it('has the same keys in both languages, roles and invariants included, none a prefix of another', () => {
    expect(Object.keys(PAXOS_TEXT_ZH).sort()).toEqual(Object.keys(PAXOS_TEXT_EN).sort());
    for (const role of PAXOS_ROLES) expect(PAXOS_TEXT_EN[`paxos.role.${role}`]).toBeDefined();
    for (const inv of PAXOS_INVARIANTS) {
      expect(PAXOS_TEXT_EN[`paxos.inv.${inv.name}`]).toBe(inv.en);
      expect(PAXOS_TEXT_ZH[`paxos.inv.${inv.name}`]).toBe(inv.zh);
    }
    const keys = Object.keys(PAXOS_TEXT_EN);
    for (const k of keys) expect(keys.filter((o) => o.startsWith(`${k}.`)), k).toEqual([]);
    for (const v of [...Object.values(PAXOS_TEXT_EN), ...Object.values(PAXOS_TEXT_ZH)]) expect(v.trim()).not.toBe('');
  });

  it('renders every event of real runs with no placeholder left', () => {
    const runs = [
      ...PAXOS_BUGS.map((ex) => new TestNet({ ...ex.config, bugs: [ex.bug] }).script(ex.schedule)),
      ...RETRY_POLICIES.map((retry) => new TestNet({ ...PAXOS_DUELING.config, retry, bugs: [] }).script(PAXOS_DUELING.schedule)),
    ];
    for (const net of runs) {
      for (const e of net.trace) {
        if (e.kind !== 'event') continue;
        for (const dict of [PAXOS_TEXT_EN, PAXOS_TEXT_ZH]) expect(render(dict, e.event)).not.toMatch(/\{\{|undefined/);
      }
    }
  });
});
