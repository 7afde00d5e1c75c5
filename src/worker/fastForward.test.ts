/**
 * A run ahead in the page (LabRuntime.runAhead): the servers' states leave their Web Workers, the
 * world runs in this thread on the same protocol code, and the states go back. The run is the
 * same as one that never leaves the workers — trace entry by entry, and its hash — for ZooKeeper
 * (writes, a crash and a restart, a partition and its heal, a seek forward, `lab step`; servers
 * added while it runs, `lab add`) and for
 * Paxos and Multi-Paxos, and the workers go on from where the run ahead left them.
 */
import { describe, expect, test } from 'vitest';
import { runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { stableJson } from '../sim/stableJson.ts';
import { LabRuntime } from './runtime.ts';
import { WorkerHost } from './workerHost.ts';
import { nodeWorkers } from './nodeWorkers.test-helper.ts';

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

/** Console lines, `run N` (lab run), `write S` (a create on server S) or `seek +N` (forward). */
type Script = string[];

const CASES: Record<string, { config: LabConfig; script: Script }> = {
  zookeeper: {
    config: { ...DEFAULT_LAB_CONFIG, voters: 3, observers: 1, seed: 5 },
    script: [
      'run 3000', 'write 1', 'write 2', 'write 4', 'run 1000', 'lab kill 3', 'run 5000',
      'lab partition 1 2,3,4', 'write 2', 'run 15000', 'lab heal', 'lab start 3', 'seek +8000',
      'write 3', 'lab step 40', 'lab step proposal', 'run 20000',
    ],
  },
  // `lab add`: new servers (their own workers) join while the workers run, or while this thread runs ahead.
  'zookeeper with added servers': {
    config: { ...DEFAULT_LAB_CONFIG, voters: 3, seed: 9, reconfigEnabled: true },
    script: [
      'run 3000', 'lab add observer', 'run 2000', 'write 4', 'write 1', 'lab add voter', 'run 3000', 'write 5',
      'lab kill 4', 'run 4000', 'lab start 4', 'seek +5000', 'write 4', 'run 10000',
    ],
  },
  paxos: {
    config: { ...DEFAULT_LAB_CONFIG, protocol: 'paxos', acceptors: 5, proposers: 2, learners: 1, retry: 'backoff', seed: 21 },
    script: ['propose p1 x', 'lab faults p1 a2 loss=0.5 dup=0.5', 'run 700', 'propose p2 y', 'lab kill a1', 'run 2000', 'lab start a1', 'propose p1 w', 'run 5000'],
  },
  multipaxos: {
    config: { ...DEFAULT_LAB_CONFIG, protocol: 'multipaxos', replicas: 5, seed: 28 },
    script: ['run 2500', 'propose r1 a', 'propose r3 c', 'run 900', 'lab kill r1', 'run 4000', 'lab start r1', 'propose r2 g', 'run 6000'],
  },
};

let cxid = 0;

async function play(rt: LabRuntime, script: Script): Promise<void> {
  for (const line of script) {
    const [cmd, arg] = line.split(' ');
    if (cmd === 'run') await rt.runFor(Number(arg));
    else if (cmd === 'seek') await rt.seek(rt.sim.now + Number(arg!.slice(1)));
    else if (cmd === 'write') {
      cxid += 1;
      await rt.apply({ type: 'request', sid: Number(arg), req: {
        sessionId: 0x5ca1ab1en, cxid, authInfo: [],
        request: { type: 'create', path: `/w${cxid}`, data: new TextEncoder().encode('x'), acl: OPEN_ACL, mode: 'PERSISTENT' },
      } });
    } else {
      const reply = line.startsWith('lab ') ? await runLabCommand(rt, line) : await runProtocolLine(rt, line);
      expect(reply.error ?? false, `${line}: ${reply.lines.join(' / ')}`).toBe(false);
    }
  }
}

/** Runs the script with Web Workers (the real nodeWorker.ts); counts the step messages the workers got. */
async function withWorkers(c: { config: LabConfig; script: Script }, fastForwardAfterMs: number) {
  cxid = 0;
  const make = await nodeWorkers(30);
  let steps = 0;
  const counting = (): Worker => {
    const w = make();
    const post = w.postMessage.bind(w);
    w.postMessage = (m: { type: string }) => {
      if (m.type === 'step') steps += 1;
      post(m);
    };
    return w;
  };
  const rt = new LabRuntime(c.config, () => new WorkerHost(counting), { fastForwardAfterMs });
  await play(rt, c.script);
  expect(rt.fastForward).toBeNull();
  const trace = rt.sim.trace.map((e) => stableJson(e));
  // After the run: four-letter words / snapshots come from the workers, which hold the run's states.
  const states = await Promise.all([...rt.sim.servers.keys()].map((sid) => rt.sim.snapshot(sid)));
  const result = { hash: rt.sim.traceHash(), events: rt.sim.eventCount, now: rt.sim.now, trace, states: stableJson(states), steps };
  rt.dispose();
  return result;
}

describe.each(Object.keys(CASES))('%s: a run ahead in this thread', (name) => {
  test('gives the same trace and hash as the workers alone, and hands the states back', async () => {
    const c = CASES[name]!;
    const workers = await withWorkers(c, Infinity);
    const ahead = await withWorkers(c, 0);
    expect(ahead.hash).toBe(workers.hash);
    expect(ahead.trace).toEqual(workers.trace);
    expect(ahead.events).toBe(workers.events);
    expect(ahead.now).toBe(workers.now);
    expect(ahead.states).toBe(workers.states);
    // It did run ahead: most events never went to a worker.
    expect(workers.steps).toBeGreaterThan(50);
    expect(ahead.steps).toBeLessThan(workers.steps / 4);
  }, 60_000);
});
