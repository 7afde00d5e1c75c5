/**
 * What the znode tree view shows, built from a server's DataTree (and the leader's, to compare):
 * plain, formatted data, so src/ui needs nothing from src/protocol at run time. Pure; unit-tested.
 */
import { formatAcl, formatStat, hexLong } from '../cli/zkcli/format.ts';
import { copyStat } from '../protocol/datatree/DataTree.ts';
import { ephemeralTypeOf, ttlOf } from '../protocol/datatree/EphemeralType.ts';
import type { DataNode, DataTree } from '../protocol/datatree/types.ts';
import type { Sid } from '../protocol/types.ts';
import type { WatchManager, WatchTable } from '../protocol/watch/WatchManager.ts';

export type ZnodeKind = 'persistent' | 'ephemeral' | 'container' | 'ttl';
/** How a node compares with the leader's tree: missing here, only here, or a different mZxid. */
export type ZnodeDiff = 'missing' | 'extra' | 'changed';

export interface ZnodeWatchInfo {
  /** Connections with a data / exist watch on this path (`c1002` …). */
  data: string[];
  /** Connections with a child watch on this path. */
  child: string[];
  /** addWatch modes registered here (PERSISTENT, PERSISTENT_RECURSIVE), if any. */
  modes: string[];
}

export interface ZnodeInfo {
  path: string;
  name: string;
  /** Child names, sorted (as `ls` prints them), including nodes only the leader has. */
  children: string[];
  kind: ZnodeKind;
  /** The name ends in a 10-digit sequence number (`%010d`). */
  sequential: boolean;
  /** Ephemeral: the owning session, as `stat` prints it (`0x…`). */
  owner: string | null;
  /** TTL nodes: the TTL in ms. */
  ttlMs: number | null;
  mzxid: string;
  dataLength: number;
  numChildren: number;
  watches: ZnodeWatchInfo | null;
  diff: ZnodeDiff | null;
}

export interface ZnodeTreeModel {
  sid: Sid;
  /** The leader the tree was compared with (null: no comparison — no leader, or it is the leader). */
  comparedWith: Sid | null;
  lastProcessedZxid: string;
  /** Every node by path (the union with the leader's tree). */
  nodes: Record<string, ZnodeInfo>;
  /** Number of nodes in this server's own tree. */
  size: number;
  watchedPaths: number;
}

export interface ZnodeDetails {
  sid: Sid;
  path: string;
  /** False when the node is not in this server's tree (it is on the leader). */
  exists: boolean;
  /** The data as `get` prints it (UTF-8 text; `null` for no data). */
  data: string;
  /** As `stat` prints it. */
  stat: string[];
  /** As `getAcl` prints it. */
  acl: string[];
}

const SEQUENTIAL = /\d{10}$/;
const utf8 = new TextDecoder('utf-8');

function nameOf(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
}

