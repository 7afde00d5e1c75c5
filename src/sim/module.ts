/**
 * The protocol-module seam (docs/architecture.md). The kernel (this folder), the hosts, playback, rewind,
 * branches, share links and the views serve every protocol through these descriptions; none of
 * them tests which protocol it runs. A protocol is a module that describes itself:
 *
 *  - NodeModule: its pure step function, its processes' state and views, and what is on disk —
 *    what a host (a Web Worker per process, or in-process) needs to run it;
 *  - ProtocolDescription: its processes and roles, packet types and phases (labels and colours
 *    for the ring, the space-time diagram and breakpoints);
 *  - ProtocolChecker: its named invariants, evaluated from outside after every event;
 *  - its log events as structured text (a key and values) rendered by i18n in each language.
 *
 * Everything here is types and small pure helpers: no protocol is named.
 */
import type { NodeId, NodeInput, NodeOutput } from './node.ts';

/** How the kernel treats the connections of one channel. */
export interface ChannelSpec {
  /**
   * Reliable (TCP-like): a packet on a cut link is held and arrives after the heal if its
   * connection still exists; loss and duplication faults do not apply. Unreliable (datagrams):
   * a packet on a cut link is dropped; loss and duplication faults apply.
   */
  reliable: boolean;
  /** When one end crashes, the other end of an open connection gets a FIN (connectionLost). */
  finOnCrash: boolean;
  /**
   * The last message sent to a peer on this channel is sent again when that peer starts
   * (ZooKeeper's QuorumCnxManager.SendWorker resends lastMessageSent on a new connection).
   */
  resendLastOnStart: boolean;
}

/** What a process is created from: its id, the protocol's configuration and its disk as the host kept it. */
export interface NodeInit<Cfg, Disk> {
  myid: NodeId;
  config: Cfg;
  disk: Disk;
}

/**
 * The pure part of a protocol, run by the hosts (in a Web Worker per process in the page). All
 * functions are deterministic: a run is a pure function of (config, seed, actions).
 */
export interface NodeModule<Cfg = unknown, Node = unknown, Msg = unknown, Req = unknown, Ev = unknown, Op = unknown, Disk = unknown, View = unknown, Reply = unknown, Ch extends string = string> {
  /** `zookeeper`, `paxos`, `multipaxos` … (the `?protocol=` value). */
  readonly id: string;
  readonly channels: Readonly<Record<Ch, ChannelSpec>>;
  createNode(init: NodeInit<Cfg, Disk>): Node;
  /** The one entry point: feed an input, get the outputs. Mutates `node`. */
  stepNode(node: Node, input: NodeInput<Msg, Req, Ch>, now: number): Array<NodeOutput<Msg, Ev, Op, Reply, Ch>>;
  /** A small summary of a process for the views and `lab status` (sent back after every step). */
  viewNode(node: Node): View;
  /** A copy of a process's whole state for checkpoints (may share what is never changed once written). */
  copyNode(node: Node): Node;
  /**
   * Optional, in pairs: a process's state as a checkpoint keeps it (taken instead of copyNode, in
   * whatever form is cheapest to take and hold), and a live state again from it (or from a state a
   * worker gave) for a rewind — never the checkpoint's own objects that change, so it stays usable.
   */
  checkpointNode?(node: Node): unknown;
  nodeFromCheckpoint?(cp: unknown): Node;
  emptyDisk(): Disk;
  /** The host's copy of a disk follows the process's own: the same operation applied to it. */
  applyDiskOp(disk: Disk, op: Op): void;
  /** A copy of a disk for a checkpoint (may share what is never changed once written). */
  shareDisk(disk: Disk): Disk;
  /**
   * The configuration of a process that joins a running world (Simulation.addProcess): `config`
   * is the newest process's, `role` the protocol's word for what the new one is. Default: `config`.
   */
  joinConfig?(config: Cfg, id: NodeId, role: string): Cfg;
  /** True for an event that changes the process's role (breakpoints on `role`); default: `{ kind: 'state' }`. */
  isRoleChange?(event: Ev): boolean;
  /** What a request sent to a process that is down gets back at once (undefined: nothing). */
  refuseRequest?(req: Req): Reply | undefined;
  /**
   * Service time, in whole simulated ms, of one input given the outputs it produced: the cost
   * model of `lab load` (src/sim/load.ts). Read only while a load runs; default 0.
   */
  serviceCost?(input: NodeInput<Msg, Req, Ch>, outputs: ReadonlyArray<NodeOutput<Msg, Ev, Op, Reply, Ch>>): number;
  /** A question asked of a live process that changes nothing (ZooKeeper's four-letter words). */
  query?(node: Node | undefined, id: NodeId, word: string, now: number): string;
  /**
   * What changed in a process since `base`, a `copyNode` of it taken earlier (PeerHost.peek: a
   * worker sends its state again without what it sent last time). Whatever `patchNode` needs to
   * rebuild `node` from the state the reader holds for `base`. Without it a peek sends it all.
   */
  diffNode?(base: Node, node: Node): unknown;
  /** `node` from the state read for `base` and `diffNode(base, node)`: a new state that shares the unchanged parts with `base`, which it never changes. */
  patchNode?(base: Node, delta: unknown): Node;
}

