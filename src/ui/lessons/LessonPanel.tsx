/**
 * The lesson player's panel (issue 6): the lesson's steps, the current step's narration in the
 * current language, Next / Back / Do it for me / Try it yourself / Sandbox from here, and the
 * step's checks (✓ / ✗, `data-check-ok`). The machine (machines/lessonPlayerMachine.ts) decides;
 * the actors here touch the lab through the store, so every action is echoed in the console.
 */
import type { ZkSimulation } from '../../protocol/zookeeper.ts';
import { useMachine } from '@xstate/react';
import { useEffect, useMemo } from 'react';
import { fromPromise } from 'xstate';
import { LESSON_CATALOG } from '../../../lessons/catalog.ts';
import type { Check, Lang, Lesson } from '../../../lessons/types.ts';
import { lessonPlayerMachine, type StepMark } from '../../machines/lessonPlayerMachine.ts';
import { ensembleText, evaluateChecks, type CheckResult } from '../../worker/lessonChecks.ts';
import { currentSession, holdDrawing, openConsoleTab, runConsoleLine, seekTo, subscribeFrame, syncLab, useLabStore } from '../../store/index.ts';
import { i18n, lessonTitle } from '../i18n';
import { t, tr } from '../strings.ts';
import { useLessonRemote } from '../present/lessonRemote.ts';
import { LessonText, lessonHref } from './LessonText.tsx';

export { LessonText, lessonHref };

export interface LessonLaunch {
  /** The lesson's id as the URL named it. */
  name: string;
  lesson: Lesson | null;
  /** 1-based step to open at. */
  step: number;
}

/**
 * `?lesson=NAME&step=K`, or null when the URL names no lesson. The lessons are loaded here, on
 * demand (their own chunk), so a page without a lesson does not download them.
 */
export async function lessonFromUrl(params: URLSearchParams): Promise<LessonLaunch | null> {
  const name = params.get('lesson');
  if (name === null) return null;
  const known = LESSON_CATALOG.some((l) => l.id === name);
  const lesson = known ? ((await import('../../../lessons/index.ts')).LESSONS.find((l) => l.id === name) ?? null) : null;
  const step = Number(params.get('step') ?? '1');
  return { name, lesson, step: Number.isInteger(step) && step >= 1 ? step : 1 };
}

/** The URL parameters the lab is built from: the lesson's ensemble over the page's own. */
export function lessonEnsembleParams(params: URLSearchParams, launch: LessonLaunch | null): URLSearchParams {
  const merged = new URLSearchParams(params);
  if (launch?.lesson) for (const [k, v] of new URLSearchParams(launch.lesson.ensemble)) merged.set(k, v);
  return merged;
}

function requireSession() {
  const s = currentSession();
  if (!s) throw new Error('no lab session');
  return s;
}

function lastLineId(): number {
  let max = 0;
  for (const tab of useLabStore.getState().consoleTabs) {
    const last = tab.lines.at(-1);
    if (last && last.id > max) max = last.id;
  }
  return max;
}

/**
 * What the consoles printed since `line` — not the echoed commands: an output check is about
 * what the lab answered, as in the headless runner (a typed `set /a v` must not satisfy "v").
 */
export function outputSince(line: number): string[] {
  const out: string[] = [];
  for (const tab of useLabStore.getState().consoleTabs) for (const l of tab.lines) if (l.id > line && l.kind !== 'echo') out.push(l.text);
  return out;
}

function checkNow(lesson: Lesson, index: number, mark: StepMark): CheckResult[] {
  const sim = requireSession().runtime.sim as unknown as ZkSimulation;
  return evaluateChecks({ sim, from: mark.trace, output: outputSince(mark.line) }, lesson.steps[index]?.checks ?? []);
}

/**
 * Runs a lesson's console lines in the page as the headless runner (src/worker/lessonRunner.ts)
 * does: a lesson's console N (`@N get /a`) is a console tab of the page; console 1 is the first tab.
 */
export function lessonLineRunner(): (line: string) => Promise<void> {
  const tabs = new Map<number, number>();
  return async (line: string) => {
    const m = /^@(\d+)\s+(.*)$/.exec(line);
    const n = m ? Number(m[1]) : 1;
    const command = m ? m[2]! : line;
    if (n === 1) return runConsoleLine(command, useLabStore.getState().consoleTabs[0]?.id);
    let tab = tabs.get(n);
    if (tab === undefined || !useLabStore.getState().consoleTabs.some((t) => t.id === tab)) {
      // Like the headless runner's console: started on zk1, its session established first.
      tab = await openConsoleTab(1, { waitForSession: true });
      tabs.set(n, tab);
    }
    return runConsoleLine(command, tab);
  };
}