function parentOf(path: string): string | null {
  if (path === '/') return null;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function kindOf(tree: DataTree, path: string, node: DataNode): { kind: ZnodeKind; owner: string | null; ttlMs: number | null } {
  const t = ephemeralTypeOf(node.stat.ephemeralOwner, tree.extendedTypesEnabled);
  if (t === 'NORMAL') return { kind: 'ephemeral', owner: hexLong(node.stat.ephemeralOwner), ttlMs: null };
  if (t === 'CONTAINER' || tree.containers.has(path)) return { kind: 'container', owner: null, ttlMs: null };
  if (t === 'TTL' || tree.ttls.has(path)) return { kind: 'ttl', owner: null, ttlMs: t === 'TTL' ? ttlOf(node.stat.ephemeralOwner) : null };
  return { kind: 'persistent', owner: null, ttlMs: null };
}

function watchersOf(table: WatchTable, path: string): string[] {
  return [...(table.watchTable.get(path) ?? [])];
}

function watchInfo(w: WatchManager | null, path: string): ZnodeWatchInfo | null {
  if (!w) return null;
  const data = watchersOf(w.dataWatches, path);
  const child = watchersOf(w.childWatches, path);
  if (data.length === 0 && child.length === 0) return null;
  const modes = new Set<string>();
  for (const table of [w.dataWatches, w.childWatches]) {
    for (const [k, mode] of table.modes) if (k.endsWith('\u0000' + path)) modes.add(mode);
  }
  return { data, child, modes: [...modes].sort() };
}

function infoOf(tree: DataTree, path: string, node: DataNode, watches: WatchManager | null): ZnodeInfo {
  const stat = copyStat(tree, node);
  return {
    path,
    name: nameOf(path),
    children: [...node.children].sort(),
    ...kindOf(tree, path, node),
    sequential: path !== '/' && SEQUENTIAL.test(nameOf(path)),
    mzxid: hexLong(stat.mzxid),
    dataLength: stat.dataLength,
    numChildren: stat.numChildren,
    watches: watchInfo(watches, path),
    diff: null,
  };
}

/**
 * The model of `tree` (server `sid`), marked against the leader's tree when one is given: nodes
 * the leader has and this server lacks are added (diff `missing`), nodes only this server has are
 * `extra`, nodes with another mZxid are `changed`.
 */
export function buildZnodeModel(
  sid: Sid,
  tree: DataTree,
  watches: WatchManager | null,
  leader: { sid: Sid; tree: DataTree } | null,
): ZnodeTreeModel {
  const nodes: Record<string, ZnodeInfo> = {};
  let watchedPaths = 0;
  for (const [path, node] of tree.nodes) {
    const info = infoOf(tree, path, node, watches);
    if (info.watches) watchedPaths++;
    nodes[path] = info;
  }
  const compare = leader && leader.sid !== sid ? leader : null;
  if (compare) {
    for (const [path, info] of Object.entries(nodes)) {
      const theirs = compare.tree.nodes.get(path);
      if (!theirs) info.diff = 'extra';
      else if (theirs.stat.mzxid !== node(tree, path).stat.mzxid) info.diff = 'changed';
    }
    // Nodes only the leader has, parents first (Map order is creation order on every server).
    const missing = [...compare.tree.nodes.keys()].filter((p) => !tree.nodes.has(p)).sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const path of missing) {
      const info = infoOf(compare.tree, path, node(compare.tree, path), null);
      info.diff = 'missing';
      // Its children are the leader's; the node itself is listed under its parent here.
      nodes[path] = info;
      const parent = parentOf(path);
      const p = parent === null ? undefined : nodes[parent];
      if (p && !p.children.includes(info.name)) p.children = [...p.children, info.name].sort();
    }
  }
  return {
    sid,
    comparedWith: compare ? compare.sid : null,
    lastProcessedZxid: hexLong(tree.lastProcessedZxid),
    nodes,
    size: tree.nodes.size,
    watchedPaths,
  };
}

function node(tree: DataTree, path: string): DataNode {
  const n = tree.nodes.get(path);
  if (!n) throw new Error(`no node ${path}`);
  return n;
}

function depth(path: string): number {
  return path === '/' ? 0 : path.split('/').length - 1;
}

/** What `get`, `stat` and `getAcl` print for a node of `tree` (the leader's when `exists` is false). */
export function znodeDetails(sid: Sid, path: string, tree: DataTree, exists = true): ZnodeDetails | null {
  const n = tree.nodes.get(path);
  if (!n) return null;
  return {
    sid,
    path,
    exists,
    data: n.data === null ? 'null' : utf8.decode(n.data),
    stat: formatStat(copyStat(tree, n)),
    // getAcl prints `println(id + ": " + perms)`; the Id's toString ends with a newline.
    acl: n.acl.flatMap((a) => formatAcl(a).split('\n')),
  };
}

/** Child names of `path` in `tree` (for Tab completion), sorted; empty when there is no such node. */
export function childNames(tree: DataTree, path: string): string[] {
  const n = tree.nodes.get(path === '' ? '/' : path);
  return n ? [...n.children].sort() : [];
}
