/**
 * Node-side figures for `npm run bench` (not part of `npm test`), printed as `BENCH name value
 * unit` lines that scripts/bench.mjs collects, in this order, in one process:
 *  - the first simulated minute of 9 voters + 4 observers under a steady write load, in a fresh
 *    process (V8 still compiling the simulation, as a page's first run is), and the time to rewind
 *    across 10,000 events;
 *  - the same load with 5 voters;
 *  - ten minutes of it with 13 servers, and its tenth minute alone: a run must not get slower as
 *    its tree and its history grow (the checkpoints' copies of them once did).
 */
import { test } from 'vitest';
import { HeadlessLab } from '../src/worker/headless.ts';

function now(): number {
  return performance.now();
}

/** Steady load: 20 writes per simulated second, spread over the servers, for `seconds` simulated seconds. */
async function writeLoad(lab: HeadlessLab, seconds: number, servers: number): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    for (let i = 0; i < 20; i++) await lab.write(1 + ((s * 20 + i) % servers), 1);
    await lab.runtime.runFor(1000);
  }
}

const perS = (events: number, ms: number): number => Math.round((events / ms) * 1000);

test('simulation throughput (the first minute of a fresh process) and rewind', async () => {
  const lab = new HeadlessLab({ voters: 9, observers: 4, seed: 1 }, 0);
  await lab.runtime.runFor(3000);
  const t0 = now();
  const e0 = lab.sim.eventCount;
  const p0 = lab.sim.trace.filter((e) => e.kind === 'deliver').length;
  await writeLoad(lab, 60, 13);
  const ms = now() - t0;
  const events = lab.sim.eventCount - e0;
  const packets = lab.sim.trace.filter((e) => e.kind === 'deliver').length - p0;
  console.log(`BENCH sim_events_per_s ${perS(events, ms)} events/s`);
  console.log(`BENCH sim_packets_per_s ${perS(packets, ms)} packets/s`);
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
  await writeLoad(lab, 60, 5);
  const ms = now() - t0;
  console.log(`BENCH sim5_events_per_s ${perS(lab.sim.eventCount - e0, ms)} events/s (5 voters, 20 writes/s)`);
  console.log(`BENCH sim5_speed ${Math.round(60000 / ms)} x real time (5 servers, 20 writes/s)`);
  lab.dispose();
}, 300_000);

test('ten simulated minutes, 13 servers (last: its heap is the largest)', async () => {
  const lab = new HeadlessLab({ voters: 9, observers: 4, seed: 1 }, 0);
  await lab.runtime.runFor(3000);
  const t0 = now();
  const e0 = lab.sim.eventCount;
  await writeLoad(lab, 540, 13);
  const lastAt = now();
  const lastEvents = lab.sim.eventCount;
  await writeLoad(lab, 60, 13);
  const end = now();
  console.log(`BENCH sim_long_events_per_s ${perS(lab.sim.eventCount - e0, end - t0)} events/s (13 servers, 20 writes/s, 10 simulated minutes)`);
  console.log(`BENCH sim_long_last_events_per_s ${perS(lab.sim.eventCount - lastEvents, end - lastAt)} events/s (its tenth minute, 10,800 znodes in)`);
  lab.dispose();
}, 300_000);
