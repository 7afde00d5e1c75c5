/**
 * The Load panel's live charts: a few series against simulated time, as SVG text drawn with a
 * linear scale and round ticks (./scale.ts) (like ./sweepChart.ts). Pure: the panel calls it with its samples.
 */
import { linear, polyline } from './scale.ts';

export interface TimeSeries {
  name: string;
  colour: string;
  /** [simulated ms, value] in time order. */
  points: ReadonlyArray<readonly [number, number]>;
  dashed?: boolean;
}

export function timeChartSvg(series: readonly TimeSeries[], opts: { title: string; unit: string; width?: number; height?: number }): string {
  const width = opts.width ?? 360;
  const height = opts.height ?? 170;
  const m = { top: 22, right: 8, bottom: 22, left: 44 };
  const all = series.flatMap((s) => s.points);
  const t0 = all.length ? Math.min(...all.map((p) => p[0])) : 0;
  const t1 = all.length ? Math.max(...all.map((p) => p[0])) : 1000;
  const maxY = Math.max(1, ...all.map((p) => p[1]));
  const x = linear([t0, Math.max(t1, t0 + 1000)], [m.left, width - m.right]);
  const y = linear([0, maxY], [height - m.bottom, m.top], true);
  const path = (ps: ReadonlyArray<readonly [number, number]>): string => polyline(ps.map((p) => [x(p[0]), y(p[1])] as const));
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-size="10" font-family="system-ui, sans-serif">`];
  out.push(`<text x="${m.left}" y="12" font-weight="600" font-size="11" fill="currentColor">${esc(opts.title)} (${esc(opts.unit)})</text>`);
  for (const t of y.ticks(4)) {
    const yy = y(t).toFixed(1);
    out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${yy}" y2="${yy}" stroke="#9ca3af" stroke-opacity="0.35"/>`);
    out.push(`<text x="${m.left - 4}" y="${yy}" dy="0.32em" text-anchor="end" fill="currentColor">${t}</text>`);
  }
  // Seconds with as many decimals as the tick step needs (a short window's ticks are 0.2 s apart).
  const xTicks = x.ticks(5);
  const stepS = xTicks.length > 1 ? (xTicks[1]! - xTicks[0]!) / 1000 : 1;
  const decimals = Math.max(0, Math.ceil(-Math.log10(stepS) - 1e-9));
  for (const t of xTicks) out.push(`<text x="${x(t).toFixed(1)}" y="${height - 6}" text-anchor="middle" fill="currentColor">${(t / 1000).toFixed(decimals)}s</text>`);
  series.forEach((s, i) => {
    if (s.points.length > 0) out.push(`<path d="${path(s.points)}" fill="none" stroke="${s.colour}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 3"' : ''} data-series="${esc(s.name)}"/>`);
    const lx = m.left + 4 + (i % 4) * 78;
    const ly = m.top + 4 + Math.floor(i / 4) * 12;
    out.push(`<rect x="${lx}" y="${ly - 3}" width="10" height="3" fill="${s.colour}"/><text x="${lx + 13}" y="${ly}" dy="0.1em" fill="currentColor">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
