/**
 * Lesson checks (lessons/types.ts), evaluated against a simulation: pure, shared by the headless
 * runner (src/worker/lessonRunner.ts) and the lesson player in the page (src/ui/lessons).
 */
import type { Check, Ensemble } from '../../lessons/types.ts';
import { epochOf } from '../protocol/zxid.ts';
import type { ZkSimulation } from '../protocol/zookeeper.ts';
import { packetType } from '../sim/trace.ts';

export interface CheckResult {
  check: Check;
  ok: boolean;
  /** What the lab showed instead, when the check failed. */
  actual?: string;
}

export interface CheckScope {
  sim: Pick<ZkSimulation, 'servers' | 'trace'>;
  /** The trace index at which the step began (packet checks look from here). */
  from: number;
  /** Console lines printed since the step began. */
  output: readonly string[];
}

export function evaluateCheck(scope: CheckScope, check: Check): CheckResult {
  const { sim, from, output } = scope;
  switch (check.kind) {
    case 'state': {
      const s = sim.servers.get(check.server);
      const actual = !s || !s.up || !s.view ? 'DOWN' : s.view.state;
      return actual === check.is ? { check, ok: true } : { check, ok: false, actual };
    }
    case 'epoch': {
      const v = sim.servers.get(check.server)?.view;
      const actual = v ? epochOf(v.zab.lastProcessedZxid) : -1;
      return actual === check.is ? { check, ok: true } : { check, ok: false, actual: String(actual) };
    }
    case 'packet': {
      const trace = sim.trace;
      let seen = false;
      for (let i = from; i < trace.length && !seen; i++) {
        const e = trace[i]!;
        if (e.kind !== 'deliver' || packetType(e.msg) !== check.type) continue;
        if (check.to !== undefined && e.to !== check.to) continue;
        if (check.from !== undefined && e.from !== check.from) continue;
        seen = true;
      }
      if (seen !== (check.absent === true)) return { check, ok: true };
      return { check, ok: false, actual: seen ? 'such a packet was delivered in this step' : 'no such packet was delivered in this step' };
    }
    case 'output': {
      const found = output.some((l) => l.includes(check.contains));
      return found === !check.absent ? { check, ok: true } : { check, ok: false, actual: output.join('\n') };
    }
    case 'throughput': {
      const a = sweptOps(output, check.a, check.reads);
      const b = sweptOps(output, check.b, check.reads);
      if (a === null || b === null) return { check, ok: false, actual: `no lab sweep of ${ensembleText(a === null ? check.a : check.b)} at ${check.reads}% reads in this step` };
      const ok = (check.atLeast === undefined || a >= check.atLeast * b) && (check.atMost === undefined || a <= check.atMost * b);
      return ok ? { check, ok: true } : { check, ok: false, actual: `${a}/s against ${b}/s (×${b === 0 ? '∞' : (a / b).toFixed(2)})` };
    }
  }
}

/** `3 voters + 2 observers` (lab sweep's words). */
export function ensembleText(e: Ensemble): string {
  return `${e.voters} voter${e.voters === 1 ? '' : 's'} + ${e.observers} observer${e.observers === 1 ? '' : 's'}`;
}

/** The ops/s of ensemble `e` at `reads`% in the last `lab sweep` table of it in `output` (src/cli/load.ts sweepLines), or null. */
export function sweptOps(output: readonly string[], e: Ensemble, reads: number): number | null {
  const head = `sweep: ${ensembleText(e)},`;
  let found: number | null = null;
  for (let i = 0; i < output.length; i++) {
    if (!output[i]!.startsWith(head)) continue;
    for (let j = i + 2; j < output.length; j++) {
      const m = /^\s*(\d+)\s+(\d+)\s/.exec(output[j]!);
      if (!m) break;
      if (Number(m[1]) === reads) found = Number(m[2]);
    }
  }
  return found;
}

export function evaluateChecks(scope: CheckScope, checks: readonly Check[]): CheckResult[] {
  return checks.map((c) => evaluateCheck(scope, c));
}

/**
 * A check in words, for the lesson panel (ZooKeeper's own words are not translated). Processes are
 * named by `name` — pass the simulation's (`(id) => sim.name(id)`) so a Paxos lesson's `from: 4`
 * reads `p1`, not `zk4`; without it they are ZooKeeper servers (`zk4`).
 */
export function describeCheck(check: Check, name: (id: number) => string = (id) => `zk${id}`): string {
  switch (check.kind) {
    case 'state':
      return `${name(check.server)} ${check.is}`;
    case 'epoch':
      return `${name(check.server)} epoch ${check.is}`;
    case 'packet':
      return `${check.absent ? 'no ' : ''}${check.type}${check.from !== undefined ? ` ${name(check.from)}` : ''} → ${check.to !== undefined ? name(check.to) : '*'}`;
    case 'output':
      return `${check.absent ? 'no ' : ''}“${check.contains}”`;
    case 'throughput':
      return `${check.reads}% reads: ${ensembleText(check.a)} ${check.atLeast !== undefined ? `≥ ${check.atLeast}×` : ''}${check.atMost !== undefined ? ` ≤ ${check.atMost}×` : ''} ${ensembleText(check.b)}`;
  }
}
