/**
 * SRV/DataTree for one server: the znodes, the ephemerals per session, containers, TTLs and
 * quotas, and `processTxn`, which applies a txn identically on every server (ZooKeeper 3.8).
 *
 * The tree is plain data and is mutated in place (the same habit as the QuorumPeer kernel);
 * iteration orders are deterministic. processTxn never reads a clock: times come from the txn.
 */
import { deepClone } from '../../sim/clone.ts';
import { READ_ACL_UNSAFE, type ACL } from '../acl/acl.ts';
import { utf8Encode } from '../acl/utf8.ts';
import { ephemeralTypeOf, ttlOf, CONTAINER_EPHEMERAL_OWNER } from './EphemeralType.ts';
import { javaHashSetAdd, javaHashSetClone, javaHashSetRemove, newJavaHashSet, type JavaHashSet } from './JavaHashSet.ts';
import { Code } from './KeeperException.ts';
import { formatStatsTrack, parseStatsTrackBytes, Quotas, statsAdd, type StatsTrack } from './StatsTrack.ts';
import type {
  DataNode, DataTree, ProcessTxnResult, SessionId, Stat, StatPersisted, Txn, TxnRecord, WatchTrigger,
} from './types.ts';

export interface DataTreeOptions {
  extendedTypesEnabled?: boolean;
  /** Contents of /zookeeper/config (the dynamic config; empty in standalone). */
  configData?: Uint8Array;
}

function emptyStat(): StatPersisted {
  return { czxid: 0, mzxid: 0, ctime: 0, mtime: 0, version: 0, cversion: 0, aversion: 0, ephemeralOwner: 0n, pzxid: 0 };
}

function newNode(data: Uint8Array | null, acl: ACL[], stat: StatPersisted): DataNode {
  return { data, acl, stat, children: new Set() };
}

/**
 * A fresh tree: `/`, `/zookeeper`, `/zookeeper/quota` (world:anyone:cdrwa, czxid 0, ctime 0) and
 * `/zookeeper/config` (world:anyone:r, aversion −1) — ZooKeeper 3.8 "Reserved nodes".
 */
