/**
 * The DataTree's vocabulary as plain, structured-clonable data (docs/architecture.md): znodes
 * (DataNode + StatPersisted), the client-visible Stat, requests as PrepRequestProcessor receives
 * them and txns as every server applies them. Names follow ZooKeeper (zookeeper.jute, DataTree,
 * PrepRequestProcessor).
 *
 * Numbers: zxids are JS numbers (exact below 2^53, see src/protocol/zxid.ts). Session ids and
 * ephemeralOwner are Java longs that use all 64 bits (`0x100000327e30006`, Long.MIN_VALUE for
 * containers, `0xff00…` for TTLs), so they are `bigint` (signed, as in Java).
 */
import type { ACL, Id } from '../acl/acl.ts';
import type { JavaHashSet } from './JavaHashSet.ts';

export type SessionId = bigint;

/** StatPersisted: what a DataNode stores. `cversion` counts child creations only (§2). */
export interface StatPersisted {
  czxid: number;
  mzxid: number;
  ctime: number;
  mtime: number;
  version: number;
  cversion: number;
  aversion: number;
  ephemeralOwner: bigint;
  pzxid: number;
}

/** org.apache.zookeeper.data.Stat: what clients see (DataNode.copyStat). */
export interface Stat {
  czxid: number;
  mzxid: number;
  ctime: number;
  mtime: number;
  version: number;
  /** Displayed cversion = 2*stored − numChildren (ZooKeeper 3.8). */
  cversion: number;
  aversion: number;
  /** 0 for persistent, container and TTL nodes (DataNode.getClientEphemeralOwner). */
  ephemeralOwner: bigint;
  dataLength: number;
  numChildren: number;
  pzxid: number;
}

/** A znode. `data === null` is distinct from empty data (`get` prints `null`). */
export interface DataNode {
  data: Uint8Array | null;
  acl: ACL[];
  stat: StatPersisted;
  /** Child names in insertion order (clients sort them; zkCli's `ls` does). */
  children: Set<string>;
}

/** One server's tree (SRV/DataTree). Mutated in place by processTxn; clone with structuredClone. */
export interface DataTree {
  /** Keyed by path; the root is "/" (ZooKeeper also aliases it as ""; see getNode). */
  nodes: Map<string, DataNode>;
  /** Ephemeral paths per owning session, in Java HashSet iteration order (DataTree.ephemerals). */
  ephemerals: Map<SessionId, JavaHashSet>;
  containers: Set<string>;
  ttls: Set<string>;
  /** Paths that have a quota (the PathTrie of DataTree): a `zookeeper_limits` node exists for them. */
  quotaPaths: Set<string>;
  lastProcessedZxid: number;
  /** zookeeper.extendedTypesEnabled: TTL nodes allowed and 0xff.. owners read as TTL. */
  extendedTypesEnabled: boolean;
}

/** CreateMode */
export type CreateMode =
  | 'PERSISTENT'
  | 'EPHEMERAL'
  | 'PERSISTENT_SEQUENTIAL'
  | 'EPHEMERAL_SEQUENTIAL'
  | 'CONTAINER'
  | 'PERSISTENT_WITH_TTL'
  | 'PERSISTENT_SEQUENTIAL_WITH_TTL';

export function isSequential(m: CreateMode): boolean {
  return m === 'PERSISTENT_SEQUENTIAL' || m === 'EPHEMERAL_SEQUENTIAL' || m === 'PERSISTENT_SEQUENTIAL_WITH_TTL';
}
export function isEphemeral(m: CreateMode): boolean {
  return m === 'EPHEMERAL' || m === 'EPHEMERAL_SEQUENTIAL';
}
export function isContainer(m: CreateMode): boolean {
  return m === 'CONTAINER';
}
export function isTTL(m: CreateMode): boolean {
  return m === 'PERSISTENT_WITH_TTL' || m === 'PERSISTENT_SEQUENTIAL_WITH_TTL';
}

/** One operation of a multi (Op.create / delete / setData / check). */
export type Op =
  | { type: 'create'; path: string; data: Uint8Array | null; acl: ACL[]; mode: CreateMode; ttl?: number }
  | { type: 'delete'; path: string; version: number }
  | { type: 'setData'; path: string; data: Uint8Array | null; version: number }
  | { type: 'check'; path: string; version: number };

