/**
 * A lab run: the simulation, its host, and the recorded actions that make it replayable. The
 * browser uses it with a WorkerHost (one Web Worker per server); tests and lessons in CI use it
 * with an InProcessHost. In the browser, a long run ahead of the page (`lab run 600s`, a seek
 * forward, a replay) runs in the page's thread on the same protocol code and hands the servers'
 * states back to the workers (`runAhead`); playing, each worker gets its inputs due soon in one
 * message (./stepPlan.ts). Neither changes the run.
 *
 * Time travel (issue 5) rests on docs/architecture.md: a run is a pure function of (config, seed,
 * actions with their moments). Every `CHECKPOINT_EVERY` events the runtime keeps a checkpoint —
 * the world (Simulation.save) and every running server's whole state — between two batches,
 * inside its exclusive section, so taking one never changes the run. Rewinding restores the
 * nearest checkpoint at or before the target and replays forward from there, re-applying the
 * recorded actions at their moments; with workers the replay runs in this thread and the
 * resulting server states are then pushed into the workers. Exact: tests compare traces.
 *
 * Acting in the past forks a branch: the old branch keeps its actions (and checkpoints), the new
 * one shares the checkpoints from before the fork; `switchBranch` goes back to another branch
 * where it was left.
 */
import type { NodeId } from '../sim/node.ts';
import { applyAction, type LabAction, type RecordedAction } from '../protocol/actions.ts';
import type { RunData } from '../protocol/runLink.ts';
import type { LabConfig } from '../protocol/config.ts';
import { protocolOf, setupOf, type LabProtocol } from '../protocol/registry.ts';
import type { CheckView, ProtocolChecker, Violation } from '../sim/module.ts';
import type { PeerHost } from '../sim/host.ts';
import { AGENT_BASE, Simulation, type KernelTraceEntry, type LabSetup, type SimCheckpoint } from '../sim/simulation.ts';
import { InProcessHost } from './inProcessHost.ts';
import { planningHost, plannerFor } from './stepPlan.ts';
import type { SweepResult } from './sweep.ts';
import type { SweepReply, SweepRequest } from './sweepWorker.ts';

type Sid = NodeId;
type TraceEntry = KernelTraceEntry;

/**
 * Events between checkpoints. A rewind replays at most this many events (plus the restore);
 * in-process replay runs 20,000–30,000 events/s with 13 servers under load (see `npm run bench`).
 */
export const CHECKPOINT_EVERY = 1500;

/** A moment of a run: after `eventCount` events, at simulated time `t`. */
export interface Moment {
  eventCount: number;
  t: number;
}

/** The world and its servers at one moment of one timeline (see the file comment). */
interface Checkpoint {
  readonly eventCount: number;
  readonly now: number;
  /** How many of the branch's recorded actions had been applied. */
  readonly nextAction: number;
  readonly sim: SimCheckpoint;
  /** Every running process's whole state. */
  readonly peers: ReadonlyArray<readonly [Sid, unknown]>;
  /** The trace up to this checkpoint. */
  readonly trace: TraceNode;
}

/**
 * The trace as a chain of segments, one per checkpoint, kept apart from the checkpoints' states
 * so that thinning out old checkpoints frees their states but never their part of the trace.
 */
interface TraceNode {
  readonly parent: TraceNode | null;
  /** The entries from the parent's end up to `length`. */
  readonly segment: readonly TraceEntry[];
  readonly length: number;
}

/** Violations kept per invariant (the count goes on). */
const KEEP_PER_INVARIANT = 5;

/** A branch keeps at most this many checkpoints: older ones are thinned out (rewinds far back replay more). */
export const MAX_CHECKPOINTS = 32;

interface Branch {
  readonly id: number;
  /** The branch this one forked from, and at which moment (null for the first branch). */
  readonly parent: number | null;
  readonly forkedAt: Moment | null;
  readonly actions: RecordedAction[];
  /** Sorted by eventCount; shared (by reference) with the branches forked after them. */
  readonly checkpoints: Checkpoint[];
  /** The furthest moment this branch has reached (where switching back to it lands). */
  head: Moment;
}

/** What the UI and `lab branches` show of a branch. */
export interface BranchInfo {
  id: number;
  parent: number | null;
  forkedAt: Moment | null;
  actions: number;
  head: Moment;
  current: boolean;
}

/** What stopped a run at a breakpoint: the matching trace entry and the moment after its event. */
export interface BreakHit {
  entry: TraceEntry;
  eventCount: number;
  t: number;
}

export type TraceMatcher = (e: TraceEntry) => boolean;

