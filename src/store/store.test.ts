import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseLabConfig } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import {
  killServer, pauseSimulation, playSimulation, runConsoleLine, runConsoleText, setSpeed, startServer, stepEvent,
} from './actions.ts';
import { createFrameTicker, subscribeFrameEvery, SYNC_EVERY_MS } from './frameLoop.ts';
import { useLabStore } from './labStore.ts';
import { currentSession, disposeLab, initLab, syncLab } from './session.ts';
import { zkCliPrompt } from './zkcliBridge.ts';

let runtime: LabRuntime;

function open(query: string): LabRuntime {
  const { config, problems } = parseLabConfig(new URLSearchParams(query));
  runtime = new LabRuntime(config, () => new InProcessHost());
  initLab(runtime, { configErrors: problems });
  return runtime;
}

/** Waits for the queue to drain without queueing anything (a waiting op makes a frame's run yield). */
async function settle(): Promise<void> {
  const ops = currentSession()!.ops;
  while (ops.busy) await new Promise((r) => setTimeout(r, 0));
}

const state = () => useLabStore.getState();
/** The echo of a command: the prompt zkCli shows now, then the line. */
const echo = (line: string) => zkCliPrompt() + line;
const activeTab = () => state().consoleTabs.find((t) => t.id === state().activeConsoleTab)!;
const lines = () => activeTab().lines;
const texts = () => lines().map((l) => l.text);

beforeEach(async () => {
  open('voters=3');
  // Whatever the console does on load (the zkCli session connects) finishes first.
  await settle();
});
afterEach(() => {
  disposeLab();
  runtime.dispose();
});

