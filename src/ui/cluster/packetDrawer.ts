/**
 * The hot path of the cluster view: every packet in flight, drawn onto one canvas by the frame
 * loop (docs/architecture.md: the animation reads the simulation directly, not through React state).
 * A canvas, not SVG elements: moving a few dozen elements every frame made the browser restyle,
 * lay out and repaint the ring each frame; a canvas is one image. Nothing is redrawn when the
 * simulated clock has not moved. The canvas carries data-packets (how many are drawn) for tests,
 * and the packet under the pointer is named in the cluster's title (`packetAt`). Presenting
 * (../present/presentMode.ts) the pills and their labels are drawn larger (`setScale`); the canvas
 * carries data-font-px, the labels' font size in CSS px.
 */
import { describePacket, packetTypeOf, useLabStore, type FrameInfo, type InFlight } from '../../store/index.ts';
import { t } from '../strings.ts';
import { getHighlight, highlightVersion } from '../highlight.ts';
import { resizeCanvas } from '../canvasSize.ts';
import { paletteOf } from './packetPalette.ts';
import { heldPointAt, heldSpacing, labelWidth, linkLane, packetProgress, pointAt, type Point, type RingLayout } from './layout.ts';

interface PacketState {
  type: string;
  colour: string;
  /** Label width. */
  width: number;
  held: boolean;
  /** Where it waited at a cut, and when the cut healed: it travels on from there. */
  release: { at: number; from: Point } | null;
  last: Point;
  packet: InFlight;
}

const FONT_FALLBACK = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";
/** Room around a pill in its sprite (its stroke and the highlight's shadow). */
const SPRITE_MARGIN = 4;
/** A pill's label font size and height, in CSS px, at scale 1. */
const FONT_PX = 9;
const PILL_H = 14;

export class PacketDrawer {
  private readonly packets = new Map<number, PacketState>();
  /** Drawn this frame, in drawing order (later on top). */
  private order: PacketState[] = [];
  private generation = -1;
  private lastKey = '';
  /** Packets on the canvas now (0: it is blank, and a frame with none in flight leaves it alone). */
  private painted = -1;
  /** The canvas size in CSS pixels and its pixel ratio (../canvasSize.ts). */
  width = 0;
  height = 0;
  dpr = 1;
  private font = '';
  /** Pills and labels this many times their normal size. */
  private scale = 1;
  private sprites = new Map<string, HTMLCanvasElement>();

  constructor(private readonly canvas: HTMLCanvasElement) {
    canvas.setAttribute('data-font-px', String(FONT_PX));
  }

  resize(width: number, height: number, dpr: number): void {
    if (!resizeCanvas(this.canvas, this, width, height, dpr)) return;
    this.lastKey = '';
    this.painted = 0; // resizing blanks the canvas
    this.sprites.clear();
  }

  /** Draws the pills `scale` times their size (presenting: labels of 20 px). */
  setScale(scale: number): void {
    if (scale === this.scale) return;
    this.scale = scale;
    this.font = '';
    this.sprites.clear();
    this.lastKey = '';
    for (const s of this.packets.values()) s.width = labelWidth(s.type) * scale;
    this.canvas.setAttribute('data-font-px', String(this.fontPx));
  }

  /** The labels' font size in CSS px. */
  get fontPx(): number {
    return FONT_PX * this.scale;
  }

