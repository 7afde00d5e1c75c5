/**
 * A whole run as data for a link: the current branch's recorded actions with their moments and
 * the moment the run had reached. A run is a pure function of (config, seed, actions at their
 * moments) (docs/architecture.md), so this plus the ensemble's URL settings replays it exactly — the same
 * trace, the same hash. The text is JSON with two tagged forms for what JSON lacks (bigint,
 * bytes); `parseRun` validates everything a link may carry before any of it reaches the lab.
 */
import type { LabAction, RecordedAction } from './actions.ts';
import { CLIENT_BASE } from './zookeeper.ts';

export const RUN_FORMAT = 1;
/** Limits on what a link may ask the page to replay. */
export const MAX_RUN_ACTIONS = 5000;
export const MAX_RUN_EVENTS = 2_000_000;
const MAX_STRING = 4096;
const MAX_BYTES = 1 << 20;

export interface RunData {
  actions: RecordedAction[];
  /** Where the run was: events processed and simulated ms. */
  head: { eventCount: number; t: number };
}

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The run as JSON text (bigint as {"$n":"hex"}, bytes as {"$b":"base64"}). */
export function encodeRun(run: RunData): string {
  return JSON.stringify({ v: RUN_FORMAT, head: run.head, actions: run.actions.map((a) => [a.eventCount, a.t, a.action]) }, (_k, v: unknown) => {
    if (typeof v === 'bigint') return { $n: BigInt.asUintN(64, v).toString(16) };
    if (v instanceof Uint8Array) return { $b: toB64(v) };
    return v;
  });
}

class Invalid extends Error {}

function fail(msg: string): never {
  throw new Invalid(msg);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * Checks `v` is an object with only the `allowed` keys. The objects of a link are checked in
 * place and kept as parsed — their key order is part of the trace (and so of its hash).
 */
function obj(v: unknown, what: string, allowed: readonly string[]): Obj {
  if (!isObj(v)) fail(`${what} is not an object`);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(`${what} has an unknown field ${k.slice(0, 40)}`);
  return v;
}

function int(v: unknown, what: string, lo: number, hi: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) fail(`${what} must be an integer from ${lo} to ${hi}`);
}

function str(v: unknown, what: string): void {
  if (typeof v !== 'string' || v.length > MAX_STRING) fail(`${what} must be a string of at most ${MAX_STRING} characters`);
}

function bool(v: unknown, what: string): void {
  if (typeof v !== 'boolean') fail(`${what} must be true or false`);
}

function oneOf(v: unknown, what: string, allowed: readonly string[]): string {
  if (typeof v !== 'string' || !allowed.includes(v)) fail(`${what} must be one of ${allowed.join(', ')}`);
  return v;
}

function bytes(v: unknown, what: string): void {
  if (v !== null && !(v instanceof Uint8Array)) fail(`${what} must be bytes or null`);
}

function list(v: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(v) || v.length > max) fail(`${what} must be a list of at most ${max}`);
  return v;
}

function acl(v: unknown, what: string): void {
  list(v, what, 64).forEach((e, i) => {
    const o = obj(e, `${what}[${i}]`, ['perms', 'id']);
    int(o.perms, `${what}[${i}].perms`, 0, 31);
    const id = obj(o.id, `${what}[${i}].id`, ['scheme', 'id']);
    str(id.scheme, 'scheme');
    str(id.id, 'id');
  });
}

type Check = (v: unknown, what: string) => void;

const CREATE_MODES = ['PERSISTENT', 'EPHEMERAL', 'PERSISTENT_SEQUENTIAL', 'EPHEMERAL_SEQUENTIAL', 'CONTAINER', 'PERSISTENT_WITH_TTL', 'PERSISTENT_SEQUENTIAL_WITH_TTL'];
const version: Check = (v, what) => int(v, what, -1, 0x7fffffff);
const ttl: Check = (v, what) => int(v, what, -1, Number.MAX_SAFE_INTEGER);
const createMode: Check = (v, what) => oneOf(v, what, CREATE_MODES);
const multiOps: Check = (v, what) => list(v, what, 1000).forEach((x, i) => kindOf(x, `${what}[${i}]`, 'type', OP_SPECS));

