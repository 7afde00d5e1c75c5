/**
 * The lesson player (issue 6): table of contents → a lesson's steps → finished, or the sandbox.
 * Each step: narrating → (Do it for me) running → checking → passed | failed, or (Try it
 * yourself) waiting for the learner, who acts in the console while the page sends CHECK events.
 *
 * The machine holds no runtime: what touches the lab is four invoked actors the page provides
 * (`machine.provide({ actors })`): `mark` (where the lab is now: simulated time, trace length,
 * console position), `runActions` (play a step's console lines), `rewind` (seek back to a mark —
 * a real rewind) and `checkStep` (evaluate a step's checks since its mark).
 */
import { assign, fromPromise, setup } from 'xstate';
import type { CheckResult } from '../worker/lessonChecks.ts';

/** Where the lab was when a step began. */
export interface StepMark {
  /** Simulated ms. */
  t: number;
  /** Trace length (packet checks look from here). */
  trace: number;
  /** Last console line id (output checks look after it). */
  line: number;
}

export interface LessonPlayerContext {
  lessonId: string | null;
  stepCount: number;
  /** 0-based index of the current step. */
  index: number;
  /** 0-based step to stop autoplay at (from `?step=K`). */
  target: number;
  /** marks[i]: where the lab was when step i began. */
  marks: StepMark[];
  results: CheckResult[];
}

export type LessonPlayerEvent =
  | { type: 'OPEN'; lessonId: string; stepCount: number; step?: number }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'DO_IT' }
  | { type: 'TRY_YOURSELF' }
  | { type: 'SANDBOX' }
  | { type: 'CHECK'; results: CheckResult[] }
  /** The table of contents: go to step `step` (1-based) as the lesson plays it. */
  | { type: 'GOTO'; step: number };

export interface LessonPlayerInput {
  lessonId?: string;
  stepCount?: number;
  /** 1-based step to open at. */
  step?: number;
}

const allOk = (results: readonly CheckResult[]) => results.every((r) => r.ok);

const gotoIndex = (context: LessonPlayerContext, step: number) => clampTarget(step, context.stepCount);

function clampTarget(step: number | undefined, stepCount: number): number {
  const k = Math.floor(step ?? 1);
  return Number.isFinite(k) ? Math.min(Math.max(k, 1), Math.max(stepCount, 1)) - 1 : 0;
}

/**
 * GOTO once the learner (or Do it for me) acted on the current step: an earlier step or this one
 * rewinds to where it began; a later one plays forward from this step's start.
 */
const GOTO_AFTER_ACTING = [
  { guard: 'gotoBegun', target: 'rewinding', actions: 'gotoIndex' },
  { guard: 'gotoHere', target: 'rewinding' },
  { guard: 'gotoLater', target: '#lessonPlayer.seeking', actions: 'gotoTarget' },
] as const;

