/**
 * Lesson checks (lessons/types.ts), evaluated against a simulation: pure, shared by the headless
 * runner (src/worker/lessonRunner.ts) and the lesson player in the page (src/ui/lessons).
 */
import type { Check } from '../../lessons/types.ts';
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
  }
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
  }
}
