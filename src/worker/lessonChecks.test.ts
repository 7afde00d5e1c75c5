/**
 * Lesson checks on a lab of another protocol than ZooKeeper: packet checks name processes by id
 * (Paxos: acceptors 1..N, proposers N+1.., learners after), output checks read what the console
 * printed, and describeCheck names processes the way the lab does.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Check } from '../../lessons/types.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { HeadlessLab } from './headless.ts';
import { describeCheck, evaluateCheck, evaluateChecks, sweptOps } from './lessonChecks.ts';

let lab: HeadlessLab | null = null;
afterEach(() => {
  lab?.dispose();
  lab = null;
});

function open(params: string): HeadlessLab {
  const { config, errors } = parseLabConfig(new URLSearchParams(params).entries());
  expect(errors).toEqual([]);
  lab = new HeadlessLab(config);
  return lab;
}

describe('checks on a Paxos lab (a1–a3 = 1–3, p1 = 4, p2 = 5, l1 = 6)', () => {
  test('packet checks match by type, from and to; absent inverts; output checks read the console', async () => {
    const l = open('protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1');
    const from = l.sim.trace.length;
    const output = [...(await l.command('propose p1 x')), ...(await l.lab('lab run 1s')), ...(await l.lab('lab status'))];
    const checks: Check[] = [
      { kind: 'packet', type: 'PREPARE', from: 4, to: 1 },
      { kind: 'packet', type: 'ACCEPTED', from: 2, to: 6 },
      { kind: 'packet', type: 'PREPARE', from: 5 },
      { kind: 'packet', type: 'NACK', absent: true },
      { kind: 'packet', type: 'PROMISE', absent: true },
      { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
      { kind: 'output', contains: 'chosen: none', absent: true },
      { kind: 'output', contains: 'chosen: none' },
    ];
    const results = evaluateChecks({ sim: l.sim, from, output }, checks);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true, false, true, true, false]);
    expect(results[2]!.actual).toBe('no such packet was delivered in this step');
    expect(results[4]!.actual).toBe('such a packet was delivered in this step');
    expect(results[7]!.actual).toContain('chosen: x (ballot 1.1)');
  });

  test('a packet check looks only at the packets delivered since its step began', async () => {
    const l = open('protocol=paxos&seed=1');
    await l.command('propose p1 x');
    await l.lab('lab run 1s');
    const from = l.sim.trace.length;
    await l.lab('lab run 1s');
    const [r] = evaluateChecks({ sim: l.sim, from, output: [] }, [{ kind: 'packet', type: 'PREPARE' }]);
    expect(r!.ok).toBe(false);
  });
});

describe('describeCheck', () => {
  test('names processes as the lab does when given its names, ZooKeeper servers otherwise', () => {
    const l = open('protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1');
    const name = (id: number) => l.sim.name(id);
    expect(describeCheck({ kind: 'packet', type: 'PREPARE', from: 4, to: 1 }, name)).toBe('PREPARE p1 → a1');
    expect(describeCheck({ kind: 'packet', type: 'ACCEPTED', to: 6, absent: true }, name)).toBe('no ACCEPTED → l1');
    expect(describeCheck({ kind: 'packet', type: 'PROPOSAL', from: 3, to: 1 })).toBe('PROPOSAL zk3 → zk1');
    expect(describeCheck({ kind: 'state', server: 2, is: 'LEADING' })).toBe('zk2 LEADING');
    expect(describeCheck({ kind: 'output', contains: 'chosen: x' }, name)).toBe('“chosen: x”');
  });

  test('Multi-Paxos replicas are rK', () => {
    const l = open('protocol=multipaxos&replicas=3&seed=2');
    expect(describeCheck({ kind: 'packet', type: 'CATCHUP', from: 1, to: 3 }, (id) => l.sim.name(id))).toBe('CATCHUP r1 → r3');
  });
});

describe('throughput checks read lab sweep\'s table', () => {
  const output = [
    'sweep: 3 voters + 0 observers, 36 closed-loop clients, saturated throughput (simulated requests/s)',
    'reads%  ops/s  reads/s  writes/s  p50ms  p99ms',
    '     0     51        0        51    725    813',
    '   100    300      300         0    120    135',
    'sweep: 3 voters + 2 observers, 60 closed-loop clients, saturated throughput (simulated requests/s)',
    'reads%  ops/s  reads/s  writes/s  p50ms  p99ms',
    '     0     43        0        43   1315   1431',
    '   100    500      500         0    120    135',
  ];
  const three = { voters: 3, observers: 0 };
  const obs = { voters: 3, observers: 2 };
  const scope = { sim: { servers: new Map(), trace: [] }, from: 0, output } as unknown as Parameters<typeof evaluateCheck>[0];

  test('finds each ensemble\'s ops/s at a share of reads', () => {
    expect(sweptOps(output, three, 0)).toBe(51);
    expect(sweptOps(output, obs, 100)).toBe(500);
    expect(sweptOps(output, { voters: 5, observers: 0 }, 0)).toBeNull();
  });

  test('compares two ensembles', () => {
    expect(evaluateCheck(scope, { kind: 'throughput', reads: 100, a: obs, b: three, atLeast: 1.5 }).ok).toBe(true);
    expect(evaluateCheck(scope, { kind: 'throughput', reads: 100, a: obs, b: three, atLeast: 1.7 })).toMatchObject({ ok: false, actual: '500/s against 300/s (×1.67)' });
    expect(evaluateCheck(scope, { kind: 'throughput', reads: 0, a: obs, b: three, atLeast: 0.8, atMost: 1 }).ok).toBe(true);
    expect(evaluateCheck(scope, { kind: 'throughput', reads: 0, a: { voters: 5, observers: 0 }, b: three, atMost: 1 })).toMatchObject({ ok: false, actual: 'no lab sweep of 5 voters + 0 observers at 0% reads in this step' });
  });
});
