/**
 * Client-history checker (issue 7 item 2): client operations with their invoke and complete
 * simulated times, checked against what ZooKeeper promises.
 *
 *  - Writes are linearizable: per znode path, a Wing–Gong search (with Lowe's memo of visited
 *    (done-set, state) pairs) looks for an order of the writes that respects real time (an op
 *    that completed before another was invoked comes first) and in which a register model —
 *    create / setData / delete on one path — gives every op the result the client saw. An op
 *    whose reply never came (complete = null) may or may not have happened, at any time after
 *    its invoke. The search is bounded (`maxStates`); hitting the bound is reported as
 *    inconclusive, not as a violation.
 *  - Reads obey ZooKeeper's guarantees, judged by the zxid each reply carries (the server's
 *    last processed zxid):
 *      sequential consistency per client: a session's replies never go back in zxid;
 *      read-your-writes: a read after the session's own acknowledged write sees it;
 *      sync then read: a read after a completed sync sees every write acknowledged before the
 *      sync was invoked;
 *      and a read returns the path's value as of its zxid (the last acknowledged write to the
 *      path at or below it), when no write of unknown outcome could interfere.
 *
 * A violation names the operations involved (`#id client kind path`). The history must hold
 * every write to the paths it reads (ReadValue compares with them).
 */

import type { TraceEntry } from '../zookeeper.ts';

export type HistoryOpKind = 'create' | 'set' | 'delete' | 'get' | 'sync';

export interface HistoryOp {
  id: number;
  /** The client session (reads and read-your-writes are per session). */
  client: string;
  kind: HistoryOpKind;
  path: string;
  /** create/set: the data written; get: the data read (null = the node did not exist). */
  value?: string | null;
  invoke: number;
  /** null: no reply (timeout, connection loss) — the op may or may not have taken effect. */
  complete: number | null;
  /** The outcome the client saw: 'ok' or an error name ('NoNode', 'NodeExists', …). */
  result: string;
  /** The reply header's zxid (writes: the txn's zxid; reads and sync: the server's last processed zxid). */
  zxid?: number;
}

export interface HistoryViolation {
  check: 'Linearizability' | 'SequentialConsistency' | 'ReadYourWrites' | 'SyncThenRead' | 'ReadValue';
  ops: number[];
  message: string;
}

export interface HistoryReport {
  violations: HistoryViolation[];
  /** Paths whose linearizability search hit the bound. */
  inconclusive: string[];
}

function name(op: HistoryOp): string {
  const v = op.value === undefined ? '' : op.value === null ? ' → none' : ` "${op.value}"`;
  return `#${op.id} ${op.client} ${op.kind} ${op.path}${v} [${op.invoke}–${op.complete ?? '?'}] ${op.result}`;
}

type Reg = string | null;

/** The register model: the state after `op`, or undefined if `op` could not have had its result there. */
function stepModel(state: Reg, op: HistoryOp, tookEffect: boolean): Reg | undefined {
  if (op.complete === null) {
    // Unknown outcome: either nothing happened (handled by the caller skipping it) or it succeeded.
    if (!tookEffect) return state;
  }
  const ok = op.complete === null ? true : op.result === 'ok';
  switch (op.kind) {
    case 'create':
      if (state === null) return ok ? (op.value ?? '') : undefined;
      return ok ? undefined : op.result === 'NodeExists' ? state : undefined;
    case 'set':
      if (state !== null) return ok ? (op.value ?? '') : op.result === 'BadVersion' ? state : undefined;
      return ok ? undefined : op.result === 'NoNode' ? state : undefined;
    case 'delete':
      if (state !== null) return ok ? null : op.result === 'BadVersion' || op.result === 'NotEmpty' ? state : undefined;
      return ok ? undefined : op.result === 'NoNode' ? state : undefined;
    default:
      return state;
  }
}

