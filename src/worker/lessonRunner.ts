/**
 * Plays a lesson headless (in-process host): every step's console lines run in order — `lab …`
 * commands through the lab, the rest through zkCli on a real simulated session — and then the
 * step's checks are evaluated. CI plays every lesson to its end this way.
 */
import type { Lang, Lesson } from '../../lessons/types.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { evaluateChecks, type CheckResult } from './lessonChecks.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

export type { CheckResult };

export interface StepResult {
  step: number;
  narration: string;
  output: string[];
  checks: CheckResult[];
}

export async function runLesson(lesson: Lesson, lang: Lang): Promise<StepResult[]> {
  const { config, errors } = parseLabConfig(new URLSearchParams(lesson.ensemble).entries());
  if (errors.length > 0) throw new Error(`lesson ${lesson.id}: bad ensemble: ${errors.join('; ')}`);
  const lab = new HeadlessLab(config);
  // Console sessions by number: `@2 create …` runs in a second zkCli (its own client and session).
  const consoles = new Map<number, { client: LabZkClient; cli: ZkCli }>();
  const results: StepResult[] = [];
  try {
    for (const [i, step] of lesson.steps.entries()) {
      const from = lab.sim.trace.length;
      const output: string[] = [];
      for (const line of step.actions) {
        if (line.startsWith('lab')) {
          output.push(...(await lab.lab(line)));
          for (const c of consoles.values()) output.push(...c.cli.takeAsyncOutput().map((l) => l.text));
          continue;
        }
        if (!lab.runtime.protocol.hasZkCli) {
          // A protocol's own command (`propose p1 x`); what its processes answer is in the trace.
          output.push(...(await lab.command(line)));
          continue;
        }
        const { n, command } = consoleOf(line);
        let c = consoles.get(n);
        if (!c) {
          c = { client: new LabZkClient(lab.runtime, { drive: () => true }), cli: new ZkCli({ server: 'zk1:2181', jline: true }) };
          consoles.set(n, c);
          output.push(...(await c.cli.startup(c.client)).map((l) => l.text));
        }
        output.push(...(await c.cli.execute(command, c.client)).map((l) => l.text));
        // Watch events that reached the other consoles while this one ran (e.g. @2's write fired @1's watch).
        for (const other of consoles.values()) output.push(...other.cli.takeAsyncOutput().map((l) => l.text));
      }
      const checks = evaluateChecks({ sim: lab.sim, from, output }, step.checks);
      results.push({ step: i + 1, narration: step.narration[lang], output, checks });
    }
  } finally {
    lab.dispose();
  }
  return results;
}

/** `@2 get /a` → console 2, `get /a`; a line without the prefix is console 1's. */
export function consoleOf(line: string): { n: number; command: string } {
  const m = /^@(\d+)\s+(.*)$/.exec(line);
  return m ? { n: Number(m[1]), command: m[2]! } : { n: 1, command: line };
}
