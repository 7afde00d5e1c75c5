/**
 * Share: a link that replays this run exactly, up to this moment, and opens paused there
 * (`?…&run=…`, src/store/runParam.ts) — for a question, a bug report or the next class.
 */
import { useRef, useState } from 'react';
import { makeRunLink } from '../../store/index.ts';
import { t } from '../strings.ts';
import { useDismiss } from '../useDismiss.ts';

export function ShareRun() {
  const ref = useRef<HTMLDetailsElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useDismiss(ref);
  const make = async () => {
    setCopied(false);
    setLink(await makeRunLink(`${location.origin}${location.pathname}`, location.search));
  };
  return (
    <details
      className="share-run"
      ref={ref}
      onToggle={(e) => {
        if (e.currentTarget.open) void make();
      }}
    >
      <summary title={t.shareTitle}>{t.share}</summary>
      <div className="share-run-panel">
        <p>{t.shareHelp}</p>
        <input readOnly aria-label={t.shareLinkLabel} value={link ?? ''} onFocus={(e) => e.currentTarget.select()} data-share-link />
        <div className="share-run-buttons">
          <button type="button" className="btn btn-small" onClick={() => void make()}>
            {t.shareRefresh}
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={link === null}
            onClick={() => {
              if (link === null) return;
              void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            {copied ? t.shareCopied : t.shareCopy}
          </button>
        </div>
      </div>
    </details>
  );
}
