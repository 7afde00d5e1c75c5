/**
 * A tiny deterministic network for the Multi-Paxos tests (the kernel's stand-in until the module
 * runs on it): a time-ordered queue of deliveries and timers, per-message latency 30 ms +
 * uniform[0, 20] from a seeded Rng (plus a link's extra delay), timers with tokens, kill/start that
 * keep the disk, wipe, partitions and cuts that drop datagrams (at send and at delivery), and
 * optional loss and duplication. It records a kernel-shaped trace (TraceEntryOf) and runs the
 * checker after every step.
 *
 * It interprets the lab console's lines (presets.ts): `propose VALUE`, `propose rK VALUE`,
 * `run 2s` / `run 300ms`, `kill rK`, `start rK`, `wipe rK`, `partition r1,r2 r3,r4,r5`, `heal`
 * (partitions, cuts and delays), `cut r1 r3` (both ways), `delay r1 r3 400` (one way, r1→r3) and,
 * for tests only, `loss 0.1` and `dup 0.2`.
 */
import type { Violation } from '../../sim/module.ts';
import type { NodeId } from '../../sim/node.ts';
import { Rng } from '../../sim/rng.ts';
import { createMultiPaxosChecker, type MultiPaxosTraceEntry } from './checker.ts';
import { multiPaxosModule as M } from './module.ts';
import {
  nodeIdOf, nodeName, replicaIds, type MpDisk, type MpEvent, type MpEventKind, type MpMsg, type MpReply, type MpRequest,
  type MpValue, type MultiPaxosConfig, type MultiPaxosNode, type MultiPaxosView,
} from './types.ts';
import { leaderOf } from './view.ts';

export interface TestNetOptions {
  /** The network's own seed (latencies, loss, duplicates); default: the config's seed. */
  netSeed?: number | string;
  latencyMs?: number;
  spreadMs?: number;
  lossRate?: number;
  dupRate?: number;
  /** Run the checker after every step (default true). */
  check?: boolean;
}

type Item =
  | { at: number; seq: number; kind: 'deliver'; id: number; from: NodeId; to: NodeId; msg: MpMsg; sentAt: number }
  | { at: number; seq: number; kind: 'timer'; sid: NodeId; name: string; token: number; incarnation: number };

