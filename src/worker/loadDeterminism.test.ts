/**
 * `lab load` keeps the one rule (docs/architecture.md): with load clients and the cost model
 * running, a run is still a pure function of (config, seed, actions) — the same in process and
 * with a Web Worker per server, after a rewind, and replayed from a share link.
 */
import { describe, expect, test } from 'vitest';
import { runLabCommand } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { parseRunOf } from '../protocol/registry.ts';
import { encodeRun } from '../protocol/runLink.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime } from './runtime.ts';
import { WorkerHost } from './workerHost.ts';
import { nodeWorkers } from './nodeWorkers.test-helper.ts';

const CONFIG: LabConfig = { ...DEFAULT_LAB_CONFIG, voters: 3, observers: 1, seed: 21 };
const SCRIPT: Array<[number, string[]]> = [
  [3000, ['lab load clients=8 reads=70% rate=120/s']],
  [2000, ['lab kill 1']],
  [1500, ['lab start 1', 'lab load clients=4 reads=20% rate=80/s servers=zk2,zk4']],
  [2000, ['lab load stop']],
  [500, []],
];

async function play(rt: LabRuntime, stepwise = false): Promise<void> {
  for (const [ms, lines] of SCRIPT) {
    if (stepwise) {
      const until = rt.sim.now + ms;
      while ((rt.sim.nextEventTime() ?? Infinity) <= until) await rt.sim.stepEvents(1, until);
      await rt.runUntil(until);
    } else await rt.runFor(ms);
    for (const l of lines) {
      const reply = await runLabCommand(rt, l);
      expect(reply.error ?? false, `${l}: ${reply.lines.join(' / ')}`).toBe(false);
    }
  }
}

async function reference(): Promise<{ hash: string; report: string[]; rt: LabRuntime }> {
  const rt = new LabRuntime(CONFIG, () => new InProcessHost(), { checkpointEvery: 50 });
  await play(rt);
  return { hash: rt.sim.traceHash(), report: (await runLabCommand(rt, 'lab load')).lines, rt };
}

describe('lab load: determinism', () => {
  test('the load ran: requests were answered, the trace holds them', async () => {
    const { rt } = await reference();
    expect(rt.sim.trace.filter((e) => e.kind === 'reply').length).toBeGreaterThan(400);
    rt.dispose();
  });

  test('a Web Worker per server gives the same trace hash and report as in process', async () => {
    const ref = await reference();
    const makeWorker = await nodeWorkers(12);
    const rt = new LabRuntime(CONFIG, () => new WorkerHost(makeWorker), { checkpointEvery: 0 });
    await play(rt);
    expect(rt.sim.traceHash()).toBe(ref.hash);
    expect((await runLabCommand(rt, 'lab load')).lines).toEqual(ref.report);
    rt.dispose();
    ref.rt.dispose();
  }, 60_000);

  test('one event at a time gives the same trace as running in batches', async () => {
    const ref = await reference();
    const rt = new LabRuntime(CONFIG, () => new InProcessHost(), { checkpointEvery: 0 });
    await play(rt, true);
    expect(rt.sim.traceHash()).toBe(ref.hash);
    rt.dispose();
    ref.rt.dispose();
  });

  test('seeking back into the load and forward again gives the same hash and report', async () => {
    const ref = await reference();
    await runLabCommand(ref.rt, 'lab seek 4s');
    await runLabCommand(ref.rt, 'lab seek 9s');
    expect(ref.rt.sim.traceHash()).toBe(ref.hash);
    expect((await runLabCommand(ref.rt, 'lab load')).lines).toEqual(ref.report);
    ref.rt.dispose();
  });

  test('a share link carries the load actions and replays the same run', async () => {
    const ref = await reference();
    const text = encodeRun(ref.rt.runData());
    const parsed = parseRunOf(CONFIG, text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.run.actions.filter((a) => a.action.type === 'load')).toHaveLength(3);
    const rt = new LabRuntime(CONFIG, () => new InProcessHost());
    await rt.loadRun(parsed.run);
    expect(rt.sim.traceHash()).toBe(ref.hash);
    rt.dispose();
    ref.rt.dispose();
  });

  test('a link with a malformed load is refused', () => {
    const bad = encodeRun({ head: { eventCount: 0, t: 0 }, actions: [{ eventCount: 0, t: 0, action: { type: 'load', spec: { clients: 0, reads: 50, rate: 10, servers: [1] } } }] });
    expect(parseRunOf(CONFIG, bad)).toEqual({ error: expect.stringContaining('clients') });
  });
});
