/**
 * PrepRequestProcessor: turns a write request into the txn every server will apply, validating it
 * in ZooKeeper's exact order (ZooKeeper 3.8 "Create validation order", "Delete validation
 * order", "Versions", §5 permission table). A failed request still becomes a txn — an `error`
 * txn that consumes its zxid.
 *
 * The leader prepares several requests before the first one commits, so validation must see
 * changes that are prepared but not yet applied: ZooKeeper's `outstandingChanges` list and
 * `outstandingChangesForPath` map. Here they are `PendingChanges`, plain data the caller keeps
 * next to the tree, and `commitPendingChanges` drops records once their txn is applied.
 */
import { checkACL, fixupACL, Perms, type ACL } from '../acl/acl.ts';
import { getMaxPrefixWithQuota, getNode, isSpecialPath, createStat } from './DataTree.ts';
import { ephemeralTypeOf, ttlToEphemeralOwner, CONTAINER_EPHEMERAL_OWNER } from './EphemeralType.ts';
import { cloneEphemeralSet } from './DataTree.ts';
import { javaHashSetAdd, javaHashSetRemove } from './JavaHashSet.ts';
import { Code } from './KeeperException.ts';
import { validatePath } from './PathUtils.ts';
import { parseStatsTrackBytes, Quotas, statsGet } from './StatsTrack.ts';
import { isJavaThrowable } from '../javaThrowable.ts';
import {
  isContainer, isEphemeral, isSequential, isTTL,
  type DataTree, type Op, type PrepConfig, type Request, type RequestContext, type StatPersisted, type Txn, type TxnRecord,
} from './types.ts';

/** PrepRequestProcessor's ChangeRecord: the state a path will have once the pending txns apply. */
export interface ChangeRecord {
  zxid: number;
  path: string;
  /** null = the node is being deleted. */
  stat: StatPersisted | null;
  childCount: number;
  acl: ACL[] | null;
  data: Uint8Array | null;
}

/** ZooKeeperServer.outstandingChanges + outstandingChangesForPath. */
export interface PendingChanges {
  records: ChangeRecord[];
  byPath: Map<string, ChangeRecord>;
}

export function emptyPendingChanges(): PendingChanges {
  return { records: [], byPath: new Map() };
}

/** What prepRequest reads: the committed tree plus the pending overlay (which it extends). */
export interface PrepView {
  tree: DataTree;
  pending: PendingChanges;
}

/**
 * FinalRequestProcessor: once the txn with `zxid` is applied, drop the change records it (and
 * anything older) created.
 */
export function commitPendingChanges(pending: PendingChanges, zxid: number): void {
  while (pending.records.length > 0 && (pending.records[0]?.zxid ?? Infinity) <= zxid) {
    const cr = pending.records.shift() as ChangeRecord;
    if (pending.byPath.get(cr.path) === cr) pending.byPath.delete(cr.path);
  }
}

class KeeperFailure {
  constructor(readonly code: number) {}
}

function fail(code: number): never {
  throw new KeeperFailure(code);
}

function copyStatPersisted(s: StatPersisted): StatPersisted {
  return { ...s };
}

function duplicate(c: ChangeRecord, zxid: number): ChangeRecord {
  return {
    zxid,
    path: c.path,
    stat: c.stat === null ? null : copyStatPersisted(c.stat),
    childCount: c.childCount,
    acl: c.acl,
    data: c.data,
  };
}

function getRecordForPath(view: PrepView, path: string): ChangeRecord {
  let last = view.pending.byPath.get(path);
  if (!last) {
    const n = getNode(view.tree, path);
    if (n) {
      last = { zxid: -1, path, stat: copyStatPersisted(n.stat), childCount: n.children.size, acl: n.acl, data: n.data };
    }
  }
  if (!last || last.stat === null) fail(Code.NONODE);
  return last;
}

function addChangeRecord(view: PrepView, c: ChangeRecord): void {
  view.pending.records.push(c);
  view.pending.byPath.set(c.path, c);
}

function checkSession(ctx: RequestContext): void {
  if (ctx.sessionCheck !== undefined && ctx.sessionCheck !== 0) fail(ctx.sessionCheck);
}

