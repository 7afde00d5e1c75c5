/**
 * The Load charts' scale and line: d3's linear scale (round ticks of 1, 2 or 5 × 10^k; `nice`
 * rounds the domain's end up to a tick) and d3's line generator, as a polyline path.
 */
import { line, scaleLinear } from 'd3';

export interface Linear {
  (v: number): number;
  ticks(count: number): number[];
  domain(): [number, number];
}

export function linear(domain: [number, number], range: [number, number], nice = false): Linear {
  const s = scaleLinear().domain(domain).range(range);
  if (nice) s.nice(10);
  const f = ((v: number) => s(v)) as Linear;
  f.domain = () => s.domain() as [number, number];
  f.ticks = (count: number) => s.ticks(count);
  return f;
}

/** An SVG path through the points (M x,y L x,y …), coordinates to 0.01. */
export function polyline(points: ReadonlyArray<readonly [number, number]>): string {
  return line().digits(2)(points.map(([x, y]) => [x, y])) ?? '';
}
