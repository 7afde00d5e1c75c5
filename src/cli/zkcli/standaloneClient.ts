/**
 * A test harness: one standalone ZooKeeper server (DataTree + WatchManager + PrepRequestProcessor,
 * no replication) and `ZkClient`s talking to it directly, so zkCli can be checked without the
 * ensemble. Zxids start at 0x100000001 (epoch 1, as a fresh 3-voter ensemble's first leader) and
 * the console's own createSession is the first txn, so conformance zxids match (conformance/README).
 */
import { addAuthInfo, handleAuthentication, initialAuthInfo, type ACL, type Id } from '../../protocol/acl/acl.ts';
import { createDataTree, initConfigNode, processTxn, type DataTreeOptions } from '../../protocol/datatree/DataTree.ts';
import { utf8Encode } from '../../protocol/acl/utf8.ts';
import {
  exists as existsRead, getACL as getAclRead, getAllChildrenNumberRequest, getChildren as getChildrenRead,
  getData as getDataRead, getEphemeralsRequest, whoAmI as whoAmIRead, type ReadResult, type WatchToAdd,
} from '../../protocol/datatree/FinalRequestProcessor.ts';
import { Code, isKeeperError, type KeeperError } from '../../protocol/datatree/KeeperException.ts';
import { isJavaThrowable } from '../../protocol/javaThrowable.ts';
import { commitPendingChanges, emptyPendingChanges, prepRequest, type PendingChanges } from '../../protocol/datatree/PrepRequestProcessor.ts';
import type { CreateMode, DataTree, Op, PrepConfig, ProcessTxnResult, Request, SessionId, Stat } from '../../protocol/datatree/types.ts';
import {
  clientRemoveWatcher, createClientWatchManager, DEFAULT_WATCHER, materialize, registerWatch,
  type ClientWatchManager, type WatchRegistrationKind,
} from '../../protocol/watch/ClientWatchManager.ts';
import {
  addPersistentWatch, addWatch as serverAddWatch, createWatchManager, removeConnection, removeWatch,
  triggerWatches, type ConnectionId, type WatchManager, type WatcherType,
} from '../../protocol/watch/WatchManager.ts';
import type { AddWatchMode, ClientInfo, OpResult, WatchedEvent, ZkClient, ZooKeeperState } from './ZkClient.ts';

export interface StandaloneServerOptions extends DataTreeOptions, PrepConfig {
  /** The first zxid's epoch (default 1: zxids 0x100000001, 0x100000002, …). */
  epoch?: number;
  /** Simulated clock for ctime/mtime (default: a fixed instant, +1 ms per txn). */
  now?: () => number;
  /** The client's address, as the ip scheme sees it. */
  clientIp?: string;
  superDigest?: string | null;
  /** Run as one member of an ensemble: this dynamic config goes into /zookeeper/config (version 0). */
  quorumConfig?: string;
}

/** The /zookeeper/config of the 3-voter ensemble the conformance transcripts were recorded on. */
export const RECORDED_ENSEMBLE_CONFIG =
  'server.1=127.0.0.1:33101:33201:participant\nserver.2=127.0.0.1:33102:33202:participant\n' +
  'server.3=127.0.0.1:33103:33203:participant\nversion=0';

interface ServerSession {
  sessionId: SessionId;
  timeOut: number;
  authInfo: Id[];
  conn: ConnectionId | null;
  cxid: number;
}

/** A standalone server: the committed tree, its watches and its sessions. */
export class StandaloneServer {
  readonly tree: DataTree;
  readonly watches: WatchManager = createWatchManager();
  readonly pending: PendingChanges = emptyPendingChanges();
  readonly sessions = new Map<SessionId, ServerSession>();
  /** Every txn applied, in order (what a txn log would hold). */
  readonly txnLog: ProcessTxnResult[] = [];
  private readonly connections = new Map<ConnectionId, StandaloneClient>();
  private lastZxid: number;
  private nextSessionId = 0x100000327e30001n;
  private nextConn = 1;
  private clock: () => number;
  private readonly config: StandaloneServerOptions;
  /**
   * What killed the server: a Java exception while applying a txn (a quota stat node that is not
   * a StatsTrack) kills the standalone request pipeline's thread, the server goes to state ERROR
   * and ZooKeeperServerMain exits. Every client is left reconnecting to nothing.
   */
  dead: string | null = null;