/** A binary min-heap on (at, seq). */
class Queue {
  private readonly a: Item[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): Item | undefined {
    return this.a[0];
  }
  private less(i: number, j: number): boolean {
    const x = this.a[i]!;
    const y = this.a[j]!;
    return x.at !== y.at ? x.at < y.at : x.seq < y.seq;
  }
  private swap(i: number, j: number): void {
    const t = this.a[i]!;
    this.a[i] = this.a[j]!;
    this.a[j] = t;
  }
  push(item: Item): void {
    this.a.push(item);
    let i = this.a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): Item | undefined {
    const top = this.a[0];
    const last = this.a.pop();
    if (this.a.length > 0 && last !== undefined) {
      this.a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.a.length && this.less(l, m)) m = l;
        if (r < this.a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

export class TestNet {
  readonly cfg: MultiPaxosConfig;
  now = 0;
  readonly trace: MultiPaxosTraceEntry[] = [];
  readonly violations: Violation[] = [];
  readonly replies: Array<{ t: number; sid: NodeId; reply: MpReply }> = [];
  private readonly nodes = new Map<NodeId, MultiPaxosNode>();
  private readonly disks = new Map<NodeId, MpDisk>();
  private readonly incarnation = new Map<NodeId, number>();
  private readonly queue = new Queue();
  private readonly rng: Rng;
  private readonly checker;
  private readonly latencyMs: number;
  private readonly spreadMs: number;
  private lossRate: number;
  private dupRate: number;
  private groups: NodeId[][] | null = null;
  private readonly cuts = new Set<string>();
  private readonly delays = new Map<string, number>();
  private seq = 0;
  private nextMsgId = 1;

  constructor(cfg: MultiPaxosConfig, opts: TestNetOptions = {}) {
    this.cfg = cfg;
    this.rng = new Rng(opts.netSeed ?? cfg.seed).child('testnet');
    this.latencyMs = opts.latencyMs ?? 30;
    this.spreadMs = opts.spreadMs ?? 20;
    this.lossRate = opts.lossRate ?? 0;
    this.dupRate = opts.dupRate ?? 0;
    this.checker = opts.check === false ? null : createMultiPaxosChecker(cfg);
    for (const id of this.ids) {
      this.disks.set(id, M.emptyDisk());
      this.incarnation.set(id, 0);
    }
    for (const id of this.ids) this.start(id);
  }

  get ids(): NodeId[] {
    return replicaIds(this.cfg);
  }

  // ---------------------------------------------------------------- reading

  node(id: NodeId): MultiPaxosNode | undefined {
    return this.nodes.get(id);
  }

  view(id: NodeId): MultiPaxosView | null {
    const n = this.nodes.get(id);
    return n ? M.viewNode(n) : null;
  }

  views(): Array<MultiPaxosView | null> {
    return this.ids.map((id) => this.view(id));
  }

  /** The live replica with the highest-ballot leadership (what `propose VALUE` goes to). */
  leader(): NodeId | null {
    return leaderOf(this.views());
  }

  /** The values a live replica has executed, slot 1 first. */
  executedLog(id: NodeId): MpValue[] {
    const n = this.nodes.get(id);
    if (!n) return [];
    const out: MpValue[] = [];
    for (let s = 1; s <= n.executed; s++) out.push(n.chosen[s] as MpValue);
    return out;
  }

  events<K extends MpEventKind>(kind: K, sid?: NodeId): Array<{ t: number; sid: NodeId; event: Extract<MpEvent, { kind: K }> }> {
    const out: Array<{ t: number; sid: NodeId; event: Extract<MpEvent, { kind: K }> }> = [];
    for (const e of this.trace) {
      if (e.kind === 'event' && e.event.kind === kind && (sid === undefined || e.sid === sid)) {
        out.push({ t: e.t, sid: e.sid, event: e.event as Extract<MpEvent, { kind: K }> });
      }
    }
    return out;
  }

  /** How many packets of a type were sent (each destination counts once). */
  sent(type: MpMsg['type']): number {
    let n = 0;
    for (const e of this.trace) if (e.kind === 'send' && e.msg.type === type) n++;
    return n;
  }

  /** The names of the invariants violated so far. */
  broken(): string[] {
    return [...new Set(this.violations.map((v) => v.invariant))].sort();
  }

  // ---------------------------------------------------------------- faults and requests

  kill(id: NodeId): void {
    if (!this.nodes.has(id)) return;
    this.nodes.delete(id);
    this.incarnation.set(id, (this.incarnation.get(id) ?? 0) + 1);
    this.trace.push({ t: this.now, kind: 'crash', sid: id, reason: 'killed' });
    this.check();
  }

  start(id: NodeId): void {
    if (this.nodes.has(id)) return;
    const node = M.createNode({ myid: id, config: this.cfg, disk: this.disks.get(id)! });
    this.nodes.set(id, node);
    this.trace.push({ t: this.now, kind: 'start', sid: id });
    this.step(id, { type: 'start' });
  }

  /** Erase a replica's disk (it is killed first if it runs; it stays down). */
  wipe(id: NodeId): void {
    this.kill(id);
    this.disks.set(id, M.emptyDisk());
    this.trace.push({ t: this.now, kind: 'wipe', sid: id });
    this.check();
  }

  partition(groups: NodeId[][]): void {
    this.groups = groups;
  }

  heal(): void {
    this.groups = null;
    this.cuts.clear();
    this.delays.clear();
  }

  cut(a: NodeId, b: NodeId): void {
    this.cuts.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
  }

  delay(from: NodeId, to: NodeId, ms: number): void {
    if (ms > 0) this.delays.set(`${from}>${to}`, ms);
    else this.delays.delete(`${from}>${to}`);
  }

  setLoss(p: number): void {
    this.lossRate = p;
  }

  setDup(p: number): void {
    this.dupRate = p;
  }

  request(id: NodeId, req: MpRequest): void {
    this.trace.push({ t: this.now, kind: 'request', sid: id, req });
    if (!this.nodes.has(id)) {
      this.check();
      return;
    }
    this.step(id, { type: 'request', req });
  }

  /** `propose VALUE` (to the leader) or `propose rK VALUE`; false when there is no leader to send it to. */
  propose(value: string, to?: NodeId): boolean {
    const target = to ?? this.leader();
    if (target === null) {
      this.trace.push({ t: this.now, kind: 'action', text: `propose ${value}: no leader` });
      return false;
    }
    this.request(target, { type: 'propose', value });
    return true;
  }

  // ---------------------------------------------------------------- time

  /** Runs every delivery and timer due within `ms` from now. */
  run(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > end) break;
      this.queue.pop();
      this.now = next.at;
      if (next.kind === 'timer') {
        if (this.incarnation.get(next.sid) !== next.incarnation || !this.nodes.has(next.sid)) continue;
        const node = this.nodes.get(next.sid)!;
        if (node.timers[next.name] !== next.token) continue;
        this.trace.push({ t: this.now, kind: 'timer', sid: next.sid, name: next.name });
        this.step(next.sid, { type: 'timer', name: next.name, token: next.token });
      } else if (!this.nodes.has(next.to)) {
        this.trace.push({ t: this.now, kind: 'drop', id: next.id, from: next.from, to: next.to, channel: 'mp', msg: next.msg, reason: 'down' });
      } else if (this.isCut(next.from, next.to)) {
        this.trace.push({ t: this.now, kind: 'drop', id: next.id, from: next.from, to: next.to, channel: 'mp', msg: next.msg, reason: 'cut' });
      } else {
        this.trace.push({ t: this.now, kind: 'deliver', id: next.id, from: next.from, to: next.to, channel: 'mp', msg: next.msg, sentAt: next.sentAt });
        this.step(next.to, { type: 'message', from: next.from, channel: 'mp', msg: next.msg });
      }
    }
    this.now = end;
  }

  /** Runs until `pred` holds (checked after each step) or `maxMs` passed; true when it held. */
  runUntil(pred: () => boolean, maxMs: number): boolean {
    const end = this.now + maxMs;
    while (this.now < end) {
      if (pred()) return true;
      const next = this.queue.peek();
      if (!next || next.at > end) {
        this.now = end;
        break;
      }
      this.run(next.at - this.now);
    }
    return pred();
  }

  // ---------------------------------------------------------------- console lines

  private id(nameText: string | undefined): NodeId {
    const id = nameText === undefined ? null : nodeIdOf(this.cfg, nameText);
    if (id === null) throw new Error(`no replica ${String(nameText)}`);
    return id;
  }

  exec(line: string): void {
    const parts = line.trim().split(/\s+/);
    const [cmd] = parts;
    this.trace.push({ t: this.now, kind: 'action', text: line });
    switch (cmd) {
      case 'propose':
        if (parts.length >= 3 && nodeIdOf(this.cfg, parts[1]!) !== null) this.propose(parts.slice(2).join(' '), this.id(parts[1]));
        else if (parts.length >= 2) this.propose(parts.slice(1).join(' '));
        else throw new Error(`bad line: ${line}`);
        break;
      case 'run':
        this.run(parseDuration(parts[1] ?? ''));
        break;
      case 'kill':
        this.kill(this.id(parts[1]));
        break;
      case 'start':
        this.start(this.id(parts[1]));
        break;
      case 'wipe':
        this.wipe(this.id(parts[1]));
        break;
      case 'partition':
        this.partition(parts.slice(1).map((g) => g.split(',').map((n) => this.id(n))));
        break;
      case 'heal':
        this.heal();
        break;
      case 'cut':
        this.cut(this.id(parts[1]), this.id(parts[2]));
        break;
      case 'delay':
        this.delay(this.id(parts[1]), this.id(parts[2]), Number(parts[3]));
        break;
      case 'loss':
        this.setLoss(Number(parts[1]));
        break;
      case 'dup':
        this.setDup(Number(parts[1]));
        break;
      default:
        throw new Error(`bad line: ${line}`);
    }
  }

  execAll(lines: readonly string[]): void {
    for (const l of lines) this.exec(l);
  }

  // ---------------------------------------------------------------- internals

  private isCut(a: NodeId, b: NodeId): boolean {
    if (this.cuts.has(`${Math.min(a, b)}-${Math.max(a, b)}`)) return true;
    if (this.groups === null) return false;
    const ga = this.groups.findIndex((g) => g.includes(a));
    const gb = this.groups.findIndex((g) => g.includes(b));
    return ga !== gb;
  }

  private send(from: NodeId, to: NodeId, msg: MpMsg): void {
    const copies = 1 + (this.dupRate > 0 && this.rng.next() < this.dupRate ? 1 : 0);
    for (let c = 0; c < copies; c++) {
      const id = this.nextMsgId++;
      if (this.isCut(from, to)) {
        this.trace.push({ t: this.now, kind: 'drop', id, from, to, channel: 'mp', msg, reason: 'cut' });
        continue;
      }
      if (this.lossRate > 0 && this.rng.next() < this.lossRate) {
        this.trace.push({ t: this.now, kind: 'drop', id, from, to, channel: 'mp', msg, reason: 'lost' });
        continue;
      }
      const deliverAt = this.now + this.latencyMs + this.rng.int(0, this.spreadMs) + (this.delays.get(`${from}>${to}`) ?? 0);
      this.trace.push({ t: this.now, kind: 'send', id, from, to, channel: 'mp', msg, deliverAt });
      this.queue.push({ at: deliverAt, seq: this.seq++, kind: 'deliver', id, from, to, msg, sentAt: this.now });
    }
  }

  private step(id: NodeId, input: Parameters<typeof M.stepNode>[1]): void {
    const node = this.nodes.get(id);
    if (!node) return;
    const outs = M.stepNode(node, input, this.now);
    for (const o of outs) {
      switch (o.type) {
        case 'send':
          this.send(id, o.to, o.msg);
          break;
        case 'setTimer':
          this.queue.push({ at: this.now + o.afterMs, seq: this.seq++, kind: 'timer', sid: id, name: o.name, token: o.token, incarnation: this.incarnation.get(id)! });
          break;
        case 'cancelTimer':
        case 'disconnect':
          break;
        case 'disk':
          M.applyDiskOp(this.disks.get(id)!, o.op);
          break;
        case 'event':
          this.trace.push({ t: this.now, kind: 'event', sid: id, event: o.event });
          break;
        case 'reply':
          this.trace.push({ t: this.now, kind: 'reply', sid: id, reply: o.reply });
          this.replies.push({ t: this.now, sid: id, reply: o.reply });
          break;
      }
    }
    this.check();
  }

  private check(): void {
    if (!this.checker) return;
    const found = this.checker.check({
      now: this.now,
      trace: this.trace,
      ids: this.ids,
      node: (id) => this.nodes.get(id),
    });
    this.violations.push(...found);
  }

  /** The host's copy of a replica's disk. */
  disk(id: NodeId): MpDisk {
    return this.disks.get(id)!;
  }

  name(id: NodeId): string {
    return nodeName(this.cfg, id);
  }
}

/** `2s`, `1.5s`, `300ms`, `300` (ms). */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  if (!m) throw new Error(`bad duration ${text}`);
  const n = Number(m[1]);
  return Math.round(m[2] === 's' ? n * 1000 : n);
}
