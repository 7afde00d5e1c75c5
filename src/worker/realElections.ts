/**
 * Replays the election scenarios recorded on a real ZooKeeper 3.8.0 ensemble
 * (s../protocol/scenarios/testdata/real/*.txt, recorded by scripts/real-zk/elections.sh) on a
 * HeadlessLab and reports, after every `settle`, what the lab's `srvr` would show — in the
 * recording's own format, so the two can be compared line by line.
 *
 * Steps, as elections.sh runs them:
 *   start A B …      start the servers (at the same moment)
 *   kill A B …       SIGKILL, one after the other
 *   write K via S    one zkCli run on server S: createSession, K creates, closeSession (K+2 txns);
 *                    zkCli exits only after closeSession is answered, so the lab runs until then
 *   settle           poll srvr every 50 ms until every running server reports a Mode, one of them
 *                    is the leader and that snapshot has held 1200 ms; or give up after 6000 ms
 */
import { hex } from '../protocol/zxid.ts';
import type { Sid } from '../protocol/types.ts';
import { Rng } from '../sim/rng.ts';
import { HeadlessLab } from './headless.ts';

export interface RealScenario {
  name: string;
  voters: number;
  observers: number;
  steps: string[];
  /** One entry per `settle`: every srvr line seen there across the recorded runs. */
  settles: string[][];
}

const SETTLE_POLL_MS = 50;
const SETTLE_STABLE_MS = 1200;
const SETTLE_CAP_MS = 6000;
/** How long the lab waits for a zkCli run's replies before giving up (the real script: 60 s). */
const WRITE_CAP_MS = 60000;

/** Parses a recorded scenario file (format: scripts/real-zk/README.md). */
export function parseRealScenario(name: string, text: string): RealScenario {
  const steps: string[] = [];
  const settles: string[][] = [];
  const alternatives: Array<{ settle: number; line: string }> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const alt = /^# run \d+, settle (\d+): srvr: (.*)$/.exec(line);
    if (alt) {
      alternatives.push({ settle: Number(alt[1]) - 1, line: alt[2]!.trim() });
      continue;
    }
    if (line.startsWith('#')) continue;
    if (line.startsWith('srvr:')) {
      settles.push([line.slice('srvr:'.length).trim()]);
      continue;
    }
    steps.push(line);
  }
  for (const a of alternatives) {
    const s = settles[a.settle];
    if (!s) throw new Error(`${name}: alternative for settle ${a.settle + 1}, which does not exist`);
    if (!s.includes(a.line)) s.push(a.line);
  }
  // The layout: every server named in the srvr lines; observers are the ones ever in Mode observer.
  const first = settles[0]?.[0];
  if (!first) throw new Error(`${name}: no srvr line`);
  const n = first.split('|').length;
  const observerSids = new Set<number>();
  for (const s of settles) {
    for (const l of s) {
      for (const part of l.split('|')) {
        const m = /^zk(\d+) observer\b/.exec(part.trim());
        if (m) observerSids.add(Number(m[1]));
      }
    }
  }
  const observers = observerSids.size;
  for (const sid of observerSids) {
    if (sid <= n - observers) throw new Error(`${name}: observer zk${sid} is not numbered after the voters`);
  }
  return { name, voters: n - observers, observers, steps, settles };
}

/** What `srvr` shows for one server, as the recordings write it. */
export function srvrState(lab: HeadlessLab, sid: Sid): string {
  const slot = lab.sim.slot(sid);
  if (!slot.up) return 'down';
  const v = slot.view;
  if (!v || !v.zab.serving) return 'not-serving';
  const mode = v.state === 'LEADING' ? 'leader' : v.state === 'FOLLOWING' ? 'follower' : v.state === 'OBSERVING' ? 'observer' : 'standalone';
  return `${mode} ${hex(v.zab.lastProcessedZxid)}`;
}

export function srvrSnapshot(lab: HeadlessLab): string {
  return [...lab.sim.servers.keys()].map((sid) => `zk${sid} ${srvrState(lab, sid)}`).join(' | ');
}

