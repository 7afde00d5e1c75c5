/**
 * The soak of 2PC and 3PC (src/worker/soak.ts runProtocolSoakSeed): transactions begun at the
 * coordinator, some participants voting no, faults in between, every checker after every event,
 * and after each round's faults heal a liveness check: within `settleMs` every transaction the
 * coordinator began is decided at every participant (nobody still holds locks).
 *
 * Faults:
 *  - 2PC: the whole vocabulary (kill and start of any process, partitions, one-way cuts, datagram
 *    loss and duplication, latency spikes, heals — never a wipe: a log lost is outside the
 *    protocol's fault model). 2PC is safe under all of them; it only blocks while they last.
 *  - 3PC: crashes only (kill and start of any process, the coordinator included). 3PC decides on
 *    timeouts, so it is safe only where a timeout means a crash: a partition, a cut, a lost
 *    message or a latency spike longer than a timeout lets two sides decide differently — the
 *    partition preset shows it. With `partitions: true` the 3PC soak uses the whole vocabulary too,
 *    and a seed then passes if Atomicity is the only invariant that broke (the known violation
 *    class); the run says how many seeds broke it.
 */
import { ModuleSoak, type SoakOptions, type SoakResult } from './soak.ts';
import { Rng } from '../sim/rng.ts';
import type { CommitDisk } from '../protocol/commit/index.ts';

export interface CommitSoakOptions extends SoakOptions {
  /** 3PC: the whole fault vocabulary (partitions, cuts, loss, spikes), Atomicity expected to break. */
  partitions?: boolean;
}

/** What a 3PC seed under partitions broke beyond the known class (null: nothing else). */
export function unexpectedViolations(r: SoakResult, known: readonly string[] = ['Atomicity']): string[] {
  return [...new Set(r.violations.map((v) => v.invariant))].filter((i) => !known.includes(i));
}

export async function runCommitSoakSeed(variant: '2pc' | '3pc', seed: number, opts: CommitSoakOptions = {}): Promise<SoakResult> {
  const wide = variant === '2pc' || opts.partitions === true;
  const rng = new Rng(`soak-${variant}${wide && variant === '3pc' ? '-partitions' : ''}:${seed}`);
  // Under partitions 3PC plays every round whatever breaks: Atomicity is expected, and the soak
  // wants to see whether anything else does.
  const s = new ModuleSoak(rng, opts.stopAtViolation ?? !(variant === '3pc' && wide));
  const participants = s.pick([2, 3, 3, 4, 5, 6]);
  const bugs = opts.bugs && opts.bugs.length > 0 ? ` bugs=${opts.bugs.join(',')}` : '';
  const settings = `protocol=${variant} participants=${participants} seed=${seed}${bugs}`;
  await s.open(settings);
  const ids = s.ids;
  const pIds = ids.slice(1);
  const pairs = ids.flatMap((a) => ids.filter((b) => b > a).map((b) => [a, b] as const));
  let txn = 0;
  const begin = async (): Promise<void> => {
    if (rng.int(0, 4) === 0) await s.exec(`vote ${s.name(s.pick(pIds))} no`);
    await s.exec(`begin T${++txn}`);
  };
  const crash = async (): Promise<void> => {
    const roll = rng.int(0, 99);
    const up = ids.filter((id) => s.up(id));
    const down = ids.filter((id) => !s.up(id));
    if (roll < 35 && up.length > 0) await s.exec(`kill ${s.name(s.pick(up))}`);
    else if (roll < 70 && down.length > 0) await s.exec(`start ${s.name(s.pick(down))}`);
  };
  const disk = (id: number) => s.sim.slot(id).disk as CommitDisk;
  const rounds = opts.rounds ?? 3;
  const faults = opts.faultsPerRound ?? 6;
  const settleMs = opts.settleMs ?? 30_000;
  let maxSettleMs = 0;
  await begin();
  for (let r = 0; r < rounds && !s.stop(); r++) {
    for (let f = 0; f < faults && !s.stop(); f++) {
      if (wide) await s.fault(pairs);
      else await crash();
      const n = rng.int(0, 2);
      for (let k = 0; k < n; k++) await begin();
      await s.exec(`run ${rng.int(20, 3000)}ms`);
    }
    if (s.stop()) break;
    await s.healAll();
    await begin();
    const healedAt = s.sim.now;
    const problem = (): string | null => {
      const begun = disk(ids[0]!).order;
      const open: string[] = [];
      for (const t of begun) {
        const undecided = ids.filter((id) => disk(id).log[t]?.decision === undefined);
        if (undecided.length > 0) open.push(`${t} (${undecided.map((id) => s.name(id)).join(',')})`);
      }
      return open.length === 0 ? null : `undecided: ${open.slice(0, 4).join(' ')}${open.length > 4 ? ` and ${open.length - 4} more` : ''}`;
    };
    let why = problem();
    while (why !== null && s.sim.now - healedAt < settleMs && !s.stop()) {
      await s.advance(250);
      why = problem();
    }
    maxSettleMs = Math.max(maxSettleMs, s.sim.now - healedAt);
    if (why !== null && !s.stop()) s.reportLiveness(ids, `${settleMs / 1000}s after the faults healed: ${why}`);
    if (s.stop()) break;
    await s.exec(`run ${rng.int(200, 2000)}ms`);
  }
  return s.result(seed, variant, settings, maxSettleMs);
}