describe('lab store', () => {
  test('opens like zkCli -server zk1:2181, with a card per server', () => {
    expect(texts().slice(0, 3)).toEqual(['Connecting to zk1:2181', 'Welcome to ZooKeeper!', 'JLine support is enabled']);
    expect(activeTab().prompt).toBe(zkCliPrompt());
    expect(activeTab().prompt).toMatch(/^\[zk: zk1:2181\(\w+\) \d+\] $/);
    expect(state().serverIds).toEqual([1, 2, 3]);
    expect(Object.keys(state().servers)).toEqual(['1', '2', '3']);
    expect(state().paused).toBe(false);
    expect(runtime.isPaused()).toBe(false);
  });

  test('zkCli connects without running the clock: the SyncConnected block prints when the session exists', async () => {
    // Nothing has advanced simulated time yet: the client is still looking for its server.
    expect(runtime.sim.now).toBe(0);
    expect(zkCliPrompt()).toBe('[zk: zk1:2181(CONNECTING) 0] ');
    expect(texts()).not.toContain('WatchedEvent state:SyncConnected type:None path:null');
    const prompt = zkCliPrompt();
    await runConsoleLine('lab run 5s');
    // The WATCHER block is asynchronous output: it lands inside the command that ran time forward.
    const at = texts().lastIndexOf(prompt + 'lab run 5s');
    expect(texts().slice(at)).toEqual([
      prompt + 'lab run 5s', '', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null', expect.stringMatching(/^time \d+\.\d{3}s$/),
    ]);
    expect(zkCliPrompt()).toBe('[zk: zk1:2181(CONNECTED) 0] ');
    // A `connect` the user types is a command: it completes (the session exists) before the next one.
    pauseSimulation();
    await runConsoleLine('connect zk2:2181');
    expect(zkCliPrompt()).toMatch(/^\[zk: zk2:2181\(CONNECTED\) \d+\] $/);
  });

  test('lab commands run, echo after the prompt, and update the cards', async () => {
    await runConsoleLine('lab run 5s'); // the ensemble elects and the console's session is established
    const prompt = zkCliPrompt();
    await runConsoleLine('lab run 5s');
    expect(texts().slice(-2)).toEqual([prompt + 'lab run 5s', expect.stringMatching(/^time \d+\.\d{3}s$/)]);
    const s = state().servers;
    expect([s[1]?.state, s[2]?.state, s[3]?.state]).toEqual(['FOLLOWING', 'FOLLOWING', 'LEADING']);
    expect(s[3]?.vote).toMatchObject({ leader: 'zk3' });
    expect(s[3]?.phase).toBe('BROADCAST');
    expect(s[3]?.learners.map((l) => l.name).sort()).toEqual(['zk1', 'zk2']);
    expect(activeTab().history.at(-1)).toBe('lab run 5s');
  });

  test('unchanged cards keep their identity', async () => {
    await runConsoleLine('lab run 5s');
    const before = state().servers;
    syncLab();
    expect(state().servers).toBe(before);
    await killServer(1);
    const after = state().servers;
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.state).toBe('DOWN');
    expect(after[2]).toBe(before[2]);
  });

  test('kill and start from the UI verbs show in the console', async () => {
    await runConsoleLine('lab run 5s');
    await killServer(3);
    expect(texts().slice(-1)).toEqual(['zk3 killed']);
    expect(state().servers[3]?.state).toBe('DOWN');
    expect(state().servers[3]?.currentEpoch).toBe(1);
    await runConsoleLine('lab run 10s');
    expect(state().servers[2]?.state).toBe('LEADING');
    await startServer(3);
    await runConsoleLine('lab run 5s');
    expect(state().servers[3]?.state).toBe('FOLLOWING');
  });

  test('errors are marked, other lines go to zkCli', async () => {
    await runConsoleLine('lab kill 42');
    const last = lines().at(-1);
    expect(last?.kind).toBe('error');
    expect(last?.text).toMatch(/^lab kill: no server 42/);
    const before = lines().length;
    const prompt = zkCliPrompt();
    await runConsoleLine('ls /');
    const added = lines().slice(before);
    expect(added[0]).toMatchObject({ kind: 'echo', text: prompt + 'ls /' });
    expect(added.length).toBeGreaterThan(1);
  });

  test('several lines run in order, one command per line', async () => {
    const before = lines().length;
    await runConsoleText('lab pause\nlab run 1s\nlab status\n');
    const t = texts().slice(before);
    expect(t[0]).toBe(echo('lab pause'));
    expect(t[1]).toMatch(/^paused at /);
    expect(t[2]).toBe(echo('lab run 1s'));
    expect(t[3]).toMatch(/^time /);
    expect(t[4]).toBe(echo('lab status'));
    expect(t.slice(6, 9).map((l) => l.split(' ')[0])).toEqual(['zk1', 'zk2', 'zk3']);
  });

  test('lab pause / lab play and the verbs drive the same playback state', async () => {
    await runConsoleLine('lab pause');
    expect(state().paused).toBe(true);
    expect(runtime.isPaused()).toBe(true);
    playSimulation();
    expect(state().paused).toBe(false);
    expect(runtime.isPaused()).toBe(false);
    pauseSimulation();
    await runConsoleLine('lab play');
    expect(state().paused).toBe(false);
    expect(runtime.isPaused()).toBe(false);
    setSpeed(250);
    expect(state().speed).toBe(100);
  });

  test('step pauses and runs one event', async () => {
    const before = runtime.sim.eventCount;
    await stepEvent();
    expect(runtime.sim.eventCount).toBe(before + 1);
    expect(state().paused).toBe(true);
  });

  test('bad URL settings become a notice', async () => {
    disposeLab();
    open('voters=99&observers=1');
    await settle();
    expect(state().notices).toHaveLength(1);
    expect(state().notices[0]?.lines[0]).toMatch(/^voters must be an integer from 1 to 9/);
    expect(state().serverIds).toEqual([1, 2, 3, 4]);
    expect(state().servers[4]?.observer).toBe(true);
  });
});

