/**
 * Entry point: read the URL (DESIGN.md §4), build the runtime with one Web Worker per server,
 * hand it to the store, start the frame loop (1×, playing), render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLabConfig } from '../sim/config.ts';
import { initLab, parseUrlScript, runConsoleText, startFrameLoop } from '../store/index.ts';
import { LabPage } from '../ui/LabPage.tsx';
import { lessonEnsembleParams, lessonFromUrl } from '../ui/lessons/LessonPanel.tsx';
import { WorkerHost } from '../worker/workerHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import '../ui/styles.css';

declare global {
  interface Window {
    /** For debugging in the devtools only; tests drive the lab through the UI and the console. */
    __lab?: { runtime: LabRuntime };
  }
}

const pageParams = new URLSearchParams(window.location.search);
// `?lesson=NAME&step=K`: the lesson's ensemble, paused so that only the lesson moves the clock.
const lesson = await lessonFromUrl(pageParams);
const { config, errors } = parseLabConfig(lessonEnsembleParams(pageParams, lesson));
const runtime = new LabRuntime(config, () => new WorkerHost());
window.__lab = { runtime };
// `?do=…`: console lines the link runs first (a prepared demo, a soak failure), queued before the
// first frame so the result is the same on any machine; not with a lesson, which drives the console.
const script = lesson
  ? { lines: [], errors: pageParams.has('do') ? ['do: not run on a lesson page (the lesson drives the console)'] : [] }
  : parseUrlScript(pageParams);
initLab(runtime, { configErrors: [...errors, ...script.errors], paused: lesson?.lesson ? true : undefined });
if (script.lines.length > 0) void runConsoleText(script.lines.join('\n'));
startFrameLoop();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <LabPage lesson={lesson} />
  </StrictMode>,
);
