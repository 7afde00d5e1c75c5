/**
 * The `lab …` commands of the console (docs/architecture.md): the automation contract that tests,
 * lessons and people use to drive the ensemble. Pure text in, text out, over a `LabController`
 * that the browser runtime and the Node scenario runner both implement.
 */
import { hex } from '../protocol/zxid.ts';
import type { PeerView } from '../protocol/QuorumPeer.ts';
import type { QuorumConfig, Sid } from '../protocol/types.ts';
import { describeLoad, nextScriptedWrite, type LabAction } from '../protocol/actions.ts';
import { MAX_LOAD } from '../protocol/runLink.ts';
import type { KernelTraceEntry, Simulation } from '../sim/simulation.ts';
import { CLIENT_BASE, endpointName, zkSim, type ZkSimulation } from '../protocol/zookeeper.ts';
import type { ClientOp } from '../protocol/client/packets.ts';
import { packetType } from '../sim/trace.ts';
import type { TraceEntry } from '../protocol/zookeeper.ts';
import { connectionRefused, FOUR_LETTER_WORDS } from './fourLetterWords.ts';
import { txnLogLines } from './txnLog.ts';
import { addRoom, LIMITS, type LabConfig } from '../protocol/config.ts';
import { invariantLines, protocolById, type LabProtocol } from '../protocol/registry.ts';
import { renderText, type Violation } from '../sim/module.ts';
import type { SweepResult } from './load.ts';

export interface LabController {
  readonly sim: Simulation;
  /** The lab's settings and its protocol (src/protocol/registry.ts). */
  readonly config: LabConfig;
  readonly protocol: LabProtocol;
  /**
   * The protocol's invariants as checked in this lab, with the first violation of each (null: not
   * checked here). `lab invariants` prints them.
   */
  invariantStatus?(): InvariantStatus[] | null | Promise<InvariantStatus[] | null>;
  /** Applies and records a user action (kill, start, partition …) at the current moment. */
  apply(action: LabAction): Promise<boolean>;
  /** Advances simulated time by `ms`, running every event on the way. */
  runFor(ms: number): Promise<void>;
  /** Runs the next `n` events; returns how many ran. */
  stepEvents(n: number): Promise<number>;
  /** Rewinds `n` events; returns how many were undone. */
  back(n: number): Promise<number>;
  /** Jumps to simulated time `ms`, forward or back. */
  seek(ms: number): Promise<void>;
  /** Runs event by event until one matches `kinds` (packet types, or `role`); optional (time travel). */
  stepToNext?(kinds: string[]): Promise<{ steps: number; hit: KernelTraceEntry | null }>;
  /** The run's branches (acting in the past forks one), and switching between them. */
  branchList?(): Array<{ id: number; parent: number | null; forkedAt: { t: number } | null; actions: number; head: { eventCount: number; t: number }; current: boolean }>;
  switchBranch?(id: number): Promise<unknown>;
  pause(): void;
  play(): void;
  isPaused(): boolean;
  /**
   * `lab sweep`: the saturated throughput of an ensemble of `voters` + `observers` (this lab's
   * other settings) at each share of reads, each point in a throwaway run (src/worker/sweep.ts).
   */
  sweep?(voters: number, observers: number, shares: readonly number[]): SweepResult | Promise<SweepResult>;
}

export interface InvariantStatus {
  name: string;
  first: Violation | null;
}

export interface LabReply {
  lines: string[];
  /** True when the command was not understood or failed. */
  error?: boolean;
}

/** The `lab` commands every lab has. */
const LAB_COMMON = [
  'lab commands (processes as 2 or zk2, a1, p1, r3, c …; times as 10s, 500ms or 1.5s):',
  '\tlab kill S [S…]',
  '\tlab start S [S…]',
  '\tlab wipe S [S…]',
  '\tlab partition A,B C,D',
  '\tlab heal [A B]',
  '\tlab cut A B   (both ways)  ·  lab cut A->B   (one way)',
  '\tlab delay A->B TIME   (latency spike; 0ms ends it)',
  '\tlab faults A B loss=P dup=P  ·  lab faults A->B …   (datagram loss/duplication, P from 0 to 1; Paxos, Multi-Paxos, 2PC and 3PC labs)',
  '\tlab run TIME',
  '\tlab pause',
  '\tlab play',
  '\tlab step [n]',
  '\tlab step vote|proposal|commit|role|TYPE   (run to the next one: NOTIFICATION, PROPOSAL, COMMIT/INFORM, a role change, a packet type)',
  '\tlab back [n]',
  '\tlab seek TIME',
  '\tlab status',
  '\tlab invariants   (each invariant: ok, or where it first broke)',
  '\tlab bugs   (the bug switches and presets of this protocol)',
  '\tlab preset [NAME]   (run the preset fault schedule of the switched-on bug, or of NAME)',
  '\tlab log [TYPE…]',
  '\tlab hash',
  '\tlab branches   (acting in the past forks a branch)',
  '\tlab branch N   (go to branch N where it was left)',
];

