/**
 * A picture as a list of shapes — lines, rounded rectangles, text, clipped groups — that renders
 * the same two ways: as standalone SVG (inline styles, no stylesheet, text as escaped text) and
 * onto a 2D canvas (PNG, video frames). The ring and the space-time diagram build one each
 * (ringScene.ts, spaceTimeScene.ts); nothing here reads the page.
 */

export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  width: number;
  dash?: readonly number[];
  cap?: 'butt' | 'round';
  opacity?: number;
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  r?: number;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: readonly number[];
  opacity?: number;
}

export interface TextItem {
  kind: 'text';
  x: number;
  /** The vertical middle of the text. */
  y: number;
  text: string;
  size: number;
  colour: string;
  weight?: number | string;
  family?: string;
  anchor?: 'start' | 'middle' | 'end';
}

/** A closed path of straight segments (arrowheads), filled. */
export interface PolyItem {
  kind: 'poly';
  points: readonly number[];
  fill: string;
}

export interface GroupItem {
  kind: 'group';
  /** Drawn only inside this rectangle. */
  clip: { x: number; y: number; w: number; h: number; r?: number };
  items: SceneItem[];
}

export type SceneItem = LineItem | RectItem | TextItem | PolyItem | GroupItem;

export interface Scene {
  width: number;
  height: number;
  background: string;
  items: SceneItem[];
  /** For the SVG's <title>. */
  title?: string;
}

export const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif";
export const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";

/** Text for XML: the five special characters escaped, and characters XML 1.0 forbids dropped. */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const num = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0');

function svgItem(item: SceneItem, out: string[], clipIds: { n: number }): void {
  switch (item.kind) {
    case 'line': {
      const dash = item.dash && item.dash.length > 0 ? ` stroke-dasharray="${item.dash.map(num).join(' ')}"` : '';
      const cap = item.cap ? ` stroke-linecap="${item.cap}"` : '';
      const op = item.opacity !== undefined && item.opacity < 1 ? ` stroke-opacity="${num(item.opacity)}"` : '';
      out.push(`<line x1="${num(item.x1)}" y1="${num(item.y1)}" x2="${num(item.x2)}" y2="${num(item.y2)}" stroke="${escapeXml(item.stroke)}" stroke-width="${num(item.width)}"${dash}${cap}${op}/>`);
      break;
    }
    case 'rect': {
      const r = item.r ? ` rx="${num(item.r)}" ry="${num(item.r)}"` : '';
      const fill = ` fill="${item.fill ? escapeXml(item.fill) : 'none'}"`;
      const stroke = item.stroke ? ` stroke="${escapeXml(item.stroke)}" stroke-width="${num(item.strokeWidth ?? 1)}"` : '';
      const dash = item.stroke && item.dash && item.dash.length > 0 ? ` stroke-dasharray="${item.dash.map(num).join(' ')}"` : '';
      const op = item.opacity !== undefined && item.opacity < 1 ? ` opacity="${num(item.opacity)}"` : '';
      out.push(`<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(Math.max(0, item.w))}" height="${num(Math.max(0, item.h))}"${r}${fill}${stroke}${dash}${op}/>`);
      break;
    }
    case 'text': {
      const anchor = item.anchor && item.anchor !== 'start' ? ` text-anchor="${item.anchor}"` : '';
      const weight = item.weight !== undefined ? ` font-weight="${escapeXml(String(item.weight))}"` : '';
      out.push(
        `<text x="${num(item.x)}" y="${num(item.y)}" dominant-baseline="central" font-family="${escapeXml(item.family ?? SANS)}" font-size="${num(item.size)}"${weight} fill="${escapeXml(item.colour)}"${anchor} xml:space="preserve">${escapeXml(item.text)}</text>`,
      );
      break;
    }
    case 'poly':
      out.push(`<polygon points="${item.points.map(num).join(' ')}" fill="${escapeXml(item.fill)}"/>`);
      break;
    case 'group': {
      const id = `clip${clipIds.n++}`;
      const c = item.clip;
      const r = c.r ? ` rx="${num(c.r)}" ry="${num(c.r)}"` : '';
      out.push(`<clipPath id="${id}"><rect x="${num(c.x)}" y="${num(c.y)}" width="${num(c.w)}" height="${num(c.h)}"${r}/></clipPath><g clip-path="url(#${id})">`);
      for (const i of item.items) svgItem(i, out, clipIds);
      out.push('</g>');
      break;
    }
  }
}

