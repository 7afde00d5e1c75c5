/**
 * A lab run: the simulation, its host, and the recorded actions that make it replayable. The
 * browser uses it with a WorkerHost (one Web Worker per server); tests, lessons and
 * fast-forward use it with an InProcessHost. Rewinding re-runs (config, seed, actions) from the
 * start up to the wanted moment — exact, because the run is deterministic.
 */
import type { Sid } from '../protocol/types.ts';
import { applyAction, type LabAction, type RecordedAction } from '../sim/actions.ts';
import { allIds, type LabConfig } from '../sim/config.ts';
import type { PeerHost } from '../sim/host.ts';
import { Simulation } from '../sim/simulation.ts';

export class LabRuntime {
  sim: Simulation;
  private host: PeerHost;
  readonly actions: RecordedAction[] = [];
  private paused = false;
  /** Bumped whenever `sim` is replaced (rewind); views re-subscribe. */
  generation = 0;
  /** Called after every change (for the UI). */
  onChange: (() => void) | null = null;

  constructor(readonly config: LabConfig, private readonly makeHost: () => PeerHost) {
    this.host = makeHost();
    this.sim = this.fresh(this.host);
  }

  private fresh(host: PeerHost): Simulation {
    const sim = new Simulation(this.config, host);
    sim.onChange = () => this.onChange?.();
    for (const sid of allIds(this.config)) sim.start(sid);
    return sim;
  }

  /** Applies and records a user action at the current moment. */
  apply(action: LabAction): boolean {
    this.actions.push({ eventCount: this.sim.eventCount, t: this.sim.now, action });
    return applyAction(this.sim, action);
  }

  kill(sid: Sid): boolean {
    return this.apply({ type: 'kill', sid });
  }

  start(sid: Sid): boolean {
    return this.apply({ type: 'start', sid });
  }

  async runFor(ms: number, shouldStop?: () => boolean): Promise<void> {
    await this.sim.runUntil(this.sim.now + ms, shouldStop);
  }

  async runUntil(t: number, shouldStop?: () => boolean): Promise<void> {
    await this.sim.runUntil(t, shouldStop);
  }

  async stepEvents(n: number): Promise<number> {
    return this.sim.stepEvents(n);
  }

  /** Rewinds `n` events by replaying the run up to (events - n). */
  async back(n: number): Promise<number> {
    const target = Math.max(0, this.sim.eventCount - n);
    const undone = this.sim.eventCount - target;
    await this.replayTo(Infinity, target);
    return undone;
  }

  /** Jumps to simulated time `t`: forward by running, backward by replaying. */
  async seek(t: number): Promise<void> {
    if (t >= this.sim.now) {
      await this.sim.runUntil(t);
      return;
    }
    await this.replayTo(t, Infinity);
  }

  /**
   * Rebuilds the world from scratch and replays every recorded action whose moment is before
   * the target (events <= maxEvents, time <= maxTime). Actions after it are discarded: acting
   * after a rewind starts a new branch.
   */
  private async replayTo(maxTime: number, maxEvents: number): Promise<void> {
    this.host.dispose();
    this.host = this.makeHost();
    const sim = this.fresh(this.host);
    this.sim = sim;
    this.generation += 1;
    const keep: RecordedAction[] = [];
    for (const rec of this.actions) {
      if (rec.eventCount > maxEvents || rec.t > maxTime) break;
      await this.advanceTo(sim, rec.eventCount, rec.t);
      if (sim.eventCount !== rec.eventCount) break;
      applyAction(sim, rec.action);
      keep.push(rec);
    }
    this.actions.length = 0;
    this.actions.push(...keep);
    if (maxEvents !== Infinity) await this.advanceTo(sim, maxEvents, Infinity);
    else await sim.runUntil(maxTime);
    this.onChange?.();
  }

  /** Runs events one at a time until `events` have run (without passing time `t`), then sets the clock to t. */
  private async advanceTo(sim: Simulation, events: number, t: number): Promise<void> {
    while (sim.eventCount < events) {
      const next = sim.nextEventTime();
      if (next === undefined || next > t) break;
      await sim.step(events - sim.eventCount, t);
    }
    if (t !== Infinity && t > sim.now) sim.now = t;
  }

  pause(): void {
    this.paused = true;
    this.onChange?.();
  }

  play(): void {
    this.paused = false;
    this.onChange?.();
  }

  isPaused(): boolean {
    return this.paused;
  }

  dispose(): void {
    this.host.dispose();
  }
}
