/**
 * ZKDatabase: a server's in-memory DataTree plus the window of recently committed proposals the
 * leader syncs learners from (`committedLog`, `zookeeper.commitLogCount`). Loading replays the
 * snapshot and *every* txn in the log — logged but uncommitted proposals included — exactly as
 * ZooKeeper's `loadDataBase` does; that is why a returning old leader must be sent TRUNC.
 */
import { createDataTree, processTxn } from '../datatree/DataTree.ts';
import type { DataTree, ProcessTxnResult, Txn } from '../datatree/types.ts';
import type { LoggedTxn, PeerDisk } from '../types.ts';

export interface ZKDatabase {
  tree: DataTree;
  committedLog: LoggedTxn[];
  /** ZKDatabase.sessionsWithTimeouts: every live session and its timeout, from createSession/closeSession txns. */
  sessions: Map<bigint, number>;
}

/** What a snapshot holds (and SNAP carries): the tree and the sessions. */
export interface Snapshot {
  tree: DataTree;
  sessions: Map<bigint, number>;
}

export interface DatabaseOptions {
  commitLogCount: number;
  extendedTypesEnabled: boolean;
}

export function loadDatabase(disk: PeerDisk, opts: DatabaseOptions): ZKDatabase {
  const snap = disk.snapshot ? structuredClone(disk.snapshot as Snapshot) : null;
  const tree = snap ? snap.tree : createDataTree({ extendedTypesEnabled: opts.extendedTypesEnabled });
  tree.lastProcessedZxid = Math.max(tree.lastProcessedZxid, disk.snapshotZxid);
  const db: ZKDatabase = { tree, committedLog: [], sessions: snap ? snap.sessions : new Map() };
  for (const t of disk.log) if (t.zxid > tree.lastProcessedZxid) applyTxn(db, t, opts);
  return db;
}

/** Applies a committed txn and remembers it in the committed-log window. */
export function applyTxn(db: ZKDatabase, t: LoggedTxn, opts: DatabaseOptions): ProcessTxnResult {
  const txn = t.txn as Txn;
  const result = processTxn(db.tree, txn);
  if (txn.record.type === 'createSession') db.sessions.set(txn.clientId, txn.record.timeOut);
  else if (txn.record.type === 'closeSession') db.sessions.delete(txn.clientId);
  const log = db.committedLog;
  log.push(t);
  // The window slides by one txn at a time: shift() moves the array's start instead of copying
  // the window down (and makes no array of removed txns) as splice does.
  const excess = log.length - opts.commitLogCount;
  if (excess === 1) log.shift();
  else if (excess > 0) log.splice(0, excess);
  return result;
}

export function minCommittedLog(db: ZKDatabase): number {
  return db.committedLog[0]?.zxid ?? db.tree.lastProcessedZxid;
}

export function maxCommittedLog(db: ZKDatabase): number {
  return db.committedLog[db.committedLog.length - 1]?.zxid ?? db.tree.lastProcessedZxid;
}

/** A snapshot (what SNAP carries and what takeSnapshot writes). */
export function snapshotOf(db: ZKDatabase): Snapshot {
  return structuredClone({ tree: db.tree, sessions: db.sessions });
}

/** An estimate of a serialized size, for the txnlog-vs-snapshot sync decision. */
export function approxSize(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.length + 4;
  if (typeof value === 'string') return value.length + 4;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return 8;
  if (value instanceof Map) {
    let n = 4;
    for (const [k, v] of value) n += approxSize(k) + approxSize(v);
    return n;
  }
  if (value instanceof Set) {
    let n = 4;
    for (const v of value) n += approxSize(v);
    return n;
  }
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + approxSize(v), 4);
  let n = 4;
  for (const v of Object.values(value as Record<string, unknown>)) n += approxSize(v);
  return n;
}