  constructor(opts: StandaloneServerOptions = {}) {
    this.config = opts;
    this.tree = createDataTree(opts);
    this.lastZxid = (opts.epoch ?? 1) * 0x100000000;
    let t = Date.UTC(2026, 10, 22, 1, 44, 2);
    this.clock = opts.now ?? (() => t++);
    if (opts.quorumConfig !== undefined) initConfigNode(this.tree, utf8Encode(opts.quorumConfig), 0, this.clock());
  }

  get clientIp(): string {
    return this.config.clientIp ?? '127.0.0.1';
  }

  newClient(): StandaloneClient {
    return new StandaloneClient(this);
  }

  /** Prepare, log, apply and notify: one write, as the standalone request pipeline does it. */
  submit(session: ServerSession, request: Request): ProcessTxnResult {
    const zxid = ++this.lastZxid;
    const txn = prepRequest(
      { tree: this.tree, pending: this.pending }, request,
      { sessionId: session.sessionId, cxid: session.cxid++, authInfo: session.authInfo },
      zxid, this.clock(), this.config,
    );
    let rc: ProcessTxnResult;
    try {
      rc = processTxn(this.tree, txn);
    } catch (e) {
      if (!isJavaThrowable(e)) throw e;
      this.dead = e.toString();
      for (const c of [...this.connections.values()]) c.serverDied();
      this.connections.clear();
      throw { code: Code.CONNECTIONLOSS, path: null } satisfies KeeperError;
    }
    commitPendingChanges(this.pending, zxid);
    this.txnLog.push(rc);
    const all = [...rc.triggers, ...(rc.multiResult ?? []).flatMap((r) => r.triggers)];
    // the event goes out before the reply (ZooKeeper 3.8 "Ordering")
    for (const n of triggerWatches(this.watches, all)) {
      this.connections.get(n.conn)?.receive({ state: 'SyncConnected', type: n.type, path: n.path });
    }
    return rc;
  }

  openSession(client: StandaloneClient, timeOut: number): ServerSession {
    const sessionId = this.nextSessionId++;
    const session: ServerSession = { sessionId, timeOut, authInfo: initialAuthInfo(this.clientIp), conn: null, cxid: 0 };
    this.sessions.set(sessionId, session);
    this.submit(session, { type: 'createSession', timeOut });
    session.conn = 'cnxn-' + this.nextConn++;
    this.connections.set(session.conn, client);
    return session;
  }

  dropConnection(session: ServerSession): void {
    if (session.conn === null) return;
    removeConnection(this.watches, session.conn);
    this.connections.delete(session.conn);
    session.conn = null;
  }

  closeSession(session: ServerSession): void {
    this.submit(session, { type: 'closeSession' });
    this.dropConnection(session);
    this.sessions.delete(session.sessionId);
  }

  /** The session tracker's expiry: closeSession on the session's behalf (ZooKeeper 3.8). */
  expireSession(sessionId: SessionId): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    const client = s.conn === null ? undefined : this.connections.get(s.conn);
    this.closeSession(s);
    client?.expired();
  }

  authenticate(session: ServerSession, scheme: string, auth: string | null): boolean {
    const ids = handleAuthentication(scheme, auth, this.clientIp, { superDigest: this.config.superDigest ?? null });
    if (ids === null) return false;
    session.authInfo = addAuthInfo(session.authInfo, ids);
    return true;
  }

  registerWatch(session: ServerSession, w: WatchToAdd | undefined): void {
    if (w && session.conn !== null) serverAddWatch(this.watches, w.table, w.path, session.conn);
  }

  addWatch(session: ServerSession, path: string, mode: AddWatchMode): void {
    if (session.conn !== null) addPersistentWatch(this.watches, path, session.conn, mode);
  }

  removeWatches(session: ServerSession, path: string, type: WatcherType): boolean {
    return session.conn !== null && removeWatch(this.watches, path, type, session.conn);
  }
}

const textDecoder = new TextDecoder();

/** A ZkClient connected straight to a StandaloneServer. */
export class StandaloneClient implements ZkClient {
  private state: ZooKeeperState = 'NOT_CONNECTED';
  private session: ServerSession | null = null;
  private watcher: ((e: WatchedEvent) => void) | null = null;
  private authFailedPending = false;
  readonly cwm: ClientWatchManager = createClientWatchManager();

