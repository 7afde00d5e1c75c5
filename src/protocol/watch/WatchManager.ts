/**
 * The server-side WatchManager of one server (SRV/watch/WatchManager + WatcherModeManager, and the
 * watch parts of DataTree): two tables, dataWatches and childWatches, keyed by path, whose watchers
 * are *connections*. ZooKeeper 3.8
 *
 * - standard watches are one-shot and deduplicated per connection (`get -w` + `stat -w` on one
 *   path give one event);
 * - addWatch puts a PERSISTENT or PERSISTENT_RECURSIVE watch in both tables; calling it again
 *   replaces the mode; adding a standard watch on the same path resets that table's mode;
 * - a recursive watch on any ancestor fires for every type except NodeChildrenChanged.
 *
 * Plain data; functions mutate it in place. Java iterates watchers in a HashSet (identity hash)
 * order; here it is registration order, which is deterministic.
 */
import type { DataTree, EventType, WatchTrigger } from '../datatree/types.ts';
import { getNode } from '../datatree/DataTree.ts';

/** A client connection to this server (ServerCnxn): the watcher identity. */
export type ConnectionId = string;

export type WatcherMode = 'STANDARD' | 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/** Watcher.WatcherType, used by removeWatches/checkWatches. */
export type WatcherType = 'Children' | 'Data' | 'Any';

export interface WatchTable {
  /** path → connections watching it, in registration order. */
  watchTable: Map<string, ConnectionId[]>;
  /** connection → paths it watches. */
  watch2Paths: Map<ConnectionId, Set<string>>;
  /** non-standard modes, keyed `conn + "\u0000" + path`. */
  modes: Map<string, WatcherMode>;
  /** how many recursive watches exist (WatcherModeManager.recursiveQty). */
  recursiveQty: number;
}

export interface WatchManager {
  dataWatches: WatchTable;
  childWatches: WatchTable;
}

/** An event to send on a connection: `WatchedEvent state:SyncConnected type:<type> path:<path>`. */
export interface WatchNotification {
  conn: ConnectionId;
  type: EventType;
  path: string;
}

function newTable(): WatchTable {
  return { watchTable: new Map(), watch2Paths: new Map(), modes: new Map(), recursiveQty: 0 };
}

export function createWatchManager(): WatchManager {
  return { dataWatches: newTable(), childWatches: newTable() };
}

const key = (conn: ConnectionId, path: string): string => conn + '\u0000' + path;

function getMode(t: WatchTable, conn: ConnectionId, path: string): WatcherMode {
  return t.modes.get(key(conn, path)) ?? 'STANDARD';
}

function setMode(t: WatchTable, conn: ConnectionId, path: string, mode: WatcherMode): void {
  const k = key(conn, path);
  const old = t.modes.get(k) ?? 'STANDARD';
  if (mode === 'STANDARD') t.modes.delete(k);
  else t.modes.set(k, mode);
  if (old === 'PERSISTENT_RECURSIVE' && mode !== 'PERSISTENT_RECURSIVE') t.recursiveQty--;
  if (old !== 'PERSISTENT_RECURSIVE' && mode === 'PERSISTENT_RECURSIVE') t.recursiveQty++;
}

/** WatchManager.addWatch(path, watcher, mode). */
export function tableAddWatch(t: WatchTable, path: string, conn: ConnectionId, mode: WatcherMode = 'STANDARD'): void {
  let list = t.watchTable.get(path);
  if (!list) {
    list = [];
    t.watchTable.set(path, list);
  }
  if (!list.includes(conn)) list.push(conn);
  let paths = t.watch2Paths.get(conn);
  if (!paths) {
    paths = new Set();
    t.watch2Paths.set(conn, paths);
  }
  paths.add(path);
  setMode(t, conn, path, mode);
}

