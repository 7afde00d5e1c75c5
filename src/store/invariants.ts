/**
 * Live invariant checks for the page (issue 7, item 3). The checker (src/protocol/checkers/invariants.ts)
 * reads servers' states synchronously, but in the page they live in Web Workers. So:
 *
 *  - One InvariantChecker per runtime generation. It is fed *samples*: through the session's
 *    operation queue (never in the middle of a batch), at most every SAMPLE_INTERVAL_MS of wall
 *    time and only when the trace grew, every running server's snapshot is fetched
 *    (`await sim.peek(sid)`: what changed since the last, src/protocol/peerDelta.ts) and `checker.check(sim)` runs with `peers` reading those
 *    snapshots. The trace-based parts of the checker (broadcasts, proposals, client replies,
 *    leaders established, applies) scan the trace incrementally, so they see every event; the
 *    state-based parts (histories, pairs, replay, leaders per epoch) see the state at each sample
 *    — about once a second of wall time while playing (a round snapshots every server: more often costs frames), and after each console command. The soak and the tests
 *    check after every event (src/worker/headless.ts).
 *  - A rewind replaces the simulation (`runtime.generation` changes). The new checker first scans
 *    the restored trace with no server states (the trace-based facts of the past, without judging
 *    old establishments against today's states, which would be wrong after a wipe), then checks the
 *    restored state. Violations found before the rewind point stay: they happened in this history
 *    (the trace up to the rewind point is the same), so seeking to a red check's moment keeps it red.
 */
import { create } from 'zustand';
import type { QuorumPeer } from '../protocol/QuorumPeer.ts';
import type { Sid } from '../protocol/types.ts';
import { INVARIANTS, InvariantChecker, type InvariantName, type Violation } from '../protocol/checkers/invariants.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { Violation as AnyViolation } from '../sim/module.ts';
import { zkSim, type ZkSimulation } from '../protocol/zookeeper.ts';
import { stableJson } from '../sim/stableJson.ts';
import type { TraceEntry } from '../protocol/zookeeper.ts';
import type { OpQueue } from './opQueue.ts';

/** At most one round of snapshots per this much wall time. */
export const SAMPLE_INTERVAL_MS = 1000;

export interface InvariantRow {
  /** An invariant of the lab's protocol (ZooKeeper's InvariantName, Paxos' Agreement …). */
  name: string;
  ok: boolean;
  count: number;
  /** Where it first broke (in this history). */
  first: AnyViolation | null;
}

export interface InvariantsState {
  rows: InvariantRow[];
  /** Simulated ms and trace length of the last sample (-1: none yet). */
  checkedMs: number;
  checkedEvents: number;
}

const greenRows = (list: ReadonlyArray<{ name: string }> = INVARIANTS): InvariantRow[] => list.map(({ name }) => ({ name, ok: true, count: 0, first: null }));

export const useInvariantsStore = create<InvariantsState>()(() => ({ rows: greenRows(), checkedMs: -1, checkedEvents: -1 }));

export interface InvariantSource {
  readonly runtime: {
    readonly sim: Simulation;
    readonly generation: number;
    /** The protocol's invariants (their names and lines). */
    readonly protocol?: { readonly invariants: ReadonlyArray<{ name: string }> };
    /**
     * The protocol's invariants as checked after every event where its checker runs with the
     * runtime (Paxos, Multi-Paxos); null where the checker needs whole server states (ZooKeeper's),
     * which are sampled here.
     */
    invariantStatus?(): Array<{ name: string; first: AnyViolation | null; count: number }> | null;
    /** True when the protocol's checker runs with the runtime (then invariantStatus is not null). */
    readonly hasOwnChecker?: boolean;
  };
  readonly ops: OpQueue;
}

/** A protocol checked by its runtime after every event: its status is read, at most this often while playing (wall ms). */
export const OWN_STATUS_INTERVAL_MS = 250;

