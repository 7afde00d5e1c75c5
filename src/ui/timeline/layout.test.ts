import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import {
  arrowOf, HELD_PROGRESS, laneAt, laneLayout, nearestSegment, panView, segmentDistance, timeScale, viewWindow, zoomView, type View,
} from './layout.ts';
import { TraceIndex, type PacketRec } from './traceIndex.ts';

const ping = { type: 'PING', zxid: 1 } as unknown as Extract<TraceEntry, { kind: 'send' }>['msg'];

function send(id: number, from: number, to: number, t: number, deliverAt: number, msg = ping): TraceEntry {
  return { t, kind: 'send', id, from, to, channel: 'quorum', msg, deliverAt };
}
function deliver(id: number, from: number, to: number, t: number, sentAt: number): TraceEntry {
  return { t, kind: 'deliver', id, from, to, channel: 'quorum', msg: ping, sentAt };
}

function visibleIds(ix: TraceIndex, t0: number, t1: number): number[] {
  const out: number[] = [];
  ix.visible(t0, t1, (p) => out.push(p.id));
  return out.sort((a, b) => a - b);
}

describe('lanes and scale', () => {
  it('puts one lane per id, top to bottom, and finds the lane under y', () => {
    const l = laneLayout([1, 2, 3, 1001], 20, 100, 50);
    expect(l.laneH).toBe(25);
    expect(l.lanes.map((x) => x.y)).toEqual([32.5, 57.5, 82.5, 107.5]);
    expect(l.byId.get(1001)?.top).toBe(95);
    expect(laneAt(l, 60)?.id).toBe(2);
    expect(laneAt(l, 10)).toBeNull();
  });
  it('caps the lane height', () => {
    expect(laneLayout([1, 2], 0, 400, 36).laneH).toBe(36);
  });
  it('maps time to x', () => {
    const x = timeScale(1000, 2000, 50, 150);
    expect(x(1500)).toBe(100);
    expect(x.invert(150)).toBe(2000);
  });
});

describe('the time window', () => {
  const follow: View = { spanMs: 1000, follow: true, endT: 0 };
  it('follows the present with a small lead', () => {
    const [t0, t1] = viewWindow(follow, 5000);
    expect(t1 - t0).toBe(1000);
    expect(t1).toBeGreaterThan(5000);
    expect(t0).toBeLessThan(5000);
  });
  it('zooms around an anchor and stops following', () => {
    const v = zoomView({ spanMs: 1000, follow: false, endT: 2000 }, 9999, 1500, 0.5);
    expect(v).toEqual({ spanMs: 500, follow: false, endT: 1750 });
  });
  it('pans by a time offset', () => {
    const v = panView(follow, 5000, -300);
    expect(v.follow).toBe(false);
    const [t0, t1] = viewWindow(v, 5000);
    const [f0, f1] = viewWindow(follow, 5000);
    expect(t0).toBeCloseTo(f0 - 300);
    expect(t1).toBeCloseTo(f1 - 300);
  });
});

