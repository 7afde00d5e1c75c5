/**
 * The space-time diagram as a scene (./scene.ts): the same lanes, role bands, time axis, arrows
 * (solid, dashed when held at a cut, × when lost, ○ waiting) and present line as the diagram's
 * canvas (../timeline/spaceTimeDrawer.ts), from the same pure pieces (trace index, lane layout,
 * arrows), for the window, filters and size the diagram shows — or, when it is not on the page,
 * the last 2.5 s of the run with every packet type.
 */
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { laneRoleSource, type ProtocolInfo } from '../../store/index.ts';
import { paletteOf } from '../cluster/packetPalette.ts';
import { arrowOf, laneLayout, timeScale, viewWindow } from '../timeline/layout.ts';
import { AXIS_H, endpointLabel, LABEL_W, PAD_B, PAD_R, ROLE_FILL, ROLE_LINE, tickDecimals, type DrawOptions } from '../timeline/spaceTimeDrawer.ts';
import { TraceIndex } from '../timeline/traceIndex.ts';
import { spaceTimeDrawer } from './registry.ts';
import { MONO, type Scene, type SceneItem } from './scene.ts';

function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)},${parseInt(m[2]!, 16)},${parseInt(m[3]!, 16)},${alpha})`;
}

function defaultOptions(p: ProtocolInfo, serverIds: readonly number[]): DrawOptions {
  return {
    serverIds, showClients: true, hiddenTypes: new Set(), palette: paletteOf(p), names: p.names,
    roleColours: p.hasZkCli ? {} : Object.fromEntries(p.roles.map((r) => [r.id, { fill: withAlpha(r.colour, 0.1), line: r.colour }])),
  };
}

function arrowHead(x1: number, y1: number, x2: number, y2: number): number[] | null {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  if (len < 4) return null;
  const ux = dx / len;
  const uy = dy / len;
  const s = 5;
  return [x2, y2, x2 - ux * s - uy * s * 0.45, y2 - uy * s + ux * s * 0.45, x2 - ux * s + uy * s * 0.45, y2 - uy * s - ux * s * 0.45];
}

/** The diagram now, as a scene. */
export function spaceTimeScene(sim: Simulation, protocol: ProtocolInfo, serverIds: readonly number[], caption: string, title: string): Scene {
  const drawer = spaceTimeDrawer();
  const options = drawer?.options.serverIds.length ? drawer.options : defaultOptions(protocol, serverIds);
  const width = drawer && drawer.width > 0 ? drawer.width : 960;
  const height = drawer && drawer.height > 0 ? drawer.height : Math.max(160, 40 + 30 * serverIds.length);
  const now = sim.now;
  const [t0, t1] = drawer ? drawer.timeWindow : viewWindow({ spanMs: 2500, follow: true, endT: 0 }, now);
  const index = new TraceIndex(laneRoleSource());
  index.update(sim.trace as readonly TraceEntry[]);
  if (index.heldCount() > 0) index.syncHeld(sim.inFlight());
  const ids = options.showClients ? [...options.serverIds, ...index.clients] : [...options.serverIds];
  const lanes = laneLayout(ids, AXIS_H, height - AXIS_H - PAD_B);
  const x = timeScale(t0, t1, LABEL_W, width - PAD_R);
  const items: SceneItem[] = [];
  for (const lane of lanes.lanes) {
    if (lane.id <= 1000) {
      for (const [a, b, role] of index.roleBands(lane.id, t0, t1)) {
        const xa = Math.max(LABEL_W, x(a));
        const xb = Math.min(width - PAD_R, x(b));
        if (xb <= xa) continue;
        items.push({ kind: 'rect', x: xa, y: lane.top + 1, w: xb - xa, h: lane.h - 2, fill: options.roleColours[role]?.fill ?? ROLE_FILL[role] ?? ROLE_FILL.DOWN! });
        items.push({ kind: 'rect', x: xa, y: lane.y - 1, w: xb - xa, h: 2, fill: options.roleColours[role]?.line ?? ROLE_LINE[role] ?? ROLE_LINE.DOWN! });
      }
    } else {
      items.push({ kind: 'rect', x: LABEL_W, y: lane.y - 0.5, w: width - LABEL_W - PAD_R, h: 1, fill: '#0d9488' });
    }
    items.push({ kind: 'text', x: 4, y: lane.y, text: endpointLabel(lane.id, options.names), size: Math.min(11, Math.max(8, lane.h - 3)), colour: '#0f172a', family: MONO });
  }
  for (const tick of x.ticks(Math.max(2, Math.floor((width - LABEL_W) / 90)))) {
    const tx = Math.round(x(tick)) + 0.5;
    items.push({ kind: 'line', x1: tx, y1: AXIS_H, x2: tx, y2: height - PAD_B, stroke: 'rgba(15,23,42,0.06)', width: 1 });
    items.push({ kind: 'text', x: tx, y: AXIS_H / 2, text: `${(tick / 1000).toFixed(tickDecimals(t1 - t0))}s`, size: 11, colour: '#5b6678', family: MONO, anchor: 'middle' });
  }
  const arrows: SceneItem[] = [];
  const detail = (t1 - t0) / Math.max(1, width - LABEL_W - PAD_R) < 15;
  index.visible(t0, t1, (p) => {
    if (options.hiddenTypes.has(p.type) || !lanes.byId.has(p.from) || !lanes.byId.has(p.to)) return;
    const a = arrowOf(p, now, x, lanes);
    if (!a) return;
    const colour = options.palette ? options.palette.colour(p.type) : '#64748b';
    arrows.push({ kind: 'line', x1: a.x1, y1: a.y1, x2: a.x2, y2: a.y2, stroke: colour, width: 1.2, ...(a.dashed ? { dash: [4, 3] } : {}) });
    if (!detail) return;
    if (a.kind === 'delivered') {
      const head = arrowHead(a.x1, a.y1, a.x2, a.y2);
      if (head) arrows.push({ kind: 'poly', points: head, fill: colour });
    } else if (a.kind === 'flight') {
      arrows.push({ kind: 'rect', x: a.x2 - 2.5, y: a.y2 - 2.5, w: 5, h: 5, r: 2.5, fill: colour });
    } else if (a.kind === 'dropped') {
      arrows.push({ kind: 'line', x1: a.x2 - 3, y1: a.y2 - 3, x2: a.x2 + 3, y2: a.y2 + 3, stroke: '#b91c1c', width: 1.6 });
      arrows.push({ kind: 'line', x1: a.x2 + 3, y1: a.y2 - 3, x2: a.x2 - 3, y2: a.y2 + 3, stroke: '#b91c1c', width: 1.6 });
    } else {
      arrows.push({ kind: 'rect', x: a.x2 - 3, y: a.y2 - 3, w: 6, h: 6, r: 3, fill: '#ffffff', stroke: '#0f172a', strokeWidth: 1.6 });
    }
  });
  const nx = Math.round(x(now)) + 0.5;
  arrows.push({ kind: 'line', x1: nx, y1: AXIS_H, x2: nx, y2: height - PAD_B, stroke: 'rgba(15,23,42,0.55)', width: 1 });
  items.push({ kind: 'group', clip: { x: LABEL_W, y: AXIS_H, w: width - LABEL_W - PAD_R, h: height - AXIS_H - PAD_B }, items: arrows });
  // The caption in a row of its own below the diagram.
  items.push({ kind: 'text', x: width - PAD_R, y: height + 8, text: caption, size: 10, colour: '#5b6678', family: MONO, anchor: 'end' });
  return { width, height: height + 18, background: '#ffffff', items, title };
}