/** The scene as a standalone SVG document. */
export function sceneToSvg(scene: Scene): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(scene.width)}" height="${num(scene.height)}" viewBox="0 0 ${num(scene.width)} ${num(scene.height)}">`,
  ];
  if (scene.title) out.push(`<title>${escapeXml(scene.title)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>`);
  const ids = { n: 0 };
  for (const item of scene.items) svgItem(item, out, ids);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  if (r > 0 && typeof ctx.roundRect === 'function') ctx.roundRect(x, y, Math.max(0, w), Math.max(0, h), Math.min(r, w / 2, h / 2));
  else ctx.rect(x, y, Math.max(0, w), Math.max(0, h));
}

function drawItem(ctx: CanvasRenderingContext2D, item: SceneItem): void {
  switch (item.kind) {
    case 'line':
      ctx.save();
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = item.width;
      ctx.setLineDash(item.dash ? [...item.dash] : []);
      ctx.lineCap = item.cap ?? 'butt';
      ctx.globalAlpha = item.opacity ?? 1;
      ctx.beginPath();
      ctx.moveTo(item.x1, item.y1);
      ctx.lineTo(item.x2, item.y2);
      ctx.stroke();
      ctx.restore();
      break;
    case 'rect':
      ctx.save();
      ctx.globalAlpha = item.opacity ?? 1;
      roundRect(ctx, item.x, item.y, item.w, item.h, item.r ?? 0);
      if (item.fill) {
        ctx.fillStyle = item.fill;
        ctx.fill();
      }
      if (item.stroke) {
        ctx.strokeStyle = item.stroke;
        ctx.lineWidth = item.strokeWidth ?? 1;
        ctx.setLineDash(item.dash ? [...item.dash] : []);
        ctx.stroke();
      }
      ctx.restore();
      break;
    case 'text':
      ctx.font = `${item.weight ?? 400} ${item.size}px ${item.family ?? SANS}`;
      ctx.fillStyle = item.colour;
      ctx.textAlign = item.anchor === 'middle' ? 'center' : item.anchor === 'end' ? 'right' : 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(item.text, item.x, item.y);
      break;
    case 'poly': {
      const p = item.points;
      if (p.length < 4) break;
      ctx.beginPath();
      ctx.moveTo(p[0]!, p[1]!);
      for (let i = 2; i + 1 < p.length; i += 2) ctx.lineTo(p[i]!, p[i + 1]!);
      ctx.closePath();
      ctx.fillStyle = item.fill;
      ctx.fill();
      break;
    }
    case 'group':
      ctx.save();
      roundRect(ctx, item.clip.x, item.clip.y, item.clip.w, item.clip.h, item.clip.r ?? 0);
      ctx.clip();
      for (const i of item.items) drawItem(ctx, i);
      ctx.restore();
      break;
  }
}

/** Draws the scene onto a canvas context at `scale` device pixels per scene pixel. */
export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, scale = 1): void {
  ctx.save();
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = scene.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const item of scene.items) drawItem(ctx, item);
  ctx.restore();
}

/** The scene as a PNG, `scale` times its size (2: sharp on slides). */
export function sceneToPng(scene: Scene, scale = 2): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(scene.width * scale));
  canvas.height = Math.max(1, Math.round(scene.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas'));
  drawScene(ctx, scene, scale);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
