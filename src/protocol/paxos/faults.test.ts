import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng.ts';
import { PAXOS_BUGS } from './bugs.ts';
import { TestNet } from './testNet.test-helper.ts';
import { nodeName, PAXOS_BUG_NAMES, paxosConfig, paxosIds, RETRY_POLICIES, type PaxosConfig } from './types.ts';

describe('datagrams: duplicates and loss are harmless', () => {
  it('every message delivered twice: the same value is chosen, nothing breaks', () => {
    for (const cfg of [paxosConfig(), paxosConfig({ acceptors: 5, proposers: 3, learners: 2 })]) {
      const net = new TestNet(cfg, { duplicate: true }).script(['propose p1 x', 'propose p2 y', 'run 5s']);
      expect(net.chosen()).not.toBeNull();
      expect(net.violations).toEqual([]);
      expect(net.trace.filter((e) => e.kind === 'deliver').length).toBe(2 * net.trace.filter((e) => e.kind === 'send').length);
      // Duplicates show up as repeated promises and accepts, and nobody counts one acceptor twice.
      expect(net.events('promise').some((e) => e.event.again)).toBe(true);
      expect(net.events('accepted').some((e) => e.event.again)).toBe(true);
      for (const e of net.events('chosen-known')) expect(new Set(e.event.acceptors).size).toBe(e.event.acceptors.length);
      for (const id of paxosIds(cfg)) {
        const l = net.nodes.get(id)?.learner;
        if (l) expect(l.learned!.value).toBe(net.chosen()!.value);
      }
      expect(net.replies.every((r) => r.reply.type === 'chosen' && r.reply.value === net.chosen()!.value)).toBe(true);
    }
  });

  it('every message delivered twice, even a whole millisecond apart or at once, under each museum schedule (switches off)', () => {
    for (const ex of PAXOS_BUGS) {
      for (const duplicateAfterMs of [0, 1, 25]) {
        const net = new TestNet({ ...ex.config, bugs: [] }, { duplicate: true, duplicateAfterMs }).script(ex.schedule);
        expect(net.violations, `${ex.bug} +${duplicateAfterMs}`).toEqual([]);
        expect(net.chosen()).not.toBeNull();
      }
    }
  });

  it('a fifth of all messages lost: still safe, and a value is chosen through retries', () => {
    // (A round trip then survives with probability 0.64, a phase with a quorum of 3 about 0.7.)
    for (const retry of RETRY_POLICIES) {
      for (let s = 1; s <= 8; s++) {
        const net = new TestNet(paxosConfig({ retry, seed: s }), { lossRate: 0.2, latencySeed: `loss${s}` }).script(['propose p1 x', 'propose p2 y', 'run 60s']);
        expect(net.trace.some((e) => e.kind === 'drop' && e.reason === 'lost')).toBe(true);
        expect(net.violations).toEqual([]);
        expect(net.chosen(), `${retry} seed ${s}`).not.toBeNull();
        // Both proposers learn the outcome: they keep retrying until they know it.
        expect(net.replies.map((r) => r.reply)).toEqual([
          expect.objectContaining({ value: net.chosen()!.value }), expect.objectContaining({ value: net.chosen()!.value }),
        ]);
      }
    }
  });
});

/** Random fault schedules in the console vocabulary, from a seed. */
function randomSchedule(cfg: PaxosConfig, seed: number): string[] {
  const rng = new Rng(`fuzz:${seed}`);
  const names = paxosIds(cfg).map((id) => nodeName(cfg, id));
  const pick = <T,>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)]!;
  const proposers = names.filter((n) => n.startsWith('p'));
  const lines: string[] = [];
  for (let i = 0; i < 24; i++) {
    const r = rng.int(0, 99);
    if (r < 22) lines.push(`propose ${pick(proposers)} v${i}`);
    else if (r < 50) lines.push(`run ${rng.int(1, 700)}ms`);
    else if (r < 60) lines.push(`kill ${pick(names)}`);
    else if (r < 72) lines.push(`start ${pick(names)}`);
    else if (r < 82) lines.push(`cut ${pick(names)} ${pick(names)}`);
    else if (r < 88) lines.push('heal');
    else if (r < 96) lines.push(`delay ${pick(names)} ${pick(names)} ${rng.int(0, 400)}`);
    else lines.push(`partition ${names.filter(() => rng.int(0, 1) === 0).join(',') || names[0]} ${names.filter(() => rng.int(0, 1) === 0).join(',') || names[1]}`);
  }
  return lines;
}

describe('fuzz: random faults never break an invariant', () => {
  const shapes: Array<Partial<PaxosConfig>> = [
    { acceptors: 3, proposers: 2, learners: 1 },
    { acceptors: 5, proposers: 3, learners: 2 },
    { acceptors: 4, proposers: 2, learners: 1 },
    { acceptors: 1, proposers: 2, learners: 1 },
  ];
  for (const retry of RETRY_POLICIES) {
    it(`60 random runs with retry=${retry}, with duplicates and some loss: safe, and settled afterwards`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const cfg = paxosConfig({ ...shapes[seed % shapes.length], retry, seed });
        const schedule = randomSchedule(cfg, seed);
        const net = new TestNet(cfg, { latencySeed: `f${seed}`, duplicate: seed % 3 === 0, lossRate: seed % 4 === 0 ? 0.1 : 0, fifo: seed % 2 === 0 });
        net.script(schedule);
        // Settle: heal, lift the delays, start everyone, wait.
        const ids = paxosIds(cfg);
        net.script(['heal', ...ids.flatMap((a) => ids.map((b) => `delay ${nodeName(cfg, a)} ${nodeName(cfg, b)} 0`)), ...ids.map((id) => `start ${nodeName(cfg, id)}`), 'run 40s']);
        expect(net.violations, `seed ${seed}: ${schedule.join(' / ')}`).toEqual([]);
        // Liveness after the faults: no live proposer still holds an undecided value.
        for (const id of ids) {
          const p = net.nodes.get(id)!.proposer;
          if (p) expect(p.value, `seed ${seed} ${nodeName(cfg, id)}`).toBeNull();
        }
        if (net.events('prepare').length > 0 && net.events('chosen-known').length > 0) expect(net.chosen()).not.toBeNull();
      }
    });
  }

  it('has teeth: the same random schedules find every bug switch', () => {
    for (const bug of PAXOS_BUG_NAMES) {
      let red = 0;
      for (let seed = 1; seed <= 120; seed++) {
        const cfg = paxosConfig({ retry: 'backoff', seed, bugs: [bug] });
        red += new TestNet(cfg, { latencySeed: `f${seed}` }).script(randomSchedule(cfg, seed)).violations.length > 0 ? 1 : 0;
      }
      expect(red, bug).toBeGreaterThan(0);
    }
  });
});
