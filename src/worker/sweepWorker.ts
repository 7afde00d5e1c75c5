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

export interface SweepRequest {
  id: number;
  config: LabConfig;
  shares: number[];
}

export type SweepReply = { id: number; result: SweepResult } | { id: number; error: string };

self.onmessage = (e: MessageEvent<SweepRequest>) => {
  const { id, config, shares } = e.data;
  try {
    self.postMessage({ id, result: runSweep(config, shares, sweepSim) } satisfies SweepReply);
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies SweepReply);
  }
};