let source: InvariantSource | null = null;
let checker: InvariantChecker | null = null;
let checkerGen = -1;
let checkedSim: ZkSimulation | null = null;
/** Violations of earlier generations that lie in the current history. */
let carried: Violation[] = [];
/** Per invariant: violations beyond those kept (the checker keeps a few per invariant, counts all). */
let carriedExtra = new Map<InvariantName, number>();
let snapshots = new Map<Sid, QuorumPeer>();
/** Each server's view when its snapshot was taken. */
let sampledViews = new Map<Sid, unknown>();
let inFlight = false;
let lastWall = -Infinity;
let timer: ReturnType<typeof setTimeout> | null = null;
let sampledKey = '';

const wallNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Forgets everything (a new lab). */
export function resetInvariants(src: InvariantSource | null): void {
  source = src;
  checker = null;
  checkerGen = -1;
  checkedSim = null;
  carried = [];
  carriedExtra = new Map();
  snapshots = new Map();
  sampledViews = new Map();
  inFlight = false;
  lastWall = -Infinity;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  sampledKey = '';
  useInvariantsStore.setState({ rows: greenRows(src?.runtime.protocol?.invariants), checkedMs: -1, checkedEvents: -1 }, true);
}

/** Reads a runtime-checked protocol's status (exact: its checker ran after every event) into the panel. */
function publishOwn(src: InvariantSource, status: Array<{ name: string; first: AnyViolation | null; count: number }>): void {
  const rows: InvariantRow[] = status.map((s) => ({ name: s.name, ok: s.count === 0, count: s.count, first: s.first }));
  const prev = useInvariantsStore.getState().rows;
  const same = rows.length === prev.length && rows.every((r, i) => prev[i]!.name === r.name && prev[i]!.ok === r.ok && prev[i]!.count === r.count && prev[i]!.first === r.first);
  sampledKey = keyOf(src);
  useInvariantsStore.setState({ ...(same ? {} : { rows }), checkedMs: src.runtime.sim.now, checkedEvents: src.runtime.sim.trace.length });
}

function keyOf(src: InvariantSource): string {
  const sim = zkSim(src.runtime.sim);
  return `${src.runtime.generation}|${sim.trace.length}|${sim.now}`;
}

/** Is trace entry `i` the same in both traces (deterministic replay makes equal entries)? */
function sameEntry(a: TraceEntry | undefined, b: TraceEntry | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.t !== b.t || a.kind !== b.kind) return false;
  try {
    return stableJson(a) === stableJson(b);
  } catch {
    return true;
  }
}

/** Everything found so far in this history: carried violations and the current checker's. */
function allViolations(): { list: Violation[]; extra: Map<InvariantName, number> } {
  const list = [...carried];
  const extra = new Map(carriedExtra);
  if (checker) {
    const seen = new Set(carried.map((v) => `${v.invariant}|${v.message}`));
    const kept = new Map<InvariantName, number>();
    for (const v of checker.violations) {
      kept.set(v.invariant, (kept.get(v.invariant) ?? 0) + 1);
      // A rewind re-finds what the old checker found at the same state: count it once.
      if (!seen.has(`${v.invariant}|${v.message}`)) list.push(v);
    }
    for (const s of checker.statuses()) {
      const more = s.count - (kept.get(s.name) ?? 0);
      if (more > 0) extra.set(s.name, (extra.get(s.name) ?? 0) + more);
    }
  }
  return { list, extra };
}