describe('frame ticker', () => {
  test('maps wall time to simulated time while playing, never overlapping runs', async () => {
    const tick = createFrameTicker();
    const ops = currentSession()!.ops;
    const t0 = runtime.sim.now;
    tick(1000);
    await settle();
    tick(1016);
    expect(ops.busy).toBe(true);
    tick(1032); // busy: skipped, caught up later
    await settle();
    expect(runtime.sim.now).toBe(t0 + 16);
    tick(1048);
    await settle();
    expect(runtime.sim.now).toBe(t0 + 48);
    setSpeed(10);
    tick(1064);
    await settle();
    expect(runtime.sim.now).toBe(t0 + 208);
  });

  test('a frame run yields to a waiting command', async () => {
    const tick = createFrameTicker();
    const t0 = runtime.sim.now;
    tick(0);
    setSpeed(100);
    tick(250); // 25 s of simulated time queued...
    const command = runConsoleLine('lab status'); // ...but a command is waiting: the run yields
    await command;
    expect(runtime.sim.now).toBeLessThan(t0 + 25_000);
    const t = texts();
    expect(t[t.lastIndexOf(echo('lab status')) + 1]).toMatch(/^time /);
  });

  test('while playing, the store is synced at most every SYNC_EVERY_MS; paused, at the next frame', async () => {
    const tick = createFrameTicker();
    const session = currentSession()!;
    session.dirty = true;
    tick(1000); // the first frame syncs
    expect(session.dirty).toBe(false);
    await settle();
    tick(1016); // runs 16 ms of the lab…
    await settle();
    expect(session.dirty).toBe(true);
    tick(1000 + SYNC_EVERY_MS / 2);
    expect(session.dirty).toBe(true); // …but too soon after the last sync: the cards and the event log wait
    tick(1000 + SYNC_EVERY_MS);
    expect(session.dirty).toBe(false);
    pauseSimulation();
    session.dirty = true; // e.g. a zkCli write while paused
    tick(1000 + SYNC_EVERY_MS + 1); // paused: shown at the next frame
    expect(session.dirty).toBe(false);
  });

  test('while playing, what shares a period changes in the same frame as the store sync, however late it subscribed', async () => {
    const tick = createFrameTicker();
    const session = currentSession()!;
    let wall = 1000;
    const fired: Array<[string, number]> = [];
    const offA = subscribeFrameEvery(SYNC_EVERY_MS, () => fired.push(['a', wall]), () => wall);
    const frame = async (t: number) => {
      wall = t;
      session.dirty = true;
      tick(t);
      if (!session.dirty) fired.push(['sync', t]);
      await settle();
    };
    await frame(1000);
    wall = 1030;
    const offB = subscribeFrameEvery(SYNC_EVERY_MS, () => fired.push(['b', wall]), () => wall);
    for (const t of [1030, 1060, 1090, 1110, 1140, 1170, 1200]) await frame(t);
    offA();
    offB();
    const at = (who: string) => fired.filter(([w]) => w === who).map(([, t]) => t);
    // b's first call is when it subscribes; after that, every view fires in the frame the store syncs.
    expect(at('sync')).toEqual([1000, 1110, 1200]);
    expect(at('a').filter((t) => t > 1000)).toEqual([1110, 1200]);
    expect(at('b').filter((t) => t > 1030)).toEqual([1110, 1200]);
  });

  test('does not advance while paused', async () => {
    const tick = createFrameTicker();
    const t0 = runtime.sim.now;
    pauseSimulation();
    tick(0);
    tick(500);
    await settle();
    expect(runtime.sim.now).toBe(t0);
  });

  test('a lab opened paused on an ensemble without a quorum keeps its clock at zero (the startup-election lesson)', async () => {
    disposeLab();
    runtime.dispose();
    const { config } = parseLabConfig(new URLSearchParams('voters=5&boot=1&seed=3'));
    runtime = new LabRuntime(config, () => new InProcessHost());
    initLab(runtime, { paused: true });
    await settle();
    expect(runtime.sim.now).toBe(0);
    expect(zkCliPrompt()).toBe('[zk: zk1:2181(CONNECTING) 0] ');
    // Starting the others lets zk1's client in once a leader serves.
    await runConsoleLine('lab start zk2 zk3');
    await runConsoleLine('lab run 10s');
    expect(zkCliPrompt()).toBe('[zk: zk1:2181(CONNECTED) 0] ');
    expect(texts()).toContain('WatchedEvent state:SyncConnected type:None path:null');
  });
});
