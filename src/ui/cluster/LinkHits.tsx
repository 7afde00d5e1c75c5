/**
 * Click targets over the links (above the packets, below the cards): a click cuts the link both
 * ways, or heals it when any direction is cut; Shift+click (or Alt+click) cuts or heals one
 * direction only — from the end nearer the click to the other end. Each goes through the store,
 * so the console echoes the `lab cut` / `lab heal` it ran.
 */
import { memo } from 'react';
import { cutLink, healLink, selectCutLinks, selectProcessNames, useLabStore } from '../../store/index.ts';
import { t } from '../strings.ts';
import { nearerEnd } from './groups.ts';
import { allPairs, linkLane, type RingLayout } from './layout.ts';
import { useLang } from '../i18n/index.ts';

export const LinkHits = memo(function LinkHits({ layout }: { layout: RingLayout }) {
  useLang(); // re-render on a language change despite memo
  const cuts = useLabStore(selectCutLinks);
  const names = useLabStore(selectProcessNames);
  const name = (sid: number) => names[sid] ?? `zk${sid}`;
  const cutSet = new Set(cuts.map(([a, b]) => `${a}>${b}`));
  return (
    <g className="link-hits">
      {allPairs(layout.nodes.map((n) => n.sid)).map(([a, b]) => {
        const ba = layout.bySid.get(a)!;
        const bb = layout.bySid.get(b)!;
        const seg = linkLane(ba, bb, 0);
        const ab = cutSet.has(`${a}>${b}`);
        const back = cutSet.has(`${b}>${a}`);
        const state = ab && back ? t.linkStateCut : ab ? t.linkStateOneWay(name(a), name(b)) : back ? t.linkStateOneWay(name(b), name(a)) : t.linkStateOpen;
        const onClick = (e: React.MouseEvent<SVGLineElement>) => {
          if (e.shiftKey || e.altKey) {
            const svg = e.currentTarget.ownerSVGElement;
            const r = svg?.getBoundingClientRect();
            const p = { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
            const [from, to] = nearerEnd(ba, bb, p) === 'a' ? [a, b] : [b, a];
            void (cutSet.has(`${from}>${to}`) ? healLink(from, to, true) : cutLink(from, to, true));
          } else {
            void (ab || back ? healLink(a, b) : cutLink(a, b));
          }
        };
        return (
          <line
            key={`${a}-${b}`}
            className="link-hit"
            data-link-hit={`${a}-${b}`}
            x1={seg.from.x}
            y1={seg.from.y}
            x2={seg.to.x}
            y2={seg.to.y}
            onClick={onClick}
          >
            <title>{t.linkTitle(name(a), name(b), state)}</title>
          </line>
        );
      })}
    </g>
  );
});
