/**
 * `lab add observer|voter` (issue 13, new servers): a process that joins the running world is a
 * recorded action like any other. A run with adds is a pure function of (config, seed, actions):
 *  - the same run twice gives the same trace hash, and the new servers sync and serve; one event
 *    at a time gives the same trace as running in batches;
 *  - rewinding across an add takes the new server away again, and playing forward gives the
 *    same trace entry by entry — in process and with a Web Worker per server (replaying in
 *    process or in the workers), which also equals the in-process run;
 *  - a share link with adds replays to the same hash; a link's adds are checked (next id, room).
 */
import { describe, expect, test } from 'vitest';
import { runLabCommand } from '../cli/lab.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { parseLabConfig, type LabConfig } from '../protocol/config.ts';
import { parseRunOf } from '../protocol/registry.ts';
import { encodeRun, parseRun } from '../protocol/runLink.ts';
import { zkSim } from '../protocol/zookeeper.ts';
import { buildServerCards } from '../store/serverCards.ts';
import type { PeerHost } from '../sim/host.ts';
import { stableJson } from '../sim/stableJson.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabZkClient } from './labZkClient.ts';
import { LabRuntime, type LabRuntimeOptions } from './runtime.ts';
import { WorkerHost } from './workerHost.ts';
import { nodeWorkers } from './nodeWorkers.test-helper.ts';

const SUPER = 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=';

function config(): LabConfig {
  const { config: c, errors } = parseLabConfig([['voters', '3'], ['seed', '7'], ['reconfigEnabled', 'true'], ['superDigest', SUPER]]);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return c;
}

/** Lab lines, `run MS`, or `zk LINE` (zkCli, through one session opened on zk1 at the first `zk`). */
const SCRIPT = [
  'run 3000',
  'lab add observer',
  'run 2000',
  'lab write 1 2',
  'run 1000',
  'zk addauth digest super:admin',
  'zk reconfig -add server.4=zk4:2888:3888:observer;zk4:2181',
  'run 1000',
  'lab write 4 1',
  'lab add voter',
  'run 2500',
  'zk reconfig -add server.5=zk5:2888:3888:participant;zk5:2181',
  'run 1000',
  'lab kill 4',
  'lab write 5 1',
  'run 2000',
  'lab start 4',
  'run 4000',
];

/** Plays the script; `stepwise`: the world's own single steps instead of `runFor`. */
async function play(rt: LabRuntime, script = SCRIPT, stepwise = false): Promise<string[]> {
  const out: string[] = [];
  let cli: { cli: ZkCli; client: LabZkClient } | null = null;
  for (const line of script) {
    if (line.startsWith('run ') && stepwise) {
      const until = rt.sim.now + Number(line.slice(4));
      while ((rt.sim.nextEventTime() ?? Infinity) <= until) await rt.sim.stepEvents(1, until);
      await rt.runUntil(until);
    } else if (line.startsWith('run ')) {
      await rt.runFor(Number(line.slice(4)));
    } else if (line.startsWith('zk ')) {
      if (!cli) {
        cli = { cli: new ZkCli({ server: 'zk1:2181', jline: false }), client: new LabZkClient(rt, { drive: () => true }) };
        await cli.cli.startup(cli.client);
      }
      const r = await cli.cli.execute(line.slice(3), cli.client);
      out.push(...r.map((l) => l.text));
    } else {
      const reply = await runLabCommand(rt, line);
      expect(reply.error ?? false, `${line}: ${reply.lines.join(' / ')}`).toBe(false);
      out.push(...reply.lines);
    }
  }
  return out;
}

const inProcess = (opts: LabRuntimeOptions = {}) => new LabRuntime(config(), () => new InProcessHost(), opts);
const traceText = (rt: LabRuntime): string[] => rt.sim.trace.map((e) => stableJson(e));

async function reference(): Promise<{ hash: string; trace: string[]; events: number; now: number; out: string[] }> {
  const rt = inProcess({ checkpointEvery: 0 });
  const out = await play(rt);
  const r = { hash: rt.sim.traceHash(), trace: traceText(rt), events: rt.sim.eventCount, now: rt.sim.now, out };
  rt.dispose();
  return r;
}

/** The index of the first event after the first `add` action (events before it know no zk4). */
function eventsAtFirstAdd(rt: LabRuntime): number {
  const a = rt.actions.find((x) => x.action.type === 'addServer');
  if (!a) throw new Error('no add');
  return a.eventCount;
}