const ZOOKEEPER_USAGE = [
  'ZooKeeper only:',
  '\tlab add observer|voter   (a new server zkN+1 joins: its zoo.cfg lists the servers so far and itself; then reconfig -add it)',
  '\tlab 4lw S WORD',
  '\tlab txnlog S [N]   (S\'s transaction log as TxnLogToolkit prints it; N: only the last N txns)',
  '\tlab write S [n]   (n writes /wN from a scripted client, not waited for)',
  '\tlab load clients=N reads=R% rate=X/s [servers=S,S…]   (load clients: getData/setData of /load; rate=max: closed loop)',
  '\tlab load   (what each server served over the last 10s: reads/s, writes/s, p50, p99, queue)  ·  lab load stop',
  '\tlab sweep reads=0..100 step=10 [voters=V observers=O]   (saturated throughput against the share of reads, in throwaway runs)',
  '\tlab client cN connect S[,S…]  ·  lab client cN create|set PATH VALUE  ·  lab client cN get|delete|sync PATH  ·  lab client cN close',
];

/** Every `lab` command of every protocol (Tab completion). */
export const LAB_USAGE = [...LAB_COMMON, ...ZOOKEEPER_USAGE];

/**
 * `lab help` in a lab of this protocol: the lab's commands, then ZooKeeper's own `lab` commands
 * or the protocol's own console commands with one line each (the registry's `usage`, which the
 * console also prints when it opens: Paxos's `propose P VALUE`, 2PC's `begin T` …).
 */
export function labHelp(protocol: Pick<LabProtocol, 'id' | 'title' | 'usage'>): string[] {
  if (protocol.id === 'zookeeper') return LAB_USAGE;
  return [...LAB_COMMON, `${protocol.title} (besides the lab commands):`, ...protocol.usage.map((line) => `\t${line}`)];
}

/** What `lab step WORD` runs to: breakpoint kinds (packet types as `lab log` names them, or `role`). */
export const STEP_TARGETS: Record<string, string[]> = {
  vote: ['NOTIFICATION'],
  proposal: ['PROPOSAL'],
  commit: ['COMMIT', 'INFORM'],
  role: ['role'],
};

/**
 * What a breakpoint stopped at, as one line (`1.234s zk2->zk1 PROPOSAL …`, `zk3 LOOKING -> LEADING`,
 * `1.234s p1->a2 PREPARE ballot=1.1`, or a protocol event in its own words). Without `ctl`, a
 * ZooKeeper run's entry.
 */
export function describeHitText(e: KernelTraceEntry | null, ctl?: Pick<LabController, 'sim' | 'protocol'>): string | null {
  return e ? describeHit(e, ctl) : null;
}

function describeHit(e: KernelTraceEntry, ctl?: Pick<LabController, 'sim' | 'protocol'>): string {
  if (e.kind === 'deliver') return ctl ? logLine(e, (id) => ctl.sim.name(id), ctl.protocol.describeMessage) : logLine(e as Extract<TraceEntry, { kind: 'deliver' }>);
  if (e.kind === 'event') {
    const ev = e.event as { kind?: string; from?: string; to?: string };
    if (ev.kind === 'state' && ev.from !== undefined) return `${ctl ? ctl.sim.name(e.sid) : serverName(e.sid)} ${ev.from} -> ${ev.to}`;
    const text = ctl?.protocol.eventText(e.event);
    if (text) return `${formatTime(e.t)} ${renderText(text, ctl!.protocol.text.en)}`;
  }
  return e.kind;
}

