/**
 * The protocols of the lab, by the `?protocol=` value. Each entry says what the rest of the lab
 * needs to run and show a protocol without knowing it (docs/architecture.md): how a lab configuration
 * becomes a world (its processes, their names, the module that runs them), how the console names
 * processes, what `lab status` prints, its invariants and their checker, its bug museum and presets,
 * its packet types, roles and phases, and its log events as structured text.
 */
import type { KernelTraceEntry, LabSetup, Simulation } from '../sim/simulation.ts';
import type { InvariantInfo, NodeModule, ProtocolChecker, ProtocolDescription, StructuredText, Violation } from '../sim/module.ts';
import type { NodeId } from '../sim/node.ts';
import type { LabConfig, ProtocolId } from './config.ts';
import type { PeerEvent as ZkEvent, WireMessage } from './QuorumPeer.ts';
import type { LabAction } from './actions.ts';
import { parseRun, type RunData, type RunLinkOptions } from './runLink.ts';
import { zookeeperSetup } from './zookeeper.ts';
import { BUG_MUSEUM } from './bugs.ts';
import { ZK_LOG_EN, ZK_LOG_ZH } from './zkLog.ts';
import { INVARIANTS } from './checkers/invariants.ts';
import * as paxos from './paxos/index.ts';
import { paxosViews } from './paxos/card.ts';
import { multiPaxosViews } from './multipaxos/card.ts';
import { addRoom, LIMITS } from './config.ts';
import { hex } from './zxid.ts';
import * as mp from './multipaxos/index.ts';
import * as commit from './commit/index.ts';
import { commitViews } from './commit/card.ts';

/**
 * An exhibit: a schedule of console lines run on a fresh lab of the given settings, showing a
 * bug switch turn its invariant red (and the same schedule green without it) or a phenomenon of
 * the correct protocol (dueling proposers, slots chosen out of order).
 */
export interface Exhibit {
  /** The bug switch, or the preset's name (`dueling`, `outOfOrder` …). */
  name: string;
  bug: string | null;
  invariant: string | null;
  /** The URL settings the schedule is written for (without `bugs`). */
  params: Record<string, string>;
  /** Console lines: `lab …` commands and the protocol's own commands. */
  lines: string[];
  en: string;
  zh: string;
}

/**
 * One line of a process's card in the ring: a label (an i18n key of the UI's own strings), its
 * value (text as it is, or structured text each language renders) and a hover title.
 */
export interface CardField {
  /** `card.promised` …: the label's i18n key; also the field's `data-field` (the part after `card.`). */
  label: string;
  value: string | StructuredText;
  title?: string;
}

/** What a process's card shows, for protocols drawn by the generic card. */
export interface ProcessCardData {
  /** One of description.roles' ids (`DOWN` for a process that is not running). */
  role: string;
  fields: CardField[];
  /** One line, as `lab status` prints it. */
  summary: string;
}

/** A setting the lab's size pickers offer (a `?key=value` of the lab's link). */
export interface ProtocolSetting {
  key: 'voters' | 'observers' | 'acceptors' | 'proposers' | 'learners' | 'replicas' | 'retry' | 'participants';
  values: ReadonlyArray<number | string>;
}

/**
 * A "Next …" step button: where it runs to. `lab` is the word `lab step` takes (a kind it knows,
 * or a packet type); `matcher` builds a test for the trace entry to stop after, from the world as
 * it is now (for moments no packet type names, such as a value becoming chosen).
 */
export interface StepTarget {
  id: string;
  lab?: string;
  matcher?(sim: Simulation): (entry: KernelTraceEntry) => boolean;
}

/** How a process's role changes over a run, for the space-time diagram's bands. */
export interface LaneRoles {
  /** Its role when it starts (null: its first event says). */
  atStart(setup: LabSetup, sid: NodeId): string | null;
  /** The role an event of the process puts it in, or null when the event changes none. */
  after(event: unknown): string | null;
}