/**
 * What each kind of object may hold: field → check, in the order they are checked; a field whose
 * name ends in `?` may be absent. The object may have no other fields.
 */
type Spec = Record<string, Check>;

/** Checks `v` against the spec its discriminator (`type` or `op`) names among `specs`. */
function kindOf(v: unknown, what: string, discriminator: string, specs: Record<string, Spec>): void {
  const kind = oneOf((v as Obj | null)?.[discriminator], `${what}.${discriminator}`, Object.keys(specs));
  const spec = specs[kind]!;
  const o = obj(v, what, [discriminator, ...Object.keys(spec).map((k) => k.replace(/\?$/, ''))]);
  for (const [k, check] of Object.entries(spec)) {
    const name = k.replace(/\?$/, '');
    if (k.endsWith('?') && o[name] === undefined) continue;
    check(o[name], `${what}.${name}`);
  }
}

/** A multi's ops (Op). */
const OP_SPECS: Record<string, Spec> = {
  create: { path: str, data: bytes, acl, mode: createMode, 'ttl?': ttl },
  delete: { path: str, version },
  setData: { path: str, data: bytes, version },
  check: { path: str, version },
};

/** A scripted request (`lab write`, ClientRequest.request): an Op or the other write requests. */
const REQUEST_SPECS: Record<string, Spec> = {
  ...OP_SPECS,
  sync: { path: str },
  setACL: { path: str, acl, version },
  multi: { ops: multiOps },
  createSession: { timeOut: (v, what) => int(v, what, 1, 3_600_000) },
  closeSession: {},
};

/** A client's operation (ClientOp). */
const CLIENT_OP_SPECS: Record<string, Spec> = {
  create: { path: str, data: bytes, acl, mode: createMode, ttl },
  delete: { path: str, version },
  setData: { path: str, data: bytes, version },
  setACL: { path: str, acl, version },
  multi: { ops: multiOps },
  sync: { path: str },
  getData: { path: str, watch: bool },
  exists: { path: str, watch: bool },
  getChildren: { path: str, watch: bool },
  getACL: { path: str },
  getAllChildrenNumber: { path: str },
  getEphemerals: { prefixPath: (v, what) => v === null || str(v, what) },
  whoAmI: {},
  getConfig: { watch: bool },
  reconfig: {
    joiningServers: (v, what) => v === undefined || v === null || str(v, what),
    leavingServers: (v, what) => v === undefined || v === null || str(v, what),
    newMembers: (v, what) => v === undefined || v === null || str(v, what),
    curConfigId: (v, what) => v === undefined || (typeof v === 'number' && Number.isSafeInteger(v)) || fail(`${what} must be an integer`),
  },
  ping: {},
  addWatch: { path: str, mode: (v, what) => oneOf(v, what, ['PERSISTENT', 'PERSISTENT_RECURSIVE']) },
  removeWatches: { path: str, type: (v, what) => oneOf(v, what, ['Children', 'Data', 'Any']), local: bool },
  auth: { scheme: str, auth: bytes },
  closeSession: {},
};

function prob(v: unknown, what: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) fail(`${what} must be a number from 0 to 1`);
}

/** What a lab takes beyond the kernel's and ZooKeeper's actions (see parseRun). */
export interface RunLinkOptions {
  /** The lab's protocol takes `propose` (Paxos, Multi-Paxos): a value proposed to a process. */
  propose?: boolean;
  /**
   * The lab adds processes while it runs (ZooKeeper's `lab add observer|voter`): how many more of
   * each role it may add. An added process takes the next id (so later actions may name it).
   */
  addServer?: { participant: number; observer: number };
  /** The lab takes `lab load` (ZooKeeper): load clients and the cost model (src/sim/load.ts). */
  load?: boolean;
}

/** The largest load a link (or `lab load`) may ask for. */
export const MAX_LOAD = { clients: 1000, rate: 10_000 } as const;

const ACTION_TYPES = ['kill', 'start', 'wipe', 'partition', 'cut', 'heal', 'delay', 'faults', 'addClient', 'client', 'request'];

