/**
 * One Web Worker per server. A batch goes to its workers in parallel; the results come back in
 * batch order, whatever order the workers answer in, so ordering stays the simulation's.
 */
import type { PeerInit, QuorumPeer } from '../protocol/QuorumPeer.ts';
import type { Sid } from '../protocol/types.ts';
import type { PeerHost, StepRequest, StepResult } from '../sim/host.ts';
import { connectionRefused } from '../cli/fourLetterWords.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

type Pending = { sid: Sid; resolve: (r: FromWorker) => void };

export class WorkerHost implements PeerHost {
  readonly kind = 'worker' as const;
  private readonly workers = new Map<Sid, Worker>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly makeWorker: () => Worker = defaultWorker) {}

  boot(sid: Sid, init: PeerInit): void {
    this.kill(sid);
    this.post(this.spawn(sid), { type: 'boot', init });
  }

  /** Puts a whole server state into its worker (reusing a running worker: no new process to load). */
  restore(sid: Sid, peer: QuorumPeer): void {
    this.post(this.workers.get(sid) ?? this.spawn(sid), { type: 'restore', peer });
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

  /** The server's whole state, as its worker holds it. */
  snapshot(sid: Sid): Promise<QuorumPeer | null> {
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { sid, resolve: (m) => resolve(m.type === 'snapshot' ? m.peer : null) });
      this.post(w, { type: 'snapshot', id });
    });
  }

  /** A four-letter word, answered by the server's worker from its state; a dead worker refuses. */
  query(sid: Sid, word: string, now: number): Promise<string> {
    const w = this.workers.get(sid);
    if (!w) return Promise.resolve(connectionRefused(sid));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { sid, resolve: (m) => resolve(m.type === 'query' ? m.text : connectionRefused(sid)) });
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
