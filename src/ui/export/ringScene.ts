/**
 * The ring as a scene (./scene.ts), composed from its three layers as the page shows them: the
 * links' SVG (cut lanes and marks), the packets on the canvas (where the packet drawer put them)
 * and the server cards (HTML: their boxes, colours, chips and texts, read from the page with
 * their computed styles). Buttons are left out: a slide shows state, not controls.
 */
import { MONO, type GroupItem, type Scene, type SceneItem } from './scene.ts';
import { packetDrawer } from './registry.ts';

/** A CSS colour as rgb()/rgba() (color-mix and named colours resolved), via a 1-pixel canvas; null when transparent. */
const colourCache = new Map<string, string | null>();
let probe: CanvasRenderingContext2D | null = null;
export function plainColour(css: string): string | null {
  const hit = colourCache.get(css);
  if (hit !== undefined) return hit;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  let out: string | null = null;
  if (probe && css !== '' && css !== 'transparent' && css !== 'none') {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = '#000';
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
    out = a === 0 ? null : a === 255 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${(a! / 255).toFixed(3)})`;
  }
  colourCache.set(css, out);
  return out;
}

function dashOf(style: CSSStyleDeclaration): number[] | undefined {
  const d = style.strokeDasharray;
  if (!d || d === 'none') return undefined;
  const parts = d.split(/[\s,]+/).map(parseFloat).filter((n) => Number.isFinite(n));
  return parts.length > 0 ? parts : undefined;
}

/** The links layer: every visible line of the links' SVG (the pointer's hit lines are invisible). */
function linkItems(cluster: HTMLElement): SceneItem[] {
  const items: SceneItem[] = [];
  for (const line of cluster.querySelectorAll<SVGLineElement>('svg.cluster-links line')) {
    const style = getComputedStyle(line);
    const stroke = plainColour(style.stroke);
    if (!stroke || style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
    const opacity = parseFloat(style.opacity) * parseFloat(style.strokeOpacity || '1');
    items.push({
      kind: 'line',
      x1: line.x1.baseVal.value, y1: line.y1.baseVal.value, x2: line.x2.baseVal.value, y2: line.y2.baseVal.value,
      stroke, width: parseFloat(style.strokeWidth) || 1, dash: dashOf(style), cap: style.strokeLinecap === 'round' ? 'round' : 'butt',
      ...(opacity < 1 ? { opacity } : {}),
    });
  }
  return items;
}

/** The packets layer: a pill per packet, where the packet canvas has it now. */
function packetItems(): SceneItem[] {
  const items: SceneItem[] = [];
  for (const p of packetDrawer()?.drawnPackets() ?? []) {
    items.push({
      kind: 'rect', x: p.x - p.width / 2, y: p.y - 7, w: p.width, h: 14, r: 7, fill: p.colour,
      stroke: p.held ? '#dc2626' : '#ffffff', strokeWidth: p.held ? 1.5 : 1, ...(p.held ? { dash: [3, 2], opacity: 0.85 } : {}),
    });
    items.push({ kind: 'text', x: p.x, y: p.y, text: p.type, size: 9, weight: 700, colour: '#ffffff', family: MONO, anchor: 'middle' });
  }
  return items;
}

/** `text` cut with an ellipsis to fit `width` px in `font` (as the page's text-overflow shows it). */
function ellipsize(text: string, font: string, width: number): string {
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return text;
  probe.font = font;
  if (probe.measureText(text).width <= width) return text;
  let n = text.length;
  while (n > 1 && probe.measureText(`${text.slice(0, n).trimEnd()}…`).width > width) n -= 1;
  return `${text.slice(0, n).trimEnd()}…`;
}

const SKIP = 'button:not(.server-name), .server-actions, .sr-only, .visually-hidden';

/** One element of a card and what is inside it: its background and border, then its own text. */
function elementItems(el: Element, origin: DOMRect, out: SceneItem[]): void {
  if (el.matches(SKIP)) return;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') return;
  const r = el.getBoundingClientRect();
  const bg = plainColour(style.backgroundColor);
  const border = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== 'none' ? plainColour(style.borderTopColor) : null;
  if ((bg || border) && r.width > 0 && r.height > 0) {
    const w = border ? parseFloat(style.borderTopWidth) : 0;
    out.push({
      kind: 'rect', x: r.left - origin.left + w / 2, y: r.top - origin.top + w / 2, w: r.width - w, h: r.height - w,
      r: parseFloat(style.borderTopLeftRadius) || 0, ...(bg ? { fill: bg } : {}),
      ...(border ? { stroke: border, strokeWidth: w, ...(style.borderTopStyle === 'dashed' ? { dash: [4, 3] } : {}) } : {}),
    });
  }
  const colour = plainColour(style.color) ?? '#000000';
  // What the element clips (a value cut off with an ellipsis on the page) is cut off at its edge.
  const clips = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
  const target = clips ? [] : out;
  for (const node of el.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ');
      if (text.trim() === '') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0) continue;
      const size = parseFloat(style.fontSize) || 12;
      target.push({
        kind: 'text', x: box.left - origin.left, y: box.top - origin.top + box.height / 2,
        text: clips ? ellipsize(text, `${style.fontWeight} ${size}px ${style.fontFamily}`, r.right - box.left) : text, size,
        weight: style.fontWeight, colour, family: style.fontFamily,
      });
    } else if (node instanceof Element) {
      elementItems(node, origin, target);
    }
  }
  if (clips) out.push({ kind: 'group', clip: { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height }, items: target });
}

/** A server card: its box (clipped to it, as the page clips it), the role stripe, then its contents. */
function cardItems(card: HTMLElement, origin: DOMRect): SceneItem[] {
  const style = getComputedStyle(card);
  const r = card.getBoundingClientRect();
  const x = r.left - origin.left;
  const y = r.top - origin.top;
  const radius = parseFloat(style.borderTopLeftRadius) || 0;
  const role = plainColour(style.getPropertyValue('--role').trim()) ?? plainColour(style.borderTopColor) ?? '#64748b';
  const inner: SceneItem[] = [];
  const before = getComputedStyle(card, '::before');
  if (before.content !== 'none' && parseFloat(before.width) > 0) inner.push({ kind: 'rect', x: 0, y: 0, w: parseFloat(before.width), h: r.height, fill: role });
  for (const child of card.children) elementItems(child, r, inner);
  // Children were placed relative to the card: move them into the ring's coordinates.
  const moved = inner.map((i) => shift(i, x, y));
  const bw = parseFloat(style.borderTopWidth) || 0;
  const border = plainColour(style.borderTopColor) ?? role;
  const group: GroupItem = { kind: 'group', clip: { x, y, w: r.width, h: r.height, r: radius }, items: moved };
  const opacity = parseFloat(style.opacity);
  return [
    { kind: 'rect', x, y, w: r.width, h: r.height, r: radius, fill: plainColour(style.backgroundColor) ?? '#ffffff', ...(opacity < 1 ? { opacity } : {}) },
    group,
    {
      kind: 'rect', x: x + bw / 2, y: y + bw / 2, w: r.width - bw, h: r.height - bw, r: radius, stroke: border, strokeWidth: bw || 1,
      ...(style.borderTopStyle === 'dashed' ? { dash: [5, 3] } : {}),
    },
  ];
}

function shift(i: SceneItem, dx: number, dy: number): SceneItem {
  switch (i.kind) {
    case 'line':
      return { ...i, x1: i.x1 + dx, y1: i.y1 + dy, x2: i.x2 + dx, y2: i.y2 + dy };
    case 'rect':
    case 'text':
      return { ...i, x: i.x + dx, y: i.y + dy };
    case 'poly':
      return { ...i, points: i.points.map((v, k) => v + (k % 2 === 0 ? dx : dy)) };
    case 'group':
      return { ...i, clip: { ...i.clip, x: i.clip.x + dx, y: i.clip.y + dy }, items: i.items.map((c) => shift(c, dx, dy)) };
  }
}

/** The ring as the page shows it now; null when it is not on the page. `caption` goes in the top-left corner. */
export function ringScene(caption: string, title: string): Scene | null {
  const cluster = document.querySelector<HTMLElement>('.cluster');
  if (!cluster) return null;
  const origin = cluster.getBoundingClientRect();
  if (origin.width === 0 || origin.height === 0) return null;
  const items: SceneItem[] = [...linkItems(cluster), ...packetItems()];
  for (const card of cluster.querySelectorAll<HTMLElement>(':scope > [data-server]')) items.push(...cardItems(card, origin));
  items.push({ kind: 'text', x: 6, y: 9, text: caption, size: 11, colour: '#5b6678', family: MONO });
  return { width: Math.round(origin.width), height: Math.round(origin.height), background: '#ffffff', items, title };
}
