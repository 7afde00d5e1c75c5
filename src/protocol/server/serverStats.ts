/**
 * The numbers a ZooKeeper server keeps about itself for the four-letter words, as plain data in
 * simulated milliseconds: ServerStats (request latency, since this role's ZooKeeperServer was
 * created), ServerCnxn's per-connection response stats (updateStatsForResponse),
 * NIOServerCnxnFactory's touchCnxn, and the Leader's proposal sizes (BufferStats of
 * Leader.propose). Only the protocol's own steps update them; a four-letter word only reads them.
 */
import type { ACL } from '../acl/acl.ts';
import type { Txn, TxnRecord } from '../datatree/types.ts';

/** AvgMinMaxCounter: count, total, min, max (min/max meaningless while count is 0). */
export interface LatencyCounter {
  count: number;
  total: number;
  min: number;
  max: number;
}

export interface ServerStats {
  /** When this ZooKeeperServer started (the role began): zk_uptime counts from here. */
  startedAt: number;
  /** When the leader started serving (Leader.getUptime), else null. */
  leaderStartedAt: number | null;
  /** ServerStats.requestLatency. */
  latency: LatencyCounter;
  /** Leader.proposalStats (BufferStats): -1 until the first proposal. */
  proposalSizes: { last: number; min: number; max: number };
}

export function newServerStats(now: number): ServerStats {
  return {
    startedAt: now,
    leaderStartedAt: null,
    latency: { count: 0, total: 0, min: 0, max: 0 },
    proposalSizes: { last: -1, min: -1, max: -1 },
  };
}

/** ServerCnxn.resetStats / updateStatsForResponse, plus the connection's last activity. */
export interface CnxnStats {
  /** Last real cxid answered (-1 until one; pings and other special xids leave it). */
  lastCxid: number;
  /** When the last response went out (`lresp=`). */
  lastResponse: number;
  lastLatency: number;
  latency: LatencyCounter;
  /** When a packet last went in or out (touchCnxn: the connection's expiry counts from here). */
  touched: number;
  /** Arrival time of each request still waiting for its answer, by xid (Request.createTime). */
  arrivals: Record<number, number>;
}

export function newCnxnStats(now: number): CnxnStats {
  return { lastCxid: -1, lastResponse: 0, lastLatency: 0, latency: { count: 0, total: 0, min: 0, max: 0 }, touched: now, arrivals: {} };
}

export function addLatency(c: LatencyCounter, ms: number): void {
  if (ms < 0) return;
  c.min = c.count === 0 ? ms : Math.min(c.min, ms);
  c.max = c.count === 0 ? ms : Math.max(c.max, ms);
  c.count += 1;
  c.total += ms;
}

/** BufferStats.setLastBufferSize. */
export function addProposalSize(s: ServerStats, size: number): void {
  const p = s.proposalSizes;
  p.last = size;
  if (p.min === -1 || size < p.min) p.min = size;
  if (size > p.max) p.max = size;
}

/** ServerCnxn.getLastOperation's names, by the txn a write became ("NA" for a failed one). */
export function lastOpOfTxn(type: TxnRecord['type']): string {
  switch (type) {
    case 'create':
    case 'createContainer':
    case 'createTTL':
      return 'CREA';
    case 'delete':
    case 'deleteContainer':
      return 'DELE';
    case 'setData': return 'SETD';
    case 'setACL': return 'SETA';
    case 'check': return 'CHEC';
    case 'multi': return 'MULT';
    case 'createSession': return 'SESS';
    case 'closeSession': return 'CLOS';
    case 'error': return 'NA';
  }
}

/** FinalRequestProcessor's lastOp for the requests a server answers itself. */
export function lastOpOfRead(op: string): string {
  switch (op) {
    case 'getData': return 'GETD';
    case 'getConfig': return 'GETD';
    case 'exists': return 'EXIS';
    case 'getChildren': return 'GETC';
    case 'getACL': return 'GETA';
    case 'getAllChildrenNumber': return 'GETACN';
    case 'getEphemerals': return 'GETE';
    case 'whoAmI': return 'HOMI';
    case 'addWatch': return 'ADDW';
    case 'removeWatches': return 'REMW';
    case 'sync': return 'SYNC';
    case 'ping': return 'PING';
    default: return 'NA';
  }
}

// ------------------------------------------------------------------ jute sizes

const ustring = (s: string): number => 4 + utf8Length(s);

/** `new TextEncoder().encode(s).length` without encoding (a lone surrogate is U+FFFD: 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
const buffer = (b: Uint8Array | null): number => 4 + (b ? b.length : 0);
const acls = (list: ACL[]): number => list.reduce((n, a) => n + 4 + ustring(a.id.scheme) + ustring(a.id.id), 4);

/** The serialized size of a txn record (CreateTxn, SetDataTxn, MultiTxn …). */
export function txnRecordSize(r: TxnRecord): number {
  switch (r.type) {
    case 'create': return ustring(r.path) + buffer(r.data) + acls(r.acl) + 1 + 4;
    case 'createContainer': return ustring(r.path) + buffer(r.data) + acls(r.acl) + 4;
    case 'createTTL': return ustring(r.path) + buffer(r.data) + acls(r.acl) + 4 + 8;
    case 'delete':
    case 'deleteContainer':
      return ustring(r.path);
    case 'setData': return ustring(r.path) + buffer(r.data) + 4;
    case 'setACL': return ustring(r.path) + acls(r.acl) + 4;
    case 'check': return ustring(r.path) + 4;
    // MultiTxn: vector<Txn{int type; buffer data}>
    case 'multi': return r.txns.reduce((n, t) => n + 4 + 4 + txnRecordSize(t), 4);
    case 'createSession': return 4;
    case 'closeSession': return r.paths2Delete.reduce((n, p) => n + ustring(p), 4);
    case 'error': return 4;
  }
}

/**
 * Request.getSerializeData as Leader.propose measures it: TxnHeader (clientId, cxid, zxid, time,
 * type = 32 bytes), the txn record, and the TxnDigest (version, treeDigest = 12 bytes).
 */
export function proposalSize(txn: Txn): number {
  return 32 + txnRecordSize(txn.record) + 12;
}
