/**
 * Entry point: read the URL (docs/architecture.md), build the runtime with one Web Worker per server,
 * hand it to the store, start the frame loop (1×, playing), render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLabConfig, urlProblem, type UrlProblem } from '../protocol/config.ts';
import { decodeRunParam, initLab, parseUrlScript, runConsoleText, startFrameLoop } from '../store/index.ts';
import { LabPage } from '../ui/LabPage.tsx';
import { lessonEnsembleParams, lessonFromUrl } from '../ui/lessons/LessonPanel.tsx';
import { WorkerHost } from '../worker/workerHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import '../ui/styles.css';
import { loadProtocolTexts } from './texts.ts';

// Every protocol's own texts (its log events, roles, invariants) and the link problems, in both languages.
loadProtocolTexts();

declare global {
  interface Window {
    /** For debugging in the devtools only; tests drive the lab through the UI and the console. */
    __lab?: { runtime: LabRuntime };
  }
}

const pageParams = new URLSearchParams(window.location.search);
// `?lesson=NAME&step=K`: the lesson's ensemble, paused so that only the lesson moves the clock.
const lesson = await lessonFromUrl(pageParams);
const { config, problems } = parseLabConfig(lessonEnsembleParams(pageParams, lesson));
let runtime = new LabRuntime(config, () => new WorkerHost());
// `?run=…`: a shared run (Share): validated, replayed exactly, opened paused where it was shared.
// A bad link is reported and the lab opens fresh.
const runParam = lesson ? null : pageParams.get('run');
const runErrors: UrlProblem[] = [];
let loadedRun = false;
if (runParam !== null) {
  const decoded = await decodeRunParam(runParam, config);
  if ('error' in decoded) runErrors.push(urlProblem('run', { why: decoded.error }));
  else {
    try {
      await runtime.loadRun(decoded.run);
      loadedRun = true;
    } catch (e) {
      runErrors.push(urlProblem('run', { why: e instanceof Error ? e.message : String(e) }));
      runtime.dispose();
      runtime = new LabRuntime(config, () => new WorkerHost());
    }
  }
}
window.__lab = { runtime };
// `?do=…`: console lines the link runs first (a prepared demo, a soak failure), queued before the
// first frame so the result is the same on any machine; not with a lesson, which drives the console.
const script = lesson
  ? { lines: [], problems: pageParams.has('do') ? [urlProblem('doLesson')] : [] }
  : parseUrlScript(pageParams);
initLab(runtime, { configErrors: [...problems, ...runErrors, ...script.problems], paused: lesson?.lesson || loadedRun ? true : undefined });
if (script.lines.length > 0) void runConsoleText(script.lines.join('\n'));
startFrameLoop();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <LabPage lesson={lesson} />
  </StrictMode>,
);
