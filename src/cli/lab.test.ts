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