function action(v: unknown, what: string, servers: number, opts: RunLinkOptions, room: { participant: number; observer: number }): LabAction {
  const types = [...ACTION_TYPES, ...(opts.propose ? ['propose'] : []), ...(opts.addServer ? ['addServer'] : []), ...(opts.load ? ['load'] : [])];
  const type = oneOf((v as Obj | null)?.type, `${what}.type`, types);
  const w = (k: string) => `${what}.${k}`;
  const sid = (x: unknown, k: string) => int(x, w(k), 1, servers);
  const cid = (x: unknown) => int(x, w('cid'), CLIENT_BASE + 1, CLIENT_BASE + 99_999);
  switch (type) {
    case 'kill':
    case 'start':
    case 'wipe':
      sid(obj(v, what, ['type', 'sid']).sid, 'sid');
      break;
    case 'addServer': {
      // A new process: the next id, in a role there is still room for.
      const o = obj(v, what, ['type', 'sid', 'role']);
      int(o.sid, w('sid'), servers + 1, servers + 1);
      const role = oneOf(o.role, w('role'), ['participant', 'observer']) as 'participant' | 'observer';
      if (room[role] <= 0) fail(`${what}: no room for another ${role}`);
      room[role] -= 1;
      break;
    }
    case 'partition':
      list(obj(v, what, ['type', 'groups']).groups, w('groups'), servers).forEach((g, i) => list(g, `${what}.groups[${i}]`, servers).forEach((x) => sid(x, `groups[${i}]`)));
      break;
    case 'cut':
    case 'heal':
    case 'delay': {
      const o = obj(v, what, type === 'delay' ? ['type', 'from', 'to', 'ms'] : ['type', 'from', 'to', 'oneWay']);
      if (type === 'heal' && o.from === undefined && o.to === undefined && o.oneWay === undefined) break;
      sid(o.from, 'from');
      sid(o.to, 'to');
      if (type === 'delay') int(o.ms, w('ms'), 0, 3_600_000);
      else if (type === 'cut' || o.oneWay !== undefined) bool(o.oneWay, w('oneWay'));
      break;
    }
    case 'faults': {
      // Datagram loss and duplication on a link (`lab faults`): both ways unless oneWay.
      const o = obj(v, what, ['type', 'from', 'to', 'loss', 'dup', 'oneWay']);
      sid(o.from, 'from');
      sid(o.to, 'to');
      prob(o.loss, w('loss'));
      prob(o.dup, w('dup'));
      bool(o.oneWay, w('oneWay'));
      break;
    }
    case 'load': {
      // `lab load …` (null: `lab load stop`); servers may be added ones (up to 999).
      const o = obj(v, what, ['type', 'spec']);
      if (o.spec === null) break;
      const s = obj(o.spec, w('spec'), ['clients', 'reads', 'rate', 'servers']);
      int(s.clients, w('spec.clients'), 1, MAX_LOAD.clients);
      int(s.reads, w('spec.reads'), 0, 100);
      int(s.rate, w('spec.rate'), 0, MAX_LOAD.rate);
      const list_ = list(s.servers, w('spec.servers'), 64);
      if (list_.length === 0) fail(`${what}.spec.servers is empty`);
      list_.forEach((x) => int(x, w('spec.servers'), 1, 999));
      break;
    }
    case 'propose': {
      // A value proposed to a process (`propose p1 x`; Paxos, Multi-Paxos).
      const o = obj(v, what, ['type', 'sid', 'value']);
      sid(o.sid, 'sid');
      str(o.value, w('value'));
      break;
    }
    case 'addClient': {
      const o = obj(v, what, ['type', 'cid', 'server', 'sessionTimeout', 'hosts']);
      cid(o.cid);
      sid(o.server, 'server');
      int(o.sessionTimeout, w('sessionTimeout'), 1, 3_600_000);
      if (o.hosts !== undefined) list(o.hosts, w('hosts'), 64).forEach((h) => sid(h, 'hosts'));
      break;
    }
    case 'client': {
      const o = obj(v, what, ['type', 'cid', 'input']);
      cid(o.cid);
      const input = o.input as Obj | null;
      const t = oneOf(input?.type, w('input.type'), ['op', 'close']);
      const i = obj(input, w('input'), t === 'op' ? ['type', 'tag', 'op'] : ['type', 'tag']);
      int(i.tag, w('input.tag'), -1, Number.MAX_SAFE_INTEGER);
      if (t === 'op') kindOf(i.op, w('input.op'), 'op', CLIENT_OP_SPECS);
      break;
    }
    case 'request': {
      const o = obj(v, what, ['type', 'sid', 'req']);
      sid(o.sid, 'sid');
      const req = obj(o.req, w('req'), ['sessionId', 'cxid', 'request', 'authInfo']);
      if (typeof req.sessionId !== 'bigint') fail(`${what}.req.sessionId must be a 64-bit id`);
      int(req.cxid, w('req.cxid'), -2, 0x7fffffff);
      kindOf(req.request, w('req.request'), 'type', REQUEST_SPECS);
      list(req.authInfo, w('req.authInfo'), 64).forEach((x) => {
        const id = obj(x, w('req.authInfo'), ['scheme', 'id']);
        str(id.scheme, 'scheme');
        str(id.id, 'id');
      });
      break;
    }
  }
  return v as LabAction;
}