  draw(frame: FrameInfo, layout: RingLayout): void {
    const sim = frame.sim;
    const key = `${frame.generation}|${sim.now}|${sim.trace.length}|${layout.width}x${layout.height}|${layout.nodes.length}|${highlightVersion()}|${this.width}x${this.height}@${this.dpr}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (frame.generation !== this.generation) {
      this.packets.clear();
      this.generation = frame.generation;
    }
    const seen = new Set<number>();
    const heldCount = new Map<string, number>();
    const order: PacketState[] = [];
    for (const p of sim.inFlight()) {
      const a = layout.bySid.get(p.from);
      const b = layout.bySid.get(p.to);
      if (!a || !b) continue;
      const lane = linkLane(a, b);
      let s = this.packets.get(p.id);
      if (!s) {
        const type = packetTypeOf(p);
        // Coloured by the protocol's phase (ZooKeeper: by packet family).
        const palette = paletteOf(useLabStore.getState().protocol);
        s = { type, colour: palette.colour(type), width: labelWidth(type) * this.scale, held: false, release: null, last: { x: 0, y: 0 }, packet: p };
        this.packets.set(p.id, s);
      }
      s.packet = p;
      seen.add(p.id);
      if (s.held !== p.held) {
        if (s.held && !p.held) s.release = { at: sim.now, from: s.last };
        s.held = p.held;
      }
      let pos: Point;
      if (p.held) {
        // Queue behind the packets already waiting on this lane.
        const k = `${p.from}>${p.to}`;
        const queued = heldCount.get(k) ?? 0;
        const spacing = heldSpacing(lane, s.width, PILL_H * this.scale);
        heldCount.set(k, queued + spacing);
        pos = heldPointAt(lane, queued + spacing / 2);
      } else if (s.release) {
        pos = pointAt({ from: s.release.from, to: lane.to }, packetProgress(sim.now, s.release.at, p.deliverAt));
      } else {
        pos = pointAt(lane, packetProgress(sim.now, p.sentAt, p.deliverAt));
      }
      s.last = pos;
      order.push(s);
    }
    for (const id of this.packets.keys()) if (!seen.has(id)) this.packets.delete(id);
    this.order = order;
    // Nothing in flight and nothing drawn: leave the canvas alone (clearing a blank canvas still
    // costs the compositor a new frame).
    if (order.length === 0 && this.painted === 0) return;
    this.paint(getHighlight().packetId);
  }

  private paint(hl: number | null): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    if (this.font === '') {
      const mono = getComputedStyle(this.canvas).getPropertyValue('--mono').trim();
      this.font = `700 ${this.fontPx}px ${mono || FONT_FALLBACK}`;
    }
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    let lit: PacketState | null = null;
    for (const s of this.order) {
      if (s.packet.id === hl) {
        lit = s;
        continue;
      }
      this.pill(ctx, s, false);
    }
    // The packet under the pointer in the space-time diagram (../highlight.ts), on top.
    if (lit) this.pill(ctx, lit, true);
    if (this.painted !== this.order.length) this.canvas.setAttribute('data-packets', String(this.order.length));
    this.painted = this.order.length;
  }

  private pill(ctx: CanvasRenderingContext2D, s: PacketState, lit: boolean): void {
    // Each look (type, colour, held, lit) is drawn once into a sprite and copied: text and round
    // rects are slow to rasterise every frame.
    const key = `${s.type}|${s.colour}|${s.held}|${lit}`;
    let sprite = this.sprites.get(key);
    if (!sprite) {
      sprite = this.sprite(s, lit);
      this.sprites.set(key, sprite);
    }
    const x = Math.round((s.last.x - s.width / 2 - SPRITE_MARGIN) * this.dpr) / this.dpr;
    const y = Math.round((s.last.y - (PILL_H * this.scale) / 2 - SPRITE_MARGIN) * this.dpr) / this.dpr;
    ctx.drawImage(sprite, x, y, sprite.width / this.dpr, sprite.height / this.dpr);
  }

  private sprite(s: PacketState, lit: boolean): HTMLCanvasElement {
    const c = document.createElement('canvas');
    const k = this.scale;
    const w = s.width + 2 * SPRITE_MARGIN;
    const h = PILL_H * k + 2 * SPRITE_MARGIN;
    c.width = Math.ceil(w * this.dpr);
    c.height = Math.ceil(h * this.dpr);
    const ctx = c.getContext('2d')!;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.font = this.font;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    const cx = w / 2;
    const cy = h / 2;
    ctx.beginPath();
    ctx.roundRect(SPRITE_MARGIN, SPRITE_MARGIN, s.width, PILL_H * k, (PILL_H * k) / 2);
    ctx.globalAlpha = s.held ? 0.85 : 1;
    ctx.fillStyle = s.colour;
    if (lit) {
      ctx.shadowColor = 'rgba(15,23,42,0.6)';
      ctx.shadowBlur = 3;
    }
    ctx.fill();
    ctx.shadowBlur = 0;
    if (lit) {
      ctx.strokeStyle = '#0f172a';
      ctx.lineWidth = 2.5;
    } else if (s.held) {
      ctx.strokeStyle = '#dc2626';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 2]);
    } else {
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#fff';
    ctx.fillText(s.type, cx, cy + 3.2 * k);
    return c;
  }

  /** The packets drawn now, in drawing order: type, colour, label width, whether held, centre (CSS px). For exports. */
  drawnPackets(): Array<{ id: number; type: string; colour: string; width: number; held: boolean; x: number; y: number }> {
    return this.order.map((s) => ({ id: s.packet.id, type: s.type, colour: s.colour, width: s.width, held: s.held, x: s.last.x, y: s.last.y }));
  }

  /** The packet drawn at (x, y) (CSS px in the cluster), described, or null. */
  packetAt(x: number, y: number): string | null {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const s = this.order[i]!;
      if (Math.abs(x - s.last.x) <= s.width / 2 && Math.abs(y - s.last.y) <= (PILL_H * this.scale) / 2) {
        const text = describePacket(s.packet);
        return s.held ? `${text} — ${t.heldTitle}` : text;
      }
    }
    return null;
  }

  clear(): void {
    this.packets.clear();
    this.order = [];
    this.lastKey = '';
    const ctx = this.canvas.getContext('2d');
    ctx?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }
}
