/**
 * Lessons are data: narration in every UI language, the console lines a step performs (the
 * automation contract's `lab …` commands and zkCli commands), and checks that must hold before
 * the next step. The same data drives the headless runner in CI (src/worker/lessonRunner.ts).
 */
export type Lang = 'en' | 'zh-CN';

/** Text in every language the lab speaks. */
export type Text = Record<Lang, string>;

export type Check =
  /** A server is in this role (DOWN = not running). */
  | { kind: 'state'; server: number; is: 'LOOKING' | 'FOLLOWING' | 'LEADING' | 'OBSERVING' | 'DOWN' }
  /** A server's srvr Zxid has this epoch (the high 32 bits). */
  | { kind: 'epoch'; server: number; is: number }
  /** A packet of this type was delivered during the step (optionally to / from a server); with `absent`, none was. */
  | { kind: 'packet'; type: string; to?: number; from?: number; absent?: true }
  /** The console printed a line containing this text during the step; with `absent`, no line contains it. */
  | { kind: 'output'; contains: string; absent?: true }
  /**
   * The chart's numbers: in this step's `lab sweep` output, the throughput (ops/s) of ensemble `a`
   * at `reads`% reads is at least `atLeast` × that of ensemble `b` (`atMost`: at most).
   */
  | { kind: 'throughput'; reads: number; a: Ensemble; b: Ensemble; atLeast?: number; atMost?: number };

/** An ensemble as `lab sweep` prints it: `sweep: 3 voters + 2 observers`. */
export interface Ensemble {
  voters: number;
  observers: number;
}

export interface Step {
  /**
   * What the step says. `code` spans are set as code; `[[lesson-id]]` links to another lesson (it
   * reads as that lesson's title) and `[[lesson-id|words]]` reads as the words (the challenge
   * too; src/ui/lessons/LessonText.tsx).
   */
  narration: Text;
  /**
   * Console lines, run in order when the step plays (the learner may type them instead). A zkCli
   * line may start with `@N ` to run in console session N (its own client; `@1` or no prefix is
   * the first console): recipes and watches need several clients.
   */
  actions: string[];
  checks: Check[];
}

export interface Lesson {
  id: string;
  title: Text;
  /** URL parameters of the ensemble the lesson opens (e.g. `voters=5&boot=1`). */
  ensemble: string;
  steps: Step[];
  /** The question the learner answers by acting in the lab. */
  challenge: Text;
}