function branchLine(b: ReturnType<NonNullable<LabController['branchList']>>[number]): string {
  const fork = b.parent === null || !b.forkedAt ? 'the first run' : `forked from branch ${b.parent} at ${formatTime(b.forkedAt.t)}`;
  return `${b.current ? '*' : ' '} branch ${b.id}: ${fork}, ${b.actions} action${b.actions === 1 ? '' : 's'}, up to ${formatTime(b.head.t)} (${b.head.eventCount} events)`;
}

/** "1.5s" / "500ms" / "2m" → ms; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]);
  const unit = m[2] ?? 's';
  const ms = unit === 'ms' ? v : unit === 's' ? v * 1000 : v * 60000;
  return Number.isFinite(ms) && ms <= 24 * 3600 * 1000 ? Math.round(ms) : null;
}

/** `1234` → `1.234s`. */
export function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

export function serverName(sid: Sid): string {
  return `zk${sid}`;
}

/** The process a console word names: its name (`zk2`, `a1`, `r3`) or, where the name ends in its id, the bare number (`2`). */
export function parseProcess(ctl: Pick<LabController, 'sim' | 'config' | 'protocol'>, word: string | undefined): Sid | string {
  if (word === undefined) return 'missing server';
  const sid = ctl.protocol.processId(ctl.config, word);
  const names = [...ctl.sim.servers.keys()].map((s) => ctl.sim.name(s));
  if (sid === null || !ctl.sim.servers.has(sid)) return `no server ${word} (servers are ${names.join(', ')})`;
  return sid;
}

const parseServer = parseProcess;

function parseGroups(ctl: LabController, words: string[]): Sid[][] | string {
  const groups: Sid[][] = [];
  const seen = new Set<Sid>();
  for (const w of words) {
    const g: Sid[] = [];
    for (const part of w.split(',').filter((p) => p !== '')) {
      const sid = parseServer(ctl, part);
      if (typeof sid === 'string') return sid;
      if (seen.has(sid)) return `${ctl.sim.name(sid)} is in two groups`;
      seen.add(sid);
      g.push(sid);
    }
    if (g.length > 0) groups.push(g);
  }
  if (groups.length < 2) return 'partition needs at least two groups, e.g. lab partition 1,2 3,4,5';
  return groups;
}

/** `A B` (both directions) or `A->B` (one way). */
function parseLink(ctl: LabController, args: string[]): { from: Sid; to: Sid; oneWay: boolean } | string {
  const joined = args.join(' ');
  const m = /^(\S+?)\s*->\s*(\S+)$/.exec(joined);
  const [a, b, oneWay] = m ? [m[1], m[2], true] : [args[0], args[1], false];
  if (args.length === 0 || (!m && args.length !== 2)) return 'give two servers: A B (both ways) or A->B (one way)';
  const from = parseServer(ctl, a);
  if (typeof from === 'string') return from;
  const to = parseServer(ctl, b);
  if (typeof to === 'string') return to;
  if (from === to) return 'a server has no link to itself';
  return { from, to, oneWay };
}

export function describeServer(sid: Sid, up: boolean, v: PeerView | null): string {
  const name = serverName(sid);
  if (!up || !v) return `${name} DOWN`;
  const role = v.learnerType === 'OBSERVER' ? ' (observer)' : v.nonVoting ? ' (non-voting)' : '';
  // A reconfig in flight on this server: its last seen config is ahead of its committed one.
  const cv = v.configVersions;
  const pending = cv && cv.lastSeen !== cv.committed ? ` config=${cv.committed.toString(16)} lastSeenConfig=${cv.lastSeen.toString(16)}` : '';
  const zab = `acceptedEpoch=${v.acceptedEpoch} currentEpoch=${v.currentEpoch} lastZxid=${hex(v.lastLoggedZxid)}${pending}`;
  if (v.state === 'LOOKING' && v.proposal) {
    const p = v.proposal;
    const who = p.leader < 0 ? 'none' : serverName(p.leader);
    return `${name} LOOKING${role} proposal=(${who}, ${hex(p.zxid)}, peerEpoch ${p.peerEpoch}) logicalclock=${v.logicalclock} ${zab}`;
  }
  const leader = v.state === 'LOOKING' ? '' : ` leader=${serverName(v.currentVote.id)}`;
  const phase = v.zab.phase === 'NONE' ? '' : ` phase=${v.zab.phase}`;
  return `${name} ${v.state}${role}${leader}${phase} logicalclock=${v.logicalclock} ${zab}`;
}

