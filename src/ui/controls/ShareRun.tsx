/**
 * Share: a link that replays this run exactly, up to this moment, and opens paused there
 * (`?…&run=…`, src/store/runParam.ts) — for a question, a bug report or the next class.
 */
import { useEffect, useRef, useState } from 'react';
import { makeRunLink } from '../../store/index.ts';
import { t } from '../strings.ts';

export function ShareRun() {
  const ref = useRef<HTMLDetailsElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) d.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
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