function checkAndIncVersion(currentVersion: number, expectedVersion: number): number {
  if (expectedVersion !== -1 && expectedVersion !== currentVersion) fail(Code.BADVERSION);
  return (currentVersion + 1) | 0;
}

function validateServerPath(path: string): void {
  if (validatePath(path) !== null) fail(Code.BADARGUMENTS);
}

function getParentPathAndValidate(path: string): string {
  const lastSlash = path.lastIndexOf('/');
  if (lastSlash === -1 || path.includes('\0') || isSpecialPath(path)) fail(Code.BADARGUMENTS);
  return path.substring(0, lastSlash);
}

function doCheckACL(acl: ACL[] | null, perm: number, ctx: RequestContext, config: PrepConfig): void {
  if (!checkACL(acl, perm, ctx.authInfo, { skipACL: config.skipACL })) fail(Code.NOAUTH);
}

/** ZooKeeperServer.checkQuota: only hard limits fail, only with enforceQuota; reads the committed tree. */
function checkQuota(tree: DataTree, path: string, lastData: Uint8Array | null, data: Uint8Array | null, isCreate: boolean, config: PrepConfig): void {
  if (!config.enforceQuota) return;
  const lastPrefix = getMaxPrefixWithQuota(tree, path);
  if (lastPrefix === null || lastPrefix === '') return;
  const dataBytes = data === null ? 0 : data.length;
  const bytesDiff = isCreate ? dataBytes : dataBytes - (lastData === null ? 0 : lastData.length);
  const countDiff = isCreate ? 1 : 0;
  const limitNode = getNode(tree, Quotas.limitPath(lastPrefix));
  if (!limitNode) return;
  // Data that is not a StatsTrack throws here; prepRequest turns it into MarshallingError.
  const limits = parseStatsTrackBytes(limitNode.data);
  const checkCount = countDiff !== 0 && (statsGet(limits, 'count') > -1n || statsGet(limits, 'countHardLimit') > -1n);
  const checkBytes = bytesDiff !== 0 && (statsGet(limits, 'bytes') > -1n || statsGet(limits, 'byteHardLimit') > -1n);
  if (!checkCount && !checkBytes) return;
  const statNode = getNode(tree, Quotas.statPath(lastPrefix));
  if (!statNode) return;
  const current = parseStatsTrackBytes(statNode.data);
  if (checkCount) {
    const hard = statsGet(limits, 'countHardLimit');
    if (hard > -1n && BigInt.asIntN(64, statsGet(current, 'count') + BigInt(countDiff)) > hard) fail(Code.QUOTAEXCEEDED);
  }
  if (checkBytes) {
    const hard = statsGet(limits, 'byteHardLimit');
    if (hard > -1n && BigInt.asIntN(64, statsGet(current, 'bytes') + BigInt(bytesDiff)) > hard) fail(Code.QUOTAEXCEEDED);
  }
}

/** `String.format(Locale.ENGLISH, "%010d", int)` */
export function formatSequence(n: number): string {
  const v = n | 0;
  return v < 0 ? '-' + String(-v).padStart(9, '0') : String(v).padStart(10, '0');
}

