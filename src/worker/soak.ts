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
import type { HeadlessLab } from './headless.ts';
import type { PaxosView } from '../protocol/paxos/index.ts';
import { leaderOf, type MpReply, type MultiPaxosView } from '../protocol/multipaxos/index.ts';
import { runCommitSoakSeed } from './commitSoak.ts';
import { activeConfig, serverLine, labServer, votersOf, observersOf, type DynamicConfig } from '../protocol/quorum/reconfig.ts';
import { lastSeenConfig } from '../protocol/zab/activate.ts';

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
  /** ZooKeeper's checker's violations, or a protocol module's (Paxos, Multi-Paxos) plus Liveness. */
  violations: Array<Pick<Violation, 't' | 'traceIndex' | 'servers' | 'message'> & { invariant: string }>;
  /** The protocol the seed ran (absent: ZooKeeper). */
  protocol?: SoakProtocol;
  /** Process names by id, for the report (absent: ZooKeeper's zkN). */
  names?: Record<number, string>;
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
  /** zookeeper-reconfig: reconfigs tried (zkCli `reconfig` lines) and committed. */
  reconfigs?: { tried: number; committed: number };
}

const STEP_MS = 250;

/**
 * A `partition A,B C,D` line splitting `ids` in two random non-empty sides: one `rng.next()` per
 * server to shuffle, then one `rng.int` for the cut. Every soak's schedule is pinned by its trace
 * hash (src/sim/traceHashes.test.ts), so these calls and their order are part of each run.
 */
function randomPartition(rng: Rng, ids: readonly number[], name: (id: number) => string = String): string {
  const shuffled = ids.map((id) => [rng.next(), id] as const).sort((x, y) => x[0] - y[0]).map(([, id]) => name(id));
  const k = rng.int(1, ids.length - 1);
  return `partition ${shuffled.slice(0, k).join(',')} ${shuffled.slice(k).join(',')}`;
}