/** Wing–Gong search over one path's writes. Returns null if linearizable, 'bound' if inconclusive, else the ops it could not place. */
export function linearizeWrites(ops: HistoryOp[], initial: Reg = null, maxStates = 200_000): null | 'bound' | HistoryOp[] {
  const n = ops.length;
  if (n === 0) return null;
  if (n > 200) return 'bound';
  const seen = new Set<string>();
  let states = 0;
  let deepest: number[] = [];
  const done: boolean[] = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  const search = (state: Reg, count: number): boolean | 'bound' => {
    if (count === n) return true;
    if (++states > maxStates) return 'bound';
    const key = `${done.map((d) => (d ? 1 : 0)).join('')}|${state === null ? '∅' : `=${state}`}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (order.length > deepest.length) deepest = [...order];
    // The earliest completion among pending ops bounds which ops may go next.
    let minComplete = Infinity;
    for (let i = 0; i < n; i++) if (!done[i] && ops[i]!.complete !== null) minComplete = Math.min(minComplete, ops[i]!.complete!);
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const op = ops[i]!;
      if (op.invoke > minComplete) continue;
      const options: boolean[] = op.complete === null ? [true, false] : [true];
      for (const took of options) {
        const next = stepModel(state, op, took);
        if (next === undefined) continue;
        done[i] = true;
        order.push(i);
        const r = search(next, count + 1);
        done[i] = false;
        order.pop();
        if (r === true || r === 'bound') return r;
      }
    }
    return false;
  };
  const r = search(initial, 0);
  if (r === true) return null;
  if (r === 'bound') return 'bound';
  const placed = new Set(deepest);
  return ops.filter((_, i) => !placed.has(i));
}

export function checkHistory(history: HistoryOp[], opts: { maxStates?: number; initial?: Map<string, string | null> } = {}): HistoryReport {
  const violations: HistoryViolation[] = [];
  const inconclusive: string[] = [];
  const writes = history.filter((o) => o.kind === 'create' || o.kind === 'set' || o.kind === 'delete');
  // 1. Linearizable writes, per path.
  const byPath = new Map<string, HistoryOp[]>();
  for (const w of writes) byPath.set(w.path, [...(byPath.get(w.path) ?? []), w]);
  for (const [path, ops] of byPath) {
    const r = linearizeWrites(ops, opts.initial?.get(path) ?? null, opts.maxStates);
    if (r === 'bound') inconclusive.push(path);
    else if (r !== null) {
      violations.push({ check: 'Linearizability', ops: r.map((o) => o.id), message: `no linear order of the writes to ${path} explains their results; stuck at: ${r.slice(0, 4).map(name).join('; ')}` });
    }
  }
  // 2. Per client: zxids never go back; read-your-writes; sync then read.
  const clients = new Map<string, HistoryOp[]>();
  for (const o of history) clients.set(o.client, [...(clients.get(o.client) ?? []), o]);
  const acked = writes.filter((w) => w.complete !== null && w.result === 'ok' && w.zxid !== undefined);
  for (const [client, ops] of clients) {
    const done = ops.filter((o) => o.complete !== null && o.zxid !== undefined && (o.result === 'ok' || o.kind === 'get')).sort((a, b) => a.complete! - b.complete!);
    let prev: HistoryOp | null = null;
    let ownWrite: HistoryOp | null = null;
    let syncFloor: { sync: HistoryOp; write: HistoryOp } | null = null;
    for (const o of done) {
      if (prev && o.zxid! < prev.zxid! && o.invoke >= prev.complete!) {
        violations.push({ check: 'SequentialConsistency', ops: [prev.id, o.id], message: `${client} saw zxid ${o.zxid} after ${prev.zxid}: ${name(prev)} then ${name(o)}` });
      }
      if (o.kind === 'get') {
        if (ownWrite && o.invoke >= ownWrite.complete! && o.zxid! < ownWrite.zxid!) {
          violations.push({ check: 'ReadYourWrites', ops: [ownWrite.id, o.id], message: `${client} read at zxid ${o.zxid}, before its own acknowledged write at ${ownWrite.zxid}: ${name(ownWrite)} then ${name(o)}` });
        }
        if (syncFloor && o.invoke >= syncFloor.sync.complete! && o.zxid! < syncFloor.write.zxid!) {
          violations.push({ check: 'SyncThenRead', ops: [syncFloor.write.id, syncFloor.sync.id, o.id], message: `${client} read at zxid ${o.zxid} after ${name(syncFloor.sync)}, missing ${name(syncFloor.write)} acknowledged before the sync` });
        }
      }
      if (o.kind !== 'get' && o.kind !== 'sync' && o.result === 'ok' && (!ownWrite || o.zxid! > ownWrite.zxid!)) ownWrite = o;
      if (o.kind === 'sync') {
        const before = acked.filter((w) => w.complete! < o.invoke).sort((a, b) => b.zxid! - a.zxid!)[0];
        if (before && (!syncFloor || before.zxid! > syncFloor.write.zxid!)) syncFloor = { sync: o, write: before };
      }
      if (!prev || o.zxid! >= prev.zxid!) prev = o;
    }
  }
  // 3. A read returns the value as of its zxid.
  const unknown = writes.filter((w) => w.complete === null);
  for (const r of history) {
    if (r.kind !== 'get' || r.complete === null || r.zxid === undefined || r.value === undefined) continue;
    if (unknown.some((w) => w.path === r.path && w.invoke <= r.complete!)) continue;
    const last = acked.filter((w) => w.path === r.path && w.zxid! <= r.zxid!).sort((a, b) => b.zxid! - a.zxid!)[0];
    const expected: Reg = last ? (last.kind === 'delete' ? null : (last.value ?? '')) : (opts.initial?.get(r.path) ?? null);
    if (expected !== r.value) {
      violations.push({ check: 'ReadValue', ops: last ? [last.id, r.id] : [r.id], message: `${name(r)} but as of zxid ${r.zxid} the value is ${expected === null ? 'none' : `"${expected}"`}${last ? ` (${name(last)})` : ''}` });
    }
  }
  return { violations, inconclusive };
}

const ERR_NAMES: Record<number, string> = { [-101]: 'NoNode', [-103]: 'BadVersion', [-110]: 'NodeExists', [-111]: 'NotEmpty' };

/**
 * The client history of a run, read from its trace: each client `Request` a client sent
 * (create / setData / delete / getData / sync) is invoked at its send, and completed at the
 * delivery of its `Reply` (same client, same xid) with the reply's err and zxid. A request
 * whose reply never came has complete = null. Connection-loss replies (err −4) count as no reply.
 */
export function historyFromTrace(trace: readonly TraceEntry[]): HistoryOp[] {
  const ops: HistoryOp[] = [];
  const open = new Map<string, HistoryOp>();
  const dec = new TextDecoder();
  for (const e of trace) {
    if (e.kind === 'send' && e.channel === 'client' && e.from > 1000) {
      const m = e.msg as { type: string; xid?: number; op?: { op: string; path?: string; data?: Uint8Array | null } };
      if (m.type !== 'Request' || m.xid === undefined || !m.op || m.op.path === undefined) continue;
      const kind: HistoryOpKind | null = m.op.op === 'create' ? 'create' : m.op.op === 'setData' ? 'set' : m.op.op === 'delete' ? 'delete' : m.op.op === 'getData' ? 'get' : m.op.op === 'sync' ? 'sync' : null;
      if (!kind) continue;
      const op: HistoryOp = { id: ops.length + 1, client: `c${e.from - 1000}`, kind, path: m.op.path, invoke: e.t, complete: null, result: '?' };
      if (kind === 'create' || kind === 'set') op.value = m.op.data ? dec.decode(m.op.data) : '';
      ops.push(op);
      open.set(`${e.from}:${m.xid}`, op);
    } else if (e.kind === 'deliver' && e.channel === 'client' && e.to > 1000) {
      const m = e.msg as { type: string; xid?: number; err?: number; zxid?: number; result?: unknown };
      if (m.type !== 'Reply' || m.xid === undefined) continue;
      const key = `${e.to}:${m.xid}`;
      const op = open.get(key);
      if (!op) continue;
      open.delete(key);
      if (m.err === -4) continue;
      op.complete = e.t;
      op.result = m.err === 0 ? 'ok' : (ERR_NAMES[m.err ?? 0] ?? `err${m.err}`);
      op.zxid = m.zxid;
      if (op.kind === 'get') {
        const r = m.result as { data?: Uint8Array | null } | undefined;
        op.value = m.err === -101 ? null : r && 'data' in r ? (r.data ? dec.decode(r.data) : '') : undefined;
        if (m.err !== 0 && m.err !== -101) op.value = undefined;
      }
    }
  }
  return ops;
}
