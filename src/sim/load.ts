/**
 * Load you can see (`lab load`): scripted client sessions that send a protocol's reads and writes
 * to its processes, and a cost model that makes every input cost simulated service time on the
 * process that handles it, so a process saturates and its queue builds.
 *
 * Everything here is protocol-neutral and deterministic. The protocol says what a read and a
 * write are (LoadModule) and what each input costs (NodeModule.serviceCost); the kernel keeps,
 * per process, the moment its service queue is free (`busyUntil`): an input that arrives at `t`
 * starts at max(t, busyUntil), ends `cost` later, and what it sends leaves when it ends. Because
 * a process handles its inputs in arrival order, this is a FIFO queue in simulated time: every
 * input sees the same state it would after waiting its turn, only its outputs leave later.
 *
 * The model is off (no cost, no delay) unless a load runs, so a run without `lab load` is the
 * same run, byte for byte, as before it existed (src/sim/traceHashes.test.ts).
 */
import type { NodeId } from './node.ts';

/** What `lab load clients=N reads=R% rate=X/s servers=…` asks for. */
export interface LoadSpec {
  /** Client sessions, spread over `servers` round-robin (client i talks to servers[i % n]). */
  clients: number;
  /** Share of reads, 0–100 (the rest are writes). */
  reads: number;
  /**
   * Requests per simulated second, all clients together (open loop: sent on schedule whatever
   * the answers). 0: closed loop — each client sends its next request when the last is answered
   * (how a saturated throughput is measured).
   */
  rate: number;
  /** The processes the clients talk to. */
  servers: NodeId[];
}

/** The protocol's side of a load: the requests a load client sends and how to recognise their replies. */
export interface LoadModule {
  /** The request of load client `client` (0-based), its `seq`-th, a read or a write of the shared data. */
  request(kind: 'read' | 'write', client: number, seq: number): unknown;
  /** A request sent once as a load starts, before the first (client 0, seq 0: its answer is not counted); e.g. create the shared data. */
  setupRequest?(): unknown;
  /** Which load request a reply answers, and whether it succeeded; null when it answers no load request. */
  replyOf(reply: unknown): { client: number; seq: number; ok: boolean } | null;
}

/** Completions of one process in one 100 ms bucket of simulated time. */
export interface Bucket {
  at: number;
  reads: number;
  writes: number;
  errors: number;
  /** Latencies of the answered requests (ms, to 0.01 ms). */
  lat: number[];
}

export interface Outstanding {
  client: number;
  seq: number;
  sid: NodeId;
  read: boolean;
  /** When the client sent it. */
  sentAt: number;
}

/** The driver's whole state, as structured-clonable data (part of a checkpoint). */
export interface LoadState {
  spec: LoadSpec | null;
  /** When the current spec started (the report's window starts here at the earliest). */
  startedAt: number;
  /** Requests sent so far (numbers them; decides read or write). */
  sent: number;
  /** Per client: requests sent (the next one's seq). */
  clientSeq: number[];
  outstanding: Outstanding[];
  /** Per process: when its service queue is free, and the end times of inputs not yet served. */
  busy: Array<[NodeId, number, number[]]>;
  buckets: Array<[NodeId, Bucket[]]>;
  /** Bumped by every start or stop: a queued turn of an earlier load is void. */
  gen: number;
  /** Open loop: requests sent since the load started (the next is due at startedAt + (ticks+1)·1000/rate, whole ms). */
  ticks: number;
}

export const BUCKET_MS = 100;
/** Load clients start this long after the load's setup request (time for it to commit). */
export const SETUP_MS = 200;
/** The report and charts read the last 10 simulated seconds. */
export const WINDOW_MS = 10_000;

export function emptyLoadState(): LoadState {
  return { spec: null, startedAt: 0, sent: 0, clientSeq: [], outstanding: [], busy: [], buckets: [], gen: 0, ticks: 0 };
}

/** True when the `n`-th request (0-based) of a load with `reads`% reads is a read: exactly `reads` of every 100 in a row. */
export function isRead(n: number, reads: number): boolean {
  return Math.floor(((n + 1) * reads) / 100) > Math.floor((n * reads) / 100);
}

/**
 * The kernel's load driver: sends the load's requests, serves every input of a process through
 * its queue while a load runs, and counts what each process answered. The Simulation owns one.
 */
export class LoadDriver {
  state: LoadState = emptyLoadState();
  private busyMap = new Map<NodeId, { until: number; ends: number[] }>();
  private bucketMap = new Map<NodeId, Bucket[]>();

  get active(): boolean {
    return this.state.spec !== null;
  }

  /** Starts (or replaces) a load at `now`; null stops it. Returns the new generation (queued turns of earlier ones are void). */
  set(spec: LoadSpec | null, now: number): number {
    const s = this.state;
    s.spec = spec;
    s.startedAt = now;
    s.gen += 1;
    s.ticks = 0;
    // Stopped: the cost model is off again, queues are forgotten.
    if (!spec) this.busyMap.clear();
    else while (s.clientSeq.length < spec.clients) s.clientSeq.push(0);
    return s.gen;
  }