export const lessonPlayerMachine = setup({
  types: {
    context: {} as LessonPlayerContext,
    events: {} as LessonPlayerEvent,
    input: {} as LessonPlayerInput,
  },
  actors: {
    mark: fromPromise<StepMark>(() => Promise.resolve({ t: 0, trace: 0, line: 0 })),
    runActions: fromPromise<void, { index: number }>(() => Promise.resolve()),
    rewind: fromPromise<void, { mark: StepMark }>(() => Promise.resolve()),
    checkStep: fromPromise<CheckResult[], { index: number; mark: StepMark }>(() => Promise.resolve([])),
  },
  guards: {
    hasLesson: ({ context }) => context.lessonId !== null && context.stepCount > 0,
    autoplayDone: ({ context }) => context.index >= context.target,
    atFirstStep: ({ context }) => context.index === 0,
    isLastStep: ({ context }) => context.index >= context.stepCount - 1,
    checksHold: ({ event }) => event.type === 'CHECK' && allOk(event.results),
    markedHere: ({ context }) => context.marks[context.index] !== undefined,
    /** GOTO a step already begun (before the current one, or the current one after acting on it). */
    gotoBegun: ({ context, event }) => event.type === 'GOTO' && gotoIndex(context, event.step) < context.index,
    gotoLater: ({ context, event }) => event.type === 'GOTO' && gotoIndex(context, event.step) > context.index,
    gotoHere: ({ context, event }) => event.type === 'GOTO' && gotoIndex(context, event.step) === context.index,
  },
  actions: {
    clearResults: assign({ results: () => [] }),
    nextIndex: assign({ index: ({ context }) => context.index + 1 }),
    prevIndex: assign({ index: ({ context }) => Math.max(0, context.index - 1) }),
    lastIndex: assign({ index: ({ context }) => context.stepCount - 1 }),
    /** A step's mark is forgotten once the lab is rewound before it. */
    forgetLaterMarks: assign({ marks: ({ context }) => context.marks.slice(0, context.index + 1) }),
    storeResults: assign({ results: ({ event }) => (event.type === 'CHECK' ? event.results : []) }),
    /** GOTO an earlier step: it becomes current (its mark is where the rewind lands). */
    gotoIndex: assign({ index: ({ context, event }) => (event.type === 'GOTO' ? gotoIndex(context, event.step) : context.index) }),
    /** GOTO a later step: autoplay runs from the current step's start up to it. */
    gotoTarget: assign({ target: ({ context, event }) => (event.type === 'GOTO' ? gotoIndex(context, event.step) : context.target) }),
  },
}).createMachine({
  id: 'lessonPlayer',
  context: ({ input }) => ({
    lessonId: input.lessonId ?? null,
    stepCount: input.stepCount ?? 0,
    index: 0,
    target: clampTarget(input.step, input.stepCount ?? 0),
    marks: [],
    results: [],
  }),
  initial: 'opening',
  states: {
    opening: {
      always: [{ guard: 'hasLesson', target: 'autoplay' }, { target: 'toc' }],
    },
    toc: {
      on: {
        OPEN: {
          target: 'autoplay',
          actions: assign(({ event }) => ({
            lessonId: event.lessonId,
            stepCount: event.stepCount,
            index: 0,
            target: clampTarget(event.step, event.stepCount),
            marks: [],
            results: [],
          })),
        },
      },
    },
    /** `?step=K`: plays steps 1..K-1 for the learner, recording where each began. */
    autoplay: {
      initial: 'marking',
      states: {
        marking: {
          always: { guard: 'autoplayDone', target: '#lessonPlayer.step' },
          invoke: {
            src: 'mark',
            onDone: {
              target: 'running',
              actions: assign({ marks: ({ context, event }) => [...context.marks.slice(0, context.index), event.output] }),
            },
          },
        },
        running: {
          invoke: {
            src: 'runActions',
            input: ({ context }) => ({ index: context.index }),
            onDone: { target: 'marking', actions: 'nextIndex' },
          },
        },
      },
      on: { SANDBOX: '#lessonPlayer.sandbox' },
    },
    step: {
      initial: 'entering',
      entry: 'clearResults',
      states: {
        /** Records where the lab is as the step begins (unless it was recorded before). */
        entering: {
          always: { guard: 'markedHere', target: 'narrating' },
          invoke: {
            src: 'mark',
            onDone: {
              target: 'narrating',
              actions: assign({ marks: ({ context, event }) => [...context.marks.slice(0, context.index), event.output] }),
            },
          },
        },
        /** Seeks the lab back to where the step began. */
        rewinding: {
          entry: ['forgetLaterMarks', 'clearResults'],
          invoke: {
            src: 'rewind',
            input: ({ context }) => ({ mark: context.marks[context.index]! }),
            onDone: 'narrating',
          },
        },
        narrating: {
          on: {
            DO_IT: 'running',
            TRY_YOURSELF: 'waiting',
            BACK: { guard: ({ context }) => context.index > 0, target: 'rewinding', actions: 'prevIndex', reenter: true },
            // Nothing of this step has run: going to it is staying.
            GOTO: [
              { guard: 'gotoBegun', target: 'rewinding', actions: 'gotoIndex', reenter: true },
              { guard: 'gotoLater', target: '#lessonPlayer.seeking', actions: 'gotoTarget' },
            ],
          },
        },
        running: {
          invoke: { src: 'runActions', input: ({ context }) => ({ index: context.index }), onDone: 'checking' },
        },
        checking: {
          invoke: {
            src: 'checkStep',
            input: ({ context }) => ({ index: context.index, mark: context.marks[context.index]! }),
            onDone: [
              { guard: ({ event }) => allOk(event.output), target: 'passed', actions: assign({ results: ({ event }) => event.output }) },
              { target: 'failed', actions: assign({ results: ({ event }) => event.output }) },
            ],
          },
        },
        /** Try it yourself: the learner acts; the page sends CHECK after every command / frame. */
        waiting: {
          on: {
            CHECK: [
              { guard: 'checksHold', target: 'passed', actions: 'storeResults' },
              { actions: 'storeResults' },
            ],
            DO_IT: 'running',
            BACK: 'rewinding',
            GOTO: GOTO_AFTER_ACTING,
          },
        },
        failed: {
          on: { DO_IT: 'running', TRY_YOURSELF: 'waiting', BACK: 'rewinding', GOTO: GOTO_AFTER_ACTING },
        },
        passed: {
          on: {
            NEXT: [
              { guard: 'isLastStep', target: '#lessonPlayer.finished' },
              { target: '#lessonPlayer.step', actions: 'nextIndex', reenter: true },
            ],
            BACK: 'rewinding',
            GOTO: GOTO_AFTER_ACTING,
          },
        },
      },
      on: { SANDBOX: '#lessonPlayer.sandbox' },
    },
    /** GOTO a later step: back to where the current step began, then autoplay up to the target. */
    seeking: {
      invoke: {
        src: 'rewind',
        input: ({ context }) => ({ mark: context.marks[context.index]! }),
        onDone: { target: 'autoplay', actions: 'forgetLaterMarks' },
      },
    },
    finished: {
      on: {
        BACK: { target: '#lessonPlayer.step.rewinding', actions: 'lastIndex' },
        // Every step has its mark: any step of the table of contents is a rewind away.
        GOTO: { target: '#lessonPlayer.step.rewinding', actions: 'gotoIndex' },
        SANDBOX: 'sandbox',
      },
    },
    /** Left the lesson: the lab stays as it is. */
    sandbox: { type: 'final' },
  },
});
