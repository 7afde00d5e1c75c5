/**
 * The selected server's role/phase statechart (src/machines/serverRoleMachine.ts), drawn from the
 * machine's definition as a small SVG, with the current state lit (`data-active`). The machine is
 * driven from the server's card (its state and ZAB phase) through xstate's pure `transition()`.
 */
import { useMemo, useRef } from 'react';
import {
  activePath, initialRoleSnapshot, roleChartEdges, roleChartStates, roleStateFor, type ServerRoleSnapshot,
} from '../../machines/serverRoleMachine.ts';
import type { ServerCard } from '../../store/index.ts';
import { t } from '../strings.ts';
import { CHART_H, CHART_W, roleChartLayout } from './roleChartLayout.ts';

const LAYOUT = roleChartLayout(roleChartStates(), roleChartEdges());

export function RoleChart({ card }: { card: ServerCard }) {
  const memo = useRef<{ sid: number; snap: ServerRoleSnapshot } | null>(null);
  const snap = useMemo(() => {
    const prev = memo.current && memo.current.sid === card.sid ? memo.current.snap : initialRoleSnapshot();
    return roleStateFor(prev, { state: card.state, phase: card.up ? card.phase : null });
  }, [card.sid, card.state, card.phase, card.up]);
  memo.current = { sid: card.sid, snap };
  const active = activePath(snap);
  const isActive = (path: string) => active === path || active.startsWith(`${path}.`);
  return (
    <section className="rolechart" aria-labelledby="rolechart-title">
      <h3 id="rolechart-title">{t.chartTitle}</h3>
      <svg
        viewBox={`0 0 ${CHART_W} ${CHART_H}`}
        width="100%"
        role="img"
        aria-label={t.chartLabel(card.name, active)}
        data-active-state={active}
      >
        <defs>
          <marker id="rolechart-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" className="rolechart-arrowhead" />
          </marker>
        </defs>
        {LAYOUT.edges.map((e) => (
          <path key={`${e.from}>${e.to}`} d={e.d} className="rolechart-edge" markerEnd="url(#rolechart-arrow)" data-edge={`${e.from}>${e.to}`} />
        ))}
        {LAYOUT.boxes.map((b) => (
          <g
            key={b.path}
            className={`rolechart-state${b.inner ? ' inner' : ''}${isActive(b.path) ? ' active' : ''}`}
            data-state-node={b.path}
            data-active={isActive(b.path) ? 'true' : 'false'}
          >
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={b.inner ? 9 : 6} />
            <text x={b.inner ? b.x + b.w / 2 : b.path.includes('.') || b.h > 30 ? b.x + 6 : b.x + b.w / 2} y={b.inner || b.h <= 30 ? b.y + b.h / 2 + 4 : b.y + 13} textAnchor={b.inner || b.h <= 30 ? 'middle' : 'start'}>
              {b.label}
            </text>
          </g>
        ))}
      </svg>
    </section>
  );
}
