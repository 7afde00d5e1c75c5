/**
 * The hot path of the cluster view: every packet in flight, drawn into one SVG group by the frame
 * loop (docs/architecture.md: the animation reads the simulation directly, not through React state).
 * One element per packet id, created once and moved every frame; nothing is redrawn when the
 * simulated clock has not moved.
 */
import { describePacket, packetTypeOf, useLabStore, type FrameInfo, type InFlight } from '../../store/index.ts';
import { t } from '../strings.ts';
import { getHighlight, highlightVersion } from '../highlight.ts';
import { paletteOf } from './packetPalette.ts';
import { heldPointAt, heldSpacing, labelWidth, linkLane, packetProgress, pointAt, type Point, type RingLayout } from './layout.ts';

const SVG = 'http://www.w3.org/2000/svg';

interface PacketEl {
  g: SVGGElement;
  title: SVGTitleElement;
  text: string;
  /** Label width. */
  width: number;
  held: boolean;
  /** Where it waited at a cut, and when the cut healed: it travels on from there. */
  release: { at: number; from: Point } | null;
  last: Point;
}

export class PacketDrawer {
  private readonly els = new Map<number, PacketEl>();
  private generation = -1;
  private lastKey = '';

  constructor(private readonly root: SVGGElement) {}

  draw(frame: FrameInfo, layout: RingLayout): void {
    const sim = frame.sim;
    const key = `${frame.generation}|${sim.now}|${sim.trace.length}|${layout.width}x${layout.height}|${layout.nodes.length}|${highlightVersion()}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (frame.generation !== this.generation) {
      this.clear();
      this.generation = frame.generation;
    }
    const seen = new Set<number>();
    const hl = getHighlight().packetId;
    const heldCount = new Map<string, number>();
    for (const p of sim.inFlight()) {
      const a = layout.bySid.get(p.from);
      const b = layout.bySid.get(p.to);
      if (!a || !b) continue;
      const lane = linkLane(a, b);
      let el = this.els.get(p.id);
      if (!el) {
        el = this.create(p);
        this.els.set(p.id, el);
      }
      seen.add(p.id);
      // The packet under the pointer in the space-time diagram (../highlight.ts).
      el.g.classList.toggle('highlighted', p.id === hl);
      if (el.held !== p.held) {
        if (el.held && !p.held) el.release = { at: sim.now, from: el.last };
        el.held = p.held;
        el.g.classList.toggle('held', p.held);
        el.g.setAttribute('data-held', String(p.held));
        el.title.textContent = p.held ? `${el.text} — ${t.heldTitle}` : el.text;
      }
      let pos: Point;
      if (p.held) {
        // Queue behind the packets already waiting on this lane.
        const k = `${p.from}>${p.to}`;
        const queued = heldCount.get(k) ?? 0;
        const spacing = heldSpacing(lane, el.width);
        heldCount.set(k, queued + spacing);
        pos = heldPointAt(lane, queued + spacing / 2);
      } else if (el.release) {
        pos = pointAt({ from: el.release.from, to: lane.to }, packetProgress(sim.now, el.release.at, p.deliverAt));
      } else {
        pos = pointAt(lane, packetProgress(sim.now, p.sentAt, p.deliverAt));
      }
      el.last = pos;
      el.g.setAttribute('transform', `translate(${pos.x.toFixed(1)},${pos.y.toFixed(1)})`);
    }
    for (const [id, el] of this.els) {
      if (seen.has(id)) continue;
      el.g.remove();
      this.els.delete(id);
    }
  }

  clear(): void {
    for (const el of this.els.values()) el.g.remove();
    this.els.clear();
    this.lastKey = '';
  }

  private create(p: InFlight): PacketEl {
    const type = packetTypeOf(p);
    // Coloured by the protocol's phase (ZooKeeper: by packet family).
    const palette = paletteOf(useLabStore.getState().protocol);
    const family = palette.group(type);
    const w = labelWidth(type);
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', `packet family-${family}`);
    g.setAttribute('data-packet-type', type);
    g.setAttribute('data-from', String(p.from));
    g.setAttribute('data-to', String(p.to));
    g.setAttribute('data-held', 'false');
    const title = document.createElementNS(SVG, 'title');
    const text0 = describePacket(p);
    title.textContent = text0;
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(-w / 2));
    rect.setAttribute('y', '-7');
    rect.setAttribute('width', String(w));
    rect.setAttribute('height', '14');
    rect.setAttribute('rx', '7');
    rect.setAttribute('fill', palette.colour(type));
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('dy', '3.2');
    text.textContent = type;
    g.append(title, rect, text);
    this.root.append(g);
    return { g, title, text: text0, width: w, held: false, release: null, last: { x: 0, y: 0 } };
  }
}

