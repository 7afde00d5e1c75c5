/**
 * Entry point: render the page's root, read the URL (docs/architecture.md), build the runtime with
 * one Web Worker per server (replaying a shared run, with its progress shown), hand it to the
 * store, start the frame loop (1×, playing), render the lab.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLabConfig, urlProblem, type UrlProblem } from '../protocol/config.ts';
import { decodeRunParam, frameStats, holdDrawing, initLab, parseUrlScript, runConsoleText, startFrameLoop, trackFastForward } from '../store/index.ts';
import { LabPage } from '../ui/LabPage.tsx';
import { parseEmbedParams } from '../ui/embed/embedParams.ts';
import { FastForwardProgress } from '../ui/controls/FastForwardProgress.tsx';
import { lessonEnsembleParams, lessonFromUrl } from '../ui/lessons/LessonPanel.tsx';
import { WorkerHost } from '../worker/workerHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import '../ui/styles.css';
import '../ui/responsive.css';
import { loadProtocolTexts } from './texts.ts';
import { loadInitialLang } from '../ui/i18n/index.ts';

// Every protocol's own texts (its log events, roles, invariants) and the link problems, in both languages.
loadProtocolTexts();
// The page's language before anything is drawn (简体中文's dictionary is its own chunk).
await loadInitialLang();

declare global {
  interface Window {
    /**
     * For debugging in the devtools and for tests' measurements: the runtime, what the frame loop
     * drew (frameStats), and holdDrawing (the bench measures the lab with nothing drawn).
     */
    __lab?: { runtime: LabRuntime; frames: typeof frameStats; holdDrawing: typeof holdDrawing };
  }
}

// The page first: a shared link replaying (below) shows its progress (FastForwardProgress).
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
const root = createRoot(rootElement);
root.render(
  <StrictMode>
    <FastForwardProgress />
  </StrictMode>,
);

const pageParams = new URLSearchParams(window.location.search);
// `?lesson=NAME&step=K`: the lesson's ensemble, paused so that only the lesson moves the clock.
const lesson = await lessonFromUrl(pageParams);
const { config, problems } = parseLabConfig(lessonEnsembleParams(pageParams, lesson));
let runtime = new LabRuntime(config, () => new WorkerHost());
window.__lab = { runtime, frames: frameStats, holdDrawing };
// `?run=…`: a shared run (Share): validated, replayed exactly, opened paused where it was shared.
// A bad link is reported and the lab opens fresh.
const runParam = lesson ? null : pageParams.get('run');
const runErrors: UrlProblem[] = [];
let loadedRun = false;
if (runParam !== null) {
  const decoded = await decodeRunParam(runParam, config);
  if ('error' in decoded) runErrors.push(urlProblem('run', { why: decoded.error }));
  else {
    // No frame loop yet: follow the replay's progress here.
    let following = true;
    const follow = () => {
      if (!following) return;
      trackFastForward(runtime.fastForward);
      requestAnimationFrame(follow);
    };
    requestAnimationFrame(follow);
    try {
      await runtime.loadRun(decoded.run);
      loadedRun = true;
    } catch (e) {
      runErrors.push(urlProblem('run', { why: e instanceof Error ? e.message : String(e) }));
      runtime.dispose();
      runtime = new LabRuntime(config, () => new WorkerHost());
    } finally {
      following = false;
      trackFastForward(null);
    }
  }
}
window.__lab = { runtime, frames: frameStats, holdDrawing };
// `?do=…`: console lines the link runs first (a prepared demo, a soak failure), queued before the
// first frame so the result is the same on any machine; not with a lesson, which drives the console.
const script = lesson
  ? { lines: [], problems: pageParams.has('do') ? [urlProblem('doLesson')] : [] }
  : parseUrlScript(pageParams);
initLab(runtime, { configErrors: [...problems, ...runErrors, ...script.problems], paused: lesson?.lesson || loadedRun ? true : undefined });
if (script.lines.length > 0) void runConsoleText(script.lines.join('\n'));
startFrameLoop();

// `?embed&views=…`: the chosen views only, for an iframe (src/ui/embed/).
const embed = parseEmbedParams(pageParams);
// Its own chunk: a plain visit does not load the embed's page and postMessage bridge.
const EmbedPage = embed ? (await import('../ui/embed/EmbedPage.tsx')).EmbedPage : null;
root.render(
  <StrictMode>
    {embed && EmbedPage ? <EmbedPage settings={embed} lesson={lesson} /> : <LabPage lesson={lesson} />}
    <FastForwardProgress />
  </StrictMode>,
);

// Offline: the service worker, registered once the lab is on screen, from a lazy chunk (the first
// load stays as it was); not in development, where Vite serves the sources.
if (import.meta.env.PROD) void import('../ui/pwa/registerPwa.tsx').then((m) => m.registerPwa());
