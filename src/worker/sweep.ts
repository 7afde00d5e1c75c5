/**
 * `lab sweep reads=0..100 step=10`: the saturated throughput of an ensemble at each share of reads
 * (the shape of Figure 5 of the ZooKeeper paper, Hunt et al., USENIX ATC 2010). Each point runs
 * in a throwaway simulation of its own, in this thread, never in the user's timeline: the
 * ensemble starts, elects, then closed-loop load clients (each sends its next request when the
 * last is answered) keep every server busy; what is answered over MEASURE_MS after WARMUP_MS is
 * the throughput. A pure function of (settings, seed): the same sweep gives the same numbers.
 *
 * Loaded on first use (LabRuntime.sweep imports it dynamically): the world comes from `makeSim`
 * (a Simulation of the settings on an in-process host), so this module imports no code of the
 * page's first load.
 */
import type { LabConfig } from '../protocol/config.ts';
import type { Simulation } from '../sim/simulation.ts';
import { answeredBetween, loadReport } from '../sim/loadReport.ts';
import type { SweepPoint, SweepResult } from '../cli/load.ts';

export type { SweepPoint, SweepResult };

/** Time for the ensemble to elect a leader and serve before the load starts. */
export const ELECT_MS = 3000;
/** The load runs this long before counting (queues fill to their steady length). */
export const WARMUP_MS = 2000;
/** Answers counted over this long. */
export const MEASURE_MS = 3000;
/** Closed-loop clients per server: enough to keep a server saturated at any share of reads. */
export const CLIENTS_PER_SERVER = 12;

/** The read shares `from..to step`: 0..100 step=10 is 0, 10, …, 100. */
export function sweepShares(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let r = from; r <= to; r += step) out.push(r);
  return out;
}

/** A fresh world of `config`'s ensemble, none of its servers started, on an in-process host. */
export type MakeSim = (config: LabConfig) => Simulation;

/** One point: an ensemble of `voters` + `observers` (the lab's other settings) saturated at `reads`% reads. */
export function sweepPoint(config: LabConfig, reads: number, makeSim: MakeSim): SweepPoint {
  const cfg: LabConfig = { ...config, boot: null, bugs: [] };
  const sim = makeSim(cfg);
  const ids = [...sim.servers.keys()];
  for (const id of ids) sim.start(id);
  sim.runUntilSync(ELECT_MS);
  sim.setLoad({ clients: CLIENTS_PER_SERVER * ids.length, reads, rate: 0, servers: ids });
  const from = ELECT_MS + WARMUP_MS;
  sim.runUntilSync(from + MEASURE_MS);
  const state = sim.loadState();
  const report = loadReport(state, sim.now, ids);
  // The report's window is the last 10 s or since the load started; recount over the measured span.
  const answered = answeredBetween(state, from, from + MEASURE_MS);
  const share = report.total.readsPerSec + report.total.writesPerSec;
  const opsPerSec = Math.round((answered * 1000) / MEASURE_MS);
  const readsPerSec = share === 0 ? 0 : Math.round((opsPerSec * report.total.readsPerSec) / share);
  return { reads, opsPerSec, readsPerSec, writesPerSec: opsPerSec - readsPerSec, p50: report.total.p50, p99: report.total.p99 };
}

/** The sweep of an ensemble over read shares (each point its own throwaway run). */
export function runSweep(config: LabConfig, shares: readonly number[], makeSim: MakeSim): SweepResult {
  const points = shares.map((r) => sweepPoint(config, r, makeSim));
  return { voters: config.voters, observers: config.observers, clients: CLIENTS_PER_SERVER * (config.voters + config.observers), points };
}
