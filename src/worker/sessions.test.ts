/**
 * Sessions, ephemerals and watches across clients on the simulated ensemble (ZooKeeper 3.8).
 */
import { describe, expect, test } from 'vitest';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import type { WatchedEvent } from '../cli/zkcli/ZkClient.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

const OPEN = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const enc = (s: string) => new TextEncoder().encode(s);

async function setup(config = {}) {
  const lab = new HeadlessLab({ voters: 3, seed: 21, ...config });
  await lab.runtime.runFor(3000);
  const client = (host: string) => {
    const c = new LabZkClient(lab.runtime, { drive: () => true });
    const events: string[] = [];
    c.setDefaultWatcher((e: WatchedEvent) => events.push(`${e.state} ${e.type} ${e.path}`));
    return { c, events, connect: () => c.connect(host) };
  };
  return { lab, client };
}

describe('sessions', () => {
  test('a session whose server dies expires after its timeout: its ephemerals go, other clients see the events, and the client sees Expired', async () => {
    const { lab, client } = await setup();
    const a = client('zk1:2181');
    const b = client('zk2:2181');
    await a.connect();
    await b.connect();
    expect(a.events).toEqual(['SyncConnected None null']);
    await a.c.create('/e', enc('mine'), OPEN, 'EPHEMERAL', 0);
    expect(await b.c.exists('/e', true)).not.toBeNull();
    await b.c.getChildren('/', true);
    await lab.lab('kill 1');
    await lab.runtime.runFor(1000);
    // The client lost its server: Disconnected, and it keeps trying zk1 (its only host).
    expect(a.events).toEqual(['SyncConnected None null', 'Disconnected None null']);
    // The session (30 s, negotiated down to 20 × tickTime = 40 s cap) is still alive for a while …
    expect(await b.c.exists('/e', false)).not.toBeNull();
    await lab.runtime.runFor(35000);
    // … then the leader's session tracker expires it: closeSession deletes /e, and B is told.
    expect(await b.c.exists('/e', false)).toBeNull();
    expect(b.events).toEqual(['SyncConnected None null', 'SyncConnected NodeDeleted /e', 'SyncConnected NodeChildrenChanged /']);
    await lab.lab('start 1');
    await lab.runtime.runFor(3000);
    expect(a.events).toEqual(['SyncConnected None null', 'Disconnected None null', 'Expired None null']);
    expect(a.c.getState()).toBe('CLOSED');
    expect(lab.checker.violations).toEqual([]);
  });

  test('a client that reconnects within its timeout keeps its session, ephemerals and watches', async () => {
    const { lab, client } = await setup();
    const a = client('zk1:2181');
    const b = client('zk3:2181');
    await a.connect();
    await b.connect();
    await a.c.create('/e', null, OPEN, 'EPHEMERAL', 0);
    await a.c.create('/w', enc('1'), OPEN, 'PERSISTENT', 0);
    await a.c.getData('/w', true);
    const session = a.c.sessionId;
    await lab.lab('kill 1');
    await lab.runtime.runFor(300);
    await b.c.setData('/w', enc('2'), -1);
    await lab.lab('start 1');
    await lab.runtime.runFor(3000);
    expect(a.c.sessionId).toBe(session);
    expect(a.c.getState()).toBe('CONNECTED');
    // The data watch set before the disconnect fires on reconnect (setWatches: mzxid > lastZxid seen).
    expect(a.events).toEqual(['SyncConnected None null', 'Disconnected None null', 'SyncConnected None null', 'SyncConnected NodeDataChanged /w']);
    expect(await b.c.exists('/e', false)).not.toBeNull();
  });

  test('with several hosts in its connect string, a client whose server dies moves to the next one and keeps its session (REVALIDATE)', async () => {
    const { lab, client } = await setup();
    const a = client('zk1:2181,zk2:2181,zk3:2181');
    await a.connect();
    await a.c.create('/mine', null, OPEN, 'EPHEMERAL', 0);
    const session = a.c.sessionId;
    await lab.lab('kill 1');
    await lab.runtime.runFor(3000);
    expect(a.c.server).toBe(2);
    expect(a.c.sessionId).toBe(session);
    expect(a.c.getState()).toBe('CONNECTED');
    expect(a.events).toEqual(['SyncConnected None null', 'Disconnected None null', 'SyncConnected None null']);
    // zk2 asked the leader to revalidate the session before accepting it.
    expect(lab.sim.trace.some((e) => e.kind === 'deliver' && e.msg.type === 'REVALIDATE' && e.from === 2)).toBe(true);
    expect(await a.c.exists('/mine', false)).not.toBeNull();
  });

  test('close deletes the ephemerals at once and a watcher elsewhere sees NodeDeleted', async () => {
    const { client } = await setup();
    const a = client('zk2:2181');
    const b = client('zk3:2181');
    await a.connect();
    await b.connect();
    await a.c.create('/lock', null, OPEN, 'EPHEMERAL', 0);
    await b.c.exists('/lock', true);
    await a.c.close();
    expect(a.events.at(-1)).toBe('Closed None null');
    // b's event arrives with the next thing b hears from its server.
    expect(await b.c.exists('/lock', false)).toBeNull();
    expect(b.events).toContain('SyncConnected NodeDeleted /lock');
  });

  test('a read on a lagging follower is stale until sync; after sync it sees the latest committed value', async () => {
    const { lab, client } = await setup();
    const fast = client('zk2:2181');
    const slow = client('zk1:2181');
    await fast.connect();
    await slow.connect();
    await fast.c.create('/v', enc('1'), OPEN, 'PERSISTENT', 0);
    await lab.runtime.runFor(500);
    // The leader (zk3) can no longer reach zk1: zk1 keeps serving its own, older tree.
    await lab.lab('cut 3->1');
    await fast.c.setData('/v', enc('2'), -1);
    const stale = await slow.c.getData('/v', false);
    expect(new TextDecoder().decode(stale.data!)).toBe('1');
    // sync goes to the leader; its answer queues behind the COMMIT on the same connection.
    const syncing = slow.c.sync('/v');
    await lab.runtime.runFor(1000);
    await lab.lab('heal');
    expect(await syncing).toBe(0);
    const fresh = await slow.c.getData('/v', false);
    expect(new TextDecoder().decode(fresh.data!)).toBe('2');
  });

  test('session timeouts are negotiated to [2, 20] × tickTime', async () => {
    // Loopback-like links: a 100 ms connect timeout (the requested 100 ms) must be enough for createSession to commit.
    const { lab } = await setup({ tickTime: 200, latencyMs: 1, latencySpreadMs: 2 });
    for (const [asked, got] of [[100, 400], [3000, 3000], [30000, 4000]] as const) {
      const c = new LabZkClient(lab.runtime, { drive: () => true, sessionTimeout: asked });
      await c.connect('zk1:2181');
      expect(lab.sim.clients.get(c.clientId!)?.negotiatedTimeout).toBe(got);
    }
  });

  test('the leader removes an emptied container (and an expired TTL node) on its container check', async () => {
    const { lab, client } = await setup();
    const a = client('zk1:2181');
    await a.connect();
    await a.c.create('/c', null, OPEN, 'CONTAINER', 0);
    await a.c.create('/never', null, OPEN, 'CONTAINER', 0);
    await a.c.create('/c/x', null, OPEN, 'PERSISTENT', 0);
    await a.c.create('/t', null, OPEN, 'PERSISTENT_WITH_TTL', 3000);
    await a.c.delete('/c/x', -1);
    expect(await a.c.exists('/c', false)).not.toBeNull();
    await lab.runtime.runFor(61000);
    expect(await a.c.exists('/c', false)).toBeNull();
    expect(await a.c.exists('/t', false)).toBeNull();
    // A container that never had a child stays (maxNeverUsedIntervalMs is 0).
    expect(await a.c.exists('/never', false)).not.toBeNull();
  });

  test('a request larger than jute.maxbuffer closes the connection: ConnectionLoss, then the session reconnects', async () => {
    const { lab } = await setup();
    const c = new LabZkClient(lab.runtime, { drive: () => true });
    const cli = new ZkCli({ server: 'zk1:2181', jline: false });
    const startup = await cli.startup(c);
    expect(startup.map((l) => l.text)).toContain('WatchedEvent state:SyncConnected type:None path:null');
    const big = 'x'.repeat(1_048_576);
    const out = (await cli.execute(`create /big2 ${big}`, c)).map((l) => l.text);
    expect(out).toContain('KeeperErrorCode = ConnectionLoss for /big2');
    expect(out).toContain('WatchedEvent state:Disconnected type:None path:null');
    await lab.runtime.runFor(3000);
    const ok = (await cli.execute(`create /ok ${'y'.repeat(1_000_000)}`, c)).map((l) => l.text);
    expect(ok).toContain('Created /ok');
  });
});