export function createDataTree(opts: DataTreeOptions = {}): DataTree {
  const open = (): ACL[] => [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
  const root = newNode(new Uint8Array(0), open(), emptyStat());
  const proc = newNode(new Uint8Array(0), open(), emptyStat());
  const quota = newNode(new Uint8Array(0), open(), emptyStat());
  const configStat = emptyStat();
  // DataTree.addConfigNode: setACL(configZookeeper, READ_ACL_UNSAFE, -1) stores aversion -1.
  configStat.aversion = -1;
  const config = newNode(opts.configData ?? new Uint8Array(0), READ_ACL_UNSAFE.map((a) => ({ ...a })), configStat);
  root.children.add('zookeeper');
  proc.children.add('quota');
  proc.children.add('config');
  return {
    nodes: new Map([
      ['/', root],
      ['/zookeeper', proc],
      ['/zookeeper/quota', quota],
      ['/zookeeper/config', config],
    ]),
    ephemerals: new Map(),
    containers: new Set(),
    ttls: new Set(),
    quotaPaths: new Set(),
    lastProcessedZxid: 0,
    extendedTypesEnabled: opts.extendedTypesEnabled ?? false,
  };
}

/**
 * ZKDatabase.initConfigInZKDatabase: a quorum server writes its dynamic config into
 * /zookeeper/config with `setData(…, version −1, zxid = config version, time)` — so a fresh
 * ensemble shows `mZxid = 0x0`, `dataVersion = -1` and its start time as mtime. No watch fires
 * (the watch managers are empty at load time), but it is DataTree.setData: a quota on
 * /zookeeper/config (or /zookeeper) counts the change of size.
 */
export function initConfigNode(tree: DataTree, data: Uint8Array, configVersion: number, timeMs: number): void {
  const n = mutableNode(tree, Quotas.configZookeeper);
  if (!n) return;
  const lastdata = n.data;
  n.data = data;
  n.stat.version = -1;
  n.stat.mzxid = configVersion;
  n.stat.mtime = timeMs;
  const lastPrefix = getMaxPrefixWithQuota(tree, Quotas.configZookeeper);
  if (lastPrefix !== null) updateQuotaStat(tree, lastPrefix, data.length - (lastdata === null ? 0 : lastdata.length), 0);
}

// ---------------------------------------------------------------------------------------------
// structural sharing between a live tree and its checkpoint copies

/**
 * For a tree whose znodes are shared with copies (see shareDataTree): the znodes it owns — made
 * or copied since the last share. A tree absent here (a fresh or a structured-cloned one) owns
 * every znode. Kept outside the tree, which stays plain data.
 */
const ownedNodes = new WeakMap<Map<string, DataNode>, Set<DataNode>>();

/**
 * A copy of `tree` for a checkpoint that shares every znode with it: from now on both trees
 * copy a znode the first time they change it (mutableNode), so a checkpoint costs one Map copy
 * instead of a deep copy of every znode.
 */
export function shareDataTree(tree: DataTree): DataTree {
  lastNodes = null;
  ownedNodes.set(tree.nodes, new Set());
  const nodes = copyMap(tree.nodes);
  ownedNodes.set(nodes, new Set());
  return {
    ...tree,
    nodes,
    ephemerals: deepClone(tree.ephemerals),
    containers: copySet(tree.containers),
    ttls: copySet(tree.ttls),
    quotaPaths: copySet(tree.quotaPaths),
  };
}

/**
 * A tree as a checkpoint keeps it, taken in time proportional to what changed since the tree was
 * last frozen, not to its size. Its znodes are shared with the live tree, which from now on copies
 * a znode the first time it changes it (mutableNode) — except a parent with many children (the
 * root over every /wN): the live tree keeps changing that one in place instead of copying its set
 * of children at its next create, and the checkpoint keeps its fields as they were (`wide`), its
 * children to be listed again when thawed.
 *
 * The znodes are a chain: `paths`/`nodes` are the entries set (a znode) or deleted (null) since
 * `prev` was frozen, in the order the live tree set them; a whole tree (prev null) lists every
 * entry in map order. Replaying the chain gives the live map's exact key order: setting an
 * existing key keeps its place, a new one goes last. Once the entries since the last whole tree
 * outnumber the tree, the next freeze is whole again, so a thaw reads at most about twice the tree.
 * thawDataTree makes a tree of it again; the checkpoint stays usable.
 */
export interface FrozenDataTree {
  /** The tree's other fields, copied; `nodes` is null (kept in its place: thawed trees have the same key order). */
  rest: Omit<DataTree, 'nodes'> & { nodes: null };
  /** The freeze this one continues (null: this one is whole). */
  prev: FrozenDataTree | null;
  paths: string[];
  nodes: Array<DataNode | null>;
  /** The parents the live tree goes on changing in place: their fields as they were. */
  wide: Array<[string, WideNode]>;
  /** Entries in the chain since its whole tree, this freeze's included (0: this one is whole). */
  chained: number;
}

/** A checkpoint's copy of a parent with many children (its children are listed again at thaw, from the paths). */
interface WideNode {
  data: Uint8Array | null;
  acl: ACL[];
  stat: StatPersisted;
}

/** A parent with at least this many children is changed in place by the live tree after a freeze (see FrozenDataTree). */
const COPY_CHILDREN_AT = 32;

/**
 * What a live tree changed since it was last frozen (kept outside the tree, which stays plain
 * data): every entry of its map set or deleted, in order, and the parents it kept changing in
 * place. A tree without one (fresh, structured-cloned, thawed) is frozen whole.
 */
interface Journal {
  paths: string[];
  nodes: Array<DataNode | null>;
  last: FrozenDataTree;
  wide: Array<[string, DataNode]>;
}
const journals = new WeakMap<Map<string, DataNode>, Journal>();

function journal(nodes: Map<string, DataNode>, path: string, node: DataNode | null): void {
  const j = journals.get(nodes);
  if (j) {
    j.paths.push(path);
    j.nodes.push(node);
  }
}

export function freezeDataTree(tree: DataTree): FrozenDataTree {
  lastNodes = null;
  // What the tree owned so far (undefined: everything); a znode it shares with another tree
  // (a copy some host made) stays shared, and the live tree copies it when it changes it.
  const owned = ownedNodes.get(tree.nodes);
  const mine = (node: DataNode): boolean => owned === undefined || owned.has(node);
  const j = journals.get(tree.nodes);
  const size = tree.nodes.size;
  const whole = j === undefined || j.last.chained + j.paths.length > size;
  // The parents with many children the tree owns: among the entries set since the last freeze
  // and the parents kept then (those are all it can own), or among all of them.
  const wide: Array<[string, DataNode]> = [];
  const seen = new Set<DataNode>();
  const look = (path: string, node: DataNode | null | undefined): void => {
    if (!node || node.children.size < COPY_CHILDREN_AT || seen.has(node) || tree.nodes.get(path) !== node || !mine(node)) return;
    seen.add(node);
    wide.push([path, node]);
  };
  let paths: string[];
  let nodes: Array<DataNode | null>;
  if (whole) {
    paths = new Array<string>(size);
    nodes = new Array<DataNode>(size);
    let i = 0;
    tree.nodes.forEach((node, path) => {
      paths[i] = path;
      nodes[i] = node;
      i += 1;
      if (node.children.size >= COPY_CHILDREN_AT) look(path, node);
    });
  } else {
    ({ paths, nodes } = j);
    for (const [path, node] of j.wide) look(path, node);
    for (let i = 0; i < paths.length; i++) look(paths[i]!, nodes[i]);
  }
  const frozen: FrozenDataTree = {
    rest: copyRest(tree),
    prev: whole ? null : j.last,
    paths,
    nodes,
    wide: wide.map(([path, n]) => [path, { data: n.data, acl: n.acl, stat: { ...n.stat } }]),
    chained: whole ? 0 : j.last.chained + paths.length,
  };
  ownedNodes.set(tree.nodes, new Set(seen));
  journals.set(tree.nodes, { paths: [], nodes: [], last: frozen, wide });
  return frozen;
}

/** A live tree from a checkpoint's (see FrozenDataTree): it shares the znodes and copies a znode the first time it changes it. */
export function thawDataTree(frozen: FrozenDataTree): DataTree {
  lastNodes = null;
  const chain: FrozenDataTree[] = [];
  for (let f: FrozenDataTree | null = frozen; f; f = f.prev) chain.push(f);
  const nodes = new Map<string, DataNode>();
  for (let k = chain.length - 1; k >= 0; k--) {
    const { paths, nodes: list } = chain[k]!;
    for (let i = 0; i < paths.length; i++) {
      const v = list[i];
      if (v) nodes.set(paths[i]!, v);
      else nodes.delete(paths[i]!);
    }
  }
  const owned = new Set<DataNode>();
  if (frozen.wide.length > 0) {
    // The wide parents as they were, their children listed from the paths: in map order, which
    // is the order they were made in (createNode adds a child as it puts the child's entry).
    const wide = new Map<string, DataNode>();
    for (const [path, w] of frozen.wide) {
      const node: DataNode = { data: w.data, acl: w.acl, stat: { ...w.stat }, children: new Set() };
      wide.set(path, node);
      nodes.set(path, node);
      owned.add(node);
    }
    nodes.forEach((_, path) => {
      if (path === '/') return;
      const cut = path.lastIndexOf('/');
      const parent = wide.get(cut === 0 ? '/' : path.substring(0, cut));
      if (parent) parent.children.add(path.substring(cut + 1));
    });
  }
  ownedNodes.set(nodes, owned);
  return { ...copyRest(frozen.rest), nodes };
}

/** The fields of a tree but its znodes, copied (shareDataTree's copies of them). */
function copyRest(tree: Omit<DataTree, 'nodes'>): Omit<DataTree, 'nodes'> & { nodes: null } {
  return {
    ...tree,
    nodes: null,
    ephemerals: deepClone(tree.ephemerals),
    containers: copySet(tree.containers),
    ttls: copySet(tree.ttls),
    quotaPaths: copySet(tree.quotaPaths),
  };
}

/**
 * `new Map(m)` and `new Set(s)`, in the same order: a checkpoint copies every server's map of
 * znodes and the first change after it copies a parent's children (the root's, with every /wN
 * under it). The constructors go through the iterator protocol, an entry array per element;
 * forEach does not.
 */
function copyMap<K, V>(m: Map<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

function copySet<T>(s: Set<T>): Set<T> {
  const out = new Set<T>();
  s.forEach((v) => out.add(v));
  return out;
}

// The last tree looked up in ownedNodes (a txn changes several znodes of one tree in a row).
let lastNodes: Map<string, DataNode> | null = null;
let lastOwned: Set<DataNode> | undefined;

function ownedOf(nodes: Map<string, DataNode>): Set<DataNode> | undefined {
  if (nodes !== lastNodes) {
    lastNodes = nodes;
    lastOwned = ownedNodes.get(nodes);
  }
  return lastOwned;
}

/** The znode at `path`, to be changed: first copied if it is shared with another tree. */
function mutableNode(tree: DataTree, path: string): DataNode | undefined {
  const key = path === '' ? '/' : path;
  const n = tree.nodes.get(key);
  if (n === undefined) return n;
  const owned = ownedOf(tree.nodes);
  if (owned === undefined || owned.has(n)) return n;
  const copy: DataNode = { data: n.data, acl: n.acl, stat: { ...n.stat }, children: copySet(n.children) };
  tree.nodes.set(key, copy);
  owned.add(copy);
  journal(tree.nodes, key, copy);
  return copy;
}

/** Adds a new znode (owned by this tree). */
function putNode(tree: DataTree, path: string, node: DataNode): void {
  tree.nodes.set(path, node);
  ownedOf(tree.nodes)?.add(node);
  journal(tree.nodes, path, node);
}

/** DataTree.getNode. ZooKeeper aliases the root as "" (the parent of "/a"). */
export function getNode(tree: DataTree, path: string): DataNode | undefined {
  return tree.nodes.get(path === '' ? '/' : path);
}

/** DataTree.isSpecialPath: the four reserved nodes cannot be deleted. */
export function isSpecialPath(path: string): boolean {
  return path === '/' || path === '/zookeeper' || path === '/zookeeper/quota' || path === '/zookeeper/config';
}

/** The parent of `/a/b` is `/a`; of `/a` it is "" (ZooKeeper's alias for the root). */
export function parentOf(path: string): string {
  return path.substring(0, path.lastIndexOf('/'));
}

/** Client-visible ephemeralOwner: 0 unless the node is a real ephemeral (DataNode.getClientEphemeralOwner). */
export function clientEphemeralOwner(tree: DataTree, owner: bigint): bigint {
  return ephemeralTypeOf(owner, tree.extendedTypesEnabled) === 'NORMAL' ? owner : 0n;
}

/** DataNode.copyStat: displayed cversion = 2*stored − numChildren (ZooKeeper 3.8). */
export function copyStat(tree: DataTree, node: DataNode): Stat {
  const s = node.stat;
  const numChildren = node.children.size;
  return {
    czxid: s.czxid,
    mzxid: s.mzxid,
    ctime: s.ctime,
    mtime: s.mtime,
    version: s.version,
    cversion: s.cversion * 2 - numChildren,
    aversion: s.aversion,
    ephemeralOwner: clientEphemeralOwner(tree, s.ephemeralOwner),
    dataLength: node.data === null ? 0 : node.data.length,
    numChildren,
    pzxid: s.pzxid,
  };
}

/** DataTree.createStat: ctime = mtime = time; czxid = mzxid = pzxid = zxid. */
export function createStat(zxid: number, time: number, ephemeralOwner: bigint): StatPersisted {
  return { czxid: zxid, mzxid: zxid, ctime: time, mtime: time, version: 0, cversion: 0, aversion: 0, ephemeralOwner, pzxid: zxid };
}

// ---------------------------------------------------------------------------------------------
// quotas (DataTree.updateQuotaStat / updateQuotaForPath / getMaxPrefixWithQuota)

/** PathTrie.findMaxPrefix + getMaxPrefixWithQuota: the deepest quota'd ancestor-or-self, else null. */
export function getMaxPrefixWithQuota(tree: DataTree, path: string): string | null {
  if (tree.quotaPaths.size === 0) return null;
  const parts = path.split('/').filter((p) => p !== '');
  let best: string | null = null;
  let prefix = '';
  for (const part of parts) {
    prefix += '/' + part;
    if (tree.quotaPaths.has(prefix)) best = prefix;
  }
  return best === null || best === '/' ? null : best;
}

/**
 * DataTree.updateQuotaStat. Data in the stat node that is not a StatsTrack throws here, after the
 * node itself was created / changed / deleted and before its watches fire: the txn is half
 * applied and the server's CommitProcessor dies of it (Zab.ts deliverCommitted; recorded:
 * conformance/62-quota-garbage-stats-crash).
 */
function updateQuotaStat(tree: DataTree, lastPrefix: string, bytesDiff: number, countDiff: number): void {
  const statNode = mutableNode(tree, Quotas.statPath(lastPrefix));
  if (!statNode) return; // "Missing node for stat" — should not happen
  const st = parseStatsTrackBytes(statNode.data);
  statsAdd(st, 'count', countDiff);
  statsAdd(st, 'bytes', bytesDiff);
  statNode.data = utf8Encode(formatStatsTrack(st));
}

function getCounts(tree: DataTree, path: string, acc: { count: number; bytes: number }): void {
  const node = tree.nodes.get(path);
  if (!node) return;
  acc.count += 1;
  acc.bytes += node.data === null ? 0 : node.data.length;
  for (const c of node.children) getCounts(tree, (path === '/' ? '' : path) + '/' + c, acc);
}

function updateQuotaForPath(tree: DataTree, path: string): void {
  const acc = { count: 0, bytes: 0 };
  getCounts(tree, path, acc);
  const statNode = mutableNode(tree, Quotas.statPath(path));
  if (!statNode) return;
  const st: StatsTrack = new Map([['bytes', BigInt(acc.bytes)], ['count', BigInt(acc.count)]]);
  statNode.data = utf8Encode(formatStatsTrack(st));
}

// ---------------------------------------------------------------------------------------------
// the mutations (DataTree.createNode / deleteNode / setData / setACL)

function ephemeralSet(tree: DataTree, owner: SessionId): JavaHashSet {
  let set = tree.ephemerals.get(owner);
  if (!set) {
    set = newJavaHashSet();
    tree.ephemerals.set(owner, set);
  }
  return set;
}

/**
 * A new znode's own copy of its txn's ACL list, made once per list: in-process every server
 * applies the same txn record, and their znodes share one copy (ReferenceCountedACLCache shares
 * equal lists the same way). A znode's ACL list is never changed in place — setACL gives it a new
 * one, and mutableNode's copies already share it — nor is a logged txn's.
 */
const aclCopies = new WeakMap<readonly ACL[], ACL[]>();

function nodeAcl(acl: readonly ACL[]): ACL[] {
  let copy = aclCopies.get(acl);
  if (copy === undefined) {
    copy = acl.map((a) => ({ perms: a.perms, id: { ...a.id } }));
    aclCopies.set(acl, copy);
  }
  return copy;
}

/** DataTree.createNode. Returns an error code (NONODE, NODEEXISTS) or 0; pushes the watch triggers. */
function createNode(
  tree: DataTree, path: string, data: Uint8Array | null, acl: ACL[], ephemeralOwner: bigint,
  parentCVersionIn: number, zxid: number, time: number, triggers: WatchTrigger[],
): number {
  const parentName = parentOf(path);
  const childName = path.substring(path.lastIndexOf('/') + 1);
  if (getNode(tree, parentName)?.children.has(childName) === true) return Code.NODEEXISTS;
  const parent = mutableNode(tree, parentName);
  if (!parent) return Code.NONODE;
  let parentCVersion = parentCVersionIn;
  if (parentCVersion === -1) parentCVersion = parent.stat.cversion + 1;
  // Only move cversion/pzxid forward (fuzzy snapshot replay, DataTree.createNode).
  if (parentCVersion > parent.stat.cversion) {
    parent.stat.cversion = parentCVersion;
    parent.stat.pzxid = zxid;
  }
  const child = newNode(data, nodeAcl(acl), createStat(zxid, time, ephemeralOwner));
  parent.children.add(childName);
  putNode(tree, path, child);
  const type = ephemeralTypeOf(ephemeralOwner, tree.extendedTypesEnabled);
  if (type === 'CONTAINER') tree.containers.add(path);
  else if (type === 'TTL') tree.ttls.add(path);
  else if (ephemeralOwner !== 0n) javaHashSetAdd(ephemeralSet(tree, ephemeralOwner), path);

  if (parentName.startsWith(Quotas.quotaZookeeper)) {
    if (childName === Quotas.limitNode) tree.quotaPaths.add(Quotas.trimQuotaPath(parentName));
    if (childName === Quotas.statNode) updateQuotaForPath(tree, Quotas.trimQuotaPath(parentName));
  }
  const lastPrefix = getMaxPrefixWithQuota(tree, path);
  if (lastPrefix !== null) updateQuotaStat(tree, lastPrefix, data === null ? 0 : data.length, 1);

  triggers.push({ table: 'data', path, type: 'NodeCreated' });
  triggers.push({ table: 'child', path: parentName === '' ? '/' : parentName, type: 'NodeChildrenChanged' });
  return Code.OK;
}

/** DataTree.deleteNode: parent numChildren−1, pzxid = zxid if larger; stored cversion unchanged. */
function deleteNode(tree: DataTree, path: string, zxid: number, triggers: WatchTrigger[]): number {
  const parentName = parentOf(path);
  const childName = path.substring(path.lastIndexOf('/') + 1);
  const parent = mutableNode(tree, parentName);
  if (!parent) return Code.NONODE;
  parent.children.delete(childName);
  if (zxid > parent.stat.pzxid) parent.stat.pzxid = zxid;
  const node = tree.nodes.get(path);
  if (!node || path === '/') return Code.NONODE;
  tree.nodes.delete(path);
  journal(tree.nodes, path, null);
  const owner = node.stat.ephemeralOwner;
  const type = ephemeralTypeOf(owner, tree.extendedTypesEnabled);
  if (type === 'CONTAINER') tree.containers.delete(path);
  else if (type === 'TTL') tree.ttls.delete(path);
  else if (owner !== 0n) {
    const set = tree.ephemerals.get(owner);
    if (set) javaHashSetRemove(set, path);
  }
  if (parentName.startsWith(Quotas.quotaZookeeper) && childName === Quotas.limitNode) {
    tree.quotaPaths.delete(Quotas.trimQuotaPath(parentName));
  }
  const lastPrefix = getMaxPrefixWithQuota(tree, path);
  if (lastPrefix !== null) updateQuotaStat(tree, lastPrefix, node.data === null ? 0 : -node.data.length, -1);

  triggers.push({ table: 'data', path, type: 'NodeDeleted' });
  triggers.push({ table: 'child', path, type: 'NodeDeleted', suppressPrevious: true });
  triggers.push({ table: 'child', path: parentName === '' ? '/' : parentName, type: 'NodeChildrenChanged' });
  return Code.OK;
}

function setData(
  tree: DataTree, path: string, data: Uint8Array | null, version: number, zxid: number, time: number,
  triggers: WatchTrigger[],
): Stat | number {
  const n = mutableNode(tree, path);
  if (!n) return Code.NONODE;
  const lastdata = n.data;
  n.data = data;
  n.stat.mtime = time;
  n.stat.mzxid = zxid;
  n.stat.version = version;
  const stat = copyStat(tree, n);
  const lastPrefix = getMaxPrefixWithQuota(tree, path);
  if (lastPrefix !== null) {
    updateQuotaStat(tree, lastPrefix, (data === null ? 0 : data.length) - (lastdata === null ? 0 : lastdata.length), 0);
  }
  triggers.push({ table: 'data', path, type: 'NodeDataChanged' });
  return stat;
}

function setACL(tree: DataTree, path: string, acl: ACL[], version: number): Stat | number {
  const n = mutableNode(tree, path);
  if (!n) return Code.NONODE;
  n.stat.aversion = version;
  n.acl = acl.map((a) => ({ perms: a.perms, id: { ...a.id } }));
  return copyStat(tree, n);
}

/** DataTree.killSession: delete the txn's paths (in its order), then any leftovers (set order). */
function killSession(tree: DataTree, session: SessionId, zxid: number, paths2Delete: string[], triggers: WatchTrigger[]): void {
  const local = tree.ephemerals.get(session);
  tree.ephemerals.delete(session);
  for (const p of paths2Delete) deleteNode(tree, p, zxid, triggers);
  if (!local) return;
  for (const p of paths2Delete) javaHashSetRemove(local, p);
  for (const p of [...local.items]) deleteNode(tree, p, zxid, triggers);
}

// ---------------------------------------------------------------------------------------------

/**
 * DataTree.processTxn: apply one txn. Failed writes arrive as `error` txns and change nothing
 * (ZooKeeper 3.8 "Failed writes consume a zxid"). A multi containing an error applies nothing:
 * earlier ops become ErrorTxn(0), later ones ErrorTxn(−2) (§2 "multi").
 */
export function processTxn(tree: DataTree, txn: Txn): ProcessTxnResult {
  const rc = applyRecord(tree, txn, txn.record);
  if (txn.zxid > tree.lastProcessedZxid) tree.lastProcessedZxid = txn.zxid;
  return rc;
}

function applyRecord(tree: DataTree, hdr: Txn, record: TxnRecord): ProcessTxnResult {
  const triggers: WatchTrigger[] = [];
  const rc: ProcessTxnResult = {
    clientId: hdr.clientId, cxid: hdr.cxid, zxid: hdr.zxid, err: 0, type: record.type, triggers,
  };
  switch (record.type) {
    case 'create':
    case 'createContainer':
    case 'createTTL': {
      rc.path = record.path;
      const owner =
        record.type === 'createContainer' ? CONTAINER_EPHEMERAL_OWNER
        : record.type === 'createTTL' ? ttlOwner(record.ttl)
        : record.ephemeral ? hdr.clientId : 0n;
      rc.err = createNode(tree, record.path, record.data, record.acl, owner, record.parentCVersion, hdr.zxid, hdr.time, triggers);
      if (rc.err === Code.OK) {
        const n = tree.nodes.get(record.path);
        if (n) rc.stat = copyStat(tree, n);
      } else if (rc.err === Code.NODEEXISTS && record.type === 'create') {
        // DataTree.processTxn: on replay a NODEEXISTS create still moves the parent's cversion/pzxid.
        const seen = getNode(tree, parentOf(record.path));
        if (seen && record.parentCVersion > seen.stat.cversion) {
          const parent = mutableNode(tree, parentOf(record.path))!;
          parent.stat.cversion = record.parentCVersion;
          parent.stat.pzxid = hdr.zxid;
        }
      }
      break;
    }
    case 'delete':
    case 'deleteContainer':
      rc.path = record.path;
      rc.err = deleteNode(tree, record.path, hdr.zxid, triggers);
      break;
    case 'setData': {
      rc.path = record.path;
      const r = setData(tree, record.path, record.data, record.version, hdr.zxid, hdr.time, triggers);
      if (typeof r === 'number') rc.err = r;
      else rc.stat = r;
      break;
    }
    case 'setACL': {
      rc.path = record.path;
      const r = setACL(tree, record.path, record.acl, record.version);
      if (typeof r === 'number') rc.err = r;
      else rc.stat = r;
      break;
    }
    case 'closeSession':
      killSession(tree, hdr.clientId, hdr.zxid, record.paths2Delete, triggers);
      break;
    case 'createSession':
      break;
    case 'error':
      rc.err = record.err;
      break;
    case 'check':
      rc.path = record.path;
      break;
    case 'multi': {
      rc.multiResult = [];
      const failed = record.txns.some((t) => t.type === 'error');
      let postFailed = false;
      for (const sub of record.txns) {
        let r: TxnRecord = sub;
        if (sub.type === 'error') postFailed = true;
        if (failed && sub.type !== 'error') r = { type: 'error', err: postFailed ? Code.RUNTIMEINCONSISTENCY : Code.OK };
        const subRc = applyRecord(tree, hdr, r);
        rc.multiResult.push(subRc);
        for (const t of subRc.triggers) triggers.push(t);
        subRc.triggers = [];
        if (subRc.err !== 0 && rc.err === 0) rc.err = subRc.err;
      }
      break;
    }
  }
  return rc;
}

function ttlOwner(ttl: number): bigint {
  // EphemeralType.TTL.toEphemeralOwner; PrepRequestProcessor already validated the ttl.
  return BigInt.asIntN(64, BigInt.asIntN(64, 0xff00000000000000n) | BigInt(ttl));
}

// ---------------------------------------------------------------------------------------------
// queries used by reads, the container manager and the inspector

/** The session's ephemerals in Java HashSet order (DataTree.getEphemerals returns a clone). */
export function getEphemerals(tree: DataTree, sessionId: SessionId): string[] {
  const set = tree.ephemerals.get(sessionId);
  return set ? javaHashSetClone(set).items : [];
}

/** The clone closeSession starts from (PrepRequestProcessor case closeSession). */
export function cloneEphemeralSet(tree: DataTree, sessionId: SessionId): JavaHashSet {
  const set = tree.ephemerals.get(sessionId);
  return set ? javaHashSetClone(set) : javaHashSetClone(newJavaHashSet());
}

/** DataTree.getAllChildrenNumber: every descendant, not the node itself. */
export function getAllChildrenNumber(tree: DataTree, path: string): number {
  if (path === '/') return tree.nodes.size - 1;
  const prefix = path + '/';
  let n = 0;
  for (const k of tree.nodes.keys()) if (k.startsWith(prefix)) n++;
  return n;
}

/** Children in the order the server returns them (unsorted; zkCli sorts). */
export function getChildrenList(node: DataNode): string[] {
  return [...node.children];
}

/**
 * ContainerManager.getCandidates (ZooKeeper 3.8 "Container nodes", "TTL nodes"): containers with
 * no children that once had one (stored cversion > 0) — or never used and older than
 * `maxNeverUsedIntervalMs` when that is non-zero — and expired TTL nodes without children.
 * Sorted, so the leader's deleteContainer requests come in a deterministic order.
 */
export function getContainerCandidates(tree: DataTree, nowMs: number, maxNeverUsedIntervalMs = 0): string[] {
  const out: string[] = [];
  for (const p of tree.containers) {
    const n = tree.nodes.get(p);
    if (!n || n.children.size !== 0) continue;
    if (n.stat.cversion > 0) out.push(p);
    else if (maxNeverUsedIntervalMs !== 0 && nowMs - n.stat.mtime > maxNeverUsedIntervalMs) out.push(p);
  }
  for (const p of tree.ttls) {
    const n = tree.nodes.get(p);
    if (!n || n.children.size !== 0) continue;
    const ttl = ttlOf(n.stat.ephemeralOwner);
    if (ttl !== 0 && nowMs - n.stat.mtime > ttl) out.push(p);
  }
  return out.sort();
}

export { Quotas };
