/**
 * One Web Worker per process. A batch goes to its workers in parallel; the results come back in
 * batch order, whatever order the workers answer in, so ordering stays the simulation's.
 *
 * With a `planner` (the playback loop sets one for each frame: src/worker/stepPlan.ts), a
 * process's first input of the frame goes out with the inputs already queued for it that are due
 * soon, in one message: the worker runs them all and answers once, and the following inputs are
 * answered here without a round trip — as long as each is exactly the planned one. Otherwise
 * (something came first, or a planned input was dropped) the worker rewinds to the last input
 * taken and the input goes out as usual. The run is the same either way: every result taken
 * comes from the same state and the same input.
 */
import type { NodeInit } from '../sim/module.ts';
import type { NodeId } from '../sim/node.ts';
import type { PeerHost, StepRequest, StepResult } from '../sim/host.ts';
import { hostModule, queryRefused } from './modules.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

type Sid = NodeId;

type Pending = { sid: Sid; resolve: (r: FromWorker) => void };

/** A process's plan: its inputs, how many the simulation has taken, and the worker's results. */
interface Plan {
  readonly reqs: StepRequest[];
  taken: number;
  readonly results: Promise<StepResult[]>;
}

/** What a planner gives for process `sid` after its current input `req`: its next inputs, in order. */
export type StepPlanner = (sid: Sid) => StepRequest[];

export class WorkerHost implements PeerHost {
  readonly kind = 'worker' as const;
  private readonly workers = new Map<Sid, Worker>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private protocol: string | undefined;
  private readonly plans = new Map<Sid, Plan>();
  /** Per process, the state its last peek gave (what its worker's next peek sends changes to). */
  private readonly peeked = new Map<Sid, unknown>();
  /** Set while the page plays (see the class comment); null: one message per input. */
  planner: StepPlanner | null = null;
  /** Inputs sent to workers ('step', and 'steps' however long), inputs answered from plans, rewinds, peeks answered with what changed (for tests and measurements). */
  readonly stats = { sent: 0, planned: 0, rewinds: 0, peekDeltas: 0 };

  constructor(private readonly makeWorker: () => Worker = defaultWorker) {}

  boot(sid: Sid, protocol: string, init: NodeInit<unknown, unknown>): void {
    this.kill(sid);
    this.protocol = protocol;
    this.post(this.spawn(sid), { type: 'boot', protocol, init });
  }

  /** Puts a whole process state into its worker (reusing a running worker: no new process to load). */
  restore(sid: Sid, protocol: string, node: unknown): void {
    this.plans.delete(sid);
    this.peeked.delete(sid);
    this.protocol = protocol;
    this.post(this.workers.get(sid) ?? this.spawn(sid), { type: 'restore', protocol, node });
  }

