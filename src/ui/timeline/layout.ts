/**
 * Pure geometry of the space-time diagram (d3 for the scale; the drawer owns the canvas):
 * a lane per server (and per client, when shown), time along x, an arrow per packet from
 * (sentAt, sender's lane) to (arrival, receiver's lane). A packet still travelling is drawn up to
 * the present at its simulated position — `(now - sentAt) / (deliverAt - sentAt)` of the way,
 * as the ring draws it; a held one waits near its sender; a dropped one ends where it was lost.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { PacketRec } from './traceIndex.ts';

export interface Lane {
  id: number;
  /** Centre line. */
  y: number;
  /** Top of the lane's band. */
  top: number;
  h: number;
}

export interface LaneLayout {
  lanes: Lane[];
  byId: Map<number, Lane>;
  laneH: number;
}

/** Lanes top to bottom, in the order given, filling [top, top + height] (at most `maxLaneH` each). */
export function laneLayout(ids: readonly number[], top: number, height: number, maxLaneH = 36): LaneLayout {
  const n = Math.max(1, ids.length);
  const laneH = Math.max(4, Math.min(maxLaneH, height / n));
  const lanes = ids.map((id, i) => ({ id, top: top + i * laneH, h: laneH, y: top + i * laneH + laneH / 2 }));
  return { lanes, byId: new Map(lanes.map((l) => [l.id, l])), laneH };
}

/** The lane under a y coordinate, or null. */
export function laneAt(layout: LaneLayout, y: number): Lane | null {
  for (const l of layout.lanes) if (y >= l.top && y < l.top + l.h) return l;
  return null;
}

export function timeScale(t0: number, t1: number, x0: number, x1: number): ScaleLinear<number, number> {
  return scaleLinear().domain([t0, t1]).range([x0, x1]);
}

// ------------------------------------------------------------------ the time window

export interface View {
  /** Width of the window, simulated ms. */
  spanMs: number;
  /** Keep the present at the right edge. */
  follow: boolean;
  /** The window's right edge when not following. */
  endT: number;
}

export const SPAN_MIN_MS = 20;
export const SPAN_MAX_MS = 10 * 60 * 1000;
/** While following, this share of the window stays ahead of the present (packets arrive there). */
export const FOLLOW_LEAD = 0.08;

export function viewWindow(view: View, now: number): [number, number] {
  if (view.follow) {
    const t1 = now + view.spanMs * FOLLOW_LEAD;
    return [t1 - view.spanMs, t1];
  }
  return [view.endT - view.spanMs, view.endT];
}

/** Zooms by `factor` (< 1 zooms in) keeping time `anchor` where it is. Stops following. */
export function zoomView(view: View, now: number, anchor: number, factor: number): View {
  const [t0, t1] = viewWindow(view, now);
  const span = Math.min(SPAN_MAX_MS, Math.max(SPAN_MIN_MS, view.spanMs * factor));
  const k = (anchor - t0) / (t1 - t0);
  const start = anchor - k * span;
  return { spanMs: span, follow: false, endT: start + span };
}

/** Moves the window by `dt` ms (positive: later). Stops following. */
export function panView(view: View, now: number, dt: number): View {
  const [, t1] = viewWindow(view, now);
  return { spanMs: view.spanMs, follow: false, endT: t1 + dt };
}

// ------------------------------------------------------------------ arrows

export type ArrowKind = 'delivered' | 'flight' | 'held' | 'dropped';

export interface Arrow {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  kind: ArrowKind;
  /** It waited at a cut on its way (drawn dashed). */
  dashed: boolean;
}

/** How far along a held packet waits (near its sender, as in the ring). */
export const HELD_PROGRESS = 0.18;

function progress(t: number, sentAt: number, deliverAt: number): number {
  if (deliverAt <= sentAt) return 1;
  return Math.min(1, Math.max(0, (t - sentAt) / (deliverAt - sentAt)));
}

/**
 * The arrow of one packet at simulated time `now`, or null when one of its ends has no lane
 * (a hidden client lane).
 */
export function arrowOf(p: PacketRec, now: number, x: (t: number) => number, lanes: LaneLayout): Arrow | null {
  const a = lanes.byId.get(p.from);
  const b = lanes.byId.get(p.to);
  if (!a || !b) return null;
  const x1 = x(p.sentAt);
  const y1 = a.y;
  switch (p.status) {
    case 'delivered':
      return { x1, y1, x2: x(p.end), y2: b.y, kind: 'delivered', dashed: p.wasHeld };
    case 'dropped': {
      const k = p.wasHeld ? HELD_PROGRESS : progress(p.end, p.sentAt, p.deliverAt);
      return { x1, y1, x2: x(p.end), y2: y1 + (b.y - y1) * k, kind: 'dropped', dashed: p.wasHeld };
    }
    case 'held':
      return { x1, y1, x2: x(Math.max(now, p.sentAt)), y2: y1 + (b.y - y1) * HELD_PROGRESS, kind: 'held', dashed: true };
    case 'flight': {
      const k = progress(now, p.sentAt, p.deliverAt);
      return { x1, y1, x2: x(Math.max(now, p.sentAt)), y2: y1 + (b.y - y1) * k, kind: 'flight', dashed: p.wasHeld };
    }
  }
}

/** Distance from (px, py) to the segment (x1, y1)–(x2, y2). */
export function segmentDistance(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const k = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x1) * dx + (py - y1) * dy) / len2));
  const ex = x1 + k * dx - px;
  const ey = y1 + k * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * The segment nearest to (px, py) within `maxDist`, among `n` segments packed as
 * [x1, y1, x2, y2, …] in `segs`; its index, or -1. Later segments win ties (drawn on top).
 */
export function nearestSegment(segs: ArrayLike<number>, n: number, px: number, py: number, maxDist: number): number {
  let best = -1;
  let bestD = maxDist;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    const x1 = segs[o]!;
    const x2 = segs[o + 2]!;
    // Cheap reject on x before the exact distance.
    if ((px < x1 - maxDist && px < x2 - maxDist) || (px > x1 + maxDist && px > x2 + maxDist)) continue;
    const d = segmentDistance(px, py, x1, segs[o + 1]!, x2, segs[o + 3]!);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