describe('lab add observer|voter', () => {
  test('the new servers join, sync and serve; the same run twice has the same hash', async () => {
    const a = await reference();
    const b = await reference();
    expect(b.hash).toBe(a.hash);
    expect(b.trace).toEqual(a.trace);
    expect(a.out).toContain('zk4 started as a new observer: its zoo.cfg lists zk1, zk2, zk3 and itself');
    expect(a.out).toContain('zk5 started as a new voter: its zoo.cfg lists zk1, zk2, zk3, zk4 and itself');
    expect(a.out).toContain('server.4=zk4:2888:3888:observer;zk4:2181');
    expect(a.out).toContain('server.5=zk5:2888:3888:participant;zk5:2181');
    const rt = inProcess();
    await play(rt);
    const sim = zkSim(rt.sim);
    const views = [1, 2, 3, 4, 5].map((sid) => sim.servers.get(sid)?.view ?? null);
    const leader = views.find((v) => v?.state === 'LEADING');
    expect(leader).toBeDefined();
    expect(views[3]?.state).toBe('OBSERVING');
    expect(views[4]?.state).toBe('FOLLOWING');
    for (const v of views) expect(v?.lastLoggedZxid).toBe(leader!.lastLoggedZxid);
    rt.dispose();
  }, 60_000);

  test('one event at a time gives the same trace as running in batches', async () => {
    const ref = await reference();
    const rt = inProcess({ checkpointEvery: 0 });
    await play(rt, SCRIPT, true);
    expect(traceText(rt)).toEqual(ref.trace);
    rt.dispose();
  }, 60_000);

  test('a link (encodeRun / parseRunOf) with adds replays to the same hash; bad adds are refused', async () => {
    const rt = inProcess();
    await play(rt);
    const parsed = parseRunOf(config(), encodeRun(rt.runData()));
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.run.actions.filter((a) => a.action.type === 'addServer').map((a) => a.action)).toEqual([
      { type: 'addServer', sid: 4, role: 'observer' },
      { type: 'addServer', sid: 5, role: 'participant' },
    ]);
    const copy = inProcess();
    await copy.loadRun(parsed.run);
    expect([copy.sim.eventCount, copy.sim.now, copy.sim.traceHash()]).toEqual([rt.sim.eventCount, rt.sim.now, rt.sim.traceHash()]);
    for (const x of [rt, copy]) x.dispose();
    const link = (...actions: unknown[]) => JSON.stringify({ v: 1, head: { eventCount: 9, t: 200 }, actions: actions.map((a) => [5, 100, a]) });
    const room = { participant: 6, observer: 1 };
    expect(parseRun(link({ type: 'addServer', sid: 4, role: 'observer' }), 3)).toEqual({ error: expect.stringMatching(/^actions\[0\]\.type must be one of /) });
    expect(parseRun(link({ type: 'addServer', sid: 4, role: 'observer' }, { type: 'kill', sid: 4 }), 3, { addServer: room })).toMatchObject({ run: {} });
    expect(parseRun(link({ type: 'kill', sid: 4 }), 3, { addServer: room })).toEqual({ error: 'actions[0].sid must be an integer from 1 to 3' });
    expect(parseRun(link({ type: 'addServer', sid: 5, role: 'observer' }), 3, { addServer: room })).toEqual({ error: 'actions[0].sid must be an integer from 4 to 4' });
    expect(parseRun(link({ type: 'addServer', sid: 4, role: 'observer' }, { type: 'addServer', sid: 5, role: 'observer' }), 3, { addServer: room })).toEqual({ error: 'actions[1]: no room for another observer' });
    expect(parseRun(link({ type: 'addServer', sid: 4, role: 'leader' }), 3, { addServer: room })).toEqual({ error: expect.stringMatching(/^actions\[0\]\.role must be one of /) });
  }, 60_000);

  test('at most 9 voters and 4 observers', async () => {
    const rt = inProcess();
    await rt.runFor(1000);
    for (let i = 0; i < 4; i++) expect((await runLabCommand(rt, 'lab add observer')).error ?? false).toBe(false);
    expect(await runLabCommand(rt, 'lab add observer')).toEqual({ lines: ['lab add: the lab has room for at most 9 voters and 4 observers'], error: true });
    for (let i = 0; i < 6; i++) expect((await runLabCommand(rt, 'lab add voter')).error ?? false).toBe(false);
    expect((await runLabCommand(rt, 'lab add voter')).error).toBe(true);
    expect((await runLabCommand(rt, 'lab add')).lines).toEqual(['usage: lab add observer|voter']);
    expect([...rt.sim.servers.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    rt.dispose();
  });

  test('a Web Worker per server gives the same trace as the in-process host', async () => {
    const ref = await reference();
    const makeWorker = await nodeWorkers(40);
    const rt = new LabRuntime(config(), () => new WorkerHost(makeWorker), { checkpointEvery: 0 });
    await play(rt);
    expect(rt.sim.traceHash()).toBe(ref.hash);
    expect(traceText(rt)).toEqual(ref.trace);
    rt.dispose();
  }, 60_000);

  test.each(['in-process', 'workers (replay in-process)', 'workers (replay in workers)'] as const)(
    '%s: rewinding across an add takes the server away; playing forward = never rewinding',
    async (kind) => {
      const ref = await reference();
      const opts: LabRuntimeOptions = { checkpointEvery: 40 };
      let rt: LabRuntime;
      if (kind === 'in-process') rt = inProcess(opts);
      else {
        const makeWorker = await nodeWorkers(60);
        const make = (): PeerHost => new WorkerHost(makeWorker);
        rt = new LabRuntime(config(), make, { ...opts, replayInProcess: kind === 'workers (replay in-process)' });
      }
      await play(rt);
      expect(rt.sim.traceHash()).toBe(ref.hash);
      const addAt = eventsAtFirstAdd(rt);
      for (const n of [1, 97, ref.events - addAt + 5, ref.events - addAt - 5, ref.events - 3]) {
        expect(await rt.back(n)).toBe(n);
        expect(rt.sim.eventCount).toBe(ref.events - n);
        // before the first add there is no zk4
        expect(rt.sim.servers.has(4)).toBe(ref.events - n >= addAt);
        const prefix = traceText(rt);
        expect(prefix).toEqual(ref.trace.slice(0, prefix.length));
        await rt.runUntil(ref.now);
        expect(rt.sim.traceHash()).toBe(ref.hash);
        expect([...rt.sim.servers.keys()]).toEqual([1, 2, 3, 4, 5]);
      }
      expect(traceText(rt)).toEqual(ref.trace);
      rt.dispose();
    },
    120_000,
  );

  // A new voter whose zoo.cfg names a voter that is down, or an ensemble of one voter: it adopts
  // the ensemble's newer config from FLE notifications (WorkerReceiver: processReconfig), follows
  // as a non-voting follower (it syncs and serves; Leader.getNonVotingFollowers), and `reconfig
  // -add` makes it a voter (COMMITANDACTIVATE).
  test.each([
    { name: 'one voter', voters: '1', before: [] as string[], leader: 1 },
    { name: 'three voters, zk2 down', voters: '3', before: ['lab kill 2'], leader: 3 },
  ])('$name: a new voter follows as a non-voting follower, then reconfig -add makes it a voter', async ({ voters, before, leader }) => {
    const { config: c, errors } = parseLabConfig([['voters', voters], ['seed', '7'], ['reconfigEnabled', 'true'], ['superDigest', SUPER]]);
    if (errors.length > 0) throw new Error(errors.join('; '));
    const rt = new LabRuntime(c, () => new InProcessHost());
    const sid = Number(voters) + 1;
    await play(rt, ['run 3000', ...before, 'run 2000', 'lab add voter', 'run 1000']);
    const sim = zkSim(rt.sim);
    const view = () => sim.servers.get(sid)?.view ?? null;
    expect(view()).toMatchObject({ state: 'FOLLOWING', learnerType: 'PARTICIPANT', nonVoting: true, currentVote: { id: leader } });
    // Its card carries the ring's "non-voting" badge; the others' do not.
    const nonVotingCards = () => buildServerCards(sim).filter((card) => card.nonVoting).map((card) => card.sid);
    expect(nonVotingCards()).toEqual([sid]);
    const lines = async (cmd: string) => (await runLabCommand(rt, cmd)).lines.join('\n').split('\n');
    expect(await lines(`lab 4lw ${sid} srvr`)).toContain('Mode: follower');
    expect(await lines(`lab 4lw ${leader} mntr`)).toContain('zk_synced_non_voting_followers\t1');
    expect(await lines('lab status')).toContain(`zk${sid} FOLLOWING (non-voting) leader=zk${leader} phase=BROADCAST logicalclock=1 acceptedEpoch=1 currentEpoch=1 lastZxid=0x100000000`);
    // it serves: a write through it commits everywhere
    await play(rt, [`lab write ${sid} 1`, 'run 1000']);
    expect(view()?.lastLoggedZxid).toBe(sim.servers.get(leader)?.view?.lastLoggedZxid);
    expect(view()?.lastLoggedZxid).toBe(0x100000001);
    const out = await play(rt, ['zk addauth digest super:admin', `zk reconfig -add server.${sid}=zk${sid}:2888:3888:participant;zk${sid}:2181`, 'run 1000']);
    expect(out).toContain('Committed new configuration:');
    expect(out).toContain(`server.${sid}=zk${sid}:2888:3888:participant;zk${sid}:2181`);
    expect(view()).toMatchObject({ state: 'FOLLOWING', learnerType: 'PARTICIPANT' });
    expect(view()?.nonVoting).toBeUndefined();
    expect(nonVotingCards()).toEqual([]);
    expect(await lines(`lab 4lw ${leader} mntr`)).toContain('zk_synced_non_voting_followers\t0');
    rt.dispose();
  }, 60_000);
});