/**
 * A panel of the protocol's own (the Paxos ballot grid, the Multi-Paxos slot grid): a model the
 * store reads from the world now and then, and the view the UI picks by `id`.
 */
export interface PanelModel {
  /** The panel's data now; undefined when nothing it shows changed since the last read. */
  read(sim: Simulation): unknown;
}

export interface PanelSpec {
  id: string;
  create(setup: LabSetup): PanelModel;
}

/**
 * What the page's views need of a protocol beyond running it (docs/architecture.md): its settings,
 * step buttons, breakpoints, cards, packet descriptions, lanes, event log categories and panels.
 */
export interface LabProtocolViews {
  /** Its name as people write it (`ZooKeeper`, `Paxos`, `Multi-Paxos`). */
  title: string;
  settings: readonly ProtocolSetting[];
  stepTargets: readonly StepTarget[];
  /** Breakpoint kinds: packet types as `lab log` names them, and `role` where processes change role. */
  breakpointKinds: readonly string[];
  /** The console's own commands (Tab completion), and how to use them (printed when the console opens). */
  commands: readonly string[];
  usage: readonly string[];
  /** A process's card (absent: the protocol's cards are ZooKeeper's server cards). */
  processCard?(sim: Simulation, sid: NodeId): ProcessCardData;
  /** A packet's fields after its type, one line (`ballot=1.1 value=x`); '' for none. */
  describeMessage(msg: unknown): string;
  laneRoles: LaneRoles;
  /** The event log's categories of the protocol's events, and each event's. */
  eventCategories: readonly string[];
  eventCategory(event: unknown): string;
  /** The processes an event is about besides the one reporting it (the event log's filter). */
  eventProcesses(event: unknown, setup: LabSetup): NodeId[];
  panels: readonly PanelSpec[];
  /** The i18n keys of a role's and a packet phase's names. */
  roleKey(role: string): string;
  phaseKey(phase: string): string;
}

export interface LabProtocol extends LabProtocolViews {
  id: ProtocolId;
  /** Its console speaks zkCli (ZooKeeper); otherwise the console takes the protocol's own commands (`propose …`). */
  hasZkCli: boolean;
  setup(config: LabConfig): LabSetup;
  /** The process a console word names (`a2`, `r3`, `zk2`, `2`), or null. */
  processId(config: LabConfig, word: string): NodeId | null;
  /** `lab status`: one line per process with its role and state, then the protocol's summary lines. */
  statusLines(sim: Simulation, config: LabConfig): string[];
  invariants: readonly InvariantInfo[];
  /** A fresh checker (null: the protocol's checker lives elsewhere — ZooKeeper's needs whole server states). */
  createChecker(config: LabConfig): ProtocolChecker<unknown, unknown> | null;
  exhibits: readonly Exhibit[];
  description: ProtocolDescription;
  /** A trace event as text in each language (null: the protocol's events are rendered elsewhere). */
  eventText(event: unknown): StructuredText | null;
  /** The i18n dictionaries of the protocol's texts (flat keys). */
  text: { en: Readonly<Record<string, string>>; zh: Readonly<Record<string, string>> };
  /**
   * A console line of the protocol's own (`propose …`): the action it records and the line the
   * console echoes, or what is wrong with it; null when the line is not one of its commands.
   */
  parseCommand(config: LabConfig, sim: Simulation, line: string): { action: LabAction; text: string } | { error: string } | null;
  /** A process's reply to a request, as one console line. */
  replyText(sim: Simulation, sid: NodeId, reply: unknown): string;
}

const PROPOSE_USAGE = {
  paxos: 'usage: propose P VALUE   (P a proposer: p1, p2 …)',
  multipaxos: 'usage: propose VALUE (to the leader) or propose rK VALUE',
};