export function statusLines(sim: ZkSimulation): string[] {
  const lines = [`time ${formatTime(sim.now)}`];
  for (const s of sim.servers.values()) lines.push(describeServer(s.sid, s.up, s.view));
  for (const c of sim.clients.values()) {
    const session = c.sessionId === 0n ? 'no session' : `session 0x${BigInt.asUintN(64, c.sessionId).toString(16)}`;
    lines.push(`${endpointName(c.cid)} client of ${serverName(c.server)} ${c.state} ${session}`);
  }
  const cuts = sim.cutLinks().map(([a, b]) => `${serverName(a)}->${serverName(b)}`);
  if (cuts.length > 0) lines.push(`cut: ${cuts.join(' ')}`);
  return lines;
}

/**
 * One delivered packet as `lab log` prints it: `<time> <from>-><to> <TYPE> …`, the processes named
 * by the protocol, the details by the protocol's own `describeMessage` (ZooKeeper's below).
 */
export function logLine(
  e: Extract<KernelTraceEntry, { kind: 'deliver' }>,
  name: (id: number) => string = endpointName,
  describe: (msg: unknown) => string = protocolById('zookeeper').describeMessage,
): string {
  const detail = describe(e.msg);
  return `${formatTime(e.t)} ${name(e.from)}->${name(e.to)} ${packetType(e.msg)}${detail === '' ? '' : ` ${detail}`}`;
}


/**
 * A four-letter word's reply as console lines. The server's host answers it from the server's
 * live state (src/protocol/server/fourLetterInput.ts), over a connection of its own that the
 * answer lists like any client's; asking changes nothing in the run.
 */
export async function fourLetterWordLines(sim: Simulation, sid: Sid, word: string): Promise<string[]> {
  const text = await sim.query(sid, word);
  return text.replace(/\n$/, '').split('\n');
}

const CLIENT_OPS = ['connect', 'create', 'set', 'get', 'delete', 'sync', 'close'];
const OPEN = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

/**
 * `lab client cN …`: a scripted client with a real session (ClientCnxn over the simulated
 * network, unlike `lab write`'s bare requests): its operations are sent and not waited for — the
 * console does not block, and the trace holds each request and reply, so the client-history
 * checker (src/protocol/checkers/history.ts) can judge them. The soak drives a few of these.
 */
async function labClient(ctl: LabController, args: string[]): Promise<LabReply> {
  const fail = (msg: string): LabReply => ({ lines: [`lab client: ${msg}`], error: true });
  const m = /^c(\d{1,3})$/.exec(args[0] ?? '');
  const verb = args[1] ?? '';
  if (!m || !CLIENT_OPS.includes(verb)) return fail('usage: lab client cN connect S[,S…] | create|set PATH VALUE | get|delete|sync PATH | close');
  const n = Number(m[1]);
  const cid = CLIENT_BASE + n;
  const sim = zkSim(ctl.sim);
  if (verb === 'connect') {
    if (n < 1) return fail('clients are c1, c2, …');
    if (sim.clients.has(cid)) return fail(`c${n} exists (each name is one session; pick another)`);
    const hosts: Sid[] = [];
    for (const w of (args[2] ?? '').split(',').filter((x) => x !== '')) {
      const sid = parseServer(ctl, w);
      if (typeof sid === 'string') return fail(sid);
      hosts.push(sid);
    }
    if (hosts.length === 0 || args.length > 3) return fail('usage: lab client cN connect S[,S…]');
    await ctl.apply({ type: 'addClient', cid, server: hosts[0]!, sessionTimeout: 30000, hosts });
    return { lines: [`c${n} connects to ${hosts.map(serverName).join(',')}`] };
  }
  if (!sim.clients.has(cid)) return fail(`no client c${n} (lab client c${n} connect S first)`);
  const tag = sim.trace.length; // unique within the run; nobody waits on it
  if (verb === 'close') {
    if (args.length > 2) return fail('usage: lab client cN close');
    await ctl.apply({ type: 'client', cid, input: { type: 'close', tag } });
    return { lines: [`c${n} closes its session`] };
  }
  const path = args[2];
  const needsValue = verb === 'create' || verb === 'set';
  if (path === undefined || !path.startsWith('/') || args.length !== (needsValue ? 4 : 3)) {
    return fail(needsValue ? `usage: lab client cN ${verb} PATH VALUE` : `usage: lab client cN ${verb} PATH`);
  }
  const data = needsValue ? new TextEncoder().encode(args[3]) : null;
  const op: ClientOp =
    verb === 'create' ? { op: 'create', path, data, acl: OPEN, mode: 'PERSISTENT', ttl: -1 }
    : verb === 'set' ? { op: 'setData', path, data, version: -1 }
    : verb === 'delete' ? { op: 'delete', path, version: -1 }
    : verb === 'sync' ? { op: 'sync', path }
    : { op: 'getData', path, watch: false };
  await ctl.apply({ type: 'client', cid, input: { type: 'op', tag, op } });
  return { lines: [`c${n} sends ${verb} ${path}${needsValue ? ` ${args[3]}` : ''}`] };
}

