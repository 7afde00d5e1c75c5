/** The `lab` verbs that act on servers: several at once, every name checked before anything happens. */
import { expect, test } from 'vitest';
import { zkSim } from '../protocol/zookeeper.ts';
import { DEFAULT_LAB_CONFIG } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import { checkHistory, historyFromTrace } from '../protocol/checkers/history.ts';
import { runLabCommand } from './lab.ts';

function lab(boot: number[] | null): LabRuntime {
  return new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 5, seed: 3, boot }, () => new InProcessHost());
}

test('lab start/kill take several servers and report each', async () => {
  const rt = lab([1]);
  expect(await runLabCommand(rt, 'lab start 2 zk3')).toEqual({ lines: ['zk2 started', 'zk3 started'] });
  expect(await runLabCommand(rt, 'lab start 3 4')).toEqual({ lines: ['zk3 is already running', 'zk4 started'] });
  await rt.runFor(5000);
  expect([1, 2, 3, 4].map((s) => zkSim(rt.sim).servers.get(s)!.view?.state).sort()).toEqual(['FOLLOWING', 'FOLLOWING', 'FOLLOWING', 'LEADING']);
  expect(await runLabCommand(rt, 'lab kill zk1 zk2')).toEqual({ lines: ['zk1 killed', 'zk2 killed'] });
  expect(await runLabCommand(rt, 'lab wipe 1 2')).toEqual({ lines: ['zk1 wiped (disk erased; it is down)', 'zk2 wiped (disk erased; it is down)'] });
  rt.dispose();
});

test('one unknown server and nothing happens', async () => {
  const rt = lab([1]);
  const before = zkSim(rt.sim).trace.length;
  expect(await runLabCommand(rt, 'lab start 2 zk9')).toEqual({ lines: ['lab start: no server zk9 (servers are zk1, zk2, zk3, zk4, zk5)'], error: true });
  expect(await runLabCommand(rt, 'lab kill')).toEqual({ lines: ['lab kill: missing server'], error: true });
  expect(zkSim(rt.sim).servers.get(2)!.up).toBe(false);
  expect(zkSim(rt.sim).trace.length).toBe(before);
  rt.dispose();
});

test('lab write: a scripted client\'s writes, numbered from the history (a rewind forgets later ones)', async () => {
  const rt = new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 3, seed: 3 }, () => new InProcessHost());
  await runLabCommand(rt, 'lab run 3s');
  expect(await runLabCommand(rt, 'lab write 1 2')).toEqual({ lines: ['submitted 2 writes to zk1: /w1 /w2'] });
  await runLabCommand(rt, 'lab run 1s');
  expect(await runLabCommand(rt, 'lab write zk3')).toEqual({ lines: ['submitted 1 write to zk3: /w3'] });
  await runLabCommand(rt, 'lab run 1s');
  const leader = [...zkSim(rt.sim).servers.values()].find((s) => s.view?.state === 'LEADING')!;
  expect(leader.view?.lastLoggedZxid).toBe(0x100000003);
  await runLabCommand(rt, 'lab seek 2.9s'); // before the writes (they were sent at 3.000s)
  expect(await runLabCommand(rt, 'lab write 2')).toEqual({ lines: ['submitted 1 write to zk2: /w1'] });
  expect((await runLabCommand(rt, 'lab write 2 0')).error).toBe(true);
  expect((await runLabCommand(rt, 'lab write 9')).lines).toEqual(['lab write: no server 9 (servers are zk1, zk2, zk3)']);
  rt.dispose();
});

test('lab client: a scripted session whose operations are sent, not waited for, and land in the history', async () => {
  const rt = new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 3, seed: 3 }, () => new InProcessHost());
  await runLabCommand(rt, 'lab run 3s');
  expect(await runLabCommand(rt, 'lab client c1 connect 2,3')).toEqual({ lines: ['c1 connects to zk2,zk3'] });
  expect(await runLabCommand(rt, 'lab client c1 create /k v0')).toEqual({ lines: ['c1 sends create /k v0'] });
  expect(await runLabCommand(rt, 'lab client c1 set /k v1')).toEqual({ lines: ['c1 sends set /k v1'] });
  expect(await runLabCommand(rt, 'lab client c1 sync /k')).toEqual({ lines: ['c1 sends sync /k'] });
  expect(await runLabCommand(rt, 'lab client c1 get /k')).toEqual({ lines: ['c1 sends get /k'] });
  await runLabCommand(rt, 'lab run 2s');
  const history = historyFromTrace(zkSim(rt.sim).trace);
  expect(history.map((o) => [o.client, o.kind, o.path, o.value, o.result])).toEqual([
    ['c1', 'create', '/k', 'v0', 'ok'], ['c1', 'set', '/k', 'v1', 'ok'], ['c1', 'sync', '/k', undefined, 'ok'], ['c1', 'get', '/k', 'v1', 'ok'],
  ]);
  expect(checkHistory(history).violations).toEqual([]);
  expect(await runLabCommand(rt, 'lab client c1 close')).toEqual({ lines: ['c1 closes its session'] });
  // Bad input: every mistake is named, nothing happens.
  const before = zkSim(rt.sim).trace.length;
  expect((await runLabCommand(rt, 'lab client c1 connect 1')).lines).toEqual(['lab client: c1 exists (each name is one session; pick another)']);
  expect((await runLabCommand(rt, 'lab client c2 get /k')).lines).toEqual(['lab client: no client c2 (lab client c2 connect S first)']);
  expect((await runLabCommand(rt, 'lab client c2 connect 9')).lines).toEqual(['lab client: no server 9 (servers are zk1, zk2, zk3)']);
  expect((await runLabCommand(rt, 'lab client c1 set /k')).error).toBe(true);
  expect((await runLabCommand(rt, 'lab client x1 get /k')).error).toBe(true);
  expect(zkSim(rt.sim).trace.length).toBe(before);
  // The console's own sessions never take a name a lab client holds.
  expect(rt.allocateClientId()).not.toBe(1001);
  rt.dispose();
});
