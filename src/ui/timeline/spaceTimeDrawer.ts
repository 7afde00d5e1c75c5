/**
 * The hot path of the space-time diagram: one canvas, drawn by the frame loop straight from
 * `sim.trace` (docs/architecture.md — never through React state). Each frame it indexes only the new
 * trace entries, asks the index for the packets in the visible window (binary search), and
 * strokes them batched by colour. Nothing is drawn when nothing changed.
 * Its element carries data-drawn / data-lanes / data-highlight-lane for tests.
 */
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import type { FrameInfo } from '../../store/index.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { PacketPalette } from '../cluster/packetPalette.ts';
import { getHighlight, highlightVersion } from '../highlight.ts';
import { resizeCanvas } from '../canvasSize.ts';
import { t } from '../strings.ts';
import {
  arrowOf, laneAt, laneLayout, nearestSegment, timeScale, viewWindow, type Lane, type LaneLayout, type View,
} from './layout.ts';
import { TraceIndex, type LaneRoleSource, type PacketRec, type Role } from './traceIndex.ts';

export const LABEL_W = 46;
export const AXIS_H = 18;
export const PAD_R = 6;
export const PAD_B = 4;
const HIT_PX = 5;

/** ZooKeeper's role bands; another protocol's come from its description's role colours (RoleColours). */
export const ROLE_FILL: Record<string, string> = {
  LEADING: 'rgba(21,128,61,0.13)',
  FOLLOWING: 'rgba(29,78,216,0.07)',
  OBSERVING: 'rgba(126,34,206,0.08)',
  LOOKING: 'rgba(180,83,9,0.13)',
  DOWN: 'rgba(138,148,163,0.16)',
};
export const ROLE_LINE: Record<string, string> = {
  LEADING: '#15803d',
  FOLLOWING: '#1d4ed8',
  OBSERVING: '#7e22ce',
  LOOKING: '#b45309',
  DOWN: '#c4cad3',
};
/** A role band's colours: its fill and its line. */
export type RoleColours = Record<Role, { fill: string; line: string }>;

export interface DrawOptions {
  serverIds: readonly number[];
  showClients: boolean;
  /** A type is drawn when it is not in here. */
  hiddenTypes: ReadonlySet<string>;
  /** Packet colours (the protocol's phases, or ZooKeeper's families). */
  palette: PacketPalette | null;
  /** Lane names (`zk3`, `a1`); clients are `cN`. */
  names: Readonly<Record<number, string>>;
  /** Role band colours beyond ZooKeeper's own. */
  roleColours: RoleColours;
}

export function endpointLabel(id: number, names: Readonly<Record<number, string>> = {}): string {
  return id > 1000 ? `c${id - 1000}` : (names[id] ?? `zk${id}`);
}

export class SpaceTimeDrawer {
  index = new TraceIndex();
  view: View = { spanMs: 2500, follow: true, endT: 0 };
  /** Bump after changing `view` or the options from outside. */
  version = 0;
  options: DrawOptions = { serverIds: [], showClients: true, hiddenTypes: new Set(), palette: null, names: {}, roleColours: {} };
  /** How roles change in the protocol run (ZooKeeper's by default); set before the first frame. */
  laneRoles: LaneRoleSource | undefined = undefined;
  /** Called when new packet types or clients appear (the filter and the lane list grow). */
  onShape: (() => void) | null = null;

