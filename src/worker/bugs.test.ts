/**
 * The bug museum (src/protocol/bugs.ts): with its switch on, each exhibit's preset schedule turns its
 * named invariant red; with the switch off, the same schedule passes every check, liveness
 * included.
 */
import { describe, expect, test } from 'vitest';
import { BUG_MUSEUM, RECONFIG_BUG_EXHIBITS, type BugExhibit } from '../protocol/bugs.ts';
import { livenessProblem } from '../protocol/checkers/liveness.ts';
import { ScriptRunner } from './datadriven.ts';

async function runExhibit(x: BugExhibit, on: boolean): Promise<ScriptRunner> {
  const runner = new ScriptRunner();
  for (const [i, line] of x.schedule.entries()) {
    const out = await runner.run(i === 0 && on ? `${line} bugs=${x.bug}` : line);
    if (i === 0) expect(out).toBe('ok');
  }
  const lab = runner.lab!;
  await lab.lab('heal');
  for (const s of lab.sim.servers.keys()) if (!x.keepDown?.includes(s)) await lab.lab(`start ${s}`);
  const healedAt = lab.sim.now;
  let problem = livenessProblem(lab.sim, (sid) => lab.peer(sid), x.keepDown);
  while (problem && lab.sim.now - healedAt < x.settleMs) {
    await lab.lab('run 250ms');
    problem = livenessProblem(lab.sim, (sid) => lab.peer(sid), x.keepDown);
  }
  if (problem) lab.checker.report(lab.sim, 'Liveness', problem.servers, problem.message);
  return runner;
}

describe('bug museum', () => {
  for (const x of [...BUG_MUSEUM, ...RECONFIG_BUG_EXHIBITS]) {
    test(`${x.bug}: on → ${x.invariant} goes red; off → every check holds`, async () => {
      const on = await runExhibit(x, true);
      expect(on.lab!.checker.failed(), JSON.stringify(on.lab!.checker.violations.slice(0, 4))).toContain(x.invariant);
      on.lab!.dispose();
      const off = await runExhibit(x, false);
      expect(off.lab!.checker.violations).toEqual([]);
      off.lab!.dispose();
    });
  }
});
