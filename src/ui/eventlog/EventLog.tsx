/**
 * The run's events as sentences, newest at the bottom, each a button that takes the lab to that
 * moment (`lab seek`, through the store, echoed in the console). Filter by server and by kind.
 * Read from the trace incrementally in the frame loop (at most a few React updates a second);
 * only the rows in view are in the DOM. After a rewind the old run's later lines stay, dimmed,
 * until the run takes another branch.
 */
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { seekTo, selectProtocol, selectServerIds, subscribeFrameEvery, SYNC_EVERY_MS, useLabStore } from '../../store/index.ts';
import type { ProtocolId } from '../../protocol/config.ts';
import { formatClock } from '../controls/SimClock.tsx';
import { t } from '../strings.ts';
import { useLang } from '../i18n/index.ts';
import { filterEvents, type EventLine } from './sentences.ts';
import { READERS } from './readers.ts';

const ROW_PX = 22;
const OVERSCAN = 8;

function useEventLines(protocol: ProtocolId): { lines: EventLine[]; ahead: EventLine[] } {
  const [state, setState] = useState<{ lines: EventLine[]; ahead: EventLine[] }>({ lines: [], ahead: [] });
  // The lines are sentences in the current language: a language change reads the trace again.
  const lang = useLang();
  useEffect(() => {
    const reader = READERS[protocol]();
    return subscribeFrameEvery(SYNC_EVERY_MS, ({ sim }) => {
      if (reader.read(sim.trace as readonly TraceEntry[])) setState({ lines: reader.lines, ahead: reader.ahead });
    });
  }, [lang, protocol]);
  return state;
}