export interface LabRuntimeOptions {
  /**
   * Replay rewinds with an in-process host and push the resulting server states into the live
   * host (its workers), instead of replaying through the live host. Default: true.
   */
  replayInProcess?: boolean;
  /** Events between checkpoints (default CHECKPOINT_EVERY; 0: no checkpoints, replay from the start). */
  checkpointEvery?: number;
  /**
   * With Web Workers: a run ahead (`runFor`, `seek`, `stepEvents`, `stepUntil`) still going after
   * this much wall time takes the servers' states out of the workers and runs on in this thread,
   * then hands the states back (see `runAhead`). Default FAST_FORWARD_AFTER_MS; Infinity: never.
   */
  fastForwardAfterMs?: number;
}

/** Default of LabRuntimeOptions.fastForwardAfterMs: a single step or a short run never leaves the workers. */
export const FAST_FORWARD_AFTER_MS = 10;
/** A run ahead in this thread runs this long at once, then yields to the page every FAST_FORWARD_SLICE_MS. */
export const FAST_FORWARD_FIRST_MS = 250;
export const FAST_FORWARD_SLICE_MS = 50;

/**
 * A run ahead of what the page shows (a long `lab run`, a seek forward, a replay): nothing is
 * drawn until it arrives, and the page shows how far it has come.
 */
export interface FastForward {
  /** How far the run has come, from 0 to 1. */
  fraction: number;
  /** Where it runs to: a simulated time and an event count (Infinity: no bound of that kind). */
  target: { t: number; eventCount: number };
  /** When it began (performance.now()). */
  startedAt: number;
}

/** `lab sweep`'s runs in a worker that lives for one sweep (./sweepWorker.ts). */
function sweepInWorker(config: LabConfig, shares: readonly number[]): Promise<SweepResult> {
  const worker = new Worker(new URL('./sweepWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<SweepResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<SweepReply>) => {
      const m = e.data;
      if ('result' in m) resolve(m.result);
      else reject(new Error(m.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message || 'sweep worker error'));
    };
    worker.postMessage({ config, shares: [...shares] } satisfies SweepRequest);
  }).finally(() => worker.terminate());
}

/** A throwaway world for `lab sweep` (src/worker/sweep.ts): the settings' ensemble on an in-process host. */
export function sweepSim(config: LabConfig): Simulation {
  return new Simulation(setupOf(config), new InProcessHost());
}

export class LabRuntime {
  sim: Simulation;
  /** The world's make-up: its processes, the protocol module that runs them, the network. */
  readonly setup: LabSetup;
  /** The protocol as the lab knows it (src/protocol/registry.ts). */
  readonly protocol: LabProtocol;
  private host: PeerHost;
  private paused = false;
  /** Bumped whenever `sim` is replaced (rewind); views re-subscribe. */
  generation = 0;
  /** Called after every change (for the UI). */
  onChange: (() => void) | null = null;
  /** Index of the first recorded action not yet applied in the current world (after a rewind). */
  private nextAction = 0;
  private readonly branches: Branch[] = [];
  private branch: Branch;
  /** The latest checkpoint the current world has passed (null: none yet). */
  private lastCp: Checkpoint | null = null;
  /** The host running `sim` (the live host, or an in-process one during a replay). */
  private simHost: PeerHost;
  private readonly checkpointEvery: number;
  private readonly replayInProcess: boolean;
  /** Breakpoints for playback: packet types (`PROPOSAL` …) and `role` (a server changes role). */
  readonly breakpoints = new Set<string>();
  /** The last breakpoint hit (cleared when the world is replaced). */
  lastBreak: BreakHit | null = null;
  /** How many checkpoints were taken and the wall time they took (for benchmarks). */
  readonly checkpointStats = { count: 0, ms: 0 };

  /** Set while the runtime runs ahead of the page (see FastForward); null otherwise. */
  fastForward: FastForward | null = null;
  private readonly fastForwardAfterMs: number;

  constructor(readonly config: LabConfig, private readonly makeHost: () => PeerHost, opts: LabRuntimeOptions = {}) {
    this.checkpointEvery = opts.checkpointEvery ?? CHECKPOINT_EVERY;
    this.fastForwardAfterMs = opts.fastForwardAfterMs ?? FAST_FORWARD_AFTER_MS;
    this.replayInProcess = opts.replayInProcess ?? true;
    this.protocol = protocolOf(config);
    this.setup = setupOf(config);
    this.branch = { id: 1, parent: null, forkedAt: null, actions: [], checkpoints: [], head: { eventCount: 0, t: 0 } };
    this.branches.push(this.branch);
    this.host = makeHost();
    this.simHost = this.host;
    this.sim = this.fresh(this.host);
  }