/** pRequest2TxnCreate — ZooKeeper 3.8 "Create validation order". */
function prepCreate(view: PrepView, op: Extract<Op, { type: 'create' }>, ctx: RequestContext, zxid: number, time: number, config: PrepConfig): TxnRecord {
  const mode = op.mode;
  const ttl = isTTL(mode) ? (op.ttl ?? 0) : -1;
  // 1. TTL needs extended types; then EphemeralType.validateTTL (bad ttl → BadArguments)
  if (isTTL(mode) && !view.tree.extendedTypesEnabled) fail(Code.UNIMPLEMENTED);
  if (isTTL(mode) ? ttlToEphemeralOwner(ttl) === null : ttl >= 0) fail(Code.BADARGUMENTS);
  // 2. session
  checkSession(ctx);
  // 3. validatePathForCreate: only the slash and NUL checks here
  let path = op.path;
  const lastSlash = path.lastIndexOf('/');
  if (lastSlash === -1 || path.includes('\0')) fail(Code.BADARGUMENTS);
  const parentPath = path.substring(0, lastSlash);
  // 4. fixupACL
  const listACL = fixupACL(ctx.authInfo, op.acl);
  if (listACL === null) fail(Code.INVALIDACL);
  // 5. parent exists, 6. CREATE on the parent
  const parentRecord = getRecordForPath(view, parentPath);
  doCheckACL(parentRecord.acl, Perms.CREATE, ctx, config);
  // 7. sequential suffix from the stored cversion, before the increment
  const parentStat = parentRecord.stat as StatPersisted;
  if (isSequential(mode)) path = path + formatSequence(parentStat.cversion);
  validateServerPath(path);
  // 8. exists?
  let exists = false;
  try {
    getRecordForPath(view, path);
    exists = true;
  } catch (e) {
    if (!(e instanceof KeeperFailure)) throw e;
  }
  if (exists) fail(Code.NODEEXISTS);
  // 9. ephemeral parent
  if (ephemeralTypeOf(parentStat.ephemeralOwner, view.tree.extendedTypesEnabled) === 'NORMAL') fail(Code.NOCHILDRENFOREPHEMERALS);
  const newCversion = (parentStat.cversion + 1) | 0;
  // 10. quota
  checkQuota(view.tree, path, null, op.data, true, config);

  let record: TxnRecord;
  if (isContainer(mode)) record = { type: 'createContainer', path, data: op.data, acl: listACL, parentCVersion: newCversion };
  else if (isTTL(mode)) record = { type: 'createTTL', path, data: op.data, acl: listACL, parentCVersion: newCversion, ttl };
  else record = { type: 'create', path, data: op.data, acl: listACL, ephemeral: isEphemeral(mode), parentCVersion: newCversion };

  let ephemeralOwner = 0n;
  if (isContainer(mode)) ephemeralOwner = CONTAINER_EPHEMERAL_OWNER;
  else if (isTTL(mode)) ephemeralOwner = ttlToEphemeralOwner(ttl) ?? 0n;
  else if (isEphemeral(mode)) ephemeralOwner = ctx.sessionId;
  const parent = duplicate(parentRecord, zxid);
  parent.childCount++;
  (parent.stat as StatPersisted).cversion = newCversion;
  (parent.stat as StatPersisted).pzxid = zxid;
  addChangeRecord(view, parent);
  addChangeRecord(view, { zxid, path, stat: createStat(zxid, time, ephemeralOwner), childCount: 0, acl: listACL, data: op.data });
  return record;
}

function prepDelete(view: PrepView, path: string, version: number, ctx: RequestContext, zxid: number, config: PrepConfig): TxnRecord {
  checkSession(ctx);
  const parentPath = getParentPathAndValidate(path);
  const parentRecord = getRecordForPath(view, parentPath);
  doCheckACL(parentRecord.acl, Perms.DELETE, ctx, config);
  const nodeRecord = getRecordForPath(view, path);
  checkAndIncVersion((nodeRecord.stat as StatPersisted).version, version);
  if (nodeRecord.childCount > 0) fail(Code.NOTEMPTY);
  const parent = duplicate(parentRecord, zxid);
  parent.childCount--;
  (parent.stat as StatPersisted).pzxid = zxid;
  addChangeRecord(view, parent);
  addChangeRecord(view, { zxid, path, stat: null, childCount: -1, acl: null, data: null });
  return { type: 'delete', path };
}

function prepSetData(view: PrepView, op: Extract<Op, { type: 'setData' }>, ctx: RequestContext, zxid: number, time: number, config: PrepConfig): TxnRecord {
  checkSession(ctx);
  validateServerPath(op.path);
  const nodeRecord = getRecordForPath(view, op.path);
  doCheckACL(nodeRecord.acl, Perms.WRITE, ctx, config);
  checkQuota(view.tree, op.path, nodeRecord.data, op.data, false, config);
  const newVersion = checkAndIncVersion((nodeRecord.stat as StatPersisted).version, op.version);
  const rec = duplicate(nodeRecord, zxid);
  const st = rec.stat as StatPersisted;
  st.version = newVersion;
  st.mtime = time;
  st.mzxid = zxid;
  rec.data = op.data;
  addChangeRecord(view, rec);
  return { type: 'setData', path: op.path, data: op.data, version: newVersion };
}

