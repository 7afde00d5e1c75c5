/**
 * Exact rewind from checkpoints, branches and breakpoints (issue 5, docs/architecture.md): rewinding to
 * step N and playing forward gives the same trace — entry by entry — as never rewinding, with
 * the in-process host and with a Web Worker per server (the real nodeWorker.ts, run here).
 */
import { describe, expect, test } from 'vitest';
import type { LabAction } from '../protocol/actions.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { stableJson } from '../sim/stableJson.ts';
import type { PeerHost } from '../sim/host.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime, traceMatcher, type LabRuntimeOptions } from './runtime.ts';
import { WorkerHost } from './workerHost.ts';
import { nodeWorkers } from './nodeWorkers.test-helper.ts';

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
let cxid = 0;
function write(sid: number, path: string): LabAction {
  return {
    type: 'request',
    sid,
    req: { sessionId: 0x77n, cxid: ++cxid, authInfo: [], request: { type: 'create', path, data: new TextEncoder().encode(path), acl: OPEN_ACL, mode: 'PERSISTENT' } },
  };
}

/** The script: elections, writes, a crash, a partition and its heal, a restart. */
const SCRIPT: Array<[number, LabAction[]]> = [
  [3000, [write(1, '/a'), write(2, '/b')]],
  [1000, [{ type: 'kill', sid: 3 }]],
  [2000, [write(1, '/c')]],
  [3000, [{ type: 'partition', groups: [[1], [2, 3, 4, 5]] }, write(2, '/d')]],
  [12000, [{ type: 'heal' }, { type: 'start', sid: 3 }]],
  [4000, [write(4, '/e')]],
  [3000, []],
];

const CONFIG: LabConfig = { ...DEFAULT_LAB_CONFIG, voters: 5, observers: 1, seed: 11 };

async function play(rt: LabRuntime, upTo = SCRIPT.length): Promise<void> {
  for (const [ms, actions] of SCRIPT.slice(0, upTo)) {
    await rt.runFor(ms);
    for (const a of actions) await rt.apply(a);
  }
}

const traceText = (rt: LabRuntime): string[] => rt.sim.trace.map((e) => stableJson(e));


type HostKind = 'in-process' | 'workers (replay in-process)' | 'workers (replay in workers)';

async function runtimeOf(kind: HostKind, opts: LabRuntimeOptions = {}): Promise<LabRuntime> {
  if (kind === 'in-process') return new LabRuntime(CONFIG, () => new InProcessHost(), opts);
  const makeWorker = await nodeWorkers(60);
  const make = (): PeerHost => new WorkerHost(makeWorker);
  return new LabRuntime(CONFIG, make, { ...opts, replayInProcess: kind === 'workers (replay in-process)' });
}

describe('exact rewind from checkpoints', () => {
  let reference: { hash: string; trace: string[]; events: number; now: number } | null = null;
  const referenceRun = async () => {
    if (reference) return reference;
    const rt = new LabRuntime(CONFIG, () => new InProcessHost(), { checkpointEvery: 0 });
    await play(rt);
    reference = { hash: rt.sim.traceHash(), trace: traceText(rt), events: rt.sim.eventCount, now: rt.sim.now };
    rt.dispose();
    return reference;
  };

  test.each<HostKind>(['in-process', 'workers (replay in-process)', 'workers (replay in workers)'])(
    '%s: back N and play forward = never rewinding (trace and hash)',
    async (kind) => {
      const ref = await referenceRun();
      expect(ref.events).toBeGreaterThan(500);
      const rt = await runtimeOf(kind, { checkpointEvery: 40 });
      await play(rt);
      expect(rt.sim.traceHash()).toBe(ref.hash);
      expect(rt.checkpointCount).toBeGreaterThan(5);
      // Back to several points (between checkpoints, on one, across actions), then forward again.
      for (const n of [1, 37, 40, 133, 401, ref.events - 5]) {
        expect(await rt.back(n)).toBe(n);
        expect(rt.sim.eventCount).toBe(ref.events - n);
        // The rewound world's trace is the prefix of the reference trace.
        const prefix = traceText(rt);
        expect(prefix).toEqual(ref.trace.slice(0, prefix.length));
        await rt.runUntil(ref.now);
        expect(rt.sim.traceHash()).toBe(ref.hash);
      }
      expect(traceText(rt)).toEqual(ref.trace);
      // Seek into the past, then forward (from checkpoints ahead) to the end.
      for (const t of [4500, 17000, 100]) {
        await rt.seek(t);
        expect(rt.sim.now).toBe(t);
        const prefix = traceText(rt);
        expect(prefix).toEqual(ref.trace.slice(0, prefix.length));
        await rt.seek(ref.now);
        expect(rt.sim.traceHash()).toBe(ref.hash);
      }
      // Stepping after a rewind follows the same events.
      await rt.back(150);
      await rt.stepEvents(150);
      expect(rt.sim.eventCount).toBe(ref.events);
      await rt.runUntil(ref.now);
      expect(traceText(rt)).toEqual(ref.trace);
      rt.dispose();
    },
    60_000,
  );

  test('a rewound world runs on exactly as the original: the servers in the workers are restored', async () => {
    const ref = await referenceRun();
    // Rewind part-way through, then play the rest of the script live: same as never rewinding.
    const rt = await runtimeOf('workers (replay in-process)', { checkpointEvery: 30 });
    await play(rt, 4);
    const at = rt.sim.eventCount;
    await rt.runFor(2000);
    await rt.back(rt.sim.eventCount - at);
    expect(rt.sim.eventCount).toBe(at);
    for (const [ms, actions] of SCRIPT.slice(4)) {
      await rt.runFor(ms);
      for (const a of actions) await rt.apply(a);
    }
    expect(rt.currentBranch).toBe(1);
    expect(rt.sim.traceHash()).toBe(ref.hash);
    rt.dispose();
  }, 60_000);
});

