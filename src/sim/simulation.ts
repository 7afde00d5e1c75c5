/**
 * The deterministic world (docs/architecture.md): simulated time, an event queue ordered by
 * (deliverAt, seq), links with per-direction FIFO order and seeded latency, partitions
 * (symmetric and one-way), crash / start / wipe of processes whose disks it holds, and a trace of
 * everything. It never runs protocol code itself: a `PeerHost` does, one batch of same-time
 * inputs to distinct processes at a time, and the outputs are absorbed in batch order, so the run
 * is the same whether the host is in-process or a set of Web Workers. Which protocol runs is the
 * setup's NodeModule (./module.ts); nothing here knows one protocol from another.
 *
 * A reliable channel is modelled like TCP: a packet on a cut link is held (not lost) and arrives
 * after the heal if its connection still exists, so a partition is noticed only through the
 * protocol's own timeouts. A crash closes the dead process's connections at once: in-flight
 * packets of those connections are discarded and, where the channel says so, each open
 * connection delivers a FIN to the other side. An unreliable channel carries datagrams: a packet
 * on a cut link is dropped, and per-link faults lose or duplicate packets.
 */
import { EventQueue } from './eventQueue.ts';
import { TraceHash } from './hash.ts';
import type { PeerHost, StepRequest, StepResult } from './host.ts';
import { Rng, type RngState } from './rng.ts';
import { type DropReason, type TraceEntryOf } from './trace.ts';
import type { ChannelSpec, NodeModule } from './module.ts';
import type { NodeId, NodeOutput, WireMsg } from './node.ts';
import { LoadDriver, SETUP_MS, type LoadModule, type LoadSpec, type LoadState } from './load.ts';

type Sid = NodeId;
type Channel = string;
type WireMessage = WireMsg;
type PeerOutput = NodeOutput<unknown, unknown, unknown, unknown>;
/** The kernel's trace entries: messages are the protocol's, everything else is the kernel's. */
export type KernelTraceEntry = TraceEntryOf<WireMessage, unknown, unknown, unknown, unknown>;
type TraceEntry = KernelTraceEntry;

/**
 * Agents: endpoints stepped by the simulation itself, in order, between the hosts' batches —
 * a protocol's clients (ZooKeeper's ClientCnxn). They are numbered from AGENT_BASE + 1, talk to
 * processes on one channel, and tell their application what happens through notices.
 */
export interface AgentModule {
  /** The channel agents and processes talk on. */
  readonly channel: string;
  create(cid: number, args: unknown): unknown;
  /** Kernel inputs are `{type:'start'}`, `{type:'message', msg}`, `{type:'connectionLost'}` and `{type:'timer', name, token}`; others come from user actions. */
  step(state: unknown, input: unknown, now: number): Array<PeerOutput | { type: 'notice'; notice: unknown }>;
}

/** What a world is made of: its processes, the protocol that runs them and the network's settings. */
export interface LabSetup {
  /** The seed every random choice derives from. */
  seed: number | string;
  /** One-way link delay: latencyMs + uniform[0, latencySpreadMs], drawn per packet from the link's generator. */
  latencyMs: number;
  latencySpreadMs: number;
  /** Every process of the run. */
  ids: readonly Sid[];
  module: NodeModule;
  /** The protocol's configuration, handed to each process when it starts. */
  config: unknown;
  /** How the protocol names a process or an agent (`zk3`, `a2`, `c1` …). */
  name(id: number): string;
  agents?: AgentModule;
  /** The protocol's reads and writes for `lab load` (src/sim/load.ts); absent: no load. */
  load?: LoadModule;
}

export interface Delivery {
  kind: 'deliver';
  at: number;
  seq: number;
  id: number;
  from: Sid;
  to: Sid;
  channel: Channel;
  /** null = the FIN of a closed connection. */
  msg: WireMessage | null;
  sentAt: number;
  connEpoch: number;
  /** Datagrams only: the network loses this one (decided when it was sent). */
  lost?: boolean;
}
interface TimerEvent { kind: 'timer'; at: number; seq: number; sid: Sid; name: string; token: number; incarnation: number }
interface StartEvent { kind: 'start'; at: number; seq: number; sid: Sid; incarnation: number }
interface RequestEvent { kind: 'request'; at: number; seq: number; sid: Sid; req: unknown }
interface ClientEvent { kind: 'client'; at: number; seq: number; sid: number; input: unknown }
/** A load client sends a request (`client` -1: the open loop's next one, whoever's turn it is). */
interface LoadEvent { kind: 'load'; at: number; seq: number; client: number; gen: number }
/** A queued event: a delivery, a timer, a start, a request, an agent's input or a load client's turn. */
export type SimEvent = Delivery | TimerEvent | StartEvent | RequestEvent | ClientEvent | LoadEvent;

/** Agent endpoints (a protocol's clients) are numbered from here (c1 = 1001 …); processes are 1..999. */
export const AGENT_BASE = 1000;

/** One popped event: its trace entry (if any) and, when it reaches a server, the host input. */
interface BatchItem {
  entry?: TraceEntry;
  req?: StepRequest;
  /** An input for an agent (stepped here, in order, not by the host). */
  client?: { cid: number; input: unknown };
  /** A load client's turn (src/sim/load.ts), taken here. */
  loadTurn?: LoadEvent;
}

export interface ServerSlot<View = unknown, Disk = unknown> {
  sid: Sid;
  up: boolean;
  /** Bumped at every crash; timers of an earlier incarnation never fire. */
  incarnation: number;
  /** The disk the host owns for this process; survives crashes. */
  disk: Disk;
  view: View | null;
  /** Why the server is down, when it crashed by itself (its code threw). */
  crashReason: string | null;
  /**
   * A process added while the world ran (Simulation.addProcess): its own configuration, handed to
   * it at every start instead of the setup's. Absent for the setup's processes.
   */
  config?: unknown;
}

/**
 * A connection between two endpoints on one channel. Each direction has its own epoch: a packet
 * is delivered only if its direction's epoch is unchanged since it was sent.
 */
interface Conn { lo: number; hi: number; open: boolean }

export interface InFlight {
  id: number;
  from: Sid;
  to: Sid;
  channel: Channel;
  msg: WireMessage | null;
  sentAt: number;
  deliverAt: number;
  held: boolean;
}