const zkRange = ([lo, hi]: readonly [number, number]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** ZooKeeper's packet fields after the type, as the ring's tooltips have always shown them. */
/** A ZooKeeper packet's fields after its type, as `lab log` prints them. */
function zkMessageDetail(msg: unknown): string {
  const m = msg as WireMessage;
  if (m.type === 'Request' || m.type === 'Reply') {
    return `xid=${m.xid}${m.type === 'Request' ? ` ${m.op.op}${'path' in m.op ? ` ${m.op.path}` : ''}` : ` zxid=${hex(m.zxid)} err=${m.err}`}`;
  }
  if (m.type === 'WatcherEvent') return `${m.eventType} ${m.path}`;
  if (m.type === 'ConnectRequest' || m.type === 'ConnectResponse') return `sessionId=0x${BigInt.asUintN(64, m.sessionId).toString(16)} timeOut=${m.timeOut}`;
  if (m.type === 'NOTIFICATION') {
    return `${m.state} leader=${m.leader < 0 ? 'none' : m.leader} zxid=${hex(m.zxid)} electionEpoch=${m.electionEpoch} peerEpoch=${m.peerEpoch < 0 ? hex(m.peerEpoch) : m.peerEpoch}`;
  }
  return 'zxid' in m && typeof m.zxid === 'number' ? `zxid=${hex(m.zxid)}` : '';
}

const ZK_EVENT_CATEGORY: Record<string, string> = {
  state: 'role', 'election-start': 'election', 'vote-change': 'election', elected: 'election',
  zab: 'zab', established: 'zab', sync: 'zab', proposed: 'txn', applied: 'txn',
};

const zookeeperViews: LabProtocolViews = {
  title: 'ZooKeeper',
  settings: [
    { key: 'voters', values: zkRange(LIMITS.voters) },
    { key: 'observers', values: zkRange(LIMITS.observers) },
  ],
  stepTargets: [
    { id: 'vote', lab: 'vote' },
    { id: 'proposal', lab: 'proposal' },
    { id: 'commit', lab: 'commit' },
    { id: 'role', lab: 'role' },
  ],
  breakpointKinds: ['role', 'NOTIFICATION', 'PROPOSAL', 'ACK', 'COMMIT', 'INFORM', 'NEWLEADER', 'UPTODATE', 'DIFF', 'TRUNC', 'SNAP', 'FOLLOWERINFO', 'LEADERINFO'],
  commands: [],
  usage: [],
  describeMessage: zkMessageDetail,
  laneRoles: {
    atStart: () => null,
    after: (event) => ((event as ZkEvent).kind === 'state' ? (event as Extract<ZkEvent, { kind: 'state' }>).to : null),
  },
  eventCategories: ['fault', 'election', 'role', 'zab', 'txn', 'client'],
  eventCategory: (event) => ZK_EVENT_CATEGORY[(event as ZkEvent).kind] ?? 'zab',
  eventProcesses: () => [],
  panels: [],
  roleKey: (role) => `roleNames.${role}`,
  phaseKey: (phase) => `packetFamilies.${phase}`,
};

const zookeeper: LabProtocol = {
  ...zookeeperViews,
  id: 'zookeeper',
  hasZkCli: true,
  setup: zookeeperSetup,
  processId: (config, word) => {
    const m = /^(?:zk)?(\d+)$/i.exec(word);
    const sid = m ? Number(m[1]) : NaN;
    // servers added while the lab runs (`lab add`) take the next ids, up to the largest ensemble
    return Number.isInteger(sid) && sid >= 1 && sid <= Math.max(config.voters + config.observers, LIMITS.voters[1] + LIMITS.observers[1]) ? sid : null;
  },
  statusLines: () => [],
  invariants: INVARIANTS,
  createChecker: () => null,
  exhibits: BUG_MUSEUM.map((b) => ({
    name: b.bug, bug: b.bug, invariant: b.invariant, params: paramsOfNew(b.schedule[0] ?? ''),
    lines: b.schedule.slice(1).map(scheduleLine), en: b.en, zh: b.zh,
  })),
  description: {
    id: 'zookeeper',
    roles: [
      { id: 'LEADING', colour: '#d97706' }, { id: 'FOLLOWING', colour: '#2563eb' },
      { id: 'OBSERVING', colour: '#7c3aed' }, { id: 'LOOKING', colour: '#6b7280' },
    ],
    packets: [],
    phases: [],
  },
  eventText: () => null,
  text: { en: prefixed('zookeeper.log.', ZK_LOG_EN), zh: prefixed('zookeeper.log.', ZK_LOG_ZH) },
  parseCommand: () => null,
  replyText: (sim, sid, reply) => `${sim.name(sid)}: ${JSON.stringify(reply)}`,
};

/** A world of a protocol without clients: the lab's network settings, the module and its processes. */
function moduleSetup(c: LabConfig, module: NodeModule, config: unknown, ids: NodeId[], name: (id: NodeId) => string): LabSetup {
  return { seed: c.seed, latencyMs: c.latencyMs, latencySpreadMs: c.latencySpreadMs, ids, module, config, name };
}

function paxosConfigOf(c: LabConfig): paxos.PaxosConfig {
  return paxos.paxosConfig({
    acceptors: c.acceptors, proposers: c.proposers, learners: c.learners, seed: c.seed,
    retry: c.retry, retryTimeoutMs: c.retryTimeoutMs, bugs: (c.bugs ?? []) as unknown as paxos.PaxosBug[],
  });
}

const paxosProtocol: LabProtocol = {
  ...paxosViews,
  id: 'paxos',
  hasZkCli: false,
  setup: (c) => {
    const cfg = paxosConfigOf(c);
    return moduleSetup(c, paxos.paxosModule as NodeModule, cfg, paxos.paxosIds(cfg), (id) => paxos.nodeName(cfg, id));
  },
  processId: (c, word) => paxos.nodeIdOf(paxosConfigOf(c), word.toLowerCase()),
  statusLines: (sim, c) => {
    const cfg = paxosConfigOf(c);
    const lines = [...sim.servers.values()].map((s) => paxos.statusLine(cfg, s.sid, s.up ? (s.view as paxos.PaxosView | null) : null));
    lines.push(paxos.chosenLine(sim.trace as readonly paxos.PaxosTraceEntry[], cfg));
    return lines;
  },
  invariants: paxos.PAXOS_INVARIANTS,
  createChecker: (c) => paxos.createPaxosChecker(paxosConfigOf(c)) as ProtocolChecker<unknown, unknown>,
  exhibits: [
    ...paxos.PAXOS_BUGS.map((b) => ({ name: b.bug, bug: b.bug, invariant: b.invariant, params: paxosParams(b.config), lines: b.schedule.map(scheduleLine), en: b.en, zh: b.zh })),
    ...paxos.PAXOS_PRESETS.map((p) => ({ name: p.id, bug: null, invariant: null, params: paxosParams(p.config), lines: p.schedule.map(scheduleLine), en: p.en, zh: p.zh })),
  ],
  description: paxos.paxosDescription,
  eventText: (ev) => paxos.eventText(ev as paxos.PaxosEvent),
  text: { en: paxos.PAXOS_TEXT_EN, zh: paxos.PAXOS_TEXT_ZH },
  parseCommand: (c, _sim, line) => {
    const m = /^propose(?:\s+(\S+)(?:\s+(.+))?)?$/.exec(line.trim());
    if (!m) return null;
    const cfg = paxosConfigOf(c);
    const sid = m[1] === undefined ? null : paxos.nodeIdOf(cfg, m[1].toLowerCase());
    const value = m[2]?.trim();
    if (sid === null || value === undefined || paxos.roleOf(cfg, sid) !== 'proposer') return { error: PROPOSE_USAGE.paxos };
    return { action: { type: 'propose', sid, value }, text: `${paxos.nodeName(cfg, sid)} proposes ${value}` };
  },
  replyText: (sim, sid, reply) => {
    const r = reply as paxos.PaxosReply;
    return r.type === 'chosen' ? `${sim.name(sid)}: chosen ${r.value} (ballot ${paxos.formatBallot(r.ballot)})` : `${sim.name(sid)}: rejected (${r.reason})`;
  },
};

function paxosParams(c: Omit<paxos.PaxosConfig, 'bugs'>): Record<string, string> {
  return {
    protocol: 'paxos', acceptors: String(c.acceptors), proposers: String(c.proposers), learners: String(c.learners),
    retry: c.retry, seed: String(c.seed), ...(c.retryTimeoutMs !== paxos.DEFAULT_PAXOS_CONFIG.retryTimeoutMs ? { retryTimeoutMs: String(c.retryTimeoutMs) } : {}),
  };
}

function multiPaxosConfigOf(c: LabConfig): mp.MultiPaxosConfig {
  return mp.multiPaxosConfig({
    replicas: c.replicas, seed: c.seed, heartbeatMs: c.heartbeatMs, electionTimeoutMs: c.electionTimeoutMs,
    bugs: (c.bugs ?? []) as unknown as mp.MultiPaxosBug[],
  });
}

const multiPaxosProtocol: LabProtocol = {
  ...multiPaxosViews,
  id: 'multipaxos',
  hasZkCli: false,
  setup: (c) => {
    const cfg = multiPaxosConfigOf(c);
    return moduleSetup(c, mp.multiPaxosModule as NodeModule, cfg, mp.replicaIds(cfg), (id) => mp.nodeName(cfg, id));
  },
  processId: (c, word) => mp.nodeIdOf(multiPaxosConfigOf(c), word.toLowerCase()),
  statusLines: (sim, c) => {
    const cfg = multiPaxosConfigOf(c);
    const views = [...sim.servers.values()].map((s) => (s.up ? (s.view as mp.MultiPaxosView | null) : null));
    const lines = [...sim.servers.values()].flatMap((s, i) => mp.statusLines(cfg, s.sid, views[i]));
    return [...lines, ...mp.slotLines(cfg, views)];
  },
  invariants: mp.MULTIPAXOS_INVARIANTS,
  createChecker: (c) => mp.createMultiPaxosChecker(multiPaxosConfigOf(c)) as ProtocolChecker<unknown, unknown>,
  exhibits: Object.values(mp.MP_PRESETS).map((p) => ({
    name: p.bug ?? p.id, bug: p.bug, invariant: p.invariant,
    params: { protocol: 'multipaxos', replicas: String(p.replicas), seed: String(p.seed) },
    lines: p.lines.map(scheduleLine), en: p.en, zh: p.zh,
  })),
  description: mp.multiPaxosDescription,
  eventText: (ev) => mp.eventText(ev as mp.MpEvent),
  text: { en: mp.MULTIPAXOS_TEXT_EN, zh: mp.MULTIPAXOS_TEXT_ZH },
  parseCommand: (c, sim, line) => {
    const m = /^propose(?:\s+(.+))?$/.exec(line.trim());
    if (!m) return null;
    const cfg = multiPaxosConfigOf(c);
    const words = (m[1] ?? '').trim();
    if (words === '') return { error: PROPOSE_USAGE.multipaxos };
    const first = words.split(/\s+/)[0]!;
    const named = mp.nodeIdOf(cfg, first.toLowerCase());
    if (named !== null && words.length > first.length) {
      const value = words.slice(first.length).trim();
      return { action: { type: 'propose', sid: named, value }, text: `${mp.nodeName(cfg, named)} gets propose ${value}` };
    }
    const views = [...sim.servers.values()].map((s) => (s.up ? (s.view as mp.MultiPaxosView | null) : null));
    const leader = mp.leaderOf(views);
    if (leader === null) return { error: 'propose: no leader yet (run the lab until one is elected, or give a replica: propose r1 VALUE)' };
    return { action: { type: 'propose', sid: leader, value: words }, text: `${mp.nodeName(cfg, leader)} (the leader) gets propose ${words}` };
  },
  replyText: (sim, sid, reply) => {
    const r = reply as mp.MpReply;
    if (r.type === 'redirect') return `${sim.name(sid)}: not the leader${r.leader ? `; the leader is ${r.leader}` : ' (no leader known)'} — ${r.value} not proposed`;
    if (r.type === 'chosen') return `${sim.name(sid)}: slot ${r.slot} chosen: ${r.value}`;
    return `${sim.name(sid)}: slot ${r.slot} chose ${mp.formatValue(r.chosen)}, not ${r.value}`;
  },
};

function commitConfigOf(c: LabConfig, variant: commit.CommitVariant): commit.CommitConfig {
  return commit.commitConfig({ variant, participants: c.participants, seed: c.seed, bugs: (c.bugs ?? []) as unknown as commit.CommitBug[] });
}

/**
 * 2PC or 3PC: one implementation (src/protocol/commit/), two entries. `begin T` and `vote pK no`
 * travel as the lab's `propose` action (to c with value T, to pK with value no|yes).
 */
function commitProtocol(variant: commit.CommitVariant): LabProtocol {
  const module = variant === '2pc' ? commit.twoPcModule : commit.threePcModule;
  const presets = commit.presetsOf(variant);
  return {
    ...commitViews(variant),
    id: variant,
    hasZkCli: false,
    setup: (c) => {
      const cfg = commitConfigOf(c, variant);
      return moduleSetup(c, module as NodeModule, cfg, commit.commitIds(cfg), (id) => commit.nodeName(cfg, id));
    },
    processId: (c, word) => commit.nodeIdOf(commitConfigOf(c, variant), word),
    statusLines: (sim, c) => {
      const cfg = commitConfigOf(c, variant);
      const views = new Map<NodeId, commit.CommitView | null>();
      const disks = new Map<NodeId, commit.CommitDisk>();
      for (const s of sim.servers.values()) {
        views.set(s.sid, s.up ? (s.view as commit.CommitView | null) : null);
        disks.set(s.sid, s.disk as commit.CommitDisk);
      }
      const lines = [...sim.servers.values()].map((s) => commit.statusLine(cfg, s.sid, views.get(s.sid) ?? null, disks.get(s.sid) ?? null));
      return [...lines, ...commit.txnLines(cfg, views, disks)];
    },
    invariants: commit.commitInvariants(variant),
    createChecker: (c) => commit.createCommitChecker(commitConfigOf(c, variant)) as ProtocolChecker<unknown, unknown>,
    exhibits: presets.map((p) => ({
      name: p.id, bug: p.bug, invariant: p.bug !== null || variant === '3pc' ? p.invariant : null,
      params: { protocol: variant, participants: String(p.participants), seed: String(p.seed) },
      lines: p.lines, en: p.en, zh: p.zh,
    })),
    description: commit.commitDescription(variant),
    eventText: (ev) => commit.eventText(ev as commit.CommitEvent),
    text: { en: commit.COMMIT_TEXT_EN, zh: commit.COMMIT_TEXT_ZH },
    parseCommand: (c, _sim, line) => {
      const words = line.trim().split(/\s+/);
      const cfg = commitConfigOf(c, variant);
      if (words[0] === 'begin') {
        const txn = words[1];
        if (words.length !== 2 || txn === undefined || !commit.TXN_NAME.test(txn)) return { error: 'usage: begin T   (T: 1-32 letters, digits, _ . -)' };
        return { action: { type: 'propose', sid: commit.COORDINATOR, value: txn }, text: `c begins ${txn}` };
      }
      if (words[0] === 'vote') {
        const sid = words[1] === undefined ? null : commit.nodeIdOf(cfg, words[1]);
        const vote = words[2];
        if (words.length !== 3 || sid === null || sid === commit.COORDINATOR || (vote !== 'no' && vote !== 'yes')) return { error: 'usage: vote pK no|yes   (pK a participant: p1, p2 …)' };
        return { action: { type: 'propose', sid, value: vote }, text: `${commit.nodeName(cfg, sid)} will vote ${vote} on the next transaction` };
      }
      return null;
    },
    replyText: (sim, sid, reply) => {
      const r = reply as commit.CommitReply;
      if (r.type === 'outcome') return `${sim.name(sid)}: ${r.txn} ${r.outcome === 'commit' ? 'committed' : 'aborted'}`;
      if (r.type === 'vote') return `${sim.name(sid)}: votes ${r.vote} on the next transaction`;
      return `${sim.name(sid)}: ${r.txn} not begun (${r.reason === 'exists' ? 'a transaction of that name exists' : r.reason === 'down' ? 'the process is down' : 'bad name'})`;
    },
  };
}

const twoPcProtocol = commitProtocol('2pc');
const threePcProtocol = commitProtocol('3pc');

const PROTOCOL_TABLE: Record<ProtocolId, LabProtocol> = {
  zookeeper,
  paxos: paxosProtocol,
  multipaxos: multiPaxosProtocol,
  '2pc': twoPcProtocol,
  '3pc': threePcProtocol,
};

function prefixed(prefix: string, dict: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(dict).map(([k, v]) => [`${prefix}${k}`, v]));
}

