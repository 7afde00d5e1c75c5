/**
 * Export (top bar, beside Share): the run as a trace file and opening one (also by dropping it on
 * the page), the run's log for ShiViz, the ring and the space-time diagram as SVG and PNG for
 * slides, and the ring as a WebM video of a span of simulated time. A menu button: ↑/↓, Home/End
 * move between its items, Escape closes it. A bad trace file is reported here and changes
 * nothing — not the lab, not the address, not the console; a good one opens as its Share link
 * would, and the page it opens says whether the replay reached the file's trace hash.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { currentSession, selectProtocol, useLabStore } from '../../store/index.ts';
import {
  currentSimTime, currentTraceHash, exportFileName, IMPORT_CHECK_KEY, importTraceLink, MAX_TRACE_FILE, shivizText, traceFileText, type ImportCheck,
} from '../../store/exportRun.ts';
import { useLang } from '../i18n/index.ts';
import { tr } from '../strings.ts';
import { useDismiss } from '../useDismiss.ts';
import { ringScene } from './ringScene.ts';
import { sceneToPng, sceneToSvg, type Scene } from './scene.ts';
import { spaceTimeScene } from './spaceTimeScene.ts';
import { canRecordVideo, frameTimes, recordRingVideo } from './video.ts';
import './export.css';

const k = (key: string, values?: Record<string, unknown>) => tr(`exportMenu.${key}`, values);

/** Saves `blob` as a download named `name`. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface Message {
  kind: 'error' | 'ok' | 'warn';
  text: string;
}

/** What a picture says about itself: the lab, its seed and the moment. */
function caption(tMs: number): string {
  const p = useLabStore.getState().protocol;
  return `${p.title || 'ZooKeeper'} · seed ${p.seed} · t = ${(tMs / 1000).toFixed(3)} s`;
}

function configOf() {
  return currentSession()?.runtime.config ?? null;
}

/** Reads a dropped or chosen file and opens it if it is a good trace file; otherwise says why. */
async function openTraceFile(file: File, report: (m: Message) => void): Promise<void> {
  const name = file.name || 'file';
  const bad = (why: string) => report({ kind: 'error', text: k('importBad', { name, why }) });
  if (file.size > MAX_TRACE_FILE) return bad(`the file is larger than ${MAX_TRACE_FILE} bytes`);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return bad('the file could not be read');
  }
  const r = await importTraceLink(text, name, `${location.origin}${location.pathname}`, location.search);
  if ('error' in r) return bad(r.error);
  try {
    sessionStorage.setItem(IMPORT_CHECK_KEY, JSON.stringify(r.check));
  } catch {
    // No storage: the page opens all the same, without the hash check.
  }
  location.assign(r.link);
}

/** On the page an import opened: did the replay reach the file's hash? */
function importArrival(): Message | null {
  let check: ImportCheck;
  try {
    const raw = sessionStorage.getItem(IMPORT_CHECK_KEY);
    if (raw === null) return null;
    sessionStorage.removeItem(IMPORT_CHECK_KEY);
    check = JSON.parse(raw) as ImportCheck;
  } catch {
    return null;
  }
  if (new URLSearchParams(location.search).get('run') !== check.run) return null;
  const got = currentTraceHash();
  if (got === check.hash) return { kind: 'ok', text: k('importOk', { name: check.name, hash: got }) };
  return { kind: 'warn', text: k('importMismatch', { name: check.name, got: got ?? '?', want: check.hash }) };
}