  private sim: Simulation | null = null;
  private generation = -1;
  private lastKey = '';
  private lastShape = -1;
  /** The canvas size in CSS pixels and its pixel ratio (../canvasSize.ts). */
  width = 0;
  height = 0;
  dpr = 1;
  private segs = new Float32Array(4 * 1024);
  private segRecs: PacketRec[] = [];
  private drawn = 0;
  private lanes: LaneLayout = laneLayout([], 0, 0);
  private window: [number, number] = [0, 1];
  private now = 0;
  private lastAttrs = '';
  private segsValid = false;
  private cache: ArrowCache | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
  ) {}

  resize(width: number, height: number, dpr: number): void {
    if (!resizeCanvas(this.canvas, this, width, height, dpr)) return;
    this.lastKey = '';
  }

  /** The simulated time now (as of the last frame). */
  get simNow(): number {
    return this.now;
  }

  get timeWindow(): [number, number] {
    return this.window;
  }

  /** ms per CSS pixel along time. */
  msPerPx(): number {
    const w = Math.max(1, this.width - LABEL_W - PAD_R);
    return this.view.spanMs / w;
  }

  /** Time at a CSS x coordinate. */
  timeAtX(x: number): number {
    const [t0, t1] = this.window;
    const w = Math.max(1, this.width - LABEL_W - PAD_R);
    return t0 + ((x - LABEL_W) / w) * (t1 - t0);
  }

  laneIds(): number[] {
    return this.options.showClients ? [...this.options.serverIds, ...this.index.clients] : [...this.options.serverIds];
  }

  frame(frame: FrameInfo): void {
    const sim = frame.sim;
    if (frame.generation !== this.generation || sim !== this.sim || sim.trace.length < this.index.consumed) {
      // A rewind replaced the simulation: index its trace from the start.
      this.generation = frame.generation;
      this.sim = sim;
      this.index = new TraceIndex(this.laneRoles);
      this.cache = null;
      this.lastKey = '';
    }
    const added = this.index.update(sim.trace as readonly TraceEntry[]);
    this.now = sim.now;
    if (added > 0 || this.index.open.size > 0) {
      if (this.index.heldCount() > 0) this.index.syncHeld(sim.inFlight());
    }
    if (this.index.shapeVersion !== this.lastShape) {
      this.lastShape = this.index.shapeVersion;
      this.onShape?.();
    }
    const key = `${this.generation}|${sim.trace.length}|${sim.now}|${this.width}x${this.height}@${this.dpr}|${this.version}|${highlightVersion()}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const start = performance.now();
    this.draw();
    // The diagram's own cost per drawn frame (npm run bench reads it).
    this.root.setAttribute('data-draw-ms', (performance.now() - start).toFixed(2));
  }

  /** Redraw on the next frame even if nothing in the simulation changed. */
  invalidate(): void {
    this.version += 1;
  }

  private draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.width === 0) return;
    const { width, height } = this;
    const now = this.now;
    const [t0, t1] = (this.window = viewWindow(this.view, now));
    const x = timeScale(t0, t1, LABEL_W, width - PAD_R);
    const ids = this.laneIds();
    const lanes = (this.lanes = laneLayout(ids, AXIS_H, height - AXIS_H - PAD_B));
    const hl = getHighlight();
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);

    // Lanes: role bands over time, the lane line, the name.
    ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
    ctx.textBaseline = 'middle';
    for (const lane of lanes.lanes) this.drawLane(ctx, lane, t0, t1, x, hl.sid === lane.id);

    // Time axis and grid.
    ctx.fillStyle = '#5b6678';
    ctx.strokeStyle = 'rgba(15,23,42,0.06)';
    ctx.lineWidth = 1;
    ctx.textAlign = 'center';
    ctx.beginPath();
    for (const tick of x.ticks(Math.max(2, Math.floor((width - LABEL_W) / 90)))) {
      const tx = Math.round(x(tick)) + 0.5;
      ctx.moveTo(tx, AXIS_H);
      ctx.lineTo(tx, height - PAD_B);
      ctx.fillText(`${(tick / 1000).toFixed(tickDecimals(t1 - t0))}s`, tx, AXIS_H / 2);
    }
    ctx.stroke();

    // Arrows. Settled ones (delivered, dropped) never change: they are drawn once onto a cache
    // canvas three windows wide at this scale and copied each frame at the window's offset; only
    // the packets still open, and those settled since the cache was drawn, are stroked per frame.
    const plotW = Math.max(1, width - LABEL_W - PAD_R);
    const mpp = (t1 - t0) / plotW;
    const cache = this.arrowCache(t0, t1, mpp, ids, lanes, height);
    const hidden = this.options.hiddenTypes;
    const batch = new ArrowBatch(this.options.palette, this.msPerPx() < 15);
    let n = 0;
    let hlArrow: { x1: number; y1: number; x2: number; y2: number } | null = null;
    const recs = this.segRecs;
    recs.length = 0;
    this.index.visible(t0, t1, (p) => {
      if (hidden.has(p.type) || !lanes.byId.has(p.from) || !lanes.byId.has(p.to)) return;
      const cached = cache !== null && (p.status === 'delivered' || p.status === 'dropped') && p.end < cache.upTo;
      if (!cached || p.id === hl.packetId) {
        const a = arrowOf(p, now, x, lanes);
        if (!a) return;
        if (!cached) batch.add(p, a);
        if (p.id === hl.packetId) hlArrow = a;
      }
      recs.push(p);
      n += 1;
    });
    this.drawn = n;
    this.segsValid = false;

    ctx.save();
    ctx.beginPath();
    ctx.rect(LABEL_W, AXIS_H, width - LABEL_W - PAD_R, height - AXIS_H - PAD_B);
    ctx.clip();
    if (cache) {
      const dx = Math.round((LABEL_W - (t0 - cache.t0) / mpp) * this.dpr) / this.dpr;
      ctx.drawImage(cache.canvas, dx, 0, cache.canvas.width / this.dpr, cache.canvas.height / this.dpr);
    }
    batch.stroke(ctx);
    const ha = hlArrow as { x1: number; y1: number; x2: number; y2: number } | null;
    if (ha) {
      ctx.strokeStyle = '#0f172a';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(ha.x1, ha.y1);
      ctx.lineTo(ha.x2, ha.y2);
      ctx.stroke();
    }
    // The present.
    const nx = Math.round(x(now)) + 0.5;
    ctx.strokeStyle = 'rgba(15,23,42,0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(nx, AXIS_H);
    ctx.lineTo(nx, height - PAD_B);
    ctx.stroke();
    ctx.restore();

    const attrs = `${n}|${ids.length}|${hl.sid ?? ''}`;
    if (attrs !== this.lastAttrs) {
      this.lastAttrs = attrs;
      this.root.setAttribute('data-drawn', String(n));
      this.root.setAttribute('data-lanes', String(ids.length));
      if (hl.sid !== null && lanes.byId.has(hl.sid)) this.root.setAttribute('data-highlight-lane', String(hl.sid));
      else this.root.removeAttribute('data-highlight-lane');
    }
    this.root.setAttribute('data-deliveries', String(this.index.deliveries));
    this.canvas.setAttribute('aria-label', t.timelineCanvasLabel(ids.length, n, t0, t1));
  }

  private drawLane(ctx: CanvasRenderingContext2D, lane: Lane, t0: number, t1: number, x: (t: number) => number, lit: boolean): void {
    const isClient = lane.id > 1000;
    if (!isClient) {
      for (const [a, b, role] of this.index.roleBands(lane.id, t0, t1)) {
        const xa = Math.max(LABEL_W, x(a));
        const xb = x(b);
        ctx.fillStyle = this.options.roleColours[role]?.fill ?? ROLE_FILL[role] ?? ROLE_FILL.DOWN!;
        ctx.fillRect(xa, lane.top + 1, xb - xa, lane.h - 2);
        ctx.fillStyle = this.options.roleColours[role]?.line ?? ROLE_LINE[role] ?? ROLE_LINE.DOWN!;
        ctx.fillRect(xa, lane.y - 1, xb - xa, 2);
      }
    } else {
      ctx.fillStyle = '#0d9488';
      ctx.fillRect(LABEL_W, lane.y - 0.5, this.width - LABEL_W - PAD_R, 1);
    }
    if (lit) {
      ctx.fillStyle = 'rgba(2,132,199,0.16)';
      ctx.fillRect(0, lane.top, this.width, lane.h);
      ctx.strokeStyle = '#0284c7';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(1, lane.top + 0.75, this.width - 2, lane.h - 1.5);
    }
    ctx.textAlign = 'left';
    ctx.fillStyle = lit ? '#0369a1' : '#0f172a';
    ctx.font = `${lit ? 'bold ' : ''}${Math.min(11, Math.max(8, lane.h - 3))}px ui-monospace, Menlo, Consolas, monospace`;
    ctx.fillText(endpointLabel(lane.id, this.options.names), 4, lane.y);
  }

  /**
   * The cache of settled arrows for this window, drawn again when the scale, the lanes, the
   * options or the size changed, or the window left the part it covers. Null: draw every arrow.
   */
  private arrowCache(t0: number, t1: number, mpp: number, ids: number[], lanes: LaneLayout, height: number): ArrowCache | null {
    if (typeof document === 'undefined') return null;
    const key = `${t1 - t0}|${this.width}x${height}@${this.dpr}|${ids.join(',')}`;
    const c = this.cache;
    if (c && c.key === key && c.options === this.options && c.t0 <= t0 && t1 <= c.t1) {
      // Add the arrows settled since: those that ended in [upTo, now).
      if (c.upTo < this.now) {
        const ctx = c.canvas.getContext('2d');
        if (!ctx) return null;
        const from = c.upTo;
        const now = this.now;
        const x = (t: number) => (t - c.t0) / mpp;
        const hidden = this.options.hiddenTypes;
        const batch = new ArrowBatch(this.options.palette, this.msPerPx() < 15);
        this.index.visible(from, now, (p) => {
          if (hidden.has(p.type) || (p.status !== 'delivered' && p.status !== 'dropped') || !(p.end >= from && p.end < now)) return;
          const a = arrowOf(p, now, x, lanes);
          if (a) batch.add(p, a);
        });
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        batch.stroke(ctx);
        c.upTo = now;
      }
      return c;
    }
    const span = t1 - t0;
    const c0 = t0 - span;
    const c1 = t1 + span;
    const canvas = c?.canvas ?? document.createElement('canvas');
    const w = Math.max(1, Math.round(((c1 - c0) / mpp) * this.dpr));
    const h = Math.max(1, Math.round(height * this.dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const now = this.now;
    const x = (t: number) => (t - c0) / mpp;
    const hidden = this.options.hiddenTypes;
    const batch = new ArrowBatch(this.options.palette, this.msPerPx() < 15);
    this.index.visible(c0, c1, (p) => {
      if (hidden.has(p.type) || (p.status !== 'delivered' && p.status !== 'dropped') || !(p.end < now)) return;
      const a = arrowOf(p, now, x, lanes);
      if (a) batch.add(p, a);
    });
    batch.stroke(ctx);
    this.cache = { key, options: this.options, t0: c0, t1: c1, upTo: now, canvas };
    return this.cache;
  }

  /** The packet drawn under (x, y) CSS px, or null. */
  packetAt(px: number, py: number): PacketRec | null {
    if (!this.segsValid) this.computeSegs();
    const i = nearestSegment(this.segs, this.drawn, px, py, HIT_PX);
    return i < 0 ? null : (this.segRecs[i] ?? null);
  }

  /** The drawn arrows' segments (for hit tests), from the last frame's packets and window. */
  private computeSegs(): void {
    this.segsValid = true;
    const [t0, t1] = this.window;
    const x = timeScale(t0, t1, LABEL_W, this.width - PAD_R);
    if (this.drawn * 4 > this.segs.length) this.segs = new Float32Array(Math.max(this.drawn * 4, this.segs.length * 2));
    for (let i = 0; i < this.drawn; i++) {
      const a = arrowOf(this.segRecs[i]!, this.now, x, this.lanes);
      const o = i * 4;
      this.segs[o] = a?.x1 ?? NaN;
      this.segs[o + 1] = a?.y1 ?? NaN;
      this.segs[o + 2] = a?.x2 ?? NaN;
      this.segs[o + 3] = a?.y2 ?? NaN;
    }
  }

  /** The lane under y, or null. */
  laneAtY(py: number): number | null {
    return laneAt(this.lanes, py)?.id ?? null;
  }

  /** The packets drawn now, latest last (for the text alternative). */
  drawnPackets(): PacketRec[] {
    return this.segRecs.slice(0, this.drawn).sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  }
}

/** Settled arrows drawn for times t0..t1 (CSS px = (t − t0) / ms per px): all those that ended before `upTo`. */
interface ArrowCache {
  key: string;
  options: DrawOptions;
  t0: number;
  t1: number;
  upTo: number;
  canvas: HTMLCanvasElement;
}

/** Arrows batched for stroking: one path per colour for solid lines, one for dashed, heads and marks. */
class ArrowBatch {
  private readonly solid = new Map<string, Path2D[]>();
  private readonly dashed = new Map<string, Path2D[]>();
  private readonly heads = new Map<string, Path2D[]>();
  private readonly drops = new Path2D();
  private readonly holds = new Path2D();

  /** `detail`: heads and marks, only while a typical packet (~40 ms) is a few pixels wide. */
  constructor(private readonly palette: PacketPalette | null, private readonly detail: boolean) {}

  add(p: PacketRec, a: { x1: number; y1: number; x2: number; y2: number; kind: string; dashed: boolean }): void {
    const fam = this.palette ? this.palette.colour(p.type) : '#64748b';
    const path = chunk(a.dashed ? this.dashed : this.solid, fam);
    path.moveTo(a.x1, a.y1);
    path.lineTo(a.x2, a.y2);
    if (!this.detail) {
      // Zoomed far out: arrowheads and marks would be sub-pixel noise; lines only.
    } else if (a.kind === 'delivered' || a.kind === 'flight') {
      const h = chunk(this.heads, fam);
      if (a.kind === 'delivered') arrowHead(h, a.x1, a.y1, a.x2, a.y2);
      else {
        h.moveTo(a.x2 + 2.5, a.y2);
        h.arc(a.x2, a.y2, 2.5, 0, Math.PI * 2);
      }
    } else if (a.kind === 'dropped') {
      this.drops.moveTo(a.x2 - 3, a.y2 - 3);
      this.drops.lineTo(a.x2 + 3, a.y2 + 3);
      this.drops.moveTo(a.x2 + 3, a.y2 - 3);
      this.drops.lineTo(a.x2 - 3, a.y2 + 3);
    } else {
      this.holds.moveTo(a.x2 + 3, a.y2);
      this.holds.arc(a.x2, a.y2, 3, 0, Math.PI * 2);
    }
  }

  stroke(ctx: CanvasRenderingContext2D): void {
    ctx.lineWidth = 1.2;
    // One batch per colour (a colour is a packet family or a protocol phase).
    for (const fam of new Set([...this.solid.keys(), ...this.dashed.keys(), ...this.heads.keys()])) {
      const s = this.solid.get(fam);
      const d = this.dashed.get(fam);
      const h = this.heads.get(fam);
      ctx.strokeStyle = fam;
      ctx.fillStyle = fam;
      for (const path of s ?? []) ctx.stroke(path);
      if (d) {
        ctx.setLineDash([4, 3]);
        for (const path of d) ctx.stroke(path);
        ctx.setLineDash([]);
      }
      for (const path of h ?? []) ctx.fill(path);
    }
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = '#b91c1c';
    ctx.stroke(this.drops);
    ctx.strokeStyle = '#0f172a';
    ctx.fillStyle = '#fff';
    ctx.fill(this.holds);
    ctx.stroke(this.holds);
  }
}

/**
 * The path to add a segment to: a new one every CHUNK segments. One huge path is slow to
 * rasterize (the stroker works on the whole path); a few hundred segments per stroke is fast.
 */
const CHUNK = 256;
const chunkCounts = new WeakMap<Path2D[], number>();
function chunk(m: Map<string, Path2D[]>, fam: string): Path2D {
  let list = m.get(fam);
  if (!list) m.set(fam, (list = []));
  const count = chunkCounts.get(list) ?? 0;
  chunkCounts.set(list, count + 1);
  if (count % CHUNK === 0) list.push(new Path2D());
  return list[list.length - 1]!;
}

export function tickDecimals(spanMs: number): number {
  if (spanMs < 200) return 3;
  if (spanMs < 4000) return 2;
  if (spanMs < 40000) return 1;
  return 0;
}

function arrowHead(path: Path2D, x1: number, y1: number, x2: number, y2: number): void {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.sqrt(dx * dx + dy * dy);
  if (len < 4) return;
  const ux = dx / len;
  const uy = dy / len;
  const s = 5;
  path.moveTo(x2, y2);
  path.lineTo(x2 - ux * s - uy * s * 0.45, y2 - uy * s + ux * s * 0.45);
  path.lineTo(x2 - ux * s + uy * s * 0.45, y2 - uy * s - ux * s * 0.45);
  path.closePath();
}
