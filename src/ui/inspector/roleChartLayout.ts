/**
 * Where the role/phase statechart's states and transitions go (pure; the states and edges come
 * from the machine's definition): DOWN and LOOKING on the left, the three roles stacked on the
 * right with ZAB's phases inside each, transitions as curved arrows between box edges.
 */
export interface ChartBox {
  path: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** A phase inside a role (drawn as a pill). */
  inner: boolean;
}

export interface ChartEdge {
  from: string;
  to: string;
  d: string;
}

export const CHART_W = 440;
export const CHART_H = 148;

const PHASE_SHORT: Record<string, string> = { DISCOVERY: 'DISCOVERY', SYNCHRONIZATION: 'SYNC', BROADCAST: 'BROADCAST' };

function boxFor(path: string, roleIndex: Map<string, number>): ChartBox {
  const [top, phase] = path.split('.') as [string, string | undefined];
  if (top === 'DOWN') return { path, label: 'DOWN', x: 4, y: 61, w: 58, h: 26, inner: false };
  if (top === 'LOOKING') return { path, label: 'LOOKING', x: 98, y: 61, w: 74, h: 26, inner: false };
  const r = roleIndex.get(top) ?? 0;
  const role = { x: 214, y: 4 + r * 48, w: 222, h: 44 };
  if (phase === undefined) return { path, label: top, ...role, inner: false };
  const phases = ['DISCOVERY', 'SYNCHRONIZATION', 'BROADCAST'];
  const i = Math.max(0, phases.indexOf(phase));
  const pw = 68;
  return { path, label: PHASE_SHORT[phase] ?? phase, x: role.x + 4 + i * (pw + 6), y: role.y + 20, w: pw, h: 19, inner: true };
}

/** The point where the line from the box's centre towards (tx, ty) leaves the box. */
function exitPoint(b: ChartBox, tx: number, ty: number): { x: number; y: number } {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  const s = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  return { x: cx + dx * s, y: cy + dy * s };
}

export function roleChartLayout(states: string[], edges: Array<{ from: string; to: string }>): { boxes: ChartBox[]; edges: ChartEdge[] } {
  const roles = states.filter((s) => !s.includes('.') && s !== 'DOWN' && s !== 'LOOKING');
  const roleIndex = new Map(roles.map((r, i) => [r, i]));
  const boxes = states.map((s) => boxFor(s, roleIndex));
  const by = new Map(boxes.map((b) => [b.path, b]));
  const out: ChartEdge[] = [];
  for (const e of edges) {
    const a = by.get(e.from);
    const b = by.get(e.to);
    if (!a || !b) continue;
    const acx = a.x + a.w / 2;
    const acy = a.y + a.h / 2;
    const bcx = b.x + b.w / 2;
    const bcy = b.y + b.h / 2;
    const p = exitPoint(a, bcx, bcy);
    const q = exitPoint(b, acx, acy);
    // Bend to the left of the direction of travel, so A→B and B→A are two arcs.
    const mx = (p.x + q.x) / 2;
    const my = (p.y + q.y) / 2;
    const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    const bend = a.inner && b.inner ? 0 : Math.min(18, len / 5);
    const nx = ((q.y - p.y) / len) * bend;
    const ny = (-(q.x - p.x) / len) * bend;
    out.push({ from: e.from, to: e.to, d: `M${p.x.toFixed(1)},${p.y.toFixed(1)} Q${(mx + nx).toFixed(1)},${(my + ny).toFixed(1)} ${q.x.toFixed(1)},${q.y.toFixed(1)}` });
  }
  return { boxes, edges: out };
}
