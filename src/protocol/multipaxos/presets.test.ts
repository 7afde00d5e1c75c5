/**
 * The presets (presets.ts) on the test network: each lesson makes its moment happen and stays
 * green; each bug exhibit turns its invariant red with the switch on and stays green with it off —
 * for several network seeds, since the schedules must not depend on the network's randomness.
 */
import { describe, expect, test } from 'vitest';
import { MP_PRESETS, presetConfig } from './presets.ts';
import { electionOrder } from './Replica.ts';
import { TestNet } from './testNet.test-helper.ts';
import { MULTIPAXOS_BUG_NAMES, validateMultiPaxosConfig } from './types.ts';

const NET_SEEDS = [1, 2, 3, 4, 5, 6];
const presets = Object.values(MP_PRESETS);

describe('every preset', () => {
  test.each(presets.map((p) => [p.id, p] as const))('%s: a valid lab, r1 leads first, console lines the test network understands', (_, p) => {
    const cfg = presetConfig(p, true);
    expect(validateMultiPaxosConfig(cfg)).toEqual([]);
    expect(electionOrder(cfg)[0]).toBe(1);
    const net = new TestNet(cfg);
    expect(() => net.execAll(p.lines)).not.toThrow();
  });

  test.each(presets.map((p) => [p.id, p] as const))('%s: explained in 3–5 sentences in English and Chinese', (_, p) => {
    const en = p.en.split(/(?<=[.!?])\s+(?=[A-Z(])/).filter(Boolean);
    const zh = p.zh.split(/(?<=[。！？])/).filter(Boolean);
    expect(en.length).toBeGreaterThanOrEqual(3);
    expect(en.length).toBeLessThanOrEqual(5);
    expect(zh.length).toBeGreaterThanOrEqual(3);
    expect(zh.length).toBeLessThanOrEqual(5);
    expect(p.title.en.length).toBeGreaterThan(0);
    expect(p.title.zh.length).toBeGreaterThan(0);
  });

  test('every bug switch has an exhibit', () => {
    expect(presets.map((p) => p.bug).filter((b) => b !== null).sort()).toEqual([...MULTIPAXOS_BUG_NAMES].sort());
  });
});

describe('lessons', () => {
  test.each(presets.filter((p) => p.bug === null).map((p) => [p.id, p] as const))('%s: its events happen and every invariant stays green', (_, p) => {
    for (const ns of NET_SEEDS) {
      const net = new TestNet(presetConfig(p, false), { netSeed: ns });
      net.execAll(p.lines);
      for (const kind of p.expect) expect(net.events(kind).length, `${kind} (net seed ${ns})`).toBeGreaterThan(0);
      expect(net.violations).toEqual([]);
    }
  });
});

describe('bug exhibits', () => {
  test.each(presets.filter((p) => p.bug !== null).map((p) => [p.id, p] as const))('%s: red with the switch on, green with it off', (_, p) => {
    for (const ns of NET_SEEDS) {
      const on = new TestNet(presetConfig(p, true), { netSeed: ns });
      on.execAll(p.lines);
      expect(on.broken(), `switch on, net seed ${ns}`).toContain(p.invariant);
      const off = new TestNet(presetConfig(p, false), { netSeed: ns });
      off.execAll(p.lines);
      expect(off.violations, `switch off, net seed ${ns}`).toEqual([]);
    }
  });

  test('skipPhase1: the new leader overwrites slot 1, which r1 and r2 had chosen', () => {
    const p = MP_PRESETS.skipPhase1;
    const net = new TestNet(presetConfig(p, true));
    net.execAll(p.lines);
    expect(net.events('leader', 3).at(-1)?.event).toMatchObject({ skippedPhase1: true, nextSlot: 1 });
    expect(net.events('prepare')).toEqual([]);
    const v = net.violations.find((x) => x.invariant === 'SlotAgreement')!;
    expect(v.message).toMatch(/^Slot 1 has two chosen values: a \(accepted by r1,r2 at ballot 1\.1\) and b \(accepted by r2,r3 at ballot 2\.3\)\.$/);
    // With the switch off r3 runs phase 1, learns a from r2's promise and puts b in slot 2.
    const off = new TestNet(presetConfig(p, false));
    off.execAll(p.lines);
    expect(off.executedLog(2)).toEqual(['a', 'b']);
    expect(off.executedLog(3)).toEqual(['a', 'b']);
  });

  test('minorityQuorum: r1 tells its client x is chosen, but y is', () => {
    const p = MP_PRESETS.minorityQuorum;
    const net = new TestNet(presetConfig(p, true));
    net.execAll(p.lines);
    expect(net.replies.find((r) => r.sid === 1)?.reply).toEqual({ type: 'chosen', slot: 1, value: 'x' });
    expect(net.executedLog(1)).toEqual(['x']);
    expect(net.executedLog(3)).toEqual(['y']);
    expect(net.broken()).toEqual(['ExecutedPrefix', 'LearnerConsistency']);
    const off = new TestNet(presetConfig(p, false));
    off.execAll(p.lines);
    expect(off.replies.find((r) => r.sid === 1)?.reply).toEqual({ type: 'not-chosen', slot: 1, value: 'x', chosen: 'y' });
    for (const id of off.ids) expect(off.executedLog(id)).toEqual(['y']);
  });
});
