import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseLabConfig } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import {
  chooseZnodeServer, closeConsoleTab, completeConsoleInput, openConsoleTab, runConsoleLine, selectConsoleTab, selectServer, selectZnode,
} from './actions.ts';
import { useLabStore } from './labStore.ts';
import { currentSession, disposeLab, initLab } from './session.ts';
import { refreshZnodes } from './znodes.ts';
import { consoleClient, zkCliPrompt } from './zkcliBridge.ts';

let runtime: LabRuntime;
const state = () => useLabStore.getState();
const tabOf = (id: number) => state().consoleTabs.find((t) => t.id === id)!;
const texts = (id: number) => tabOf(id).lines.filter((l) => l.kind !== 'info').map((l) => l.text);

async function settle(): Promise<void> {
  const ops = currentSession()!.ops;
  while (ops.busy) await new Promise((r) => setTimeout(r, 0));
}

beforeEach(async () => {
  const { config } = parseLabConfig(new URLSearchParams('voters=3'));
  runtime = new LabRuntime(config, () => new InProcessHost());
  initLab(runtime, { paused: true });
  await settle();
  await runConsoleLine('lab run 5s');
});

afterEach(() => {
  disposeLab();
  runtime.dispose();
});

describe('console tabs', () => {
  test('each tab has its own zkCli, session, server, history and output', async () => {
    await runConsoleLine('create -e /eph x');
    const id = await openConsoleTab(2);
    expect(state().activeConsoleTab).toBe(id);
    expect(texts(id).slice(0, 3)).toEqual(['Connecting to zk2:2181', 'Welcome to ZooKeeper!', 'JLine support is enabled']);
    // As zkCli: the prompt comes at once, the session when simulated time lets the handshake happen.
    expect(tabOf(id)).toMatchObject({ host: 'zk2:2181', sid: 2, state: 'CONNECTING' });
    await runConsoleLine('lab run 1s', id);
    expect(texts(id)).toContain('WatchedEvent state:SyncConnected type:None path:null');
    expect(tabOf(id)).toMatchObject({ host: 'zk2:2181', sid: 2, state: 'CONNECTED' });
    expect(tabOf(id).sessionId).not.toBe(tabOf(1).sessionId);
    expect(zkCliPrompt(id)).toBe('[zk: zk2:2181(CONNECTED) 0] ');
    await runConsoleLine('ls /');
    expect(texts(id).slice(-2)).toEqual(['[zk: zk2:2181(CONNECTED) 0] ls /', '[eph, zookeeper]']);
    expect(tabOf(id).history).toEqual(['lab run 1s', 'ls /']);
    expect(tabOf(1).history).toEqual(['lab run 5s', 'create -e /eph x']);
    // `connect` moves the tab's client to another server.
    await runConsoleLine('connect zk3:2181', id);
    expect(tabOf(id)).toMatchObject({ host: 'zk3:2181', sid: 3 });
    // Closing the first tab's session deletes its ephemeral; the other tab sees it.
    selectConsoleTab(1);
    await runConsoleLine('close');
    expect(tabOf(1).state).toBe('CLOSED');
    await runConsoleLine('lab run 1s');
    await runConsoleLine('ls /', id);
    expect(texts(id).at(-1)).toBe('[zookeeper]');
    // Closing a tab closes its session and removes it; the default tab stays.
    const client = consoleClient(id)!;
    await closeConsoleTab(id);
    expect(client.getState()).toBe('CLOSED');
    expect(state().consoleTabs.map((t) => t.id)).toEqual([1]);
    expect(state().activeConsoleTab).toBe(1);
    await closeConsoleTab(1);
    expect(state().consoleTabs).toHaveLength(1);
  });
});

describe('znode tree', () => {
  test('nodes with their kinds, owners and watches; details as get/stat/getAcl print them', async () => {
    await runConsoleLine('create /app hello');
    await runConsoleLine('create -e /app/eph x');
    await runConsoleLine('create -s /app/lock- x');
    await runConsoleLine('create -c /box');
    await runConsoleLine('create -t 5000 /ttl x');
    await runConsoleLine('get -w /app');
    await runConsoleLine('ls -w /box');
    await refreshZnodes();
    const m = state().znodeTree!;
    expect(state().znodeStatus).toBe('ready');
    expect(m.sid).toBe(1);
    expect(m.comparedWith).toBe(3);
    expect(m.nodes['/']!.children).toEqual(['app', 'box', 'ttl', 'zookeeper']);
    expect(m.nodes['/app/eph']).toMatchObject({ kind: 'ephemeral', owner: tabOf(1).sessionId, sequential: false });
    expect(m.nodes['/app/lock-0000000001']).toMatchObject({ kind: 'persistent', sequential: true });
    expect(m.nodes['/box']!.kind).toBe('container');
    expect(m.nodes['/ttl']).toMatchObject({ kind: 'ttl', ttlMs: 5000 });
    expect(m.nodes['/app']!.watches?.data).toHaveLength(1);
    expect(m.nodes['/box']!.watches?.child).toHaveLength(1);
    expect(m.nodes['/ttl']!.watches).toBeNull();
    expect(Object.values(m.nodes).filter((n) => n.diff !== null)).toEqual([]);

    selectZnode('/app');
    const d = state().znodeDetails!;
    const before = texts(1).length;
    await runConsoleLine('stat /app');
    expect(d.stat).toEqual(texts(1).slice(before + 1));
    expect(d.data).toBe('hello');
    expect(d.acl).toEqual(["'world,'anyone", ': cdrwa']);
  });

  test('a server cut off from the leader: what it lacks is marked missing', async () => {
    await runConsoleLine('connect zk2:2181');
    await runConsoleLine('lab partition 1 2,3');
    await runConsoleLine('create /new x');
    await runConsoleLine('set /zookeeper/quota y');
    chooseZnodeServer(1);
    await refreshZnodes();
    const m = state().znodeTree!;
    expect(m.sid).toBe(1);
    expect(m.comparedWith).toBe(3);
    expect(m.nodes['/new']?.diff).toBe('missing');
    expect(m.nodes['/']!.children).toContain('new');
    expect(m.nodes['/zookeeper/quota']?.diff).toBe('changed');
    selectZnode('/new');
    expect(state().znodeDetails).toMatchObject({ exists: false, data: 'x' });
  });

  test('completion offers the paths of the tab server’s tree', async () => {
    await runConsoleLine('create /app hello');
    await refreshZnodes();
    expect(completeConsoleInput('get /a', 6)?.value).toBe('get /app');
    expect(completeConsoleInput('cre', 3)?.value).toBe('create ');
  });
});

describe('inspector', () => {
  test('the log with its committed part, and the sync mode flashed on a rejoining learner', async () => {
    selectServer(3);
    await runConsoleLine('create /x 1');
    const log = state().serverLog!;
    expect(log.sid).toBe(3);
    expect(log.rows.at(-1)).toMatchObject({ type: 'create', target: '/x', committed: true });
    expect(log.rows[0]?.type).toBe('createSession');

    await runConsoleLine('lab kill 1');
    await runConsoleLine('connect zk2:2181');
    await runConsoleLine('create /y 1');
    await runConsoleLine('lab start 1');
    await runConsoleLine('lab run 1500ms');
    expect(state().syncFlashes[1]).toMatchObject({ mode: 'DIFF', leader: 'zk3' });
    await runConsoleLine('lab run 6s');
    expect(state().syncFlashes[1]).toBeUndefined();
  });
});
