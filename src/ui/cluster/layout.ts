/**
 * Pure geometry of the cluster view (d3 for the math, React and the packet layer for the DOM):
 * servers on a ring (an ellipse that fits the panel), a card per server, two lanes per link (one
 * per direction, so a request and its reply never overlap), where a packet is at a given
 * simulated time, where packets wait at a cut, and where the cut is drawn.
 */
import { bisectLeft, range } from 'd3';

export interface Point {
  x: number;
  y: number;
}

/** A server's card: centre, size and angle on the ring. */
export interface NodeBox extends Point {
  sid: number;
  w: number;
  h: number;
  angle: number;
}

export type Density = 'roomy' | 'compact' | 'small' | 'tiny' | 'mini';

export const CARD_SIZES: Record<Density, { w: number; h: number }> = {
  roomy: { w: 218, h: 150 },
  compact: { w: 184, h: 140 },
  small: { w: 160, h: 128 },
  tiny: { w: 146, h: 120 },
  mini: { w: 124, h: 100 },
};

const DENSITIES: Density[] = ['roomy', 'compact', 'small', 'tiny', 'mini'];

/**
 * The ring's shape: an ellipse, or a superellipse (|x/a|³ + |y/b|³ = 1) that uses the panel's
 * corners when many servers must fit.
 */
export type RingShape = 'ellipse' | 'squircle';

export interface RingLayout {
  width: number;
  height: number;
  center: Point;
  rx: number;
  ry: number;
  shape: RingShape;
  density: Density;
  nodes: NodeBox[];
  bySid: Map<number, NodeBox>;
}

const PAD = 12;
const GAP = 10;
/** The ring is at most this much wider than tall, so it still reads as a ring. */
const MAX_ASPECT = 1.6;
const SAMPLES = 720;

/** Angles around the ring, clockwise from the top (two servers sit side by side). */
export function ringAngles(n: number): number[] {
  if (n <= 0) return [];
  const start = n === 2 ? Math.PI : -Math.PI / 2;
  // Evenly round the circle (a linear map; d3's scaleLinear here put d3-scale, with its
  // interpolators and number formats, into the page's first load for one multiplication).
  return range(n).map((i) => start + (2 * Math.PI * i) / n);
}

function curvePoint(shape: RingShape, rx: number, ry: number, t: number): Point {
  const c = Math.cos(t);
  const s = Math.sin(t);
  if (shape === 'ellipse') return { x: rx * c, y: ry * s };
  const e = 2 / 3;
  return { x: rx * Math.sign(c) * Math.abs(c) ** e, y: ry * Math.sign(s) * Math.abs(s) ** e };
}

/**
 * `n` points spread at equal distances along the ring (not equal angles, which would crowd the
 * flat sides of a wide ring), starting at the top (or the left for two), clockwise.
 */
export function ringPoints(n: number, rx: number, ry: number, shape: RingShape): Array<Point & { angle: number }> {
  if (n <= 0) return [];
  const start = ringAngles(n)[0]!;
  const ts = range(SAMPLES + 1).map((i) => start + (2 * Math.PI * i) / SAMPLES);
  const pts = ts.map((t) => curvePoint(shape, rx, ry, t));
  const cum = [0];
  for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1]! + Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y));
  const total = cum[cum.length - 1]!;
  return range(n).map((k) => {
    if (total === 0) return { x: 0, y: 0, angle: ts[0]! };
    const target = (total * k) / n;
    const i = Math.max(1, Math.min(SAMPLES, bisectLeft(cum, target)));
    const seg = cum[i]! - cum[i - 1]!;
    const u = seg === 0 ? 0 : (target - cum[i - 1]!) / seg;
    const a = pts[i - 1]!;
    const b = pts[i]!;
    return { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u, angle: ts[i - 1]! + (ts[i]! - ts[i - 1]!) * u };
  });
}

function place(sids: number[], width: number, height: number, density: Density, shape: RingShape, cardScale: number): RingLayout {
  const w = Math.round(CARD_SIZES[density].w * cardScale);
  const h = Math.round(CARD_SIZES[density].h * cardScale);
  const center = { x: width / 2, y: height / 2 };
  let rx = Math.max(0, width / 2 - w / 2 - PAD);
  const ry = sids.length === 1 ? 0 : Math.max(0, height / 2 - h / 2 - PAD);
  rx = sids.length === 1 ? 0 : Math.min(rx, ry * MAX_ASPECT + w * 0.4);
  const nodes = ringPoints(sids.length, rx, ry, shape).map((p, i) => ({
    sid: sids[i]!, x: center.x + p.x, y: center.y + p.y, w, h, angle: p.angle,
  }));
  return { width, height, center, rx, ry, shape, density, nodes, bySid: new Map(nodes.map((n) => [n.sid, n])) };
}

/** Do any two cards overlap (with a small gap)? */
export function overlaps(nodes: NodeBox[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      if (Math.abs(a.x - b.x) < (a.w + b.w) / 2 + GAP && Math.abs(a.y - b.y) < (a.h + b.h) / 2 + GAP) return true;
    }
  }
  return false;
}