export interface ReplayOptions {
  seed: number | string;
  /**
   * `start A B …` on the real ensemble launches one JVM per server at once, and each takes a
   * different time (a few hundred ms) to reach its first election. With a jitter, the replay
   * starts each listed server after its own seeded random delay of 0…jitter ms (0 = all at the
   * same instant). Only multi-server starts are affected.
   */
  startJitterMs?: number;
  latencyMs?: number;
  latencySpreadMs?: number;
}

export interface ReplayResult {
  /** The lab's srvr snapshot at each settle. */
  settles: string[];
  /** Invariant violations seen during the run. */
  violations: string[];
  notes: string[];
}

/** Replays a scenario on a fresh lab; the ensemble is configured as the real one was. */
export async function replayRealScenario(sc: RealScenario, opts: ReplayOptions): Promise<ReplayResult> {
  const lab = new HeadlessLab({
    seed: opts.seed,
    voters: sc.voters,
    observers: sc.observers,
    tickTime: 200,
    initLimit: 10,
    syncLimit: 5,
    ...(opts.latencyMs !== undefined ? { latencyMs: opts.latencyMs } : {}),
    ...(opts.latencySpreadMs !== undefined ? { latencySpreadMs: opts.latencySpreadMs } : {}),
    boot: [],
  });
  const settles: string[] = [];
  const notes: string[] = [];
  const jitter = new Rng(`real-zk-start-jitter:${String(opts.seed)}`);
  try {
    for (const step of sc.steps) {
      const [word, ...args] = step.split(/\s+/);
      switch (word) {
        case 'start': {
          // Each JVM reaches its first election after its own delay; they start in that order.
          const j = args.length > 1 ? (opts.startJitterMs ?? 0) : 0;
          const delays = args.map((a) => ({ a, at: j > 0 ? jitter.int(0, j) : 0 })).sort((x, y) => x.at - y.at);
          let t = 0;
          for (const d of delays) {
            if (d.at > t) await lab.lab(`run ${d.at - t}ms`);
            t = d.at;
            await lab.lab(`start ${d.a}`);
          }
          break;
        }
        case 'kill':
          // zk_kill: SIGKILL, wait until the process is gone, next one.
          for (const a of args) await lab.lab(`kill ${a}`);
          break;
        case 'write': {
          // write K via S
          const k = Number(args[0]);
          const sid = Number(args[2]);
          const { sessionId, cxids } = lab.clientSession(sid, k);
          const want = new Set(cxids);
          const end = lab.sim.now + WRITE_CAP_MS;
          const answered = (): number => lab.replies.filter((r) => r.reply.sessionId === sessionId && want.has(r.reply.cxid)).length;
          while (answered() < cxids.length && lab.sim.now < end) await lab.lab('run 10ms');
          const failed = lab.replies.filter((r) => r.reply.sessionId === sessionId && want.has(r.reply.cxid) && r.reply.err !== 0);
          if (answered() < cxids.length || failed.length > 0) {
            notes.push(`write ${k} via ${sid}: ${answered()} of ${cxids.length} requests answered, ${failed.length} failed`);
          }
          break;
        }
        case 'settle': {
          const t0 = lab.sim.now;
          let last = '';
          let stableSince: number | null = null;
          let snap = srvrSnapshot(lab);
          for (;;) {
            snap = srvrSnapshot(lab);
            const now = lab.sim.now;
            const ok = !snap.includes('not-serving') && snap.includes(' leader ');
            if (ok) {
              if (snap === last && stableSince !== null) {
                if (now - stableSince >= SETTLE_STABLE_MS) break;
              } else if (snap !== last) {
                stableSince = now;
              }
            } else {
              stableSince = null;
              if (now - t0 >= SETTLE_CAP_MS) break;
            }
            last = snap;
            await lab.lab(`run ${SETTLE_POLL_MS}ms`);
          }
          settles.push(snap);
          break;
        }
        default:
          throw new Error(`${sc.name}: unknown step "${step}"`);
      }
    }
    const violations = lab.checker.violations.map((v) => `${v.invariant} at ${v.t}: ${v.message}`);
    return { settles, violations, notes };
  } finally {
    lab.dispose();
  }
}
