/**
 * While the lab runs ahead of the page — a long `lab run`, `lab seek` forward, a lesson playing
 * to its step, a shared link replaying — nothing is drawn until it arrives, and the page shows
 * how far it has come once it takes longer than SHOW_PROGRESS_AFTER_MS. The runtime says how far
 * (LabRuntime.fastForward); the frame loop copies it here and holds drawing; a lesson holds
 * drawing while it autoplays (holdDrawing).
 */
import { create } from 'zustand';
import type { FastForward } from '../worker/runtime.ts';

/** A run ahead shorter than this shows no progress. */
export const SHOW_PROGRESS_AFTER_MS = 500;

export interface FastForwardState {
  /** The progress bar is shown. */
  visible: boolean;
  /** How far the run ahead has come, from 0 to 1 (in hundredths). */
  fraction: number;
}

export const useFastForwardStore = create<FastForwardState>(() => ({ visible: false, fraction: 0 }));

/** Follows the runtime's fast-forward (`ff`), at wall time `wallMs` (performance.now()). */
export function trackFastForward(ff: FastForward | null, wallMs: number = performance.now()): void {
  const visible = ff !== null && wallMs - ff.startedAt >= SHOW_PROGRESS_AFTER_MS;
  const fraction = visible ? Math.round(ff.fraction * 100) / 100 : 0;
  const s = useFastForwardStore.getState();
  if (s.visible !== visible || s.fraction !== fraction) useFastForwardStore.setState({ visible, fraction });
}

let holds = 0;

/** Holds drawing until the returned function is called (a lesson autoplaying to its step). */
export function holdDrawing(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
  };
}

export function drawingHeld(): boolean {
  return holds > 0;
}

/**
 * What the frame loop did: frames drawn and frames held (nothing drawn: the lab was running
 * ahead), and the simulated time the last drawn frame showed. The page exposes it as
 * `window.__lab.frames` (for tests and debugging).
 */
export const frameStats = { drawn: 0, held: 0, drawnAt: 0 };
