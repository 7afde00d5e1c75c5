/**
 * The one requestAnimationFrame loop (docs/architecture.md). Each frame it
 *  1. maps wall time to simulated time while playing (PlaybackClock) and queues one
 *     `runtime.runUntil(target)` — never two at once: a frame finding the queue busy skips, and
 *     the time it missed is caught up (capped) by the next one;
 *  2. copies changed server state into the store (React re-renders only changed cards) — while
 *     playing once per SYNC_EVERY_MS of wall time (ten times a second is as often as anyone
 *     reads a card or the event log, and each sync costs React work, style, layout and paint), in
 *     the same frame as the views that subscribeFrameEvery the same period;
 *     paused, on the first frame after any change, so a step shows at once;
 *  3. calls the frame listeners — the cluster view's packet layer and the clock — which read
 *     `runtime.sim` directly, so moving packets never go through React state.
 * Steps 2 and 3 are held while the lab runs ahead (./fastForward.ts): nothing is drawn until it arrives.
 */
import type { Simulation } from '../sim/simulation.ts';
import { PlaybackClock } from './playbackClock.ts';
import { appendConsole, currentSession, syncLab } from './session.ts';
import { breakpointHit } from './timeTravel.ts';
import { drawingHeld, frameStats, trackFastForward } from './fastForward.ts';

/** While playing, the store is synced from the runtime at most this often (wall ms). */
export const SYNC_EVERY_MS = 100;

export interface FrameInfo {
  sim: Simulation;
  /** Bumped when the runtime replaced `sim` (a rewind). */
  generation: number;
  paused: boolean;
}

export type FrameListener = (frame: FrameInfo) => void;

const listeners = new Set<FrameListener>();

/** Calls `fn` every frame with the current simulation. Returns the unsubscribe function. */
export function subscribeFrame(fn: FrameListener): () => void {
  listeners.add(fn);
  const f = currentFrame();
  if (f) fn(f);
  return () => {
    listeners.delete(fn);
  };
}

/**
 * Like `subscribeFrame`, for what need not change every frame (a clock's text, a slider, the
 * event log): while playing, `fn` runs once per `everyMs` of wall time — on the first frame of
 * each stretch of `everyMs`, counted from the same origin for everyone, so what shares a period
 * (SYNC_EVERY_MS) changes in the same frame and the page pays for one style and layout pass, not
 * one per view; paused, or after a rewind, at the next frame — so a step or a seek shows at once.
 */
export function subscribeFrameEvery(everyMs: number, fn: FrameListener, now: () => number = () => performance.now()): () => void {
  let last = NaN;
  let generation = -1;
  return subscribeFrame((frame) => {
    const stretch = Math.floor(now() / everyMs);
    if (!frame.paused && frame.generation === generation && stretch === last) return;
    last = stretch;
    generation = frame.generation;
    fn(frame);
  });
}

export function currentFrame(): FrameInfo | null {
  const s = currentSession();
  if (!s) return null;
  return { sim: s.runtime.sim, generation: s.runtime.generation, paused: s.runtime.isPaused() };
}

export interface FrameScheduler {
  request(cb: (wallMs: number) => void): number;
  cancel(handle: number): void;
}

const browserFrames: FrameScheduler = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
};

/** Runs one frame's work. Exported for tests; the loop calls it. */
export function createFrameTicker(clock = new PlaybackClock()): (wallMs: number) => void {
  let lastWall: number | null = null;
  let lastSync = NaN;
  let failures = 0;
  return (wallMs: number) => {
    const session = currentSession();
    if (!session) return;
    const { runtime, ops, playback } = session;
    const snap = playback.getSnapshot();
    if (snap.matches('playing')) {
      if (!ops.busy) {
        const elapsed = lastWall === null ? 0 : wallMs - lastWall;
        lastWall = wallMs;
        const target = clock.advance(runtime.sim.now, snap.context.speed, elapsed);
        if (target !== null) {
          ops
            // Yield to a waiting command, and stop at once on pause.
            // Breakpoints (./timeTravel.ts) stop the run right after the hitting event, and pause.
            .run(() => runtime.runUntil(target, () => ops.contended || playback.getSnapshot().matches('paused'), true))
            .then((hit) => {
              failures = 0;
              if (hit) breakpointHit(hit);
            })
            .catch((e: unknown) => {
              // Keep the page alive; pause after repeated failures instead of flooding the console.
              failures += 1;
              console.error(e);
              if (failures === 3) {
                playback.send({ type: 'PAUSE' });
                appendConsole([{ kind: 'error', text: `lab: simulation stopped: ${e instanceof Error ? e.message : String(e)}` }]);
              }
            });
        }
      }
    } else {
      lastWall = wallMs;
    }
    // While the lab runs ahead (src/store/fastForward.ts), nothing is drawn until it arrives.
    const ff = runtime.fastForward ?? null;
    trackFastForward(ff);
    if (ff !== null || drawingHeld()) {
      frameStats.held += 1;
      return;
    }
    frameStats.drawn += 1;
    frameStats.drawnAt = runtime.sim.now;
    const paused = snap.matches('paused');
    const stretch = Math.floor(wallMs / SYNC_EVERY_MS);
    if (session.dirty && (paused || stretch !== lastSync)) {
      lastSync = stretch;
      syncLab();
    }
    const frame: FrameInfo = { sim: runtime.sim, generation: runtime.generation, paused };
    for (const fn of listeners) {
      try {
        fn(frame);
      } catch (e) {
        console.error(e);
      }
    }
  };
}

/** Starts the loop; returns a function that stops it. */
export function startFrameLoop(frames: FrameScheduler = browserFrames): () => void {
  const tick = createFrameTicker();
  let handle = 0;
  let stopped = false;
  const loop = (wallMs: number) => {
    if (stopped) return;
    tick(wallMs);
    handle = frames.request(loop);
  };
  handle = frames.request(loop);
  return () => {
    stopped = true;
    frames.cancel(handle);
  };
}