  constructor(readonly server: StandaloneServer) {}

  get sessionId(): SessionId | null {
    return this.session?.sessionId ?? null;
  }

  getState(): ZooKeeperState {
    return this.state;
  }

  setDefaultWatcher(watcher: (e: WatchedEvent) => void): void {
    this.watcher = watcher;
  }

  private deliver(e: WatchedEvent, watchers: string[]): void {
    if (this.watcher && watchers.includes(DEFAULT_WATCHER)) this.watcher(e);
  }

  /** A notification from the server: ZKWatchManager.materialize, then the watchers. */
  receive(e: WatchedEvent): void {
    this.deliver(e, materialize(this.cwm, e.type, e.path));
  }

  private sessionEvent(state: WatchedEvent['state']): void {
    this.deliver({ state, type: 'None', path: null }, materialize(this.cwm, 'None', null));
  }

  /** The server process ended: the connection drops, the client keeps trying to reconnect. */
  serverDied(): void {
    this.state = 'CONNECTING';
    this.sessionEvent('Disconnected');
  }

  expired(): void {
    this.state = 'CLOSED';
    this.session = null;
    this.sessionEvent('Expired');
  }

  async connect(_hostPort: string): Promise<void> {
    if (this.server.dead !== null) {
      this.session = null;
      this.state = 'CONNECTING';
      return;
    }
    this.session = this.server.openSession(this, 30000);
    this.state = 'CONNECTED';
    this.sessionEvent('SyncConnected');
  }

  async close(): Promise<void> {
    if (this.state === 'CLOSED' || this.state === 'AUTH_FAILED') return;
    if (this.server.dead !== null) {
      this.session = null;
      this.state = 'CLOSED';
      this.sessionEvent('Closed');
      return;
    }
    if (!this.session) return;
    this.server.closeSession(this.session);
    this.session = null;
    this.state = 'CLOSED';
    this.sessionEvent('Closed');
  }

  private live(path: string | null): ServerSession {
    if (this.authFailedPending && this.session) {
      // the AUTHFAILED reply arrives, the server drops the connection, the request in flight fails
      this.authFailedPending = false;
      this.server.dropConnection(this.session);
      this.state = 'AUTH_FAILED';
      this.sessionEvent('AuthFailed');
      throw { code: Code.AUTHFAILED, path } satisfies KeeperError;
    }
    if (!this.session || this.state !== 'CONNECTED' || this.server.dead !== null) {
      throw { code: this.state === 'CLOSED' ? Code.SESSIONEXPIRED : Code.CONNECTIONLOSS, path } satisfies KeeperError;
    }
    return this.session;
  }

  private write(request: Request, path: string | null): ProcessTxnResult {
    const rc = this.submit(request, path);
    if (rc.err !== 0) throw { code: rc.err, path } satisfies KeeperError;
    return rc;
  }

  private read<T>(r: ReadResult<T>, path: string | null, kind?: WatchRegistrationKind): T {
    const s = this.live(path);
    this.server.registerWatch(s, r.watch);
    if (kind) registerWatch(this.cwm, kind, path ?? '', r.ok ? 0 : r.code);
    if (!r.ok) throw { code: r.code, path } satisfies KeeperError;
    return r.value;
  }

  async create(path: string, data: Uint8Array | null, acl: ACL[], mode: CreateMode, ttl: number): Promise<{ path: string; stat: Stat }> {
    const rc = this.write({ type: 'create', path, data, acl, mode, ttl }, path);
    return { path: rc.path ?? path, stat: rc.stat as Stat };
  }

  async delete(path: string, version: number): Promise<void> {
    this.write({ type: 'delete', path, version }, path);
  }

  async setData(path: string, data: Uint8Array | null, version: number): Promise<Stat> {
    return this.write({ type: 'setData', path, data, version }, path).stat as Stat;
  }

  async setACL(path: string, acl: ACL[], version: number): Promise<Stat> {
    return this.write({ type: 'setACL', path, acl, version }, path).stat as Stat;
  }

  async getData(path: string, watch: boolean): Promise<{ data: Uint8Array | null; stat: Stat }> {
    const s = this.live(path);
    return this.read(getDataRead(this.server.tree, path, s.authInfo, watch), path, watch ? 'data' : undefined);
  }

