/**
 * A tiny deterministic network for the Paxos module's unit tests (the kernel in src/sim runs the
 * real thing): one queue of events ordered by (time, sequence), per-link latency, timers,
 * kill / start keeping the disk, wipe, cuts that drop datagrams, one-way latency spikes, and —
 * as options — duplication and loss of every message. It records a trace of the kernel's shape
 * (src/sim/trace.ts) and runs the invariant checker after every step, so the tests see what the
 * invariants panel would.
 *
 * It understands the bug museum's console lines: `propose pK VALUE`, `run 500ms` / `run 3s`,
 * `kill aK`, `start aK`, `wipe aK`, `partition a1,p1 a2,a3,p2`, `heal`, `cut p1 a3`,
 * `delay p1 a3 400`.
 */
import type { Violation } from '../../sim/module.ts';
import type { NodeId } from '../../sim/node.ts';
import { Rng } from '../../sim/rng.ts';
import { deepClone } from '../../sim/clone.ts';
import { createPaxosChecker, paxosChosen, paxosChosenAll, type ChosenProposal, type PaxosTraceEntry } from './checker.ts';
import { createNode, stepNode, type PaxosInput, type PaxosOutput } from './PaxosNode.ts';
import {
  applyPaxosDiskOp, emptyPaxosDisk, nodeIdOf, nodeName, paxosIds, type PaxosConfig, type PaxosDisk,
  type PaxosEvent, type PaxosMsg, type PaxosNode, type PaxosReply,
} from './types.ts';

export interface NetOptions {
  /**
   * One-way latency of a message: a constant, a function of the link, or (default) the lab's
   * 30 ms + uniform[0, 20] drawn per message from a generator per link seeded by `latencySeed`.
   */
  latency?: number | ((from: NodeId, to: NodeId, rng: Rng) => number);
  latencySeed?: number | string;
  /** Keep each direction of a link in order (a message never overtakes an earlier one). */
  fifo?: boolean;
  /** Deliver every message twice (the copy `duplicateAfterMs` later). */
  duplicate?: boolean;
  duplicateAfterMs?: number;
  /** Lose each message with this probability (seeded). */
  lossRate?: number;
  /** Processes not started at t=0 (names). */
  down?: string[];
}

type Item =
  | { kind: 'deliver'; at: number; seq: number; id: number; from: NodeId; to: NodeId; msg: PaxosMsg; sentAt: number }
  | { kind: 'timer'; at: number; seq: number; sid: NodeId; name: string; token: number; incarnation: number }
  | { kind: 'start'; at: number; seq: number; sid: NodeId; incarnation: number }
  | { kind: 'request'; at: number; seq: number; sid: NodeId; value: string };

export class TestNet {
  readonly trace: PaxosTraceEntry[] = [];
  readonly violations: Violation[] = [];
  readonly replies: Array<{ t: number; sid: NodeId; reply: PaxosReply }> = [];
  readonly nodes = new Map<NodeId, PaxosNode>();
  readonly disks = new Map<NodeId, PaxosDisk>();
  now = 0;
  private readonly incarnation = new Map<NodeId, number>();
  private readonly queue: Item[] = [];
  private seq = 0;
  private packetId = 0;
  private readonly cut = new Set<string>();
  private readonly extra = new Map<string, number>();
  private readonly lastAt = new Map<string, number>();
  private readonly linkRngs = new Map<string, Rng>();
  private readonly lossRng: Rng;
  private readonly checker;

  constructor(readonly cfg: PaxosConfig, private readonly opts: NetOptions = {}) {
    this.checker = createPaxosChecker(cfg);
    this.lossRng = new Rng(`${String(opts.latencySeed ?? cfg.seed)}:loss`);
    const down = new Set((opts.down ?? []).map((n) => this.id(n)));
    for (const id of paxosIds(cfg)) {
      this.disks.set(id, emptyPaxosDisk());
      this.incarnation.set(id, 0);
      if (!down.has(id)) this.start(id);
    }
  }

  id(name: string): NodeId {
    const id = nodeIdOf(this.cfg, name);
    if (id === null) throw new RangeError(`no process ${name}`);
    return id;
  }

  name(id: NodeId): string {
    return nodeName(this.cfg, id);
  }

  node(name: string): PaxosNode | undefined {
    return this.nodes.get(this.id(name));
  }

  // ---------------------------------------------------------------- console lines

  /** Runs console lines (the bug museum's vocabulary). */
  script(lines: readonly string[]): this {
    for (const line of lines) this.exec(line);
    return this;
  }

