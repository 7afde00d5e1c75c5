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
import type { Sid } from '../../protocol/types.ts';
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

  check(sim: Simulation): void {
    this.batches += 1;
    this.scanTrace(sim);
    const serving: Array<{ sid: Sid; peer: QuorumPeer; history: Array<[number, string]> }> = [];
    for (const slot of sim.servers.values()) {
      if (!slot.up) {
        this.lastApplied.delete(slot.sid);
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
      const history: Array<[number, string]> = [];
      for (const t of peer.disk.log) {
        if (t.zxid > last) break;
        if (t.zxid > peer.disk.snapshotZxid) history.push([t.zxid, stableJson(t.txn)]);
      }
      serving.push({ sid: slot.sid, peer, history });
      for (const [zxid, digest] of history) {
        const known = this.committed.get(zxid);
        if (known === undefined) this.committed.set(zxid, digest);
        else if (known !== digest) this.fail(sim, 'Agreement', [slot.sid], `zk${slot.sid} delivered a different txn under ${hex(zxid)} than another server did`);
      }
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
        const bMap = new Map(b.history);
        const upTo = Math.min(a.peer.zab.db!.tree.lastProcessedZxid, b.peer.zab.db!.tree.lastProcessedZxid);
        const floor = Math.max(a.peer.disk.snapshotZxid, b.peer.disk.snapshotZxid);
        const aZ = a.history.filter(([z]) => z > floor && z <= upTo).map(([z]) => z);
        const bZ = b.history.filter(([z]) => z > floor && z <= upTo).map(([z]) => z);
        if (aZ.join() !== bZ.join()) {
          this.fail(sim, 'PrefixConsistency', [a.sid, b.sid], `zk${a.sid} and zk${b.sid} applied different zxids up to ${hex(upTo)}`);
          continue;
        }
        for (const [z, d] of a.history) {
          if (z > upTo || z <= floor) continue;
          if (bMap.get(z) !== d) this.fail(sim, 'PrefixConsistency', [a.sid, b.sid], `zk${a.sid} and zk${b.sid} differ at ${hex(z)}`);
        }
      }
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