/**
 * A write request as it reaches PrepRequestProcessor (the leader's, or standalone's).
 * `create` covers OpCode create/create2/createContainer/createTTL: the mode decides.
 */
export type Request =
  | Op
  | { type: 'setACL'; path: string; acl: ACL[]; version: number }
  | { type: 'multi'; ops: Op[] }
  | { type: 'createSession'; timeOut: number }
  | { type: 'closeSession' }
  | { type: 'deleteContainer'; path: string }
  | { type: 'reconfig'; joiningServers: string | null; leavingServers: string | null; newMembers: string | null; curConfigId: number };

/** Who sends the request (Request.sessionId / cxid / authInfo) and what the session tracker says. */
export interface RequestContext {
  sessionId: SessionId;
  cxid: number;
  authInfo: Id[];
  /**
   * Result of SessionTracker.checkSession for this request: 0 = fine, else the error code
   * (SESSIONEXPIRED, UNKNOWNSESSION, SESSIONMOVED). The tracker lives outside the DataTree.
   */
  sessionCheck?: number;
}

/** Server settings PrepRequestProcessor consults. */
export interface PrepConfig {
  /** zookeeper.enforceQuota: hard quota limits fail writes with QuotaExceeded. */
  enforceQuota?: boolean;
  /** zookeeper.skipACL */
  skipACL?: boolean;
  /** reconfigEnabled in zoo.cfg. */
  reconfigEnabled?: boolean;
  /**
   * The leader's part of pRequest2Txn's reconfig case (src/protocol/quorum/reconfig.ts): the new
   * config's text, or the KeeperException code. Absent: not a leader that can reconfigure.
   */
  reconfig?: (request: { joiningServers: string | null; leavingServers: string | null; newMembers: string | null; curConfigId: number }, zxid: number) =>
    { ok: true; text: string } | { ok: false; code: number };
}

/** A txn body (CreateTxn, DeleteTxn, SetDataTxn, … ErrorTxn), tagged with its OpCode name. */
export type TxnRecord =
  | { type: 'create'; path: string; data: Uint8Array | null; acl: ACL[]; ephemeral: boolean; parentCVersion: number }
  | { type: 'createContainer'; path: string; data: Uint8Array | null; acl: ACL[]; parentCVersion: number }
  | { type: 'createTTL'; path: string; data: Uint8Array | null; acl: ACL[]; parentCVersion: number; ttl: number }
  | { type: 'delete'; path: string }
  | { type: 'deleteContainer'; path: string }
  | { type: 'setData'; path: string; data: Uint8Array | null; version: number; reconfig?: true }
  | { type: 'setACL'; path: string; acl: ACL[]; version: number }
  | { type: 'check'; path: string; version: number }
  | { type: 'multi'; txns: TxnRecord[] }
  | { type: 'createSession'; timeOut: number }
  | { type: 'closeSession'; paths2Delete: string[] }
  | { type: 'error'; err: number };

/** A txn as it is proposed, logged and applied: TxnHeader fields + the record. */
export interface Txn {
  clientId: SessionId;
  cxid: number;
  zxid: number;
  /** Simulated ms (TxnHeader.time): becomes ctime/mtime. */
  time: number;
  record: TxnRecord;
}

export type EventType =
  | 'None'
  | 'NodeCreated'
  | 'NodeDeleted'
  | 'NodeDataChanged'
  | 'NodeChildrenChanged'
  | 'DataWatchRemoved'
  | 'ChildWatchRemoved'
  | 'PersistentWatchRemoved';

/**
 * One `triggerWatch` call the DataTree makes while applying a txn, in order. `table` is
 * dataWatches or childWatches; `suppressPrevious` = do not notify the watchers the previous
 * trigger notified (the NodeDeleted pair in DataTree.deleteNode).
 */
export interface WatchTrigger {
  table: 'data' | 'child';
  path: string;
  type: EventType;
  suppressPrevious?: boolean;
}

/** DataTree.ProcessTxnResult plus the watch triggers it caused. */
export interface ProcessTxnResult {
  clientId: SessionId;
  cxid: number;
  zxid: number;
  err: number;
  type: TxnRecord['type'];
  path?: string;
  stat?: Stat;
  multiResult?: ProcessTxnResult[];
  triggers: WatchTrigger[];
}
