/**
 * The space-time diagram's index of the trace (pure; no DOM). It reads `sim.trace` incrementally —
 * each call to `update` looks only at the entries added since the last one — and keeps:
 *  - one record per packet, in send order (so in sentAt order: the trace is in time order),
 *    with when it arrived, was dropped or is still travelling/held;
 *  - each server's role over time, from its `state` events (and DOWN from `crash`);
 *  - the clients seen and the packet types seen (for the filter).
 * `visible(t0, t1)` answers "which packets cross this time window" with a binary search, so a
 * frame touches only what it draws, however long the run.
 */
import type { WireMessage } from '../../protocol/QuorumPeer.ts';
import type { Channel } from '../../protocol/types.ts';
import type { TraceEntry } from '../../protocol/zookeeper.ts';

export type PacketStatus = 'flight' | 'held' | 'delivered' | 'dropped';

export interface PacketRec {
  id: number;
  from: number;
  to: number;
  channel: Channel;
  msg: WireMessage | null;
  type: string;
  sentAt: number;
  /** When it is (or was) due; a released held packet gets its new time from `sim.inFlight()`. */
  deliverAt: number;
  /** When it arrived or was dropped; NaN while it is open (travelling or held). */
  end: number;
  status: PacketStatus;
  /** It waited at a cut at some point. */
  wasHeld: boolean;
  dropReason: string | null;
}

/** A role of the protocol's (ZooKeeper's ServerState, Paxos' acceptor …) or DOWN. */
export type Role = string;

/**
 * How a process's role changes (src/protocol/registry.ts LaneRoles): its role when it starts
 * (null: its first event says) and the role an event puts it in (null: none).
 */
export interface LaneRoleSource {
  atStart(sid: number): string | null;
  after(event: unknown): string | null;
}

/** ZooKeeper's: a server's `state` events say its role. */
const ZK_ROLES: LaneRoleSource = {
  atStart: () => null,
  after: (event) => ((event as { kind?: string }).kind === 'state' ? (event as { to: string }).to : null),
};

export interface RoleSegment {
  t: number;
  role: Role;
}

/** A closed packet that took longer than this goes to the (short) list of long ones. */
export const LONG_MS = 1000;

const CLIENT_BASE = 1000;

export class TraceIndex {
  readonly packets: PacketRec[] = [];
  readonly open = new Map<number, PacketRec>();
  readonly long: PacketRec[] = [];
  /** Longest closed packet that is not in `long`. */
  maxShort = 0;
  readonly roles = new Map<number, RoleSegment[]>();
  readonly clients: number[] = [];
  /** Packet types in the order first seen. */
  readonly types: string[] = [];
  /** Bumped whenever `types` or `clients` grows (the filter and lanes re-render then). */
  shapeVersion = 0;
  /** Trace entries read so far. */
  consumed = 0;
  deliveries = 0;
  private readonly typeSet = new Set<string>();

  constructor(private readonly laneRoles: LaneRoleSource = ZK_ROLES) {}

  /** Reads the entries added since the last call. Returns how many it read. */
  update(trace: readonly TraceEntry[]): number {
    const start = this.consumed;
    for (let i = start; i < trace.length; i++) this.add(trace[i]!);
    this.consumed = trace.length;
    return trace.length - start;
  }

  private add(e: TraceEntry): void {
    switch (e.kind) {
      case 'send':
        if (e.from === e.to) return;
        this.openPacket(e, e.msg.type, e.deliverAt);
        this.seeEndpoint(e.from);
        this.seeEndpoint(e.to);
        return;
      case 'deliver':
        this.deliveries += 1;
        this.close(e.id, e.t, 'delivered', null);
        return;
      case 'drop': {
        if (!this.open.has(e.id) && e.from !== e.to) {
          // Dropped without a send of its own in the trace: a mark at the moment it was lost.
          this.openPacket(e, e.msg === null ? 'FIN' : e.msg.type, e.t);
        }
        this.close(e.id, e.t, 'dropped', e.reason);
        return;
      }
      case 'hold': {
        const p = this.open.get(e.id);
        if (p) {
          p.status = 'held';
          p.wasHeld = true;
        }
        return;
      }
      case 'crash':
        this.role(e.sid, e.t, 'DOWN');
        return;
      case 'start': {
        const role = this.laneRoles.atStart(e.sid);
        if (role !== null) this.role(e.sid, e.t, role);
        return;
      }
      case 'event': {
        const role = this.laneRoles.after(e.event);
        if (role !== null) this.role(e.sid, e.t, role);
        return;
      }
      default:
        return;
    }
  }

