/** The `lab` verbs that act on servers: several at once, every name checked before anything happens. */
import { expect, test } from 'vitest';
import { DEFAULT_LAB_CONFIG } from '../sim/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import { runLabCommand } from './lab.ts';

function lab(boot: number[] | null): LabRuntime {
  return new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 5, seed: 3, boot }, () => new InProcessHost());
}

test('lab start/kill take several servers and report each', async () => {
  const rt = lab([1]);
  expect(await runLabCommand(rt, 'lab start 2 zk3')).toEqual({ lines: ['zk2 started', 'zk3 started'] });
  expect(await runLabCommand(rt, 'lab start 3 4')).toEqual({ lines: ['zk3 is already running', 'zk4 started'] });
  await rt.runFor(5000);
  expect([1, 2, 3, 4].map((s) => rt.sim.servers.get(s)!.view?.state).sort()).toEqual(['FOLLOWING', 'FOLLOWING', 'FOLLOWING', 'LEADING']);
  expect(await runLabCommand(rt, 'lab kill zk1 zk2')).toEqual({ lines: ['zk1 killed', 'zk2 killed'] });
  expect(await runLabCommand(rt, 'lab wipe 1 2')).toEqual({ lines: ['zk1 wiped (disk erased; it is down)', 'zk2 wiped (disk erased; it is down)'] });
  rt.dispose();
});

test('one unknown server and nothing happens', async () => {
  const rt = lab([1]);
  const before = rt.sim.trace.length;
  expect(await runLabCommand(rt, 'lab start 2 zk9')).toEqual({ lines: ['lab start: no server zk9 (servers are zk1, zk2, zk3, zk4, zk5)'], error: true });
  expect(await runLabCommand(rt, 'lab kill')).toEqual({ lines: ['lab kill: missing server'], error: true });
  expect(rt.sim.servers.get(2)!.up).toBe(false);
  expect(rt.sim.trace.length).toBe(before);
  rt.dispose();
});

test('lab write: a scripted client\'s writes, numbered from the history (a rewind forgets later ones)', async () => {
  const rt = new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 3, seed: 3 }, () => new InProcessHost());
  await runLabCommand(rt, 'lab run 3s');
  expect(await runLabCommand(rt, 'lab write 1 2')).toEqual({ lines: ['submitted 2 writes to zk1: /w1 /w2'] });
  await runLabCommand(rt, 'lab run 1s');
  expect(await runLabCommand(rt, 'lab write zk3')).toEqual({ lines: ['submitted 1 write to zk3: /w3'] });
  await runLabCommand(rt, 'lab run 1s');
  const leader = [...rt.sim.servers.values()].find((s) => s.view?.state === 'LEADING')!;
  expect(leader.view?.lastLoggedZxid).toBe(0x100000003);
  await runLabCommand(rt, 'lab seek 2.9s'); // before the writes (they were sent at 3.000s)
  expect(await runLabCommand(rt, 'lab write 2')).toEqual({ lines: ['submitted 1 write to zk2: /w1'] });
  expect((await runLabCommand(rt, 'lab write 2 0')).error).toBe(true);
  expect((await runLabCommand(rt, 'lab write 9')).lines).toEqual(['lab write: no server 9 (servers are zk1, zk2, zk3)']);
  rt.dispose();
});
