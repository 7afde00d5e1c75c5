/**
 * Every link of the ensemble, and the cut ones drawn as cut: a red dashed lane per cut direction
 * and a mark across the middle (across both lanes when both directions are cut).
 */
import { memo } from 'react';
import { selectCutLinks, useLabStore } from '../../store/index.ts';
import { allPairs, cutPoint, LANE_GAP, linkLane, type NodeBox, type RingLayout, type Segment } from './layout.ts';

function line(seg: Segment) {
  return { x1: seg.from.x, y1: seg.from.y, x2: seg.to.x, y2: seg.to.y };
}

/** Two short bars across `seg` at its middle, `halfLength` to each side of its line. */
function CutMark({ seg, halfLength }: { seg: Segment; halfLength: number }) {
  const c = cutPoint(seg);
  const dx = seg.to.x - seg.from.x;
  const dy = seg.to.y - seg.from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const nx = -uy * halfLength;
  const ny = ux * halfLength;
  return (
    <>
      {[-2.5, 2.5].map((o) => (
        <line key={o} className="cut-bar" x1={c.x - nx + ux * o} y1={c.y - ny + uy * o} x2={c.x + nx + ux * o} y2={c.y + ny + uy * o} />
      ))}
    </>
  );
}

function Link({ a, b, ab, ba }: { a: NodeBox; b: NodeBox; ab: boolean; ba: boolean }) {
  const cut = ab || ba;
  return (
    <g className={cut ? 'link cut' : 'link'} data-link={`${a.sid}-${b.sid}`} data-cut={cut ? (ab && ba ? 'both' : ab ? `${a.sid}>${b.sid}` : `${b.sid}>${a.sid}`) : undefined}>
      {!cut && <line className="link-line" {...line(linkLane(a, b, 0))} />}
      {ab && <line className="cut-lane" {...line(linkLane(a, b))} />}
      {ba && <line className="cut-lane" {...line(linkLane(b, a))} />}
      {ab && ba ? (
        <CutMark seg={linkLane(a, b, 0)} halfLength={LANE_GAP} />
      ) : ab ? (
        <CutMark seg={linkLane(a, b)} halfLength={LANE_GAP / 2 + 2} />
      ) : ba ? (
        <CutMark seg={linkLane(b, a)} halfLength={LANE_GAP / 2 + 2} />
      ) : null}
    </g>
  );
}

export const Links = memo(function Links({ layout }: { layout: RingLayout }) {
  const cuts = useLabStore(selectCutLinks);
  const cutSet = new Set(cuts.map(([a, b]) => `${a}>${b}`));
  return (
    <g className="links">
      {allPairs(layout.nodes.map((n) => n.sid)).map(([a, b]) => (
        <Link
          key={`${a}-${b}`}
          a={layout.bySid.get(a)!}
          b={layout.bySid.get(b)!}
          ab={cutSet.has(`${a}>${b}`)}
          ba={cutSet.has(`${b}>${a}`)}
        />
      ))}
    </g>
  );
});
