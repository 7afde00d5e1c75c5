/**
 * What `lab load`, the Load panel and `lab sweep` read from the kernel's load driver
 * (./load.ts): per process, what it answered per second over the last 10 simulated seconds, its
 * latencies (p50, p99) and its queue now. Pure functions of the driver's state; kept apart from
 * the kernel so the page loads them only when a load is looked at.
 */
import type { NodeId } from './node.ts';
import type { LoadSpec, LoadState } from './load.ts';

/** The report and charts read the last 10 simulated seconds. */
export const REPORT_WINDOW_MS = 10_000;
const BUCKET = 100;

/** One process's figures over the window: what it served per second, latencies and its queue now. */
export interface LoadServerStats {
  sid: NodeId;
  readsPerSec: number;
  writesPerSec: number;
  errorsPerSec: number;
  p50: number;
  p99: number;
  /** Inputs waiting or in service now. */
  queue: number;
}

export interface LoadReport {
  spec: LoadSpec | null;
  /** The window the rates are over, ms (at most REPORT_WINDOW_MS). */
  windowMs: number;
  servers: LoadServerStats[];
  total: { readsPerSec: number; writesPerSec: number; p50: number; p99: number };
  /** Requests sent and not yet answered. */
  outstanding: number;
}

/** The `p`-quantile (0–1) of sorted latencies, nearest rank; 0 when there are none. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}


/** Inputs waiting or in service at process `sid` at `now`. */
export function queueLength(state: LoadState, sid: NodeId, now: number): number {
  const b = state.busy.find(([s]) => s === sid);
  if (!b) return 0;
  let n = 0;
  for (const e of b[2]) if (e > now) n += 1;
  return n;
}

/** The figures of the last REPORT_WINDOW_MS (or since the load started) at `now`. */
export function loadReport(state: LoadState, now: number, sids: readonly NodeId[]): LoadReport {
  const from = Math.max(now - REPORT_WINDOW_MS, state.spec ? state.startedAt : now - REPORT_WINDOW_MS, 0);
  const windowMs = Math.max(BUCKET, now - from);
  const all: number[] = [];
  let tr = 0;
  let tw = 0;
  const servers: LoadServerStats[] = [];
  for (const sid of sids) {
    let reads = 0;
    let writes = 0;
    let errors = 0;
    const lat: number[] = [];
    for (const b of state.buckets.find(([s]) => s === sid)?.[1] ?? []) {
      if (b.at + BUCKET <= from || b.at > now) continue;
      reads += b.reads;
      writes += b.writes;
      errors += b.errors;
      for (const l of b.lat) lat.push(l);
    }
    lat.sort((a, b) => a - b);
    for (const l of lat) all.push(l);
    tr += reads;
    tw += writes;
    servers.push({
      sid,
      readsPerSec: perSec(reads, windowMs),
      writesPerSec: perSec(writes, windowMs),
      errorsPerSec: perSec(errors, windowMs),
      p50: quantile(lat, 0.5),
      p99: quantile(lat, 0.99),
      queue: queueLength(state, sid, now),
    });
  }
  all.sort((a, b) => a - b);
  return {
    spec: state.spec,
    windowMs,
    servers,
    total: { readsPerSec: perSec(tr, windowMs), writesPerSec: perSec(tw, windowMs), p50: quantile(all, 0.5), p99: quantile(all, 0.99) },
    outstanding: state.outstanding.length,
  };
}

/** Requests answered (reads + writes, errors not counted) whose answers reached their clients in [from, to). */
export function answeredBetween(state: LoadState, from: number, to: number): number {
  let n = 0;
  for (const [, list] of state.buckets) for (const b of list) if (b.at >= from && b.at < to) n += b.reads + b.writes;
  return n;
}

function perSec(n: number, windowMs: number): number {
  return Math.round((n * 1000) / windowMs);
}
