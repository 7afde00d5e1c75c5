/**
 * The sweep chart: saturated throughput against the share of reads, one curve per ensemble (the
 * shape of Figure 5 of the ZooKeeper paper). A pure function from sweep results to SVG text, drawn
 * with a linear scale and round ticks (./scale.ts): the Load panel shows it, and the README's picture
 * (docs/sweep.svg) is the same function's output (src/ui/load/sweepChart.test.ts).
 */
import { linear, polyline } from './scale.ts';
import type { SweepResult } from '../../cli/load.ts';

export interface ChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Axis labels (the page passes them in the UI's language). */
  xLabel?: string;
  yLabel?: string;
}

/** The curves' colours, in order (ensembles beyond six reuse them). */
export const SERIES_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

/** `3 voters`, `3 voters + 2 observers`. */
export function seriesName(r: Pick<SweepResult, 'voters' | 'observers'>): string {
  const v = `${r.voters} voter${r.voters === 1 ? '' : 's'}`;
  return r.observers === 0 ? v : `${v} + ${r.observers} observer${r.observers === 1 ? '' : 's'}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function sweepChartSvg(results: readonly SweepResult[], opts: ChartOptions = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 360;
  const m = { top: opts.title ? 34 : 14, right: 16, bottom: 44, left: 60 };
  const maxY = Math.max(1, ...results.flatMap((r) => r.points.map((p) => p.opsPerSec)));
  const x = linear([0, 100], [m.left, width - m.right]);
  const y = linear([0, maxY], [height - m.bottom, m.top], true);
  const path = (ps: ReadonlyArray<{ reads: number; opsPerSec: number }>): string => polyline(ps.map((p) => [x(p.reads), y(p.opsPerSec)] as const));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (opts.title) out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${esc(opts.title)}</text>`);
  for (const t of y.ticks(6)) {
    const yy = y(t).toFixed(1);
    out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${m.left - 6}" y="${yy}" dy="0.32em" text-anchor="end" fill="#374151">${t}</text>`);
  }
  for (const t of x.ticks(10)) {
    const xx = x(t).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${height - m.bottom}" y2="${height - m.bottom + 4}" stroke="#374151"/>`);
    out.push(`<text x="${xx}" y="${height - m.bottom + 16}" text-anchor="middle" fill="#374151">${t}</text>`);
  }
  out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#374151"/>`);
  out.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#374151"/>`);
  out.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle" fill="#111827">${esc(opts.xLabel ?? 'reads (% of requests)')}</text>`);
  out.push(`<text transform="translate(16 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#111827">${esc(opts.yLabel ?? 'saturated throughput (simulated requests/s)')}</text>`);
  results.forEach((r, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    out.push(`<path d="${path(r.points)}" fill="none" stroke="${colour}" stroke-width="2" data-series="${esc(seriesName(r))}"/>`);
    for (const p of r.points) out.push(`<circle cx="${x(p.reads).toFixed(1)}" cy="${y(p.opsPerSec).toFixed(1)}" r="3" fill="${colour}"><title>${esc(seriesName(r))}: ${p.reads}% reads, ${p.opsPerSec}/s</title></circle>`);
    const ly = m.top + 8 + i * 18;
    out.push(`<line x1="${m.left + 12}" x2="${m.left + 32}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`);
    out.push(`<text x="${m.left + 38}" y="${ly}" dy="0.32em" fill="#111827">${esc(seriesName(r))}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
