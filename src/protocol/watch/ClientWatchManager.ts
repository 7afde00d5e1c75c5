/**
 * The client's side of watches (ZK/ZKWatchManager and the WatchRegistration classes of
 * ZooKeeper.java), as plain data: which local watchers a server event reaches, and the
 * removeWatches semantics including the quirks of ZooKeeper 3.8 (`-c`/`-d` on a persistent
 * watch strips that half on the server but still fails locally with "No such watcher").
 *
 * Watchers are named by string; zkCli registers everything on its default watcher, `DEFAULT_WATCHER`.
 */
import type { EventType } from '../datatree/types.ts';
import { Code } from '../datatree/KeeperException.ts';
import type { WatcherType } from './WatchManager.ts';

export const DEFAULT_WATCHER = 'default';

export type WatcherId = string;

export interface ClientWatchManager {
  dataWatches: Map<string, WatcherId[]>;
  existWatches: Map<string, WatcherId[]>;
  childWatches: Map<string, WatcherId[]>;
  persistentWatches: Map<string, WatcherId[]>;
  persistentRecursiveWatches: Map<string, WatcherId[]>;
}

export function createClientWatchManager(): ClientWatchManager {
  return {
    dataWatches: new Map(),
    existWatches: new Map(),
    childWatches: new Map(),
    persistentWatches: new Map(),
    persistentRecursiveWatches: new Map(),
  };
}

function add(map: Map<string, WatcherId[]>, path: string, w: WatcherId): void {
  const list = map.get(path);
  if (!list) map.set(path, [w]);
  else if (!list.includes(w)) list.push(w);
}

/** Which request registered the watch (DataWatchRegistration, ExistsWatchRegistration, …). */
export type WatchRegistrationKind = 'data' | 'exists' | 'child' | 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/**
 * WatchRegistration.register(rc), called when the reply arrives: data/child watches only on
 * success; an exists watch on success (as a data watch) or on NONODE (as an exist watch).
 */
export function registerWatch(cwm: ClientWatchManager, kind: WatchRegistrationKind, path: string, rc: number, watcher: WatcherId = DEFAULT_WATCHER): void {
  switch (kind) {
    case 'data':
      if (rc === Code.OK) add(cwm.dataWatches, path, watcher);
      return;
    case 'child':
      if (rc === Code.OK) add(cwm.childWatches, path, watcher);
      return;
    case 'exists':
      if (rc === Code.OK) add(cwm.dataWatches, path, watcher);
      else if (rc === Code.NONODE) add(cwm.existWatches, path, watcher);
      return;
    case 'PERSISTENT':
      if (rc === Code.OK) add(cwm.persistentWatches, path, watcher);
      return;
    case 'PERSISTENT_RECURSIVE':
      if (rc === Code.OK) add(cwm.persistentRecursiveWatches, path, watcher);
      return;
  }
}

function takeAll(map: Map<string, WatcherId[]>, path: string, out: WatcherId[]): void {
  const list = map.get(path);
  map.delete(path);
  for (const w of list ?? []) if (!out.includes(w)) out.push(w);
}

function addFrom(map: Map<string, WatcherId[]>, path: string, out: WatcherId[]): void {
  for (const w of map.get(path) ?? []) if (!out.includes(w)) out.push(w);
}

function addPersistent(cwm: ClientWatchManager, path: string, out: WatcherId[]): void {
  addFrom(cwm.persistentWatches, path, out);
  let p = path;
  for (;;) {
    addFrom(cwm.persistentRecursiveWatches, p, out);
    if (p === '/' || p === '') break;
    const i = p.lastIndexOf('/');
    p = i <= 0 ? '/' : p.substring(0, i);
  }
}

/**
 * ZKWatchManager.materialize: the watchers an event from the server reaches; one-shot watches
 * are consumed. NodeCreated/NodeDataChanged → data + exist; NodeChildrenChanged → child;
 * NodeDeleted → data + exist + child; persistent watches always; session events (None) reach the
 * default watcher and every watcher (ZooKeeper 3.8 "Client side").
 */
export function materialize(cwm: ClientWatchManager, type: EventType, path: string | null, hasDefaultWatcher = true): WatcherId[] {
  const out: WatcherId[] = [];
  if (type === 'None' || path === null) {
    if (hasDefaultWatcher) out.push(DEFAULT_WATCHER);
    for (const m of [cwm.dataWatches, cwm.existWatches, cwm.childWatches, cwm.persistentWatches, cwm.persistentRecursiveWatches]) {
      for (const list of m.values()) for (const w of list) if (!out.includes(w)) out.push(w);
    }
    return out;
  }
  switch (type) {
    case 'NodeDataChanged':
    case 'NodeCreated':
      takeAll(cwm.dataWatches, path, out);
      takeAll(cwm.existWatches, path, out);
      break;
    case 'NodeChildrenChanged':
      takeAll(cwm.childWatches, path, out);
      break;
    case 'NodeDeleted':
      takeAll(cwm.dataWatches, path, out);
      takeAll(cwm.existWatches, path, out);
      takeAll(cwm.childWatches, path, out);
      break;
    default:
      return out;
  }
  addPersistent(cwm, path, out);
  return out;
}

