/**
 * Wall time → simulated time (docs/architecture.md: "the UI only maps wall time to simulated time").
 * target = now + speed × wall elapsed, with the wall step capped per frame so a tab that comes
 * back from the background does not jump minutes ahead. Targets are whole milliseconds (the
 * trace stays in integer time); the fraction is carried to the next frame so 0.1× still moves.
 */

/** Longest wall step one frame may turn into simulated time. */
export const MAX_FRAME_WALL_MS = 250;

export class PlaybackClock {
  private virtual = 0;
  private lastTarget: number | null = null;

  constructor(private readonly capMs = MAX_FRAME_WALL_MS) {}

  /**
   * The simulated time to run to after `wallElapsedMs` of wall time at `speed`, or null when it
   * does not reach the next whole millisecond yet. If the simulation moved by other means since
   * the last target (a `lab run`, a seek, a rewind), the clock restarts from where it is.
   */
  advance(simNow: number, speed: number, wallElapsedMs: number): number | null {
    if (this.lastTarget === null || simNow !== this.lastTarget) this.virtual = simNow;
    const dt = Math.min(Math.max(wallElapsedMs, 0), this.capMs);
    this.virtual = Math.max(this.virtual, simNow) + speed * dt;
    const target = Math.floor(this.virtual + 1e-6);
    if (target <= simNow) {
      this.lastTarget = simNow;
      return null;
    }
    this.lastTarget = target;
    return target;
  }

  /** Forget the carried fraction (after a pause). */
  reset(): void {
    this.lastTarget = null;
  }
}
