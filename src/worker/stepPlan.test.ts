/**
 * Playing frame by frame through Web Workers (the real nodeWorker.ts), each worker gets its inputs
 * due soon in one message (WorkerHost.planner, ./stepPlan.ts). The run is the same as one input
 * per message and as the in-process run — trace entry by entry — through writes, a crash and a
 * restart, a partition and its heal, timers reset and messages dropped (plans that go wrong and
 * rewind), breakpoints, and snapshots, peeks and four-letter words asked in the middle of a frame.
 * A peek (what changed since the last, patched in the page) always equals a whole snapshot.
 */
import { describe, expect, test } from 'vitest';
import { runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { stableJson } from '../sim/stableJson.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime } from './runtime.ts';
import { WorkerHost } from './workerHost.ts';
import { nodeWorkers } from './nodeWorkers.test-helper.ts';

/** [simulated ms to play, console lines then]. */
type Script = Array<[number, string[]]>;

const CASES: Record<string, { config: LabConfig; script: Script }> = {
  zookeeper: {
    config: { ...DEFAULT_LAB_CONFIG, voters: 5, observers: 1, seed: 11 },
    script: [
      [4000, ['lab write 1 3', 'lab write 3 2']],
      [1500, ['lab kill 2', 'lab write 4 2']],
      [3000, ['lab partition 1,2 3,4,5,6', 'lab write 5 3']],
      [6000, ['lab heal', 'lab start 2', 'lab write 2 4']],
      [4000, ['lab delay 1->3 200ms', 'lab write 6 2']],
      [3000, []],
    ],
  },
  multipaxos: {
    config: { ...DEFAULT_LAB_CONFIG, protocol: 'multipaxos', replicas: 5, seed: 28 },
    script: [
      [2500, ['propose r1 a', 'propose r3 c', 'lab faults r1 r2 loss=0.4 dup=0.4']],
      [900, ['lab kill r1']],
      [4000, ['lab start r1', 'propose r2 g']],
      [3000, []],
    ],
  },
};

async function line(rt: LabRuntime, l: string): Promise<void> {
  const reply = l.startsWith('lab ') ? await runLabCommand(rt, l) : await runProtocolLine(rt, l);
  expect(reply.error ?? false, `${l}: ${reply.lines.join(' / ')}`).toBe(false);
}

/** Plays like the page: frames of `frameMs` (`runUntil`), asking a worker something now and then mid-frame. */
async function play(rt: LabRuntime, script: Script, ask: boolean, frameMs = 16): Promise<void> {
  let frame = 0;
  for (const [ms, lines] of script) {
    const end = rt.sim.now + ms;
    while (rt.sim.now < end) {
      const run = rt.runUntil(Math.min(end, rt.sim.now + frameMs));
      if (ask && ++frame % 7 === 0) {
        const sid = rt.setup.ids[frame % rt.setup.ids.length]!;
        const [whole, peeked] = await Promise.all([rt.sim.snapshot(sid), rt.sim.peek(sid), rt.sim.query(sid, 'srvr')]);
        expect(stableJson(peeked)).toBe(stableJson(whole));
      }
      await run;
    }
    for (const l of lines) await line(rt, l);
  }
}

const traceText = (rt: LabRuntime): string[] => rt.sim.trace.map((e) => stableJson(e));

const RUNS = Object.keys(CASES).flatMap((name) => [16, 250].map((frameMs) => [name, frameMs] as const));

describe.each(RUNS)('%s: plans for the workers, %d ms frames', (name, frameMs) => {
  test('one message per worker and frame gives the same trace as the in-process run', async () => {
    const c = CASES[name]!;
    const reference = new LabRuntime(c.config, () => new InProcessHost());
    await play(reference, c.script, false);
    const make = await nodeWorkers(30);
    let host: WorkerHost | null = null;
    const rt = new LabRuntime(c.config, () => (host = new WorkerHost(make)));
    await play(rt, c.script, true, frameMs);
    expect(rt.sim.traceHash()).toBe(reference.sim.traceHash());
    expect(traceText(rt)).toEqual(traceText(reference));
    const stats = host!.stats;
    // Inputs came from plans; some plans went wrong and rewound.
    expect(stats.planned).toBeGreaterThan(name === 'zookeeper' ? rt.sim.eventCount / 4 : 0);
    if (name === 'zookeeper') expect(stats.rewinds).toBeGreaterThan(0);
    // ZooKeeper's peeks after the first of each server were patched from what changed (multipaxos has no diffNode).
    if (name === 'zookeeper') expect(stats.peekDeltas).toBeGreaterThan(0);
    else expect(stats.peekDeltas).toBe(0);
    expect(stats.sent + stats.planned).toBeGreaterThanOrEqual(rt.sim.eventCount);
    reference.dispose();
    rt.dispose();
  }, 60_000);
});