  private readonly roleChange = (event: unknown): boolean => (this.setup.module.isRoleChange ?? isStateEvent)(event);

  private busy: Promise<void> = Promise.resolve();
  private readonly changeWaiters: Array<() => void> = [];
  /** True while a rewind replays the past: clients' notices of the past are not delivered again. */
  private replaying = false;

  /** The current branch's recorded actions. */
  get actions(): readonly RecordedAction[] {
    return this.branch.actions;
  }

  /** Where a protocol whose checker needs whole process states is checked (HeadlessLab attaches ZooKeeper's). */
  externalInvariants: (() => Array<{ name: string; first: Violation | null; count: number }>) | null = null;

  /** What the protocol's checker found in the current world: per invariant, its first violation and a count. */
  private monitor: { checker: ProtocolChecker<unknown, unknown>; first: Map<string, Violation>; count: Map<string, number>; kept: Violation[] } | null = null;

  /** True when the protocol's invariants are checked here after every event (src/protocol/registry.ts createChecker). */
  get hasOwnChecker(): boolean {
    return this.monitor !== null;
  }

  private attachMonitor(sim: Simulation): void {
    const checker = this.protocol.createChecker(this.config);
    if (!checker) {
      this.monitor = null;
      return;
    }
    const m = { checker, first: new Map<string, Violation>(), count: new Map<string, number>(), kept: [] as Violation[] };
    this.monitor = m;
    const prev = sim.afterBatch;
    sim.afterBatch = () => {
      prev?.();
      this.runMonitor(sim);
    };
  }

  private runMonitor(sim: Simulation): void {
    const m = this.monitor;
    if (!m || sim !== this.sim) return;
    const host = this.simHost;
    const view: CheckView<unknown, unknown> = {
      now: sim.now,
      trace: sim.trace,
      ids: [...sim.servers.keys()],
      node: (id) => (host instanceof InProcessHost ? host.peer(id) : undefined),
      disk: (id) => {
        const slot = sim.servers.get(id);
        return slot?.up ? slot.disk : undefined;
      },
    };
    for (const v of m.checker.check(view)) {
      if (!m.first.has(v.invariant)) m.first.set(v.invariant, v);
      const n = (m.count.get(v.invariant) ?? 0) + 1;
      m.count.set(v.invariant, n);
      if (n <= KEEP_PER_INVARIANT) m.kept.push(v);
    }
  }

  /** The violations the protocol's checker found in the current world, at most a few per invariant (null: not checked here). */
  violations(): Violation[] | null {
    if (!this.monitor) return null;
    this.runMonitor(this.sim);
    return [...this.monitor.kept];
  }

  /**
   * The protocol's invariants as checked after every event of the current world (null when the
   * protocol's checker needs whole process states and runs elsewhere — ZooKeeper's).
   */
  invariantStatus(): Array<{ name: string; first: Violation | null; count: number }> | null {
    const m = this.monitor;
    if (!m) return this.externalInvariants?.() ?? null;
    this.runMonitor(this.sim);
    return this.protocol.invariants.map((inv) => ({ ...inv, first: m.first.get(inv.name) ?? null, count: m.count.get(inv.name) ?? 0 }));
  }

  private hook(sim: Simulation): Simulation {
    this.attachMonitor(sim);
    sim.onChange = () => {
      // After every batch: an array for the waiters only when someone waits.
      if (this.changeWaiters.length > 0) for (const w of this.changeWaiters.splice(0)) w();
      this.onChange?.();
    };
    sim.onClientNotice = (cid, notice) => {
      if (!this.replaying) this.clientListeners.get(cid)?.(notice);
    };
    return sim;
  }

  private fresh(host: PeerHost): Simulation {
    const sim = this.hook(new Simulation(this.setup, host));
    const boot = this.config.boot;
    for (const sid of this.setup.ids) if (!boot || boot.includes(sid)) sim.start(sid);
    return sim;
  }

  /** True when the current world is behind its branch's furthest point or has recorded actions ahead. */
  private inPast(): boolean {
    return this.nextAction < this.branch.actions.length || this.sim.eventCount < this.branch.head.eventCount;
  }

  /**
   * Applies and records a user action at the current moment. Acting in the past starts a new
   * branch: the old branch keeps its actions, and `switchBranch` goes back to it.
   */
  apply(action: LabAction): Promise<boolean> {
    return this.exclusive(async () => {
      if (this.inPast()) this.fork();
      this.branch.actions.push({ eventCount: this.sim.eventCount, t: this.sim.now, action });
      this.nextAction = this.branch.actions.length;
      const changed = applyAction(this.sim, action);
      this.noteHead();
      this.onChange?.();
      return changed;
    });
  }

