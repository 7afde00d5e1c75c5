/**
 * Presenter mode's pieces (./presentMode.ts): the header's Present button, the caption under the
 * ring that says what just happened (the event log's sentences, in the page's language), and the
 * black screen B shows. Presenting, the page's root element carries the class `presenting`, which
 * ./present.css turns into the large, high-contrast layout.
 */
import type { TraceEntry } from '../../protocol/zookeeper.ts';
import { useEffect, useLayoutEffect, useState } from 'react';
import { selectProtocol, subscribeFrameEvery, SYNC_EVERY_MS, useLabStore } from '../../store/index.ts';
import { formatClock } from '../controls/SimClock.tsx';
import { READERS } from '../eventlog/readers.ts';
import type { EventLine } from '../eventlog/sentences.ts';
import { useLang } from '../i18n/index.ts';
import { tr } from '../strings.ts';
import { setBlanked, togglePresenting, useBlanked, usePresenting } from './presentMode.ts';
import './present.css';

export function PresentButton() {
  const presenting = usePresenting();
  useLang();
  return (
    <button
      type="button"
      className="btn btn-small present-button"
      aria-pressed={presenting}
      aria-label={tr('present.button')}
      title={tr('present.buttonTitle')}
      onClick={togglePresenting}
    >
      <span aria-hidden="true">▣</span>
      <span className="present-label">{tr('present.button')}</span>
    </button>
  );
}

/** Categories the caption skips, as the event log hides them at first (zkCli's sessions are chatty). */
const QUIET = new Set(['client']);

/** The newest line of the event log (as the log shows it at first), following playback and rewinds. */
function useLastEvent(on: boolean): EventLine | null {
  const protocol = useLabStore(selectProtocol).id;
  const lang = useLang();
  const [last, setLast] = useState<EventLine | null>(null);
  useEffect(() => {
    if (!on) return;
    const reader = READERS[protocol]();
    return subscribeFrameEvery(SYNC_EVERY_MS, ({ sim }) => {
      if (!reader.read(sim.trace as readonly TraceEntry[])) return;
      let line: EventLine | null = null;
      for (let i = reader.lines.length - 1; i >= 0; i--) {
        const l = reader.lines[i]!;
        if (!QUIET.has(l.category)) {
          line = l;
          break;
        }
      }
      setLast((prev) => (prev?.index === line?.index && prev?.text === line?.text ? prev : line));
    });
  }, [on, protocol, lang]);
  return on ? last : null;
}

/** "What just happened": the last event as a sentence, read out politely by screen readers. */
export function PresentCaption() {
  const presenting = usePresenting();
  const last = useLastEvent(presenting);
  if (!presenting) return null;
  return (
    <div className="present-caption" role="status" aria-live="polite" aria-atomic="true" aria-label={tr('present.caption')} data-event-index={last?.index ?? ''}>
      <div className="present-caption-head">
        <span className="present-caption-label">{tr('present.caption')}</span>
        <span className="present-keys">{tr('present.keys')}</span>
      </div>
      {last ? (
        <p className={`present-caption-text cat-${last.category}`}>
          <span className="present-caption-time">{formatClock(last.t)}</span> {last.text}
        </p>
      ) : (
        <p className="present-caption-text">{tr('present.captionEmpty')}</p>
      )}
    </div>
  );
}

/** Sets the root's `presenting` class, and shows the black screen B asks for. */
export function PresentOverlay() {
  const presenting = usePresenting();
  const blanked = useBlanked();
  useLang();
  useLayoutEffect(() => {
    document.documentElement.classList.toggle('presenting', presenting);
    return () => document.documentElement.classList.remove('presenting');
  }, [presenting]);
  if (!presenting || !blanked) return null;
  // A click also brings the lab back (the keys are caught in ../useLabKeys.ts).
  return <div className="present-blank" data-blank="true" role="button" tabIndex={-1} aria-label={tr('present.blanked')} onClick={() => setBlanked(false)} />;
}