function prepCheck(view: PrepView, op: Extract<Op, { type: 'check' }>, ctx: RequestContext, config: PrepConfig): TxnRecord {
  checkSession(ctx);
  validateServerPath(op.path);
  const nodeRecord = getRecordForPath(view, op.path);
  doCheckACL(nodeRecord.acl, Perms.READ, ctx, config);
  return { type: 'check', path: op.path, version: checkAndIncVersion((nodeRecord.stat as StatPersisted).version, op.version) };
}

function prepOp(view: PrepView, op: Op, ctx: RequestContext, zxid: number, time: number, config: PrepConfig): TxnRecord {
  switch (op.type) {
    case 'create':
      return prepCreate(view, op, ctx, zxid, time, config);
    case 'delete':
      return prepDelete(view, op.path, op.version, ctx, zxid, config);
    case 'setData':
      return prepSetData(view, op, ctx, zxid, time, config);
    case 'check':
      return prepCheck(view, op, ctx, config);
  }
}

/** getPendingChanges: the records a failed multi must restore (its paths and their parents). */
function getPendingChangesForMulti(view: PrepView, ops: Op[]): Map<string, ChangeRecord> {
  const saved = new Map<string, ChangeRecord>();
  for (const op of ops) {
    const cr = view.pending.byPath.get(op.path);
    if (cr) saved.set(op.path, cr);
    const lastSlash = op.path.lastIndexOf('/');
    if (lastSlash === -1 || op.path.includes('\0')) continue;
    const parentPath = op.path.substring(0, lastSlash);
    const pcr = view.pending.byPath.get(parentPath);
    if (pcr) saved.set(parentPath, pcr);
  }
  return saved;
}

/** rollbackPendingChanges: undo the records a failed multi added. */
function rollbackPendingChanges(view: PrepView, zxid: number, saved: Map<string, ChangeRecord>): void {
  const p = view.pending;
  while (p.records.length > 0 && p.records[p.records.length - 1]?.zxid === zxid) {
    const c = p.records.pop() as ChangeRecord;
    p.byPath.delete(c.path);
  }
  const first = p.records[0];
  if (!first) return;
  for (const c of saved.values()) {
    if (c.zxid < first.zxid) continue;
    p.byPath.set(c.path, c);
  }
}

/**
 * PrepRequestProcessor.pRequest for one write request. The caller assigns `zxid` (the next one;
 * failed requests consume it too) and the simulated `time`; `view.pending` is extended with the
 * request's change records.
 */
