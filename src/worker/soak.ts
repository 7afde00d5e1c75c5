/**
 * The soak (issue 7 item 5): random fault schedules with client writes on random servers, every
 * checker after every event, and a liveness check after each round's faults heal. One seed
 * derives everything (the lab's seed and the schedule), so a failing seed replays exactly.
 *
 * A schedule is a list of scenario-script lines (src/worker/datadriven.ts: `new …`, lab commands
 * without `lab`, `write S N`), so a failure prints a script that `scenarios.test.ts` can run as
 * a testdata file, plus the lab URL and console commands to watch it in the browser.
 *
 * Each round: a burst of faults (kill, start, wipe, partition, one-way cut, heal, latency
 * spike) spaced by random pauses, with writes in between — bare scripted writes (`write`) and
 * the operations of two or three real client sessions (`lab client`: set / get / sync+get on a
 * few shared znodes, reconnecting under a new name when a session expires), whose history from
 * the trace must pass the client-history checker (linearizable writes, ZooKeeper's read
 * guarantees) at the end; then heal everything, start every
 * server, and within `settleMs` simulated ms a leader must be established and all servers serve
 * equal DataTrees (Liveness). A wipe (disk loss, outside ZAB's fault model if it hits a server
 * holding the only copy of a committed txn) only happens first in a round, when all servers
 * have just converged, and the wiped server is started again right away.
 */
import { Rng } from '../sim/rng.ts';
import { livenessProblem } from '../protocol/checkers/liveness.ts';
import type { Violation } from '../protocol/checkers/invariants.ts';
import { checkHistory, historyFromTrace, type HistoryViolation } from '../protocol/checkers/history.ts';
import { ScriptRunner } from './datadriven.ts';

export interface SoakOptions {
  rounds?: number;
  faultsPerRound?: number;
  /** Liveness bound after the faults heal, simulated ms. */
  settleMs?: number;
  /** Bug switches to turn on (the soak should then find violations). */
  bugs?: string[];
  /** Stop at the first invariant violation (default). False plays every round regardless. */
  stopAtViolation?: boolean;
}

export interface SoakResult {
  seed: number;
  ok: boolean;
  violations: Violation[];
  /** What the client-history checker found in the sessions' operations. */
  historyViolations: HistoryViolation[];
  /** Client operations judged (requests sent by the `lab client` sessions). */
  clientOps: number;
  /** The script that replays the run (scenario-script lines). */
  script: string[];
  /** The same as console commands: `lab …` for each script line (an exact replay, in the page too). */
  console: string[];
  /** The lab's link that opens the ensemble and replays the run (`?…&do=lab+run+…`). */
  url: string;
  events: number;
  simMs: number;
  /** The run's trace hash at its end (a replay of `console` must reach the same). */
  hash: string;
  /** Longest time from heal to convergence, simulated ms. */
  maxSettleMs: number;
}

const STEP_MS = 250;

