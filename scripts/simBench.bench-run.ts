/**
 * Node-side figures for `npm run bench` (not part of `npm test`): simulation throughput with
 * 9 voters + 4 observers (and with 5 voters) under a steady write load, the same over ten
 * minutes (a run must not get slower as its tree and history grow), and the time to rewind
 * across 10,000 events.
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
  const cps = lab.runtime.checkpointStats;
  console.log(`BENCH checkpoint_cost ${(cps.ms / Math.max(1, cps.count)).toFixed(1)} ms each (${cps.count} taken, ${((cps.ms / ms) * 100).toFixed(1)}% of run time)`);
  const end = lab.sim.now;
  const r0 = now();
  await lab.runtime.back(10_000);
  console.log(`BENCH rewind_10000_events_node ${Math.round(now() - r0)} ms`);
  // Worst and typical cases: rewinds landing anywhere between two checkpoints.
  const times: number[] = [];
  for (let k = 1; k <= 20; k++) {
    await lab.runtime.seek(end);
    const t = now();
    await lab.runtime.back(10_000 + k * 97);
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`BENCH rewind_10000_events_node_max ${Math.round(times[times.length - 1]!)} ms (20 rewinds, median ${Math.round(times[10]!)} ms)`);
  lab.dispose();
}, 300_000);

test('simulation throughput, 5 voters', async () => {
  const lab = new HeadlessLab({ voters: 5, observers: 0, seed: 1 }, 0);
  await lab.runtime.runFor(3000);
  const t0 = now();
  const e0 = lab.sim.eventCount;
  for (let s = 0; s < 60; s++) {
    for (let i = 0; i < 20; i++) await lab.write(1 + ((s * 20 + i) % 5), 1);
    await lab.runtime.runFor(1000);
  }
  const ms = now() - t0;
  const events = lab.sim.eventCount - e0;
  console.log(`BENCH sim5_events_per_s ${Math.round((events / ms) * 1000)} events/s (5 voters, 20 writes/s)`);
  console.log(`BENCH sim5_speed ${Math.round(60000 / ms)} x real time (5 servers, 20 writes/s)`);
  lab.dispose();
}, 300_000);

test('simulation throughput over ten simulated minutes, 13 servers', async () => {
  const lab = new HeadlessLab({ voters: 9, observers: 4, seed: 1 }, 0);
  await lab.runtime.runFor(3000);
  const t0 = now();
  const e0 = lab.sim.eventCount;
  let lastAt = t0;
  let lastEvents = e0;
  for (let s = 0; s < 600; s++) {
    if (s === 540) {
      lastAt = now();
      lastEvents = lab.sim.eventCount;
    }
    for (let i = 0; i < 20; i++) await lab.write(1 + ((s * 20 + i) % 13), 1);
    await lab.runtime.runFor(1000);
  }
  const end = now();
  const perS = (events: number, ms: number): number => Math.round((events / ms) * 1000);
  console.log(`BENCH sim_long_events_per_s ${perS(lab.sim.eventCount - e0, end - t0)} events/s (13 servers, 20 writes/s, 10 simulated minutes)`);
  console.log(`BENCH sim_long_last_events_per_s ${perS(lab.sim.eventCount - lastEvents, end - lastAt)} events/s (its tenth minute, 10,800 znodes in)`);
  lab.dispose();
}, 300_000);