  private spawn(sid: Sid): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      p.resolve(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.failAll(sid, e.message || 'worker error');
    };
    this.workers.set(sid, w);
    return w;
  }

  step(batch: StepRequest[]): Promise<StepResult[]> {
    return Promise.all(batch.map((req) => this.stepOne(req)));
  }

  private stepOne(req: StepRequest): Promise<StepResult> {
    const w = this.workers.get(req.sid);
    if (!w) return Promise.resolve({ sid: req.sid, outputs: [], view: null, error: 'no such process' });
    const plan = this.plans.get(req.sid);
    if (plan) {
      if (sameRequest(plan.reqs[plan.taken]!, req)) {
        const i = plan.taken++;
        if (plan.taken === plan.reqs.length) this.plans.delete(req.sid);
        this.stats.planned += 1;
        return plan.results.then((r) => r[i] ?? { sid: req.sid, outputs: [], view: null, error: 'no such process' });
      }
      this.rewind(req.sid);
    }
    const next = this.planner?.(req.sid) ?? [];
    if (next.length > 0) return this.stepPlanned(w, [req, ...next]);
    const id = this.nextId++;
    return new Promise<StepResult>((resolve) => {
      this.pending.set(id, {
        sid: req.sid,
        resolve: (m) => resolve(m.type === 'step' ? m.result : { sid: req.sid, outputs: [], view: null, error: 'bad reply' }),
      });
      this.post(w, { type: 'step', id, req });
    });
  }

  /** Sends a plan (its first input is the current one) and answers the first input from it. */
  private stepPlanned(w: Worker, reqs: StepRequest[]): Promise<StepResult> {
    const sid = reqs[0]!.sid;
    const id = this.nextId++;
    const results = new Promise<StepResult[]>((resolve) => {
      this.pending.set(id, {
        sid,
        resolve: (m) => resolve(m.type === 'steps' ? m.results : m.type === 'step' ? [m.result] : []),
      });
      this.post(w, { type: 'steps', id, reqs });
    });
    this.plans.set(sid, { reqs, taken: 1, results });
    return results.then((r) => r[0] ?? { sid, outputs: [], view: null, error: 'bad reply' });
  }

  /** The worker goes back to where the simulation is (after the plan's inputs it has taken). */
  private rewind(sid: Sid): void {
    const plan = this.plans.get(sid);
    if (!plan) return;
    this.plans.delete(sid);
    this.stats.rewinds += 1;
    const w = this.workers.get(sid);
    if (w) this.post(w, { type: 'rewind', keep: plan.taken });
  }

  /** Every worker goes back to where the simulation is (a run stopped before its plans ran out). */
  settle(): void {
    for (const sid of [...this.plans.keys()]) this.rewind(sid);
  }

  /** The process's whole state, as its worker holds it. */
  snapshot(sid: Sid): Promise<unknown> {
    this.rewind(sid);
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { sid, resolve: (m) => resolve(m.type === 'snapshot' ? m.node : null) });
      this.post(w, { type: 'snapshot', id });
    });
  }

  /**
   * The process's whole state to read only (PeerHost.peek): its worker sends what changed since
   * the last peek (NodeModule.diffNode), patched here onto what that one gave — so parts of it
   * are shared with the states given before. Never change it.
   */
  peek(sid: Sid): Promise<unknown> {
    this.rewind(sid);
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(null);
    const module = this.protocol === undefined ? undefined : hostModule(this.protocol);
    const base = module?.patchNode ? this.peeked.get(sid) : undefined;
    this.peeked.delete(sid);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, {
        sid,
        resolve: (m) => {
          if (m.type !== 'peek') return resolve(null);
          const patch = m.delta !== undefined && base !== undefined && module?.patchNode ? module.patchNode : null;
          if (patch) this.stats.peekDeltas += 1;
          const node = patch ? patch(base, m.delta) : (m.node ?? null);
          if (node !== null && module?.patchNode) this.peeked.set(sid, node);
          resolve(node);
        },
      });
      this.post(w, { type: 'peek', id, delta: base !== undefined });
    });
  }

  /** A question (a four-letter word), answered by the process's worker from its state; a dead worker refuses. */
  query(sid: Sid, word: string, now: number): Promise<string> {
    this.rewind(sid);
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(queryRefused(sid, word, now, this.protocol));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { sid, resolve: (m) => resolve(m.type === 'query' ? m.text : queryRefused(sid, word, now, this.protocol)) });
      this.post(w, { type: 'query', id, sid, word, now });
    });
  }

  kill(sid: Sid): void {
    this.plans.delete(sid);
    this.peeked.delete(sid);
    const w = this.workers.get(sid);
    if (!w) return;
    w.terminate();
    this.workers.delete(sid);
    this.failAll(sid, 'killed');
  }

  dispose(): void {
    for (const sid of [...this.workers.keys()]) this.kill(sid);
  }

  get size(): number {
    return this.workers.size;
  }

  /** Answers every outstanding request of a worker that died, so the batch completes. */
  private failAll(sid: Sid, error: string): void {
    this.plans.delete(sid);
    for (const [id, p] of [...this.pending]) {
      if (p.sid !== sid) continue;
      this.pending.delete(id);
      p.resolve({ type: 'step', id, result: { sid, outputs: [], view: null, error } });
    }
  }

  private post(w: Worker, m: ToWorker): void {
    if (m.type === 'step' || m.type === 'steps') this.stats.sent += 1;
    w.postMessage(m);
  }
}

/** The same input for the same process at the same moment (inputs are flat: the message itself is compared by identity). */
function sameRequest(a: StepRequest, b: StepRequest): boolean {
  if (a.sid !== b.sid || a.now !== b.now) return false;
  const x = a.input as unknown as Record<string, unknown>;
  const y = b.input as unknown as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./nodeWorker.ts', import.meta.url), { type: 'module' });
}