function playerFor(lesson: Lesson) {
  const run = lessonLineRunner();
  return lessonPlayerMachine.provide({
    actors: {
      mark: fromPromise<StepMark>(async () => {
        const session = requireSession();
        await session.ops.run(() => Promise.resolve()); // let queued commands finish first
        const sim = session.runtime.sim;
        return { t: sim.now, trace: sim.trace.length, line: lastLineId() };
      }),
      runActions: fromPromise<void, { index: number }>(async ({ input }) => {
        for (const line of lesson.steps[input.index]?.actions ?? []) await run(line);
      }),
      rewind: fromPromise<void, { mark: StepMark }>(async ({ input }) => {
        await seekTo(input.mark.t);
        syncLab();
      }),
      checkStep: fromPromise<CheckResult[], { index: number; mark: StepMark }>(({ input }) =>
        Promise.resolve(checkNow(lesson, input.index, input.mark)),
      ),
    },
  });
}

/** Every lesson as a link, in the current language. */
export function LessonList() {
  const lang = (i18n.language === 'zh-CN' ? 'zh-CN' : 'en') as Lang;
  return (
    <ol className="lesson-list">
      {LESSON_CATALOG.map((l) => (
        <li key={l.id}>
          <a href={lessonHref(l.id)} data-lesson-link={l.id}>{lessonTitle(l, lang)}</a>
        </li>
      ))}
    </ol>
  );
}

function TableOfContents({ name }: { name: string }) {
  return (
    <section className="lesson-panel panel" aria-label={t.lessonsTitle} data-lesson-state="toc">
      <h2>{t.lessonsTitle}</h2>
      {name !== '' && <p>{tr('lessonUnknown', { name })}</p>}
      <LessonList />
    </section>
  );
}

/** A step's check as the learner reads it, in the current language (processes named as the lab's protocol names them). */
export function checkText(c: Check, names: Readonly<Record<number, string>> = useLabStore.getState().protocol.names): string {
  const name = (id: number) => names[id] ?? `zk${id}`;
  switch (c.kind) {
    case 'state':
      return tr('lessonCheckState', { s: name(c.server), state: c.is });
    case 'epoch':
      return tr('lessonCheckEpoch', { s: name(c.server), epoch: c.is });
    case 'packet': {
      const values = { type: c.type, from: c.from !== undefined ? name(c.from) : '*', to: c.to !== undefined ? name(c.to) : '*' };
      return tr(c.absent ? 'lessonCheckNoPacket' : 'lessonCheckPacket', values);
    }
    case 'output':
      return tr(c.absent ? 'lessonCheckNoOutput' : 'lessonCheckOutput', { text: c.contains });
    case 'throughput':
      return tr(c.atLeast !== undefined ? 'lessonCheckThroughputAtLeast' : 'lessonCheckThroughputAtMost', {
        reads: c.reads, a: ensembleText(c.a), b: ensembleText(c.b), k: c.atLeast ?? c.atMost ?? 1,
      });
  }
}

/** A step's first sentence, for the table of contents. */
function firstSentence(text: string): string {
  // A full stop ends it when a space follows (so `3.8` or `0x0.` inside a sentence do not); 。 always does.
  const m = /^(.+?)(?:[.:](?=\s|$)|[。：])/u.exec(text);
  return m ? m[1]! : text;
}

export function LessonPanel({ launch }: { launch: LessonLaunch }) {
  if (!launch.lesson) return <TableOfContents name={launch.name} />;
  return <Player lesson={launch.lesson} step={launch.step} />;
}