/** WatchManager.removeWatcher(path, watcher): true if it was there. */
export function tableRemoveWatcher(t: WatchTable, path: string, conn: ConnectionId): boolean {
  const paths = t.watch2Paths.get(conn);
  if (!paths || !paths.delete(path)) return false;
  const list = t.watchTable.get(path);
  const i = list ? list.indexOf(conn) : -1;
  if (!list || i < 0) return false;
  list.splice(i, 1);
  if (list.length === 0) t.watchTable.delete(path);
  setMode(t, conn, path, 'STANDARD');
  return true;
}

/** PathParentIterator: the path, then each parent up to "/" (only the path if no recursive watch exists). */
function pathAndParents(t: WatchTable, path: string): string[] {
  if (t.recursiveQty === 0) return [path];
  const out = [path];
  let p = path;
  while (p !== '/' && p.length > 0) {
    const i = p.lastIndexOf('/');
    p = i <= 0 ? '/' : p.substring(0, i);
    out.push(p);
  }
  return out;
}

/** WatchManager.triggerWatch: who gets the event; one-shot watches are removed on the way. */
export function tableTriggerWatch(t: WatchTable, path: string, type: EventType, suppress: ReadonlySet<ConnectionId> | null): ConnectionId[] {
  // Nobody watches anything (every server applies every txn, most with no watch set): no one to tell.
  if (t.watchTable.size === 0) return [];
  const watchers: ConnectionId[] = [];
  const chain = pathAndParents(t, path);
  chain.forEach((localPath, idx) => {
    const atParentPath = idx > 0;
    const list = t.watchTable.get(localPath);
    if (!list || list.length === 0) return;
    for (const conn of [...list]) {
      const mode = getMode(t, conn, localPath);
      if (mode === 'PERSISTENT_RECURSIVE') {
        if (type !== 'NodeChildrenChanged' && !watchers.includes(conn)) watchers.push(conn);
      } else if (!atParentPath) {
        if (!watchers.includes(conn)) watchers.push(conn);
        if (mode === 'STANDARD') {
          list.splice(list.indexOf(conn), 1);
          t.watch2Paths.get(conn)?.delete(localPath);
        }
      }
    }
    if (list.length === 0) t.watchTable.delete(localPath);
  });
  return suppress ? watchers.filter((c) => !suppress.has(c)) : watchers;
}

/** WatchManager.containsWatcher (checkWatches): leaf matches any mode, a recursive watch matches below. */
export function tableContainsWatcher(t: WatchTable, path: string, conn: ConnectionId): boolean {
  const mode = getMode(t, conn, path);
  const chain = pathAndParents(t, path);
  for (let i = 0; i < chain.length; i++) {
    const list = t.watchTable.get(chain[i] as string);
    if (i === 0 && list !== undefined) return true;
    if (mode === 'PERSISTENT_RECURSIVE') return true;
  }
  return false;
}

// --------------------------------------------------------------------------------------------
// The DataTree-level API

/** A standard watch from getData/exists (table 'data') or getChildren (table 'child'). */
export function addWatch(wm: WatchManager, table: 'data' | 'child', path: string, conn: ConnectionId): void {
  tableAddWatch(table === 'data' ? wm.dataWatches : wm.childWatches, path, conn, 'STANDARD');
}

/** DataTree.addWatch (the `addWatch` request): the mode goes into both tables. */
export function addPersistentWatch(wm: WatchManager, path: string, conn: ConnectionId, mode: 'PERSISTENT' | 'PERSISTENT_RECURSIVE'): void {
  tableAddWatch(wm.dataWatches, path, conn, mode);
  tableAddWatch(wm.childWatches, path, conn, mode);
}

/**
 * Turn processTxn's triggers into events, in order (DataTree.createNode/deleteNode/setData).
 * The event reaches the client before the reply of the request that caused it (§3 "Ordering").
 */