  private fork(): void {
    const from = this.branch;
    const at: Moment = { eventCount: this.sim.eventCount, t: this.sim.now };
    const b: Branch = {
      id: this.branches.length + 1,
      parent: from.id,
      forkedAt: at,
      actions: from.actions.slice(0, this.nextAction),
      checkpoints: from.checkpoints.filter((c) => c.eventCount < at.eventCount),
      head: { ...at },
    };
    this.branches.push(b);
    this.branch = b;
  }

  private noteHead(): void {
    const h = this.branch.head;
    const s = this.sim;
    if (s.eventCount > h.eventCount || (s.eventCount === h.eventCount && s.now > h.t)) this.branch.head = { eventCount: s.eventCount, t: s.now };
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
    await this.exclusive(() => this.runUntilNow(this.sim.now + ms, shouldStop, undefined, true));
  }

  /**
   * Runs until simulated time `t` (the playback loop's step: it stays with the workers). With
   * `useBreakpoints`, it stops right after the first event that hits one of `breakpoints` and
   * returns the hit (the playback loop pauses there).
   */
  async runUntil(t: number, shouldStop?: () => boolean, useBreakpoints = false): Promise<BreakHit | null> {
    return this.exclusive(() => this.runUntilNow(t, shouldStop, useBreakpoints ? this.breakMatcher() : undefined));
  }

  private async runUntilNow(t: number, shouldStop?: () => boolean, breakAt?: TraceMatcher, ahead = false): Promise<BreakHit | null> {
    const hit = await this.forward(Infinity, t, shouldStop, breakAt, ahead);
    if (!hit && !shouldStop?.() && t > this.sim.now) this.sim.now = t;
    this.noteHead();
    this.onChange?.();
    return hit;
  }

  stepEvents(n: number): Promise<number> {
    return this.exclusive(async () => {
      const before = this.sim.eventCount;
      await this.forward(before + n, Infinity, undefined, undefined, true);
      this.noteHead();
      this.onChange?.();
      return this.sim.eventCount - before;
    });
  }

  /**
   * Runs event by event until one produces a trace entry that `match` accepts (at most
   * `maxEvents` events, and never past an idle world). Returns how many events ran and the hit.
   */
  stepUntil(match: TraceMatcher, maxEvents = 50_000): Promise<{ steps: number; hit: BreakHit | null }> {
    return this.exclusive(async () => {
      const before = this.sim.eventCount;
      const hit = await this.forward(before + maxEvents, Infinity, undefined, match, true);
      this.noteHead();
      this.onChange?.();
      return { steps: this.sim.eventCount - before, hit };
    });
  }

  /**
   * `lab sweep`: saturated throughput at each share of reads, in throwaway runs (the lab's timeline
   * is untouched). In a browser, in a Web Worker of its own (./sweepWorker.ts), so the page keeps
   * playing meanwhile; elsewhere (Node tests) in this thread. The same numbers either way.
   */
  async sweep(voters: number, observers: number, shares: readonly number[]): Promise<SweepResult> {
    const config: LabConfig = { ...this.config, voters, observers };
    if (typeof Worker !== 'undefined') return sweepInWorker(config, shares);
    // Loaded on first use (not in the page's first load).
    const { runSweep } = await import('./sweep.ts');
    return runSweep(config, shares, sweepSim);
  }

  /** `lab step vote` …: runs to the next event delivering one of `kinds` (packet types, or `role`). */
  async stepToNext(kinds: string[]): Promise<{ steps: number; hit: TraceEntry | null }> {
    const { steps, hit } = await this.stepUntil(traceMatcher(kinds, this.roleChange));
    return { steps, hit: hit?.entry ?? null };
  }

  /** Rewinds `n` events (exactly: from the nearest checkpoint). Later actions are kept (redo). */
  back(n: number): Promise<number> {
    return this.exclusive(async () => {
      const target = Math.max(0, this.sim.eventCount - n);
      const undone = this.sim.eventCount - target;
      await this.replayTo(Infinity, target);
      return undone;
    });
  }

  /**
   * Jumps to simulated time `t`: backward by restoring a checkpoint and replaying, forward by
   * running (from a checkpoint ahead, when the branch has been there before).
   */
  seek(t: number): Promise<void> {
    return this.exclusive(async () => {
      const cp = this.nearestCheckpoint(t, Infinity);
      if (t < this.sim.now || (cp && cp.eventCount > this.sim.eventCount + this.checkpointEvery / 2)) await this.replayTo(t, Infinity);
      await this.runUntilNow(t, undefined, undefined, true);
    });
  }

