/**
 * zkCli's ZooKeeper client (the `ZkClient` of src/cli/zkcli) over the simulated ensemble: every
 * call becomes a recorded client action, travels as packets through the simulation to the
 * connected server, and resolves when the reply comes back. When nobody else advances simulated
 * time (paused, or headless), the call advances it itself until the reply arrives — a console
 * command issued while paused still completes (docs/architecture.md).
 */
import type { ACL } from '../protocol/acl/acl.ts';
import { zkSim } from '../protocol/zookeeper.ts';
import type { ClientNotice } from '../protocol/client/ClientCnxn.ts';
import type { ClientOp } from '../protocol/client/packets.ts';
import { Code, type KeeperError } from '../protocol/datatree/KeeperException.ts';
import type { CreateMode, Op, ProcessTxnResult, Stat } from '../protocol/datatree/types.ts';
import type { WatcherType } from '../protocol/watch/WatchManager.ts';
import type { AddWatchMode, ClientInfo, OpResult, WatchedEvent, ZkClient, ZooKeeperState } from '../cli/zkcli/ZkClient.ts';
import type { LabRuntime } from './runtime.ts';

/** How long (simulated) a call may take before the console gives up waiting: the client itself times out sooner. */
const MAX_WAIT_MS = 120_000;

type Reply = Extract<ClientNotice, { kind: 'reply' }>;

export interface LabZkClientOptions {
  /** True when this client must advance simulated time itself (paused lab, or no playback loop). */
  drive: () => boolean;
  /** zkCli's requested session timeout (30000 by default). */
  sessionTimeout?: number;
  /**
   * Whether zkCli's start (the first `connect`) waits for the session (default true). The
   * ZooKeeper constructor itself does not wait: zkCli prints its prompt at once and the
   * SyncConnected event whenever the session is established — the page's console starts that
   * way, so an ensemble without a quorum yet does not make opening the console run simulated time
   * forward. A later `connect` is a command the user gave, and it waits like any console command
   * (a command issued while paused completes, docs/architecture.md) — until the session exists or the
   * first attempt failed — so a scripted `connect zk3:2181` followed by `lab cut …` runs the same
   * in the page as headless. Scripted runners' first connect waits for the session.
   */
  waitForFirstConnect?: boolean;
  /**
   * A client that already exists in the simulation (a shared run replayed its console's session):
   * the first `connect` takes it over instead of opening a new session — no new action, so the
   * replayed run stays exactly the shared one.
   */
  adopt?: number;
}

export class LabZkClient implements ZkClient {
  private cid: number | null = null;
  /** `close` on a client that never reached a server (unknown host): it is closed all the same. */
  private closedUnconnected = false;
  private watcher: ((e: WatchedEvent) => void) | null = null;
  private tag = 0;
  /** How many times `connect` was called (the first is zkCli's start). */
  private connects = 0;
  private readonly replies = new Map<number, Reply>();
  /** Set when a call had to advance simulated time itself (the console says so). */
  advancedMs = 0;

  constructor(private readonly runtime: LabRuntime, private readonly opts: LabZkClientOptions) {}

  /** The simulation's id of this client (c1 = 1001 …), once connected. */
  get clientId(): number | null {
    return this.cid;
  }

  getState(): ZooKeeperState {
    if (this.cid === null) return this.closedUnconnected ? 'CLOSED' : 'NOT_CONNECTED';
    const c = zkSim(this.runtime.sim).clients.get(this.cid);
    return c ? c.state : 'CLOSED';
  }

  /** The session id, once the server granted one. */
  get sessionId(): bigint | null {
    if (this.cid === null) return null;
    const id = zkSim(this.runtime.sim).clients.get(this.cid)?.sessionId ?? 0n;
    return id === 0n ? null : id;
  }

  /** The server this client is connected to. */
  get server(): number | null {
    return this.cid === null ? null : zkSim(this.runtime.sim).clients.get(this.cid)?.server ?? null;
  }

  setDefaultWatcher(watcher: (e: WatchedEvent) => void): void {
    this.watcher = watcher;
  }

  private onNotice(n: ClientNotice): void {
    if (n.kind === 'event') this.watcher?.({ state: n.state, type: n.type, path: n.path });
    else this.replies.set(n.tag, n);
  }

