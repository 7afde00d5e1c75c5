import { afterEach, describe, expect, test } from 'vitest';
import { parseLabConfig } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import {
  addToEnsemble, ensembleResizeInput, labReconfigEnabled, RECORDED_SUPER_DIGEST, removeFromEnsemble, resizeEnsemble, runConsoleLine, tabIsSuper,
} from './actions.ts';
import { syncLab } from './session.ts';
import { useLabStore } from './labStore.ts';
import { currentSession, disposeLab, initLab } from './session.ts';

let runtime: LabRuntime | null = null;

async function open(query: string): Promise<void> {
  const { config } = parseLabConfig(new URLSearchParams(query));
  runtime = new LabRuntime(config, () => new InProcessHost());
  initLab(runtime);
  const ops = currentSession()!.ops;
  while (ops.busy) await new Promise((r) => setTimeout(r, 0));
}

const lines = () => {
  const s = useLabStore.getState();
  return s.consoleTabs.find((t) => t.id === s.activeConsoleTab)!.lines;
};
const echoes = () => lines().filter((l) => l.kind === 'echo').map((l) => l.text);

afterEach(() => {
  disposeLab();
  runtime?.dispose();
  runtime = null;
});

describe('reconfig verbs', () => {
  test('labReconfigEnabled follows the lab\'s reconfigEnabled', async () => {
    await open('voters=3');
    expect(labReconfigEnabled()).toBe(false);
    disposeLab();
    runtime!.dispose();
    await open('voters=3&reconfigEnabled=true');
    expect(labReconfigEnabled()).toBe(true);
  });

  test('removeFromEnsemble: addauth digest super:admin once, then reconfig -remove N', async () => {
    await open(`voters=3&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    await removeFromEnsemble(2);
    const first = echoes().filter((e) => / (addauth digest super:admin|reconfig -remove \d)$/.test(e));
    expect(first.map((e) => e.replace(/^.*\] /, ''))).toEqual(['addauth digest super:admin', 'reconfig -remove 2']);
    expect(lines().map((l) => l.text)).toContain('Committed new configuration:');
    await removeFromEnsemble(1);
    const all = echoes().filter((e) => / (addauth digest super:admin|reconfig -remove \d)$/.test(e)).map((e) => e.replace(/^.*\] /, ''));
    expect(all).toEqual(['addauth digest super:admin', 'reconfig -remove 2', 'reconfig -remove 1']);
  });

  test('tabIsSuper reads the session\'s real auth info, not the console\'s text', async () => {
    await open(`voters=3&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    expect(tabIsSuper()).toBe(false);
    await runConsoleLine('addauth digest super:wrong');
    expect(tabIsSuper()).toBe(false);
    await runConsoleLine('addauth digest super:admin');
    expect(tabIsSuper()).toBe(true);
    // A new session (zkCli's `connect`) has no auth, though the console still shows the addauth line.
    await runConsoleLine('connect zk2:2181');
    await runConsoleLine('lab run 2s');
    expect(tabIsSuper()).toBe(false);
    await removeFromEnsemble(3);
    const tail = echoes().map((e) => e.replace(/^.*\] /, '')).slice(-2);
    expect(tail).toEqual(['addauth digest super:admin', 'reconfig -remove 3']);
    expect(tabIsSuper()).toBe(true);
  });

  test('removeFromEnsemble without the recordings\' superDigest says super auth is needed and runs nothing', async () => {
    await open('voters=3&reconfigEnabled=true');
    const before = echoes().length;
    await removeFromEnsemble(2);
    expect(echoes().length).toBe(before);
    const last = lines().at(-1)!;
    expect(last.kind).toBe('error');
    expect(last.text).toContain('super');
    expect(last.text).toContain(`superDigest=${RECORDED_SUPER_DIGEST}`);
  });
  test('addToEnsemble: lab add observer, then (super) reconfig -add of the new server; it becomes an observer', async () => {
    await open(`voters=3&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    await addToEnsemble('observer');
    const mine = echoes().map((e) => e.replace(/^.*\] /, '')).filter((e) => /^(lab add|addauth|reconfig)/.test(e));
    expect(mine).toEqual(['lab add observer', 'addauth digest super:admin', 'reconfig -add server.4=zk4:2888:3888:observer;zk4:2181']);
    expect(lines().map((l) => l.text)).toContain('server.4=zk4:2888:3888:observer;zk4:2181');
    await runConsoleLine('lab run 5s');
    await runConsoleLine('lab status');
    expect(lines().map((l) => l.text).filter((l) => l.startsWith('zk4 ')).at(-1)).toMatch(/^zk4 OBSERVING /);
  });

  test('addToEnsemble at the limit: lab add refuses and no reconfig runs', async () => {
    await open(`voters=3&observers=4&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    await addToEnsemble('observer');
    expect(echoes().some((e) => / reconfig /.test(e))).toBe(false);
  });

  const mine = () => echoes().map((e) => e.replace(/^.*\] /, '')).filter((e) => /^(lab add|addauth|reconfig)/.test(e));
  const header = () => {
    syncLab();
    const e = useLabStore.getState().ensemble;
    return { voters: e.voters, observers: e.observers };
  };

  test('the header and the cards follow the live configuration: add, remove, and a server outside it', async () => {
    await open(`voters=3&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    expect(header()).toEqual({ voters: [1, 2, 3], observers: [] });
    await runConsoleLine('lab add observer');
    syncLab();
    // Started, not yet a member: outside the configuration, an observer by its own zoo.cfg.
    expect(useLabStore.getState().servers[4]).toMatchObject({ member: false, observer: true });
    expect(header()).toEqual({ voters: [1, 2, 3], observers: [] });
    await runConsoleLine('addauth digest super:admin');
    await runConsoleLine('reconfig -add server.4=zk4:2888:3888:observer;zk4:2181');
    expect(header()).toEqual({ voters: [1, 2, 3], observers: [4] });
    expect(useLabStore.getState().servers[4]).toMatchObject({ member: true, observer: true });
    // Promote it: the card is a voter now.
    await runConsoleLine('reconfig -add server.4=zk4:2888:3888:participant;zk4:2181');
    expect(header()).toEqual({ voters: [1, 2, 3, 4], observers: [] });
    expect(useLabStore.getState().servers[4]).toMatchObject({ member: true, observer: false });
    await runConsoleLine('reconfig -remove 2');
    expect(header()).toEqual({ voters: [1, 3, 4], observers: [] });
    expect(useLabStore.getState().servers[2]!.member).toBe(false);
    // A rewind to before the reconfigs gives back the opening configuration.
    await runConsoleLine('lab seek 5s');
    expect(header()).toEqual({ voters: [1, 2, 3], observers: [] });
  });

  test('resizeEnsemble: observers 0 → 2 adds two as + Observer does, 2 → 0 removes both in one reconfig', async () => {
    await open(`voters=3&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    syncLab();
    await resizeEnsemble('observers', 2);
    expect(mine()).toEqual([
      'lab add observer', 'addauth digest super:admin', 'reconfig -add server.4=zk4:2888:3888:observer;zk4:2181',
      'lab add observer', 'reconfig -add server.5=zk5:2888:3888:observer;zk5:2181',
    ]);
    expect(header()).toEqual({ voters: [1, 2, 3], observers: [4, 5] });
    await runConsoleLine('lab run 3s');
    await runConsoleLine('lab status');
    for (const n of [4, 5]) expect(lines().map((l) => l.text).filter((l) => l.startsWith(`zk${n} `)).at(-1)).toMatch(new RegExp(`^zk${n} OBSERVING `));
    await resizeEnsemble('observers', 0);
    expect(mine().at(-1)).toBe('reconfig -remove 5,4');
    expect(header()).toEqual({ voters: [1, 2, 3], observers: [] });
  });

  test('resizeEnsemble: voters 3 → 1 is refused until the leader is the one left; 3 → 2 removes the newest', async () => {
    await open(`voters=3&reconfigEnabled=true&superDigest=${RECORDED_SUPER_DIGEST}`);
    await runConsoleLine('lab run 5s');
    syncLab();
    const input = ensembleResizeInput()!;
    expect(input.leader).not.toBeNull();
    expect([...input.synced].sort()).toEqual([1, 2, 3]);
    await resizeEnsemble('voters', 0);
    expect(lines().at(-1)).toMatchObject({ kind: 'error', text: expect.stringContaining('without a voter') });
    await resizeEnsemble('voters', 2);
    expect(mine().at(-1)).toBe('reconfig -remove 3');
    expect(header()).toEqual({ voters: [1, 2], observers: [] });
  });

  test('resizeEnsemble without reconfigEnabled does nothing', async () => {
    await open('voters=3');
    await runConsoleLine('lab run 5s');
    expect(ensembleResizeInput()).toBeNull();
    const before = lines().length;
    await resizeEnsemble('observers', 1);
    expect(lines().length).toBe(before);
  });
});