function VideoPanel({ onClose, report }: { onClose: () => void; report: (m: Message) => void }) {
  const max = Math.floor(currentSimTime()) / 1000;
  const [from, setFrom] = useState(() => String(Math.max(0, Math.round((max - 2) * 10) / 10)));
  const [to, setTo] = useState(() => String(max));
  const [speed, setSpeed] = useState('0.25');
  const [fps, setFps] = useState('30');
  const [progress, setProgress] = useState<{ phase: 'frames' | 'encode'; done: number; total: number } | null>(null);
  const cancel = useRef(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const f = Number(from);
  const tt = Number(to);
  const valid = Number.isFinite(f) && Number.isFinite(tt) && f >= 0 && tt <= max + 1e-9 && f < tt;
  const times = valid ? frameTimes(f * 1000, tt * 1000, Number(fps), Number(speed)) : [];
  const record = async () => {
    cancel.current = false;
    setProgress({ phase: 'frames', done: 0, total: times.length });
    try {
      const config = configOf();
      const blob = await recordRingVideo({
        fromMs: f * 1000, toMs: tt * 1000, fps: Number(fps), speed: Number(speed), caption, title: k('video'),
        cancelled: () => cancel.current, onProgress: (phase, done, total) => setProgress({ phase, done, total }),
      });
      if (blob && config) download(exportFileName(config, tt * 1000, 'webm', 'ring'), blob);
      if (blob) onClose();
    } catch (e) {
      report({ kind: 'error', text: k('failed', { why: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setProgress(null);
    }
  };
  const onKey = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape' && !progress) {
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <div className="export-video" role="dialog" aria-label={k('videoTitle')} onKeyDown={onKey} data-export-video>
      <h3>{k('videoTitle')}</h3>
      {!canRecordVideo() ? (
        <p>{k('videoUnsupported')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (valid && !progress) void record();
          }}
        >
          <div className="export-video-fields">
            <label>
              {k('videoFrom')}
              <input ref={first} type="number" min={0} max={max} step="any" value={from} onChange={(e) => setFrom(e.target.value)} disabled={!!progress} />
            </label>
            <label>
              {k('videoTo')}
              <input type="number" min={0} max={max} step="any" value={to} onChange={(e) => setTo(e.target.value)} disabled={!!progress} />
            </label>
            <label>
              {k('videoSpeed')}
              <select value={speed} onChange={(e) => setSpeed(e.target.value)} disabled={!!progress}>
                {['0.1', '0.25', '0.5', '1'].map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <label>
              {k('videoFps')}
              <select value={fps} onChange={(e) => setFps(e.target.value)} disabled={!!progress}>
                {['24', '30'].map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="export-video-note" aria-live="polite">
            {valid ? k('videoFrameCount', { frames: times.length, seconds: (times.length / Number(fps)).toFixed(1) }) : k('videoBadSpan', { max })}
          </p>
          {progress && (
            <div className="export-video-progress">
              <progress max={progress.total} value={progress.done} aria-label={k(progress.phase === 'frames' ? 'videoFrames' : 'videoEncoding', progress)} />
              <span>{k(progress.phase === 'frames' ? 'videoFrames' : 'videoEncoding', progress)}</span>
            </div>
          )}
          <div className="export-video-buttons">
            {progress ? (
              <button type="button" className="btn btn-small" onClick={() => (cancel.current = true)}>
                {k('videoCancel')}
              </button>
            ) : (
              <>
                <button type="button" className="btn btn-small" onClick={onClose}>
                  {k('videoCancel')}
                </button>
                <button type="submit" className="btn btn-small btn-primary" disabled={!valid}>
                  {k('videoRecord')}
                </button>
              </>
            )}
          </div>
        </form>
      )}
    </div>
  );
}

export function ExportMenu() {
  useLang();
  useLabStore(selectProtocol); // re-render with the lab
  const ref = useRef<HTMLDetailsElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [dragging, setDragging] = useState(false);
  const [video, setVideo] = useState(false);
  useDismiss(ref);

  useEffect(() => {
    const m = importArrival();
    if (m) setMessage(m);
  }, []);

  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  const run = useCallback(async (fn: () => Promise<void>) => {
    close();
    try {
      await fn();
    } catch (e) {
      setMessage({ kind: 'error', text: k('failed', { why: e instanceof Error ? e.message : String(e) }) });
    }
  }, []);

  const picture = (which: 'ring' | 'timeline', format: 'svg' | 'png') =>
    run(async () => {
      const session = currentSession();
      const config = configOf();
      if (!session || !config) return;
      const s = useLabStore.getState();
      const scene: Scene | null = await session.ops.run(() => {
        const t = session.runtime.sim.now;
        return which === 'ring' ? ringScene(caption(t), k('ringSvg')) : spaceTimeScene(session.runtime.sim, s.protocol, s.serverIds, caption(t), k('timelineSvg'));
      });
      if (!scene) throw new Error('the ring is not on the page');
      const name = exportFileName(config, session.runtime.sim.now, format, which);
      download(name, format === 'svg' ? new Blob([sceneToSvg(scene)], { type: 'image/svg+xml' }) : await sceneToPng(scene));
    });

  // Dropping a file anywhere on the page opens it.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer!.files[0];
      if (file) void openTraceFile(file, setMessage);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const items = () => [...(panel.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const onMenuKey = (e: ReactKeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (j: number) => {
      e.preventDefault();
      list[(j + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
  };

  const item = (key: string, onClick: () => void, extra: Record<string, string> = {}) => (
    <button type="button" role="menuitem" className="export-item" title={extra.title} data-export={extra.id} onClick={onClick}>
      {k(key)}
    </button>
  );

  return (
    <>
      <details
        className="export-menu"
        ref={ref}
        onToggle={(e) => {
          if (e.currentTarget.open) requestAnimationFrame(() => items()[0]?.focus());
        }}
      >
        <summary title={k('title')} aria-haspopup="menu">
          {k('button')}
        </summary>
        <div className="export-menu-panel" role="menu" aria-label={k('label')} ref={panel} onKeyDown={onMenuKey}>
          {item('trace', () => void run(async () => {
            const f = await traceFileText();
            download(f.name, new Blob([f.text], { type: 'application/json' }));
          }), { title: k('traceTitle'), id: 'trace' })}
          {item('open', () => {
            close();
            fileInput.current?.click();
          }, { title: k('openTitle'), id: 'open' })}
          {item('shiviz', () => void run(async () => {
            const f = await shivizText();
            download(f.name, new Blob([f.text], { type: 'text/plain' }));
          }), { title: k('shivizTitle'), id: 'shiviz' })}
          <div role="separator" className="export-sep" />
          {item('ringSvg', () => void picture('ring', 'svg'), { id: 'ring-svg' })}
          {item('ringPng', () => void picture('ring', 'png'), { id: 'ring-png' })}
          {item('timelineSvg', () => void picture('timeline', 'svg'), { id: 'timeline-svg' })}
          {item('timelinePng', () => void picture('timeline', 'png'), { id: 'timeline-png' })}
          <div role="separator" className="export-sep" />
          {item('video', () => {
            close();
            setVideo(true);
          }, { title: k('videoTitle'), id: 'video' })}
        </div>
      </details>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="export-file"
        aria-label={k('fileLabel')}
        tabIndex={-1}
        data-export-file
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void openTraceFile(file, setMessage);
        }}
      />
      {video && <VideoPanel onClose={() => setVideo(false)} report={setMessage} />}
      {message && (
        <div className={`export-message export-message-${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'} data-export-message={message.kind}>
          <span>{message.text}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setMessage(null)}>
            {k('dismiss')}
          </button>
        </div>
      )}
      {dragging && (
        <div className="export-drop" aria-hidden="true">
          <div>{k('dropHint')}</div>
        </div>
      )}
    </>
  );
}