/** Every protocol of the lab, ZooKeeper first. */
export const ALL_PROTOCOLS: readonly LabProtocol[] = [zookeeper, paxosProtocol, multiPaxosProtocol, twoPcProtocol, threePcProtocol];

export function protocolOf(config: LabConfig): LabProtocol {
  return PROTOCOL_TABLE[config.protocol];
}

export function protocolById(id: ProtocolId): LabProtocol {
  return PROTOCOL_TABLE[id];
}

export function setupOf(config: LabConfig): LabSetup {
  return protocolOf(config).setup(config);
}

/**
 * One line of an exhibit's schedule as the console takes it: the schedules' vocabulary (`run 2s`,
 * `kill a1`, `delay p1 a2 600` — one way, in ms — `write 3 1` …) becomes `lab …` commands; a
 * protocol's own command (`propose …`) stays as it is.
 */
export function scheduleLine(line: string): string {
  const w = line.trim().split(/\s+/);
  if (w[0] === 'propose') return line.trim();
  if (w[0] === 'delay' && w.length === 4 && /^\d+$/.test(w[3]!)) return `lab delay ${w[1]}->${w[2]} ${w[3]}ms`;
  return `lab ${line.trim()}`;
}

/** `new voters=3 seed=1` (a ZooKeeper exhibit's first line) → its URL settings. */
function paramsOfNew(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of line.split(/\s+/).slice(1)) {
    const i = word.indexOf('=');
    if (i > 0) out[word.slice(0, i)] = word.slice(i + 1);
  }
  return out;
}

