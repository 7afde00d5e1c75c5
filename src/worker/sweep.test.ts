/**
 * The shape of Figure 5 of the ZooKeeper paper (Hunt et al., USENIX ATC 2010) in the lab's cost
 * model: saturated throughput against the share of reads for 3 and 5 voters and for 3 voters + 2
 * observers. Not the paper's numbers — who wins where, and where the curves cross.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_CONFIG } from '../protocol/config.ts';
import { runSweep, type SweepResult } from './sweep.ts';
import { sweepSim } from './runtime.ts';

const SHARES = [0, 50, 90, 100];

function sweep(voters: number, observers: number): SweepResult {
  return runSweep({ ...DEFAULT_LAB_CONFIG, voters, observers }, SHARES, sweepSim);
}

describe('lab sweep: the shape of Figure 5', () => {
  const three = sweep(3, 0);
  const five = sweep(5, 0);
  const threeTwo = sweep(3, 2);
  const at = (r: SweepResult, reads: number): number => r.points.find((p) => p.reads === reads)!.opsPerSec;

  it('throughput rises with the share of reads for every ensemble', () => {
    for (const r of [three, five, threeTwo]) {
      const ops = r.points.map((p) => p.opsPerSec);
      expect(ops).toEqual([...ops].sort((a, b) => a - b));
    }
  });

  it('at 0 % reads more voters mean fewer writes; observers cost writes little', () => {
    expect(at(three, 0)).toBeGreaterThan(at(five, 0) * 1.3);
    expect(at(threeTwo, 0)).toBeGreaterThan(at(five, 0));
    expect(at(threeTwo, 0)).toBeGreaterThanOrEqual(at(three, 0) * 0.8);
    expect(at(threeTwo, 0)).toBeLessThanOrEqual(at(three, 0));
  });

  it('at 50 % reads writes still dominate: 3 voters > 3 + 2 observers > 5 voters', () => {
    expect(at(three, 50)).toBeGreaterThan(at(threeTwo, 50));
    expect(at(threeTwo, 50)).toBeGreaterThan(at(five, 50));
  });

  it('at 100 % reads every server serves: 5 voters and 3 + 2 observers > 1.5 × 3 voters', () => {
    expect(at(five, 100)).toBeGreaterThan(at(three, 100) * 1.5);
    expect(at(threeTwo, 100)).toBeGreaterThan(at(three, 100) * 1.5);
  });

  it('the curves of 3 and 5 voters cross between 50 % and 100 % reads', () => {
    expect(at(three, 50)).toBeGreaterThan(at(five, 50));
    expect(at(five, 90)).toBeGreaterThan(at(three, 90));
  });

  it('is deterministic: the same sweep gives the same numbers', () => {
    expect(runSweep({ ...DEFAULT_LAB_CONFIG, voters: 3, observers: 0 }, [0, 100], sweepSim)).toEqual({ ...three, points: three.points.filter((p) => p.reads === 0 || p.reads === 100) });
  });
});
