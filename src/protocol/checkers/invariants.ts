/**
 * Safety checks evaluated from outside the protocol code after every batch (the VOPR habit;
 * ZAB's TLA+ specification). They read the servers' states and the trace, never change anything, and
 * report a violation naming the invariant, the moment (trace index and simulated time), the
 * servers involved and one sentence of why — what an invariants panel shows.
 *
 * A server's *history* is what it has delivered: its log entries above its snapshot up to its
 * DataTree's last processed zxid, taken while it serves (BROADCAST). The checks:
 *
 *  - Leadership1: two servers LEADING in SYNCHRONIZATION/BROADCAST with the same epoch are one.
 *  - Leadership2: each epoch has at most one established leader, ever (`epochLeader[e]`).
 *  - Integrity: every delivered txn equals one a primary broadcast (a PROPOSAL or INFORM it sent,
 *    DIFF-carried ones included, or its own proposal).
 *  - Agreement: no zxid means two different txns anywhere, and for two serving servers one's
 *    history contains the other's (if f1 delivered a and f2 delivered b, one delivered both).
 *  - TotalOrder: txns two servers both delivered come in the same order, and whatever one
 *    delivered before a common txn the other delivered too.
 *  - LocalPrimaryOrder: a primary's txns of one epoch are delivered in order, with no gap.
 *  - GlobalPrimaryOrder: within a history, txns of an earlier epoch come before later ones.
 *  - PrimaryIntegrity: a serving follower's txns of epochs below its leader's epoch are in the
 *    leader's history too.
 *  - PrefixConsistency: two serving servers' histories agree on their common prefix.
 *  - Replay: a server's DataTree equals replaying its own disk (snapshot + log up to its last
 *    processed zxid) — while it serves, and from its NEWLEADER ACK on (that ACK promises it).
 *  - MonotonicZxid: a server's proposals only grow, no zxid is proposed twice, and a server
 *    applies zxids in increasing order.
 *  - AckedWriteDurable: a write a client got a success reply for is in the history of every
 *    leader established after the reply — across reconfigurations too (the check names no config).
 *  - ReconfigQuorum: a reconfiguration commits only once a quorum of the old configuration AND a
 *    quorum of the new one hold it (Leader.processAck / Proposal.hasAllQuorums with two
 *    QuorumVerifiers; a leader elected mid-reconfig, Leader.lead's newLeaderProposal with the last
 *    seen config). The old config is the last reconfig committed before it (or the lab's first
 *    voters); the holders are the servers that ACKed it to the leader that proposed it, or, for
 *    one a later leader finished, the ACKs of that leader's NEWLEADER (read from the trace).
 *    Leadership1/2 name no configuration: one leader per epoch across configs.
 *  - Liveness is not checked here (it needs a deadline): `livenessProblem` in soak code reports
 *    into the same checker with `report`.
 */
import { isWriteOp, type ClientOp } from '../client/packets.ts';
import type { QuorumPeer } from '../QuorumPeer.ts';
import type { LoggedTxn, Sid } from '../types.ts';
import { counterOf, epochOf, hex, makeZxid } from '../zxid.ts';
import { applyTxn, loadDatabase, type ZKDatabase } from '../zab/ZKDatabase.ts';
import { initConfigNode } from '../datatree/DataTree.ts';
import type { DataNode, Txn } from '../datatree/types.ts';
import { isJavaThrowable } from '../javaThrowable.ts';
import { dbOptions } from '../zab/Zab.ts';
import { reconfigOf } from '../zab/activate.ts';
import { votersOf } from '../quorum/reconfig.ts';
import type { QuorumConfig } from '../types.ts';
import type { ZkSimulation } from '../zookeeper.ts';
import { stableJson } from '../../sim/stableJson.ts';
import { deepClone } from '../../sim/clone.ts';

export type InvariantName =
  | 'Leadership1' | 'Leadership2' | 'Integrity' | 'Agreement' | 'TotalOrder' | 'LocalPrimaryOrder'
  | 'GlobalPrimaryOrder' | 'PrimaryIntegrity' | 'PrefixConsistency' | 'Replay' | 'MonotonicZxid'
  | 'AckedWriteDurable' | 'ReconfigQuorum' | 'Liveness';

