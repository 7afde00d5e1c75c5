/**
 * Safety checks evaluated from outside the protocol code after every event (the VOPR habit;
 * ZOOKEEPER.md §8). They read the servers' states and the trace, never change anything, and
 * report a violation as text naming the servers involved.
 *
 *  - Leadership: at most one leader becomes established per epoch (Zab.tla Leadership2).
 *  - Integrity / Agreement: a zxid that any server applied while serving maps to one txn only,
 *    everywhere and forever (no two servers deliver different txns under one zxid).
 *  - PrefixConsistency: two serving servers' applied histories agree on their common prefix.
 *  - Replay: a serving server's DataTree equals replaying its own disk (snapshot + log up to
 *    its last processed zxid).
 *  - Monotonic zxids: every new proposal's zxid is higher than any proposed before; a serving
 *    server applies zxids in increasing order.
 */
import type { QuorumPeer } from '../../protocol/QuorumPeer.ts';
import type { LoggedTxn, Sid } from '../../protocol/types.ts';
import { hex } from '../../protocol/zxid.ts';
import { loadDatabase } from '../../protocol/zab/ZKDatabase.ts';
import { dbOptions } from '../../protocol/zab/Zab.ts';
import type { Simulation } from '../simulation.ts';
import { stableJson } from '../stableJson.ts';

export interface Violation {
  invariant: string;
  t: number;
  /** Index of the trace entry after which it was found. */
  traceIndex: number;
  servers: Sid[];
  message: string;
}

interface History {
  log: LoggedTxn[];
  snapshotZxid: number;
  last: number;
  /** How many log entries have been looked at. */
  scanned: number;
  entries: Array<[number, string]>;
  /** How many entries Agreement has checked. */
  checked: number;
  version: number;
  rebuilt: boolean;
}

export class InvariantChecker {
  readonly violations: Violation[] = [];
  private readonly epochLeader = new Map<number, Set<Sid>>();
  private readonly committed = new Map<number, string>();
  private maxProposed = -1;
  private traceSeen = 0;
  private readonly lastApplied = new Map<Sid, number>();
  /** Replay costs O(log) per server; check it every `replayEvery` batches (1 = always). */
  private batches = 0;
  /** What each server's state looked like at its last replay check (skip when unchanged). */
  private readonly replayed = new Map<Sid, string>();

  constructor(private readonly peers: (sid: Sid) => QuorumPeer | undefined, private readonly replayEvery = 1) {}

  /** Hooks the checker into a simulation: it runs after every batch. */
  attach(sim: Simulation): this {
    const prev = sim.afterBatch;
    sim.afterBatch = () => {
      prev?.();
      this.check(sim);
    };
    return this;
  }

  private fail(sim: Simulation, invariant: string, servers: Sid[], message: string): void {
    this.violations.push({ invariant, t: sim.now, traceIndex: sim.trace.length - 1, servers, message });
  }

