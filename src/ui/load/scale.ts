/**
 * A linear scale with round ticks, and a polyline path: the little of d3-scale and d3-shape the
 * Load charts use (same tick rule as d3's `ticks`: steps of 1, 2 or 5 × 10^k). Kept here so the
 * Load panel's chunk shares no module with the page's first load (a shared module would be split
 * into a chunk of its own there).
 */
export interface Linear {
  (v: number): number;
  ticks(count: number): number[];
  domain(): [number, number];
}

function tickStep(start: number, stop: number, count: number): number {
  const step0 = Math.abs(stop - start) / Math.max(1, count);
  let step1 = 10 ** Math.floor(Math.log10(step0));
  const error = step0 / step1;
  if (error >= Math.sqrt(50)) step1 *= 10;
  else if (error >= Math.sqrt(10)) step1 *= 5;
  else if (error >= Math.sqrt(2)) step1 *= 2;
  return step1;
}

/** `nice`: the domain's end is rounded up to a tick (like d3's scale.nice()). */
export function linear(domain: [number, number], range: [number, number], nice = false): Linear {
  let [d0, d1] = domain;
  if (nice) {
    const step = tickStep(d0, d1, 10);
    d0 = Math.floor(d0 / step) * step;
    d1 = Math.ceil(d1 / step) * step;
  }
  const [r0, r1] = range;
  const f = ((v: number) => (d1 === d0 ? r0 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))) as Linear;
  f.domain = () => [d0, d1];
  f.ticks = (count: number) => {
    const step = tickStep(d0, d1, count);
    const out: number[] = [];
    for (let i = Math.ceil(d0 / step); i * step <= d1 + step * 1e-9; i++) out.push(Number((i * step).toPrecision(12)));
    return out;
  };
  return f;
}

/** An SVG path through the points (M x,y L x,y …), coordinates to 0.01. */
export function polyline(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${Math.round(x * 100) / 100},${Math.round(y * 100) / 100}`).join('');
}