function Player({ lesson, step }: { lesson: Lesson; step: number }) {
  const machine = useMemo(() => playerFor(lesson), [lesson]);
  const [snap, send] = useMachine(machine, { input: { lessonId: lesson.id, stepCount: lesson.steps.length, step } });
  const lang = (i18n.language === 'zh-CN' ? 'zh-CN' : 'en') as Lang;
  const { index, results, marks } = snap.context;
  const waiting = snap.matches({ step: 'waiting' });
  // A presenter's clicker steps this lesson (../present/lessonRemote.ts).
  useLessonRemote(snap, send);
  const mark = marks[index];

  // Try it yourself: re-check after every console command and every frame, when something changed.
  useEffect(() => {
    if (!waiting || !mark) return;
    let key = '';
    const recheck = () => {
      const session = requireSession();
      const k = `${session.runtime.generation}:${session.runtime.sim.trace.length}:${lastLineId()}`;
      if (k === key) return;
      key = k;
      send({ type: 'CHECK', results: checkNow(lesson, index, mark) });
    };
    const unFrame = subscribeFrame(recheck);
    const unStore = useLabStore.subscribe(recheck);
    return () => {
      unFrame();
      unStore();
    };
  }, [waiting, mark, lesson, index, send]);

  // The address follows the step, so a reload or a shared link opens the lesson where it is.
  const stepInUrl = snap.matches('step') ? index + 1 : null;
  useEffect(() => {
    if (stepInUrl === null) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get('step') === String(stepInUrl)) return;
    url.searchParams.set('step', String(stepInUrl));
    window.history.replaceState(null, '', url);
  }, [stepInUrl]);

  // Playing the lesson up to its step, nothing is drawn until it arrives (src/store/fastForward.ts).
  const autoplaying = snap.status !== 'done' && (snap.matches('autoplay') || snap.matches('seeking'));
  useEffect(() => (autoplaying ? holdDrawing() : undefined), [autoplaying]);

  const done = snap.status === 'done';
  useEffect(() => {
    if (!done) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('lesson');
    url.searchParams.delete('step');
    for (const [k, v] of new URLSearchParams(lesson.ensemble)) url.searchParams.set(k, v);
    window.history.replaceState(null, '', url);
  }, [done, lesson]);
  if (done) return null;

  const finished = snap.matches('finished');
  const state = finished ? 'finished' : snap.matches('step') ? String((snap.value as { step: string }).step) : 'autoplay';
  const busy = !finished && !['narrating', 'waiting', 'passed', 'failed'].includes(state);
  const current = lesson.steps[index]!;
  return (
    <section className="lesson-panel panel" aria-label={t.lessonsTitle} data-lesson={lesson.id} data-lesson-state={state} data-step={index + 1}>
      <header className="panel-head">
        <h2>{lesson.title[lang]}</h2>
        <span className="lesson-progress">{tr('lessonStepOf', { k: index + 1, n: lesson.steps.length })}</span>
      </header>
      <ol className="lesson-toc" aria-label={t.lessonContents}>
        {lesson.steps.map((s, i) => (
          <li key={i} className={i === index ? 'current' : i < index ? 'done' : ''}>
            {/* Going to a step plays the lesson up to it, or rewinds to where it began. */}
            <button
              type="button"
              className="lesson-toc-step"
              aria-current={i === index ? 'step' : undefined}
              title={tr('lessonGoTo', { k: i + 1 })}
              disabled={!snap.can({ type: 'GOTO', step: i + 1 })}
              onClick={() => send({ type: 'GOTO', step: i + 1 })}
            >
              <LessonText text={firstSentence(s.narration[lang])} lang={lang} links={false} />
            </button>
          </li>
        ))}
      </ol>
      {finished ? (
        <div className="lesson-finished">
          <p>{t.lessonFinished}</p>
          <h3>{t.lessonChallenge}</h3>
          <p data-testid="lesson-challenge"><LessonText text={lesson.challenge[lang]} lang={lang} /></p>
        </div>
      ) : (
        <>
          <p className="lesson-narration" data-testid="lesson-narration"><LessonText text={current.narration[lang]} lang={lang} /></p>
          {waiting && <p className="lesson-hint">{t.lessonTryHint}</p>}
          {waiting && current.actions.length > 0 && (
            // The step's own commands, for a learner who is stuck (`@N` is console tab N).
            <details className="lesson-commands">
              <summary>{t.lessonShowCommands}</summary>
              <ol>
                {current.actions.map((a, i) => (
                  <li key={i}>
                    <code>{a}</code>
                  </li>
                ))}
              </ol>
              {current.actions.some((a) => a.startsWith('@')) && <p className="lesson-hint">{t.lessonConsoleHint}</p>}
            </details>
          )}
          {busy && <p className="lesson-busy" aria-live="polite">{t.lessonWorking}</p>}
          <h3>{t.lessonChecks}</h3>
          <ul className="lesson-checks" aria-label={t.lessonChecks}>
            {current.checks.map((c, i) => {
              const r = results[i];
              return (
                <li key={i} data-check-ok={r ? String(r.ok) : 'pending'} title={r?.actual}>
                  <span aria-hidden="true">{r ? (r.ok ? '✓' : '✗') : '·'}</span> {checkText(c)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="lesson-buttons">
        <button type="button" className="btn btn-small" onClick={() => send({ type: 'BACK' })} disabled={!snap.can({ type: 'BACK' })}>{t.lessonBack}</button>
        <button type="button" className="btn btn-small btn-primary" onClick={() => send({ type: 'DO_IT' })} disabled={!snap.can({ type: 'DO_IT' })}>{t.lessonDoIt}</button>
        <button type="button" className="btn btn-small" onClick={() => send({ type: 'TRY_YOURSELF' })} disabled={!snap.can({ type: 'TRY_YOURSELF' })}>{t.lessonTry}</button>
        <button type="button" className="btn btn-small" onClick={() => send({ type: 'NEXT' })} disabled={!snap.can({ type: 'NEXT' })}>{t.lessonNext}</button>
        <button type="button" className="btn btn-small btn-ghost" title={t.lessonSandboxTitle} onClick={() => send({ type: 'SANDBOX' })} disabled={!snap.can({ type: 'SANDBOX' })}>
          {t.lessonSandbox}
        </button>
      </div>
    </section>
  );
}
