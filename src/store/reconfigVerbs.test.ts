import { afterEach, describe, expect, test } from 'vitest';
import { parseLabConfig } from '../protocol/config.ts';
import { InProcessHost } from '../worker/inProcessHost.ts';
import { LabRuntime } from '../worker/runtime.ts';
import { addToEnsemble, labReconfigEnabled, RECORDED_SUPER_DIGEST, removeFromEnsemble, runConsoleLine, tabIsSuper } from './actions.ts';
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
});