/** Everything a Simulation holds, as structured-clonable data (see Simulation.save). */
export interface SimCheckpoint {
  now: number;
  seq: number;
  packetId: number;
  eventCount: number;
  traceLength: number;
  /** The trace hash's lanes over the first `hashedLength` trace entries (see Simulation.traceHash). */
  hash: [number, number];
  /** How many trace entries `hash` covers (absent: all `traceLength`, as checkpoints made before hashing was lazy). */
  hashedLength?: number;
  rng: RngState;
  linkRngs: Array<[string, RngState]>;
  queue: SimEvent[];
  activeTimers: Array<[string, number]>;
  cut: string[];
  /** Latency spikes per directed link (absent in checkpoints taken before they existed). */
  extraLatency?: Array<[string, number]>;
  /** Released held packets still on their way, per link: [link, ids, lastAt]. */
  released?: Array<[string, number[], number]>;
  held: Array<[string, Delivery[]]>;
  lastDeliverAt: Array<[string, number]>;
  conns: Array<[string, Conn]>;
  /** Per directed link and channel (`a>b:channel`), the last message sent (ChannelSpec.resendLastOnStart). */
  lastSent: Array<[string, WireMessage]>;
  /** Datagram faults per directed link: loss and duplication probabilities (absent before they existed). */
  faults?: Array<[string, LinkFaults]>;
  faultRngs?: Array<[string, RngState]>;
  servers: ServerSlot[];
  clients: Array<[number, unknown]>;
  /** The load driver (`lab load`; absent when no load ever ran). */
  load?: LoadState;
}

/** Datagram faults of one directed link: each packet is lost with probability `loss`, else duplicated with `dup`. */
export interface LinkFaults {
  loss: number;
  dup: number;
}

/**
 * A world. Its type parameters only let a protocol's own code read it typed — its views, process
 * states, disks, trace entries and agents; the kernel treats all of them as opaque data.
 */
export class Simulation<View = unknown, Node = unknown, Disk = unknown, Entry extends KernelTraceEntry = KernelTraceEntry, Agent = unknown> {
  readonly setup: LabSetup;
  readonly module: NodeModule;
  readonly servers = new Map<Sid, ServerSlot<View, Disk>>();
  /** Agents (a protocol's clients), stepped by the simulation itself. */
  readonly clients = new Map<number, Agent>();
  /** Receives what agents tell their application (zkCli): replies and watch/session events. */
  onClientNotice: ((cid: number, notice: unknown) => void) | null = null;
  readonly trace: Entry[];
  now = 0;
  private rng: Rng;
  /** Per directed link (linkKey), the generator of its latencies. */
  private readonly linkRngs = new Map<number, Rng>();
  private readonly queue = new EventQueue<SimEvent>();
  private seq = 0;
  private packetId = 0;
  /**
   * The trace hash over the first `hashed` entries. Hashing is lazy: traceHash() catches up over
   * the entries recorded since, so a run nobody asks the hash of never pays for it (hashing every
   * entry as it was recorded was a fifth of the simulation's time). Entries never change once
   * recorded, so hashing them later gives the same digest.
   */
  private hash = new TraceHash();
  private hashed = 0;
  private readonly activeTimers = new Map<string, number>();
  /** Cut directed links (linkKey), in the order they were cut (a heal of all releases in this order). */
  private readonly cut = new Set<number>();
  /** Latency spikes: extra one-way delay per directed link (linkKey), in ms (a soak fault). */
  private readonly extraLatency = new Map<number, number>();
  /**
   * Held packets re-sent by a heal, per link, not yet delivered (ids) and the latest time one
   * is due. A packet sent on that link later must not overtake them (TCP keeps FIFO order).
   */
  private readonly released = new Map<number, { ids: number[]; lastAt: number }>();
  private readonly held = new Map<number, Delivery[]>();
  private readonly lastDeliverAt = new Map<number, number>();
  /** Per connection (connKey: both ends and the channel). */
  private readonly conns = new Map<number, Conn>();
  /** Channels by number (connKey), in the order they were first used. */
  private readonly channelIds = new Map<Channel, number>();
  private readonly channelNames: Channel[] = [];
  /**
   * Channels with ChannelSpec.resendLastOnStart keep the last message per peer and send it again
   * whenever a connection to that peer comes up: a message sent to a process that was not
   * running yet reaches it when it starts (ZooKeeper's election channel works this way).
   */
  private readonly lastSent = new Map<string, WireMessage>();
  private readonly faults = new Map<number, LinkFaults>();
  private readonly faultRngs = new Map<number, Rng>();
  /** takeBatch's members: endpoint id -> the number of the batch it is in. */
  private readonly batchMarks: number[] = [];
  private batchNo = 0;
  /** `lab load`: load clients and the service-time model (off unless a load runs). */
  private loadDriver = new LoadDriver();
  /** While a step's outputs are absorbed: how much later than now they leave (queueing + service). */
  private serviceDelay = 0;
  /** Number of events (batch members) processed; `lab step` counts these. */
  eventCount = 0;
  /** Called after anything changed (for the UI). */
  onChange: (() => void) | null = null;
  /** Called after every processed batch (invariant checkers hook in here). */
  afterBatch: (() => void) | null = null;
  /** Receives every answer a process gives a request (the protocol's client layer routes it). */
  onReply: ((sid: Sid, reply: unknown) => void) | null = null;

  /** `trace`: the trace so far (Simulation.restore hands a restored world its own). */
  /** The queued events, unordered, to read and never change: for hosts that plan a process's next inputs ahead (src/worker/stepPlan.ts). */
  pendingEvents(): readonly SimEvent[] {
    return this.queue.items();
  }

  /**
   * `${sid}:${name}`, the key of a timer in activeTimers — the same text, made once per process and
   * timer name instead of at every set, cancel and expiry (a few names per process).
   */
  private timerKey(sid: Sid, name: string): string {
    let names = this.timerKeys.get(sid);
    if (names === undefined) {
      names = new Map();
      this.timerKeys.set(sid, names);
    }
    let key = names.get(name);
    if (key === undefined) {
      key = `${sid}:${name}`;
      if (names.size < 64) names.set(name, key);
    }
    return key;
  }

  private readonly timerKeys = new Map<Sid, Map<string, string>>();

  /** The token of process `sid`'s live timer `name`, or undefined when it is not set. */
  timerToken(sid: Sid, name: string): number | undefined {
    return this.activeTimers.get(this.timerKey(sid, name));
  }

  constructor(setup: LabSetup, private host: PeerHost, trace: KernelTraceEntry[] = []) {
    this.trace = trace as Entry[];
    this.setup = setup;
    this.module = setup.module;
    this.rng = new Rng(setup.seed);
    for (const sid of setup.ids) {
      this.servers.set(sid, { sid, up: false, incarnation: 0, disk: this.module.emptyDisk() as Disk, view: null, crashReason: null });
    }
  }

  /** How the protocol names a process or agent (`zk3`, `a2`, `c1`). */
  name(id: number): string {
    return this.setup.name(id);
  }