/** `NAME ok` or `NAME BROKEN at TIME (event N): WHY` per invariant (`lab invariants`, docs/architecture.md). */
export function invariantLines(invariants: readonly InvariantInfo[], violations: readonly Violation[], formatTime: (ms: number) => string): string[] {
  return invariants.map((inv) => {
    const first = violations.find((v) => v.invariant === inv.name);
    return first ? `${inv.name} BROKEN at ${formatTime(first.t)} (event ${first.traceIndex}): ${first.message}` : `${inv.name} ok`;
  });
}

/**
 * A run from a link's text (`?run=`), for this lab: its processes (runLink.parseRun checks every
 * action names one of them) and, where the protocol takes `propose` (Paxos, Multi-Paxos), its
 * proposals. Nothing of an invalid link is replayed.
 */
export function parseRunOf(config: LabConfig, text: string): { run: RunData } | { error: string } {
  // Every protocol module's own commands travel as `propose` (Paxos' and Multi-Paxos' propose, 2PC/3PC's begin and vote).
  const opts: RunLinkOptions = { propose: !protocolOf(config).hasZkCli };
  if (config.protocol === 'zookeeper') {
    opts.addServer = addRoom(config.voters, config.observers);
    opts.load = true;
  }
  return parseRun(text, setupOf(config).ids.length, opts);
}