function contains(map: Map<string, WatcherId[]>, path: string, watcher: WatcherId | null): boolean {
  const list = map.get(path);
  if (!list) return false;
  return watcher === null ? list.length > 0 : list.includes(watcher);
}

/** ZKWatchManager.containsWatcher: the local check made before a removeWatches request is sent. */
export function clientContainsWatcher(cwm: ClientWatchManager, path: string, watcher: WatcherId | null, type: WatcherType): boolean {
  const persistent = contains(cwm.persistentWatches, path, watcher) || contains(cwm.persistentRecursiveWatches, path, watcher);
  switch (type) {
    case 'Children':
      return contains(cwm.childWatches, path, watcher) || persistent;
    case 'Data':
      return contains(cwm.dataWatches, path, watcher) || contains(cwm.existWatches, path, watcher) || persistent;
    case 'Any':
      return (
        contains(cwm.childWatches, path, watcher) || contains(cwm.dataWatches, path, watcher) ||
        contains(cwm.existWatches, path, watcher) || persistent
      );
  }
}

function removeFrom(map: Map<string, WatcherId[]>, path: string, watcher: WatcherId | null, removed: WatcherId[]): boolean {
  if (watcher === null) {
    const list = map.get(path);
    if (!list) return false;
    map.delete(path);
    for (const w of list) if (!removed.includes(w)) removed.push(w);
    return true;
  }
  const list = map.get(path);
  const i = list ? list.indexOf(watcher) : -1;
  if (!list || i < 0) return false;
  list.splice(i, 1);
  if (list.length === 0) map.delete(path);
  if (!removed.includes(watcher)) removed.push(watcher);
  return true;
}

/** The local events a successful removal produces (ClientCnxn.finishPacket → queueEvent). */
export interface WatchRemovedEvent {
  type: 'ChildWatchRemoved' | 'DataWatchRemoved' | 'PersistentWatchRemoved';
  watchers: WatcherId[];
}

/**
 * ZKWatchManager.removeWatcher after the server answered `rc`: either the removal events
 * (Child, Data, Persistent — in that order) or the error code the call fails with.
 * `watcher === null` is removeAllWatches (what zkCli's `removewatches` uses).
 */
export function clientRemoveWatcher(
  cwm: ClientWatchManager, path: string, watcher: WatcherId | null, type: WatcherType, local: boolean, rc: number,
): { ok: true; events: WatchRemovedEvent[] } | { ok: false; code: number } {
  if (!clientContainsWatcher(cwm, path, watcher, type)) return { ok: false, code: Code.NOWATCHER };
  if (!local && rc !== Code.OK) return { ok: false, code: rc };
  const child: WatcherId[] = [];
  const data: WatcherId[] = [];
  const persistent: WatcherId[] = [];
  let removed = false;
  if (type === 'Children' || type === 'Any') removed = removeFrom(cwm.childWatches, path, watcher, child) || removed;
  if (type === 'Data' || type === 'Any') {
    removed = removeFrom(cwm.dataWatches, path, watcher, data) || removed;
    removed = removeFrom(cwm.existWatches, path, watcher, data) || removed;
  }
  if (type === 'Any') {
    removed = removeFrom(cwm.persistentWatches, path, watcher, persistent) || removed;
    removed = removeFrom(cwm.persistentRecursiveWatches, path, watcher, persistent) || removed;
  }
  if (!removed) return { ok: false, code: Code.NOWATCHER };
  const events: WatchRemovedEvent[] = [];
  if (child.length > 0) events.push({ type: 'ChildWatchRemoved', watchers: child });
  if (data.length > 0) events.push({ type: 'DataWatchRemoved', watchers: data });
  if (persistent.length > 0) events.push({ type: 'PersistentWatchRemoved', watchers: persistent });
  return { ok: true, events };
}

/** The lists a reconnecting client sends in SetWatches2 (ClientCnxn.primeConnection). */
export function watchesForReconnect(cwm: ClientWatchManager): {
  dataWatches: string[]; existWatches: string[]; childWatches: string[]; persistentWatches: string[]; persistentRecursiveWatches: string[];
} {
  return {
    dataWatches: [...cwm.dataWatches.keys()],
    existWatches: [...cwm.existWatches.keys()],
    childWatches: [...cwm.childWatches.keys()],
    persistentWatches: [...cwm.persistentWatches.keys()],
    persistentRecursiveWatches: [...cwm.persistentRecursiveWatches.keys()],
  };
}