  async exists(path: string, watch: boolean): Promise<Stat | null> {
    const r = existsRead(this.server.tree, path, watch);
    if (!r.ok && r.code === Code.NONODE) {
      const s = this.live(path);
      this.server.registerWatch(s, r.watch);
      if (watch) registerWatch(this.cwm, 'exists', path, Code.NONODE);
      return null;
    }
    return this.read(r, path, watch ? 'exists' : undefined);
  }

  async getChildren(path: string, watch: boolean): Promise<{ children: string[]; stat: Stat }> {
    const s = this.live(path);
    return this.read(getChildrenRead(this.server.tree, path, s.authInfo, watch), path, watch ? 'child' : undefined);
  }

  async getACL(path: string): Promise<{ acl: ACL[]; stat: Stat }> {
    const s = this.live(path);
    return this.read(getAclRead(this.server.tree, path, s.authInfo), path);
  }

  async sync(path: string): Promise<number> {
    this.live(path);
    return 0;
  }

  /** The server's submit; if the txn kills the server, the request fails with ConnectionLoss for its path. */
  private submit(request: Request, path: string | null): ProcessTxnResult {
    try {
      return this.server.submit(this.live(path), request);
    } catch (e) {
      if (isKeeperError(e) && e.code === Code.CONNECTIONLOSS && e.path === null) throw { code: Code.CONNECTIONLOSS, path } satisfies KeeperError;
      throw e;
    }
  }

  async multi(ops: Op[]): Promise<OpResult[]> {
    const rc = this.submit({ type: 'multi', ops }, null);
    const results: OpResult[] = (rc.multiResult ?? []).map((r): OpResult => {
      if (r.type === 'error') return { type: 'error', err: r.err };
      if (r.type === 'create' || r.type === 'createContainer' || r.type === 'createTTL') return { type: 'create', path: r.path ?? '' };
      if (r.type === 'delete' || r.type === 'deleteContainer') return { type: 'delete' };
      if (r.type === 'setData') return { type: 'setData', stat: r.stat as Stat };
      return { type: 'check' };
    });
    if (rc.err !== 0) throw { code: rc.err, path: null, results };
    return results;
  }

  async addWatch(path: string, mode: AddWatchMode): Promise<void> {
    this.server.addWatch(this.live(path), path, mode);
    registerWatch(this.cwm, mode, path, 0);
  }

  async removeWatches(path: string, type: WatcherType, local: boolean): Promise<void> {
    const removed = this.server.removeWatches(this.live(path), path, type);
    const r = clientRemoveWatcher(this.cwm, path, null, type, local, removed ? Code.OK : Code.NOWATCHER);
    if (!r.ok) throw { code: r.code, path } satisfies KeeperError;
    for (const ev of r.events) this.deliver({ state: 'SyncConnected', type: ev.type, path }, ev.watchers);
  }

  addAuthInfo(scheme: string, auth: Uint8Array | null): void {
    if (!this.session || this.state !== 'CONNECTED') return;
    const ok = this.server.authenticate(this.session, scheme, auth === null ? null : textDecoder.decode(auth));
    // A failure (AUTHFAILED, then the server drops the connection; the session lives on until it
    // expires) reaches the client with the next request, which fails with AuthFailed.
    if (!ok) this.authFailedPending = true;
  }

  async getEphemerals(prefixPath: string | null): Promise<string[]> {
    const s = this.live(prefixPath);
    return this.read(getEphemeralsRequest(this.server.tree, s.sessionId, prefixPath), prefixPath);
  }

  async getAllChildrenNumber(path: string): Promise<number> {
    const s = this.live(path);
    return this.read(getAllChildrenNumberRequest(this.server.tree, path, s.authInfo), path);
  }

  async whoAmI(): Promise<ClientInfo[]> {
    const s = this.live(null);
    return this.read(whoAmIRead(s.authInfo), null);
  }

  async getConfig(watch: boolean): Promise<{ data: Uint8Array | null; stat: Stat }> {
    return this.getData('/zookeeper/config', watch);
  }

  async reconfig(): Promise<{ data: Uint8Array; stat: Stat }> {
    this.write({ type: 'reconfig', joiningServers: null, leavingServers: null, newMembers: null, curConfigId: -1 }, null);
    throw { code: Code.UNIMPLEMENTED, path: null } satisfies KeeperError;
  }
}
