/// <reference lib="webworker" />
/**
 * `lab sweep` in a Web Worker of its own: its throwaway runs (./sweep.ts) take seconds of CPU,
 * which in the page's thread froze the page — playback, the console, the charts — for a second
 * or two per ensemble. The result is the same pure function of (settings, shares) wherever it runs.
 */
import type { LabConfig } from '../protocol/config.ts';
import { runSweep, type SweepResult } from './sweep.ts';
import { sweepSim } from './runtime.ts';

declare const self: DedicatedWorkerGlobalScope;

/** One sweep per worker: the request, and the one reply. */
export interface SweepRequest {
  config: LabConfig;
  shares: number[];
}

export type SweepReply = { result: SweepResult } | { error: string };

self.onmessage = (e: MessageEvent<SweepRequest>) => {
  const { config, shares } = e.data;
  try {
    self.postMessage({ result: runSweep(config, shares, sweepSim) } satisfies SweepReply);
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies SweepReply);
  }
};
