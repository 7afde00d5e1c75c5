import { describe, expect, test } from 'vitest';
import {
  allPairs, boxEdge, cutPoint, heldPoint, heldSpacing, HELD_SPACING, LANE_GAP, linkLane, overlaps, packetProgress, pointAt, ringAngles,
  ringLayout, segmentLength, type NodeBox,
} from './layout.ts';

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);

describe('ringLayout', () => {
  test('zk1 at the top, then clockwise', () => {
    const l = ringLayout([1, 2, 3], 900, 700);
    const [a, b, c] = l.nodes;
    close(a!.x, 450);
    expect(a!.y).toBeLessThan(350);
    expect(b!.x).toBeGreaterThan(450); // right
    expect(c!.x).toBeLessThan(450); // left
    expect(b!.y).toBeGreaterThan(a!.y);
  });

  test('two servers sit side by side; one sits in the middle', () => {
    const two = ringLayout([1, 2], 900, 700);
    expect(two.nodes[0]!.x).toBeLessThan(two.nodes[1]!.x);
    close(two.nodes[0]!.y, two.nodes[1]!.y);
    const one = ringLayout([1], 900, 700);
    close(one.nodes[0]!.x, 450);
    close(one.nodes[0]!.y, 350);
  });

  test('cardScale: larger cards (presenting), smaller ones when they do not fit', () => {
    const usual = ringLayout([1, 2, 3], 900, 700);
    const large = ringLayout([1, 2, 3], 900, 700, 1.2);
    expect(large.density).toBe(usual.density);
    expect(large.nodes[0]!.w).toBe(Math.round(usual.nodes[0]!.w * 1.2));
    expect(large.nodes[0]!.h).toBe(Math.round(usual.nodes[0]!.h * 1.2));
    const crowded = ringLayout([1, 2, 3, 4, 5, 6, 7], 620, 560, 1.2);
    expect(overlaps(crowded.nodes)).toBe(false);
  });

  test('cards stay inside the panel and do not overlap', () => {
    for (const n of [1, 3, 5, 7, 9, 13]) {
      const sids = Array.from({ length: n }, (_, i) => i + 1);
      const l = ringLayout(sids, 820, 690);
      for (const b of l.nodes) {
        expect(b.x - b.w / 2).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w / 2).toBeLessThanOrEqual(820);
        expect(b.y - b.h / 2).toBeGreaterThanOrEqual(0);
        expect(b.y + b.h / 2).toBeLessThanOrEqual(700);
      }
      expect(overlaps(l.nodes)).toBe(false);
      expect(l.bySid.get(n)).toBe(l.nodes[n - 1]);
    }
  });

  test('more servers get smaller cards', () => {
    expect(ringLayout([1, 2, 3], 820, 700).density).toBe('roomy');
    expect(ringLayout(Array.from({ length: 13 }, (_, i) => i + 1), 820, 690).density).not.toBe('roomy');
    expect(ringLayout(Array.from({ length: 13 }, (_, i) => i + 1), 1380, 960).density).toBe('roomy');
  });

  test('angles are evenly spread', () => {
    const a = ringAngles(4);
    close(a[1]! - a[0]!, Math.PI / 2);
    expect(ringAngles(0)).toEqual([]);
  });
});

const box = (sid: number, x: number, y: number): NodeBox => ({ sid, x, y, w: 100, h: 60, angle: 0 });

describe('links', () => {
  test('boxEdge leaves the card on the side it points to', () => {
    const p = boxEdge(box(1, 0, 0), 1, 0, 0);
    close(p.x, 50);
    close(p.y, 0);
    const q = boxEdge(box(1, 0, 0), 0, -1, 4);
    close(q.y, -34);
  });

  test('the two directions of a link use opposite lanes', () => {
    const a = box(1, 0, 0);
    const b = box(2, 400, 0);
    const ab = linkLane(a, b);
    const ba = linkLane(b, a);
    close(ab.from.x, 54);
    close(ab.to.x, 346);
    close(ab.from.y - ba.from.y, LANE_GAP);
    const centre = linkLane(a, b, 0);
    close(centre.from.y, 0);
  });

  test('a packet moves along its lane with simulated time', () => {
    expect(packetProgress(100, 100, 140)).toBe(0);
    expect(packetProgress(120, 100, 140)).toBe(0.5);
    expect(packetProgress(200, 100, 140)).toBe(1);
    expect(packetProgress(100, 100, 100)).toBe(1);
    const seg = { from: { x: 0, y: 0 }, to: { x: 100, y: 0 } };
    expect(pointAt(seg, 0.25)).toEqual({ x: 25, y: 0 });
    expect(pointAt(seg, 2)).toEqual({ x: 100, y: 0 });
  });

  test('held packets queue before the cut, oldest nearest to it', () => {
    const seg = { from: { x: 0, y: 0 }, to: { x: 200, y: 0 } };
    const cut = cutPoint(seg);
    expect(cut.x).toBe(100);
    const h0 = heldPoint(seg, 0);
    const h1 = heldPoint(seg, 1);
    expect(h0.x).toBeLessThan(cut.x);
    close(h0.x - h1.x, HELD_SPACING);
    expect(heldPoint(seg, 50).x).toBe(0);
    // wide labels on a horizontal lane need more room than on a vertical one
    const vertical = { from: { x: 0, y: 0 }, to: { x: 0, y: 200 } };
    expect(heldSpacing(seg, 40)).toBe(44);
    expect(heldSpacing(vertical, 40)).toBe(HELD_SPACING + 2);
    close(heldPoint(seg, 0, 44).x - heldPoint(seg, 1, 44).x, 44);
    expect(segmentLength(seg)).toBe(200);
  });

  test('allPairs', () => {
    expect(allPairs([1, 2, 3])).toEqual([[1, 2], [1, 3], [2, 3]]);
  });
});