  /** A packet starts its life in the diagram (sent, or first seen when it was dropped). */
  private openPacket(e: Extract<TraceEntry, { kind: 'send' | 'drop' }>, type: string, deliverAt: number): void {
    const p: PacketRec = {
      id: e.id, from: e.from, to: e.to, channel: e.channel, msg: e.msg, type,
      sentAt: e.t, deliverAt, end: Number.NaN, status: 'flight', wasHeld: false, dropReason: null,
    };
    this.packets.push(p);
    this.open.set(e.id, p);
    this.seeType(type);
  }

  private close(id: number, t: number, status: 'delivered' | 'dropped', reason: string | null): void {
    const p = this.open.get(id);
    if (!p) return;
    this.open.delete(id);
    p.end = t;
    p.status = status;
    p.dropReason = reason;
    const d = t - p.sentAt;
    if (d > LONG_MS) this.long.push(p);
    else if (d > this.maxShort) this.maxShort = d;
  }

  private role(sid: number, t: number, role: Role): void {
    let segs = this.roles.get(sid);
    if (!segs) {
      segs = [];
      this.roles.set(sid, segs);
    }
    const last = segs[segs.length - 1];
    if (last && last.role === role) return;
    if (last && last.t === t) segs.pop();
    segs.push({ t, role });
  }

  private seeType(type: string): void {
    if (this.typeSet.has(type)) return;
    this.typeSet.add(type);
    this.types.push(type);
    this.shapeVersion += 1;
  }

  private seeEndpoint(id: number): void {
    if (id <= CLIENT_BASE || this.clients.includes(id)) return;
    this.clients.push(id);
    this.clients.sort((a, b) => a - b);
    this.shapeVersion += 1;
  }

  /**
   * Held packets the simulation has released since (a healed cut): they travel again, due at
   * their new time. `inFlight` is `sim.inFlight()`; call it only while some packet is held.
   */
  syncHeld(inFlight: ReadonlyArray<{ id: number; held: boolean; deliverAt: number }>): void {
    for (const f of inFlight) {
      const p = this.open.get(f.id);
      if (p && p.status === 'held' && !f.held) {
        p.status = 'flight';
        p.deliverAt = f.deliverAt;
      }
    }
  }

  heldCount(): number {
    let n = 0;
    for (const p of this.open.values()) if (p.status === 'held') n += 1;
    return n;
  }

  /** First index whose sentAt ≥ t. */
  lowerBound(t: number): number {
    return this.firstIndex((sentAt) => sentAt >= t);
  }

  /** First index whose sentAt > t. */
  upperBound(t: number): number {
    return this.firstIndex((sentAt) => sentAt > t);
  }

  /** Binary search over packets sorted by sentAt: the first index where `past` holds. */
  private firstIndex(past: (sentAt: number) => boolean): number {
    let lo = 0;
    let hi = this.packets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past(this.packets[mid]!.sentAt)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Calls `fn` for every packet whose life [sentAt, end] (end = now while open) meets [t0, t1],
   * in send order for the bulk of them. Cost: the packets in the window, plus the long and open
   * ones sent before it.
   */
  visible(t0: number, t1: number, fn: (p: PacketRec) => void): void {
    const from = t0 - this.maxShort;
    const lo = this.lowerBound(from);
    const hi = this.upperBound(t1);
    for (const p of this.long) if (p.sentAt < from && p.end >= t0) fn(p);
    for (const p of this.open.values()) if (p.sentAt < from) fn(p);
    for (let i = lo; i < hi; i++) {
      const p = this.packets[i]!;
      if (p.status === 'delivered' || p.status === 'dropped') {
        if (p.end < t0) continue;
      }
      fn(p);
    }
  }

  /** A server's role at time t (DOWN before its first state). */
  roleAt(sid: number, t: number): Role {
    const segs = this.roles.get(sid);
    if (!segs || segs.length === 0) return 'DOWN';
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (segs[mid]!.t <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 'DOWN' : segs[lo - 1]!.role;
  }

  /** The role bands of one lane within [t0, t1]: [start, end, role], clipped to the window. */
  roleBands(sid: number, t0: number, t1: number): Array<[number, number, Role]> {
    const segs = this.roles.get(sid) ?? [];
    const out: Array<[number, number, Role]> = [];
    let role = this.roleAt(sid, t0);
    let start = t0;
    for (const s of segs) {
      if (s.t <= t0) continue;
      if (s.t >= t1) break;
      out.push([start, s.t, role]);
      start = s.t;
      role = s.role;
    }
    out.push([start, t1, role]);
    return out;
  }
}
