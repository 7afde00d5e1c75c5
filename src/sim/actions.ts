/**
 * User actions on the world. A run is a pure function of (config, seed, actions with the moment
 * they happened), so every action is data, recorded with that moment, and can be replayed.
 */
import type { Sid } from '../protocol/types.ts';
import type { ClientRequest } from '../protocol/zab/Zab.ts';
import type { ClientInput } from '../protocol/client/ClientCnxn.ts';
import type { Simulation } from './simulation.ts';

export type LabAction =
  | { type: 'kill'; sid: Sid }
  | { type: 'start'; sid: Sid }
  | { type: 'wipe'; sid: Sid }
  | { type: 'partition'; groups: Sid[][] }
  | { type: 'cut'; from: Sid; to: Sid; oneWay: boolean }
  | { type: 'heal'; from?: Sid; to?: Sid; oneWay?: boolean }
  /** A latency spike on the link from → to: `ms` extra per packet (0 ends it). */
  | { type: 'delay'; from: Sid; to: Sid; ms: number }
  /** A new client connects to server `server` (zkCli's session). */
  | { type: 'addClient'; cid: number; server: Sid; sessionTimeout: number; hosts?: Sid[] }
  /** A client operation or close, from zkCli. */
  | { type: 'client'; cid: number; input: ClientInput }
  /** A client connected to server `sid` sends a request (it is part of the run, so it is replayed). */
  | { type: 'request'; sid: Sid; req: ClientRequest };

/** An action and the moment it happened: after `eventCount` events, at simulated time `t`. */
export interface RecordedAction {
  eventCount: number;
  t: number;
  action: LabAction;
}

export function describeAction(a: LabAction): string {
  switch (a.type) {
    case 'kill':
    case 'start':
    case 'wipe':
      return `${a.type} zk${a.sid}`;
    case 'partition':
      return `partition ${a.groups.map((g) => g.join(',')).join(' ')}`;
    case 'cut':
      return `cut zk${a.from}${a.oneWay ? '->' : '<->'}zk${a.to}`;
    case 'heal':
      return a.from === undefined ? 'heal' : `heal zk${a.from}${a.oneWay ? '->' : '<->'}zk${a.to}`;
    case 'delay':
      return `delay zk${a.from}->zk${a.to} ${a.ms}ms`;
    case 'addClient':
      return `client c${a.cid - 1000} connects to zk${a.server}`;
    case 'client':
      return `client c${a.cid - 1000}: ${a.input.type === 'op' ? a.input.op.op : a.input.type}`;
    case 'request': {
      const r = a.req.request;
      return `client 0x${a.req.sessionId.toString(16)} -> zk${a.sid}: ${r.type}${'path' in r ? ` ${r.path}` : ''}`;
    }
  }
}

/** Applies an action to the world. Returns false when it changed nothing (e.g. kill of a dead server). */
export function applyAction(sim: Simulation, a: LabAction): boolean {
  sim.action(describeAction(a));
  switch (a.type) {
    case 'kill':
      return sim.kill(a.sid);
    case 'start':
      return sim.start(a.sid);
    case 'wipe':
      sim.wipe(a.sid);
      return true;
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
    case 'request':
      sim.submit(a.sid, a.req);
      return true;
    case 'addClient':
      sim.addClient(a.cid, a.server, a.sessionTimeout, a.hosts ?? [a.server]);
      return true;
    case 'client':
      sim.clientInput(a.cid, a.input);
      return true;
  }
}

/** The session the lab's scripted writes come from (`lab write`, scenario scripts, the soak). */
export const SCRIPT_SESSION = 0x5ca1ab1en;
const SCRIPT_PREFIX = `client 0x${SCRIPT_SESSION.toString(16)} -> `;

/**
 * The next scripted write to server `sid`: `create /wN N` (world:anyone) from SCRIPT_SESSION, with
 * N and the cxid counted from the history's earlier scripted requests — so it depends only on the
 * run so far (a rewind forgets later writes) and, in a run with no other scripted requests, is the
 * same request the scenario scripts' and the soak's `write` sends (src/worker/headless.ts).
 */
export function nextScriptedWrite(trace: readonly { kind: string; text?: string }[], sid: Sid): LabAction {
  let requests = 0;
  let writes = 0;
  for (const e of trace) {
    if (e.kind !== 'action' || !e.text?.startsWith(SCRIPT_PREFIX)) continue;
    requests += 1;
    if (/^zk\d+: create \/w\d+$/.test(e.text.slice(SCRIPT_PREFIX.length))) writes += 1;
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
