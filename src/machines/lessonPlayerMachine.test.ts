import { describe, expect, test } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { CheckResult } from '../worker/lessonChecks.ts';
import { lessonPlayerMachine, type StepMark } from './lessonPlayerMachine.ts';

const ok: CheckResult = { check: { kind: 'state', server: 1, is: 'LEADING' }, ok: true };
const bad: CheckResult = { ...ok, ok: false, actual: 'LOOKING' };

function player(opts: { step?: number; checks?: CheckResult[] } = {}) {
  let t = 0;
  const ran: number[] = [];
  const rewound: number[] = [];
  const machine = lessonPlayerMachine.provide({
    actors: {
      mark: fromPromise<StepMark>(() => Promise.resolve({ t, trace: t, line: t })),
      runActions: fromPromise<void, { index: number }>(({ input }) => {
        ran.push(input.index);
        t += 1000;
        return Promise.resolve();
      }),
      rewind: fromPromise<void, { mark: StepMark }>(({ input }) => {
        rewound.push(input.mark.t);
        t = input.mark.t;
        return Promise.resolve();
      }),
      checkStep: fromPromise<CheckResult[], { index: number; mark: StepMark }>(() => Promise.resolve(opts.checks ?? [ok])),
    },
  });
  const actor = createActor(machine, { input: { lessonId: 'x', stepCount: 3, step: opts.step } }).start();
  return { actor, ran, rewound };
}

describe('lessonPlayerMachine', () => {
  test('without a lesson it shows the table of contents; OPEN starts one', async () => {
    const actor = createActor(lessonPlayerMachine, { input: {} }).start();
    expect(actor.getSnapshot().value).toBe('toc');
    actor.send({ type: 'OPEN', lessonId: 'x', stepCount: 2 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    expect(actor.getSnapshot().context.index).toBe(0);
  });

  test('do it for me → passed → next … → finished', async () => {
    const { actor, ran } = player();
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'NEXT' }); // not yet: the step has not passed
    expect(actor.getSnapshot().matches({ step: 'narrating' })).toBe(true);
    for (let i = 0; i < 3; i++) {
      await waitFor(actor, (s) => s.matches({ step: 'narrating' }) && s.context.index === i);
      actor.send({ type: 'DO_IT' });
      await waitFor(actor, (s) => s.matches({ step: 'passed' }));
      expect(actor.getSnapshot().context.results).toEqual([ok]);
      actor.send({ type: 'NEXT' });
    }
    expect(actor.getSnapshot().value).toBe('finished');
    expect(ran).toEqual([0, 1, 2]);
  });

  test('failed checks show as failed', async () => {
    const { actor } = player({ checks: [bad] });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'DO_IT' });
    await waitFor(actor, (s) => s.matches({ step: 'failed' }));
    expect(actor.getSnapshot().context.results).toEqual([bad]);
  });

  test('?step=K autoplays steps 1..K-1 and records where each began', async () => {
    const { actor, ran } = player({ step: 3 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    expect(ran).toEqual([0, 1]);
    expect(actor.getSnapshot().context.index).toBe(2);
    expect(actor.getSnapshot().context.marks.map((m) => m.t)).toEqual([0, 1000, 2000]);
  });

  test('back rewinds: a played step to its start, a fresh step to the previous one', async () => {
    const { actor, rewound } = player({ step: 3 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'DO_IT' });
    await waitFor(actor, (s) => s.matches({ step: 'passed' }));
    actor.send({ type: 'BACK' });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    expect(actor.getSnapshot().context.index).toBe(2);
    actor.send({ type: 'BACK' });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }) && s.context.index === 1);
    expect(rewound).toEqual([2000, 1000]);
    expect(actor.getSnapshot().context.marks).toHaveLength(2);
  });

  test('try it yourself: CHECK events until the checks hold', async () => {
    const { actor, ran } = player();
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'TRY_YOURSELF' });
    actor.send({ type: 'CHECK', results: [bad] });
    expect(actor.getSnapshot().matches({ step: 'waiting' })).toBe(true);
    expect(actor.getSnapshot().context.results).toEqual([bad]);
    actor.send({ type: 'CHECK', results: [ok] });
    expect(actor.getSnapshot().matches({ step: 'passed' })).toBe(true);
    expect(ran).toEqual([]);
  });

  test('sandbox from any step leaves the lesson', async () => {
    const { actor } = player();
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'SANDBOX' });
    expect(actor.getSnapshot().value).toBe('sandbox');
    expect(actor.getSnapshot().status).toBe('done');
  });

  test('the table of contents: a later step plays forward from the current step\'s start', async () => {
    const { actor, ran, rewound } = player();
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'GOTO', step: 3 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }) && s.context.index === 2);
    expect(ran).toEqual([0, 1]);
    expect(rewound).toEqual([0]); // back to where step 1 began (nothing had happened since)
    expect(actor.getSnapshot().context.marks.map((m) => m.t)).toEqual([0, 1000, 2000]);
  });

  test('the table of contents: after acting, a later step replays this one from its start', async () => {
    const { actor, ran, rewound } = player();
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'DO_IT' });
    await waitFor(actor, (s) => s.matches({ step: 'passed' }));
    actor.send({ type: 'GOTO', step: 2 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }) && s.context.index === 1);
    // Step 1 ran by Do it, then again from its start (the lab was rewound there first).
    expect(ran).toEqual([0, 0]);
    expect(rewound).toEqual([0]);
    expect(actor.getSnapshot().context.marks.map((m) => m.t)).toEqual([0, 1000]);
  });

  test('the table of contents: an earlier step rewinds to where it began; the current one restarts it', async () => {
    const { actor, rewound } = player({ step: 3 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'GOTO', step: 3 }); // here, nothing done: stays
    expect(actor.getSnapshot().matches({ step: 'narrating' })).toBe(true);
    actor.send({ type: 'DO_IT' });
    await waitFor(actor, (s) => s.matches({ step: 'passed' }));
    actor.send({ type: 'GOTO', step: 3 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    expect(rewound).toEqual([2000]);
    actor.send({ type: 'GOTO', step: 1 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }) && s.context.index === 0);
    expect(rewound).toEqual([2000, 0]);
    expect(actor.getSnapshot().context.marks.map((m) => m.t)).toEqual([0]);
  });

  test('the table of contents from the finished lesson, and not while a step runs', async () => {
    const { actor, rewound } = player({ step: 3 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }));
    actor.send({ type: 'DO_IT' });
    expect(actor.getSnapshot().can({ type: 'GOTO', step: 1 })).toBe(false);
    await waitFor(actor, (s) => s.matches({ step: 'passed' }));
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().value).toBe('finished');
    actor.send({ type: 'GOTO', step: 2 });
    await waitFor(actor, (s) => s.matches({ step: 'narrating' }) && s.context.index === 1);
    expect(rewound).toEqual([1000]);
  });
});
