/**
 * Share: a link that replays this run exactly, up to this moment, and opens paused there
 * (`?…&run=…`, src/store/runParam.ts) — for a question, a bug report or the next class — and
 * the `<iframe>` snippet that embeds the same run in a page (`&embed`, src/ui/embed/).
 */
import { useRef, useState } from 'react';
import { makeRunLink } from '../../store/index.ts';
import { t } from '../strings.ts';
import { useDismiss } from '../useDismiss.ts';
import { embedLink, iframeSnippet } from '../embed/embedParams.ts';

function CopyButton({ text, label }: { text: string | null; label: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <button
      type="button"
      className="btn btn-small btn-primary"
      disabled={text === null}
      onClick={() => {
        if (text === null) return;
        void navigator.clipboard?.writeText(text).then(() => setCopied(text), () => setCopied(null));
      }}
    >
      {copied !== null && copied === text ? t.shareCopied : label}
    </button>
  );
}

export function ShareRun() {
  const ref = useRef<HTMLDetailsElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useDismiss(ref);
  const snippet = link === null ? null : iframeSnippet(embedLink(link), t.embedFrameTitle);
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
        <h3 className="share-run-embed">{t.shareEmbed}</h3>
        <p>{t.shareEmbedHelp}</p>
        <textarea readOnly rows={3} aria-label={t.shareEmbedLabel} value={snippet ?? ''} onFocus={(e) => e.currentTarget.select()} data-share-embed />
        <div className="share-run-buttons">
          <CopyButton text={snippet} label={t.shareEmbedCopy} />
        </div>
      </div>
    </details>
  );
}