/**
 * A console line of the protocol's own (`propose p1 x` in a Paxos lab): recorded as an action at
 * the current moment; null when the line is not one of the protocol's commands.
 */
export async function runProtocolLine(ctl: LabController, line: string): Promise<LabReply> {
  const parsed = ctl.protocol.parseCommand(ctl.config, ctl.sim, line);
  if (!parsed) return { lines: [`unknown command: ${line.trim().split(/\s+/)[0] ?? ''} (lab help lists the lab's commands)`], error: true };
  if ('error' in parsed) return { lines: [parsed.error], error: true };
  await ctl.apply(parsed.action);
  return { lines: [parsed.text] };
}

/**
 * What `lab add` would start next: the newest zoo.cfg (the static members of the servers so far),
 * the room it leaves for each role (every server ever added counts, as a shared run's validation
 * counts them: src/protocol/runLink.ts) and the new server's id.
 */
export function addServerRoom(sim: Simulation): { newest: QuorumConfig; room: { participant: number; observer: number }; sid: Sid } {
  let newest = sim.setup.config as QuorumConfig;
  let sid = 0;
  for (const slot of sim.servers.values()) {
    if (slot.config !== undefined) newest = slot.config as QuorumConfig;
    sid = Math.max(sid, slot.sid);
  }
  return { newest, room: addRoom(newest.voters.length, newest.observers.length), sid: sid + 1 };
}

/**
 * `lab add observer|voter`: a new server, the next id, starts with an empty disk and a zoo.cfg of
 * the servers so far plus itself (what an operator does before `reconfig -add`). At most 9 voters
 * and 4 observers in all.
 */
async function addServer(ctl: LabController, args: string[]): Promise<LabReply> {
  const word = args[0];
  if (args.length !== 1 || (word !== 'observer' && word !== 'voter')) return { lines: ['usage: lab add observer|voter'], error: true };
  const role = word === 'observer' ? 'observer' : 'participant';
  const { newest, room, sid } = addServerRoom(ctl.sim);
  if (room[role] <= 0) return { lines: [`lab add: the lab has room for at most ${LIMITS.voters[1]} voters and ${LIMITS.observers[1]} observers`], error: true };
  await ctl.apply({ type: 'addServer', sid, role });
  return { lines: [`${ctl.sim.name(sid)} started as a new ${word}: its zoo.cfg lists ${[...newest.voters, ...newest.observers].sort((a, b) => a - b).map((s) => ctl.sim.name(s)).join(', ')} and itself`] };
}

/** Commands only a ZooKeeper lab has. */
const ZOOKEEPER_ONLY = ['4lw', 'txnlog', 'client', 'write', 'add', 'load', 'sweep'];

function cutLine(ctl: LabController): string[] {
  const cuts = ctl.sim.cutLinks().map(([a, b]) => `${ctl.sim.name(a)}->${ctl.sim.name(b)}`);
  return cuts.length > 0 ? [`cut: ${cuts.join(' ')}`] : [];
}

