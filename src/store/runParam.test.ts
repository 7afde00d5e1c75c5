/** `?run=` links: a run survives the trip through a link exactly, and a bad link is refused with a reason. */
import { describe, expect, test } from 'vitest';
import { runLabCommand } from '../cli/lab.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { encodeRun, parseRun } from '../protocol/runLink.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabZkClient } from '../worker/labZkClient.ts';
import { LabRuntime } from '../worker/runtime.ts';
import { decodeRunParam, encodeRunParam } from './runParam.ts';

const config: LabConfig = { ...DEFAULT_LAB_CONFIG, voters: 3, observers: 1, seed: 11 };
const lab = () => new LabRuntime(config, () => new InProcessHost());

/** A run with every kind of action: faults, scripted writes and sessions, and a zkCli session's many operations. */
async function richRun(): Promise<LabRuntime> {
  const rt = lab();
  const cmd = (l: string) => runLabCommand(rt, l);
  await cmd('lab run 3s');
  const cli = new ZkCli({ server: 'zk1:2181', jline: true });
  const client = new LabZkClient(rt, { drive: () => true });
  await cli.startup(client);
  for (const line of [
    'create /app "hello world"', 'create -s -e /app/lock- x', 'create -c /cont', 'create -t 5000 /ttl t', 'setAcl /app world:anyone:cdrwa',
    'addauth digest alice:secret', 'get -w /app', 'ls -w /', 'stat /app', 'getAcl /app', 'sync /app', 'addWatch -m PERSISTENT_RECURSIVE /app',
    'removewatches /app -a', 'getEphemerals /', 'getAllChildrenNumber /', 'whoami', 'config', 'set -v 0 /app v2', 'deleteall /cont',
  ]) await cli.execute(line, client);
  await cmd('lab client c7 connect 2,3');
  await cmd('lab client c7 set /app v3');
  await cmd('lab write 3 2');
  await cmd('lab partition 1 2,3,4');
  await cmd('lab run 2s');
  await cmd('lab cut 2->3');
  await cmd('lab delay 3->4 500ms');
  await cmd('lab heal');
  await cmd('lab kill 2');
  await cmd('lab run 1s');
  await cmd('lab start 2');
  await cmd('lab wipe 4');
  await cmd('lab start 4');
  await cmd('lab client c7 get /app');
  await cmd('lab run 3s');
  return rt;
}