/** Text that each language renders: an i18n key and its values (`{{ballot}}` in the template). */
export interface StructuredText {
  key: string;
  values?: Record<string, string | number>;
}

/** A role a process can be in, for the ring's colours and the legend (label: i18n key `${module}.role.${id}`). */
export interface RoleSpec {
  id: string;
  colour: string;
}

/** A packet type (label: its own name, as the protocol spells it) and the phase it belongs to. */
export interface PacketSpec {
  type: string;
  phase: string;
}

export interface PhaseSpec {
  id: string;
  colour: string;
}

/** What views need to draw a protocol without knowing it. */
export interface ProtocolDescription {
  id: string;
  roles: readonly RoleSpec[];
  packets: readonly PacketSpec[];
  phases: readonly PhaseSpec[];
}

/** A broken invariant: which, when (trace index and simulated time), who, and one sentence of why. */
export interface Violation {
  invariant: string;
  t: number;
  /** Index of the trace entry after which it was found. */
  traceIndex: number;
  servers: NodeId[];
  message: string;
}

/** An invariant of a protocol, with one line on what it guards (en / zh). */
export interface InvariantInfo {
  name: string;
  en: string;
  zh: string;
}

/** What a checker may read after a batch: never anything it could change. */
export interface CheckView<Node, Entry> {
  now: number;
  /** The whole trace so far (a checker keeps its own cursor: entries past it are new). */
  trace: readonly Entry[];
  /** Every process id of the run. */
  ids: readonly NodeId[];
  /**
   * The live state of a running process; undefined while it is down — or where its state lives
   * in a Web Worker (the page), so a checker that can should read `disk` instead.
   */
  node(id: NodeId): Node | undefined;
  /** The disk of a running process as the host keeps it (always at hand, in the page too); undefined while it is down. */
  disk?(id: NodeId): unknown;
}

/**
 * A protocol's invariants, checked from outside the protocol after every batch (the VOPR habit):
 * `check` returns the violations found since the last call.
 */
export interface ProtocolChecker<Node, Entry> {
  readonly invariants: readonly InvariantInfo[];
  check(view: CheckView<Node, Entry>): Violation[];
}

/**
 * Fills a StructuredText's template from a flat dictionary (`{{name}}` placeholders, and
 * i18next's plural keys `key_one` / `key_other` chosen by a `count` value) — for the console, the
 * scenario scripts and tests; the page renders the same texts through i18next.
 */
export function renderText(text: StructuredText, dict: Readonly<Record<string, string>>): string {
  const values = text.values ?? {};
  const count = values.count;
  let template = dict[text.key];
  if (typeof count === 'number') template = dict[`${text.key}_${count === 1 ? 'one' : 'other'}`] ?? dict[`${text.key}_other`] ?? template;
  if (template === undefined) return text.key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
