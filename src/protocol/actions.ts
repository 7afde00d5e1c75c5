/**
 * User actions on the world. A run is a pure function of (config, seed, actions with the moment
 * they happened), so every action is data, recorded with that moment, and can be replayed.
 */
import type { Sid } from './types.ts';
import type { ClientRequest } from './zab/Zab.ts';
import type { ClientInput } from './client/ClientCnxn.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { ZkClientArgs } from './client/ClientCnxn.ts';
import type { LoadSpec } from '../sim/load.ts';

export type LabAction =
  | { type: 'kill'; sid: Sid }
  | { type: 'start'; sid: Sid }
  | { type: 'wipe'; sid: Sid }
  /**
   * A new process `sid` joins the running world with an empty disk (`lab add observer|voter`): its
   * configuration is the members so far plus itself in `role` (the protocol's word), and it starts.
   */
  | { type: 'addServer'; sid: Sid; role: 'observer' | 'participant' }
  | { type: 'partition'; groups: Sid[][] }
  | { type: 'cut'; from: Sid; to: Sid; oneWay: boolean }
  | { type: 'heal'; from?: Sid; to?: Sid; oneWay?: boolean }
  /** A latency spike on the link from → to: `ms` extra per packet (0 ends it). */
  | { type: 'delay'; from: Sid; to: Sid; ms: number }
  /** Datagram faults on the link (both ways unless oneWay): loss and duplication probabilities, 0–1 (0 and 0 end them). */
  | { type: 'faults'; from: Sid; to: Sid; loss: number; dup: number; oneWay: boolean }
  /** A value proposed to a Paxos proposer (or a Multi-Paxos replica): a request the process gets now. */
  | { type: 'propose'; sid: Sid; value: string }
  /** A new client connects to server `server` (zkCli's session). */
  | { type: 'addClient'; cid: number; server: Sid; sessionTimeout: number; hosts?: Sid[] }
  /** A client operation or close, from zkCli. */
  | { type: 'client'; cid: number; input: ClientInput }
  /** `lab load …`: load clients start (or change), or stop (null) — src/sim/load.ts. */
  | { type: 'load'; spec: LoadSpec | null }
  /** A client connected to server `sid` sends a request (it is part of the run, so it is replayed). */
  | { type: 'request'; sid: Sid; req: ClientRequest };

/** An action and the moment it happened: after `eventCount` events, at simulated time `t`. */
export interface RecordedAction {
  eventCount: number;
  t: number;
  action: LabAction;
}

/**
 * The action as the trace records it (its text is part of the trace hash). `name` is the
 * protocol's naming of processes (zk3, a1 …); a request's text is the protocol's (`describeRequest`).
 */
export function describeAction(a: LabAction, name: (id: Sid) => string): string {
  switch (a.type) {
    case 'kill':
    case 'start':
    case 'wipe':
      return `${a.type} ${name(a.sid)}`;
    case 'addServer':
      return `add ${name(a.sid)} ${a.role}`;
    case 'partition':
      return `partition ${a.groups.map((g) => g.join(',')).join(' ')}`;
    case 'cut':
      return `cut ${name(a.from)}${a.oneWay ? '->' : '<->'}${name(a.to)}`;
    case 'heal':
      return a.from === undefined || a.to === undefined ? 'heal' : `heal ${name(a.from)}${a.oneWay ? '->' : '<->'}${name(a.to)}`;
    case 'delay':
      return `delay ${name(a.from)}->${name(a.to)} ${a.ms}ms`;
    case 'faults':
      return `faults ${name(a.from)}${a.oneWay ? '->' : '<->'}${name(a.to)} loss=${a.loss} dup=${a.dup}`;
    case 'addClient':
      return `client c${a.cid - 1000} connects to ${name(a.server)}`;
    case 'client':
      return `client c${a.cid - 1000}: ${a.input.type === 'op' ? a.input.op.op : a.input.type}`;
    case 'request':
      return describeRequest(a.sid, a.req, name);
    case 'propose':
      return `propose ${name(a.sid)} ${JSON.stringify(a.value)}`;
    case 'load':
      return describeLoad(a.spec, name);
  }
}