/** Every check, in the order a panel lists them, with one line on what it guards (en / zh). */
export const INVARIANTS: ReadonlyArray<{ name: InvariantName; en: string; zh: string }> = [
  { name: 'Leadership1', en: 'Two servers leading (synchronizing or broadcasting) in the same epoch are the same server.', zh: '同一 epoch 中处于同步或广播阶段的两个 Leader 必是同一台服务器。' },
  { name: 'Leadership2', en: 'Each epoch has at most one established leader.', zh: '每个 epoch 至多有一个已确立的 Leader。' },
  { name: 'Integrity', en: 'Every delivered transaction was broadcast by a primary.', zh: '每个被交付的事务都由某个主节点广播过。' },
  { name: 'Agreement', en: 'A zxid names one transaction; of two servers, one has delivered everything the other has.', zh: '一个 zxid 只对应一个事务；两台服务器中，一台交付过另一台交付的全部事务。' },
  { name: 'TotalOrder', en: 'Transactions are delivered in the same order everywhere.', zh: '所有服务器以相同顺序交付事务。' },
  { name: 'LocalPrimaryOrder', en: "A primary's transactions of one epoch are delivered in order, with no gap.", zh: '同一主节点在一个 epoch 内的事务按序交付，没有空缺。' },
  { name: 'GlobalPrimaryOrder', en: 'Transactions of an earlier epoch are delivered before those of a later epoch.', zh: '较早 epoch 的事务先于较晚 epoch 的事务交付。' },
  { name: 'PrimaryIntegrity', en: "A follower's transactions from earlier epochs are also in its leader's history.", zh: 'Follower 交付的早期 epoch 事务也在其 Leader 的历史中。' },
  { name: 'PrefixConsistency', en: 'Two serving servers agree on their common prefix of transactions.', zh: '两台服务中的服务器在共同前缀上的事务一致。' },
  { name: 'Replay', en: "A server's DataTree equals replaying its own snapshot and transaction log.", zh: '服务器的 DataTree 等于重放其快照与事务日志的结果。' },
  { name: 'MonotonicZxid', en: "A server's proposed and applied zxids only grow, and no zxid is proposed twice.", zh: '每台服务器提议和应用的 zxid 只增不减，且同一 zxid 不会被提议两次。' },
  { name: 'AckedWriteDurable', en: 'A write a client got a success reply for is in every later leader\'s history.', zh: '客户端收到成功回复的写操作存在于之后每个 Leader 的历史中。' },
  { name: 'ReconfigQuorum', en: 'A reconfiguration commits only with a quorum of the old configuration and a quorum of the new one.', zh: '重新配置只有在旧配置的多数派和新配置的多数派都确认后才能提交。' },
  { name: 'Liveness', en: 'After the faults heal, a leader is established and every server converges in bounded time.', zh: '故障恢复后，在有限时间内选出 Leader 且所有服务器数据收敛。' },
];

export interface Violation {
  invariant: InvariantName;
  t: number;
  /** Index of the trace entry after which it was found. */
  traceIndex: number;
  servers: Sid[];
  message: string;
}

/** What a panel shows per check: green/red, where it first broke, how often. */
export interface CheckStatus {
  name: InvariantName;
  ok: boolean;
  first: Violation | null;
  count: number;
}

interface History {
  log: LoggedTxn[];
  /** (zxid, time) of each log entry scanned: a later sample's log continues this one when its prefix matches. */
  stamps: number[];
  snapshotZxid: number;
  last: number;
  /** How many log entries have been looked at. */
  scanned: number;
  entries: Array<[number, string]>;
  index: Map<number, string>;
  /** How many entries the per-entry checks have seen. */
  checked: number;
  version: number;
  rebuilt: boolean;
}

/** A server's disk as replayed so far (Replay). */
interface ReplayState {
  db: ZKDatabase;
  snapshotZxid: number;
  /** (zxid, time) of each log entry replayed or passed over. */
  stamps: number[];
  /** The replayed tree's own last processed zxid. */
  applied: number;
  /** The live /zookeeper/config node written over the replay when it was built. */
  cfg: { data: Uint8Array | null; mtime: number } | null;
}

/** Does `log` still begin with the entries `stamps` recorded (same zxids and times, in order)? */
function continues(stamps: number[], log: LoggedTxn[]): boolean {
  if (log.length < stamps.length / 2) return false;
  for (let i = 0, k = 0; k < stamps.length; i++, k += 2) {
    const t = log[i]!;
    if (t.zxid !== stamps[k] || t.time !== stamps[k + 1]) return false;
  }
  return true;
}

/** Does a txn record name a path under /zookeeper (config, quotas) anywhere, multi ops included? */
function mentionsZookeeper(v: unknown): boolean {
  if (typeof v === 'string') return v.startsWith('/zookeeper');
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return false;
  if (Array.isArray(v)) return v.some(mentionsZookeeper);
  for (const k in v) if (mentionsZookeeper((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** stableJson(a) === stableJson(b), without building the texts. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta !== 'object' || typeof b !== 'object' || a === null || b === null) return stableJson(a) === stableJson(b);
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array)) return stableJson(a) === stableJson(b);
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b))) return stableJson(a) === stableJson(b);
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map)) return stableJson(a) === stableJson(b);
    if (a.size !== b.size) return false;
    const ib = b.entries();
    for (const [ka, va] of a) {
      const [kb, vb] = ib.next().value as [unknown, unknown];
      if (!sameJson(ka, kb) || !sameJson(va, vb)) return false;
    }
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set)) return stableJson(a) === stableJson(b);
    if (a.size !== b.size) return false;
    const ib = b.values();
    for (const va of a) if (!sameJson(va, ib.next().value)) return false;
    return true;
  }
  // Plain objects: the same keys (those with a value) in the same order, with the same values.
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && ra[ka[i]!] === undefined) i++;
    while (j < kb.length && rb[kb[j]!] === undefined) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    if (ka[i] !== kb[j] || !sameJson(ra[ka[i]!], rb[kb[j]!])) return false;
    i++;
    j++;
  }
}

