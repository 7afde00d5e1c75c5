/**
 * The client-history checker on real runs: three zkCli-like sessions (LabZkClient) on different
 * servers write and read one znode concurrently while a follower dies and returns; the history
 * read from the trace must be linearizable for writes and obey ZooKeeper's read guarantees.
 * Tampering with one recorded read must be caught.
 */
import { expect, test } from 'vitest';
import { checkHistory, historyFromTrace } from '../protocol/checkers/history.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

const OPEN = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const enc = (s: string) => new TextEncoder().encode(s);

test('concurrent sessions on three servers, with a follower crash: the history checks pass; a forged read fails', async () => {
  const lab = new HeadlessLab({ voters: 3, seed: 33 });
  await lab.runtime.runFor(3000);
  const clients = [1, 2, 3].map(() => new LabZkClient(lab.runtime, { drive: () => true }));
  await Promise.all(clients.map((c, i) => c.connect(`zk${i + 1}:2181`)));
  const quiet = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch {
      /* errors are part of the history */
    }
  };
  for (let round = 0; round < 6; round++) {
    if (round === 3) await lab.lab('kill 1');
    if (round === 5) await lab.lab('start 1');
    await Promise.all(clients.map(async (c, i) => {
      await quiet(c.create('/h', enc(`c${i}-${round}`), OPEN, 'PERSISTENT', 0));
      await quiet(c.setData('/h', enc(`s${i}-${round}`), -1));
      await quiet(c.getData('/h', false));
      if (i === round % 3) await quiet(c.delete('/h', -1));
      await quiet(c.sync('/h'));
      await quiet(c.getData('/h', false));
    }));
  }
  const history = historyFromTrace(lab.sim.trace);
  expect(history.filter((o) => o.complete !== null).length).toBeGreaterThan(40);
  const report = checkHistory(history);
  expect(report.violations).toEqual([]);
  expect(report.inconclusive).toEqual([]);
  expect(lab.checker.violations).toEqual([]);
  // A forged read: the last successful read claims a value nobody wrote.
  const forged = history.map((o) => ({ ...o }));
  const read = forged.filter((o) => o.kind === 'get' && o.complete !== null && o.result === 'ok').pop()!;
  read.value = 'forged';
  const bad = checkHistory(forged);
  expect(bad.violations.map((v) => v.check)).toContain('ReadValue');
  expect(bad.violations.find((v) => v.check === 'ReadValue')!.message).toContain(`#${read.id}`);
  lab.dispose();
});
