/**
 * The simulated clock. Written straight into the DOM by the frame loop (it changes every frame;
 * React state would re-render for nothing).
 */
import { useEffect, useRef } from 'react';
import { subscribeFrameEvery, SYNC_EVERY_MS } from '../../store/index.ts';
import { t } from '../strings.ts';

const COUNT_MARK = 987654321;

export function formatClock(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

export function SimClock({ paused }: { paused: boolean }) {
  const timeRef = useRef<HTMLSpanElement>(null);
  const eventsRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let lastNow = -1;
    let lastEvents = -1;
    return subscribeFrameEvery(SYNC_EVERY_MS, ({ sim }) => {
      if (sim.now !== lastNow && timeRef.current) {
        lastNow = sim.now;
        timeRef.current.textContent = formatClock(sim.now);
      }
      if (sim.eventCount !== lastEvents && eventsRef.current) {
        lastEvents = sim.eventCount;
        // The sentence with a placeholder (one cached translation), filled in: not a lookup per frame.
        eventsRef.current.textContent = t.eventCount(COUNT_MARK).replace(String(COUNT_MARK), String(sim.eventCount));
      }
    });
  }, []);
  return (
    <div className="clock" title={t.simulatedTime}>
      <span className="clock-label">{t.simulatedTime}</span>
      <span className="clock-time" ref={timeRef} data-testid="sim-time">
        {formatClock(0)}
      </span>
      <span className="clock-events" ref={eventsRef} />
      {paused && <span className="badge badge-paused">{t.pausedBadge}</span>}
    </div>
  );
}
