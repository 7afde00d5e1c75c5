/**
 * Node-side figures for `npm run bench` (not part of `npm test`): simulation throughput with
 * 9 voters + 4 observers under a steady write load, and the time to rewind across 10,000 events.
 * Printed as `BENCH name value unit` lines that scripts/bench.mjs collects.
 */
import { test } from 'vitest';
import { HeadlessLab } from '../src/worker/headless.ts';

function now(): number {
  return performance.now();
}

test('simulation throughput and rewind', async () => {
  const lab = new HeadlessLab({ voters: 9, observers: 4, seed: 1 }, 0);
  await lab.runtime.runFor(3000);
  // Steady load: 20 writes per simulated second, spread over the servers, for 60 s.
  const t0 = now();
  const e0 = lab.sim.eventCount;
  const p0 = lab.sim.trace.filter((e) => e.kind === 'deliver').length;
  for (let s = 0; s < 60; s++) {
    for (let i = 0; i < 20; i++) await lab.write(1 + ((s * 20 + i) % 13), 1);
    await lab.runtime.runFor(1000);
  }
  const ms = now() - t0;
  const events = lab.sim.eventCount - e0;
  const packets = lab.sim.trace.filter((e) => e.kind === 'deliver').length - p0;
  console.log(`BENCH sim_events_per_s ${Math.round((events / ms) * 1000)} events/s`);
  console.log(`BENCH sim_packets_per_s ${Math.round((packets / ms) * 1000)} packets/s`);
  console.log(`BENCH sim_speed ${Math.round(60000 / ms)} x real time (13 servers, 20 writes/s)`);
  if (lab.sim.eventCount < 10_000) throw new Error('not enough events to rewind across');
  const r0 = now();
  await lab.runtime.back(10_000);
  console.log(`BENCH rewind_10000_events_node ${Math.round(now() - r0)} ms`);
  lab.dispose();
}, 300_000);