/** Two distinct servers of `ids` (a link's ends for `cut` or `delay`): one `rng.int` each, as `pick` draws. */
function distinctPair(rng: Rng, ids: readonly number[]): [number, number] {
  const a = ids[rng.int(0, ids.length - 1)]!;
  const others = ids.filter((x) => x !== a);
  return [a, others[rng.int(0, others.length - 1)]!];
}

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
      else if (roll < 58) await exec(randomPartition(rng, ids));
      else if (roll < 70) {
        const [a, b] = distinctPair(rng, ids);
        await exec(`cut ${a}->${b}`);
      } else if (roll < 80) {
        const [a, b] = distinctPair(rng, ids);
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

/** How a failing seed is reported: the seed first (docs/architecture.md), then how to replay it. */
export function formatSoakFailure(r: SoakResult): string {
  return [
    `SEED=${r.seed}`,
    ...r.violations.map((v) => `  ${v.invariant} at ${(v.t / 1000).toFixed(3)}s (trace #${v.traceIndex}, ${v.servers.map((s) => r.names?.[s] ?? `zk${s}`).join(',')}): ${v.message}`),
    ...r.historyViolations.map((v) => `  ${v.check} (client history, ops ${v.ops.map((o) => `#${o}`).join(' ')}): ${v.message}`),
    `  the same run in the lab (the link replays it, then pauses): ${r.url}`,
    '  or paste these console lines into a lab opened with the link\'s settings:',
    ...r.console.map((l) => `    ${l}`),
    '  exact replay: save these lines as s../protocol/scenarios/testdata/<name>.txt blocks (or feed them to ScriptRunner):',
    ...r.script.map((l) => `    ${l}`),
  ].join('\n');
}

// ---------------------------------------------------------------- Paxos and Multi-Paxos

/** The protocols the soak runs (`npm run soak -- --protocol NAME`). */
export const SOAK_PROTOCOLS = ['zookeeper', 'paxos', 'multipaxos', 'zookeeper-reconfig', '2pc', '3pc'] as const;
export type SoakProtocol = (typeof SOAK_PROTOCOLS)[number];

/** One seed of the soak of `protocol` (ZooKeeper's is runSoakSeed, unchanged). */
export function runProtocolSoakSeed(protocol: SoakProtocol, seed: number, opts: SoakOptions = {}): Promise<SoakResult> {
  if (protocol === 'paxos') return runPaxosSoakSeed(seed, opts);
  if (protocol === 'multipaxos') return runMultiPaxosSoakSeed(seed, opts);
  if (protocol === '2pc' || protocol === '3pc') return runCommitSoakSeed(protocol, seed, opts);
  if (protocol === 'zookeeper-reconfig') return runReconfigSoakSeed(seed, opts);
  return runSoakSeed(seed, opts);
}

type SoakViolation = SoakResult['violations'][number];

/**
 * What a protocol module's soak shares: a lab opened by a `new` line, every step a scenario-script
 * line (and its console form: `lab …`, or the protocol's own `propose …`), the processes by name,
 * the violations the runtime's checker finds after every event plus this soak's Liveness, and time
 * run in small steps while waiting for liveness written down as one `run` line.
 */
export class ModuleSoak {
  readonly runner = new ScriptRunner();
  readonly script: string[] = [];
  readonly consoleLines: string[] = [];
  readonly liveness: SoakViolation[] = [];
  lab!: HeadlessLab;
  ids: number[] = [];
  private pendingMs = 0;
  /** Links with a latency spike and links with datagram faults (`A->B`), to end at each heal. */
  readonly delays = new Set<string>();
  readonly faulty = new Set<string>();

  constructor(readonly rng: Rng, private readonly stopAtViolation: boolean) {}

  async open(settings: string): Promise<void> {
    await this.exec(`new ${settings}`);
    this.lab = this.runner.lab!;
    this.ids = [...this.lab.runtime.setup.ids];
  }

  get sim() {
    return this.lab.runtime.sim;
  }

  name(id: number): string {
    return this.sim.name(id);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.rng.int(0, xs.length - 1)]!;
  }

  up(id: number): boolean {
    return this.sim.servers.get(id)?.up ?? false;
  }

  async exec(line: string): Promise<string> {
    this.flush();
    this.script.push(line);
    if (!line.startsWith('new ')) this.consoleLines.push(/^(propose|begin|vote) /.test(line) ? line : `lab ${line}`);
    return this.runner.run(line);
  }

  /** Runs `ms` now; written down (as one `run` line) with the next line or at the end. */
  async advance(ms: number): Promise<void> {
    this.pendingMs += ms;
    await this.lab.runtime.runFor(ms);
  }

  flush(): void {
    if (this.pendingMs === 0) return;
    this.script.push(`run ${this.pendingMs}ms`);
    this.consoleLines.push(`lab run ${this.pendingMs}ms`);
    this.pendingMs = 0;
  }

  violations(): SoakViolation[] {
    return [...this.lab.violations().map((v) => v as SoakViolation), ...this.liveness];
  }

  stop(): boolean {
    return this.stopAtViolation && this.violations().length > 0;
  }

  /** One random fault (or none): the vocabulary both protocols share. `pairs` are the links that matter. */
  async fault(pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
    const roll = this.rng.int(0, 99);
    const up = this.ids.filter((id) => this.up(id));
    const down = this.ids.filter((id) => !this.up(id));
    const link = (): [string, string] => {
      const [a, b] = this.pick(pairs);
      return this.rng.int(0, 1) === 0 ? [this.name(a), this.name(b)] : [this.name(b), this.name(a)];
    };
    if (roll < 14 && up.length > 0) await this.exec(`kill ${this.name(this.pick(up))}`);
    else if (roll < 28 && down.length > 0) await this.exec(`start ${this.name(this.pick(down))}`);
    else if (roll < 38) await this.exec(randomPartition(this.rng, this.ids, (id) => this.name(id)));
    else if (roll < 48) {
      const [a, b] = link();
      await this.exec(`cut ${a}->${b}`);
    } else if (roll < 60) {
      const [a, b] = link();
      const loss = this.pick([0.1, 0.3, 0.5, 0.8]);
      const dup = this.pick([0, 0.2, 0.5]);
      const oneWay = this.rng.int(0, 1) === 0;
      this.faulty.add(`${a}->${b}`);
      if (!oneWay) this.faulty.add(`${b}->${a}`);
      await this.exec(`faults ${oneWay ? `${a}->${b}` : `${a} ${b}`} loss=${loss} dup=${dup}`);
    } else if (roll < 70) {
      const [a, b] = link();
      this.delays.add(`${a}->${b}`);
      await this.exec(`delay ${a}->${b} ${this.pick([200, 500, 1500, 4000])}ms`);
    } else if (roll < 78) await this.exec('heal');
  }

  /** Heals everything: links, latency spikes, datagram faults; starts every process that is down. */
  async healAll(): Promise<void> {
    await this.exec('heal');
    for (const l of [...this.delays].sort()) await this.exec(`delay ${l} 0ms`);
    this.delays.clear();
    for (const l of [...this.faulty].sort()) await this.exec(`faults ${l} loss=0 dup=0`);
    this.faulty.clear();
    for (const id of this.ids) if (!this.up(id)) await this.exec(`start ${this.name(id)}`);
  }

  reportLiveness(servers: number[], message: string): void {
    if (this.violations().length > 0) return;
    this.liveness.push({ invariant: 'Liveness', t: this.sim.now, traceIndex: this.sim.trace.length - 1, servers, message });
  }

  result(seed: number, protocol: SoakProtocol, settings: string, maxSettleMs: number): SoakResult {
    this.flush();
    const url = soakUrl(settings.split(' ').join('&'), this.consoleLines);
    const violations = this.violations();
    const r: SoakResult = {
      seed,
      ok: violations.length === 0,
      violations,
      historyViolations: [],
      clientOps: 0,
      script: this.script,
      console: this.consoleLines,
      url,
      events: this.sim.eventCount,
      hash: this.sim.traceHash(),
      simMs: this.sim.now,
      maxSettleMs,
      protocol,
      names: Object.fromEntries(this.ids.map((id) => [id, this.name(id)])),
    };
    this.lab.dispose();
    return r;
  }
}

/**
 * Basic Paxos: 3, 4, 5 or 7 acceptors, 1–3 proposers, 1–2 learners, retry backoff or leader
 * (immediate only with one proposer: two proposers retrying at once may duel forever, which is
 * Paxos' known lack of liveness, not a bug). Each round: faults (kill, start, partition, one-way
 * cut, datagram loss and duplication, latency spikes, heal — never a wipe: an acceptor that loses
 * its disk is outside Paxos' fault model and breaks PromiseMonotonic by design) with proposals of
 * fresh values from random proposers in between. Then everything heals and one proposer, restarted
 * so that it knows nothing and must run a ballot, proposes once more: within `settleMs` a value must
 * be chosen, that proposer must know it, and every learner must have learned it (a learner learns
 * only from ACCEPTED messages, so the fresh ballot is what teaches a learner that was down or cut off
 * when the value was first chosen). Safety is the runtime's checker after every event.
 */
export async function runPaxosSoakSeed(seed: number, opts: SoakOptions = {}): Promise<SoakResult> {
  const rng = new Rng(`soak-paxos:${seed}`);
  const s = new ModuleSoak(rng, opts.stopAtViolation ?? true);
  const acceptors = s.pick([3, 3, 3, 4, 5, 5, 7]);
  const proposers = rng.int(1, 3);
  const learners = rng.int(1, 2);
  const retry = proposers === 1 ? s.pick(['immediate', 'backoff', 'leader']) : s.pick(['backoff', 'leader']);
  const bugs = opts.bugs && opts.bugs.length > 0 ? ` bugs=${opts.bugs.join(',')}` : '';
  const settings = `protocol=paxos acceptors=${acceptors} proposers=${proposers} learners=${learners} retry=${retry} seed=${seed}${bugs}`;
  await s.open(settings);
  const ids = s.ids;
  const acceptorIds = ids.slice(0, acceptors);
  const proposerIds = ids.slice(acceptors, acceptors + proposers);
  const learnerIds = ids.slice(acceptors + proposers);
  const pairs = [
    ...proposerIds.flatMap((p) => acceptorIds.map((a) => [p, a] as const)),
    ...acceptorIds.flatMap((a) => learnerIds.map((l) => [a, l] as const)),
  ];
  const view = (id: number) => (s.up(id) ? (s.sim.servers.get(id)!.view as PaxosView | null) : null);
  let value = 0;
  const propose = async (): Promise<void> => {
    await s.exec(`propose ${s.name(s.pick(proposerIds))} v${++value}`);
  };
  const rounds = opts.rounds ?? 3;
  const faults = opts.faultsPerRound ?? 6;
  const settleMs = opts.settleMs ?? 60_000;
  let maxSettleMs = 0;
  await propose();
  await s.exec(`run ${rng.int(0, 500)}ms`);
  for (let r = 0; r < rounds && !s.stop(); r++) {
    for (let f = 0; f < faults && !s.stop(); f++) {
      await s.fault(pairs);
      const n = rng.int(0, 2);
      for (let k = 0; k < n; k++) await propose();
      await s.exec(`run ${rng.int(50, 4000)}ms`);
    }
    if (s.stop()) break;
    await s.healAll();
    const fresh = s.pick(proposerIds);
    await s.exec(`kill ${s.name(fresh)}`);
    await s.exec(`start ${s.name(fresh)}`);
    await s.exec(`propose ${s.name(fresh)} final${r + 1}`);
    const healedAt = s.sim.now;
    const problem = (): string | null => {
      const p = view(fresh);
      if (p?.role !== 'proposer' || p.chosen === null) return `${s.name(fresh)} does not know a chosen value (${p?.role === 'proposer' ? `phase ${p.phase}, ballot ${p.ballot ? `${p.ballot.round}.${p.ballot.proposer}` : 'none'}` : 'down'})`;
      const behind = learnerIds.filter((l) => {
        const v = view(l);
        return v?.role !== 'learner' || v.learned === null;
      });
      return behind.length === 0 ? null : `${behind.map((l) => s.name(l)).join(',')} learned nothing though ${p.chosen.value} is chosen`;
    };
    let why = problem();
    while (why !== null && s.sim.now - healedAt < settleMs && !s.stop()) {
      await s.advance(250);
      why = problem();
    }
    maxSettleMs = Math.max(maxSettleMs, s.sim.now - healedAt);
    if (why !== null && !s.stop()) s.reportLiveness([fresh, ...learnerIds], `${settleMs / 1000}s after the faults healed: ${why}`);
    if (s.stop()) break;
    await s.exec(`run ${rng.int(200, 2000)}ms`);
  }
  return s.result(seed, 'paxos', settings, maxSettleMs);
}

/**
 * Multi-Paxos: 3, 4, 5 or 7 replicas. Each round: the same faults, with proposals of fresh values
 * to the leader (the highest-ballot replica that leads) or to a random replica (a follower
 * redirects). Then everything heals, and within `settleMs`: a stable leader (one replica leads, every
 * other follows it at its ballot), a new proposal to it chosen (its reply says so; a proposal lost
 * to a leader change is proposed again to the next), and every replica's executed prefix equal to
 * the leader's, up to that slot at least. Safety (SlotAgreement, ExecutedPrefix …) is the runtime's
 * checker after every event.
 */
export async function runMultiPaxosSoakSeed(seed: number, opts: SoakOptions = {}): Promise<SoakResult> {
  const rng = new Rng(`soak-multipaxos:${seed}`);
  const s = new ModuleSoak(rng, opts.stopAtViolation ?? true);
  const replicas = s.pick([3, 3, 4, 5, 5, 7]);
  const bugs = opts.bugs && opts.bugs.length > 0 ? ` bugs=${opts.bugs.join(',')}` : '';
  const settings = `protocol=multipaxos replicas=${replicas} seed=${seed}${bugs}`;
  await s.open(settings);
  const ids = s.ids;
  const pairs = ids.flatMap((a) => ids.filter((b) => b > a).map((b) => [a, b] as const));
  const views = (): Array<MultiPaxosView | null> => ids.map((id) => (s.up(id) ? (s.sim.servers.get(id)!.view as MultiPaxosView | null) : null));
  let value = 0;
  const propose = async (): Promise<void> => {
    const leader = leaderOf(views());
    const to = leader !== null && rng.int(0, 9) < 7 ? leader : s.pick(ids);
    await s.exec(`propose ${s.name(to)} v${++value}`);
  };
  /** The leader every live replica follows at its ballot, or null. */
  const stableLeader = (): MultiPaxosView | null => {
    const live = views().filter((v): v is MultiPaxosView => v !== null);
    const leaders = live.filter((v) => v.role === 'leader');
    if (leaders.length !== 1) return null;
    const l = leaders[0]!;
    return live.every((v) => v === l || (v.role === 'follower' && v.leader === l.name && v.leaderBallot === l.ballot)) ? l : null;
  };
  const rounds = opts.rounds ?? 3;
  const faults = opts.faultsPerRound ?? 6;
  const settleMs = opts.settleMs ?? 60_000;
  let maxSettleMs = 0;
  await s.exec(`run ${1000 + rng.int(0, 2000)}ms`);
  for (let r = 0; r < rounds && !s.stop(); r++) {
    for (let f = 0; f < faults && !s.stop(); f++) {
      await s.fault(pairs);
      const n = rng.int(0, 3);
      for (let k = 0; k < n; k++) await propose();
      await s.exec(`run ${rng.int(50, 4000)}ms`);
    }
    if (s.stop()) break;
    await s.healAll();
    const healedAt = s.sim.now;
    let attempt = 0;
    /** The final proposal in flight: its value, the replica it went to, and where in the replies to look. */
    let pending: { value: string; to: number; from: number } | null = null;
    let chosenSlot: number | null = null;
    const problem = (): string | null => {
      const l = stableLeader();
      if (l === null) {
        const leaders = views().filter((v) => v?.role === 'leader').map((v) => `${v!.name} (${v!.ballot})`);
        return `no stable leader (leading: ${leaders.join(', ') || 'none'})`;
      }
      if (chosenSlot === null) return pending === null ? 'no proposal yet' : `${pending.value} not chosen yet`;
      const behind = views().filter((v) => v !== null && (v.executed !== l.executed || v.executed < chosenSlot!)).map((v) => `${v!.name} (executed ${v!.executed})`);
      return behind.length === 0 ? null : `executed prefixes differ: leader ${l.name} executed ${l.executed}, ${behind.join(', ')}`;
    };
    let why = problem();
    while (why !== null && s.sim.now - healedAt < settleMs && !s.stop()) {
      const l = stableLeader();
      if (pending !== null && chosenSlot === null) {
        const p: { value: string; to: number; from: number } = pending;
        const answer = s.lab.processReplies.slice(p.from).find((x) => x.sid === p.to && (x.reply as MpReply).type !== 'redirect' && 'value' in (x.reply as MpReply) && (x.reply as { value: string }).value === p.value);
        const reply = answer?.reply as MpReply | undefined;
        if (reply?.type === 'chosen') chosenSlot = reply.slot;
        // Not chosen (another leader filled its slot) or its leader is gone: propose it again to the leader now.
        else if (reply?.type === 'not-chosen' || (l !== null && l.id !== p.to)) pending = null;
      }
      if (pending === null && chosenSlot === null && l !== null) {
        const v = `final${r + 1}${attempt > 0 ? `.${attempt}` : ''}`;
        attempt += 1;
        pending = { value: v, to: l.id, from: s.lab.processReplies.length };
        await s.exec(`propose ${l.name} ${v}`);
      } else {
        await s.advance(250);
      }
      why = problem();
    }
    maxSettleMs = Math.max(maxSettleMs, s.sim.now - healedAt);
    if (why !== null && !s.stop()) s.reportLiveness(ids, `${settleMs / 1000}s after the faults healed: ${why}`);
    if (s.stop()) break;
    await s.exec(`run ${rng.int(200, 2000)}ms`);
  }
  return s.result(seed, 'multipaxos', settings, maxSettleMs);
}


// ---------------------------------------------------------------- ZooKeeper with reconfigurations

const SUPER_DIGEST = 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=';
/** Servers a reconfig soak grows to at most (`lab add`), to keep a seed cheap. */
const RECONFIG_MAX_SERVERS = 7;

/**
 * ZooKeeper with dynamic reconfiguration (reconfigEnabled=true, a super session on zk1's zkCli):
 * its own generator (`soak-reconfig:SEED`), so the ZooKeeper soak above and its pinned hashes are
 * untouched. 3 or 5 voters, maybe an observer. Each round mixes the faults of the ZooKeeper soak
 * (kill, start, partition, one-way cut, latency spike, heal — no wipe: a server that loses its
 * disk loses its zoo.cfg.dynamic, outside ZooKeeper's model) with membership changes: `lab add
 * observer|voter` (a new server, up to seven), and zkCli `reconfig` — `-add` of a server the config
 * lacks (as participant or observer), `-remove` of any member (the leader included), a voter demoted
 * to observer, an observer promoted to voter, and `-members` (the whole list, non-incremental) —
 * with writes in between. Every checker after every event (ReconfigQuorum among them). After each
 * round everything heals and, within `settleMs`, Liveness as in the ZooKeeper soak plus: every
 * server runs the leader's committed config and no reconfig is left pending (the last seen config
 * of each server is its committed one: a leader elected mid-reconfig finished it).
 */
export async function runReconfigSoakSeed(seed: number, opts: SoakOptions = {}): Promise<SoakResult> {
  const rng = new Rng(`soak-reconfig:${seed}`);
  const voters = rng.int(0, 2) === 0 ? 5 : 3;
  const observers = rng.int(0, 3) === 0 ? 1 : 0;
  const ids = Array.from({ length: voters + observers }, (_, i) => i + 1);
  const bugs = opts.bugs && opts.bugs.length > 0 ? ` bugs=${opts.bugs.join(',')}` : '';
  const settings = `voters=${voters} observers=${observers} seed=${seed} reconfigEnabled=true superDigest=${SUPER_DIGEST}${bugs}`;
  const runner = new ScriptRunner();
  const script: string[] = [];
  const consoleLines: string[] = [];
  const exec = async (line: string): Promise<string> => {
    script.push(line);
    // `zkcli LINE` is a line typed into the console's zkCli; every other line but `new` is a lab command.
    if (line.startsWith('zkcli ')) consoleLines.push(line.slice(6));
    else if (!line.startsWith('new ')) consoleLines.push(`lab ${line}`);
    return runner.run(line);
  };
  await exec(`new ${settings}`);
  const lab = runner.lab!;
  const sim = lab.sim;
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)]!;
  const rounds = opts.rounds ?? 3;
  const stop = (): boolean => (opts.stopAtViolation ?? true) && lab.checker.violations.length > 0;
  const faults = opts.faultsPerRound ?? 8;
  const settleMs = opts.settleMs ?? 90_000;
  let maxSettleMs = 0;
  const delays = new Set<string>();
  await exec(`run ${2000 + rng.int(0, 2000)}ms`);
  await exec('zkcli addauth digest super:admin');
  /** The newest committed config among the running servers (what a reconfig starts from). */
  const current = (): DynamicConfig | null => {
    let best: DynamicConfig | null = null;
    for (const s of ids) {
      const p = sim.slot(s).up ? lab.peer(s) : undefined;
      if (!p) continue;
      const d = activeConfig(p.config);
      if (!best || d.version > best.version) best = d;
    }
    return best;
  };
  const spec = (sid: number, role: 'participant' | 'observer'): string => serverLine(labServer(sid, role));
  let reconfigs = 0;
  let reconfigsTried = 0;
  const reconfig = async (): Promise<void> => {
    const d = current();
    if (!d) return;
    const vs = votersOf(d);
    const os = observersOf(d);
    const outside = ids.filter((s) => !d.servers.some((x) => x.sid === s));
    const roll = rng.int(0, 99);
    let line: string | null = null;
    if (roll < 25 && outside.length > 0) line = `reconfig -add ${spec(pick(outside), rng.int(0, 2) === 0 ? 'observer' : 'participant')}`;
    else if (roll < 45 && vs.length + os.length > 2) {
      const gone = pick([...vs, ...os]);
      if (vs.filter((s) => s !== gone).length >= 2) line = `reconfig -remove ${gone}`;
    } else if (roll < 60 && vs.length > 2) line = `reconfig -add ${spec(pick(vs), 'observer')}`;
    else if (roll < 75 && os.length > 0) line = `reconfig -add ${spec(pick(os), 'participant')}`;
    else if (roll < 90) {
      // -members: the whole list, one server changed (dropped, added, or its role flipped).
      const members = new Map(d.servers.map((x) => [x.sid, x.role] as const));
      const s = pick(ids);
      const role = members.get(s);
      if (role === undefined) members.set(s, rng.int(0, 1) === 0 ? 'observer' : 'participant');
      else if (rng.int(0, 1) === 0 && [...members].filter(([x, r]) => r === 'participant' && x !== s).length >= 2) members.delete(s);
      else if (role === 'observer') members.set(s, 'participant');
      else if ([...members].filter(([x, r]) => r === 'participant' && x !== s).length >= 2) members.set(s, 'observer');
      line = `reconfig -members ${[...members].sort((a, b) => a[0] - b[0]).map(([x, r]) => spec(x, r)).join(',')}`;
    } else if (outside.length > 0) {
      const joiners = outside.filter(() => rng.int(0, 1) === 0);
      const leaving = vs.length > 2 ? [pick(vs)] : [];
      if (joiners.length > 0) line = `reconfig -add ${joiners.map((s) => spec(s, 'participant')).join(',')}${leaving.length > 0 ? ` -remove ${leaving.join(',')}` : ''}`;
    }
    if (line === null) return;
    reconfigsTried += 1;
    const out = await exec(`zkcli ${line}`);
    if (out.startsWith('Committed new configuration')) reconfigs += 1;
  };
  for (let r = 0; r < rounds && !stop(); r++) {
    for (let f = 0; f < faults && !stop(); f++) {
      const up = ids.filter((s) => sim.slot(s).up);
      const down = ids.filter((s) => !sim.slot(s).up);
      const roll = rng.int(0, 99);
      if (roll < 10 && ids.length < RECONFIG_MAX_SERVERS) {
        const word = rng.int(0, 1) === 0 ? 'observer' : 'voter';
        const out = await exec(`add ${word}`);
        const m = /^zk(\d+) started/.exec(out);
        if (m) ids.push(Number(m[1]));
      } else if (roll < 45) await reconfig();
      else if (roll < 55 && up.length > 0) await exec(`kill ${pick(up)}`);
      else if (roll < 65 && down.length > 0) await exec(`start ${pick(down)}`);
      else if (roll < 72) await exec(randomPartition(rng, ids));
      else if (roll < 78) {
        const [a, b] = distinctPair(rng, ids);
        await exec(`cut ${a}->${b}`);
      } else if (roll < 84) {
        const [a, b] = distinctPair(rng, ids);
        delays.add(`${a}->${b}`);
        await exec(`delay ${a}->${b} ${pick([200, 500, 1500, 4000])}ms`);
      } else if (roll < 90) await exec('heal');
      const n = rng.int(0, 2);
      for (let w = 0; w < n; w++) await exec(`write ${pick(ids)} 1`);
      await exec(`run ${rng.int(50, 3000)}ms`);
    }
    if (stop()) break;
    await exec('heal');
    for (const link of [...delays].sort()) await exec(`delay ${link} 0ms`);
    delays.clear();
    for (const s of ids) if (!sim.slot(s).up) await exec(`start ${s}`);
    const healedAt = sim.now;
    const problem = (): { servers: number[]; message: string } | null => {
      const p = livenessProblem(sim, (sid) => lab.peer(sid));
      if (p) return p;
      const leader = ids.find((s) => lab.peer(s)?.zab.leader)!;
      const want = activeConfig(lab.peer(leader)!.config).version;
      const off = ids.filter((s) => {
        const peer = lab.peer(s)!;
        return activeConfig(peer.config).version !== want || lastSeenConfig(peer).version !== want;
      });
      return off.length === 0 ? null : { servers: off, message: `${off.map((s) => `zk${s}`).join(', ')} not on leader zk${leader}'s config ${want.toString(16)} (active/last seen: ${off.map((s) => `${activeConfig(lab.peer(s)!.config).version.toString(16)}/${lastSeenConfig(lab.peer(s)!).version.toString(16)}`).join(', ')})` };
    };
    let why = problem();
    while (why && sim.now - healedAt < settleMs && !stop()) {
      await runner.run(`run ${STEP_MS}ms`);
      why = problem();
    }
    script.push(`run ${sim.now - healedAt}ms`);
    consoleLines.push(`lab run ${sim.now - healedAt}ms`);
    maxSettleMs = Math.max(maxSettleMs, sim.now - healedAt);
    if (why && lab.checker.violations.length === 0) {
      lab.checker.report(sim, 'Liveness', why.servers, `${settleMs / 1000}s after the faults healed: ${why.message}`);
    }
    if (stop()) break;
    await exec(`write ${pick(ids)} 1`);
    await exec(`run ${rng.int(200, 2000)}ms`);
  }
  const violations = [...lab.checker.violations];
  const result: SoakResult = {
    seed,
    ok: violations.length === 0,
    violations,
    historyViolations: [],
    clientOps: 0,
    reconfigs: { tried: reconfigsTried, committed: reconfigs },
    script,
    console: consoleLines,
    url: soakUrl(settings.split(' ').join('&'), consoleLines),
    events: sim.eventCount,
    hash: sim.traceHash(),
    simMs: sim.now,
    maxSettleMs,
    protocol: 'zookeeper-reconfig',
  };
  lab.dispose();
  return result;
}