/** JSON.parse's reviver: the tagged forms back into bigint and bytes. */
function revive(_k: string, v: unknown): unknown {
  if (!isObj(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$n') {
    if (typeof v.$n !== 'string' || !/^[0-9a-f]{1,16}$/.test(v.$n)) fail('a 64-bit id is malformed');
    return BigInt.asIntN(64, BigInt(`0x${v.$n}`));
  }
  if (keys.length === 1 && keys[0] === '$b') {
    if (typeof v.$b !== 'string' || v.$b.length > (MAX_BYTES * 4) / 3 + 4) fail('bytes are malformed or too long');
    try {
      return fromB64(v.$b);
    } catch {
      return fail('bytes are not base64');
    }
  }
  return v;
}

/**
 * A run from a link's text, checked: every action of a kind the lab knows, with servers that
 * exist in an ensemble of `servers` (a lab's processes: ZooKeeper's servers, Paxos' acceptors,
 * proposers and learners, Multi-Paxos' replicas), moments in order and within the limits. `faults`
 * (datagram loss and duplication) is known to every lab; `propose` only where `opts.propose` says
 * the lab's protocol takes it; `addServer` only where `opts.addServer` gives room (later actions may
 * name the added process). An error names what is wrong; nothing of an invalid link is replayed.
 */
export function parseRun(text: string, servers: number, opts: RunLinkOptions = {}): { run: RunData } | { error: string } {
  try {
    const data: unknown = JSON.parse(text, revive);
    const o = obj(data, 'the run', ['v', 'head', 'actions']);
    if (o.v !== RUN_FORMAT) fail(`unknown run format ${String(o.v).slice(0, 20)}`);
    const h = obj(o.head, 'head', ['eventCount', 't']);
    int(h.eventCount, 'head.eventCount', 0, MAX_RUN_EVENTS);
    int(h.t, 'head.t', 0, 24 * 3_600_000);
    const head = { eventCount: h.eventCount as number, t: h.t as number };
    let last = 0;
    let n = servers;
    const room = { participant: opts.addServer?.participant ?? 0, observer: opts.addServer?.observer ?? 0 };
    const actions = list(o.actions, 'actions', MAX_RUN_ACTIONS).map((x, i): RecordedAction => {
      if (!Array.isArray(x) || x.length !== 3) fail(`actions[${i}] must be [eventCount, t, action]`);
      int(x[0], `actions[${i}] eventCount`, last, head.eventCount);
      int(x[1], `actions[${i}] t`, 0, head.t);
      last = x[0] as number;
      const a = action(x[2], `actions[${i}]`, n, opts, room);
      if (a.type === 'addServer') n += 1;
      return { eventCount: x[0] as number, t: x[1] as number, action: a };
    });
    return { run: { actions, head } };
  } catch (e) {
    if (e instanceof Invalid) return { error: e.message };
    if (e instanceof SyntaxError) return { error: 'not a run (bad JSON)' };
    throw e;
  }
}