/** What a server's last Replay check saw: its last processed zxid, log length, snapshot zxid, epoch and znode count. */
interface ReplaySignature { last: number; log: number; snap: number; epoch: number; size: number }

/** Equal as their decimal texts are (NaN equals NaN). */
function sameNumber(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** Keep at most this many violations per invariant (the count goes on). */
const KEEP_PER_INVARIANT = 5;

export class InvariantChecker {
  readonly violations: Violation[] = [];
  private readonly counts = new Map<InvariantName, number>();
  private readonly firsts = new Map<InvariantName, Violation>();
  private readonly epochLeader = new Map<number, Set<Sid>>();
  /** zxid → digest of the first txn delivered under it. */
  private readonly committed = new Map<number, string>();
  /** zxid → digests of the txns primaries broadcast under it (Integrity). */
  private readonly broadcast = new Map<number, string[]>();
  /** Writes clients got a success reply for. */
  private readonly acked: Array<{ zxid: number; t: number; who: string }> = [];
  /** Client requests in flight: `${cid}:${xid}` → is it a write. */
  private readonly clientOps = new Map<string, boolean>();
  /** Per server: the highest zxid it proposed. */
  private readonly maxProposed = new Map<Sid, number>();
  /** Who proposed each zxid first. */
  private readonly proposedBy = new Map<number, Sid>();
  private traceSeen = 0;
  private readonly lastApplied = new Map<Sid, number>();
  /** Leaders that became established in this batch, checked for AckedWriteDurable. */
  private established: Array<{ sid: Sid; epoch: number }> = [];
  /** Replay costs O(log) per server; check it every `replayEvery` batches (1 = always). */
  private batches = 0;
  /** What each server's state looked like at its last replay check (skip when unchanged). */
  private readonly replayed = new Map<Sid, ReplaySignature>();
  /** Per server: its disk replayed so far (Replay), extended entry by entry. */
  private readonly replays = new Map<Sid, ReplayState>();
  /** Reconfig txns broadcast (ReconfigQuorum): txn digest → the new config's voters. */
  private readonly reconfigs = new Map<string, Sid[]>();
  /** Reconfigs committed so far, in zxid order: the old config of the next one is the last before it. */
  private readonly committedConfigs: Array<{ zxid: number; voters: Sid[] }> = [];
  private readonly reconfigZxids = new Set<number>();
  /** ACKs delivered: `${leader}:${zxid}` → the servers that sent them. */
  private readonly ackers = new Map<string, Set<Sid>>();
  /** Reconfigs first delivered in this check, judged once every history is in. */
  private newlyCommitted: Array<{ zxid: number; digest: string }> = [];
  /** Followers checked for PrimaryIntegrity: against which leader/version, up to which entry. */
  private readonly primaryChecked = new Map<Sid, { key: string; upTo: number }>();

  constructor(private readonly peers: (sid: Sid) => QuorumPeer | undefined, private readonly replayEvery = 1) {}

  /** Hooks the checker into a simulation: it runs after every batch. */
  attach(sim: ZkSimulation): this {
    const prev = sim.afterBatch;
    sim.afterBatch = () => {
      prev?.();
      this.check(sim);
    };
    return this;
  }

  /** Records a violation found by a check outside this class (the soak's liveness check). */
  report(sim: ZkSimulation, invariant: InvariantName, servers: Sid[], message: string): void {
    this.fail(sim, invariant, servers, message);
  }

  /** Each check's live status, in INVARIANTS order. */
  statuses(): CheckStatus[] {
    return INVARIANTS.map(({ name }) => ({ name, ok: !this.counts.has(name), first: this.firsts.get(name) ?? null, count: this.counts.get(name) ?? 0 }));
  }

  /** The names of the invariants that went red. */
  failed(): InvariantName[] {
    return INVARIANTS.map((i) => i.name).filter((n) => this.counts.has(n));
  }

  private fail(sim: ZkSimulation, invariant: InvariantName, servers: Sid[], message: string): void {
    const n = (this.counts.get(invariant) ?? 0) + 1;
    this.counts.set(invariant, n);
    if (n > KEEP_PER_INVARIANT) return;
    const v: Violation = { invariant, t: sim.now, traceIndex: sim.trace.length - 1, servers, message };
    if (n === 1) this.firsts.set(invariant, v);
    this.violations.push(v);
  }

  /** Each server's applied history (zxid, txn digest), kept up to date incrementally. */
  private readonly histories = new Map<Sid, History>();
  /** Pairs of servers checked up to this zxid, with the histories' versions. */
  private readonly pairs = new Map<string, { upTo: number; a: number; b: number }>();
  private readonly digests = new WeakMap<object, string>();

  private digest(t: LoggedTxn): string {
    let d = this.digests.get(t);
    if (d === undefined) {
      d = stableJson(t.txn);
      this.digests.set(t, d);
    }
    return d;
  }

  /** The server's applied history: log entries above its snapshot up to its last processed zxid. */
  private history(sid: Sid, peer: QuorumPeer, last: number): History {
    const log = peer.disk.log;
    const h = this.histories.get(sid);
    // The log only grows between truncations (a truncation or snapshot replaces the array). A
    // server state sampled from a worker is a new copy each time: there the log continues the one
    // seen before when the entries seen before are still there (same zxids and times, in order).
    const sameBase = h && h.snapshotZxid === peer.disk.snapshotZxid && h.last <= last && (h.log === log || continues(h.stamps, log));
    const target: History = h && sameBase
      ? h
      : { log, stamps: [], snapshotZxid: peer.disk.snapshotZxid, last, scanned: 0, entries: [], index: new Map(), checked: 0, version: (h?.version ?? 0) + 1, rebuilt: true };
    target.log = log;
    for (let i = target.scanned; i < log.length; i++) {
      const t = log[i]!;
      if (t.zxid > last) break;
      if (t.zxid > target.snapshotZxid) {
        const d = this.digest(t);
        target.entries.push([t.zxid, d]);
        target.index.set(t.zxid, d);
      }
      target.stamps.push(t.zxid, t.time);
      target.scanned = i + 1;
    }
    if (target === h && h.last !== last) h.version += 1;
    target.last = last;
    this.histories.set(sid, target);
    return target;
  }

  check(sim: ZkSimulation): void {
    this.batches += 1;
    this.scanTrace(sim);
    const serving: Array<{ sid: Sid; peer: QuorumPeer; history: History }> = [];
    const leadersByEpoch = new Map<number, Sid[]>();
    for (const slot of sim.servers.values()) {
      if (!slot.up) {
        this.lastApplied.delete(slot.sid);
        this.histories.delete(slot.sid);
        this.replays.delete(slot.sid);
        this.primaryChecked.delete(slot.sid);
        continue;
      }
      const peer = this.peers(slot.sid);
      if (!peer) continue;
      const l = peer.zab.leader;
      if (l && l.electionFinished) {
        const set = this.epochLeader.get(l.epoch) ?? new Set<Sid>();
        set.add(peer.myid);
        this.epochLeader.set(l.epoch, set);
        if (set.size > 1) this.fail(sim, 'Leadership2', [...set], `epoch ${l.epoch} has ${set.size} established leaders: ${[...set].map((s) => `zk${s}`).join(', ')}`);
        if (peer.zab.phase === 'SYNCHRONIZATION' || peer.zab.phase === 'BROADCAST') {
          const list = leadersByEpoch.get(l.epoch) ?? [];
          list.push(peer.myid);
          leadersByEpoch.set(l.epoch, list);
        }
      }
      const db = peer.zab.db;
      const learnerSynced = peer.zab.learner?.stage === 'WAIT_UPTODATE';
      if (!db || (peer.zab.phase !== 'BROADCAST' && !learnerSynced)) continue;
      const last = db.tree.lastProcessedZxid;
      this.checkReplay(sim, slot.sid, peer, last);
      if (peer.zab.phase !== 'BROADCAST') continue;
      const history = this.history(slot.sid, peer, last);
      serving.push({ sid: slot.sid, peer, history });
      this.checkEntries(sim, slot.sid, history);
    }
    for (const [epoch, sids] of leadersByEpoch) {
      if (sids.length > 1) this.fail(sim, 'Leadership1', sids, `${sids.map((s) => `zk${s}`).join(' and ')} are both leading in epoch ${epoch}`);
    }
    for (let i = 0; i < serving.length; i++) {
      for (let j = i + 1; j < serving.length; j++) {
        const a = serving[i]!;
        const b = serving[j]!;
        this.checkPair(sim, a.sid, a.peer, a.history, b.sid, b.peer, b.history);
      }
    }
    for (const f of serving) this.checkPrimaryIntegrity(sim, f.sid, f.peer, f.history, serving);
    for (const e of this.established) this.checkAckedWrites(sim, e.sid, e.epoch);
    this.established = [];
    for (const c of this.newlyCommitted) this.checkReconfigQuorum(sim, c.zxid, c.digest, serving);
    this.newlyCommitted = [];
    for (const s of serving) s.history.rebuilt = false;
  }

  /**
   * Replay: the server's DataTree equals replaying its disk (snapshot + log up to `last`). The
   * replayed database is kept per server and only the log entries added since are applied to it
   * (when the log continues the one replayed and nothing under /zookeeper changes, where the
   * config node written at load time and quotas make the order matter); otherwise it is replayed
   * from the snapshot again. Trees are compared structurally, as their stableJson texts would be.
   */
  private checkReplay(sim: ZkSimulation, sid: Sid, peer: QuorumPeer, last: number): void {
    const db = peer.zab.db!;
    if (this.batches % this.replayEvery !== 0) return;
    const seen = this.replayed.get(sid);
    const log = peer.disk.log.length;
    const snap = peer.disk.snapshotZxid;
    const epoch = peer.zab.epoch;
    const size = db.tree.nodes.size;
    if (seen && sameNumber(seen.last, last) && sameNumber(seen.log, log) && sameNumber(seen.snap, snap) && sameNumber(seen.epoch, epoch) && sameNumber(seen.size, size)) return;
    // State ERROR (Zab.ts deliverCommitted): the txn that killed the CommitProcessor is half applied.
    if (peer.zab.error !== null) return;
    this.replayed.set(sid, { last, log, snap, epoch, size });
    const cfg = db.tree.nodes.get('/zookeeper/config');
    let r: ReplayState | null;
    try {
      r = this.replayIncrementally(sid, peer, last, cfg);
      if (!r) {
        this.replays.delete(sid);
        const replayed = loadDatabase({ ...peer.disk, log: peer.disk.log.filter((t) => t.zxid <= last) }, dbOptions(peer));
        // /zookeeper/config is written at load time (initConfigInZKDatabase), not by a txn; a
        // quota over it counts that write.
        if (cfg) initConfigNode(replayed.tree, cfg.data ?? new Uint8Array(0), 0, cfg.stat.mtime);
        r = { db: replayed, snapshotZxid: peer.disk.snapshotZxid, stamps: [], applied: replayed.tree.lastProcessedZxid, cfg: cfg ? { data: cfg.data, mtime: cfg.stat.mtime } : null };
        for (const t of peer.disk.log) {
          if (t.zxid > last) break;
          r.stamps.push(t.zxid, t.time);
        }
        this.replays.set(sid, r);
      }
    } catch (e) {
      this.replays.delete(sid);
      // The log holds a txn whose apply throws in ZooKeeper's own code (a quota stat node that is
      // not a StatsTrack): the server survived it half applied (Zab.ts stopRole), a replay cannot.
      // Real ZooKeeper cannot replay that log either; nothing to compare.
      if (isJavaThrowable(e)) return;
      throw e;
    }
    const tree = r.db.tree;
    if (cfg) tree.nodes.set('/zookeeper/config', deepClone(cfg));
    tree.lastProcessedZxid = db.tree.lastProcessedZxid;
    const same = sameJson(tree, db.tree);
    tree.lastProcessedZxid = r.applied;
    if (!same) {
      this.fail(sim, 'Replay', [sid], `zk${sid}'s DataTree differs from replaying its snapshot and log up to ${hex(last)}`);
    }
  }

  /** Brings the kept replay of `sid` up to `last` by applying only new log entries; null when it must be replayed from the snapshot. */
  private replayIncrementally(sid: Sid, peer: QuorumPeer, last: number, cfg: DataNode | undefined): ReplayState | null {
    const r = this.replays.get(sid);
    if (!r || r.snapshotZxid !== peer.disk.snapshotZxid || r.applied > last) return null;
    if ((r.cfg === null) !== (cfg === undefined)) return null;
    if (r.cfg && cfg && (r.cfg.mtime !== cfg.stat.mtime || !sameJson(r.cfg.data, cfg.data))) return null;
    const log = peer.disk.log;
    if (!continues(r.stamps, log)) return null;
    const fresh: LoggedTxn[] = [];
    for (let i = r.stamps.length / 2; i < log.length; i++) {
      const t = log[i]!;
      if (t.zxid > last) break;
      fresh.push(t);
    }
    const tree = r.db.tree;
    for (const t of fresh) {
      if (t.zxid <= r.applied) continue;
      const txn = t.txn as Txn;
      if (mentionsZookeeper(txn.record)) return null;
      if (txn.record.type === 'closeSession' && tree.ephemerals.get(txn.clientId)?.items.some((p) => p.startsWith('/zookeeper'))) return null;
    }
    for (const t of fresh) {
      if (t.zxid > tree.lastProcessedZxid) applyTxn(r.db, t, dbOptions(peer));
      r.stamps.push(t.zxid, t.time);
    }
    r.applied = tree.lastProcessedZxid;
    return r;
  }

  /** Checks on the entries a history gained since it was last seen: Agreement (one txn per zxid), Integrity, the primary orders. */
  private checkEntries(sim: ZkSimulation, sid: Sid, h: History): void {
    const from = h.rebuilt ? 0 : h.checked;
    for (let i = from; i < h.entries.length; i++) {
      const [zxid, digest] = h.entries[i]!;
      const known = this.committed.get(zxid);
      if (known === undefined) {
        this.committed.set(zxid, digest);
        if (this.reconfigs.has(digest)) this.newlyCommitted.push({ zxid, digest });
      }
      else if (known !== digest) this.fail(sim, 'Agreement', [sid], `zk${sid} delivered a different txn under ${hex(zxid)} than another server did`);
      const sent = this.broadcast.get(zxid);
      if (!sent || !sent.includes(digest)) this.fail(sim, 'Integrity', [sid], `zk${sid} delivered ${hex(zxid)}, a txn no primary ever broadcast`);
      const prev = i > 0 ? h.entries[i - 1]![0] : h.snapshotZxid;
      const e = epochOf(zxid);
      if (i > 0 && epochOf(prev) > e) {
        this.fail(sim, 'GlobalPrimaryOrder', [sid], `zk${sid} delivered ${hex(zxid)} (epoch ${e}) after ${hex(prev)} (epoch ${epochOf(prev)})`);
      }
      const c = counterOf(zxid);
      if (c > 1 && (epochOf(prev) < e || (epochOf(prev) === e && counterOf(prev) !== c - 1))) {
        this.fail(sim, 'LocalPrimaryOrder', [sid], `zk${sid} delivered ${hex(zxid)} but not ${hex(makeZxid(e, c - 1))} right before it (previous: ${hex(prev)})`);
      }
    }
    h.checked = h.entries.length;
  }

  /** PrefixConsistency, Agreement and TotalOrder for one pair, re-checking only what changed. */
  private checkPair(sim: ZkSimulation, aSid: Sid, aPeer: QuorumPeer, a: History, bSid: Sid, bPeer: QuorumPeer, b: History): void {
    const key = `${aSid}-${bSid}`;
    const prev = this.pairs.get(key);
    if (prev && prev.a === a.version && prev.b === b.version && !a.rebuilt && !b.rebuilt) return;
    const upTo = Math.min(a.last, b.last);
    const floor = Math.max(aPeer.disk.snapshotZxid, bPeer.disk.snapshotZxid, prev && !a.rebuilt && !b.rebuilt ? prev.upTo : -Infinity);
    const slice = (h: History) => h.entries.filter(([z]) => z > floor && z <= upTo);
    const aZ = slice(a);
    const bZ = slice(b);
    this.pairs.set(key, { upTo, a: a.version, b: b.version });
    const both = [aSid, bSid];
    if (aZ.length !== bZ.length || aZ.some(([z, d], k) => bZ[k]![0] !== z || bZ[k]![1] !== d)) {
      this.fail(sim, 'PrefixConsistency', both, `zk${aSid} and zk${bSid} applied different txns up to ${hex(upTo)}`);
    }
    // Agreement: each has delivered something the other has not.
    const onlyA = aZ.filter(([z, d]) => b.index.get(z) !== d);
    const onlyB = bZ.filter(([z, d]) => a.index.get(z) !== d);
    const aBeyond = a.last > upTo && a.entries.length > 0 && a.entries[a.entries.length - 1]![0] > upTo;
    const bBeyond = b.last > upTo && b.entries.length > 0 && b.entries[b.entries.length - 1]![0] > upTo;
    if ((onlyA.length > 0 || aBeyond) && (onlyB.length > 0 || bBeyond)) {
      const x = onlyA[0]?.[0] ?? a.entries[a.entries.length - 1]![0];
      const y = onlyB[0]?.[0] ?? b.entries[b.entries.length - 1]![0];
      this.fail(sim, 'Agreement', both, `zk${aSid} delivered ${hex(x)} that zk${bSid} did not, and zk${bSid} delivered ${hex(y)} that zk${aSid} did not`);
    }
    // TotalOrder: common txns in the same order; what one delivered before a common txn, the other has.
    const totalOrder = (x: Array<[number, string]>, yIndex: Map<number, string>, y: Array<[number, string]>, xs: Sid, ys: Sid): boolean => {
      let lastCommon = -1;
      for (let k = x.length - 1; k >= 0; k--) if (yIndex.get(x[k]![0]) === x[k]![1]) { lastCommon = k; break; }
      for (let k = 0; k < lastCommon; k++) {
        if (yIndex.get(x[k]![0]) !== x[k]![1]) {
          this.fail(sim, 'TotalOrder', [xs, ys], `zk${xs} delivered ${hex(x[k]![0])} before ${hex(x[lastCommon]![0])}, zk${ys} delivered the latter without the former`);
          return false;
        }
      }
      const common = x.filter(([z, d]) => yIndex.get(z) === d).map(([z]) => z);
      const yCommon = y.filter(([z, d]) => common.length > 0 && x.some(([zz, dd]) => zz === z && dd === d)).map(([z]) => z);
      if (common.length === yCommon.length && common.some((z, k) => yCommon[k] !== z)) {
        this.fail(sim, 'TotalOrder', [xs, ys], `zk${xs} and zk${ys} delivered the same txns in different orders`);
        return false;
      }
      return true;
    };
    if (onlyA.length > 0 || onlyB.length > 0) {
      if (totalOrder(aZ, b.index, bZ, aSid, bSid)) totalOrder(bZ, a.index, aZ, bSid, aSid);
    }
  }

  /** PrimaryIntegrity: a serving follower's txns of earlier epochs are in its (serving) leader's history. */
  private checkPrimaryIntegrity(sim: ZkSimulation, sid: Sid, peer: QuorumPeer, h: History, serving: Array<{ sid: Sid; peer: QuorumPeer; history: History }>): void {
    if (!peer.zab.learner) return;
    const leader = serving.find((s) => s.sid === peer.zab.leaderSid && s.peer.zab.leader);
    if (!leader || leader.peer.zab.epoch !== peer.zab.epoch) return;
    const key = `${leader.sid}/${leader.history.version}/${leader.history.rebuilt}/${h.rebuilt ? 'r' : h.version}`;
    const prev = this.primaryChecked.get(sid);
    const from = prev && prev.key.startsWith(`${leader.sid}/`) && !h.rebuilt && !leader.history.rebuilt ? prev.upTo : 0;
    const epoch = leader.peer.zab.epoch;
    const lh = leader.history;
    for (let i = from; i < h.entries.length; i++) {
      const [zxid, digest] = h.entries[i]!;
      if (epochOf(zxid) >= epoch || zxid <= lh.snapshotZxid) continue;
      if (lh.index.get(zxid) !== digest) {
        this.fail(sim, 'PrimaryIntegrity', [leader.sid, sid], `zk${sid} delivered ${hex(zxid)} of epoch ${epochOf(zxid)}, which its leader zk${leader.sid} (epoch ${epoch}) has not`);
        break;
      }
    }
    this.primaryChecked.set(sid, { key, upTo: h.entries.length });
  }

  /** AckedWriteDurable: a leader established now holds every write acknowledged before. */
  private checkAckedWrites(sim: ZkSimulation, sid: Sid, epoch: number): void {
    if (this.acked.length === 0) return;
    const peer = this.peers(sid);
    const db = peer?.zab.db;
    if (!peer || !db) return;
    const last = db.tree.lastProcessedZxid;
    const inLog = new Map<number, LoggedTxn>();
    for (const t of peer.disk.log) inLog.set(t.zxid, t);
    for (const a of this.acked) {
      if (epochOf(a.zxid) >= epoch) continue;
      const t = inLog.get(a.zxid);
      const has = a.zxid <= last && (a.zxid <= peer.disk.snapshotZxid || (t !== undefined && (this.committed.get(a.zxid) ?? this.digest(t)) === this.digest(t)));
      if (!has) {
        this.fail(sim, 'AckedWriteDurable', [sid], `${a.who} got a success reply for ${hex(a.zxid)} at ${(a.t / 1000).toFixed(3)}s, but zk${sid}, leader of epoch ${epoch}, does not have it`);
      }
    }
  }

  /**
   * ReconfigQuorum for reconfig `zxid`, first delivered now: the servers that hold it — those that
   * ACKed it to its proposer, or the NEWLEADER ACKs of a later serving leader whose history has it —
   * contain a quorum of the config before it and a quorum of its own.
   */
  private checkReconfigQuorum(sim: ZkSimulation, zxid: number, digest: string, serving: Array<{ sid: Sid; peer: QuorumPeer; history: History }>): void {
    const next = this.reconfigs.get(digest)!;
    let old = ((sim.setup.config as QuorumConfig).voters ?? []).slice();
    for (const c of this.committedConfigs) if (c.zxid < zxid) old = c.voters;
    const quorum = (voters: Sid[], holders: Set<Sid>): boolean => voters.filter((s) => holders.has(s)).length > Math.floor(voters.length / 2);
    const holdersOf = (leader: Sid, z: number): Set<Sid> => new Set([leader, ...(this.ackers.get(`${leader}:${z}`) ?? [])]);
    const candidates: Array<{ leader: Sid; holders: Set<Sid> }> = [];
    const proposer = this.proposedBy.get(zxid);
    if (proposer !== undefined) candidates.push({ leader: proposer, holders: holdersOf(proposer, zxid) });
    for (const s of serving) {
      const l = s.peer.zab.leader;
      if (!l || s.history.index.get(zxid) !== digest || l.epoch <= epochOf(zxid)) continue;
      const holders = holdersOf(s.sid, makeZxid(l.epoch, 0));
      for (const a of this.ackers.get(`${s.sid}:${zxid}`) ?? []) holders.add(a);
      candidates.push({ leader: s.sid, holders });
    }
    this.committedConfigs.push({ zxid, voters: next });
    this.committedConfigs.sort((a, b) => a.zxid - b.zxid);
    if (candidates.length === 0 || candidates.some((c) => quorum(old, c.holders) && quorum(next, c.holders))) return;
    const c = candidates[0]!;
    const held = [...c.holders].sort((a, b) => a - b).map((s) => `zk${s}`).join(',');
    const which = !quorum(old, c.holders) ? `the old config's voters ${old.map((s) => `zk${s}`).join(',')}` : `the new config's voters ${next.map((s) => `zk${s}`).join(',')}`;
    this.fail(sim, 'ReconfigQuorum', [c.leader], `reconfig ${hex(zxid)} committed held only by ${held}: no quorum of ${which}`);
  }

  /** Registers a primary's broadcast of a txn (Integrity). */
  private noteBroadcast(t: LoggedTxn): void {
    const d = this.digest(t);
    if (!this.reconfigs.has(d)) {
      const cfg = reconfigOf(t);
      if (cfg) {
        this.reconfigs.set(d, votersOf(cfg));
        this.reconfigZxids.add(t.zxid);
      }
    }
    const list = this.broadcast.get(t.zxid);
    if (!list) this.broadcast.set(t.zxid, [d]);
    else if (!list.includes(d)) list.push(d);
  }

  /** Events since the last check: proposals, broadcasts, applies, client acks, establishment. */
  private scanTrace(sim: ZkSimulation): void {
    const trace = sim.trace;
    for (let i = this.traceSeen; i < trace.length; i++) {
      const e = trace[i]!;
      switch (e.kind) {
        case 'crash':
        case 'start':
          this.lastApplied.delete(e.sid);
          break;
        case 'send': {
          const m = e.msg as { type: string; txn?: LoggedTxn; xid?: number; op?: ClientOp };
          if (e.channel === 'quorum') {
            if ((m.type === 'PROPOSAL' || m.type === 'INFORM' || m.type === 'INFORMANDACTIVATE') && m.txn) this.noteBroadcast(m.txn);
          } else if (e.channel === 'client' && m.type === 'Request' && m.op && m.xid !== undefined) {
            this.clientOps.set(`${e.from}:${m.xid}`, isWriteOp(m.op));
          }
          break;
        }
        case 'deliver': {
          if (e.channel === 'quorum') {
            const q = e.msg as { type: string; zxid?: number };
            // Only what ReconfigQuorum reads: ACKs of NEWLEADER (counter 0) and of reconfig proposals.
            if (q.type === 'ACK' && q.zxid !== undefined && (counterOf(q.zxid) === 0 || this.reconfigZxids.has(q.zxid))) {
              const key = `${e.to}:${q.zxid}`;
              const set = this.ackers.get(key);
              if (set) set.add(e.from);
              else this.ackers.set(key, new Set([e.from]));
            }
            break;
          }
          if (e.channel !== 'client') break;
          const m = e.msg as { type: string; xid?: number; err?: number; zxid?: number };
          if (m.type !== 'Reply' || m.xid === undefined) break;
          const key = `${e.to}:${m.xid}`;
          const write = this.clientOps.get(key);
          this.clientOps.delete(key);
          if (write && m.err === 0 && m.zxid !== undefined && m.zxid > 0) this.acked.push({ zxid: m.zxid, t: e.t, who: `client c${e.to - 1000}` });
          break;
        }
        case 'reply':
          if (e.reply.err === 0 && e.reply.zxid > 0 && e.reply.type !== 'sync' && e.reply.type !== 'error') {
            this.acked.push({ zxid: e.reply.zxid, t: e.t, who: `the client of zk${e.sid} (cxid ${e.reply.cxid})` });
          }
          break;
        case 'event': {
          const ev = e.event;
          if (ev.kind === 'state') this.lastApplied.delete(e.sid);
          else if (ev.kind === 'established') this.established.push({ sid: e.sid, epoch: ev.epoch });
          else if (ev.kind === 'proposed') {
            // Per server, proposals only grow; and no zxid is ever proposed twice. (A deposed
            // leader cut off in a minority may still propose in its old epoch after a new leader
            // proposed in a higher one: legal, its proposals never commit.)
            const mine = this.maxProposed.get(e.sid);
            if (mine !== undefined && ev.zxid <= mine) this.fail(sim, 'MonotonicZxid', [e.sid], `zk${e.sid} proposed ${hex(ev.zxid)} after it had proposed ${hex(mine)}`);
            this.maxProposed.set(e.sid, Math.max(mine ?? -1, ev.zxid));
            const by = this.proposedBy.get(ev.zxid);
            if (by !== undefined && by !== e.sid) this.fail(sim, 'MonotonicZxid', [by, e.sid], `zk${e.sid} proposed ${hex(ev.zxid)}, which zk${by} had already proposed`);
            else this.proposedBy.set(ev.zxid, e.sid);
            const own = this.peers(e.sid)?.zab.leader?.outstanding.find((p) => p.zxid === ev.zxid)?.txn
              ?? findLogged(this.peers(e.sid)?.disk.log ?? [], ev.zxid);
            if (own) this.noteBroadcast(own);
          } else if (ev.kind === 'applied') {
            const prev = this.lastApplied.get(e.sid);
            if (prev !== undefined && ev.zxid <= prev) this.fail(sim, 'MonotonicZxid', [e.sid], `zk${e.sid} applied ${hex(ev.zxid)} after ${hex(prev)}`);
            this.lastApplied.set(e.sid, ev.zxid);
          }
          break;
        }
        default:
          break;
      }
    }
    this.traceSeen = trace.length;
  }
}

function findLogged(log: LoggedTxn[], zxid: number): LoggedTxn | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    const t = log[i]!;
    if (t.zxid === zxid) return t;
    if (t.zxid < zxid) return undefined;
  }
  return undefined;
}