  /** Each server's applied history (zxid, txn digest), kept up to date incrementally. */
  private readonly histories = new Map<Sid, History>();
  /** Pairs of servers checked for PrefixConsistency up to this zxid, with the histories' versions. */
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
    const sameBase = h && h.log === log && h.snapshotZxid === peer.disk.snapshotZxid && h.last <= last;
    if (h && sameBase) {
      // The log only grows between truncations (a truncation or snapshot replaces the array).
      for (let i = h.scanned; i < log.length; i++) {
        const t = log[i]!;
        if (t.zxid > last) break;
        if (t.zxid > peer.disk.snapshotZxid) h.entries.push([t.zxid, this.digest(t)]);
        h.scanned = i + 1;
      }
      if (h.last !== last) h.version += 1;
      h.last = last;
      return h;
    }
    const fresh: History = { log, snapshotZxid: peer.disk.snapshotZxid, last, scanned: 0, entries: [], checked: 0, version: (h?.version ?? 0) + 1, rebuilt: true };
    for (let i = 0; i < log.length; i++) {
      const t = log[i]!;
      if (t.zxid > last) break;
      if (t.zxid > fresh.snapshotZxid) fresh.entries.push([t.zxid, this.digest(t)]);
      fresh.scanned = i + 1;
    }
    this.histories.set(sid, fresh);
    return fresh;
  }

  check(sim: Simulation): void {
    this.batches += 1;
    this.scanTrace(sim);
    const serving: Array<{ sid: Sid; peer: QuorumPeer; history: History }> = [];
    for (const slot of sim.servers.values()) {
      if (!slot.up) {
        this.lastApplied.delete(slot.sid);
        this.histories.delete(slot.sid);
        continue;
      }
      const peer = this.peers(slot.sid);
      if (!peer) continue;
      const l = peer.zab.leader;
      if (l && l.electionFinished) {
        const set = this.epochLeader.get(l.epoch) ?? new Set<Sid>();
        set.add(peer.myid);
        this.epochLeader.set(l.epoch, set);
        if (set.size > 1) this.fail(sim, 'Leadership', [...set], `epoch ${l.epoch} has ${set.size} established leaders: ${[...set].map((s) => `zk${s}`).join(', ')}`);
      }
      if (peer.zab.phase !== 'BROADCAST' || !peer.zab.db) continue;
      const db = peer.zab.db;
      const last = db.tree.lastProcessedZxid;
      const history = this.history(slot.sid, peer, last);
      serving.push({ sid: slot.sid, peer, history });
      for (let i = history.rebuilt ? 0 : history.checked; i < history.entries.length; i++) {
        const [zxid, digest] = history.entries[i]!;
        const known = this.committed.get(zxid);
        if (known === undefined) this.committed.set(zxid, digest);
        else if (known !== digest) this.fail(sim, 'Agreement', [slot.sid], `zk${slot.sid} delivered a different txn under ${hex(zxid)} than another server did`);
      }
      history.checked = history.entries.length;
      const signature = `${db.tree.lastProcessedZxid}/${peer.disk.log.length}/${peer.disk.snapshotZxid}/${peer.zab.epoch}`;
      if (this.batches % this.replayEvery === 0 && this.replayed.get(slot.sid) !== signature) {
        this.replayed.set(slot.sid, signature);
        const replayed = loadDatabase({ ...peer.disk, log: peer.disk.log.filter((t) => t.zxid <= last) }, dbOptions(peer));
        replayed.tree.lastProcessedZxid = db.tree.lastProcessedZxid;
        // /zookeeper/config is written at load time (initConfigInZKDatabase), not by a txn.
        const cfg = db.tree.nodes.get('/zookeeper/config');
        if (cfg) replayed.tree.nodes.set('/zookeeper/config', structuredClone(cfg));
        if (stableJson(replayed.tree) !== stableJson(db.tree)) {
          this.fail(sim, 'Replay', [slot.sid], `zk${slot.sid}'s DataTree differs from replaying its log up to ${hex(last)}`);
        }
      }
    }
    for (let i = 0; i < serving.length; i++) {
      for (let j = i + 1; j < serving.length; j++) {
        const a = serving[i]!;
        const b = serving[j]!;
        this.checkPair(sim, a.sid, a.peer, a.history, b.sid, b.peer, b.history);
      }
    }
    for (const s of serving) s.history.rebuilt = false;
  }

  /** PrefixConsistency for one pair, re-checking only what changed since the pair was last checked. */
  private checkPair(sim: Simulation, aSid: Sid, aPeer: QuorumPeer, a: History, bSid: Sid, bPeer: QuorumPeer, b: History): void {
    const key = `${aSid}-${bSid}`;
    const prev = this.pairs.get(key);
    if (prev && prev.a === a.version && prev.b === b.version && !a.rebuilt && !b.rebuilt) return;
    const upTo = Math.min(a.last, b.last);
    const floor = Math.max(aPeer.disk.snapshotZxid, bPeer.disk.snapshotZxid, prev && !a.rebuilt && !b.rebuilt ? prev.upTo : -Infinity);
    const slice = (h: History) => h.entries.filter(([z]) => z > floor && z <= upTo);
    const aZ = slice(a);
    const bZ = slice(b);
    this.pairs.set(key, { upTo, a: a.version, b: b.version });
    if (aZ.length !== bZ.length || aZ.some(([z, d], k) => bZ[k]![0] !== z || bZ[k]![1] !== d)) {
      this.fail(sim, 'PrefixConsistency', [aSid, bSid], `zk${aSid} and zk${bSid} applied different txns up to ${hex(upTo)}`);
    }
  }

  /** Events since the last check: proposals must get ever higher zxids; applies go up per server. */
  private scanTrace(sim: Simulation): void {
    const trace = sim.trace;
    for (let i = this.traceSeen; i < trace.length; i++) {
      const e = trace[i]!;
      if (e.kind === 'crash' || e.kind === 'start') this.lastApplied.delete(e.sid);
      if (e.kind !== 'event') continue;
      const ev = e.event;
      if (ev.kind === 'state') this.lastApplied.delete(e.sid);
      if (ev.kind === 'proposed') {
        if (ev.zxid <= this.maxProposed) this.fail(sim, 'MonotonicZxid', [e.sid], `zk${e.sid} proposed ${hex(ev.zxid)} after ${hex(this.maxProposed)} was already proposed`);
        this.maxProposed = Math.max(this.maxProposed, ev.zxid);
      }
      if (ev.kind === 'applied') {
        const prev = this.lastApplied.get(e.sid);
        if (prev !== undefined && ev.zxid <= prev) this.fail(sim, 'MonotonicZxid', [e.sid], `zk${e.sid} applied ${hex(ev.zxid)} after ${hex(prev)}`);
        this.lastApplied.set(e.sid, ev.zxid);
      }
    }
    this.traceSeen = trace.length;
  }
}