describe('run links', () => {
  test('a run with every kind of action replays from its link to the same trace hash', async () => {
    const rt = await richRun();
    const kinds = new Set(rt.actions.map((a) => a.action.type));
    expect([...kinds].sort()).toEqual(['addClient', 'client', 'cut', 'delay', 'heal', 'kill', 'partition', 'request', 'start', 'wipe']);
    const param = await encodeRunParam(rt.runData());
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = await decodeRunParam(param, 4);
    if ('error' in decoded) throw new Error(decoded.error);
    const copy = lab();
    await copy.loadRun(decoded.run);
    expect(copy.sim.eventCount).toBe(rt.sim.eventCount);
    expect(copy.sim.now).toBe(rt.sim.now);
    expect(copy.sim.traceHash()).toBe(rt.sim.traceHash());
    // …and it goes on like the original.
    await runLabCommand(rt, 'lab run 2s');
    await runLabCommand(copy, 'lab run 2s');
    expect(copy.sim.traceHash()).toBe(rt.sim.traceHash());
    rt.dispose();
    copy.dispose();
  });

  test('a rewound run links to where it is, not to the future it forgot', async () => {
    const rt = await richRun();
    await runLabCommand(rt, 'lab seek 4s');
    const decoded = parseRun(encodeRun(rt.runData()), 4);
    if ('error' in decoded) throw new Error(decoded.error);
    expect(decoded.run.head.t).toBe(4000);
    const copy = lab();
    await copy.loadRun(decoded.run);
    expect(copy.sim.traceHash()).toBe(rt.sim.traceHash());
    rt.dispose();
    copy.dispose();
  });

  test('bad links are refused with a reason, before anything is replayed', async () => {
    const ok = JSON.parse(encodeRun({ actions: [{ eventCount: 5, t: 100, action: { type: 'kill', sid: 2 } }], head: { eventCount: 9, t: 200 } })) as Record<string, unknown>;
    const variant = (f: (o: Record<string, unknown>) => void) => {
      const o = structuredClone(ok);
      f(o);
      return JSON.stringify(o);
    };
    expect(parseRun(JSON.stringify(ok), 3)).toMatchObject({ run: { head: { eventCount: 9 } } });
    expect(parseRun('{', 3)).toEqual({ error: 'not a run (bad JSON)' });
    expect(parseRun(variant((o) => (o.v = 2)), 3)).toEqual({ error: 'unknown run format 2' });
    expect(parseRun(variant((o) => ((o.actions as unknown[][])[0]![2] = { type: 'kill', sid: 9 })), 3)).toEqual({ error: 'actions[0].sid must be an integer from 1 to 3' });
    expect(parseRun(variant((o) => ((o.actions as unknown[][])[0]![2] = { type: 'explode' })), 3)).toMatchObject({ error: expect.stringMatching(/^actions\[0\]\.type must be one of kill, start/) });
    expect(parseRun(variant((o) => ((o.actions as unknown[][])[0]![0] = 99)), 3)).toEqual({ error: 'actions[0] eventCount must be an integer from 0 to 9' });
    expect(parseRun(variant((o) => ((o.actions as unknown[][])[0]![2] = { type: 'client', cid: 1001, input: { type: 'op', tag: 1, op: { op: 'getData', path: 7, watch: false } } })), 3))
      .toEqual({ error: 'actions[0].input.op.path must be a string of at most 4096 characters' });
    expect(parseRun(variant((o) => ((o.actions as unknown[][])[0]![2] = { type: 'client', cid: 5, input: { type: 'close', tag: 1 } })), 3))
      .toEqual({ error: 'actions[0].cid must be an integer from 1001 to 100999' });
    expect(await decodeRunParam('%%%', 3)).toEqual({ error: 'not a run (bad encoding)' });
    expect(await decodeRunParam('AAAA', 3)).toEqual({ error: 'not a run (bad compression)' });
  });

  test('a valid link whose replay fails rejects, so the page can open a fresh lab instead', async () => {
    const run = parseRun(encodeRun({ actions: [{ eventCount: 0, t: 0, action: { type: 'client', cid: 1042, input: { type: 'close', tag: 1 } } }], head: { eventCount: 10, t: 100 } }), 3);
    if ('error' in run) throw new Error(run.error);
    const rt = new LabRuntime({ ...DEFAULT_LAB_CONFIG, voters: 3 }, () => new InProcessHost());
    await expect(rt.loadRun(run.run)).rejects.toThrow('no client 1042');
    rt.dispose();
  });

  test('a lab\'s settings decide what its link may hold: a Paxos run\'s proposals, not in a ZooKeeper lab', async () => {
    const paxos: LabConfig = { ...DEFAULT_LAB_CONFIG, protocol: 'paxos', seed: 2 };
    const rt = new LabRuntime(paxos, () => new InProcessHost());
    await runLabCommand(rt, 'lab faults p1 a2 loss=0.5');
    await rt.apply({ type: 'propose', sid: 4, value: 'x' });
    await rt.runFor(2000);
    const param = await encodeRunParam(rt.runData());
    const decoded = await decodeRunParam(param, paxos);
    if ('error' in decoded) throw new Error(decoded.error);
    const copy = new LabRuntime(paxos, () => new InProcessHost());
    await copy.loadRun(decoded.run);
    expect(copy.sim.traceHash()).toBe(rt.sim.traceHash());
    expect(await decodeRunParam(param, { ...DEFAULT_LAB_CONFIG, voters: 6 })).toEqual({ error: expect.stringMatching(/^actions\[1\]\.type must be one of /) });
    rt.dispose();
    copy.dispose();
  });
});
