/**
 * Playback: is simulated time flowing, and how fast (docs/architecture.md). The machine is pure: it holds
 * no timers and never touches the runtime. The store's requestAnimationFrame loop reads its state
 * to map wall time to simulated time, and mirrors "paused" onto the runtime; the console's
 * `lab pause` / `lab play` and the UI's buttons both send it events, so they cannot disagree.
 *
 * Stepping and seeking (issue 5) slot in as more states of this machine.
 */
import { assign, setup } from 'xstate';

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 100;
export const SPEED_DEFAULT = 1;
/** The speeds the − / + controls move between. */
export const SPEED_PRESETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

/** A usable speed: clamped to [0.1, 100], 1× for nonsense, at most 3 significant digits. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return SPEED_DEFAULT;
  const x = Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
  return Number(x.toPrecision(3));
}

/** The next preset above (dir 1) or below (dir −1) the given speed. */
export function stepSpeed(speed: number, dir: 1 | -1): number {
  const s = clampSpeed(speed);
  if (dir > 0) return SPEED_PRESETS.find((p) => p > s + 1e-9) ?? SPEED_MAX;
  return [...SPEED_PRESETS].reverse().find((p) => p < s - 1e-9) ?? SPEED_MIN;
}

export interface PlaybackContext {
  /** Simulated ms per wall ms. */
  speed: number;
  /** Read once, when the machine starts. */
  startsPaused: boolean;
}

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'FASTER' }
  | { type: 'SLOWER' };

export interface PlaybackInput {
  speed?: number;
  paused?: boolean;
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
  },
  actions: {
    setSpeed: assign({
      speed: ({ context, event }) => (event.type === 'SET_SPEED' ? clampSpeed(event.speed) : context.speed),
    }),
    faster: assign({ speed: ({ context }) => stepSpeed(context.speed, 1) }),
    slower: assign({ speed: ({ context }) => stepSpeed(context.speed, -1) }),
  },
  guards: {
    startsPaused: ({ context }) => context.startsPaused,
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({ speed: clampSpeed(input.speed ?? SPEED_DEFAULT), startsPaused: input.paused ?? false }),
  initial: 'booting',
  on: {
    SET_SPEED: { actions: 'setSpeed' },
    FASTER: { actions: 'faster' },
    SLOWER: { actions: 'slower' },
  },
  states: {
    /** Transient: a lab opens playing (docs/architecture.md) unless the input says otherwise. */
    booting: {
      always: [
        { guard: 'startsPaused', target: 'paused' },
        { target: 'playing' },
      ],
    },
    playing: {
      on: { PAUSE: 'paused', TOGGLE: 'paused' },
    },
    paused: {
      on: { PLAY: 'playing', TOGGLE: 'playing' },
    },
  },
});