describe('branches', () => {
  test('acting in the past forks a branch; switching back restores either branch exactly', async () => {
    const rt = new LabRuntime(CONFIG, () => new InProcessHost(), { checkpointEvery: 30 });
    await play(rt);
    const first = { hash: rt.sim.traceHash(), events: rt.sim.eventCount, now: rt.sim.now, actions: rt.actions.length };
    await rt.seek(6500);
    expect(rt.currentBranch).toBe(1);
    await rt.apply({ type: 'kill', sid: 1 });
    expect(rt.currentBranch).toBe(2);
    expect(rt.actions.map((a) => a.action.type)).toEqual(['request', 'request', 'kill', 'request', 'kill']);
    await rt.runFor(10000);
    const second = { hash: rt.sim.traceHash(), events: rt.sim.eventCount, now: rt.sim.now };
    // The second branch equals a fresh run of its own actions.
    const fresh = new LabRuntime(CONFIG, () => new InProcessHost(), { checkpointEvery: 0 });
    await play(fresh, 3);
    await fresh.runUntil(6500);
    await fresh.apply({ type: 'kill', sid: 1 });
    await fresh.runFor(10000);
    expect(fresh.sim.traceHash()).toBe(second.hash);
    fresh.dispose();

    const list = rt.branchList();
    expect(list.map((b) => [b.id, b.parent, b.forkedAt?.t ?? null, b.actions, b.current])).toEqual([
      [1, null, null, first.actions, false],
      [2, 1, 6500, 5, true],
    ]);
    expect(await rt.switchBranch(1)).toEqual({ eventCount: first.events, t: first.now });
    expect(rt.sim.traceHash()).toBe(first.hash);
    expect(rt.sim.now).toBe(first.now);
    await rt.switchBranch(2);
    expect([rt.sim.traceHash(), rt.sim.eventCount, rt.sim.now]).toEqual([second.hash, second.events, second.now]);
    // Rewinding inside branch 2 (to before and after its fork) stays exact.
    await rt.back(second.events - 100);
    await rt.runUntil(second.now);
    expect(rt.sim.traceHash()).toBe(second.hash);
    rt.dispose();
  }, 60_000);
});

describe('stepping to the next event of a kind', () => {
  test('stops right after the matching event, the same as stepping one by one', async () => {
    const rt = new LabRuntime(CONFIG, () => new InProcessHost());
    await rt.runFor(3000);
    await rt.apply(write(2, '/x'));
    const before = rt.sim.eventCount;
    const { steps, hit } = await rt.stepUntil(traceMatcher(['PROPOSAL']));
    expect(hit?.entry.kind).toBe('deliver');
    expect(hit && hit.entry.kind === 'deliver' ? hit.entry.msg.type : '').toBe('PROPOSAL');
    expect(rt.sim.eventCount).toBe(before + steps);
    // The matching entry belongs to the last event that ran.
    const hash = rt.sim.traceHash();
    await rt.back(steps);
    await rt.stepEvents(steps);
    expect(rt.sim.traceHash()).toBe(hash);
    const commit = await rt.stepUntil(traceMatcher(['COMMIT', 'INFORM']));
    expect(commit.hit && commit.hit.entry.kind === 'deliver' ? commit.hit.entry.msg.type : '').toMatch(/^(COMMIT|INFORM)$/);
    await rt.apply({ type: 'kill', sid: 5 });
    const role = await rt.stepUntil(traceMatcher(['role']));
    expect(role.hit?.entry.kind).toBe('event');
    rt.dispose();
  });

  test('breakpoints stop a run at the hit; without one it runs to the end', async () => {
    const rt = new LabRuntime(CONFIG, () => new InProcessHost());
    rt.breakpoints.add('role');
    const hit = await rt.runUntil(10000, undefined, true);
    expect(hit?.entry.kind).toBe('event');
    expect(rt.sim.now).toBeLessThan(10000);
    expect(await rt.runUntil(10000)).toBeNull();
    expect(rt.sim.now).toBe(10000);
    rt.dispose();
  });
});