export async function runSoakSeed(seed: number, opts: SoakOptions = {}): Promise<SoakResult> {
  const rng = new Rng(`soak:${seed}`);
  const voters = rng.int(0, 2) === 0 ? 5 : 3;
  const observers = rng.int(0, 3) === 0 ? 1 : 0;
  const ids = Array.from({ length: voters + observers }, (_, i) => i + 1);
  const bugs = opts.bugs && opts.bugs.length > 0 ? ` bugs=${opts.bugs.join(',')}` : '';
  const runner = new ScriptRunner();
  const script: string[] = [];
  const consoleLines: string[] = [];
  const exec = async (line: string): Promise<void> => {
    script.push(line);
    // Every script line but `new` is a lab command of the same words (`lab write` included).
    if (!line.startsWith('new ')) consoleLines.push(`lab ${line}`);
    await runner.run(line);
  };
  await exec(`new voters=${voters} observers=${observers} seed=${seed}${bugs}`);
  const lab = runner.lab!;
  const sim = lab.sim;
  const pick = <T>(xs: T[]): T => xs[rng.int(0, xs.length - 1)]!;
  const rounds = opts.rounds ?? 3;
  const stop = (): boolean => (opts.stopAtViolation ?? true) && lab.checker.violations.length > 0;
  const faults = opts.faultsPerRound ?? 6;
  const settleMs = opts.settleMs ?? 90_000;
  let maxSettleMs = 0;
  const delays = new Set<string>();
  await exec(`run ${1000 + rng.int(0, 2000)}ms`);
  // Client sessions with their own generator, so the fault schedule of a seed stays what it was.
  const crng = new Rng(`soak-clients:${seed}`);
  const KEYS = ['/k0', '/k1', '/k2'];
  const clients: string[] = [];
  let nextClient = 1;
  let value = 0;
  const connectClient = async (): Promise<void> => {
    const hosts = ids.map((s) => [crng.next(), s] as const).sort((a, b) => a[0] - b[0]).map(([, s]) => s);
    const name = `c${nextClient++}`;
    clients.push(name);
    await exec(`client ${name} connect ${hosts.join(',')}`);
  };
  const clientOps = async (count: number): Promise<void> => {
    // A session that expired is gone; its successor connects under a new name.
    for (const [i, name] of clients.entries()) {
      if (sim.clients.get(1000 + Number(name.slice(1)))?.state === 'CLOSED' && nextClient < 999) {
        clients.splice(i, 1);
        await connectClient();
      }
    }
    for (let k = 0; k < count; k++) {
      const name = clients[crng.int(0, clients.length - 1)]!;
      const key = KEYS[crng.int(0, KEYS.length - 1)]!;
      const roll = crng.int(0, 9);
      if (roll < 5) await exec(`client ${name} set ${key} v${++value}`);
      else if (roll < 8) await exec(`client ${name} get ${key}`);
      else {
        await exec(`client ${name} sync ${key}`);
        await exec(`client ${name} get ${key}`);
      }
    }
  };
  const sessions = crng.int(2, 3);
  for (let c = 0; c < sessions; c++) await connectClient();
  for (const key of KEYS) await exec(`client c1 create ${key} v0`);
  for (let r = 0; r < rounds && !stop(); r++) {
    for (let f = 0; f < faults; f++) {
      const up = ids.filter((s) => sim.slot(s).up);
      const down = ids.filter((s) => !sim.slot(s).up);
      const roll = rng.int(0, 99);
      if (f === 0 && roll < 15) {
        const s = pick(ids);
        await exec(`wipe ${s}`);
        await exec(`start ${s}`);
      } else if (roll < 30 && up.length > 0) await exec(`kill ${pick(up)}`);
      else if (roll < 45 && down.length > 0) await exec(`start ${pick(down)}`);
      else if (roll < 58) {
        const shuffled = ids.map((s) => [rng.next(), s] as const).sort((a, b) => a[0] - b[0]).map(([, s]) => s);
        const k = rng.int(1, ids.length - 1);
        await exec(`partition ${shuffled.slice(0, k).join(',')} ${shuffled.slice(k).join(',')}`);
      } else if (roll < 70) {
        const a = pick(ids);
        const b = pick(ids.filter((x) => x !== a));
        await exec(`cut ${a}->${b}`);
      } else if (roll < 80) {
        const a = pick(ids);
        const b = pick(ids.filter((x) => x !== a));
        delays.add(`${a}->${b}`);
        await exec(`delay ${a}->${b} ${pick([200, 500, 1500, 4000, 12000])}ms`);
      } else if (roll < 88) await exec('heal');
      // Client writes on random servers between faults.
      const n = rng.int(0, 3);
      for (let w = 0; w < n; w++) await exec(`write ${pick(ids)} 1`);
      await clientOps(crng.int(0, 3));
      await exec(`run ${rng.int(50, 4000)}ms`);
      if (stop()) break;
    }
    if (stop()) break;
    // Heal: links, latency spikes, every server up; then liveness within settleMs.
    await exec('heal');
    for (const link of [...delays].sort()) await exec(`delay ${link} 0ms`);
    delays.clear();
    for (const s of ids) if (!sim.slot(s).up) await exec(`start ${s}`);
    const healedAt = sim.now;
    let problem = livenessProblem(sim, (sid) => lab.peer(sid));
    while (problem && sim.now - healedAt < settleMs && !stop()) {
      await runner.run(`run ${STEP_MS}ms`);
      problem = livenessProblem(sim, (sid) => lab.peer(sid));
    }
    script.push(`run ${sim.now - healedAt}ms`);
    consoleLines.push(`lab run ${sim.now - healedAt}ms`);
    maxSettleMs = Math.max(maxSettleMs, sim.now - healedAt);
    if (problem && lab.checker.violations.length === 0) {
      lab.checker.report(sim, 'Liveness', problem.servers, `${settleMs / 1000}s after the faults healed: ${problem.message}`);
    }
    // A little load on the healed ensemble before the next round.
    await exec(`write ${pick(ids)} 1`);
    await exec(`run ${rng.int(200, 2000)}ms`);
  }
  const violations = [...lab.checker.violations];
  const history = historyFromTrace(sim.trace);
  const historyViolations = checkHistory(history).violations;
  const result: SoakResult = {
    seed,
    ok: violations.length === 0 && historyViolations.length === 0,
    violations,
    historyViolations,
    clientOps: history.length,
    script,
    console: consoleLines,
    url: soakUrl(`voters=${voters}&observers=${observers}&seed=${seed}${bugs ? `&bugs=${opts.bugs!.join(',')}` : ''}`, consoleLines),
    events: sim.eventCount,
    hash: sim.traceHash(),
    simMs: sim.now,
    maxSettleMs,
  };
  lab.dispose();
  return result;
}

/** The lab's link for a run: its settings and its console lines as `do` parameters, then `lab pause`. */
export function soakUrl(settings: string, lines: readonly string[]): string {
  const params = new URLSearchParams(settings);
  for (const l of [...lines, 'lab pause']) params.append('do', l);
  return `?${params.toString()}`;
}

/** How a failing seed is reported: the seed first (DESIGN.md §1), then how to replay it. */
export function formatSoakFailure(r: SoakResult): string {
  return [
    `SEED=${r.seed}`,
    ...r.violations.map((v) => `  ${v.invariant} at ${(v.t / 1000).toFixed(3)}s (trace #${v.traceIndex}, ${v.servers.map((s) => `zk${s}`).join(',')}): ${v.message}`),
    ...r.historyViolations.map((v) => `  ${v.check} (client history, ops ${v.ops.map((o) => `#${o}`).join(' ')}): ${v.message}`),
    `  the same run in the lab (the link replays it, then pauses): ${r.url}`,
    '  or paste these console lines into a lab opened with the link\'s settings:',
    ...r.console.map((l) => `    ${l}`),
    '  exact replay: save these lines as s../protocol/scenarios/testdata/<name>.txt blocks (or feed them to ScriptRunner):',
    ...r.script.map((l) => `    ${l}`),
  ].join('\n');
}