  private channel(ch: Channel): ChannelSpec {
    return (this.module.channels as Record<string, ChannelSpec>)[ch] ?? RELIABLE;
  }

  get hostKind(): PeerHost['kind'] {
    return this.host.kind;
  }

  /** The trace hash so far. */
  traceHash(): string {
    const trace = this.trace;
    while (this.hashed < trace.length) this.hash.updateJson(trace[this.hashed++]);
    return this.hash.digest();
  }

  /**
   * Asks server `sid` a four-letter word now (`lab 4lw`): read from its live state by its host,
   * it is not an event and changes nothing, so the trace is the same whether anyone asks or not.
   */
  query(sid: Sid, word: string): string | Promise<string> {
    return this.host.query(sid, word, this.now);
  }

  // ---------------------------------------------------------------- user actions

  /** Records a user action in the trace (what the console or UI asked for): its text and, as data, the action. */
  action(text: string, action?: unknown): void {
    this.record(action === undefined ? { t: this.now, kind: 'action', text } : { t: this.now, kind: 'action', text, action });
  }

  /** Starts a server process; its `start` input runs at the current time. */
  start(sid: Sid): boolean {
    const s = this.slot(sid);
    if (s.up) return false;
    s.up = true;
    s.crashReason = null;
    this.host.boot(sid, this.module.id, { myid: sid, config: s.config ?? this.setup.config, disk: structuredClone(s.disk) });
    s.view = null;
    this.record({ t: this.now, kind: 'start', sid });
    this.push({ kind: 'start', at: this.now, seq: 0, sid, incarnation: s.incarnation });
    for (const [channel, spec] of Object.entries(this.module.channels as Record<string, ChannelSpec>)) {
      if (!spec.resendLastOnStart) continue;
      for (const other of this.servers.values()) {
        if (other.sid === sid || !other.up) continue;
        const last = this.lastSent.get(sentKey(other.sid, sid, channel));
        if (last) this.output(other.sid, { type: 'send', to: sid, channel, msg: last });
      }
    }
    this.changed();
    return true;
  }

  /**
   * A process that is not in the setup joins the running world (an operator starts a new machine):
   * a new slot with an empty disk, then its start. Its configuration is the protocol's
   * (NodeModule.joinConfig) from the configuration of the newest process — the members so far —
   * and `role`, which only the protocol reads. Links to every endpoint work at once, with the
   * setup's latency (a link's generator is made at its first packet). It stays in checkpoints
   * taken after it; a world restored from an earlier one does not have it.
   */
  addProcess(sid: Sid, role: string): boolean {
    if (this.servers.has(sid) || !Number.isInteger(sid) || sid < 1 || sid >= AGENT_BASE) return false;
    let base: unknown = this.setup.config;
    for (const slot of this.servers.values()) if (slot.config !== undefined) base = slot.config;
    const config = this.module.joinConfig ? this.module.joinConfig(base, sid, role) : base;
    this.servers.set(sid, { sid, up: false, incarnation: 0, disk: this.module.emptyDisk() as Disk, view: null, crashReason: null, config });
    return this.start(sid);
  }

  /** Kills a server process at once; its disk stays. */
  kill(sid: Sid, reason = 'killed'): boolean {
    const s = this.slot(sid);
    if (!s.up) return false;
    s.up = false;
    s.incarnation += 1;
    s.crashReason = reason === 'killed' ? null : reason;
    this.host.kill(sid);
    for (const key of [...this.activeTimers.keys()]) if (key.startsWith(`${sid}:`)) this.activeTimers.delete(key);
    // Its connection manager (with the last messages it sent) dies with it.
    for (const key of [...this.lastSent.keys()]) if (key.startsWith(`${sid}>`)) this.lastSent.delete(key);
    this.record({ t: this.now, kind: 'crash', sid, reason });
    if (!this.loadDriver.untouched) {
      this.loadDriver.crashed(sid);
      for (const o of this.loadDriver.failAt(sid, this.now)) this.nextClosedLoopTurn(o.client, this.now + LOAD_RETRY_MS);
    }
    // The OS closes every socket of the dead process: peers of open connections get a FIN where
    // the channel says so. Datagrams already sent still travel (a dead receiver drops them).
    const agentChannel = this.setup.agents?.channel;
    for (const other of this.servers.keys()) {
      if (other === sid) continue;
      for (const [channel, spec] of Object.entries(this.module.channels as Record<string, ChannelSpec>)) {
        if (channel === agentChannel || !spec.reliable) continue;
        const c = this.conn(sid, other, channel);
        const wasOpen = c.open;
        this.resetBoth(c);
        if (spec.finOnCrash && wasOpen) this.sendFin(sid, other, channel);
      }
    }
    if (agentChannel !== undefined) {
      for (const cid of this.clients.keys()) {
        const c = this.conn(sid, cid, agentChannel);
        const wasOpen = c.open;
        this.resetBoth(c);
        if (wasOpen) this.sendFin(sid, cid, agentChannel);
      }
    }
    this.changed();
    return true;
  }

  /** Erases a server's disk (killing it first if it runs). */
  wipe(sid: Sid): void {
    const s = this.slot(sid);
    if (s.up) this.kill(sid);
    s.disk = this.module.emptyDisk() as Disk;
    this.record({ t: this.now, kind: 'wipe', sid });
    this.changed();
  }

  /** Cuts the link a→b (one way) — or both ways. Packets on a cut link are held until healed. */
  cutLink(a: Sid, b: Sid, oneWay = false): void {
    this.cut.add(linkKey(a, b));
    if (!oneWay) this.cut.add(linkKey(b, a));
    this.changed();
  }