export function prepRequest(view: PrepView, request: Request, ctx: RequestContext, zxid: number, time: number, config: PrepConfig = {}): Txn {
  const hdr = { clientId: ctx.sessionId, cxid: ctx.cxid, zxid, time };
  try {
    switch (request.type) {
      case 'create':
      case 'delete':
      case 'setData':
      case 'check':
        return { ...hdr, record: prepOp(view, request, ctx, zxid, time, config) };
      case 'setACL': {
        checkSession(ctx);
        validateServerPath(request.path);
        const listACL = fixupACL(ctx.authInfo, request.acl);
        if (listACL === null) fail(Code.INVALIDACL);
        const nodeRecord = getRecordForPath(view, request.path);
        doCheckACL(nodeRecord.acl, Perms.ADMIN, ctx, config);
        const newVersion = checkAndIncVersion((nodeRecord.stat as StatPersisted).aversion, request.version);
        const rec = duplicate(nodeRecord, zxid);
        (rec.stat as StatPersisted).aversion = newVersion;
        rec.acl = listACL;
        addChangeRecord(view, rec);
        return { ...hdr, record: { type: 'setACL', path: request.path, acl: listACL, version: newVersion } };
      }
      case 'deleteContainer': {
        const path = request.path;
        const parentPath = getParentPathAndValidate(path);
        const nodeRecord = getRecordForPath(view, path);
        if (nodeRecord.childCount > 0) fail(Code.NOTEMPTY);
        if (ephemeralTypeOf((nodeRecord.stat as StatPersisted).ephemeralOwner, view.tree.extendedTypesEnabled) === 'NORMAL') {
          fail(Code.BADVERSION);
        }
        const parentRecord = getRecordForPath(view, parentPath);
        const parent = duplicate(parentRecord, zxid);
        parent.childCount--;
        (parent.stat as StatPersisted).pzxid = zxid;
        addChangeRecord(view, parent);
        addChangeRecord(view, { zxid, path, stat: null, childCount: -1, acl: null, data: null });
        return { ...hdr, record: { type: 'deleteContainer', path } };
      }
      case 'createSession':
        return { ...hdr, record: { type: 'createSession', timeOut: request.timeOut } };
      case 'closeSession': {
        // Every ephemeral of the session, pending ones included (CloseSessionTxn.paths2Delete).
        const es = cloneEphemeralSet(view.tree, ctx.sessionId);
        for (const c of view.pending.records) {
          if (c.stat === null) javaHashSetRemove(es, c.path);
          else if (c.stat.ephemeralOwner === ctx.sessionId) javaHashSetAdd(es, c.path);
        }
        for (const p of es.items) {
          // digest enabled (the 3.8 default): the parent's record gets the new pzxid
          const parentRecord = getRecordForPath(view, getParentPathAndValidate(p));
          const parent = duplicate(parentRecord, zxid);
          (parent.stat as StatPersisted).pzxid = zxid;
          addChangeRecord(view, parent);
          addChangeRecord(view, { zxid, path: p, stat: null, childCount: 0, acl: null, data: null });
        }
        return { ...hdr, record: { type: 'closeSession', paths2Delete: [...es.items] } };
      }
      case 'reconfig': {
        // pRequest2Txn, OpCode.reconfig (ZooKeeper 3.8.0): disabled → ReconfigDisabled; the new
        // QuorumVerifier (src/protocol/quorum/reconfig.ts); then checkACL(WRITE) on
        // /zookeeper/config (world:anyone:r, so only super passes); a SetDataTxn of the new
        // config's text with version −1 (the node's dataVersion stays −1).
        if (!config.reconfigEnabled) fail(Code.RECONFIGDISABLED);
        checkSession(ctx);
        if (!config.reconfig) return fail(Code.UNIMPLEMENTED);
        const r = config.reconfig(request, zxid);
        if (!r.ok) return fail(r.code);
        const nodeRecord = getRecordForPath(view, '/zookeeper/config');
        doCheckACL(nodeRecord.acl, Perms.WRITE, ctx, config);
        const data = new TextEncoder().encode(r.text);
        const rec = duplicate(nodeRecord, zxid);
        const st = rec.stat as StatPersisted;
        st.version = -1;
        st.mtime = time;
        st.mzxid = zxid;
        rec.data = data;
        addChangeRecord(view, rec);
        return { ...hdr, record: { type: 'setData', path: '/zookeeper/config', data, version: -1, reconfig: true } };
      }
      case 'multi': {
        const saved = getPendingChangesForMulti(view, request.ops);
        const txns: TxnRecord[] = [];
        let failed = false;
        for (const op of request.ops) {
          if (failed) {
            txns.push({ type: 'error', err: Code.RUNTIMEINCONSISTENCY });
            continue;
          }
          try {
            txns.push(prepOp(view, op, ctx, zxid, time, config));
          } catch (e) {
            if (!(e instanceof KeeperFailure)) throw e;
            failed = true;
            txns.push({ type: 'error', err: e.code });
            rollbackPendingChanges(view, zxid, saved);
          }
        }
        return { ...hdr, record: { type: 'multi', txns } };
      }
    }
  } catch (e) {
    if (e instanceof KeeperFailure) return { ...hdr, record: { type: 'error', err: e.code } };
    // pRequest's `catch (Exception e)`: "Failed to process", the request becomes ErrorTxn(MARSHALLINGERROR)
    if (isJavaThrowable(e)) return { ...hdr, record: { type: 'error', err: Code.MARSHALLINGERROR } };
    throw e;
  }
}

/** The first error of a prepared/applied txn (ErrorTxn or a multi's first ErrorTxn), else 0. */
export function txnError(record: TxnRecord): number {
  if (record.type === 'error') return record.err;
  if (record.type === 'multi') {
    for (const t of record.txns) if (t.type === 'error' && t.err !== 0) return t.err;
  }
  return 0;
}