  /** Waits (advancing simulated time if it must) until `done()` or the client gives up. */
  private async waitUntil(done: () => boolean): Promise<boolean> {
    const start = this.runtime.sim.now;
    while (!done()) {
      if (this.runtime.sim.now - start > MAX_WAIT_MS) return false;
      if (this.opts.drive()) {
        const before = this.runtime.sim.now;
        const ran = await this.runtime.stepEvents(1);
        this.advancedMs += this.runtime.sim.now - before;
        if (ran === 0) return done();
      } else {
        await this.runtime.nextChange();
      }
    }
    return true;
  }

  /** ZooKeeper's constructor: a new client connects; resolves once the session is established or refused (zkCli's start need not wait: `waitForFirstConnect`). */
  async connect(hostPort: string): Promise<void> {
    const hosts = parseConnectString(hostPort, this.runtime.sim.servers.size);
    const server = hosts?.[0] ?? null;
    if (this.cid !== null) this.runtime.clientListeners.delete(this.cid);
    this.cid = null;
    this.closedUnconnected = false;
    if (server === null) return;
    const adopt = this.opts.adopt;
    if (this.connects === 0 && adopt !== undefined && zkSim(this.runtime.sim).clients.has(adopt) && !this.runtime.clientListeners.has(adopt)) {
      this.connects = 1;
      this.cid = adopt;
      this.runtime.clientListeners.set(adopt, (n) => this.onNotice(n as ClientNotice));
      return;
    }
    const cid = this.runtime.allocateClientId();
    this.cid = cid;
    this.runtime.clientListeners.set(cid, (n) => this.onNotice(n as ClientNotice));
    await this.runtime.apply({ type: 'addClient', cid, server, sessionTimeout: this.opts.sessionTimeout ?? 30000, hosts: hosts ?? [server] });
    this.connects += 1;
    const first = this.connects === 1;
    if (first && !(this.opts.waitForFirstConnect ?? true)) return;
    // A `connect` command returns once the session exists or the first attempt failed (a server
    // that is not serving closes the connection): zkCli then shows CONNECTING and the client keeps
    // trying in the background — the command does not run the clock until some server serves.
    const failedOnce = () => (zkSim(this.runtime.sim).clients.get(cid)?.attempts ?? 0) > 0;
    await this.waitUntil(() => this.getState() !== 'CONNECTING' || (!first && failedOnce()));
  }

  async close(): Promise<void> {
    if (this.cid === null) {
      // ClientCnxn.SendThread ends with a Closed event whether or not it ever connected
      if (!this.closedUnconnected) {
        this.closedUnconnected = true;
        this.watcher?.({ state: 'Closed', type: 'None', path: null });
      }
      return;
    }
    const tag = ++this.tag;
    await this.runtime.apply({ type: 'client', cid: this.cid, input: { type: 'close', tag } });
    await this.waitUntil(() => this.replies.has(tag));
    this.replies.delete(tag);
  }

  /** Sends one operation and waits for its reply; a non-zero rc rejects as KeeperException. */
  private async call(op: ClientOp, path: string | null): Promise<Reply> {
    if (this.cid === null) throw { code: Code.CONNECTIONLOSS, path } satisfies KeeperError;
    const tag = ++this.tag;
    await this.runtime.apply({ type: 'client', cid: this.cid, input: { type: 'op', tag, op } });
    const ok = await this.waitUntil(() => this.replies.has(tag));
    const r = this.replies.get(tag);
    this.replies.delete(tag);
    if (!ok || !r) throw { code: Code.CONNECTIONLOSS, path } satisfies KeeperError;
    if (r.err !== 0) {
      const e: KeeperError & { results?: OpResult[] } = { code: r.err, path };
      if (op.op === 'multi') e.results = multiResults(r.result as ProcessTxnResult | undefined);
      throw e;
    }
    return r;
  }

  async create(path: string, data: Uint8Array | null, acl: ACL[], mode: CreateMode, ttl: number): Promise<{ path: string; stat: Stat }> {
    const r = await this.call({ op: 'create', path, data, acl, mode, ttl }, path);
    const res = r.result as ProcessTxnResult;
    return { path: res.path ?? path, stat: res.stat as Stat };
  }

  async delete(path: string, version: number): Promise<void> {
    await this.call({ op: 'delete', path, version }, path);
  }

  async setData(path: string, data: Uint8Array | null, version: number): Promise<Stat> {
    return ((await this.call({ op: 'setData', path, data, version }, path)).result as ProcessTxnResult).stat as Stat;
  }

  async getData(path: string, watch: boolean): Promise<{ data: Uint8Array | null; stat: Stat }> {
    return (await this.call({ op: 'getData', path, watch }, path)).result as { data: Uint8Array | null; stat: Stat };
  }