export async function runLabCommand(ctl: LabController, line: string): Promise<LabReply> {
  const words = line.trim().split(/\s+/).filter((w) => w !== '');
  if (words[0] !== 'lab') return { lines: [`not a lab command: ${line}`], error: true };
  const cmd = words[1];
  const args = words.slice(2);
  const sim = zkSim(ctl.sim);
  const serverName = (id: Sid): string => ctl.sim.name(id);
  const fail = (msg: string): LabReply => ({ lines: [msg], error: true });
  if (cmd !== undefined && ZOOKEEPER_ONLY.includes(cmd) && ctl.protocol.id !== 'zookeeper') {
    return fail(`lab ${cmd}: a ZooKeeper command (this lab runs ${ctl.protocol.id})`);
  }
  switch (cmd) {
    case undefined:
    case 'help':
      return { lines: labHelp(ctl.protocol) };
    case 'kill':
    case 'start':
    case 'wipe': {
      // `lab start 2 3` acts on each server in turn; every name is checked before anything happens.
      const sids: Sid[] = [];
      for (const word of args.length === 0 ? [undefined] : args) {
        const sid = parseServer(ctl, word);
        if (typeof sid === 'string') return fail(`lab ${cmd}: ${sid}`);
        sids.push(sid);
      }
      const lines: string[] = [];
      for (const sid of sids) {
        const name = serverName(sid);
        if (cmd === 'kill') lines.push((await ctl.apply({ type: 'kill', sid })) ? `${name} killed` : `${name} is already down`);
        else if (cmd === 'start') lines.push((await ctl.apply({ type: 'start', sid })) ? `${name} started` : `${name} is already running`);
        else {
          await ctl.apply({ type: 'wipe', sid });
          lines.push(`${name} wiped (disk erased; it is down)`);
        }
      }
      return { lines };
    }
    case 'add':
      return addServer(ctl, args);
    // Loaded on first use: the page's first load carries neither.
    case 'load':
      return (await import('./load.ts')).labLoad(ctl, args, { describeLoad, maxLoad: MAX_LOAD });
    case 'sweep': {
      if (!ctl.sweep) return fail('lab sweep: not available here');
      const { parseSweepArgs, sweepLines } = await import('./load.ts');
      const { newest } = addServerRoom(ctl.sim);
      const parsed = parseSweepArgs(args, { voters: newest.voters.length, observers: newest.observers.length });
      if (typeof parsed === 'string') return fail(parsed);
      return { lines: sweepLines(await ctl.sweep(parsed.voters, parsed.observers, parsed.shares)) };
    }
    case 'partition': {
      const groups = parseGroups(ctl, args);
      if (typeof groups === 'string') return fail(`lab partition: ${groups}`);
      await ctl.apply({ type: 'partition', groups });
      return { lines: [`partitioned ${groups.map((g) => `{${g.map(serverName).join(',')}}`).join(' | ')}`] };
    }
    case 'heal': {
      if (args.length === 0) {
        await ctl.apply({ type: 'heal' });
        return { lines: ['all links healed'] };
      }
      const link = parseLink(ctl, args);
      if (typeof link === 'string') return fail(`lab heal: ${link}`);
      await ctl.apply({ type: 'heal', from: link.from, to: link.to, oneWay: link.oneWay });
      return { lines: [`healed ${serverName(link.from)}${link.oneWay ? '->' : '<->'}${serverName(link.to)}`] };
    }
    case 'cut': {
      const link = parseLink(ctl, args);
      if (typeof link === 'string') return fail(`lab cut: ${link}`);
      await ctl.apply({ type: 'cut', from: link.from, to: link.to, oneWay: link.oneWay });
      return { lines: [`cut ${serverName(link.from)}${link.oneWay ? '->' : '<->'}${serverName(link.to)}`] };
    }
    case 'delay': {
      // A latency spike: `lab delay A->B 500ms` (one way) or `lab delay A B 500ms`; 0ms ends it.
      const ms = args.length < 2 ? null : parseDuration(args[args.length - 1]!);
      const link = parseLink(ctl, args.slice(0, -1));
      if (typeof link === 'string' || ms === null) return fail(`lab delay: give a link and a time, e.g. lab delay 1->2 500ms`);
      await ctl.apply({ type: 'delay', from: link.from, to: link.to, ms });
      if (!link.oneWay) await ctl.apply({ type: 'delay', from: link.to, to: link.from, ms });
      return { lines: [`delay ${serverName(link.from)}${link.oneWay ? '->' : '<->'}${serverName(link.to)} +${ms}ms`] };
    }
    case 'run': {
      const ms = args[0] === undefined ? null : parseDuration(args[0]);
      if (ms === null) return fail('lab run: give a time, e.g. lab run 10s or lab run 500ms');
      await ctl.runFor(ms);
      return { lines: [`time ${formatTime(ctl.sim.now)}`] };
    }
    case 'pause':
      ctl.pause();
      return { lines: [`paused at ${formatTime(sim.now)}`] };
    case 'play':
      ctl.play();
      return { lines: ['playing'] };
    case 'step':
    case 'back': {
      if (cmd === 'step' && args[0] !== undefined && !/^\d+$/.test(args[0])) {
        const kinds = STEP_TARGETS[args[0].toLowerCase()] ?? [args[0].toUpperCase()];
        if (!ctl.stepToNext) return fail('lab step: stepping to a kind of event is not available here');
        ctl.pause();
        const { steps, hit } = await ctl.stepToNext(kinds);
        const what = hit ? describeHit(hit, ctl) : `no ${args[0]} within ${steps} events`;
        return { lines: [`stepped ${steps} event${steps === 1 ? '' : 's'} to ${what}; time ${formatTime(ctl.sim.now)}`] };
      }
      const n = args[0] === undefined ? 1 : Number(args[0]);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) return fail(`lab ${cmd}: n must be a whole number from 1 to 1000000`);
      ctl.pause();
      const done = cmd === 'step' ? await ctl.stepEvents(n) : await ctl.back(n);
      return { lines: [`${cmd === 'step' ? 'stepped' : 'rewound'} ${done} event${done === 1 ? '' : 's'}; time ${formatTime(ctl.sim.now)}`] };
    }
    case 'seek': {
      const ms = args[0] === undefined ? null : parseDuration(args[0]);
      if (ms === null) return fail('lab seek: give a time, e.g. lab seek 12.5s');
      await ctl.seek(ms);
      return { lines: [`time ${formatTime(ctl.sim.now)}`] };
    }
    case 'status': {
      const own = ctl.protocol.id === 'zookeeper' ? statusLines(sim).slice(1) : ctl.protocol.statusLines(ctl.sim, ctl.config);
      const cuts = ctl.protocol.id === 'zookeeper' ? [] : cutLine(ctl);
      return { lines: [`time ${formatTime(ctl.sim.now)}`, ...own, ...cuts] };
    }
    case 'invariants': {
      const status = (await ctl.invariantStatus?.()) ?? null;
      if (!status) return fail('lab invariants: not checked here');
      const infos = status.map((s) => ({ name: s.name, en: '', zh: '' }));
      return { lines: invariantLines(infos, status.flatMap((s) => (s.first ? [s.first] : [])), formatTime) };
    }
    case 'bugs': {
      const lines = ctl.protocol.exhibits.map((e) => `${e.bug ? 'bug   ' : 'preset'} ${e.name}${e.invariant ? ` → ${e.invariant}` : ''}${(ctl.config.bugs ?? []).includes(e.name as never) ? '   (switched on)' : ''}`);
      return { lines: [`${ctl.protocol.id}: ?bugs=NAME switches a rule off; lab preset [NAME] runs a schedule`, ...lines] };
    }
    case 'preset': {
      const on = (ctl.config.bugs ?? []) as string[];
      const want = args[0] ?? on[0];
      const ex = ctl.protocol.exhibits.find((e) => e.name === want);
      if (!ex) return fail(`lab preset: give a preset or switch a bug on (${ctl.protocol.exhibits.map((e) => e.name).join(', ')})`);
      const lines = [`preset ${ex.name} (written for ${Object.entries(ex.params).map(([k, v]) => `${k}=${v}`).join('&')}):`];
      for (const l of ex.lines) {
        const reply = l.startsWith('lab ') ? await runLabCommand(ctl, l) : await runProtocolLine(ctl, l);
        lines.push(`> ${l}`, ...reply.lines);
        if (reply.error) return { lines, error: true };
      }
      return { lines };
    }
    case 'faults': {
      // Datagram faults: `lab faults A B loss=0.2 dup=0.1` (both ways) or `lab faults A->B …`; loss=0 dup=0 ends them.
      const opts = args.filter((a) => a.includes('='));
      const link = parseLink(ctl, args.filter((a) => !a.includes('=')));
      const val = (k: string): number | null => {
        const o = opts.find((x) => x.startsWith(`${k}=`));
        if (!o) return 0;
        const v = Number(o.slice(k.length + 1));
        return Number.isFinite(v) && v >= 0 && v <= 1 ? v : null;
      };
      const loss = val('loss');
      const dup = val('dup');
      if (typeof link === 'string' || loss === null || dup === null || opts.length === 0) return fail('lab faults: usage: lab faults A B loss=P dup=P (P from 0 to 1), e.g. lab faults p1 a2 loss=0.3');
      await ctl.apply({ type: 'faults', from: link.from, to: link.to, loss, dup, oneWay: link.oneWay });
      return { lines: [`faults ${serverName(link.from)}${link.oneWay ? '->' : '<->'}${serverName(link.to)} loss=${loss} dup=${dup}`] };
    }
    case 'log': {
      const types = new Set(args.map((a) => a.toUpperCase()));
      const lines: string[] = [];
      for (const e of sim.trace) {
        if (e.kind !== 'deliver') continue;
        if (types.size > 0 && !types.has(packetType(e.msg))) continue;
        lines.push(logLine(e, (id) => ctl.sim.name(id), ctl.protocol.describeMessage));
      }
      return { lines };
    }
    case '4lw': {
      const sid = parseServer(ctl, args[0]);
      if (typeof sid === 'string') return fail(`lab 4lw: ${sid}`);
      const word = args[1];
      if (word === undefined || !FOUR_LETTER_WORDS.includes(word)) {
        return fail(`lab 4lw: give one of ${FOUR_LETTER_WORDS.join(' ')}`);
      }
      const s = sim.slot(sid);
      if (!s.up) return fail(connectionRefused(sid));
      return { lines: await fourLetterWordLines(sim, sid, word) };
    }
    case 'txnlog': {
      // Read from the disk the host owns: a killed server's log is still there, a wiped one is empty.
      const sid = parseServer(ctl, args[0]);
      if (typeof sid === 'string') return fail(`lab txnlog: ${sid}`);
      const last = args[1] === undefined ? null : Number(args[1]);
      if (args.length > 2 || (last !== null && (!/^\d+$/.test(args[1]!) || last < 1))) {
        return fail('lab txnlog: usage: lab txnlog S [N]   (N: only the last N txns, N >= 1)');
      }
      return { lines: txnLogLines(sid, sim.slot(sid).disk, last) };
    }
    case 'branches': {
      if (!ctl.branchList) return fail('lab branches: not available here');
      return { lines: ctl.branchList().map(branchLine) };
    }
    case 'branch': {
      const n = Number(args[0]);
      const list = ctl.branchList?.() ?? [];
      if (!ctl.switchBranch || !list.some((b) => b.id === n)) return fail(`lab branch: give a branch number (${list.map((b) => b.id).join(', ') || 'none'}); lab branches lists them`);
      ctl.pause();
      await ctl.switchBranch(n);
      return { lines: [`branch ${n}; time ${formatTime(ctl.sim.now)}`] };
    }
    case 'hash':
      return { lines: [`trace ${sim.traceHash()} after ${sim.trace.length} entries at ${formatTime(sim.now)}`] };
    case 'client':
      return labClient(ctl, args);
    case 'write': {
      // A scripted client's write, sent and not waited for (the scenario scripts' and soak's `write`).
      const sid = parseServer(ctl, args[0]);
      if (typeof sid === 'string') return fail(`lab write: ${sid}`);
      const count = args[1] === undefined ? 1 : Number(args[1]);
      if (!Number.isInteger(count) || count < 1 || count > 1000 || args.length > 2) return fail('lab write: usage: lab write S [count 1-1000]');
      const paths: string[] = [];
      for (let i = 0; i < count; i++) {
        const action = nextScriptedWrite(sim.trace, sid);
        await ctl.apply(action);
        if (action.type === 'request' && 'path' in action.req.request) paths.push(action.req.request.path);
      }
      return { lines: [`submitted ${count} write${count === 1 ? '' : 's'} to ${serverName(sid)}: ${paths.join(' ')}`] };
    }
    default:
      return fail(`unknown lab command: ${cmd} (try lab help)`);
  }
}
