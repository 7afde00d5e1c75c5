/**
 * docs/architecture.md for the protocol modules: a Paxos or Multi-Paxos run is a pure function of (config,
 * seed, actions at their moments), like a ZooKeeper run (determinism.test.ts, timeTravel.test.ts).
 * Here, through the real kernel and runtime, with console lines of every kind (propose, kill, start,
 * partition, one-way cut, heal, latency spike, datagram loss and duplication):
 *  - same seed → same trace hash; another seed → another;
 *  - one event at a time gives the same trace as running in batches;
 *  - a run with a Web Worker per process (the real nodeWorker.ts) equals the in-process run;
 *  - rewinding N events (or seeking into the past) and playing forward equals never rewinding,
 *    entry by entry, in process and with workers (replaying in process or in the workers);
 *  - a share link (encodeRun / parseRun, runData / loadRun) with `propose` and `faults` actions
 *    replays to the same hash, and goes on like the original.
 * The rewind and link tests found that a replay applied an action before the datagrams dropped
 * just before it (at a cut, at a dead process), which the action then let through — fixed in
 * runtime.ts forward(); and that stepping an idle world never returned.
 */
import { describe, expect, test } from 'vitest';
import { runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { encodeRun, parseRun } from '../protocol/runLink.ts';
import type { PeerHost } from '../sim/host.ts';
import { stableJson } from '../sim/stableJson.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime, type LabRuntimeOptions } from './runtime.ts';
import { WorkerHost } from './workerHost.ts';
import { nodeWorkers } from './nodeWorkers.test-helper.ts';

type Script = Array<[number, string[]]>;

/** Five acceptors, three proposers, two learners: dueling proposals through loss, duplication, a crash, a partition, a cut and a spike. */
const PAXOS: { config: LabConfig; script: Script } = {
  config: { ...DEFAULT_LAB_CONFIG, protocol: 'paxos', acceptors: 5, proposers: 3, learners: 2, retry: 'backoff', seed: 21 },
  script: [
    [0, ['propose p1 x', 'lab faults p1 a2 loss=0.5 dup=0.5', 'lab faults a1->l1 loss=0.3 dup=0.6']],
    [120, ['propose p2 y', 'lab kill a1']],
    [700, ['lab partition p1,a2,a3 p2,p3,a1,a4,a5,l1,l2', 'propose p3 z']],
    [1500, ['lab delay p2->a4 400ms', 'lab cut a5->l2', 'lab start a1']],
    [2500, ['lab heal', 'lab kill p1', 'lab faults p1 a2 loss=0 dup=0']],
    [800, ['lab start p1', 'propose p1 w', 'lab wipe l2']],
    [3000, ['lab start l2', 'propose p2 v']],
    [4000, []],
  ],
};

/** Five replicas: a leader, proposals to it and to followers, loss and duplication, its crash, a partition and its heal, a restart. */
const MULTIPAXOS: { config: LabConfig; script: Script } = {
  config: { ...DEFAULT_LAB_CONFIG, protocol: 'multipaxos', replicas: 5, seed: 28 },
  script: [
    [2500, ['propose r1 a', 'propose r1 b', 'propose r3 c', 'lab faults r1 r2 loss=0.4 dup=0.4']],
    [600, ['lab delay r1->r4 700ms', 'propose r1 d']],
    [900, ['lab kill r1', 'lab cut r2->r3']],
    [4000, ['lab partition r2,r3 r4,r5,r1', 'propose r4 e', 'propose r5 f']],
    [3000, ['lab heal', 'lab start r1', 'lab faults r1 r2 loss=0 dup=0', 'lab delay r1->r4 0ms']],
    [3000, ['propose r2 g', 'propose r5 h']],
    [3000, []],
  ],
};

/** 2PC / 3PC, four participants: transactions through loss and duplication, a no vote, the coordinator's crash, a partition, a restart. */
function commitCase(protocol: '2pc' | '3pc'): { config: LabConfig; script: Script } {
  return {
    config: { ...DEFAULT_LAB_CONFIG, protocol, participants: 4, seed: 13 },
    script: [
      [0, ['begin T1', 'lab faults c p2 loss=0.5 dup=0.5', 'vote p3 no']],
      [300, ['begin T2', 'lab delay c->p4 300ms']],
      [600, ['begin T3']],
      [50, ['lab kill c', 'lab partition c,p1,p2 p3,p4']],
      [3000, ['lab start c', 'begin T4']],
      [2500, ['lab heal', 'lab kill p1', 'lab faults c p2 loss=0 dup=0', 'lab delay c->p4 0ms', 'lab cut p2->p3']],
      [800, ['lab start p1', 'begin T5', 'vote p4 no']],
      [1500, ['begin T6', 'begin T7', 'lab heal']],
      [3000, ['begin T8']],
      [3000, []],
    ],
  };
}

const CASES = { paxos: PAXOS, multipaxos: MULTIPAXOS, '2pc': commitCase('2pc'), '3pc': commitCase('3pc') };

async function line(rt: LabRuntime, l: string): Promise<void> {
  const reply = l.startsWith('lab ') ? await runLabCommand(rt, l) : await runProtocolLine(rt, l);
  expect(reply.error ?? false, `${l}: ${reply.lines.join(' / ')}`).toBe(false);
}

/** Plays a script: run each stretch, then its lines. `stepwise`: one event at a time. */
async function play(rt: LabRuntime, script: Script, stepwise = false): Promise<void> {
  for (const [ms, lines] of script) {
    if (stepwise) {
      const until = rt.sim.now + ms;
      // The world's own single step, bounded by `until` (the runtime's runs past a stale timer to the next real event).
      while ((rt.sim.nextEventTime() ?? Infinity) <= until) await rt.sim.stepEvents(1, until);
      await rt.runUntil(until);
    } else {
      await rt.runFor(ms);
    }
    for (const l of lines) await line(rt, l);
  }
}

const inProcess = (config: LabConfig, opts: LabRuntimeOptions = {}) => new LabRuntime(config, () => new InProcessHost(), opts);
const traceText = (rt: LabRuntime): string[] => rt.sim.trace.map((e) => stableJson(e));

async function reference(c: { config: LabConfig; script: Script }): Promise<{ hash: string; trace: string[]; events: number; now: number }> {
  const rt = inProcess(c.config, { checkpointEvery: 0 });
  await play(rt, c.script);
  expect(rt.violations()).toEqual([]);
  const r = { hash: rt.sim.traceHash(), trace: traceText(rt), events: rt.sim.eventCount, now: rt.sim.now };
  rt.dispose();
  return r;
}

describe.each(Object.entries(CASES))('%s determinism', (protocol, c) => {
  test('same seed, same trace hash; another seed, another hash', async () => {
    const a = await reference(c);
    const b = await reference(c);
    const other = await reference({ ...c, config: { ...c.config, seed: 1 + Number(c.config.seed) } });
    expect(a).toEqual(b);
    expect(other.hash).not.toBe(a.hash);
    expect(a.events).toBeGreaterThan(protocol === 'paxos' ? 100 : 150);
    // The script's actions all took effect: proposals, datagram faults (a packet lost, one duplicated).
    const rt = inProcess(c.config);
    await play(rt, c.script);
    expect(rt.actions.map((x) => x.action.type)).toEqual(expect.arrayContaining(['propose', 'faults', 'kill', 'start', 'partition', 'cut', 'heal', 'delay']));
    expect(rt.sim.trace.some((e) => e.kind === 'drop' && e.reason === 'lost')).toBe(true);
    const sends = rt.sim.trace.filter((e) => e.kind === 'send');
    expect(new Set(sends.map((e) => `${e.t}|${e.from}|${e.to}|${stableJson(e.msg)}`)).size).toBeLessThan(sends.length);
    rt.dispose();
  });

  test('one event at a time gives the same trace as running in batches', async () => {
    const ref = await reference(c);
    const rt = inProcess(c.config, { checkpointEvery: 0 });
    await play(rt, c.script, true);
    expect(traceText(rt)).toEqual(ref.trace);
    rt.dispose();
  });

  test('a Web Worker per process gives the same trace hash as the in-process host', async () => {
    const ref = await reference(c);
    const makeWorker = await nodeWorkers(40);
    const rt = new LabRuntime(c.config, () => new WorkerHost(makeWorker), { checkpointEvery: 0 });
    await play(rt, c.script);
    expect(rt.sim.traceHash()).toBe(ref.hash);
    expect(traceText(rt)).toEqual(ref.trace);
    rt.dispose();
  }, 60_000);

  test.each(['in-process', 'workers (replay in-process)', 'workers (replay in workers)'] as const)(
    '%s: back N and play forward = never rewinding (trace and hash), and seeking into the past and back',
    async (kind) => {
      const ref = await reference(c);
      const opts: LabRuntimeOptions = { checkpointEvery: 40 };
      let rt: LabRuntime;
      if (kind === 'in-process') rt = inProcess(c.config, opts);
      else {
        const makeWorker = await nodeWorkers(60);
        const make = (): PeerHost => new WorkerHost(makeWorker);
        rt = new LabRuntime(c.config, make, { ...opts, replayInProcess: kind === 'workers (replay in-process)' });
      }
      await play(rt, c.script);
      expect(rt.sim.traceHash()).toBe(ref.hash);
      expect(rt.checkpointCount).toBeGreaterThan(3);
      for (const n of [1, 39, 40, 97, Math.floor(ref.events / 2), ref.events - 3]) {
        expect(await rt.back(n)).toBe(n);
        expect(rt.sim.eventCount).toBe(ref.events - n);
        const prefix = traceText(rt);
        expect(prefix).toEqual(ref.trace.slice(0, prefix.length));
        await rt.runUntil(ref.now);
        expect(rt.sim.traceHash()).toBe(ref.hash);
      }
      expect(traceText(rt)).toEqual(ref.trace);
      for (const t of [Math.floor(ref.now / 3), 150, Math.floor((ref.now * 4) / 5)]) {
        await rt.seek(t);
        expect(rt.sim.now).toBe(t);
        const prefix = traceText(rt);
        expect(prefix).toEqual(ref.trace.slice(0, prefix.length));
        await rt.seek(ref.now);
        expect(rt.sim.traceHash()).toBe(ref.hash);
      }
      // The invariants are checked again from the rewound world on: still green.
      expect(rt.violations()).toEqual([]);
      rt.dispose();
    },
    60_000,
  );

  test('a share link with propose and faults actions replays to the same hash, and goes on like the original', async () => {
    const rt = inProcess(c.config);
    await play(rt, c.script);
    const kinds = new Set(rt.actions.map((a) => a.action.type));
    expect(kinds.has('propose') && kinds.has('faults')).toBe(true);
    const text = encodeRun(rt.runData());
    const n = rt.setup.ids.length;
    // A protocol that takes `propose` says so; a ZooKeeper lab's link refuses one.
    expect(parseRun(text, n)).toEqual({ error: expect.stringMatching(/^actions\[\d+\]\.type must be one of /) });
    const parsed = parseRun(text, n, { propose: true });
    if ('error' in parsed) throw new Error(parsed.error);
    const copy = inProcess(c.config);
    await copy.loadRun(parsed.run);
    expect([copy.sim.eventCount, copy.sim.now, copy.sim.traceHash()]).toEqual([rt.sim.eventCount, rt.sim.now, rt.sim.traceHash()]);
    for (const x of [rt, copy]) {
      await line(x, protocol === 'paxos' ? 'propose p3 after' : protocol === 'multipaxos' ? 'propose r2 after' : 'begin after');
      await runLabCommand(x, 'lab run 3s');
    }
    expect(copy.sim.traceHash()).toBe(rt.sim.traceHash());
    // A link that rewound plays to where it was, not to the future it forgot.
    await runLabCommand(rt, 'lab seek 2.5s');
    const early = parseRun(encodeRun(rt.runData()), n, { propose: true });
    if ('error' in early) throw new Error(early.error);
    const copy2 = inProcess(c.config);
    await copy2.loadRun(early.run);
    expect(copy2.sim.traceHash()).toBe(rt.sim.traceHash());
    for (const x of [rt, copy, copy2]) x.dispose();
  });
});

test('stepping a world with nothing left to do ends (regression: `lab step` spun forever once a Paxos run was idle)', async () => {
  const rt = inProcess({ ...DEFAULT_LAB_CONFIG, protocol: 'paxos', acceptors: 3, proposers: 1, learners: 1, seed: 3 });
  await line(rt, 'propose p1 x');
  await runLabCommand(rt, 'lab run 5s');
  expect(rt.sim.nextEventTime()).toBeUndefined();
  expect((await runLabCommand(rt, 'lab step 3')).lines).toEqual(['stepped 0 events; time 5.000s']);
  expect((await runLabCommand(rt, 'lab step PREPARE')).lines).toEqual(['stepped 0 events to no PREPARE within 0 events; time 5.000s']);
  expect(await rt.stepEvents(1)).toBe(0);
  rt.dispose();
});

test('bad propose and faults actions in a link are refused with a reason', () => {
  const link = (action: unknown) => JSON.stringify({ v: 1, head: { eventCount: 9, t: 200 }, actions: [[5, 100, action]] });
  const ok = (action: unknown) => parseRun(link(action), 6, { propose: true });
  expect(ok({ type: 'propose', sid: 4, value: 'x' })).toMatchObject({ run: { actions: [{ action: { type: 'propose', sid: 4, value: 'x' } }] } });
  expect(ok({ type: 'faults', from: 1, to: 4, loss: 0.25, dup: 1, oneWay: true })).toMatchObject({ run: { actions: [{ action: { type: 'faults', loss: 0.25 } }] } });
  expect(parseRun(link({ type: 'faults', from: 1, to: 4, loss: 0, dup: 0, oneWay: false }), 6)).toMatchObject({ run: {} });
  expect(ok({ type: 'propose', sid: 7, value: 'x' })).toEqual({ error: 'actions[0].sid must be an integer from 1 to 6' });
  expect(ok({ type: 'propose', sid: 4, value: 7 })).toEqual({ error: 'actions[0].value must be a string of at most 4096 characters' });
  expect(ok({ type: 'propose', sid: 4, value: 'x'.repeat(4097) })).toEqual({ error: 'actions[0].value must be a string of at most 4096 characters' });
  expect(ok({ type: 'propose', sid: 4, value: 'x', extra: 1 })).toEqual({ error: 'actions[0] has an unknown field extra' });
  expect(ok({ type: 'faults', from: 1, to: 4, loss: 1.5, dup: 0, oneWay: false })).toEqual({ error: 'actions[0].loss must be a number from 0 to 1' });
  expect(ok({ type: 'faults', from: 1, to: 4, loss: 0.5, dup: -0.1, oneWay: false })).toEqual({ error: 'actions[0].dup must be a number from 0 to 1' });
  expect(ok({ type: 'faults', from: 1, to: 4, loss: 0.5, dup: 0 })).toEqual({ error: 'actions[0].oneWay must be true or false' });
  expect(ok({ type: 'faults', from: 0, to: 4, loss: 0.5, dup: 0, oneWay: true })).toEqual({ error: 'actions[0].from must be an integer from 1 to 6' });
});