/**
 * The largest cards whose ring fits the panel without overlaps: an ellipse when it can, else a
 * squarer ring, else smaller cards (the smallest squarer ring when nothing fits). Cards are
 * `cardScale` times their usual size (presenting: larger, for larger text).
 */
export function ringLayout(sids: number[], width: number, height: number, cardScale = 1): RingLayout {
  let last: RingLayout | null = null;
  for (const density of DENSITIES) {
    for (const shape of ['ellipse', 'squircle'] as const) {
      last = place(sids, width, height, density, shape, cardScale);
      if (!overlaps(last.nodes)) return last;
    }
  }
  return last!;
}

// ------------------------------------------------------------------ links

export interface Segment {
  from: Point;
  to: Point;
}

/** Where the ray from a card's centre in direction (dx, dy) leaves the card, plus `margin`. */
export function boxEdge(box: NodeBox, dx: number, dy: number, margin = 4): Point {
  const len = Math.hypot(dx, dy);
  if (len === 0) return { x: box.x, y: box.y };
  const ux = dx / len;
  const uy = dy / len;
  const tx = ux === 0 ? Infinity : box.w / 2 / Math.abs(ux);
  const ty = uy === 0 ? Infinity : box.h / 2 / Math.abs(uy);
  const t = Math.min(tx, ty) + margin;
  return { x: box.x + ux * t, y: box.y + uy * t };
}

/** Distance between the two lanes of a link. */
export const LANE_GAP = 12;

/**
 * The path a packet from `a` to `b` travels: edge to edge, shifted half a lane to the right of
 * its direction (so b→a, travelling the other way, uses the other lane). lane 0 = the centre line.
 */
export function linkLane(a: NodeBox, b: NodeBox, lane: 0 | 1 = 1): Segment {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const off = (lane * LANE_GAP) / 2;
  // Right-hand normal in screen coordinates (y grows downwards).
  const nx = (-dy / len) * off;
  const ny = (dx / len) * off;
  const from = boxEdge(a, dx, dy);
  const to = boxEdge(b, -dx, -dy);
  return { from: { x: from.x + nx, y: from.y + ny }, to: { x: to.x + nx, y: to.y + ny } };
}

export function pointAt(seg: Segment, t: number): Point {
  const u = Math.min(1, Math.max(0, t));
  return { x: seg.from.x + (seg.to.x - seg.from.x) * u, y: seg.from.y + (seg.to.y - seg.from.y) * u };
}

export function segmentLength(seg: Segment): number {
  return Math.hypot(seg.to.x - seg.from.x, seg.to.y - seg.from.y);
}

/** How far along its link a packet is: (now − sentAt) / (deliverAt − sentAt), in [0, 1]. */
export function packetProgress(now: number, sentAt: number, deliverAt: number): number {
  const span = deliverAt - sentAt;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (now - sentAt) / span));
}

/** Packets held at a cut queue up on the sender's side of the cut, oldest nearest to it. */
export const HELD_SPACING = 16;

/**
 * Where the `index`-th packet held on a cut lane waits. `spacing` is the room one packet takes
 * along the lane (see `heldSpacing`), so labels queue up without overlapping.
 */
export function heldPoint(seg: Segment, index: number, spacing = HELD_SPACING): Point {
  return heldPointAt(seg, spacing / 2 + index * spacing);
}

/** A point `distance` px before the cut (on the sender's side), never behind the sender. */
export function heldPointAt(seg: Segment, distance: number): Point {
  const len = segmentLength(seg);
  if (len === 0) return seg.from;
  const d = Math.max(0, len / 2 - 8 - distance);
  return pointAt(seg, d / len);
}

/** The room a label `labelW` × `labelH` takes along a segment's direction, plus a gap. */
export function heldSpacing(seg: Segment, labelW: number, labelH = 14, gap = 4): number {
  const len = segmentLength(seg) || 1;
  const ux = Math.abs(seg.to.x - seg.from.x) / len;
  const uy = Math.abs(seg.to.y - seg.from.y) / len;
  // Distance along the direction at which two boxes centred on the line stop overlapping.
  const along = Math.min(ux === 0 ? Infinity : labelW / ux, uy === 0 ? Infinity : labelH / uy);
  return Math.max(HELD_SPACING, Math.min(along, labelW) + gap);
}

/** Where a cut is drawn on a link: its middle (on the lane of the cut direction). */
export function cutPoint(seg: Segment): Point {
  return pointAt(seg, 0.5);
}

/** Every unordered pair of servers, for drawing the links. */
export function allPairs(sids: number[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < sids.length; i++) for (let j = i + 1; j < sids.length; j++) pairs.push([sids[i]!, sids[j]!]);
  return pairs;
}

/** Approximate width of a packet label in the 9 px monospace font the packet layer uses. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 5.5 + 10);
}