/** `load clients=12 reads=90% rate=200/s servers=zk1,zk2,zk3`, or `load stop`. */
export function describeLoad(spec: LoadSpec | null, name: (id: Sid) => string): string {
  if (!spec) return 'load stop';
  const rate = spec.rate > 0 ? `rate=${spec.rate}/s` : 'rate=max';
  return `load clients=${spec.clients} reads=${spec.reads}% ${rate} servers=${spec.servers.map(name).join(',')}`;
}

function describeRequest(sid: Sid, req: ClientRequest, name: (id: Sid) => string): string {
  const r = req.request;
  return `client 0x${req.sessionId.toString(16)} -> ${name(sid)}: ${r.type}${'path' in r ? ` ${r.path}` : ''}`;
}

/** Applies an action to the world. Returns false when it changed nothing (e.g. kill of a dead server). */
export function applyAction(sim: Simulation, a: LabAction): boolean {
  sim.action(describeAction(a, (id) => sim.name(id)), a);
  switch (a.type) {
    case 'kill':
      return sim.kill(a.sid);
    case 'start':
      return sim.start(a.sid);
    case 'wipe':
      sim.wipe(a.sid);
      return true;
    case 'addServer':
      return sim.addProcess(a.sid, a.role);
    case 'partition':
      sim.partition(a.groups);
      return true;
    case 'cut':
      sim.cutLink(a.from, a.to, a.oneWay);
      return true;
    case 'heal':
      sim.heal(a.from, a.to, a.oneWay ?? false);
      return true;
    case 'delay':
      sim.delayLink(a.from, a.to, a.ms);
      return true;
    case 'faults':
      sim.setLinkFaults(a.from, a.to, { loss: a.loss, dup: a.dup }, a.oneWay);
      return true;
    case 'request':
      sim.submit(a.sid, a.req);
      return true;
    case 'propose':
      sim.submit(a.sid, { type: 'propose', value: a.value });
      return true;
    case 'addClient':
      sim.addClient(a.cid, { server: a.server, sessionTimeout: a.sessionTimeout, hosts: a.hosts ?? [a.server] } satisfies ZkClientArgs);
      return true;
    case 'client':
      sim.clientInput(a.cid, a.input);
      return true;
    case 'load':
      return sim.setLoad(a.spec);
  }
}

/** The session the lab's scripted writes come from (`lab write`, scenario scripts, the soak). */
export const SCRIPT_SESSION = 0x5ca1ab1en;

/**
 * The next scripted write to server `sid`: `create /wN N` (world:anyone) from SCRIPT_SESSION, with
 * N and the cxid counted from the history's earlier scripted requests — so it depends only on the
 * run so far (a rewind forgets later writes) and, in a run with no other scripted requests, is the
 * same request the scenario scripts' and the soak's `write` sends (src/worker/headless.ts).
 */
export function nextScriptedWrite(trace: readonly { kind: string; action?: unknown }[], sid: Sid): LabAction {
  let requests = 0;
  let writes = 0;
  for (const e of trace) {
    const a = e.kind === 'action' ? (e.action as LabAction | undefined) : undefined;
    if (a?.type !== 'request' || a.req.sessionId !== SCRIPT_SESSION) continue;
    requests += 1;
    if (a.req.request.type === 'create' && /^\/w\d+$/.test(a.req.request.path)) writes += 1;
  }
  const n = writes + 1;
  return {
    type: 'request',
    sid,
    req: {
      sessionId: SCRIPT_SESSION,
      cxid: requests + 1,
      authInfo: [],
      request: { type: 'create', path: `/w${n}`, data: new TextEncoder().encode(String(n)), acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }], mode: 'PERSISTENT' },
    },
  };
}