function newGeneration(src: InvariantSource): void {
  const sim = zkSim(src.runtime.sim);
  if (checker && checkedSim) {
    const old = checkedSim.trace;
    const { list, extra } = allViolations();
    carried = list.filter((v) => v.traceIndex < sim.trace.length && sameEntry(old[v.traceIndex], sim.trace[v.traceIndex]));
    // Uncounted extras are kept only when the whole of that invariant's kept list survived.
    carriedExtra = new Map([...extra].filter(([name]) => list.filter((v) => v.invariant === name).every((v) => carried.includes(v))));
  }
  const rewound = checker !== null;
  snapshots = new Map();
  sampledViews = new Map();
  let priming = false;
  checker = new InvariantChecker((sid) => (priming ? undefined : snapshots.get(sid)));
  checkerGen = src.runtime.generation;
  checkedSim = sim;
  if (rewound && sim.trace.length > 0) {
    // The trace of the past without server states: what was broadcast, proposed, acknowledged.
    priming = true;
    const facade = { trace: sim.trace, servers: new Map(), now: sim.now } as unknown as ZkSimulation;
    checker.check(facade);
    priming = false;
  }
}

/** Fetches every running server's snapshot and runs the checker. Call inside the queue. */
async function sample(src: InvariantSource): Promise<void> {
  if (src !== source) return;
  if (!checker || src.runtime.generation !== checkerGen) newGeneration(src);
  const sim = zkSim(src.runtime.sim);
  checkedSim = sim;
  const next = new Map<Sid, QuorumPeer>();
  const views = new Map<Sid, unknown>();
  for (const slot of sim.servers.values()) {
    if (!slot.up) continue;
    // A server that has not stepped since the last sample (same view object) has the same state:
    // no need to copy it out of its worker again.
    const kept = snapshots.get(slot.sid);
    const peer = kept && slot.view !== null && sampledViews.get(slot.sid) === slot.view ? kept : await sim.peek(slot.sid);
    if (peer) next.set(slot.sid, peer);
    views.set(slot.sid, slot.view);
  }
  snapshots = next;
  sampledViews = views;
  checker!.check(sim);
  sampledKey = keyOf(src);
  publish(sim);
}

function publish(sim: ZkSimulation): void {
  const { list, extra } = allViolations();
  const rows: InvariantRow[] = INVARIANTS.map(({ name }) => {
    const mine = list.filter((v) => v.invariant === name);
    const first = mine.reduce<Violation | null>((a, v) => (a === null || v.traceIndex < a.traceIndex ? v : a), null);
    const count = mine.length + (extra.get(name) ?? 0);
    return { name, ok: count === 0, count, first };
  });
  const prev = useInvariantsStore.getState().rows;
  const same = rows.every((r, i) => prev[i] && prev[i].ok === r.ok && prev[i].count === r.count && prev[i].first === r.first);
  useInvariantsStore.setState({ ...(same ? {} : { rows }), checkedMs: sim.now, checkedEvents: sim.trace.length });
}

/** Called whenever the lab changed (syncLab): samples when the trace moved on, throttled, through the queue. */
export function pokeInvariants(): void {
  const src = source;
  if (!src || inFlight) return;
  if (keyOf(src) === sampledKey) return;
  // A protocol checked by its runtime after every event is read (throttled); ZooKeeper's is sampled.
  const own = src.runtime.hasOwnChecker ?? false;
  const wait = lastWall + (own ? OWN_STATUS_INTERVAL_MS : SAMPLE_INTERVAL_MS) - wallNow();
  if (own && wait <= 0) {
    lastWall = wallNow();
    const status = src.runtime.invariantStatus?.();
    if (status) publishOwn(src, status);
    return;
  }
  if (wait > 0) {
    timer ??= setTimeout(() => {
      timer = null;
      pokeInvariants();
    }, wait);
    return;
  }
  inFlight = true;
  src.ops
    .run(() => sample(src))
    .catch((e: unknown) => console.error(e))
    .finally(() => {
      if (source !== src) return;
      inFlight = false;
      lastWall = wallNow();
      pokeInvariants();
    });
}

/** Samples now (through the queue) and resolves when the panel shows the current state. For tests. */
export async function refreshInvariants(): Promise<void> {
  const src = source;
  if (!src) return;
  await src.ops.run(async () => {
    const own = src.runtime.hasOwnChecker ? (src.runtime.invariantStatus?.() ?? null) : null;
    if (own) publishOwn(src, own);
    else await sample(src);
  });
}