  exec(line: string): void {
    const w = line.trim().split(/\s+/);
    this.record({ t: this.now, kind: 'action', text: line.trim() });
    switch (w[0]) {
      case 'propose':
        if (w.length !== 3) throw new SyntaxError(line);
        this.propose(w[1]!, w[2]!);
        return;
      case 'run': {
        const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(w[1] ?? '');
        if (!m) throw new SyntaxError(line);
        this.run(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
        return;
      }
      case 'kill':
        this.kill(this.id(w[1]!));
        return;
      case 'start':
        this.start(this.id(w[1]!));
        return;
      case 'wipe':
        this.wipe(this.id(w[1]!));
        return;
      case 'partition':
        this.partition(w.slice(1).map((g) => g.split(',').map((n) => this.id(n))));
        return;
      case 'heal':
        this.cut.clear();
        return;
      case 'cut':
        this.cutLink(this.id(w[1]!), this.id(w[2]!));
        return;
      case 'delay': {
        const ms = Number(w[3]);
        if (!Number.isFinite(ms)) throw new SyntaxError(line);
        this.extra.set(`${this.id(w[1]!)}>${this.id(w[2]!)}`, ms);
        return;
      }
      default:
        throw new SyntaxError(`unknown line: ${line}`);
    }
  }

  propose(proposer: string, value: string): void {
    this.push({ kind: 'request', at: this.now, seq: 0, sid: this.id(proposer), value });
  }

  kill(id: NodeId): void {
    if (!this.nodes.delete(id)) return;
    this.incarnation.set(id, this.incarnation.get(id)! + 1);
    this.record({ t: this.now, kind: 'crash', sid: id, reason: 'killed' });
  }

  start(id: NodeId): void {
    if (this.nodes.has(id)) return;
    this.nodes.set(id, createNode({ myid: id, config: this.cfg, disk: deepClone(this.disks.get(id)!) }));
    this.record({ t: this.now, kind: 'start', sid: id });
    this.push({ kind: 'start', at: this.now, seq: 0, sid: id, incarnation: this.incarnation.get(id)! });
  }

  wipe(id: NodeId): void {
    this.kill(id);
    this.disks.set(id, emptyPaxosDisk());
    this.record({ t: this.now, kind: 'wipe', sid: id });
  }

  cutLink(a: NodeId, b: NodeId): void {
    this.cut.add(`${a}>${b}`);
    this.cut.add(`${b}>${a}`);
  }

  partition(groups: NodeId[][]): void {
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) for (const a of groups[i]!) for (const b of groups[j]!) this.cutLink(a, b);
    }
  }

  // ---------------------------------------------------------------- running

  /** Advances simulated time by `ms`, running every event due meanwhile. */
  run(ms: number): this {
    const until = this.now + ms;
    while (this.queue.length > 0 && this.queue[0]!.at <= until) this.stepOne(this.queue.shift()!);
    this.now = until;
    return this;
  }

  private stepOne(item: Item): void {
    this.now = item.at;
    switch (item.kind) {
      case 'deliver': {
        const e = { id: item.id, from: item.from, to: item.to, channel: 'paxos' as const, msg: item.msg };
        if (this.cut.has(`${item.from}>${item.to}`)) return this.record({ t: this.now, kind: 'drop', ...e, reason: 'cut' });
        if (!this.nodes.has(item.to)) return this.record({ t: this.now, kind: 'drop', ...e, reason: 'down' });
        if (this.opts.lossRate && this.lossRng.next() < this.opts.lossRate) return this.record({ t: this.now, kind: 'drop', ...e, reason: 'lost' });
        this.record({ t: this.now, kind: 'deliver', ...e, sentAt: item.sentAt });
        return this.step(item.to, { type: 'message', from: item.from, channel: 'paxos', msg: item.msg });
      }
      case 'timer':
        if (!this.nodes.has(item.sid) || this.incarnation.get(item.sid) !== item.incarnation) return;
        if (this.nodes.get(item.sid)!.timers[item.name] !== item.token) return;
        this.record({ t: this.now, kind: 'timer', sid: item.sid, name: item.name });
        return this.step(item.sid, { type: 'timer', name: item.name, token: item.token });
      case 'start':
        if (!this.nodes.has(item.sid) || this.incarnation.get(item.sid) !== item.incarnation) return;
        return this.step(item.sid, { type: 'start' });
      case 'request':
        if (!this.nodes.has(item.sid)) return;
        this.record({ t: this.now, kind: 'request', sid: item.sid, req: { type: 'propose', value: item.value } });
        return this.step(item.sid, { type: 'request', req: { type: 'propose', value: item.value } });
    }
  }

  private step(sid: NodeId, input: PaxosInput): void {
    const node = this.nodes.get(sid)!;
    for (const out of stepNode(node, input, this.now)) this.output(sid, out);
    this.violations.push(...this.checker.check({ now: this.now, trace: this.trace, ids: paxosIds(this.cfg), node: (id) => this.nodes.get(id) }));
  }

  private output(sid: NodeId, out: PaxosOutput): void {
    switch (out.type) {
      case 'send': {
        const id = ++this.packetId;
        const e = { id, from: sid, to: out.to, channel: 'paxos' as const, msg: out.msg };
        if (!this.nodes.has(out.to)) return this.record({ t: this.now, kind: 'drop', ...e, reason: 'down' });
        const at = this.deliverAt(sid, out.to);
        this.record({ t: this.now, kind: 'send', ...e, deliverAt: at });
        this.push({ kind: 'deliver', at, seq: 0, id, from: sid, to: out.to, msg: out.msg, sentAt: this.now });
        if (this.opts.duplicate) this.push({ kind: 'deliver', at: at + (this.opts.duplicateAfterMs ?? 7), seq: 0, id, from: sid, to: out.to, msg: out.msg, sentAt: this.now });
        return;
      }
      case 'setTimer':
        this.push({ kind: 'timer', at: this.now + out.afterMs, seq: 0, sid, name: out.name, token: out.token, incarnation: this.incarnation.get(sid)! });
        return;
      case 'cancelTimer':
      case 'disconnect':
        return;
      case 'disk':
        applyPaxosDiskOp(this.disks.get(sid)!, out.op);
        return;
      case 'event':
        return this.record({ t: this.now, kind: 'event', sid, event: out.event });
      case 'reply':
        this.replies.push({ t: this.now, sid, reply: out.reply });
        return this.record({ t: this.now, kind: 'reply', sid, reply: out.reply });
    }
  }

  private deliverAt(from: NodeId, to: NodeId): number {
    const key = `${from}>${to}`;
    const lat = this.opts.latency;
    let rng = this.linkRngs.get(key);
    if (!rng) this.linkRngs.set(key, (rng = new Rng(`${String(this.opts.latencySeed ?? this.cfg.seed)}:${key}`)));
    const base = typeof lat === 'number' ? lat : lat ? lat(from, to, rng) : 30 + rng.int(0, 20);
    let at = this.now + base + (this.extra.get(key) ?? 0);
    if (this.opts.fifo) {
      at = Math.max(at, this.lastAt.get(key) ?? 0);
      this.lastAt.set(key, at);
    }
    return at;
  }

  private push(item: Item): void {
    item.seq = ++this.seq;
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid]!;
      if (q.at < item.at || (q.at === item.at && q.seq < item.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, item);
  }

  private record(e: PaxosTraceEntry): void {
    this.trace.push(e);
  }

  // ---------------------------------------------------------------- reading the run

  /** Events of one kind, with who reported them and when. */
  events<K extends PaxosEvent['kind']>(kind: K): Array<{ t: number; sid: NodeId; event: Extract<PaxosEvent, { kind: K }> }> {
    const out: Array<{ t: number; sid: NodeId; event: Extract<PaxosEvent, { kind: K }> }> = [];
    for (const e of this.trace) if (e.kind === 'event' && e.event.kind === kind) out.push({ t: e.t, sid: e.sid, event: e.event as Extract<PaxosEvent, { kind: K }> });
    return out;
  }

  /** Messages of one type that were sent. */
  sent(type: PaxosMsg['type']): number {
    return this.trace.filter((e) => e.kind === 'send' && e.msg.type === type).length;
  }

  chosen(): ChosenProposal | null {
    return paxosChosen(this.trace, this.cfg);
  }

  chosenAll(): ChosenProposal[] {
    return paxosChosenAll(this.trace, this.cfg);
  }

  /** Names of the invariants violated so far. */
  red(): string[] {
    return [...new Set(this.violations.map((v) => v.invariant))];
  }
}

/**
 * The latency models the museum and preset tests run every schedule under, so a schedule does
 * not depend on one draw of latencies: constant 30 and 50 ms (the ends of the lab's default),
 * FIFO links, and the lab's 30 ms + uniform[0, 20] with a dozen seeds, with and without FIFO.
 */
export const NETWORK_VARIANTS: ReadonlyArray<{ label: string; opts: NetOptions }> = [
  { label: 'constant 30 ms', opts: { latency: 30 } },
  { label: 'constant 50 ms', opts: { latency: 50 } },
  { label: 'constant 40 ms, FIFO', opts: { latency: 40, fifo: true } },
  ...Array.from({ length: 12 }, (_, i) => ({
    label: `30+[0,20] ms, seed n${i + 1}${i % 2 ? ', FIFO' : ''}`,
    opts: { latencySeed: `n${i + 1}`, fifo: i % 2 === 1 },
  })),
];