  /** Goes to another branch, where it was left (its furthest moment). */
  switchBranch(id: number): Promise<Moment> {
    return this.exclusive(async () => {
      const b = this.branches.find((x) => x.id === id);
      if (!b) throw new RangeError(`no branch ${id}`);
      this.branch = b;
      const head = { ...b.head };
      await this.replayTo(head.t, head.eventCount);
      if (head.t > this.sim.now) this.sim.now = head.t;
      this.onChange?.();
      return head;
    });
  }

  /**
   * Replays a run from a link (src/protocol/runLink.ts) on a fresh runtime: its actions become this
   * branch's and the lab goes to the run's head — exactly the shared run, as a rewind would
   * replay it. A protocol error while replaying rejects; the caller then opens a fresh lab.
   */
  loadRun(run: RunData): Promise<void> {
    return this.exclusive(async () => {
      if (this.branch.actions.length > 0 || this.branches.length > 1) throw new Error('a run loads into a fresh lab only');
      this.branch.actions.push(...run.actions);
      this.branch.head = { ...run.head };
      await this.replayTo(run.head.t, run.head.eventCount);
      if (run.head.t > this.sim.now) this.sim.now = run.head.t;
      this.noteHead();
      this.onChange?.();
    });
  }

  /** The current branch up to the present moment, for a link (`?run=`). */
  runData(): RunData {
    const now = { eventCount: this.sim.eventCount, t: this.sim.now };
    return { actions: this.branch.actions.slice(0, this.nextAction), head: now };
  }

  /** The branches of this run, oldest first. */
  branchList(): BranchInfo[] {
    return this.branches.map((b) => ({
      id: b.id,
      parent: b.parent,
      forkedAt: b.forkedAt,
      actions: b.actions.length,
      head: { ...b.head },
      current: b === this.branch,
    }));
  }

  get currentBranch(): number {
    return this.branch.id;
  }

  /** The recorded span of the current branch: from the start to its furthest moment. */
  span(): Moment {
    const h = this.branch.head;
    return this.sim.eventCount > h.eventCount || this.sim.now > h.t ? { eventCount: Math.max(h.eventCount, this.sim.eventCount), t: Math.max(h.t, this.sim.now) } : { ...h };
  }

  /** How many checkpoints the current branch can rewind to. */
  get checkpointCount(): number {
    return this.branch.checkpoints.length;
  }