  /** Cuts every link between the groups. */
  partition(groups: Sid[][]): void {
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        for (const a of groups[i]!) for (const b of groups[j]!) this.cutLink(a, b);
      }
    }
  }

  /** Restores links (one direction, both, or all) and releases held packets in FIFO order. */
  heal(a?: Sid, b?: Sid, oneWay = false): void {
    const keys = a === undefined || b === undefined ? [...this.cut] : oneWay ? [linkKey(a, b)] : [linkKey(a, b), linkKey(b, a)];
    for (const key of keys) {
      if (!this.cut.delete(key)) continue;
      const pending = this.held.get(key);
      if (!pending) continue;
      this.held.delete(key);
      const rel = this.released.get(key) ?? { ids: [], lastAt: 0 };
      for (const d of pending) {
        const at = this.fifoTime(d.from, d.to, this.now + this.latency(d.from, d.to));
        this.push({ ...d, at, seq: 0 });
        rel.ids.push(d.id);
        rel.lastAt = Math.max(rel.lastAt, at);
      }
      this.released.set(key, rel);
    }
    this.changed();
  }

  /** A latency spike: packets sent a→b from now on take `ms` longer (0 ends the spike). */
  delayLink(a: Sid, b: Sid, ms: number): void {
    if (ms > 0) this.extraLatency.set(linkKey(a, b), ms);
    else this.extraLatency.delete(linkKey(a, b));
    this.changed();
  }

  isCut(a: Sid, b: Sid): boolean {
    return this.cut.has(linkKey(a, b));
  }

  cutLinks(): Array<[Sid, Sid]> {
    return [...this.cut].map((k) => [linkFrom(k), linkTo(k)] as [Sid, Sid]);
  }

  /**
   * Datagram faults on the link a→b (both ways unless `oneWay`): from now on each packet of an
   * unreliable channel is lost with probability `loss`, else duplicated with probability `dup`
   * (both 0 ends them). Reliable channels are not affected (TCP retransmits and deduplicates).
   */
  setLinkFaults(a: Sid, b: Sid, faults: LinkFaults, oneWay = false): void {
    for (const key of oneWay ? [linkKey(a, b)] : [linkKey(a, b), linkKey(b, a)]) {
      if (faults.loss > 0 || faults.dup > 0) this.faults.set(key, { ...faults });
      else this.faults.delete(key);
    }
    this.changed();
  }

  linkFaults(): Array<[string, LinkFaults]> {
    return [...this.faults].map(([k, f]) => [linkName(k), f]);
  }

  /** Creates an agent (a protocol's client, e.g. zkCli's ClientCnxn); `args` are the protocol's. */
  addClient(cid: number, args: unknown): void {
    if (this.clients.has(cid)) throw new RangeError(`client ${cid} exists`);
    if (!this.setup.agents) throw new RangeError('this protocol has no clients');
    this.clients.set(cid, this.setup.agents.create(cid, args) as Agent);
    this.push({ kind: 'client', at: this.now, seq: 0, sid: cid, input: { type: 'start' } });
  }

  /** Gives an agent an input (an operation or a close) at the current time. */
  clientInput(cid: number, input: unknown): void {
    if (!this.clients.has(cid)) throw new RangeError(`no client ${cid}`);
    this.push({ kind: 'client', at: this.now, seq: 0, sid: cid, input });
  }

  private endpointUp(id: number): boolean {
    if (id > AGENT_BASE) return this.clients.has(id);
    return this.slot(id).up;
  }

  /** A request to process `sid` (from a client connected to it, or from the console); it arrives at the current time. */
  submit(sid: Sid, req: unknown): void {
    this.push({ kind: 'request', at: this.now, seq: 0, sid, req });
  }

  // ---------------------------------------------------------------- load

  /**
   * Starts a load (`lab load …`), replaces the running one, or stops it (null): from now on load
   * clients send the protocol's reads and writes and every input costs its process service time
   * (src/sim/load.ts). Without a load nothing here touches the run.
   */
  setLoad(spec: LoadSpec | null): boolean {
    if (!this.setup.load) return false;
    const gen = this.loadDriver.set(spec, this.now);
    if (!spec) return true;
    const setupReq = this.setup.load.setupRequest?.();
    if (setupReq !== undefined && spec.servers.length > 0) this.push({ kind: 'request', at: this.now + this.setup.latencyMs, seq: 0, sid: spec.servers[0]!, req: setupReq });
    if (spec.rate > 0) this.push({ kind: 'load', at: this.loadDriver.nextTick(), seq: 0, client: -1, gen });
    else for (let c = 0; c < spec.clients; c++) this.push({ kind: 'load', at: this.now + SETUP_MS + (c % 10), seq: 0, client: c, gen });
    return true;
  }

  /** The load running now, or null. */
  loadSpec(): LoadSpec | null {
    return this.loadDriver.state.spec;
  }

  /** The load driver's state now, a copy (src/sim/loadReport.ts reads it: `lab load`, the Load panel). */
  loadState(): LoadState {
    return this.loadDriver.save();
  }

  /** A load client's turn: it sends its next request, which reaches its server one link latency later. */
  private loadTurn(ev: LoadEvent): void {
    const d = this.loadDriver;
    const spec = d.state.spec;
    if (!spec || ev.gen !== d.state.gen || !this.setup.load) return;
    let client = ev.client;
    if (client < 0) {
      client = d.state.ticks % spec.clients;
      d.state.ticks += 1;
      this.push({ kind: 'load', at: d.nextTick(), seq: 0, client: -1, gen: ev.gen });
    }
    const sid = spec.servers[client % spec.servers.length]!;
    // A session with too many unanswered requests sends nothing on its turn (the server throttles it).
    if (d.unanswered(client) >= MAX_UNANSWERED) return;
    const { seq, read } = d.sendRequest(client, sid, this.now);
    const req = this.setup.load.request(read ? 'read' : 'write', client, seq);
    this.push({ kind: 'request', at: this.now + this.setup.latencyMs, seq: 0, sid, req });
  }

  /** A load request was answered (its reply leaves process `sid` at `leaveAt`); a closed-loop client sends its next. */
  private loadAnswer(sid: Sid, reply: unknown, leaveAt: number): boolean {
    const r = this.setup.load?.replyOf(reply);
    if (!r) return false;
    const arrives = leaveAt + this.setup.latencyMs;
    const o = this.loadDriver.answered(r.client, r.seq, r.ok, sid, arrives);
    // A load request's answer is the load's, even when it came too late to count (its server crashed meanwhile).
    if (!o) return true;
    this.nextClosedLoopTurn(o.client, r.ok ? arrives : arrives + LOAD_RETRY_MS);
    return true;
  }

  private nextClosedLoopTurn(client: number, at: number): void {
    const st = this.loadDriver.state;
    if (st.spec && st.spec.rate === 0 && client < st.spec.clients) this.push({ kind: 'load', at, seq: 0, client, gen: st.gen });
  }

  // ---------------------------------------------------------------- running

  /** A copy of a running server's whole state, from its host (its worker in the browser). */
  async snapshot(sid: Sid): Promise<Node | null> {
    if (!this.slot(sid).up) return null;
    return (await this.host.snapshot(sid)) as Node | null;
  }

  /** A running server's whole state to read only: it may share parts with earlier ones (PeerHost.peek). Never change it. */
  async peek(sid: Sid): Promise<Node | null> {
    if (!this.slot(sid).up) return null;
    const host = this.host;
    return (await (host.peek ? host.peek(sid) : host.snapshot(sid))) as Node | null;
  }

  /** Time of the next event, or undefined if nothing is queued. */
  nextEventTime(): number | undefined {
    return this.queue.peek()?.at;
  }

  /**
   * Takes the next batch: a run of consecutive events (in (at, seq) order) due at the same time,
   * each for a different server and none sent by a server already in the batch. Because it is a
   * prefix of the sequential order and its members cannot affect each other's admission, running
   * the batch in parallel is the same as running its events one by one — the trace proves it.
   * Packets that cannot be delivered are dropped or held here, without the host.
   */
  private takeBatch(limit: number, until: number): BatchItem[] {
    const items: BatchItem[] = [];
    // Members are marked with this batch's number (no set per batch).
    const mark = ++this.batchNo;
    const marks = this.batchMarks;
    let members = 0;
    let at: number | undefined;
    while (members < limit) {
      const ev = this.queue.peek();
      if (!ev || ev.at > until || (at !== undefined && ev.at !== at)) break;
      if (ev.kind === 'load') {
        // A load client's turn is an event of the kernel's own (counted, so a replay stops exactly
        // where the run did), in a batch of its own.
        if (items.length > 0) break;
        this.queue.pop();
        this.now = ev.at;
        items.push({ loadTurn: ev });
        break;
      }
      const sid = ev.kind === 'deliver' ? ev.to : ev.sid;
      if (marks[sid] === mark || (ev.kind === 'deliver' && marks[ev.from] === mark)) break;
      this.queue.pop();
      this.now = ev.at;
      const item = this.admit(ev);
      items.push(item);
      if (item.req || item.client) {
        at = ev.at;
        marks[sid] = mark;
        members += 1;
      }
    }
    return items;
  }

  /** Turns a due event into a host input, or disposes of it (drop / hold / stale timer). */
  private admit(ev: SimEvent): BatchItem {
    if (ev.kind === 'client') {
      return { client: { cid: ev.sid, input: ev.input } };
    }
    if (ev.kind === 'timer') {
      const key = this.timerKey(ev.sid, ev.name);
      if (ev.sid > AGENT_BASE) {
        if (!this.clients.has(ev.sid) || this.activeTimers.get(key) !== ev.token) return {};
        this.activeTimers.delete(key);
        return {
          entry: { t: this.now, kind: 'timer', sid: ev.sid, name: ev.name },
          client: { cid: ev.sid, input: { type: 'timer', name: ev.name, token: ev.token } },
        };
      }
      const s = this.slot(ev.sid);
      if (!s.up || s.incarnation !== ev.incarnation || this.activeTimers.get(key) !== ev.token) return {};
      this.activeTimers.delete(key);
      return {
        entry: { t: this.now, kind: 'timer', sid: ev.sid, name: ev.name },
        req: { sid: ev.sid, now: this.now, input: { type: 'timer', name: ev.name, token: ev.token } },
      };
    }
    if (ev.kind === 'start') {
      const s = this.slot(ev.sid);
      if (!s.up || s.incarnation !== ev.incarnation) return {};
      return { req: { sid: ev.sid, now: this.now, input: { type: 'start' } } };
    }
    if (ev.kind === 'request') {
      if (!this.slot(ev.sid).up) {
        const refused = this.module.refuseRequest?.(ev.req);
        if (refused !== undefined && !this.loadAnswer(ev.sid, refused, this.now)) this.onReply?.(ev.sid, refused);
        return {};
      }
      return {
        entry: { t: this.now, kind: 'request', sid: ev.sid, req: ev.req },
        req: { sid: ev.sid, now: this.now, input: { type: 'request', req: ev.req } },
      };
    }
    if (ev.kind === 'load') return {};
    const d = ev;
    const key = linkKey(d.from, d.to);
    if (!this.channel(d.channel).reliable) return this.admitDatagram(d, key);
    const rel = this.released.get(key);
    if (rel) {
      const i = rel.ids.indexOf(d.id);
      if (i >= 0) rel.ids.splice(i, 1);
      else if (rel.ids.some((id) => id < d.id)) {
        // Sent after packets a heal released that are still on their way: it queues behind them
        // (and whatever was sent after it queues behind it).
        rel.ids.push(d.id);
        rel.lastAt = Math.max(this.now, rel.lastAt);
        this.push({ ...d, at: rel.lastAt, seq: 0 });
        return {};
      }
      if (rel.ids.length === 0) this.released.delete(key);
    }
    if (d.from !== d.to && (this.cut.has(key) || this.held.has(key))) {
      const list = this.held.get(key) ?? [];
      list.push(d);
      this.held.set(key, list);
      return { entry: { t: this.now, kind: 'hold', id: d.id, from: d.from, to: d.to } };
    }
    const targetUp = this.endpointUp(d.to);
    const c = this.conn(d.from, d.to, d.channel);
    if (!targetUp || dirEpoch(c, d.from, d.to) !== d.connEpoch) {
      const reason: DropReason = !targetUp ? 'down' : 'connection-closed';
      return { entry: { t: this.now, kind: 'drop', id: d.id, from: d.from, to: d.to, channel: d.channel, msg: d.msg, reason } };
    }
    if (d.to > AGENT_BASE) {
      const input = d.msg === null ? { type: 'connectionLost' } : { type: 'message', msg: d.msg };
      const entry: TraceEntry = d.msg === null
        ? { t: this.now, kind: 'reset', from: d.from, to: d.to, channel: d.channel }
        : { t: this.now, kind: 'deliver', id: d.id, from: d.from, to: d.to, channel: d.channel, msg: d.msg, sentAt: d.sentAt };
      return { entry, client: { cid: d.to, input } };
    }
    if (d.msg === null) {
      return {
        entry: { t: this.now, kind: 'reset', from: d.from, to: d.to, channel: d.channel },
        req: { sid: d.to, now: this.now, input: { type: 'connectionLost', peer: d.from, channel: d.channel } },
      };
    }
    return {
      entry: { t: this.now, kind: 'deliver', id: d.id, from: d.from, to: d.to, channel: d.channel, msg: d.msg, sentAt: d.sentAt },
      req: { sid: d.to, now: this.now, input: { type: 'message', from: d.from, channel: d.channel, msg: d.msg } },
    };
  }

  /**
   * A datagram's arrival: dropped if the network lost it, the link is cut now or its target is
   * down; otherwise delivered (no connections, no FIFO: the network may reorder datagrams).
   */
  private admitDatagram(d: Delivery, key: number): BatchItem {
    const base = { t: this.now, id: d.id, from: d.from, to: d.to, channel: d.channel, msg: d.msg };
    if (d.lost) return { entry: { ...base, kind: 'drop', reason: 'lost' } };
    if (d.from !== d.to && this.cut.has(key)) return { entry: { ...base, kind: 'drop', reason: 'cut' } };
    if (!this.endpointUp(d.to)) return { entry: { ...base, kind: 'drop', reason: 'down' } };
    const msg = d.msg as WireMessage;
    return {
      entry: { t: this.now, kind: 'deliver', id: d.id, from: d.from, to: d.to, channel: d.channel, msg, sentAt: d.sentAt },
      req: { sid: d.to, now: this.now, input: { type: 'message', from: d.from, channel: d.channel, msg } },
    };
  }

  /**
   * Absorbs the host's results in sequential order — each event's trace entry, then its outputs
   * — which is where new events get their seq.
   */
  private absorb(items: BatchItem[], results: StepResult[]): void {
    let r = 0;
    for (const item of items) {
      if (item.entry) this.record(item.entry);
      if (item.loadTurn) {
        this.eventCount += 1;
        this.loadTurn(item.loadTurn);
        continue;
      }
      if (item.client) {
        this.eventCount += 1;
        const c = this.clients.get(item.client.cid);
        if (c !== undefined && this.setup.agents) for (const out of this.setup.agents.step(c, item.client.input, this.now)) this.clientOutput(item.client.cid, out);
        continue;
      }
      if (!item.req) continue;
      const res = results[r++];
      if (!res) continue;
      this.eventCount += 1;
      const s = this.slot(res.sid);
      if (!s.up) continue;
      if (res.error !== undefined) {
        this.kill(res.sid, `crashed: ${res.error}`);
        continue;
      }
      s.view = res.view as View;
      if (this.loadDriver.active) {
        const cost = this.module.serviceCost?.(item.req.input, res.outputs) ?? 0;
        this.serviceDelay = this.loadDriver.serve(res.sid, cost, this.now);
      }
      for (const out of res.outputs) this.output(res.sid, out);
      this.serviceDelay = 0;
    }
    this.afterBatch?.();
    this.changed();
  }

  private clientOutput(cid: number, out: PeerOutput | { type: 'notice'; notice: unknown }): void {
    if (out.type === 'notice') {
      this.record({ t: this.now, kind: 'notice', cid, notice: out.notice });
      this.onClientNotice?.(cid, out.notice);
      return;
    }
    this.output(cid, out);
  }

  private output(sid: Sid, out: PeerOutput): void {
    switch (out.type) {
      case 'send': {
        const spec = this.channel(out.channel);
        const msg = out.msg as WireMessage;
        if (!spec.reliable) {
          this.sendDatagram(sid, out.to, out.channel, msg);
          return;
        }
        if (spec.resendLastOnStart && out.to !== sid) this.lastSent.set(sentKey(sid, out.to, out.channel), msg);
        const c = this.conn(sid, out.to, out.channel);
        if (out.newConnection) {
          this.resetBoth(c);
          c.open = true;
        }
        const id = ++this.packetId;
        if (out.to !== sid && !this.endpointUp(out.to)) {
          // Nobody listens: nothing travels; a new connection is refused (the sender gets a reset).
          this.record({ t: this.now, kind: 'drop', id, from: sid, to: out.to, channel: out.channel, msg, reason: 'down' });
          if (out.newConnection) {
            this.resetBoth(c);
            this.sendFin(out.to, sid, out.channel);
          }
          return;
        }
        // Under load a message leaves when its process has served the input (serviceDelay).
        const leave = this.now + this.serviceDelay;
        const at = out.to === sid ? leave : this.fifoTime(sid, out.to, leave + this.latency(sid, out.to));
        this.record({ t: this.now, kind: 'send', id, from: sid, to: out.to, channel: out.channel, msg, deliverAt: at });
        this.push({ kind: 'deliver', at, seq: 0, id, from: sid, to: out.to, channel: out.channel, msg, sentAt: leave, connEpoch: dirEpoch(c, sid, out.to) });
        return;
      }
      case 'setTimer': {
        const incarnation = sid > AGENT_BASE ? 0 : this.slot(sid).incarnation;
        this.activeTimers.set(this.timerKey(sid, out.name), out.token);
        this.push({ kind: 'timer', at: this.now + out.afterMs, seq: 0, sid, name: out.name, token: out.token, incarnation });
        return;
      }
      case 'cancelTimer':
        this.activeTimers.delete(this.timerKey(sid, out.name));
        return;
      case 'disk':
        this.module.applyDiskOp(this.slot(sid).disk, out.op);
        return;
      case 'disconnect': {
        // A graceful close: what this side already sent still arrives, then the FIN; what the
        // other side sends from now on reaches a closed socket.
        const c = this.conn(sid, out.peer, out.channel);
        if (!c.open) return;
        c.open = false;
        if (sid < out.peer) c.lo += 1;
        else c.hi += 1;
        this.sendFin(sid, out.peer, out.channel);
        return;
      }
      case 'event':
        this.record({ t: this.now, kind: 'event', sid, event: out.event });
        return;
      case 'reply':
        this.record({ t: this.now, kind: 'reply', sid, reply: out.reply });
        if (this.loadDriver.untouched || !this.loadAnswer(sid, out.reply, this.now + this.serviceDelay)) this.onReply?.(sid, out.reply);
        return;
    }
  }

  /**
   * A datagram: it travels with the link's latency (no FIFO order, no connection) unless the
   * link's faults lose it — decided now, from the link's fault generator, so the drawing shows it
   * fly and vanish — and may arrive twice. Sent to a process that is down, it is dropped on arrival.
   */
  private sendDatagram(from: Sid, to: Sid, channel: Channel, msg: WireMessage): void {
    const key = linkKey(from, to);
    const f = from === to ? undefined : this.faults.get(key);
    let lost = false;
    let dup = false;
    if (f) {
      const r = this.faultRng(key);
      lost = r.next() < f.loss;
      dup = !lost && r.next() < f.dup;
    }
    for (let copy = 0; copy < (dup ? 2 : 1); copy++) {
      const id = ++this.packetId;
      const leave = this.now + this.serviceDelay;
      const at = from === to ? leave : leave + this.latency(from, to);
      this.record({ t: this.now, kind: 'send', id, from, to, channel, msg, deliverAt: at });
      this.push({ kind: 'deliver', at, seq: 0, id, from, to, channel, msg, sentAt: leave, connEpoch: 0, ...(lost ? { lost: true } : {}) });
    }
  }

  private faultRng(key: number): Rng {
    let r = this.faultRngs.get(key);
    if (!r) {
      r = this.rng.child(`fault:${linkName(key)}`);
      this.faultRngs.set(key, r);
    }
    return r;
  }

  private sendFin(from: Sid, to: Sid, channel: Channel): void {
    if (!this.endpointUp(to)) return;
    const epoch = dirEpoch(this.conn(from, to, channel), from, to);
    const at = this.fifoTime(from, to, this.now + this.latency(from, to));
    this.push({ kind: 'deliver', at, seq: 0, id: ++this.packetId, from, to, channel, msg: null, sentAt: this.now, connEpoch: epoch });
  }

  /** Processes one batch synchronously (the host must be synchronous). Returns false if idle. */
  stepSync(limit = Infinity, until = Infinity): boolean {
    const items = this.takeBatch(limit, until);
    if (items.length === 0) return false;
    const results = this.host.step(requestsOf(items));
    if (results instanceof Promise) throw new Error('stepSync needs a synchronous host');
    this.absorb(items, results);
    return true;
  }

  /**
   * Processes one batch with any host: at once with a synchronous host (no promise to wait for),
   * else when the host's results come back.
   */
  step(limit = Infinity, until = Infinity): boolean | Promise<boolean> {
    const items = this.takeBatch(limit, until);
    if (items.length === 0) return false;
    const reqs = requestsOf(items);
    const results = reqs.length > 0 ? this.host.step(reqs) : NO_RESULTS;
    if (results instanceof Promise) {
      return results.then((r) => {
        this.absorb(items, r);
        return true;
      });
    }
    this.absorb(items, results);
    return true;
  }

  /** Runs every event due up to `t` (inclusive) and sets the clock to `t`. */
  runUntilSync(t: number): void {
    while ((this.nextEventTime() ?? Infinity) <= t) this.stepSync(Infinity, t);
    if (t > this.now) this.now = t;
    this.changed();
  }

  async runUntil(t: number, shouldStop?: () => boolean): Promise<void> {
    while ((this.nextEventTime() ?? Infinity) <= t) {
      if (shouldStop?.()) return;
      await this.step(Infinity, t);
    }
    if (t > this.now) this.now = t;
    this.changed();
  }

  /** Processes exactly `n` events (one server input each), advancing the clock to each. */
  async stepEvents(n: number, until = Infinity): Promise<number> {
    let done = 0;
    while (done < n && (this.nextEventTime() ?? Infinity) <= until) {
      const before = this.eventCount;
      await this.step(1, until);
      done += this.eventCount - before;
    }
    return done;
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * The whole world at this moment, as plain data (a deep copy): queue, links, connections,
   * held packets, timers, generators, clients, servers' slots and disks, counters and the
   * trace's length and running hash. The servers' own states live in the host: a checkpoint of
   * a run adds them (PeerHost.snapshot). The trace entries are not copied: a restored world gets
   * the trace up to `traceLength` from whoever kept it.
   */
  save(): SimCheckpoint {
    // Fresh copies of everything that changes in place (connections, agents, slots, generators);
    // the rest — queued events, held packets, sent messages, link faults, views — is never
    // changed once made, and is shared.
    return {
      now: this.now,
      seq: this.seq,
      packetId: this.packetId,
      eventCount: this.eventCount,
      traceLength: this.trace.length,
      hash: this.hash.save(),
      hashedLength: this.hashed,
      rng: this.rng.save(),
      linkRngs: [...this.linkRngs].map(([k, r]) => [linkName(k), r.save()] as [string, RngState]),
      queue: [...this.queue.items()],
      activeTimers: [...this.activeTimers],
      cut: [...this.cut].map(linkName),
      extraLatency: [...this.extraLatency].map(([k, ms]) => [linkName(k), ms]),
      released: [...this.released].map(([k, r]): [string, number[], number] => [linkName(k), [...r.ids], r.lastAt]),
      held: [...this.held].map(([k, list]) => [linkName(k), list.slice()]),
      lastDeliverAt: [...this.lastDeliverAt].map(([k, t]) => [linkName(k), t]),
      conns: [...this.conns].map(([k, c]) => [this.connName(k), { ...c }]),
      lastSent: [...this.lastSent],
      faults: [...this.faults].map(([k, f]) => [linkName(k), f]),
      faultRngs: [...this.faultRngs].map(([k, r]) => [linkName(k), r.save()] as [string, RngState]),
      // Disks share what is never changed once written (NodeModule.shareDisk).
      servers: [...this.servers.values()].map((slot) => ({ ...slot, disk: this.module.shareDisk(slot.disk) })),
      clients: [...this.clients].map(([cid, agent]) => [cid, structuredClone(agent)]),
      ...(this.loadDriver.untouched ? {} : { load: this.loadDriver.save() }),
    };
  }

  /**
   * A world as it was at checkpoint `cp`, run by `host` (which must already hold the servers'
   * states of that moment, see PeerHost.restore). `trace` is the run's trace up to the
   * checkpoint (at least `cp.traceLength` entries; longer is cut). The checkpoint stays usable.
   * With `adopt`, `trace` (exactly `cp.traceLength` entries) becomes the world's own: not copied.
   */
  static restore(setup: LabSetup, host: PeerHost, cp: SimCheckpoint, trace: readonly KernelTraceEntry[], adopt = false): Simulation {
    if (trace.length < cp.traceLength) throw new RangeError(`restore needs ${cp.traceLength} trace entries, got ${trace.length}`);
    // What changes in place is copied (connections, agents, slots); see save.
    const c: SimCheckpoint = {
      ...cp,
      held: cp.held.map(([k, list]) => [k, list.slice()]),
      conns: cp.conns.map(([k, conn]) => [k, { ...conn }]),
      servers: cp.servers.map((slot) => ({ ...slot, disk: setup.module.shareDisk(slot.disk) })),
      clients: cp.clients.map(([cid, agent]) => [cid, structuredClone(agent)]),
    };
    const own = adopt && trace.length === c.traceLength ? (trace as KernelTraceEntry[]) : trace.slice(0, c.traceLength);
    const sim = new Simulation(setup, host, own);
    sim.now = c.now;
    sim.seq = c.seq;
    sim.packetId = c.packetId;
    sim.eventCount = c.eventCount;
    sim.hash = TraceHash.restore(c.hash);
    sim.hashed = c.hashedLength ?? c.traceLength;
    sim.rng = Rng.restore(c.rng);
    for (const [k, r] of c.linkRngs) sim.linkRngs.set(linkOf(k), Rng.restore(r));
    for (const ev of c.queue) sim.queue.push(ev);
    for (const [k, v] of c.activeTimers) sim.activeTimers.set(k, v);
    for (const k of c.cut) sim.cut.add(linkOf(k));
    for (const [k, ms] of c.extraLatency ?? []) sim.extraLatency.set(linkOf(k), ms);
    for (const [k, ids, lastAt] of c.released ?? []) sim.released.set(linkOf(k), { ids: [...ids], lastAt });
    for (const [k, v] of c.held) sim.held.set(linkOf(k), v);
    for (const [k, v] of c.lastDeliverAt) sim.lastDeliverAt.set(linkOf(k), v);
    for (const [k, v] of c.conns) sim.conns.set(sim.connOf(k), v);
    for (const [k, v] of c.lastSent) sim.lastSent.set(k, v);
    for (const [k, v] of c.faults ?? []) sim.faults.set(linkOf(k), v);
    for (const [k, r] of c.faultRngs ?? []) sim.faultRngs.set(linkOf(k), Rng.restore(r));
    for (const slot of c.servers) sim.servers.set(slot.sid, slot);
    for (const [k, v] of c.clients) sim.clients.set(k, v);
    sim.loadDriver = LoadDriver.restore(c.load);
    return sim;
  }

  /**
   * Hands the running world to another host that already holds the same servers' states (a
   * rewind replays in-process, then the browser's workers take over). Changes nothing in the run.
   */
  rehost(host: PeerHost): void {
    this.host = host;
  }

  // ---------------------------------------------------------------- views

  /** Packets travelling or held at a cut, for drawing (position = (now - sentAt) / (deliverAt - sentAt)). */
  inFlight(): InFlight[] {
    const list: InFlight[] = [];
    for (const ev of this.queue.items()) {
      if (ev.kind !== 'deliver' || ev.from === ev.to) continue;
      list.push({ id: ev.id, from: ev.from, to: ev.to, channel: ev.channel, msg: ev.msg, sentAt: ev.sentAt, deliverAt: ev.at, held: false });
    }
    for (const pending of this.held.values()) {
      for (const d of pending) list.push({ id: d.id, from: d.from, to: d.to, channel: d.channel, msg: d.msg, sentAt: d.sentAt, deliverAt: d.at, held: true });
    }
    return list.sort((a, b) => a.id - b.id);
  }

  // ---------------------------------------------------------------- internals

  slot(sid: Sid): ServerSlot<View, Disk> {
    const s = this.servers.get(sid);
    if (!s) throw new RangeError(`no server ${sid}`);
    return s;
  }

  private push(ev: SimEvent): void {
    ev.seq = ++this.seq;
    this.queue.push(ev);
  }

  private record(e: TraceEntry): void {
    this.trace.push(e as Entry);
  }

  private changed(): void {
    this.onChange?.();
  }

  private conn(a: Sid, b: Sid, channel: Channel): Conn {
    const key = (a < b ? linkKey(a, b) : linkKey(b, a)) * MAX_CHANNELS + this.channelId(channel);
    let c = this.conns.get(key);
    if (!c) {
      c = { lo: 0, hi: 0, open: false };
      this.conns.set(key, c);
    }
    return c;
  }

  private channelId(channel: Channel): number {
    let id = this.channelIds.get(channel);
    if (id === undefined) {
      id = this.channelNames.length;
      if (id >= MAX_CHANNELS) throw new RangeError(`more than ${MAX_CHANNELS} channels`);
      this.channelIds.set(channel, id);
      this.channelNames.push(channel);
    }
    return id;
  }

  /** The checkpoint's spelling of a connection: `lo-hi:channel`. */
  private connName(key: number): string {
    const link = Math.floor(key / MAX_CHANNELS);
    return `${linkFrom(link)}-${linkTo(link)}:${this.channelNames[key % MAX_CHANNELS]!}`;
  }

  private connOf(name: string): number {
    const m = /^(\d+)-(\d+):(.*)$/.exec(name);
    if (!m) throw new RangeError(`bad connection ${name}`);
    return linkKey(Number(m[1]), Number(m[2])) * MAX_CHANNELS + this.channelId(m[3]!);
  }

  /** Both directions' packets in flight are void (a crash, a refused or a new connection). */
  private resetBoth(c: Conn): void {
    c.lo += 1;
    c.hi += 1;
    c.open = false;
  }

  private latency(from: Sid, to: Sid): number {
    const key = linkKey(from, to);
    let r = this.linkRngs.get(key);
    if (!r) {
      r = this.rng.child(`link:${linkName(key)}`);
      this.linkRngs.set(key, r);
    }
    const extra = this.extraLatency.size === 0 ? undefined : this.extraLatency.get(key);
    return this.setup.latencyMs + r.int(0, this.setup.latencySpreadMs) + (extra ?? 0);
  }

  private fifoTime(from: Sid, to: Sid, at: number): number {
    const key = linkKey(from, to);
    const t = Math.max(at, this.lastDeliverAt.get(key) ?? 0);
    this.lastDeliverAt.set(key, t);
    return t;
  }
}

