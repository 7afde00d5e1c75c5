/**
 * Plays a lesson headless (in-process host): every step's console lines run in order — `lab …`
 * commands through the lab, the rest through zkCli on a real simulated session — and then the
 * step's checks are evaluated. CI plays every lesson to its end this way.
 */
import type { Check, Lang, Lesson } from '../../lessons/types.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { epochOf } from '../protocol/zxid.ts';
import { parseLabConfig } from '../sim/config.ts';
import { packetType } from '../sim/trace.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

export interface CheckResult {
  check: Check;
  ok: boolean;
  /** What the lab showed instead, when the check failed. */
  actual?: string;
}

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
  const client = new LabZkClient(lab.runtime, { drive: () => true });
  const cli = new ZkCli({ server: 'zk1:2181', jline: true });
  let started = false;
  const results: StepResult[] = [];
  try {
    for (const [i, step] of lesson.steps.entries()) {
      const from = lab.sim.trace.length;
      const output: string[] = [];
      for (const line of step.actions) {
        if (line.startsWith('lab')) {
          output.push(...(await lab.lab(line)));
          continue;
        }
        if (!started) {
          output.push(...(await cli.startup(client)).map((l) => l.text));
          started = true;
        }
        output.push(...(await cli.execute(line, client)).map((l) => l.text));
      }
      const checks = step.checks.map((check) => evaluate(lab, from, output, check));
      results.push({ step: i + 1, narration: step.narration[lang], output, checks });
    }
  } finally {
    lab.dispose();
  }
  return results;
}

function evaluate(lab: HeadlessLab, from: number, output: string[], check: Check): CheckResult {
  switch (check.kind) {
    case 'state': {
      const s = lab.sim.servers.get(check.server);
      const actual = !s || !s.up || !s.view ? 'DOWN' : s.view.state;
      return actual === check.is ? { check, ok: true } : { check, ok: false, actual };
    }
    case 'epoch': {
      const v = lab.sim.servers.get(check.server)?.view;
      const actual = v ? epochOf(v.zab.lastProcessedZxid) : -1;
      return actual === check.is ? { check, ok: true } : { check, ok: false, actual: String(actual) };
    }
    case 'packet': {
      const trace = lab.sim.trace;
      for (let i = from; i < trace.length; i++) {
        const e = trace[i]!;
        if (e.kind !== 'deliver' || packetType(e.msg) !== check.type) continue;
        if (check.to !== undefined && e.to !== check.to) continue;
        if (check.from !== undefined && e.from !== check.from) continue;
        return { check, ok: true };
      }
      return { check, ok: false, actual: 'no such packet was delivered in this step' };
    }
    case 'output':
      return output.some((l) => l.includes(check.contains)) ? { check, ok: true } : { check, ok: false, actual: output.join('\n') };
  }
}
