/**
 * The ZooKeeper client API zkCli drives, transport-agnostic: the standalone harness implements it
 * over one DataTree, the lab implements it over the simulated ensemble. Calls resolve with results
 * or reject with a KeeperException as data (`{ code, path }`, the path the client passed).
 *
 * Client-side checks that the Java client makes before anything is sent (PathUtils, validateACL,
 * EphemeralType.validateTTL) are done by zkCli itself (see ZooKeeperFacade in commands.ts), so an
 * implementation only talks to its server.
 */
import type { ACL } from '../../protocol/acl/acl.ts';
import type { KeeperError } from '../../protocol/datatree/KeeperException.ts';
import type { CreateMode, EventType, Op, Stat } from '../../protocol/datatree/types.ts';
import type { WatcherType } from '../../protocol/watch/WatchManager.ts';

export type { KeeperError };

/** ZooKeeper.States */
export type ZooKeeperState = 'CONNECTING' | 'ASSOCIATING' | 'CONNECTED' | 'CONNECTEDREADONLY' | 'CLOSED' | 'AUTH_FAILED' | 'NOT_CONNECTED';

/** States.isAlive(): everything but CLOSED and AUTH_FAILED. */
export function isAlive(s: ZooKeeperState): boolean {
  return s !== 'CLOSED' && s !== 'AUTH_FAILED';
}

/** Watcher.Event.KeeperState (the ones a client sees). */
export type KeeperState = 'SyncConnected' | 'Disconnected' | 'Expired' | 'Closed' | 'AuthFailed' | 'ConnectedReadOnly' | 'SaslAuthenticated';

/** WatchedEvent; `path` is null for session events. */
export interface WatchedEvent {
  state: KeeperState;
  type: EventType;
  path: string | null;
}

/** `WatchedEvent.toString()` (3.8: no zxid). */
export function watchedEventToString(e: WatchedEvent): string {
  return 'WatchedEvent state:' + e.state + ' type:' + e.type + ' path:' + (e.path === null ? 'null' : e.path);
}

export type AddWatchMode = 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

export type OpResult =
  | { type: 'create'; path: string; stat?: Stat }
  | { type: 'delete' }
  | { type: 'setData'; stat: Stat }
  | { type: 'check' }
  | { type: 'error'; err: number };

export interface ClientInfo {
  authScheme: string;
  user: string;
}

export interface ZkClient {
  /** ZooKeeper.getState() */
  getState(): ZooKeeperState;
  /**
   * The default watcher (zkCli's MyWatcher). The client calls it for session events and for every
   * watch event that materializes to it, in the order they arrive.
   */
  setDefaultWatcher(watcher: (e: WatchedEvent) => void): void;
  /** Open a new session to `hostPort` (zkCli's `connect` first closes the old one). */
  connect(hostPort: string): Promise<void>;
  /** Close the session; the default watcher then sees `state:Closed type:None`. */
  close(): Promise<void>;

  create(path: string, data: Uint8Array | null, acl: ACL[], mode: CreateMode, ttl: number): Promise<{ path: string; stat: Stat }>;
  delete(path: string, version: number): Promise<void>;
  setData(path: string, data: Uint8Array | null, version: number): Promise<Stat>;
  getData(path: string, watch: boolean): Promise<{ data: Uint8Array | null; stat: Stat }>;
  /** null when the node does not exist (a watch is still left when `watch`). */
  exists(path: string, watch: boolean): Promise<Stat | null>;
  getChildren(path: string, watch: boolean): Promise<{ children: string[]; stat: Stat }>;
  getACL(path: string): Promise<{ acl: ACL[]; stat: Stat }>;
  setACL(path: string, acl: ACL[], version: number): Promise<Stat>;
  /** Resolves with the rc of the sync callback (0 = OK). */
  sync(path: string): Promise<number>;
  /** Resolves with per-op results; rejects with the first error (KeeperError + `results`). */
  multi(ops: Op[]): Promise<OpResult[]>;
  addWatch(path: string, mode: AddWatchMode): Promise<void>;
  /** removeAllWatches(path, type, local); the removal events go to the default watcher. */
  removeWatches(path: string, type: WatcherType, local: boolean): Promise<void>;
  /** Fire and forget, like ZooKeeper.addAuthInfo; a failure arrives as `state:AuthFailed`. */
  addAuthInfo(scheme: string, auth: Uint8Array | null): void;
  getEphemerals(prefixPath: string | null): Promise<string[]>;
  getAllChildrenNumber(path: string): Promise<number>;
  whoAmI(): Promise<ClientInfo[]>;
  getConfig(watch: boolean): Promise<{ data: Uint8Array | null; stat: Stat }>;
  reconfig(joining: string | null, leaving: string | null, members: string | null, version: number): Promise<{ data: Uint8Array; stat: Stat }>;
}