  /** Resolves at the next change of the world (for waiting while the playback loop runs). */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.changeWaiters.push(resolve));
  }

  /** Routes client notices (replies, watch and session events) to whoever owns the client. */
  readonly clientListeners = new Map<number, (notice: unknown) => void>();
  private nextClientId = AGENT_BASE;

  allocateClientId(): number {
    // Skip ids a `lab client cN` took.
    do this.nextClientId += 1;
    while (this.sim.clients.has(this.nextClientId));
    return this.nextClientId;
  }

  /** The matcher for the playback breakpoints (packet types delivered, `role` changes). */
  breakMatcher(): TraceMatcher | undefined {
    if (this.breakpoints.size === 0) return undefined;
    return traceMatcher([...this.breakpoints], this.roleChange);
  }

  // ---------------------------------------------------------------- checkpoints and replay

  /** The last checkpoint of the current branch at or before (maxEvents, maxTime). */
  private nearestCheckpoint(maxTime: number, maxEvents: number): Checkpoint | null {
    const list = this.branch.checkpoints;
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i]!;
      if (c.eventCount <= maxEvents && c.now <= maxTime) return c;
    }
    return null;
  }

  private nextCheckpointAt(): number {
    if (this.checkpointEvery <= 0) return Infinity;
    const last = this.lastCp;
    return last ? (Math.floor(last.eventCount / this.checkpointEvery) + 1) * this.checkpointEvery : 0;
  }

  /**
   * Keeps a checkpoint of the current world, between two batches (the caller is inside the
   * exclusive section, so nothing can act meanwhile; snapshots only read). A branch keeps one
   * checkpoint per `checkpointEvery` events.
   */
  private async takeCheckpoint(): Promise<void> {
    const sim = this.sim;
    const bucket = Math.floor(sim.eventCount / this.checkpointEvery);
    const list = this.branch.checkpoints;
    const have = list.find((c) => Math.floor(c.eventCount / this.checkpointEvery) === bucket);
    if (have) {
      // Replaying over a stretch this branch has seen: the checkpoint is already there.
      // At the very same point, the world is that checkpoint's: later segments may start there.
      if (have.eventCount === sim.eventCount && have.nextAction === this.nextAction) this.lastCp = have;
      this.skipBucket = bucket;
      return;
    }
    const t0 = performance.now();
    const peers: Array<readonly [Sid, unknown]> = [];
    for (const slot of sim.servers.values()) {
      if (!slot.up) continue;
      // In this thread: the module's fast copy (sharing what is never changed; its checkpoint form
      // when it has one). From a worker: a peek, which copies out only what changed since the last
      // (views and checks peek often), so a checkpoint shares the rest with the states read before
      // it. Safe: nothing changes a checkpoint's states — a restore copies them (nodeFromCheckpoint,
      // InProcessHost.restore, or into a worker).
      const own = this.simHost instanceof InProcessHost ? this.simHost.peer(slot.sid) : undefined;
      const mod = this.setup.module;
      const p = own === undefined ? await sim.peek(slot.sid) : mod.checkpointNode ? mod.checkpointNode(own) : mod.copyNode(own);
      if (p) peers.push([slot.sid, p]);
    }
    const parent = this.lastCp?.trace ?? null;
    const state = sim.save();
    const cp: Checkpoint = {
      eventCount: sim.eventCount,
      now: sim.now,
      nextAction: this.nextAction,
      sim: state,
      peers,
      trace: { parent, segment: sim.trace.slice(parent ? parent.length : 0, state.traceLength), length: state.traceLength },
    };
    let i = list.length;
    while (i > 0 && list[i - 1]!.eventCount > cp.eventCount) i--;
    list.splice(i, 0, cp);
    if (list.length > MAX_CHECKPOINTS) thin(list);
    this.lastCp = cp;
    this.checkpointStats.count += 1;
    this.checkpointStats.ms += performance.now() - t0;
  }

  /** A bucket already covered by the branch (no checkpoint needed until the next one). */
  private skipBucket = -1;

  /** The whole trace up to checkpoint `cp`, from its chain of segments (a new array, joined in one go). */
  private static traceOf(cp: Checkpoint): TraceEntry[] {
    const segs: Array<readonly TraceEntry[]> = [];
    for (let c: TraceNode | null = cp.trace; c; c = c.parent) segs.push(c.segment);
    segs.reverse();
    return ([] as TraceEntry[]).concat(...segs);
  }

  /**
   * Puts the world back at (maxTime, maxEvents): restores the nearest checkpoint before it (or
   * starts from scratch) and plays forward, re-applying recorded actions.
   */
  private async replayTo(maxTime: number, maxEvents: number): Promise<void> {
    const cp = this.nearestCheckpoint(maxTime, maxEvents);
    const live = this.host;
    const local = this.replayInProcess && live.kind !== 'in-process' ? new InProcessHost() : null;
    // Processes added after the moment rewound to (`lab add`) are gone once the replay is over.
    const before = [...this.sim.servers.keys()];
    if (cp) {
      const host = local ?? live;
      const running = new Set(cp.peers.map(([sid]) => sid));
      if (!local) for (const sid of this.sim.servers.keys()) if (!running.has(sid)) live.kill(sid);
      const mod = this.setup.module;
      for (const [sid, peer] of cp.peers) {
        if (!mod.nodeFromCheckpoint) host.restore(sid, mod.id, peer);
        // A live state of the checkpoint's own (it stays as it was): taken as it is in this thread.
        else if (host instanceof InProcessHost) host.adopt(sid, mod.id, mod.nodeFromCheckpoint(peer));
        else host.restore(sid, mod.id, mod.nodeFromCheckpoint(peer));
      }
      this.sim = this.hook(Simulation.restore(this.setup, host, cp.sim, LabRuntime.traceOf(cp), true));
      this.nextAction = cp.nextAction;
    } else if (local) {
      this.sim = this.fresh(local);
      this.nextAction = 0;
    } else {
      this.host.dispose();
      this.host = this.makeHost();
      this.sim = this.fresh(this.host);
      this.nextAction = 0;
    }
    this.simHost = local ?? this.host;
    this.lastCp = cp;
    this.skipBucket = -1;
    this.lastBreak = null;
    this.generation += 1;
    this.replaying = true;
    try {
      await this.forward(maxEvents, maxTime);
    } finally {
      this.replaying = false;
    }
    // The workers take over the replayed servers (reusing running workers); a server added after
    // the moment rewound to is gone, and so is its worker.
    if (local) this.handBack(local);
    for (const sid of before) if (!this.sim.servers.has(sid)) live.kill(sid);
    if (maxTime !== Infinity && maxTime > this.sim.now) this.sim.now = maxTime;
    this.noteHead();
    this.onChange?.();
  }

  /**
   * Runs events until `maxEvents` have run or the next is later than `maxTime`, re-applying
   * recorded actions (from before a rewind) at the moment they happened, and keeping
   * checkpoints on the way. With `breakAt`, runs one event at a time and stops right after the
   * first event whose trace entries it matches (returned).
   *
   * In the page (a worker host), a run `ahead` of what is drawn — and a replay, which runs in
   * this thread already — is a fast-forward: `fastForward` says how far it has come, and once
   * it has lasted `fastForwardAfterMs` the servers move into this thread for the rest of it
   * (`runAhead`).
   */
  private async forward(maxEvents: number, maxTime: number, shouldStop?: () => boolean, breakAt?: TraceMatcher, ahead = false): Promise<BreakHit | null> {
    const live = this.host;
    if (live.kind !== 'worker') return this.forwardLoop(maxEvents, maxTime, shouldStop, breakAt, null);
    if (!ahead && this.simHost === live) {
      // Playing through the workers: each worker gets its inputs due soon in one message (./stepPlan.ts).
      const planning = maxTime !== Infinity ? planningHost(live) : null;
      if (!planning) return this.forwardLoop(maxEvents, maxTime, shouldStop, breakAt, null);
      planning.planner = plannerFor(this.sim, maxTime);
      try {
        return await this.forwardLoop(maxEvents, maxTime, shouldStop, breakAt, null);
      } finally {
        planning.planner = null;
        planning.settle();
      }
    }
    const sim = this.sim;
    const from = { t: sim.now, eventCount: sim.eventCount };
    const ff: FastForward = { fraction: 0, target: { t: maxTime, eventCount: maxEvents }, startedAt: performance.now() };
    const run: AheadRun = { ff, from, inThread: this.simHost !== live, tookOver: null, lastYield: ff.startedAt };
    this.fastForward = ff;
    try {
      return await this.forwardLoop(maxEvents, maxTime, shouldStop, breakAt, run);
    } finally {
      if (run.tookOver) this.handBack(run.tookOver);
      if (this.fastForward === ff) this.fastForward = null;
    }
  }

  /**
   * Between two batches of a fast-forward: updates its progress; moves the servers into this
   * thread once it has lasted `fastForwardAfterMs`; in this thread, yields to the page every
   * FAST_FORWARD_SLICE_MS after the first FAST_FORWARD_FIRST_MS (the page shows the progress).
   */
  private async paceAhead(run: AheadRun): Promise<void> {
    const now = performance.now();
    const sim = this.sim;
    const { t, eventCount } = run.ff.target;
    run.ff.fraction = t !== Infinity
      ? progress(sim.now - run.from.t, t - run.from.t)
      : eventCount !== Infinity ? progress(sim.eventCount - run.from.eventCount, eventCount - run.from.eventCount) : 0;
    if (!run.inThread) {
      if (now - run.ff.startedAt < this.fastForwardAfterMs) return;
      run.tookOver = await this.runAhead();
      run.inThread = true;
      return;
    }
    if (now - run.ff.startedAt < FAST_FORWARD_FIRST_MS || now - run.lastYield < FAST_FORWARD_SLICE_MS) return;
    await yieldToPage();
    run.lastYield = performance.now();
  }

  /**
   * Takes every running server's state out of its worker and runs the world in this thread, on
   * the same protocol code the workers run (InProcessHost): no message round trip per event.
   * The trace is the same (src/worker/fastForward.test.ts); `handBack` returns the states.
   */
  private async runAhead(): Promise<InProcessHost> {
    const sim = this.sim;
    const local = new InProcessHost();
    const up = [...sim.servers.values()].filter((slot) => slot.up).map((slot) => slot.sid);
    const states = await Promise.all(up.map((sid) => sim.snapshot(sid)));
    up.forEach((sid, i) => {
      const node = states[i];
      if (node !== null && node !== undefined) local.adopt(sid, this.setup.module.id, node);
    });
    sim.rehost(local);
    this.simHost = local;
    return local;
  }

  /** The workers take the servers back from a run ahead (reusing running workers; a server started meanwhile gets one). */
  private handBack(local: InProcessHost): void {
    const live = this.host;
    for (const slot of this.sim.servers.values()) {
      const peer = slot.up ? local.peer(slot.sid) : undefined;
      if (peer !== undefined) live.restore(slot.sid, this.setup.module.id, peer);
      else live.kill(slot.sid);
    }
    this.sim.rehost(live);
    this.simHost = live;
  }

  private async forwardLoop(maxEvents: number, maxTime: number, shouldStop: (() => boolean) | undefined, breakAt: TraceMatcher | undefined, run: AheadRun | null): Promise<BreakHit | null> {
    const sim = this.sim;
    const actions = this.branch.actions;
    let n = 0;
    for (;;) {
      const next = actions[this.nextAction];
      const e = next ? Math.min(next.eventCount, maxEvents) : maxEvents;
      const t = next ? Math.min(next.t, maxTime) : maxTime;
      // An idle world (nothing queued) has nothing to step, however far the bound: stepping it
      // (`lab step`, or a step that leaves the queue empty) must end, not spin.
      for (let at = sim.nextEventTime(); sim.eventCount < e && at !== undefined && at <= t; at = sim.nextEventTime()) {
        if (shouldStop?.()) return null;
        // Through the workers each event is a message round trip: look at the clock after every
        // one until the servers move into this thread (fastForwardAfterMs); then every 16.
        if (run && (!run.inThread || (n++ & 15) === 0)) await this.paceAhead(run);
        if (sim.eventCount >= this.nextCheckpointAt() && Math.floor(sim.eventCount / this.checkpointEvery) !== this.skipBucket) await this.takeCheckpoint();
        if (breakAt) {
          const from = sim.trace.length;
          await sim.step(1, t);
          for (let i = from; i < sim.trace.length; i++) {
            const entry = sim.trace[i]!;
            if (breakAt(entry)) {
              this.lastBreak = { entry, eventCount: sim.eventCount, t: sim.now };
              return this.lastBreak;
            }
          }
        } else {
          // A synchronous host's step is done when it returns: no promise to wait for (an await
          // per batch was a microtask turn per batch).
          const stepped = sim.step(e - sim.eventCount, t);
          if (stepped !== true && stepped !== false) await stepped;
        }
      }
      if (!next || next.eventCount > maxEvents || next.t > maxTime || sim.eventCount !== next.eventCount) return null;
      // The action was taken after time ran up to next.t, which also disposed of everything due by
      // then that is no event — a datagram dropped at a cut or at a dead process, a packet held at a
      // cut: they came after the action's last event and before the action, whose kill, start, cut or
      // heal would change their fate. (When no time passed after that event — the run was stepped
      // to it — nothing more was due.)
      if (next.t > sim.now) {
        const events = sim.eventCount;
        for (let at = sim.nextEventTime(); at !== undefined && at <= next.t && sim.eventCount === events; at = sim.nextEventTime()) await sim.step(1, next.t);
        if (sim.eventCount !== events) return null;
      }
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

/** A fast-forward under way (see LabRuntime.forward). */
interface AheadRun {
  readonly ff: FastForward;
  readonly from: { t: number; eventCount: number };
  /** The world runs in this thread (a replay, or after `runAhead`). */
  inThread: boolean;
  /** The host `runAhead` moved the servers into (handed back at the end). */
  tookOver: InProcessHost | null;
  lastYield: number;
}

function progress(done: number, total: number): number {
  return total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
}

/** Lets the page run (draw a frame, handle input) in the middle of a long run in this thread. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Drops one old checkpoint: the one (not among the newest 8, nor the first) closest to its
 * predecessor, so that checkpoints thin out with age and rewinds near the present stay fast.
 */
function thin(list: Checkpoint[]): void {
  let best = -1;
  let gap = Infinity;
  for (let i = 1; i < list.length - 8; i++) {
    const g = list[i + 1]!.eventCount - list[i - 1]!.eventCount;
    if (g < gap) {
      gap = g;
      best = i;
    }
  }
  if (best > 0) list.splice(best, 1);
}

/** The kinds `lab step` can run to, and what each stops at. */
export const STEP_KINDS: Record<string, { label: string; types: string[] }> = {
  vote: { label: 'vote', types: ['NOTIFICATION'] },
  proposal: { label: 'proposal', types: ['PROPOSAL'] },
  commit: { label: 'commit', types: ['COMMIT', 'INFORM'] },
  role: { label: 'role change', types: ['role'] },
};

/**
 * A matcher for breakpoints: packet types (a delivered packet of that type, as `lab log` names
 * it) and `role` (a server changes role: LOOKING → FOLLOWING …).
 */
export function traceMatcher(kinds: readonly string[], isRoleChange: (event: unknown) => boolean = isStateEvent): TraceMatcher {
  const types = new Set(kinds.map((k) => k.toUpperCase()));
  const role = types.has('ROLE');
  return (e) => (e.kind === 'deliver' && types.has(e.msg.type)) || (role && e.kind === 'event' && isRoleChange(e.event));
}

/** The default role-change test (NodeModule.isRoleChange): an event `{ kind: 'state' }`. */
function isStateEvent(event: unknown): boolean {
  return (event as { kind?: unknown } | null)?.kind === 'state';
}