  async exists(path: string, watch: boolean): Promise<Stat | null> {
    try {
      return (await this.call({ op: 'exists', path, watch }, path)).result as Stat;
    } catch (e) {
      if ((e as KeeperError).code === Code.NONODE) return null;
      throw e;
    }
  }

  async getChildren(path: string, watch: boolean): Promise<{ children: string[]; stat: Stat }> {
    return (await this.call({ op: 'getChildren', path, watch }, path)).result as { children: string[]; stat: Stat };
  }

  async getACL(path: string): Promise<{ acl: ACL[]; stat: Stat }> {
    return (await this.call({ op: 'getACL', path }, path)).result as { acl: ACL[]; stat: Stat };
  }

  async setACL(path: string, acl: ACL[], version: number): Promise<Stat> {
    return ((await this.call({ op: 'setACL', path, acl, version }, path)).result as ProcessTxnResult).stat as Stat;
  }

  async sync(path: string): Promise<number> {
    try {
      await this.call({ op: 'sync', path }, path);
      return 0;
    } catch (e) {
      return (e as KeeperError).code;
    }
  }

  async multi(ops: Op[]): Promise<OpResult[]> {
    return multiResults((await this.call({ op: 'multi', ops }, null)).result as ProcessTxnResult | undefined);
  }

  async addWatch(path: string, mode: AddWatchMode): Promise<void> {
    await this.call({ op: 'addWatch', path, mode }, path);
  }

  async removeWatches(path: string, type: WatcherType, local: boolean): Promise<void> {
    await this.call({ op: 'removeWatches', path, type, local }, path);
  }

  addAuthInfo(scheme: string, auth: Uint8Array | null): void {
    if (this.cid === null) return;
    void this.runtime.apply({ type: 'client', cid: this.cid, input: { type: 'op', tag: ++this.tag, op: { op: 'auth', scheme, auth } } });
  }

  async getEphemerals(prefixPath: string | null): Promise<string[]> {
    return (await this.call({ op: 'getEphemerals', prefixPath }, prefixPath)).result as string[];
  }

  async getAllChildrenNumber(path: string): Promise<number> {
    return (await this.call({ op: 'getAllChildrenNumber', path }, path)).result as number;
  }

  async whoAmI(): Promise<ClientInfo[]> {
    return (await this.call({ op: 'whoAmI' }, null)).result as ClientInfo[];
  }

  async getConfig(watch: boolean): Promise<{ data: Uint8Array | null; stat: Stat }> {
    return (await this.call({ op: 'getConfig', watch }, '/zookeeper/config')).result as { data: Uint8Array | null; stat: Stat };
  }

  async reconfig(joining: string | null, leaving: string | null, members: string | null, version: number): Promise<{ data: Uint8Array; stat: Stat }> {
    const r = (await this.call({ op: 'reconfig', joiningServers: joining, leavingServers: leaving, newMembers: members, curConfigId: version }, '')).result as ProcessTxnResult & { data: Uint8Array };
    return { data: r.data, stat: r.stat as Stat };
  }
}

function multiResults(rc: ProcessTxnResult | undefined): OpResult[] {
  return (rc?.multiResult ?? []).map((r): OpResult => {
    if (r.type === 'error') return { type: 'error', err: r.err };
    if (r.type === 'create' || r.type === 'createContainer' || r.type === 'createTTL') return { type: 'create', path: r.path ?? '' };
    if (r.type === 'delete' || r.type === 'deleteContainer') return { type: 'delete' };
    if (r.type === 'setData') return { type: 'setData', stat: r.stat as Stat };
    return { type: 'check' };
  });
}

/** A connect string `zk1:2181,zk2:2181,…` → its servers in order; null if any host names no server. */
export function parseConnectString(connect: string, servers: number): number[] | null {
  const hosts = connect.split(',').map((h) => parseHost(h.trim(), servers));
  if (hosts.length === 0 || hosts.some((h) => h === null)) return null;
  return hosts as number[];
}

/** `zk2:2181`, `zk2`, `2`, `127.0.0.1:2181` (= zk1) → a server id; null when it names no server. */
export function parseHost(hostPort: string, servers: number): number | null {
  const host = hostPort.split(':')[0] ?? '';
  if (host === '127.0.0.1' || host === 'localhost') return 1;
  const m = /^(?:zk)?(\d+)$/i.exec(host);
  if (!m) return null;
  const sid = Number(m[1]);
  return sid >= 1 && sid <= servers ? sid : null;
}
