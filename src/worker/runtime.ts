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
import { CLIENT_BASE, Simulation } from '../sim/simulation.ts';
import type { ClientNotice } from '../protocol/client/ClientCnxn.ts';

export class LabRuntime {
  sim: Simulation;
  private host: PeerHost;
  readonly actions: RecordedAction[] = [];
  /** Index of the first recorded action not yet applied in the current world (after a rewind). */
  private nextAction = 0;
  private paused = false;
  /** Bumped whenever `sim` is replaced (rewind); views re-subscribe. */
  generation = 0;
  /** Called after every change (for the UI). */
  onChange: (() => void) | null = null;

  constructor(readonly config: LabConfig, private readonly makeHost: () => PeerHost) {
    this.host = makeHost();
    this.sim = this.fresh(this.host);
  }

  private busy: Promise<void> = Promise.resolve();
  private readonly changeWaiters: Array<() => void> = [];
  /** True while a rewind replays the past: clients' notices of the past are not delivered again. */
  private replaying = false;

  private fresh(host: PeerHost): Simulation {
    const sim = new Simulation(this.config, host);
    sim.onChange = () => {
      const waiters = this.changeWaiters.splice(0);
      for (const w of waiters) w();
      this.onChange?.();
    };
    sim.onClientNotice = (cid, notice) => {
      if (!this.replaying) this.clientListeners.get(cid)?.(notice);
    };
    const boot = this.config.boot;
    for (const sid of allIds(this.config)) if (!boot || boot.includes(sid)) sim.start(sid);
    return sim;
  }

  /**
   * Applies and records a user action at the current moment. Acting after a rewind starts a new
   * branch: the recorded actions that were still ahead are dropped.
   */
  apply(action: LabAction): Promise<boolean> {
    return this.exclusive(async () => {
      if (this.nextAction < this.actions.length) this.actions.length = this.nextAction;
      this.actions.push({ eventCount: this.sim.eventCount, t: this.sim.now, action });
      this.nextAction = this.actions.length;
      const changed = applyAction(this.sim, action);
      this.onChange?.();
      return changed;
    });
  }

  kill(sid: Sid): Promise<boolean> {
    return this.apply({ type: 'kill', sid });
  }

  start(sid: Sid): Promise<boolean> {
    return this.apply({ type: 'start', sid });
  }

  /**
   * Everything that touches the world runs one at a time: a user action never lands in the
   * middle of a batch that is out at the workers, so its recorded moment replays exactly.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.busy.then(fn, fn);
    this.busy = run.then(() => undefined, () => undefined);
    return run;
  }

  async runFor(ms: number, shouldStop?: () => boolean): Promise<void> {
    await this.exclusive(() => this.runUntilNow(this.sim.now + ms, shouldStop));
  }

  async runUntil(t: number, shouldStop?: () => boolean): Promise<void> {
    await this.exclusive(() => this.runUntilNow(t, shouldStop));
  }

  private async runUntilNow(t: number, shouldStop?: () => boolean): Promise<void> {
    await this.forward(Infinity, t, shouldStop);
    if (!shouldStop?.() && t > this.sim.now) this.sim.now = t;
    this.onChange?.();
  }

  stepEvents(n: number): Promise<number> {
    return this.exclusive(async () => {
      const before = this.sim.eventCount;
      await this.forward(before + n, Infinity);
      this.onChange?.();
      return this.sim.eventCount - before;
    });
  }

  /** Rewinds `n` events by replaying the run up to (events - n). Later actions are kept (redo). */
  back(n: number): Promise<number> {
    return this.exclusive(async () => {
      const target = Math.max(0, this.sim.eventCount - n);
      const undone = this.sim.eventCount - target;
      await this.replayTo(Infinity, target);
      return undone;
    });
  }

  /** Jumps to simulated time `t`: forward by running, backward by replaying. */
  seek(t: number): Promise<void> {
    return this.exclusive(async () => {
      if (t < this.sim.now) await this.replayTo(t, Infinity);
      await this.runUntilNow(t);
    });
  }

  /** Resolves at the next change of the world (for waiting while the playback loop runs). */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.changeWaiters.push(resolve));
  }

  /** Routes client notices (replies, watch and session events) to whoever owns the client. */
  readonly clientListeners = new Map<number, (notice: ClientNotice) => void>();
  private nextClientId = CLIENT_BASE;

  allocateClientId(): number {
    this.nextClientId += 1;
    return this.nextClientId;
  }

  /** Rebuilds the world from scratch and plays it forward to the target moment. */
  private async replayTo(maxTime: number, maxEvents: number): Promise<void> {
    this.host.dispose();
    this.host = this.makeHost();
    this.sim = this.fresh(this.host);
    this.nextAction = 0;
    this.generation += 1;
    this.replaying = true;
    try {
      await this.forward(maxEvents, maxTime);
    } finally {
      this.replaying = false;
    }
    if (maxTime !== Infinity && maxTime > this.sim.now) this.sim.now = maxTime;
    this.onChange?.();
  }

  /**
   * Runs events until `maxEvents` have run or the next is later than `maxTime`, re-applying
   * recorded actions (from before a rewind) at the moment they happened.
   */
  private async forward(maxEvents: number, maxTime: number, shouldStop?: () => boolean): Promise<void> {
    const sim = this.sim;
    for (;;) {
      const next = this.actions[this.nextAction];
      const e = next ? Math.min(next.eventCount, maxEvents) : maxEvents;
      const t = next ? Math.min(next.t, maxTime) : maxTime;
      while (sim.eventCount < e && (sim.nextEventTime() ?? Infinity) <= t) {
        if (shouldStop?.()) return;
        await sim.step(e - sim.eventCount, t);
      }
      if (!next || next.eventCount > maxEvents || next.t > maxTime || sim.eventCount !== next.eventCount) return;
      if (next.t > sim.now) sim.now = next.t;
      applyAction(sim, next.action);
      this.nextAction += 1;
    }
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