const NO_RESULTS: StepResult[] = [];

/** A load client whose request failed (its server was down or crashed) tries again this much later. */
const LOAD_RETRY_MS = 100;
/**
 * An open-loop load client with this many requests unanswered skips its turn: a server stops
 * reading a connection when too many of its requests are outstanding (ZooKeeperServer's
 * globalOutstandingLimit throttling), so an overload queues at the clients, not without bound on the server.
 */
const MAX_UNANSWERED = 5;

const RELIABLE: ChannelSpec = { reliable: true, finOnCrash: false, resendLastOnStart: false };

/** The epoch of the direction from → to: `lo` for packets towards the lower id, `hi` towards the higher. */
function dirEpoch(c: Conn, from: number, to: number): number {
  return to < from ? c.lo : c.hi;
}

function requestsOf(items: BatchItem[]): StepRequest[] {
  const reqs: StepRequest[] = [];
  for (const it of items) if (it.req) reqs.push(it.req);
  return reqs;
}

/**
 * A directed link a→b as a number (maps keyed by it need no string per packet); the checkpoint
 * and the views spell it `a>b` (linkName). Endpoints are processes (< AGENT_BASE) and agents.
 */
const LINK = 65536;
const MAX_CHANNELS = 16;

function linkKey(a: Sid, b: Sid): number {
  return a * LINK + b;
}

function linkFrom(key: number): Sid {
  return Math.floor(key / LINK);
}

function linkTo(key: number): Sid {
  return key % LINK;
}

function linkName(key: number): string {
  return `${linkFrom(key)}>${linkTo(key)}`;
}

function linkOf(name: string): number {
  const i = name.indexOf('>');
  return linkKey(Number(name.slice(0, i)), Number(name.slice(i + 1)));
}

function sentKey(a: Sid, b: Sid, channel: Channel): string {
  return `${a}>${b}:${channel}`;
}