describe('TraceIndex', () => {
  it('indexes incrementally and knows delivered, in-flight, held and dropped packets', () => {
    const trace: TraceEntry[] = [send(1, 1, 2, 0, 40), send(2, 2, 1, 10, 50)];
    const ix = new TraceIndex();
    expect(ix.update(trace)).toBe(2);
    trace.push(deliver(1, 1, 2, 40, 0), { t: 20, kind: 'hold', id: 2, from: 2, to: 1 }, send(3, 1, 1003, 30, 60));
    expect(ix.update(trace)).toBe(3);
    expect(ix.update(trace)).toBe(0);
    trace.push({ t: 70, kind: 'drop', id: 3, from: 1, to: 1003, channel: 'client', msg: null, reason: 'down' });
    ix.update(trace);
    const byId = new Map(ix.packets.map((p) => [p.id, p]));
    expect(byId.get(1)?.status).toBe('delivered');
    expect(byId.get(2)?.status).toBe('held');
    expect(byId.get(3)?.status).toBe('dropped');
    expect(ix.clients).toEqual([1003]);
    expect(ix.types).toEqual(['PING']);
    expect(ix.deliveries).toBe(1);
    // released by a heal: travels again, due at its new time
    ix.syncHeld([{ id: 2, held: false, deliverAt: 120 }]);
    expect(byId.get(2)).toMatchObject({ status: 'flight', deliverAt: 120, wasHeld: true });
  });

  it('answers the visible window by binary search, including long and open packets', () => {
    const trace: TraceEntry[] = [];
    // In time order, as the simulation writes it.
    for (let i = 0; i < 1000; i++) {
      trace.push(send(i, 1, 2, i * 10, i * 10 + 40));
      if (i === 10) trace.push(send(5000, 3, 1, 100, 140)); // never arrives: open
      if (i === 20) trace.push(send(5001, 3, 2, 200, 240));
      if (i === 520) trace.push(deliver(5001, 3, 2, 5200, 200)); // long
      trace.push(deliver(i, 1, 2, i * 10 + 40, i * 10));
    }
    const ix = new TraceIndex();
    ix.update(trace);
    expect(visibleIds(ix, 5000, 5030)).toEqual([496, 497, 498, 499, 500, 501, 502, 503, 5000, 5001]);
    expect(visibleIds(ix, 9000, 9001)).toEqual([896, 897, 898, 899, 900, 5000]);
    // Brute force agrees on random windows.
    for (let k = 0; k < 50; k++) {
      const t0 = (k * 7919) % 10000;
      const t1 = t0 + ((k * 31) % 500);
      const brute = ix.packets
        .filter((p) => p.sentAt <= t1 && (Number.isNaN(p.end) || p.end >= t0))
        .map((p) => p.id)
        .sort((a, b) => a - b);
      expect([t0, t1, ...visibleIds(ix, t0, t1)]).toEqual([t0, t1, ...brute]);
    }
  });

  it('keeps each server’s role over time', () => {
    const ev = (t: number, sid: number, to: 'LOOKING' | 'LEADING' | 'FOLLOWING'): TraceEntry => ({ t, kind: 'event', sid, event: { kind: 'state', from: 'LOOKING', to } });
    const ix = new TraceIndex();
    ix.update([ev(0, 1, 'LOOKING'), ev(300, 1, 'LEADING'), { t: 900, kind: 'crash', sid: 1, reason: 'x' }]);
    expect(ix.roleAt(1, -1)).toBe('DOWN');
    expect(ix.roleAt(1, 100)).toBe('LOOKING');
    expect(ix.roleAt(1, 300)).toBe('LEADING');
    expect(ix.roleBands(1, 200, 1000)).toEqual([
      [200, 300, 'LOOKING'],
      [300, 900, 'LEADING'],
      [900, 1000, 'DOWN'],
    ]);
  });
});

describe('arrows', () => {
  const lanes = laneLayout([1, 2], 0, 200, 100); // y: 50, 150
  const x = (t: number) => t;
  const rec = (over: Partial<PacketRec>): PacketRec => ({
    id: 1, from: 1, to: 2, channel: 'quorum', msg: null, type: 'PING', sentAt: 100, deliverAt: 140, end: Number.NaN,
    status: 'flight', wasHeld: false, dropReason: null, ...over,
  });
  it('draws a delivered packet from sender at sentAt to receiver at arrival', () => {
    expect(arrowOf(rec({ status: 'delivered', end: 140 }), 500, x, lanes)).toEqual({ x1: 100, y1: 50, x2: 140, y2: 150, kind: 'delivered', dashed: false });
  });
  it('draws a packet in flight up to the present, at its simulated position', () => {
    expect(arrowOf(rec({}), 120, x, lanes)).toMatchObject({ x2: 120, y2: 100, kind: 'flight' });
  });
  it('marks held and dropped packets', () => {
    expect(arrowOf(rec({ status: 'held', wasHeld: true }), 300, x, lanes)).toMatchObject({ x2: 300, y2: 50 + 100 * HELD_PROGRESS, kind: 'held', dashed: true });
    expect(arrowOf(rec({ status: 'dropped', end: 130 }), 300, x, lanes)).toMatchObject({ x2: 130, y2: 125, kind: 'dropped' });
  });
  it('has no arrow when an end has no lane', () => {
    expect(arrowOf(rec({ to: 1001 }), 120, x, lanes)).toBeNull();
  });
  it('finds the arrow under the pointer', () => {
    const segs = [0, 0, 100, 100, 0, 100, 100, 0];
    expect(segmentDistance(50, 0, 0, 0, 100, 0)).toBe(0);
    expect(nearestSegment(segs, 2, 10, 11, 5)).toBe(0);
    expect(nearestSegment(segs, 2, 10, 89, 5)).toBe(1);
    expect(nearestSegment(segs, 2, 10, 50, 5)).toBe(-1);
  });
});