export function EventLog() {
  const protocol = useLabStore(selectProtocol);
  const { lines, ahead } = useEventLines(protocol.id);
  const ids = useLabStore(selectServerIds);
  const [sid, setSid] = useState<number | null>(null);
  // Every category but the clients' at first (a ZooKeeper lab's zkCli sessions are chatty).
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(['client']));
  const cats = useMemo(() => new Set(protocol.eventCategories.filter((c) => !hidden.has(c))), [protocol.eventCategories, hidden]);
  const shown = useMemo(() => {
    const f = { sid, categories: cats };
    return [...filterEvents(lines, f), ...filterEvents(ahead, f)];
  }, [lines, ahead, sid, cats]);
  const firstAhead = shown.length - filterEvents(ahead, { sid, categories: cats }).length;

  const scroller = useRef<HTMLDivElement>(null);
  /** The scroll position and height last seen while the reader scrolls (not followed). */
  const [view, setView] = useState({ top: 0, height: 200 });
  const showView = (top: number, height: number) => setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  const stick = useRef(true);
  /** The scroller's height (the ResizeObserver's, so no frame has to measure it). */
  const shownHeight = useRef(0);
  /** The scrollTop this component last set while following: its own scroll event is no reader's. */
  const followedTop = useRef(-1);
  const scrollFrame = useRef(0);
  const bottom = useRef(0);
  bottom.current = firstAhead * ROW_PX;
  /** The scrollTop that puts the newest line at the bottom of a scroller `height` tall. */
  const followTop = (height: number): number => Math.max(0, bottom.current - height);
  // Following the newest line: scroll there at the start of the next frame, before it is laid
  // out anyway — writing scrollTop now would force a layout of the whole page in the middle of
  // this one. The rows at the newest line are drawn already (below), and the scroll's own event
  // changes nothing: one React render per new batch of lines, not two.
  useLayoutEffect(() => {
    if (!stick.current || scrollFrame.current !== 0) return;
    scrollFrame.current = requestAnimationFrame(() => {
      scrollFrame.current = 0;
      const el = scroller.current;
      if (!el || !stick.current) return;
      if (shownHeight.current === 0) shownHeight.current = el.clientHeight;
      const top = followTop(shownHeight.current);
      if (top === followedTop.current) return;
      followedTop.current = top;
      el.scrollTop = top;
    });
  }, [firstAhead, shown.length]);
  useEffect(() => () => cancelAnimationFrame(scrollFrame.current), []);
  // The panel changes height (the inspector opens or closes): stay at the newest line.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      shownHeight.current = el.clientHeight;
      if (stick.current) {
        followedTop.current = followTop(el.clientHeight);
        el.scrollTop = followedTop.current;
      }
      showView(el.scrollTop, el.clientHeight);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Following, the rows at the newest line (where the next frame scrolls to); else those in view.
  const height = shownHeight.current || view.height;
  const top = stick.current ? followTop(height) : view.top;
  const from = Math.max(0, Math.floor(top / ROW_PX) - OVERSCAN);
  const to = Math.min(shown.length, Math.ceil((top + height) / ROW_PX) + OVERSCAN);
  const rows = shown.slice(from, to);

  return (
    <section className="eventlog panel" aria-labelledby="eventlog-title">
      <header className="panel-head eventlog-head">
        <h2 id="eventlog-title">{t.eventLogTitle}</h2>
        <span className="panel-hint">{t.eventLogCount(shown.length, lines.length + ahead.length)}</span>
        <select
          aria-label={protocol.hasZkCli ? t.eventLogServer : t.processesShown}
          value={sid ?? ''}
          onChange={(e) => setSid(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{protocol.hasZkCli ? t.eventLogAllServers : t.allProcesses}</option>
          {ids.map((s) => (
            <option key={s} value={s}>
              {protocol.names[s] ?? `zk${s}`}
            </option>
          ))}
        </select>
      </header>
      <div className="eventlog-kinds" role="group" aria-label={t.eventLogKinds}>
        {protocol.eventCategories.map((c) => (
          <button
            key={c}
            type="button"
            className={`chip cat-${c}`}
            aria-pressed={cats.has(c)}
            data-category={c}
            onClick={() =>
              setHidden((prev) => {
                const next = new Set(prev);
                if (next.has(c)) next.delete(c);
                else next.add(c);
                return next;
              })
            }
          >
            {(t.eventCategoryNames as Record<string, string>)[c] ?? c}
          </button>
        ))}
      </div>
      <div
        className="eventlog-scroll"
        ref={scroller}
        title={t.eventLogHint}
        onScroll={(e) => {
          const el = e.currentTarget;
          // A scroll that comes with a new size is the layout's, not the reader's: keep following.
          if (el.clientHeight !== shownHeight.current) {
            shownHeight.current = el.clientHeight;
            if (stick.current) el.scrollTop = followedTop.current = followTop(el.clientHeight);
          } else if (stick.current && el.scrollTop === followedTop.current) {
            return; // following's own scroll: the rows are drawn already
          } else {
            stick.current = el.scrollTop + el.clientHeight >= firstAhead * ROW_PX - 2;
            followedTop.current = -1;
          }
          showView(el.scrollTop, el.clientHeight);
        }}
      >
        {shown.length === 0 ? (
          <p className="details-empty">{t.eventLogEmpty}</p>
        ) : (
          <ol className="eventlog-rows" aria-label={t.eventLogTitle} style={{ height: shown.length * ROW_PX }}>
            {rows.map((l, i) => {
              const at = from + i;
              const ahead = at >= firstAhead;
              return <Row key={`${ahead ? 'a' : 'l'}${l.index}`} line={l} top={at * ROW_PX} ahead={ahead} />;
            })}
          </ol>
        )}
      </div>
    </section>
  );
}

/** One line, re-rendered only when it or its place changes (a language change reads new lines). */
const Row = memo(function Row({ line: l, top, ahead }: { line: EventLine; top: number; ahead: boolean }) {
  const time = formatClock(l.t);
  return (
    <li className={`eventlog-row cat-${l.category}${ahead ? ' ahead' : ''}`} style={{ top }} data-event-kind={l.category} data-t={l.t}>
      <button type="button" onClick={() => void seekTo(l.t)} aria-label={t.eventLogSeek(time, l.text)}>
        <span className="eventlog-time">{time}</span>
        <span className="eventlog-text">{l.text}</span>
      </button>
    </li>
  );
});