export function triggerWatches(wm: WatchManager, triggers: readonly WatchTrigger[]): WatchNotification[] {
  const out: WatchNotification[] = [];
  let previous: Set<ConnectionId> | null = null;
  for (const tr of triggers) {
    const table = tr.table === 'data' ? wm.dataWatches : wm.childWatches;
    // the returned set of a trigger counts everyone it matched, suppressed or not
    const matched = tableTriggerWatch(table, tr.path, tr.type, null);
    const notify = tr.suppressPrevious && previous ? matched.filter((c) => !(previous as Set<ConnectionId>).has(c)) : matched;
    for (const conn of notify) out.push({ conn, type: tr.type, path: tr.path });
    previous = matched.length > 0 ? new Set(matched) : null;
  }
  return out;
}

/** DataTree.removeWatch (the removeWatches request): true if anything was removed. */
export function removeWatch(wm: WatchManager, path: string, type: WatcherType, conn: ConnectionId): boolean {
  switch (type) {
    case 'Children':
      return tableRemoveWatcher(wm.childWatches, path, conn);
    case 'Data':
      return tableRemoveWatcher(wm.dataWatches, path, conn);
    case 'Any': {
      const a = tableRemoveWatcher(wm.childWatches, path, conn);
      const b = tableRemoveWatcher(wm.dataWatches, path, conn);
      return a || b;
    }
  }
}

/** DataTree.containsWatcher (the checkWatches request). */
export function containsWatcher(wm: WatchManager, path: string, type: WatcherType, conn: ConnectionId): boolean {
  switch (type) {
    case 'Children':
      return tableContainsWatcher(wm.childWatches, path, conn);
    case 'Data':
      return tableContainsWatcher(wm.dataWatches, path, conn);
    case 'Any':
      return tableContainsWatcher(wm.childWatches, path, conn) || tableContainsWatcher(wm.dataWatches, path, conn);
  }
}

/** The connection closed: forget all its watches (WatchManager.removeWatcher(watcher)). */
export function removeConnection(wm: WatchManager, conn: ConnectionId): void {
  for (const t of [wm.dataWatches, wm.childWatches]) {
    const paths = t.watch2Paths.get(conn);
    if (!paths) continue;
    t.watch2Paths.delete(conn);
    for (const p of paths) {
      const list = t.watchTable.get(p);
      if (list) {
        const i = list.indexOf(conn);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) t.watchTable.delete(p);
      }
      setMode(t, conn, p, 'STANDARD');
    }
  }
}

/** What a reconnecting client sends in SetWatches2. */
export interface SetWatches {
  relativeZxid: number;
  dataWatches: string[];
  existWatches: string[];
  childWatches: string[];
  persistentWatches: string[];
  persistentRecursiveWatches: string[];
}

/**
 * DataTree.setWatches (ZooKeeper 3.8 "Reconnect"): fire at once what changed since
 * relativeZxid, re-register the rest; persistent watches are always re-registered.
 */
export function setWatches(wm: WatchManager, tree: DataTree, sw: SetWatches, conn: ConnectionId): WatchNotification[] {
  const out: WatchNotification[] = [];
  for (const path of sw.dataWatches) {
    const node = getNode(tree, path);
    if (!node) out.push({ conn, type: 'NodeDeleted', path });
    else if (node.stat.mzxid > sw.relativeZxid) out.push({ conn, type: 'NodeDataChanged', path });
    else addWatch(wm, 'data', path, conn);
  }
  for (const path of sw.existWatches) {
    if (getNode(tree, path)) out.push({ conn, type: 'NodeCreated', path });
    else addWatch(wm, 'data', path, conn);
  }
  for (const path of sw.childWatches) {
    const node = getNode(tree, path);
    if (!node) out.push({ conn, type: 'NodeDeleted', path });
    else if (node.stat.pzxid > sw.relativeZxid) out.push({ conn, type: 'NodeChildrenChanged', path });
    else addWatch(wm, 'child', path, conn);
  }
  for (const path of sw.persistentWatches) addPersistentWatch(wm, path, conn, 'PERSISTENT');
  for (const path of sw.persistentRecursiveWatches) addPersistentWatch(wm, path, conn, 'PERSISTENT_RECURSIVE');
  return out;
}
