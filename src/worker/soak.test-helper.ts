/**
 * For tests: the seed loop the protocol-module soaks share in CI (soak.test.ts for Paxos and
 * Multi-Paxos, commitSoak.test.ts for 2PC and 3PC).
 */
import { expect } from 'vitest';
import { formatSoakFailure, runProtocolSoakSeed, type SoakProtocol } from './soak.ts';

/** Seeds `from`, `from + 1`, … `from + count - 1`. */
export function seedRange(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

/**
 * Runs `protocol`'s soak on every seed: each must run that protocol and pass (the failures are
 * printed together, each as `formatSoakFailure` gives it, SEED= first), and the runs must have
 * done something — more than 100 events a seed on average.
 */
export async function expectSeedsGreen(protocol: SoakProtocol, seeds: readonly number[]): Promise<void> {
  const failures: string[] = [];
  let events = 0;
  for (const seed of seeds) {
    const r = await runProtocolSoakSeed(protocol, seed);
    events += r.events;
    expect(r.protocol).toBe(protocol);
    if (!r.ok) failures.push(formatSoakFailure(r));
  }
  expect(failures.join('\n\n')).toBe('');
  expect(events).toBeGreaterThan(seeds.length * 100);
}
