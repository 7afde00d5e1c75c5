/**
 * One Web Worker per process. A batch goes to its workers in parallel; the results come back in
 * batch order, whatever order the workers answer in, so ordering stays the simulation's.
 */
import type { NodeInit } from '../sim/module.ts';
import type { NodeId } from '../sim/node.ts';
import type { PeerHost, StepRequest, StepResult } from '../sim/host.ts';
import { queryRefused } from './modules.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

type Sid = NodeId;

type Pending = { sid: Sid; resolve: (r: FromWorker) => void };

export class WorkerHost implements PeerHost {
  readonly kind = 'worker' as const;
  private readonly workers = new Map<Sid, Worker>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private protocol: string | undefined;

  constructor(private readonly makeWorker: () => Worker = defaultWorker) {}

  boot(sid: Sid, protocol: string, init: NodeInit<unknown, unknown>): void {
    this.kill(sid);
    this.protocol = protocol;
    this.post(this.spawn(sid), { type: 'boot', protocol, init });
  }

  /** Puts a whole process state into its worker (reusing a running worker: no new process to load). */
  restore(sid: Sid, protocol: string, node: unknown): void {
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
    const id = this.nextId++;
    return new Promise<StepResult>((resolve) => {
      this.pending.set(id, {
        sid: req.sid,
        resolve: (m) => resolve(m.type === 'step' ? m.result : { sid: req.sid, outputs: [], view: null, error: 'bad reply' }),
      });
      this.post(w, { type: 'step', id, req });
    });
  }

  /** The process's whole state, as its worker holds it. */
  snapshot(sid: Sid): Promise<unknown> {
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { sid, resolve: (m) => resolve(m.type === 'snapshot' ? m.node : null) });
      this.post(w, { type: 'snapshot', id });
    });
  }

  /** A question (a four-letter word), answered by the process's worker from its state; a dead worker refuses. */
  query(sid: Sid, word: string, now: number): Promise<string> {
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(queryRefused(sid, word, now, this.protocol));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { sid, resolve: (m) => resolve(m.type === 'query' ? m.text : queryRefused(sid, word, now, this.protocol)) });
      this.post(w, { type: 'query', id, sid, word, now });
    });
  }

  kill(sid: Sid): void {
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
    for (const [id, p] of [...this.pending]) {
      if (p.sid !== sid) continue;
      this.pending.delete(id);
      p.resolve({ type: 'step', id, result: { sid, outputs: [], view: null, error } });
    }
  }

  private post(w: Worker, m: ToWorker): void {
    w.postMessage(m);
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./nodeWorker.ts', import.meta.url), { type: 'module' });
}