  /** Open loop: the time of the next request after `ticks` sent (whole ms). */
  nextTick(): number {
    const s = this.state;
    return s.startedAt + SETUP_MS + Math.floor((s.ticks * 1000) / s.spec!.rate);
  }

  /** Requests sent to process `sid` and not answered: they fail (it crashed). */
  failAt(sid: NodeId, now: number): Outstanding[] {
    const lost = this.state.outstanding.filter((o) => o.sid === sid);
    for (const o of lost) this.answered(o.client, o.seq, false, sid, now);
    return lost;
  }

  /**
   * Service time: an input costing `cost` ms reaches process `sid` at `now`; returns how much
   * later than `now` its outputs leave (queueing + service).
   */
  serve(sid: NodeId, cost: number, now: number): number {
    let b = this.busyMap.get(sid);
    if (!b) {
      b = { until: now, ends: [] };
      this.busyMap.set(sid, b);
    }
    const start = Math.max(now, b.until);
    const end = round2(start + cost);
    b.until = end;
    while (b.ends.length > 0 && b.ends[0]! <= now) b.ends.shift();
    if (end > now) b.ends.push(end);
    return end - now;
  }

  /** A process crashed: its queue is gone. */
  crashed(sid: NodeId): void {
    this.busyMap.delete(sid);
  }

  /** Requests of client `client` sent and not answered. */
  unanswered(client: number): number {
    let n = 0;
    for (const o of this.state.outstanding) if (o.client === client) n += 1;
    return n;
  }

  /** Records a request sent by a client; returns its read/write kind. */
  sendRequest(client: number, sid: NodeId, now: number): { seq: number; read: boolean } {
    const s = this.state;
    const spec = s.spec!;
    const read = isRead(s.sent, spec.reads);
    s.sent += 1;
    const seq = (s.clientSeq[client] ?? 0) + 1;
    s.clientSeq[client] = seq;
    s.outstanding.push({ client, seq, sid, read, sentAt: now });
    return { seq, read };
  }

  /**
   * A reply left process `sid` at `leaveAt` (after its service); the client has it `backMs` later.
   * Returns the answered request, or null when it is none of the load's.
   */
  answered(client: number, seq: number, ok: boolean, sid: NodeId, arrivesAt: number): Outstanding | null {
    const s = this.state;
    const i = s.outstanding.findIndex((o) => o.client === client && o.seq === seq);
    if (i < 0) return null;
    const o = s.outstanding[i]!;
    s.outstanding.splice(i, 1);
    const at = Math.floor(arrivesAt / BUCKET_MS) * BUCKET_MS;
    let list = this.bucketMap.get(sid);
    if (!list) {
      list = [];
      this.bucketMap.set(sid, list);
    }
    let b = list[list.length - 1];
    if (!b || b.at < at) {
      b = { at, reads: 0, writes: 0, errors: 0, lat: [] };
      list.push(b);
      while (list.length > 0 && list[0]!.at <= at - WINDOW_MS - 1000) list.shift();
    } else if (b.at > at) {
      // A reply that arrives earlier than one already counted (shorter latency): its own bucket.
      b = list.find((x) => x.at === at) ?? b;
    }
    if (!ok) b.errors += 1;
    else {
      if (o.read) b.reads += 1;
      else b.writes += 1;
      b.lat.push(round2(arrivesAt - o.sentAt));
    }
    return o;
  }

  /** A request to a process that was down and refused it at once. */
  refused(client: number, seq: number, sid: NodeId, now: number): Outstanding | null {
    return this.answered(client, seq, false, sid, now);
  }

  /** The driver's state now (a copy): what the report reads (./loadReport.ts). */
  save(): LoadState {
    return {
      ...this.state,
      clientSeq: this.state.clientSeq.slice(),
      outstanding: this.state.outstanding.map((o) => ({ ...o })),
      busy: [...this.busyMap].map(([sid, b]) => [sid, b.until, b.ends.slice()]),
      buckets: [...this.bucketMap].map(([sid, list]) => [sid, list.map((b) => ({ ...b, lat: b.lat.slice() }))]),
    };
  }

  static restore(saved: LoadState | undefined): LoadDriver {
    const d = new LoadDriver();
    if (!saved) return d;
    d.state = { ...saved, clientSeq: saved.clientSeq.slice(), outstanding: saved.outstanding.map((o) => ({ ...o })), busy: [], buckets: [] };
    for (const [sid, until, ends] of saved.busy) d.busyMap.set(sid, { until, ends: ends.slice() });
    for (const [sid, list] of saved.buckets) d.bucketMap.set(sid, list.map((b) => ({ ...b, lat: b.lat.slice() })));
    return d;
  }

  /** True when nothing was ever loaded (a checkpoint need not carry it). */
  get untouched(): boolean {
    return this.state.spec === null && this.state.sent === 0 && this.busyMap.size === 0;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
